// SPDX-License-Identifier: GPL-2.0
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include "core/event_codec.h"
#include "hooks.h"
#include "pcfi.h"
#include "pint.h"
#include "umh.h"

/* deny_stub.S */
void clkrg_deny_return(void);

struct hook_stats {
	u64 hits, violations, denied;
};

struct hook {
	const char *symbol;
	const char *role;
	kprobe_pre_handler_t pre;
	int deny;		/* errno the call fails with, 0: never */
	bool required;		/* without it exploit detection is blind */
	struct kprobe kp;
	bool active;
	struct hook_stats __percpu *stats;
};

static struct hook *hook_of(struct kprobe *kp)
{
	return container_of(kp, struct hook, kp);
}

/* Makes the probed function return -errno at once (kprobe ip override). */
static int deny_call(struct hook *h, struct pt_regs *regs)
{
	this_cpu_inc(h->stats->denied);
	regs->ax = (unsigned long)(long)-h->deny;
	instruction_pointer_set(regs, (unsigned long)clkrg_deny_return);
	return 1;
}

static enum clkrg_verdict check_caller(struct hook *h, struct pt_regs *regs)
{
	enum clkrg_verdict v = clkrg_pcfi_check(regs, h->symbol);

	if (clkrg_pint_verify_current() == CLKRG_DENY)
		v = CLKRG_DENY;
	if (v == CLKRG_DENY)
		this_cpu_inc(h->stats->violations);
	return v;
}

static int on_access(struct kprobe *kp, struct pt_regs *regs)
{
	struct hook *h = hook_of(kp);

	this_cpu_inc(h->stats->hits);
	if (check_caller(h, regs) == CLKRG_DENY && h->deny)
		return deny_call(h, regs);
	return 0;
}

static int on_fork(struct kprobe *kp, struct pt_regs *regs)
{
	this_cpu_inc(hook_of(kp)->stats->hits);
	clkrg_pint_fork((struct task_struct *)regs->di);
	return 0;
}

static int on_free(struct kprobe *kp, struct pt_regs *regs)
{
	this_cpu_inc(hook_of(kp)->stats->hits);
	clkrg_pint_free((struct task_struct *)regs->di);
	return 0;
}

static int on_commit(struct kprobe *kp, struct pt_regs *regs)
{
	struct hook *h = hook_of(kp);

	this_cpu_inc(h->stats->hits);
	clkrg_pcfi_check(regs, h->symbol);
	clkrg_pint_commit((const struct cred *)regs->di,
			  clkrg_hook_return(regs));
	return 0;
}

static int on_override(struct kprobe *kp, struct pt_regs *regs)
{
	this_cpu_inc(hook_of(kp)->stats->hits);
	clkrg_pint_override((const struct cred *)regs->di);
	return 0;
}

static int on_revert(struct kprobe *kp, struct pt_regs *regs)
{
	this_cpu_inc(hook_of(kp)->stats->hits);
	clkrg_pint_revert((const struct cred *)regs->di);
	return 0;
}

static int on_switch_ns(struct kprobe *kp, struct pt_regs *regs)
{
	this_cpu_inc(hook_of(kp)->stats->hits);
	clkrg_pint_switch_ns((struct task_struct *)regs->di,
			     (struct nsproxy *)regs->si,
			     clkrg_hook_return(regs));
	return 0;
}

static int on_execve(struct kprobe *kp, struct pt_regs *regs)
{
	struct hook *h = hook_of(kp);

	this_cpu_inc(h->stats->hits);
	/* After boot only usermode helpers call kernel_execve(). */
	if (clkrg_umh_exec((const char *)regs->di) == CLKRG_DENY)
		return deny_call(h, regs);
	return 0;
}

#define ACCESS(sym, err)	{ sym, "access", on_access, err, false }

static struct hook hooks[] = {
	{ "wake_up_new_task", "task", on_fork, 0, true },
	{ "__put_task_struct", "task", on_free, 0, true },
	{ "commit_creds", "creds", on_commit, 0, true },
	{ "override_creds", "creds", on_override, 0, true },
	{ "revert_creds", "creds", on_revert, 0, true },
	{ "switch_task_namespaces", "ns", on_switch_ns, 0, true },
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
	{ "__x64_sys_init_module", "module", on_access, 0, false },
	{ "__x64_sys_finit_module", "module", on_access, 0, false },
	{ "__x64_sys_delete_module", "module", on_access, 0, false },
	{ "kernel_execve", "umh", on_execve, EPERM, false },
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

static void unregister_all(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		if (hooks[i].active)
			unregister_kprobe(&hooks[i].kp);
		hooks[i].active = false;
	}
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		free_percpu(hooks[i].stats);
		hooks[i].stats = NULL;
	}
}

int clkrg_hooks_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		struct hook *h = &hooks[i];

		h->stats = alloc_percpu(struct hook_stats);
		if (!h->stats) {
			unregister_all();
			return -ENOMEM;
		}
		memset(&h->kp, 0, sizeof(h->kp));
		h->kp.symbol_name = h->symbol;
		h->kp.pre_handler = h->pre;
		ret = register_kprobe(&h->kp);
		if (!ret) {
			h->active = true;
			continue;
		}
		if (h->required) {
			pr_err("clkrg: FAULT: cannot hook %s (%d)\n", h->symbol,
			       ret);
			unregister_all();
			return ret;
		}
		pr_warn("clkrg: WARN: %s not hooked (%d)\n", h->symbol, ret);
	}
	return 0;
}

void clkrg_hooks_exit(void)
{
	unregister_all();
}
