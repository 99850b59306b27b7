/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Process integrity ("pint"): every task's credentials, namespaces and
 * seccomp state are shadowed; the shadow follows only legitimate changes,
 * and the task is compared with it at hooks and on every check.
 */
#ifndef CLKRG_PINT_H
#define CLKRG_PINT_H

#include <linux/types.h>

struct task_struct;
struct cred;
struct nsproxy;
struct clkrg_check_ctx;

/* What a hook must do with the call it intercepted. */
enum clkrg_verdict {
	CLKRG_ALLOW,
	CLKRG_DENY,	/* make the probed function fail */
};

/* Prepares the records; then hooks are registered, then start. */
int clkrg_pint_init(void);
/* Records every task and starts verifying. */
void clkrg_pint_start(void);
void clkrg_pint_exit(void);

/* The current task at a hook (and, paranoid, all tasks). */
enum clkrg_verdict clkrg_pint_verify_current(void);

/* Hook bodies: @ret is the probed function's return address. */
void clkrg_pint_fork(struct task_struct *child);
void clkrg_pint_free(struct task_struct *t);
void clkrg_pint_commit(const struct cred *new, unsigned long ret);
void clkrg_pint_override(const struct cred *new);
void clkrg_pint_revert(const struct cred *old);
void clkrg_pint_switch_ns(struct task_struct *p, struct nsproxy *new,
			  unsigned long ret);
/*
 * timens_on_fork(@new, @p): when @p is current, exec_task_namespaces()
 * (6.2+) moving it to @new, a copy of its nsproxy in which the time
 * namespace becomes the one for children.
 */
void clkrg_pint_exec_timens(struct task_struct *p, struct nsproxy *new,
			    unsigned long ret);

/* Every task, from a check (process context). */
void clkrg_pint_check_all(struct clkrg_check_ctx *ctx);

u64 clkrg_pint_tasks(void);
/* Violations found at hooks rather than by a check. */
u64 clkrg_pint_hook_violations(void);
void clkrg_note_hook_violation(void);

/*
 * Kills @t (SIGKILL from an irq_work: safe from any hook; current gets it
 * before it reaches user mode, a task asleep in the kernel is woken).
 */
void clkrg_kill_task(struct task_struct *t);

#endif
