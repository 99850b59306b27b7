// SPDX-License-Identifier: GPL-2.0
#include <linux/ftrace.h>
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include "core/event_codec.h"
#include "compat/compat.h"
#include "hooks.h"
#include "ksyms.h"
#include "pcfi.h"
#include "pint.h"
#include "pint_fast.h"
#include "umh.h"

/* deny_stub.S */
void clkrg_deny_return(void);

struct hook_stats {
	u64 hits, violations, denied;
};

enum hook_kind {
	HOOK_ACCESS,
	HOOK_FORK,
	HOOK_FREE,
	HOOK_COMMIT,
	HOOK_OVERRIDE,
	HOOK_REVERT,
	HOOK_SWITCH_NS,
	HOOK_TIMENS,
	HOOK_EXECVE,
};

struct hook {
	const char *symbol;
	const char *role;
	enum hook_kind kind;
	int deny;		/* errno the call fails with, 0: never */
	bool required;		/* without it exploit detection is blind */
	unsigned long ip;	/* its fentry site */
	bool active;
	struct hook_stats __percpu *stats;
};

/* Makes the probed function return -errno at once (ip override). */
static void deny_call(struct hook *h, struct ftrace_regs *regs)
{
	this_cpu_inc(h->stats->denied);
	clkrg_fregs_set_ret(regs, (unsigned long)(long)-h->deny);
	clkrg_fregs_set_ip(regs, (unsigned long)clkrg_deny_return);
}

/* The full checks of an access hook: they decide and report. */
static noinline void access_slow(struct hook *h, struct ftrace_regs *regs)
{
	enum clkrg_verdict v = clkrg_pcfi_check(regs, h->symbol);

	if (clkrg_pint_verify_current() == CLKRG_DENY)
		v = CLKRG_DENY;
	if (v != CLKRG_DENY)
		return;
	this_cpu_inc(h->stats->violations);
	if (h->deny)
		deny_call(h, regs);
}

/* Current matches its record and came from a call: nothing to do. */
static __always_inline bool access_fast(struct ftrace_regs *regs)
{
	return clkrg_hook_context() &&
	       clkrg_pcfi_fast_ok(clkrg_fregs_sp(regs)) &&
	       clkrg_pint_fast_ok();
}

static noinline void commit_slow(struct hook *h, struct ftrace_regs *regs)
{
	clkrg_pcfi_check(regs, h->symbol);
	clkrg_pint_commit((const struct cred *)clkrg_fregs_arg(regs, 0),
			  clkrg_hook_return(regs));
}

/* A legitimate commit by a task that matches its record: followed. */
static __always_inline bool commit_fast(struct ftrace_regs *regs)
{
	unsigned long sp = clkrg_fregs_sp(regs);

	/* The return address is read only from a sane stack. */
	return clkrg_hook_context() && clkrg_sp_sane(sp) &&
	       clkrg_pcfi_fast_ok(sp) &&
	       clkrg_pint_commit_fast((const struct cred *)clkrg_fregs_arg(regs, 0),
				      *(unsigned long *)sp);
}

static void execve_slow(struct hook *h, struct ftrace_regs *regs)
{
	/* After boot only usermode helpers call kernel_execve(). */
	if (clkrg_umh_exec((const char *)clkrg_fregs_arg(regs, 0)) == CLKRG_DENY)
		deny_call(h, regs);
}

/*
 * Everything but the fast paths, under ftrace's recursion guard: these
 * call into the kernel, which could come back to a hooked function.
 */
static noinline void hooks_slow(struct hook *h, struct ftrace_regs *regs,
				unsigned long ip, unsigned long pip)
{
	int bit = ftrace_test_recursion_trylock(ip, pip);

	if (bit < 0)
		return;
	switch (h->kind) {
	case HOOK_ACCESS:
		access_slow(h, regs);
		break;
	case HOOK_FORK:
		clkrg_pint_fork((struct task_struct *)clkrg_fregs_arg(regs, 0));
		break;
	case HOOK_FREE:
		clkrg_pint_free((struct task_struct *)clkrg_fregs_arg(regs, 0));
		break;
	case HOOK_COMMIT:
		commit_slow(h, regs);
		break;
	case HOOK_OVERRIDE:
		clkrg_pint_override((const struct cred *)clkrg_fregs_arg(regs, 0));
		break;
	case HOOK_REVERT:
		clkrg_pint_revert((const struct cred *)clkrg_fregs_arg(regs, 0));
		break;
	case HOOK_SWITCH_NS:
		clkrg_pint_switch_ns((struct task_struct *)clkrg_fregs_arg(regs, 0),
				     (struct nsproxy *)clkrg_fregs_arg(regs, 1),
				     clkrg_hook_return(regs));
		break;
	case HOOK_TIMENS:
		clkrg_pint_exec_timens((struct task_struct *)clkrg_fregs_arg(regs, 1),
				       (struct nsproxy *)clkrg_fregs_arg(regs, 0),
				       clkrg_hook_return(regs));
		break;
	case HOOK_EXECVE:
		execve_slow(h, regs);
		break;
	}
	ftrace_test_recursion_unlock(bit);
}

