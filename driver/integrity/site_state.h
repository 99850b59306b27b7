/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel says a patch site must hold right now: a jump label
 * follows its static key and branch bit, an ftrace site its record's
 * flags, a static call site or trampoline its key's function, an ftrace
 * caller site the function ftrace traces with. Read with text patching
 * frozen (clkrg_sites_lock()), when the kernel's state and its bytes agree.
 */
#ifndef CLKRG_SITE_STATE_H
#define CLKRG_SITE_STATE_H

#include <linux/types.h>

/* Kinds beyond core/text_sites.h that differ only in how they validate. */
enum { SRC_FTRACE_CALLER = 16, SRC_STATIC_TRAMP };

struct clkrg_site_verdict {
	bool ok;	/* the bytes are the one form the state allows */
	bool vol;	/* the verdict can change while the bytes stay */
	u64 expect;	/* destination the state wants, 0 for a NOP/none */
	u64 found;	/* destination the bytes have, 0 for none */
};

int clkrg_site_state_init(void);

/*
 * Judges the @len bytes at @addr of a site of @kind; @aux is a jump
 * label's target, @ref the kernel object that owns the site (jump entry,
 * static call site, ftrace record, static call key) or NULL when unknown
 * (the site is then only held to a legitimate form).
 */
void clkrg_site_judge(u8 kind, u64 addr, u8 len, u64 aux, const void *ref,
		      struct clkrg_site_verdict *v);

/* The static call key of trampoline @tramp (by its name), or NULL. */
const void *clkrg_site_tramp_key(unsigned long tramp);

/* Whether kprobe @p must be in the text: registered, enabled, armed. */
bool clkrg_site_kprobe_armed(unsigned int flags);

#endif
