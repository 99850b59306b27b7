/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module guard: every live module's text (keyed block hashes, its own
 * patch sites canonicalized), the module list against the module kset's
 * kobjects (a module missing from one view is hidden), a module that turns
 * LIVE already off the list, and the owners of ftrace and kprobe hooks
 * (handler code in a hidden module or outside the kernel and every listed
 * module is how ftrace rootkits stay invisible to hashes).
 */
#ifndef CLKRG_MODULES_H
#define CLKRG_MODULES_H

#include "integrity/kint.h"

int clkrg_modules_init(void);
void clkrg_modules_exit(void);

/* Starts guarding clkrg's own code and read-only data (end of load). */
int clkrg_modules_track_self(void);

void clkrg_modules_rebaseline(void);
void clkrg_modules_check(struct clkrg_check_ctx *ctx);

#endif
