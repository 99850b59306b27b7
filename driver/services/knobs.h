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
#include "core/knob_defs.h"

/* KNOB_COUNT values: in the vault once clkrg_policy_init() ran. */
extern s64 *clkrg_knobs;

static inline s64 clkrg_policy(enum clkrg_knob_id id)
{
	return READ_ONCE(clkrg_knobs[id]);
}

#endif
