/* SPDX-License-Identifier: GPL-2.0 */
/* Resolution of symbols the kernel does not export. */
#ifndef CLKRG_KSYMS_H
#define CLKRG_KSYMS_H

#include <linux/types.h>

int clkrg_ksyms_init(void);

/* Core kernel text, [_stext, _etext): set by clkrg_ksyms_init(). */
extern unsigned long clkrg_stext, clkrg_etext;

/*
 * Address of @name, or 0 when this kernel has no such symbol. Never
 * called through: kernel functions are called with clkrg_kfn()
 * (compat/compat.h).
 */
unsigned long clkrg_ksym(const char *name);

/* Start and size of function @name; false when it has none here. */
bool clkrg_ksym_range(const char *name, unsigned long *start,
		      unsigned long *size);

#endif
