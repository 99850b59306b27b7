// SPDX-License-Identifier: GPL-2.0
#include <linux/ftrace.h>
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include "core/event_codec.h"
#include "services/check_ctx.h"
#include "compat/compat.h"
#include "hooks/hooks.h"
#include "hooks/hooks_table.h"
#include "services/ksyms.h"
#include "integrity/modblock.h"
#include "integrity/patch_sites.h"
#include "exploit/pcfi.h"
#include "exploit/pint.h"
#include "exploit/pint_fast.h"
#include "exploit/umh.h"

/* deny_stub.S */
void clkrg_deny_return(void);

/* Makes the probed function return -errno at once (ip override). */
static void deny_call(struct clkrg_hook *h, struct ftrace_regs *regs, int err)
{
	this_cpu_inc(h->stats->denied);
	clkrg_fregs_set_ret(regs, (unsigned long)(long)-err);
	clkrg_fregs_set_ip(regs, (unsigned long)clkrg_deny_return);
}

/* The full checks of an access hook: they decide and report. */
static noinline bool access_slow(struct clkrg_hook *h, struct ftrace_regs *regs)
{
	enum clkrg_verdict v = clkrg_pcfi_check(regs, h->symbol);

	if (clkrg_pint_verify_current() == CLKRG_DENY)
		v = CLKRG_DENY;
	if (v != CLKRG_DENY)
		return false;
	this_cpu_inc(h->stats->violations);
	if (h->deny) {
		deny_call(h, regs, h->deny);
		clkrg_report_denied(h->symbol, h->deny);
	}
	return true;
}

/* Current matches its record and came from a call: nothing to do. */
static __always_inline bool access_fast(struct ftrace_regs *regs)
{
	return clkrg_hook_context() &&
	       clkrg_pcfi_fast_ok(clkrg_fregs_sp(regs)) &&
	       clkrg_pint_fast_ok();
}

static noinline void commit_slow(struct clkrg_hook *h, struct ftrace_regs *regs)
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

static void execve_slow(struct clkrg_hook *h, struct ftrace_regs *regs)
{
	/* After boot only usermode helpers call kernel_execve(). */
	if (clkrg_umh_exec((const char *)clkrg_fregs_arg(regs, 0)) == CLKRG_DENY)
		deny_call(h, regs, h->deny);
}

/*
 * delete_module(2), either entry: the task is verified like at any access
 * point, then an unload the lock forbids fails with EPERM. The system
 * call's own registers hold its arguments (ia32: %ebx, %ecx).
 */
static void unload_slow(struct clkrg_hook *h, struct ftrace_regs *regs)
{
	const struct pt_regs *u =
		(const struct pt_regs *)clkrg_fregs_arg(regs, 0);
	unsigned long name = h->ia32 ? (u32)u->bx : u->di;
	unsigned long flags = h->ia32 ? (u32)u->cx : u->si;

	if (access_slow(h, regs))
		return;
	if (clkrg_modblock_unload_refused((const char __user *)name, flags))
		deny_call(h, regs, EPERM);
}

/*
 * Everything but the fast paths, under ftrace's recursion guard: these
 * call into the kernel, which could come back to a hooked function.
 */
static noinline void hooks_slow(struct clkrg_hook *h, struct ftrace_regs *regs,
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
	case HOOK_UNLOAD:
		unload_slow(h, regs);
		break;
	}
	ftrace_test_recursion_unlock(bit);
}