/*
 * All hooks are one ftrace_ops on the fentry sites of their functions:
 * ftrace gives it a trampoline that calls hooks_entry() directly, a third
 * of a kprobe's round trip (a kprobe adds its own lookup and an indirect
 * call on top of the same trampoline), and one ops is one unregistration
 * (each waits for RCU-tasks). The hook is found by its site in a small
 * open-addressing table filled before registration.
 *
 * No FTRACE_OPS_FL_SAVE_REGS: with DYNAMIC_FTRACE_WITH_ARGS the plain
 * trampoline already saves what the hooks read (the argument registers,
 * %rsp, %rip) and writes %rax and %rip back, so a denying hook can still
 * send the function straight back to its caller, without the flags and
 * callee-saved registers the full save adds to every hit.
 */
#ifndef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
#error "clkrg's hooks need DYNAMIC_FTRACE_WITH_ARGS"
#endif
#define SLOT_BITS	6

static struct ftrace_ops hook_ops;
static struct hook *slots[1U << SLOT_BITS];

static __always_inline struct hook *hook_at(unsigned long ip)
{
	unsigned int i = hash_long(ip, SLOT_BITS);
	struct hook *h;

	while ((h = slots[i]) && h->ip != ip)
		i = (i + 1) & ((1U << SLOT_BITS) - 1);
	return h;
}

/*
 * The fast paths call nothing, so they need no recursion guard; only
 * preemption off (RCU lookups, the record's arch lock, per-CPU counts).
 */
static void notrace hooks_entry(unsigned long ip, unsigned long pip,
				struct ftrace_ops *op, struct ftrace_regs *regs)
{
	struct hook *h = hook_at(ip);
	bool done;

	if (unlikely(!h))
		return;
	preempt_disable_notrace();
	this_cpu_inc(h->stats->hits);
	done = h->kind == HOOK_ACCESS && access_fast(regs);
	if (!done)
		hooks_slow(h, regs, ip, pip);
	preempt_enable_notrace();
}

/*
 * commit_creds, hit on every cred-changing system call, has an ops of its
 * own: its trampoline calls here with no lookup at all.
 */
static struct ftrace_ops commit_ops;
static struct hook *commit_hook;

static void notrace commit_entry(unsigned long ip, unsigned long pip,
				 struct ftrace_ops *op,
				 struct ftrace_regs *regs)
{
	preempt_disable_notrace();
	this_cpu_inc(commit_hook->stats->hits);
	if (!commit_fast(regs))
		hooks_slow(commit_hook, regs, ip, pip);
	preempt_enable_notrace();
}

#define ACCESS(sym, err)	{ sym, "access", HOOK_ACCESS, err, false }

static struct hook hooks[] = {
	{ "wake_up_new_task", "task", HOOK_FORK, 0, true },
	{ "__put_task_struct", "task", HOOK_FREE, 0, true },
	{ "commit_creds", "creds", HOOK_COMMIT, 0, true },
	{ "override_creds", "creds", HOOK_OVERRIDE, 0, true },
	{ "revert_creds", "creds", HOOK_REVERT, 0, true },
	{ "switch_task_namespaces", "ns", HOOK_SWITCH_NS, 0, true },
	/* exec's switch (6.2+), switch_task_namespaces() inlined in 6.12 */
	{ "timens_on_fork", "ns", HOOK_TIMENS, 0, false },
	ACCESS("security_file_open", EACCES),
	ACCESS("security_inode_unlink", EACCES),
	ACCESS("security_inode_rmdir", EACCES),
	ACCESS("security_inode_rename", EACCES),
	ACCESS("security_inode_link", EACCES),
	ACCESS("security_inode_create", EACCES),
	ACCESS("security_inode_mkdir", EACCES),
	ACCESS("security_inode_setattr", EPERM),
	ACCESS("security_capable", EPERM),
	ACCESS("security_ptrace_access_check", EPERM),
	ACCESS("security_sb_mount", EPERM),
	ACCESS("security_bprm_check", EACCES),
	{ "__x64_sys_init_module", "module", HOOK_ACCESS, 0, false },
	{ "__x64_sys_finit_module", "module", HOOK_ACCESS, 0, false },
	{ "__x64_sys_delete_module", "module", HOOK_ACCESS, 0, false },
	{ "kernel_execve", "umh", HOOK_EXECVE, EPERM, false },
};

