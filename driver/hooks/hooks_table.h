/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hook table, shared by the hooks (hooks.c) and the check that they
 * are still in place and firing (hooks_health.c). Filled at load and
 * read-only after: a write to it is a write to read-only memory.
 */
#ifndef CLKRG_HOOKS_TABLE_H
#define CLKRG_HOOKS_TABLE_H

#include <linux/ftrace.h>
#include <linux/types.h>

struct clkrg_hook_stats {
	u64 hits, violations, denied;
};

enum clkrg_hook_kind {
	HOOK_ACCESS,
	HOOK_FORK,
	HOOK_FREE,
	HOOK_COMMIT,
	HOOK_OVERRIDE,
	HOOK_REVERT,
	HOOK_SWITCH_NS,
	HOOK_TIMENS,	/* exec into a time namespace */
	HOOK_EXECVE,
	HOOK_UNLOAD,
};

struct clkrg_hook {
	const char *symbol;
	const char *role;
	enum clkrg_hook_kind kind;
	int deny;		/* errno the call fails with, 0: never */
	bool required;		/* without it clkrg is blind or can be unloaded */
	bool ia32;		/* an ia32 system call: arguments in bx, cx... */
	/* Set at load. */
	bool active;
	unsigned long ip;	/* its fentry site */
	struct ftrace_ops *ops;
	struct dyn_ftrace *rec;	/* ftrace's record of that site */
	struct clkrg_hook_stats __percpu *stats;
};

extern struct clkrg_hook clkrg_hooks[];
extern const unsigned int clkrg_nr_hooks;
extern struct ftrace_ops clkrg_deny_ops, clkrg_watch_ops, clkrg_commit_ops;

/* The entries of the ops: the commit hook's, and every other hook's. */
void clkrg_commit_entry(unsigned long ip, unsigned long pip,
			struct ftrace_ops *op, struct ftrace_regs *fregs);
void clkrg_hooks_entry(unsigned long ip, unsigned long pip,
		       struct ftrace_ops *op, struct ftrace_regs *fregs);

/* Sums @h's per-CPU counts; @violations and @denied may be NULL. */
void clkrg_hook_sum(const struct clkrg_hook *h, u64 *hits, u64 *violations,
		    u64 *denied);

#endif
