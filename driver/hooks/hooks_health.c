// SPDX-License-Identifier: GPL-2.0
/*
 * Hooks that stay: every check confirms that ftrace is on, that clkrg's
 * ftrace_ops are registered and on ftrace's list with their own entry
 * functions, that the record of each hooked site is armed, and that the
 * hooks fire: the check calls a function of each ops' set and sees its
 * count move, and the fork hook must have run for the tasks the kernel
 * forked. A refused "ftrace_enabled=0" (our ops are permanent) is an
 * event too.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/user_namespace.h>
#include "core/x86_insn.h"
#include "services/events.h"
#include "hooks/hooks.h"
#include "hooks/hooks_table.h"
#include "services/check_ctx.h"
#include "services/ksyms.h"

/* In-flight forks (copied, not yet woken) the fork hook may lag behind. */
#define FORK_SLACK	64

static struct {
	int *ftrace_enabled, *ftrace_disabled;
	struct ftrace_ops __rcu **ops_list;
	struct ftrace_ops *ops_end;
	struct mutex *ftrace_lock;
	unsigned long *total_forks;
	bool *kprobes_all_disarmed;
	struct clkrg_hook *fork, *capable, *override, *revert;
	bool sysctl_probed;
} H __ro_after_init;

/* The fork hook's lag behind total_forks, at load and at the last check. */
static long fork_base, fork_lag;

static void report(struct clkrg_check_ctx *ctx, const char *name,
		   const char *what, u64 expected, u64 actual)
{
	clkrg_report_one(ctx, LKRG_CAT_GUARD, LKRG_OBJ_HOOK, name, what, "state",
			 expected, actual);
}

static bool on_list(const struct ftrace_ops *ops)
{
	struct ftrace_ops *op;

	for (op = rcu_dereference_protected(*H.ops_list, 1);
	     op && op != H.ops_end;
	     op = rcu_dereference_protected(op->next, 1))
		if (op == ops)
			return true;
	return false;
}

static void verify_ops(struct clkrg_check_ctx *ctx, struct ftrace_ops *ops,
		       ftrace_func_t func, const char *name)
{
	if (!(READ_ONCE(ops->flags) & FTRACE_OPS_FL_ENABLED) || !on_list(ops))
		report(ctx, name, "unregistered from ftrace",
		       FTRACE_OPS_FL_ENABLED, READ_ONCE(ops->flags));
	else if (READ_ONCE(ops->func) != func)
		report(ctx, name, "entry function replaced",
		       (unsigned long)func, (unsigned long)READ_ONCE(ops->func));
}

/* Under ftrace_lock: records and bytes change only under it. */
static void verify_sites(struct clkrg_check_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < clkrg_nr_hooks; i++) {
		const struct clkrg_hook *h = &clkrg_hooks[i];
		unsigned long flags;
		struct lkrg_insn in;

		if (!h->active)
			continue;
		flags = READ_ONCE(h->rec->flags);
		if (!(flags & FTRACE_FL_ENABLED) || !ftrace_rec_count(h->rec))
			report(ctx, h->symbol, "hook disarmed (ftrace record)",
			       FTRACE_FL_ENABLED, flags);
		lkrg_insn_decode((const u8 *)h->ip, MCOUNT_INSN_SIZE, h->ip,
				 &in);
		if (in.kind != LKRG_INSN_CALL32)
			report(ctx, h->symbol, "hook site calls nothing",
			       LKRG_INSN_CALL32, in.kind);
	}
}

static u64 hits(const struct clkrg_hook *h)
{
	u64 n;

	clkrg_hook_sum(h, &n, NULL, NULL);
	return n;
}

/*
 * Calls a function of each ops' set from the check's own task: a
 * capability test (the IP-modifying ops) and an override and revert of
 * its own creds (the others). Each must count at least one hit.
 */
static void verify_firing(struct clkrg_check_ctx *ctx)
{
	struct clkrg_hook *probe[] = { H.capable, H.override, H.revert };
	u64 before[ARRAY_SIZE(probe)];
	const struct cred *old;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(probe); i++)
		before[i] = probe[i] ? hits(probe[i]) : 0;
	ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN);
	old = override_creds(current_cred());
	revert_creds(old);
	for (i = 0; i < ARRAY_SIZE(probe); i++)
		if (probe[i] && probe[i]->active && hits(probe[i]) == before[i])
			report(ctx, probe[i]->symbol,
			       "hook silent: called, did not fire", 1, 0);
}

