/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module guard: every live module's text (keyed block hashes, its own
 * patch sites canonicalized), the module list against the module kset's
 * kobjects (a module missing from one view is hidden) and a module that
 * turns LIVE already off the list. Who owns hooks and callbacks is the
 * inventory's (inventory.c).
 */
#ifndef CLKRG_MODULES_H
#define CLKRG_MODULES_H

#include "integrity/kint.h"

struct module;

int clkrg_modules_init(void);
void clkrg_modules_exit(void);

/* Starts guarding clkrg's own code and read-only data (end of load). */
int clkrg_modules_track_self(void);

void clkrg_modules_rebaseline(void);
void clkrg_modules_check(struct clkrg_check_ctx *ctx);

/* On the module list and in /sys/module: not hidden. Any context. */
bool clkrg_module_visible(const struct module *mod);

#endif
