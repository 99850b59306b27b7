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

enum clkrg_knob_id {
	KNOB_INTERVAL,
	KNOB_KINT_VALIDATE,
	KNOB_KINT_ENFORCE,
	KNOB_BLOCK_MODULES,
	KNOB_LOG_LEVEL,
	KNOB_HEARTBEAT,
	KNOB_RATELIMIT_INTERVAL,
	KNOB_RATELIMIT_BURST,
	KNOB_EXPOSE_ADDRESSES,
	KNOB_MSR_VALIDATE,
	KNOB_SMEP_VALIDATE,
	KNOB_SMEP_ENFORCE,
	KNOB_SMAP_VALIDATE,
	KNOB_SMAP_ENFORCE,
	KNOB_RAND_NETDEV,	/* one per random source, in trigger order */
	KNOB_RAND_NETEVENT,
	KNOB_RAND_INETADDR,
	KNOB_RAND_INET6ADDR,
	KNOB_RAND_CPUFREQ,
	KNOB_RAND_USB,
	KNOB_RAND_ACPI,
	KNOB_PINT_VALIDATE,
	KNOB_PINT_ENFORCE,
	KNOB_PCFI_VALIDATE,
	KNOB_PCFI_ENFORCE,
	KNOB_UMH_VALIDATE,
	KNOB_UMH_ENFORCE,
	KNOB_LOCK,		/* one way: 1 until reboot */
	KNOB_COUNT
};

/* Called after a knob changed; runs in process context, may sleep. */
typedef void (*clkrg_knob_hook)(enum clkrg_knob_id id, s64 old, s64 value);

/* Validates and applies the load-time values; -EINVAL names the bad one. */
int clkrg_policy_init(const s64 initial[KNOB_COUNT], clkrg_knob_hook hook);

/* The values, read lock-free (hooks read them on every hit). */
extern s64 clkrg_policy_values[KNOB_COUNT];

static inline s64 clkrg_policy(enum clkrg_knob_id id)
{
	return READ_ONCE(clkrg_policy_values[id]);
}

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
