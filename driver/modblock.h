/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module guard: refuses module loads while block_modules is on, and in
 * lock mode pins clkrg itself so that neither rmmod nor rmmod -f unloads
 * it before reboot.
 */
#ifndef CLKRG_MODBLOCK_H
#define CLKRG_MODBLOCK_H

#include <linux/types.h>

/* Called for module LIVE and GOING transitions (other than ours). */
typedef void (*clkrg_module_activity)(void);

int clkrg_modblock_init(clkrg_module_activity activity);
void clkrg_modblock_exit(void);

/* Takes the permanent self-reference; idempotent. */
void clkrg_modblock_lock(void);

u64 clkrg_modblock_refused(void);

#endif