/*
 * Every fork the kernel counts reaches the fork hook once the child is
 * woken; a lag that grows past the few forks in flight means the hook
 * stopped firing.
 */
static void verify_forks(struct clkrg_check_ctx *ctx)
{
	long lag;

	if (!H.total_forks || !H.fork || !H.fork->active)
		return;
	lag = (long)READ_ONCE(*H.total_forks) - (long)hits(H.fork) - fork_base;
	if (lag > FORK_SLACK && lag > fork_lag)
		report(ctx, H.fork->symbol, "hook silent: tasks forked unseen",
		       fork_lag, lag);
	fork_lag = lag;
}

void clkrg_hooks_verify(struct clkrg_check_ctx *ctx)
{
	if (H.ftrace_enabled && !READ_ONCE(*H.ftrace_enabled))
		report(ctx, "ftrace_enabled", "ftrace switched off", 1, 0);
	if (H.ftrace_disabled && READ_ONCE(*H.ftrace_disabled))
		report(ctx, "ftrace", "ftrace killed", 0, 1);
	if (H.kprobes_all_disarmed && READ_ONCE(*H.kprobes_all_disarmed))
		report(ctx, "kprobes", "all kprobes disarmed", 0, 1);
	if (H.ops_list && H.ops_end && H.ftrace_lock) {
		mutex_lock(H.ftrace_lock);
		verify_ops(ctx, &clkrg_deny_ops, clkrg_hooks_entry,
			   "clkrg deny hooks");
		verify_ops(ctx, &clkrg_watch_ops, clkrg_hooks_entry,
			   "clkrg watch hooks");
		verify_ops(ctx, &clkrg_commit_ops, clkrg_commit_entry,
			   "clkrg commit hook");
		verify_sites(ctx);
		mutex_unlock(H.ftrace_lock);
	}
	verify_firing(ctx);
	verify_forks(ctx);
}

/* Why "ftrace_enabled=0" failed, told to whoever reads events. */
static int sysctl_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(bool *)ri->data = regs->si;	/* int write */
	return 0;
}

static int sysctl_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct lkrg_event_record r;

	/* An int: the upper half of %rax is not part of it. */
	if (!*(bool *)ri->data || (int)regs_return_value(regs) != -EBUSY)
		return 0;
	clkrg_ev_prepare(&r, LKRG_EV_BLOCK, LKRG_SEV_WARN, LKRG_CAT_GUARD,
			 LKRG_OBJ_HOOK, LKRG_ACT_BLOCKED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "ftrace_enabled=0");
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location),
			"refused: clkrg's hooks are permanent ftrace users");
	clkrg_ev_emit(&r);
	return 0;
}

static struct kretprobe sysctl_probe = {
	.kp.symbol_name = "ftrace_enable_sysctl",
	.entry_handler = sysctl_entry,
	.handler = sysctl_return,
	.data_size = sizeof(bool),
	.maxactive = 4,
};

static struct clkrg_hook *hook_named(const char *symbol)
{
	unsigned int i;

	for (i = 0; i < clkrg_nr_hooks; i++)
		if (!strcmp(clkrg_hooks[i].symbol, symbol))
			return &clkrg_hooks[i];
	return NULL;
}

#define RESOLVE(field, name)	(H.field = (void *)clkrg_ksym(name))

/* After clkrg_hooks_init(): the table is complete. */
int clkrg_hooks_health_init(void)
{
	RESOLVE(ftrace_enabled, "ftrace_enabled");
	RESOLVE(ftrace_disabled, "ftrace_disabled");
	RESOLVE(ops_list, "ftrace_ops_list");
	RESOLVE(ops_end, "ftrace_list_end");
	RESOLVE(ftrace_lock, "ftrace_lock");
	RESOLVE(total_forks, "total_forks");
	RESOLVE(kprobes_all_disarmed, "kprobes_all_disarmed");
	H.fork = hook_named("wake_up_new_task");
	H.capable = hook_named("security_capable");
	H.override = hook_named("override_creds");
	H.revert = hook_named("revert_creds");
	if (H.total_forks && H.fork)
		fork_base = (long)READ_ONCE(*H.total_forks) - (long)hits(H.fork);
	if (register_kretprobe(&sysctl_probe))
		pr_warn("clkrg: WARN: ftrace_enable_sysctl not probed: a refused ftrace_enabled=0 makes no event\n");
	else
		H.sysctl_probed = true;
	return 0;
}

void clkrg_hooks_health_exit(void)
{
	if (H.sysctl_probed)
		unregister_kretprobe(&sysctl_probe);
}
