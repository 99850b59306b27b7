/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module guard: refuses module loads while block_modules is on, and while
 * the policy or block_modules is locked keeps clkrg loaded: it pins clkrg
 * itself, and the delete_module hooks refuse to unload it or force any
 * unload, until reboot.
 */
#ifndef CLKRG_MODBLOCK_H
#define CLKRG_MODBLOCK_H

#include <linux/types.h>

/* Called for module LIVE and GOING transitions (other than ours). */
typedef void (*clkrg_module_activity)(void);

int clkrg_modblock_init(clkrg_module_activity activity);
void clkrg_modblock_exit(void);

/*
 * From the delete_module hooks: whether this unload must fail with EPERM
 * (an event says who tried). Atomic context; never sleeps.
 */
bool clkrg_modblock_unload_refused(const char __user *uname,
				   unsigned long flags);

/* Takes the permanent self-reference; idempotent. */
void clkrg_modblock_lock(void);

u64 clkrg_modblock_refused(void);

#endif
