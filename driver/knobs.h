/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The knobs' values: one read-only page of the vault that only the policy
 * (policy.c, under its mutex) opens to write. Readers, hooks included,
 * read them lock-free; before the policy is set up every knob reads as 0.
 */
#ifndef CLKRG_KNOBS_H
#define CLKRG_KNOBS_H

#include <linux/compiler.h>
#include <linux/types.h>

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

/* KNOB_COUNT values: in the vault once clkrg_policy_init() ran. */
extern s64 *clkrg_knobs;

static inline s64 clkrg_policy(enum clkrg_knob_id id)
{
	return READ_ONCE(clkrg_knobs[id]);
}

#endif
