/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named integer knobs: the one place policy lives. Module parameters seed
 * them at load; afterwards only LKRG_IOC_POLICY_SET (CAP_SYS_ADMIN) changes
 * them, and every change is an event.
 */
#ifndef CLKRG_POLICY_H
#define CLKRG_POLICY_H

#include <linux/compiler.h>
#include <linux/types.h>
#include "core/core_compat.h"
#include "services/knobs.h"



/* Called after a knob changed; runs in process context, may sleep. */
typedef void (*clkrg_knob_hook)(enum clkrg_knob_id id, s64 old, s64 value);

/* Validates and applies the load-time values; -EINVAL names the bad one. */
int clkrg_policy_init(const s64 initial[KNOB_COUNT], clkrg_knob_hook hook);
void clkrg_policy_exit(void);

/* Locked: no weakening, shutdown, rebaseline or unload until reboot. */
static inline bool clkrg_policy_locked(void)
{
	return clkrg_policy(KNOB_LOCK) != 0;
}

/*
 * Reports an operation refused because the policy is locked (a BLOCK
 * event with the caller's identity): @what was refused, @detail names
 * its object (knob, path, module). Any context but NMI.
 */
void clkrg_policy_refused(u16 object, const char *what, const char *detail);

u64 clkrg_policy_generation(void);
unsigned int clkrg_policy_count(void);

/* Fills @out with knob @index (0..count-1). */
void clkrg_policy_describe(unsigned int index, struct lkrg_knob *out);

/*
 * Sets a knob by name: -ENOENT, -ERANGE, -EPERM as in the ABI (also for a
 * change that weakens the guard once the policy is locked). On success
 * *@old holds the previous value, an admin event was emitted and the hook
 * ran.
 */
int clkrg_policy_set(const char *name, s64 value, s64 *old);

/* Sets block_modules on behalf of BLOCK_MODULES_SET (same rules). */
int clkrg_policy_set_id(enum clkrg_knob_id id, s64 value, s64 *old);

#endif