/*
 * The hooks are three ftrace_ops on the fentry sites of their functions:
 * ftrace gives each a trampoline that calls its entry directly, a third
 * of a kprobe's round trip, and one ops is one unregistration (each
 * waits for RCU-tasks). A hook is found by its site in a small
 * open-addressing table filled before registration.
 *
 * All three are FTRACE_OPS_FL_PERMANENT, as livepatch's are: while they
 * are registered the kernel refuses "ftrace_enabled=0" (-EBUSY), which
 * would otherwise turn every hook into a NOP. The ops whose hooks send a
 * function straight back to its caller (deny) is FTRACE_OPS_FL_IPMODIFY,
 * so ftrace keeps a second IP-modifying user (a livepatch, a kprobe with
 * a post handler) off those functions instead of letting both race.
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

struct ftrace_ops clkrg_deny_ops, clkrg_watch_ops, clkrg_commit_ops;
static struct clkrg_hook *slots[1U << SLOT_BITS] __ro_after_init;
static struct clkrg_hook *commit_hook __ro_after_init;

static __always_inline struct clkrg_hook *hook_at(unsigned long ip)
{
	unsigned int i = hash_long(ip, SLOT_BITS);
	struct clkrg_hook *h;

	while ((h = slots[i]) && h->ip != ip)
		i = (i + 1) & ((1U << SLOT_BITS) - 1);
	return h;
}

/*
 * The fast paths call nothing, so they need no recursion guard; only
 * preemption off (RCU lookups, the record's arch lock, per-CPU counts).
 */
void notrace clkrg_hooks_entry(unsigned long ip, unsigned long pip,
			       struct ftrace_ops *op, struct ftrace_regs *regs)
{
	struct clkrg_hook *h = hook_at(ip);
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
void notrace clkrg_commit_entry(unsigned long ip, unsigned long pip,
				struct ftrace_ops *op, struct ftrace_regs *regs)
{
	preempt_disable_notrace();
	this_cpu_inc(commit_hook->stats->hits);
	if (!commit_fast(regs))
		hooks_slow(commit_hook, regs, ip, pip);
	preempt_enable_notrace();
}

#define ACCESS(sym, err)	{ sym, "access", HOOK_ACCESS, err }

struct clkrg_hook clkrg_hooks[] __ro_after_init = {
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
	{ "__x64_sys_init_module", "module", HOOK_ACCESS },
	{ "__x64_sys_finit_module", "module", HOOK_ACCESS },
	{ "__ia32_sys_init_module", "module", HOOK_ACCESS },
	{ "__ia32_sys_finit_module", "module", HOOK_ACCESS },
	/* Without these the policy lock could not keep clkrg loaded. */
	{ "__x64_sys_delete_module", "unload", HOOK_UNLOAD, EPERM, true },
	{ "__ia32_sys_delete_module", "unload", HOOK_UNLOAD, EPERM,
	  IS_ENABLED(CONFIG_IA32_EMULATION), true },
	{ "kernel_execve", "umh", HOOK_EXECVE, EPERM },
};

const unsigned int clkrg_nr_hooks = ARRAY_SIZE(clkrg_hooks);

unsigned int clkrg_hooks_count(void)
{
	return ARRAY_SIZE(clkrg_hooks);
}

void clkrg_hooks_row(unsigned int i, struct lkrg_hook_row *out)
{
	const struct clkrg_hook *h = &clkrg_hooks[i];

	memset(out, 0, sizeof(*out));
	lkrg_ev_set_str(out->symbol, sizeof(out->symbol), h->symbol);
	lkrg_ev_set_str(out->role, sizeof(out->role), h->role);
	out->active = h->active;
	if (h->stats)
		clkrg_hook_sum(h, &out->hits, &out->violations, &out->denied);
}

void clkrg_hook_sum(const struct clkrg_hook *h, u64 *hits, u64 *violations,
		    u64 *denied)
{
	u64 n[3] = { 0 };
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct clkrg_hook_stats *st = per_cpu_ptr(h->stats, cpu);

		n[0] += READ_ONCE(st->hits);
		n[1] += READ_ONCE(st->violations);
		n[2] += READ_ONCE(st->denied);
	}
	*hits = n[0];
	if (violations)
		*violations = n[1];
	if (denied)
		*denied = n[2];
}

/* A hook that may change the IP goes with the IPMODIFY ops. */
static struct ftrace_ops *ops_of(const struct clkrg_hook *h)
{
	if (h->kind == HOOK_COMMIT)
		return &clkrg_commit_ops;
	return h->deny ? &clkrg_deny_ops : &clkrg_watch_ops;
}

