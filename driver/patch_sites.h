/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Collects the sites of core kernel text that the kernel patches at run
 * time, from the kernel's own tables: jump entries, static call sites and
 * trampolines, ftrace records and the ftrace_caller call sites, and armed
 * kprobes. Each site is checked to hold one of its legitimate forms; the
 * rest of the text is hashed with the sites canonicalized (core/text_sites).
 */
#ifndef CLKRG_PATCH_SITES_H
#define CLKRG_PATCH_SITES_H

#include <linux/types.h>
#include "core/text_sites.h"

int clkrg_sites_init(unsigned long text_start, unsigned long text_end);
void clkrg_sites_exit(void);

/*
 * Freezes text patching (kprobe_mutex, ftrace_lock, text_mutex, in the
 * kernel's own order) so the sites and the bytes hashed agree.
 */
void clkrg_sites_lock(void);
void clkrg_sites_unlock(void);

/*
 * With the lock held: rebuilds the sites, keeping those whose bytes are in
 * a legitimate form (the others stay plain text, so their change shows in
 * the block hash) and returns the array sorted by address.
 */
const struct lkrg_site *clkrg_sites_refresh(size_t *n);

#endif
