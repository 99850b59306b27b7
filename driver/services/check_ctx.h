/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one check carries through the guards, and how a guard reports a
 * violation that no baseline can accept (the guard's own hooks, code and
 * data): logged on every check until fixed, or panic.
 */
#ifndef CLKRG_CHECK_CTX_H
#define CLKRG_CHECK_CTX_H

#include <linux/types.h>

struct clkrg_check_ctx {
	u64 check_id;
	u64 generation;
	u16 trigger;
	u16 enforce;		/* LKRG_ENFORCE_* in force */
	/* out */
	bool panic;		/* a guard wants panic() after the check */
	u32 violations;
	u64 regions;
	u64 bytes;
	u64 tasks;		/* tasks verified */
	u64 tasks_ns;
};

/* Action an enforcement level takes on a changed hash. */
u16 clkrg_report_action(u16 enforce);

void clkrg_report_one(struct clkrg_check_ctx *ctx, u16 cat, u16 obj,
		      const char *name, const char *location,
		      const char *field, u64 expected, u64 actual);

/* A block event: @hook refused current's access with -@err. */
void clkrg_report_denied(const char *hook, int err);

#endif