/* Adds @h's function to its ops' filter and @h to the table. */
static int hook_add(struct clkrg_hook *h)
{
	unsigned long addr = clkrg_ksym(h->symbol);
	unsigned int i;
	int ret;

	h->ip = addr ? clkrg_kfn(ftrace_location)(addr) : 0;
	if (!h->ip)
		return -ENOENT;
	h->rec = clkrg_sites_ftrace_rec(h->ip);
	if (!h->rec)
		return -ENOENT;
	/* Another user already changes the IP there (a livepatch). */
	if (h->deny && (READ_ONCE(h->rec->flags) & FTRACE_FL_IPMODIFY))
		return -EBUSY;
	h->ops = ops_of(h);
	ret = ftrace_set_filter_ip(h->ops, h->ip, 0, 0);
	if (ret)
		return ret;
	if (h->kind == HOOK_COMMIT) {
		commit_hook = h;
		return 0;
	}
	i = hash_long(h->ip, SLOT_BITS);
	while (slots[i])
		i = (i + 1) & ((1U << SLOT_BITS) - 1);
	slots[i] = h;
	return 0;
}

static struct ftrace_ops *const all_ops[] = {
	&clkrg_commit_ops, &clkrg_watch_ops, &clkrg_deny_ops,
};

/*
 * Module exit runs with our read-only-after-init data read-only: it
 * unregisters and frees, and writes nothing there.
 */
static void unregister_ops(unsigned int registered)
{
	unsigned int i;

	for (i = 0; i < registered; i++)
		unregister_ftrace_function(all_ops[i]);
	for (i = 0; i < ARRAY_SIZE(all_ops); i++)
		ftrace_free_filter(all_ops[i]);
	for (i = 0; i < ARRAY_SIZE(clkrg_hooks); i++)
		free_percpu(clkrg_hooks[i].stats);
}

/* A failed init: the table is still writable and must look unused. */
static void init_failed(unsigned int registered)
{
	unsigned int i;

	unregister_ops(registered);
	commit_hook = NULL;
	memset(slots, 0, sizeof(slots));
	for (i = 0; i < ARRAY_SIZE(clkrg_hooks); i++) {
		clkrg_hooks[i].active = false;
		clkrg_hooks[i].stats = NULL;
	}
}

int clkrg_hooks_init(void)
{
	const unsigned long perm = FTRACE_OPS_FL_PERMANENT;
	unsigned int i;
	int ret;

	BUILD_BUG_ON(ARRAY_SIZE(clkrg_hooks) > (1U << SLOT_BITS) / 2);
	memset(&clkrg_watch_ops, 0, sizeof(clkrg_watch_ops));
	clkrg_watch_ops.func = clkrg_hooks_entry;
	clkrg_watch_ops.flags = perm;
	clkrg_deny_ops = clkrg_watch_ops;
	clkrg_deny_ops.flags = perm | FTRACE_OPS_FL_IPMODIFY;
	memset(&clkrg_commit_ops, 0, sizeof(clkrg_commit_ops));
	clkrg_commit_ops.func = clkrg_commit_entry;
	clkrg_commit_ops.flags = perm;
	for (i = 0; i < ARRAY_SIZE(clkrg_hooks); i++) {
		struct clkrg_hook *h = &clkrg_hooks[i];

		h->stats = alloc_percpu(struct clkrg_hook_stats);
		if (!h->stats) {
			init_failed(0);
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
			init_failed(0);
			return ret;
		}
		pr_warn("clkrg: WARN: %s not hooked (%d)\n", h->symbol, ret);
	}
	/* The commit and unload hooks are required: every ops has a site. */
	for (i = 0; i < ARRAY_SIZE(all_ops); i++) {
		ret = register_ftrace_function(all_ops[i]);
		if (ret) {
			pr_err("clkrg: FAULT: cannot register the hooks (%d)%s\n",
			       ret, ret == -EBUSY ?
			       ": ftrace_enabled is 0" : "");
			init_failed(i);
			return ret;
		}
	}
	return 0;
}

void clkrg_hooks_exit(void)
{
	unregister_ops(ARRAY_SIZE(all_ops));
}