unsigned int clkrg_hooks_count(void)
{
	return ARRAY_SIZE(hooks);
}

void clkrg_hooks_row(unsigned int i, struct lkrg_hook_row *out)
{
	const struct hook *h = &hooks[i];
	int cpu;

	memset(out, 0, sizeof(*out));
	lkrg_ev_set_str(out->symbol, sizeof(out->symbol), h->symbol);
	lkrg_ev_set_str(out->role, sizeof(out->role), h->role);
	out->active = h->active;
	if (!h->stats)
		return;
	for_each_possible_cpu(cpu) {
		const struct hook_stats *st = per_cpu_ptr(h->stats, cpu);

		out->hits += st->hits;
		out->violations += st->violations;
		out->denied += st->denied;
	}
}

/* Adds @h's function to the ops' filter and @h to the table. */
static int hook_add(struct hook *h)
{
	unsigned long addr = clkrg_ksym(h->symbol);
	unsigned int i;
	int ret;

	h->ip = addr ? clkrg_kfn(ftrace_location)(addr) : 0;
	if (!h->ip)
		return -ENOENT;
	if (h->kind == HOOK_COMMIT) {
		commit_hook = h;
		return ftrace_set_filter_ip(&commit_ops, h->ip, 0, 0);
	}
	ret = ftrace_set_filter_ip(&hook_ops, h->ip, 0, 0);
	if (ret)
		return ret;
	i = hash_long(h->ip, SLOT_BITS);
	while (slots[i])
		i = (i + 1) & ((1U << SLOT_BITS) - 1);
	slots[i] = h;
	return 0;
}

static void unregister_all(bool registered)
{
	unsigned int i;

	if (registered) {
		unregister_ftrace_function(&commit_ops);
		unregister_ftrace_function(&hook_ops);
	}
	ftrace_free_filter(&commit_ops);
	ftrace_free_filter(&hook_ops);
	commit_hook = NULL;
	memset(slots, 0, sizeof(slots));
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		hooks[i].active = false;
		free_percpu(hooks[i].stats);
		hooks[i].stats = NULL;
	}
}

int clkrg_hooks_init(void)
{
	unsigned int i;
	int ret;

	BUILD_BUG_ON(ARRAY_SIZE(hooks) > (1U << SLOT_BITS) / 2);
	memset(&hook_ops, 0, sizeof(hook_ops));
	hook_ops.func = hooks_entry;
	memset(&commit_ops, 0, sizeof(commit_ops));
	commit_ops.func = commit_entry;
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		struct hook *h = &hooks[i];

		h->stats = alloc_percpu(struct hook_stats);
		if (!h->stats) {
			unregister_all(false);
			return -ENOMEM;
		}
		ret = hook_add(h);
		if (!ret) {
			h->active = true;
			continue;
		}
		if (h->required) {
			pr_err("clkrg: FAULT: cannot hook %s (%d)\n", h->symbol,
			       ret);
			unregister_all(false);
			return ret;
		}
		pr_warn("clkrg: WARN: %s not hooked (%d)\n", h->symbol, ret);
	}
	/* commit_creds is required: init fails above without it. */
	ret = register_ftrace_function(&hook_ops);
	if (!ret) {
		ret = register_ftrace_function(&commit_ops);
		if (ret)
			unregister_ftrace_function(&hook_ops);
	}
	if (ret) {
		pr_err("clkrg: FAULT: cannot register the hooks (%d)\n", ret);
		unregister_all(false);
	}
	return ret;
}

void clkrg_hooks_exit(void)
{
	unregister_all(true);
}
