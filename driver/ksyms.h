/* SPDX-License-Identifier: GPL-2.0 */
/* Resolution of symbols the kernel does not export. */
#ifndef CLKRG_KSYMS_H
#define CLKRG_KSYMS_H

int clkrg_ksyms_init(void);

/* Address of @name, or 0 when this kernel has no such symbol. */
unsigned long clkrg_ksym(const char *name);

#endif
