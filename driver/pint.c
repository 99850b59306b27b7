// SPDX-License-Identifier: GPL-2.0
/*
 * Process integrity. Legitimate changes reach the shadow through hooks on
 * the functions that commit them (commit_creds, override/revert_creds,
 * switch_task_namespaces) from the system calls allowed to make them;
 * seccomp only tightens, so a tightened state is simply followed. Anything
 * else that differs is a violation, found at the next hook of that task
 * or by the next check.
 */
#include <linux/cred.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/proc_ns.h>
#include <linux/ipc_namespace.h>
#include <linux/utsname.h>
#include <linux/time_namespace.h>
#include <linux/cgroup.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <linux/irq_work.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <net/net_namespace.h>
#include <asm/syscall.h>
#include "core/legit_syscalls.h"
#include "events.h"
#include "kint.h"
#include "ksyms.h"
#include "policy.h"
#include "task_shadow.h"
#include "pint.h"
#include "pint_fast.h"

/* Kernel functions that commit creds outside the listed system calls. */
static const char * const commit_callers[] = {
	"begin_new_exec",		/* execve, also of a usermode helper */
	"call_usermodehelper_exec_async",
	"key_change_session_keyring",	/* keyctl session-to-parent */
	"task_work_run",		/* ... its task_work, tail-called */
	"selinux_setprocattr",
	"smack_setprocattr",
	"aa_replace_current_label",
	"aa_set_current_hat",
	"aa_restore_previous_label",
};

static_assert(ARRAY_SIZE(commit_callers) == CLKRG_COMMIT_CALLERS);
struct clkrg_text_range clkrg_commit_callers[CLKRG_COMMIT_CALLERS] __ro_after_init;
unsigned long clkrg_cred_nr64[BITS_TO_LONGS(CLKRG_NR_BITS)] __ro_after_init;
/* Hooks found no record: before this is set that is expected. */
bool clkrg_pint_ready __ro_after_init;

/* What a task has now, to compare with its shadow. */
struct actual {
	const struct cred *real_cred;
	const struct cred *cred;
	struct lkrg_cred_snap creds;
	unsigned long userns_parent;	/* of creds.user_ns */
	struct lkrg_ns_snap ns;
	bool ns_read;		/* ns holds the task's namespaces */
	bool inums;		/* ... and their inode numbers */
	bool direct;		/* nobody else can switch them (see read_ns) */
	struct lkrg_seccomp_snap sec;
	bool exiting;		/* PF_EXITING */
};

#define MAX_FINDINGS	3

struct finding {
	u16 object;
	const char *name;
	unsigned long caller;	/* reported as the location, 0: none */
	unsigned int n;		/* fields that differ */
	struct lkrg_snap_diff diff[LKRG_EV_VALUES];
};

struct findings {
	unsigned int n;
	struct finding f[MAX_FINDINGS];
};

/* Offset of the owner in struct mnt_namespace (private); 0: unknown. */
static size_t mnt_owner_off __ro_after_init;

/*
 * Copies @len bytes at @src: plainly when @direct, else fault-safe (the
 * object may have been freed under us).
 */
static bool fetch(void *dst, const void *src, size_t len, bool direct)
{
	if (direct) {
		memcpy(dst, src, len);
		return true;
	}
	return !copy_from_kernel_nofault(dst, src, len);
}

static void ns_pointers(const struct nsproxy *n, const struct nsproxy *c,
			struct lkrg_ns_snap *s)
{
	memset(s, 0, sizeof(*s));
	s->nsproxy = (unsigned long)n;
	if (!n)
		return;
	s->ns[LKRG_NS_UTS] = (unsigned long)c->uts_ns;
	s->ns[LKRG_NS_IPC] = (unsigned long)c->ipc_ns;
	s->ns[LKRG_NS_MNT] = (unsigned long)c->mnt_ns;
	s->ns[LKRG_NS_PID_CHILDREN] = (unsigned long)c->pid_ns_for_children;
	s->ns[LKRG_NS_NET] = (unsigned long)c->net_ns;
	s->ns[LKRG_NS_TIME] = (unsigned long)c->time_ns;
	s->ns[LKRG_NS_TIME_CHILDREN] = (unsigned long)c->time_ns_for_children;
	s->ns[LKRG_NS_CGROUP] = (unsigned long)c->cgroup_ns;
}

/* Namespace @i of @s as its ns_common (no access), NULL if none. */
static const struct ns_common *ns_common_of(const struct lkrg_ns_snap *s,
					    unsigned int i)
{
	unsigned long p = s->ns[i];

	if (!p)
		return NULL;
	switch (i) {
	case LKRG_NS_UTS:
		return &((struct uts_namespace *)p)->ns;
	case LKRG_NS_IPC:
		return &((struct ipc_namespace *)p)->ns;
	case LKRG_NS_PID_CHILDREN:
		return &((struct pid_namespace *)p)->ns;
	case LKRG_NS_NET:
		return &((struct net *)p)->ns;
	case LKRG_NS_TIME:
	case LKRG_NS_TIME_CHILDREN:
		return &((struct time_namespace *)p)->ns;
	case LKRG_NS_CGROUP:
		return &((struct cgroup_namespace *)p)->ns;
	}
	/* struct mnt_namespace is private; its ns_common comes first. */
	return (const struct ns_common *)p;
}

/* Where namespace @i of @s keeps its owner (no access), NULL: unknown. */
static struct user_namespace * const *ns_owner_of(const struct lkrg_ns_snap *s,
						  unsigned int i)
{
	unsigned long p = s->ns[i];

	if (!p)
		return NULL;
	switch (i) {
	case LKRG_NS_UTS:
		return &((struct uts_namespace *)p)->user_ns;
	case LKRG_NS_IPC:
		return &((struct ipc_namespace *)p)->user_ns;
	case LKRG_NS_PID_CHILDREN:
		return &((struct pid_namespace *)p)->user_ns;
	case LKRG_NS_NET:
		return &((struct net *)p)->user_ns;
	case LKRG_NS_TIME:
	case LKRG_NS_TIME_CHILDREN:
		return &((struct time_namespace *)p)->user_ns;
	case LKRG_NS_CGROUP:
		return &((struct cgroup_namespace *)p)->user_ns;
	}
	return mnt_owner_off ? (void *)(p + mnt_owner_off) : NULL;
}

/* Inode numbers of @s's namespaces, for reports; false if one faulted. */
static bool ns_inums(struct lkrg_ns_snap *s, bool direct)
{
	bool ok = true;
	unsigned int i;

	for (i = 0; i < LKRG_NS_COUNT; i++) {
		const struct ns_common *c = ns_common_of(s, i);

		s->inum[i] = 0;
		if (c && !fetch(&s->inum[i], &c->inum, sizeof(s->inum[i]),
				direct))
			ok = false;
	}
	return ok;
}

/*
 * @t's namespaces, never under its task_lock (a hook may run with it
 * held: the detection path must not take it). @a->direct: @t is current,
 * or a child not yet woken; nobody else switches them, so they are read
 * plainly. Another task's nsproxy is freed as soon as it leaves it, so
 * its reads are fault-safe and count only if @t still had that nsproxy
 * afterwards: the free comes after the store of the new pointer, which
 * the second read would have seen (stores are seen in order). Under the
 * record's lock only one switch (whose hook already ran) can complete
 * meanwhile, so the same address cannot come back with other contents.
 * ns_read stays false only if @t switched under three reads in a row.
 */
static void read_ns(struct task_struct *t, struct actual *a, bool inums)
{
	unsigned int tries;

	a->ns_read = false;
	a->inums = false;
	for (tries = 0; tries < 3 && !a->ns_read; tries++) {
		struct nsproxy *n = READ_ONCE(t->nsproxy);
		struct nsproxy c;

		if (!n) {
			ns_pointers(NULL, NULL, &a->ns);
			a->ns_read = true;
			a->inums = true;
			return;
		}
		if (!fetch(&c, n, sizeof(c), a->direct))
			continue;
		ns_pointers(n, &c, &a->ns);
		if (inums && !ns_inums(&a->ns, a->direct))
			continue;
		smp_rmb();	/* the copy before the pointer's second read */
		a->ns_read = a->direct || READ_ONCE(t->nsproxy) == n;
		a->inums = inums && a->ns_read;
	}
}

/* The owners of @a's namespaces, read the same way; false: unknown. */
static bool read_owners(struct task_struct *t, const struct actual *a,
			unsigned long *owner)
{
	unsigned int i;

	for (i = 0; i < LKRG_NS_COUNT; i++) {
		struct user_namespace * const *o = ns_owner_of(&a->ns, i);
		struct user_namespace *v = NULL;

		if (o && !fetch(&v, o, sizeof(v), a->direct))
			return false;
		owner[i] = (unsigned long)v;
	}
	smp_rmb();	/* the owners before the pointer's second read */
	return a->direct ||
	       (unsigned long)READ_ONCE(t->nsproxy) == a->ns.nsproxy;
}

static void snap_seccomp(struct task_struct *t, struct lkrg_seccomp_snap *s)
{
	s->mode = READ_ONCE(t->seccomp.mode);
	s->filter = (unsigned long)READ_ONCE(t->seccomp.filter);
	s->work = !!(READ_ONCE(task_thread_info(t)->syscall_work) &
		     SYSCALL_WORK_SECCOMP);
}

/*
 * Reads @t's state. @direct: @t cannot change its namespaces meanwhile
 * (current, or a child before it first runs).
 */
static void read_actual(struct task_struct *t, struct actual *a, bool direct)
{
	rcu_read_lock();
	a->real_cred = rcu_dereference(t->real_cred);
	a->cred = rcu_dereference(t->cred);
	a->userns_parent = 0;
	if (a->real_cred) {
		clkrg_snap_creds(a->real_cred, &a->creds);
		if (a->real_cred->user_ns)
			a->userns_parent =
				(unsigned long)a->real_cred->user_ns->parent;
	}
	rcu_read_unlock();
	a->direct = direct || t == current;
	/* Inode numbers of others only for reports (compare reads them). */
	read_ns(t, a, a->direct);
	snap_seccomp(t, &a->sec);
	a->exiting = t->flags & PF_EXITING;
}

/* A record taking @a as it is. Flags other than VIOLATED are cleared. */
static void shadow_accept(struct clkrg_shadow *s, const struct actual *a)
{
	s->real_cred = a->real_cred;
	s->prev_real_cred = a->real_cred;
	s->cred = a->cred;
	s->creds = a->creds;
	s->prev_creds = a->creds;
	if (a->ns_read) {
		s->ns = a->ns;
		s->prev_ns = a->ns;
	}
	s->sec = a->sec;
	s->flags &= SHADOW_VIOLATED | SHADOW_KILL_QUEUED;
}

static struct finding *add_finding(struct findings *fs, u16 object,
				   const char *name)
{
	struct finding *f = &fs->f[fs->n < MAX_FINDINGS ? fs->n++ :
				   MAX_FINDINGS - 1];

	memset(f, 0, sizeof(*f));
	f->object = object;
	f->name = name;
	return f;
}

/*
 * Compares @t with its record @s under s->lock; follows transitions that
 * completed. A commit or namespace switch is hooked before the kernel
 * stores the new pointer: until it does, another CPU sees the old one.
 * That old state is accepted only as it was (the previous snapshot,
 * field by field), never at the task's own hooks (which all come after
 * the store), and only while the task has used less than
 * LKRG_TRANSITION_RUNTIME_NS of CPU since the hook: a task that waits
 * for a CPU (a loaded machine, stress-ng) is no longer reported, and one
 * put back into its old state after the store gains nothing it did not
 * hold a moment before, at no hook of its own, for no longer than a
 * wall-clock bound would have allowed.
 */
static void compare(struct clkrg_shadow *s, struct task_struct *t,
		    struct actual *a, struct findings *fs)
{
	const struct lkrg_cred_snap *ec = &s->creds;
	const struct lkrg_ns_snap *en = &s->ns;
	const struct cred *ep = s->real_cred;
	u64 now = READ_ONCE(t->se.sum_exec_runtime);
	bool self = t == current, over, released;
	struct finding *f;

	if (lkrg_held_to_prev(s->flags & SHADOW_IN_COMMIT, self,
			      s->since_runtime, now,
			      (unsigned long)a->real_cred,
			      (unsigned long)s->real_cred,
			      (unsigned long)s->prev_real_cred, &over)) {
		ec = &s->prev_creds;
		ep = s->prev_real_cred;
	}
	if (over)
		s->flags &= ~SHADOW_IN_COMMIT;
	if (a->real_cred) {
		struct lkrg_snap_diff d[LKRG_EV_VALUES];
		unsigned int n = lkrg_cred_diff(ec, &a->creds, d,
						ARRAY_SIZE(d));

		if (n || a->real_cred != ep) {
			f = add_finding(fs, LKRG_OBJ_TASK_CRED,
					n ? "creds" : "cred pointer");
			f->n = n;
			memcpy(f->diff, d, sizeof(d));
		}
	}
	/* Override creds are current's own business, seen only by it. */
	if (self && a->cred != a->real_cred && a->cred != s->cred)
		add_finding(fs, LKRG_OBJ_TASK_CRED, "subjective creds");
	/*
	 * 6.12 inlines switch_task_namespaces() into exit_task_namespaces():
	 * an exiting task drops its nsproxy unseen. No nsproxy grants nothing.
	 */
	if (a->ns_read && a->exiting && !a->ns.nsproxy) {
		s->ns = a->ns;
		s->flags &= ~SHADOW_NS_PENDING;
	} else if (a->ns_read) {
		struct lkrg_snap_diff d[LKRG_EV_VALUES];
		unsigned int n;

		if (lkrg_held_to_prev(s->flags & SHADOW_NS_PENDING, self,
				      s->since_runtime, now, a->ns.nsproxy,
				      s->ns.nsproxy, s->prev_ns.nsproxy,
				      &over))
			en = &s->prev_ns;
		if (over)
			s->flags &= ~SHADOW_NS_PENDING;
		n = lkrg_ns_diff(en, &a->ns, d, ARRAY_SIZE(d));
		if (n && !a->inums) {
			/* Another task's: numbers for the report. */
			read_ns(t, a, true);
			n = a->ns_read ? lkrg_ns_diff(en, &a->ns, d,
						      ARRAY_SIZE(d)) : 0;
		}
		if (n) {
			f = add_finding(fs, LKRG_OBJ_TASK_NS, "namespaces");
			f->n = n;
			memcpy(f->diff, d, sizeof(d));
		}
	}
	/*
	 * 6.12 releases an exiting task's filter in do_exit() (6.1 once it is
	 * reaped). Mode 2 and the work flag stay, and mode 2 without a filter
	 * kills at any system call: nothing to compare, no way out.
	 */
	released = a->exiting && !a->sec.filter && a->sec.work &&
		   a->sec.mode == LKRG_SECCOMP_FILTER;
	if (!released && memcmp(&s->sec, &a->sec, sizeof(s->sec))) {
		if (lkrg_seccomp_tightened(&s->sec, &a->sec)) {
			s->sec = a->sec;
		} else {
			struct lkrg_snap_diff d[LKRG_EV_VALUES];

			f = add_finding(fs, LKRG_OBJ_TASK_SECCOMP, "seccomp");
			f->n = lkrg_seccomp_diff(&s->sec, &a->sec, d,
						 ARRAY_SIZE(d));
			memcpy(f->diff, d, sizeof(d));
		}
	}
}

static u16 action_of(s64 enforce)
{
	switch (enforce) {
	case LKRG_ENFORCE_LOG_ACCEPT:
		return LKRG_ACT_ACCEPTED;
	case LKRG_ENFORCE_PANIC:
		return LKRG_ACT_PANIC;
	default:
		return LKRG_ACT_KILLED;
	}
}

/* Violations found at hooks, outside any check (status adds them in). */
static atomic64_t hook_violations;

u64 clkrg_pint_hook_violations(void)
{
	return atomic64_read(&hook_violations);
}

void clkrg_note_hook_violation(void)
{
	atomic64_inc(&hook_violations);
}

static void emit(struct task_struct *t, const struct finding *f, u16 act,
		 struct clkrg_check_ctx *ctx)
{
	struct lkrg_event_record r;
	unsigned int i;

	clkrg_ev_prepare(&r, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_CAT_TASK,
			 f->object, act, false);
	clkrg_ev_set_task(&r, t);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), f->name);
	if (f->caller)
		snprintf((char *)r.d.location, sizeof(r.d.location), "%pS",
			 (void *)f->caller);
	r.d.count = f->n;
	for (i = 0; i < f->n && i < LKRG_EV_VALUES; i++)
		lkrg_ev_add_value(&r.d, f->diff[i].field, f->diff[i].expected,
				  f->diff[i].actual);
	if (ctx) {
		r.d.check_id = ctx->check_id;
		r.d.trigger = ctx->trigger;
		r.d.generation = ctx->generation;
		ctx->violations++;
	} else {
		atomic64_inc(&hook_violations);
	}
	clkrg_ev_emit(&r);
}

/*
 * Kills are sent from an irq_work, never from the hook or check that
 * decided them: a hook may run under a task's lock or the scheduler's,
 * where the signal code must not be entered. The queue holds pid
 * references (a dead task's pid never names another task), and SIGKILL
 * also wakes a task asleep in the kernel, so a forged task parked in a
 * system call dies too. Raised on the current CPU, the irq_work runs as
 * soon as interrupts are on again, before current reaches user mode.
 */
#define KILL_SLOTS	64

static DEFINE_RAW_SPINLOCK(kill_lock);
static struct pid *kill_q[KILL_SLOTS];
static unsigned int kill_n;

static void kill_irq_fn(struct irq_work *w)
{
	struct pid *q[KILL_SLOTS];
	unsigned long flags;
	unsigned int i, n;

	raw_spin_lock_irqsave(&kill_lock, flags);
	n = kill_n;
	memcpy(q, kill_q, n * sizeof(q[0]));
	kill_n = 0;
	raw_spin_unlock_irqrestore(&kill_lock, flags);
	for (i = 0; i < n; i++) {
		kill_pid(q[i], SIGKILL, 1);
		put_pid(q[i]);
	}
}

static DEFINE_IRQ_WORK(kill_irq, kill_irq_fn);

/* False when the queue is full: the next hook or check tries again. */
static bool queue_kill(struct task_struct *t)
{
	struct pid *pid = get_task_pid(t, PIDTYPE_PID);
	unsigned long flags;
	bool queued = true;
	unsigned int i;

	if (!pid)
		return true;	/* already reaped */
	raw_spin_lock_irqsave(&kill_lock, flags);
	for (i = 0; i < kill_n && kill_q[i] != pid; i++)
		;
	if (i < kill_n)
		pid = NULL;	/* already queued: drop this reference */
	else if (kill_n < KILL_SLOTS)
		kill_q[kill_n++] = pid;
	else
		queued = false;
	raw_spin_unlock_irqrestore(&kill_lock, flags);
	if (queued && pid)
		irq_work_queue(&kill_irq);
	else
		put_pid(pid);
	return queued;
}

static void kill_via(struct task_struct *t, struct clkrg_shadow *s)
{
	if (!queue_kill(t) || !s)
		return;
	raw_spin_lock(&s->lock);
	s->flags |= SHADOW_KILL_QUEUED;
	raw_spin_unlock(&s->lock);
}

void clkrg_kill_task(struct task_struct *t)
{
	rcu_read_lock();
	kill_via(t, clkrg_shadow_find(t));
	rcu_read_unlock();
}

/*
 * Reports and enforces what compare() found in @t. Returns DENY when the
 * task must not get what it asked for. Called without s->lock.
 */
static enum clkrg_verdict enforce(struct task_struct *t,
				  struct clkrg_shadow *s,
				  const struct findings *fs,
				  const struct actual *a,
				  struct clkrg_check_ctx *ctx)
{
	s64 level = clkrg_policy(KNOB_PINT_ENFORCE);
	u16 act = action_of(level);
	unsigned int i;

	raw_spin_lock(&s->lock);
	if (level == LKRG_ENFORCE_LOG_ACCEPT && a)
		shadow_accept(s, a);
	else
		s->flags |= SHADOW_VIOLATED;
	raw_spin_unlock(&s->lock);
	for (i = 0; i < fs->n; i++)
		emit(t, &fs->f[i], act, ctx);
	if (level == LKRG_ENFORCE_PANIC) {
		if (ctx)
			ctx->panic = true;
		else
			panic("clkrg: task %d (%s): %s", task_pid_nr(t),
			      t->comm, fs->f[0].name);
		return CLKRG_DENY;
	}
	if (level == LKRG_ENFORCE_LOG_ACCEPT)
		return CLKRG_ALLOW;
	kill_via(t, s);
	return CLKRG_DENY;
}

/*
 * A task already found forged: refused, and its SIGKILL sent again if it
 * never left (the queue was full) or a check finds it not pending.
 */
static enum clkrg_verdict still_violated(struct task_struct *t,
					 struct clkrg_shadow *s,
					 struct clkrg_check_ctx *ctx)
{
	if (!(READ_ONCE(s->flags) & SHADOW_KILL_QUEUED) ||
	    (ctx && !__fatal_signal_pending(t) && !(t->flags & PF_EXITING)))
		kill_via(t, s);
	return CLKRG_DENY;
}

/* A record of @t as it is, or NULL when the pool ran dry. */
static struct clkrg_shadow *adopt(struct task_struct *t,
				  const struct actual *a)
{
	struct clkrg_shadow *s = clkrg_shadow_new(t);

	if (!s)
		return NULL;
	shadow_accept(s, a);
	return clkrg_shadow_insert(s);
}

/*
 * The expected state of the task another one was copied from, now and
 * before its last change (it may have changed since the copy: a parent
 * that dropped privileges after a fork, a leader that exited before its
 * threads finished exiting).
 */
struct source {
	struct lkrg_cred_snap creds;
	struct lkrg_cred_snap prev_creds;
	struct lkrg_ns_snap ns;
	struct lkrg_ns_snap prev_ns;
	struct lkrg_seccomp_snap sec;
};

static void take_source(struct clkrg_shadow *s, struct source *src)
{
	raw_spin_lock(&s->lock);
	src->creds = s->creds;
	src->prev_creds = s->prev_creds;
	src->ns = s->ns;
	src->prev_ns = s->prev_ns;
	src->sec = s->sec;
	raw_spin_unlock(&s->lock);
}

static bool reaper(struct task_struct *p)
{
	return is_child_reaper(task_tgid(p)) || p->signal->is_child_subreaper;
}

/*
 * The task @t (met without a record) was copied from: a thread from its
 * process (its group leader: a thread is made by one of the process's
 * threads, which share its state), a process from its parent, or the
 * nearest ancestor with a record (a parent forked while the pool was dry
 * has none). Never a reaper (init, a subreaper): it also inherits
 * others' orphans, whose creator is gone. Under rcu_read_lock().
 */
static bool source_of(struct task_struct *t, struct source *src)
{
	struct task_struct *p = READ_ONCE(t->group_leader);
	struct clkrg_shadow *s;
	unsigned int up;

	if (p != t) {
		s = clkrg_shadow_find(p);
		if (s) {
			take_source(s, src);
			return true;
		}
	}
	for (up = 0; up < 4; up++) {
		p = rcu_dereference(p->real_parent);
		if (!p || reaper(p))
			return false;
		s = clkrg_shadow_find(p);
		if (s) {
			take_source(s, src);
			return true;
		}
		p = READ_ONCE(p->group_leader);
	}
	return false;
}

/*
 * Whether namespaces @a could have been copied from @src (see derive);
 * if not and @s, puts @src's where they could not in @s->ns.
 */
static bool ns_fit(const struct lkrg_ns_snap *src, const struct actual *a,
		   u32 may_be_new, struct clkrg_shadow *s)
{
	unsigned int i;

	if (!lkrg_ns_diff_inherited(src, &a->ns, may_be_new, NULL, 0))
		return true;
	for (i = 0; s && i < LKRG_NS_COUNT; i++) {
		if (a->ns.ns[i] == src->ns[i] || (may_be_new & (1U << i)) ||
		    (i == LKRG_NS_TIME &&
		     a->ns.ns[i] == src->ns[LKRG_NS_TIME_CHILDREN]))
			continue;
		s->ns.ns[i] = src->ns[i];
		s->ns.inum[i] = src->inum[i];
	}
	return false;
}

/*
 * Fills @s, the record of @t copied from @src, with @t's actual state
 * where the kernel could have made it from @src's expected state (now, or
 * with @earlier, when the copy may be older than @src's last change, also
 * before it), and with @src's where not, so that comparing
 * @t with @s reports exactly what was not handed down. Made by the copy
 * itself: a user namespace (a child of @src's, with full capabilities in
 * it), namespaces owned by the task's user namespace when it may create
 * them there (a new user namespace, or CAP_SYS_ADMIN in @src's), the time
 * namespace @src set for its children; seccomp filters stacked since.
 * Subjective creds other than the objective ones were never seen taken:
 * expected to be the objective ones.
 */
static void derive(struct task_struct *t, const struct source *src,
		   bool earlier, const struct actual *a,
		   struct clkrg_shadow *s)
{
	bool new_userns = a->creds.user_ns != src->creds.user_ns &&
			  a->userns_parent == src->creds.user_ns;
	u64 full = clkrg_cap64(CAP_FULL_SET);
	struct lkrg_cred_snap exp, prev;
	unsigned long owner[LKRG_NS_COUNT];
	u32 may_be_new = 0;
	unsigned int i;

	shadow_accept(s, a);
	s->cred = a->real_cred;
	lkrg_cred_expect_child(&src->creds, new_userns, a->creds.user_ns,
			       a->creds.user_ns_inum, full, &exp);
	lkrg_cred_expect_child(&src->prev_creds, new_userns, a->creds.user_ns,
			       a->creds.user_ns_inum, full, &prev);
	if (lkrg_cred_diff(&exp, &a->creds, NULL, 0) &&
	    (!earlier || lkrg_cred_diff(&prev, &a->creds, NULL, 0))) {
		s->creds = exp;
		s->prev_creds = exp;
	}
	if (a->ns_read && read_owners(t, a, owner)) {
		bool admin = new_userns ||
			     (src->creds.cap_effective >> CAP_SYS_ADMIN) & 1;

		for (i = 0; i < LKRG_NS_COUNT; i++)
			if (admin && owner[i] && owner[i] == a->creds.user_ns)
				may_be_new |= 1U << i;
	}
	/* A source that left its namespaces (exit) is held to the last. */
	if (!ns_fit(&src->ns, a, may_be_new, NULL) &&
	    (!earlier || !ns_fit(&src->prev_ns, a, may_be_new, NULL))) {
		ns_fit(src->ns.nsproxy || !earlier ? &src->ns : &src->prev_ns,
		       a, may_be_new, s);
		s->prev_ns = s->ns;
	}
	if (memcmp(&src->sec, &a->sec, sizeof(a->sec)) &&
	    !lkrg_seccomp_tightened(&src->sec, &a->sec))
		s->sec = src->sec;
}

/* One record per CPU for a task met without one while the pool is dry. */
static DEFINE_PER_CPU(struct clkrg_shadow, scratch);

static void report_untracked(struct task_struct *t,
			     struct clkrg_check_ctx *ctx)
{
	struct finding f = {
		.object = LKRG_OBJ_TASK_SHADOW,
		.name = "no shadow record",
	};

	emit(t, &f, LKRG_ACT_LOGGED, ctx);
}

/*
 * A task met without a record after load: the pool ran dry when it was
 * forked (reported when it happens), or its record was lost (unlinked
 * by someone who can write kernel memory). It is never taken as it is:
 * its record is built from the expected state of the task it was copied
 * from (derive) and compared like any other, so a task forged while it
 * had no record is caught, whether or not the pool ran dry. Only when
 * nothing tells what it should hold (a reaper's child) is it taken as
 * it is, and reported. While the pool is dry the comparison is made
 * against a per-CPU record and decided all the same. With @validating
 * off the record is only built: the next comparison decides.
 */
static enum clkrg_verdict untracked(struct task_struct *t, struct actual *a,
				    bool validating,
				    struct clkrg_check_ctx *ctx)
{
	enum clkrg_verdict v = CLKRG_ALLOW;
	struct findings fs = { 0 };
	struct clkrg_shadow *s, *rec;
	struct source src;
	bool known, dry;

	if (!READ_ONCE(clkrg_pint_ready)) {
		adopt(t, a);
		return CLKRG_ALLOW;
	}
	if (!a->ns_read)
		return CLKRG_ALLOW;	/* switching: built next time */
	rcu_read_lock();
	known = source_of(t, &src);
	s = clkrg_shadow_new(t);
	dry = !s;
	if (dry) {
		s = get_cpu_ptr(&scratch);
		memset(s, 0, sizeof(*s));
		s->task = t;
		raw_spin_lock_init(&s->lock);
	}
	if (known)
		derive(t, &src, true, a, s);
	else
		shadow_accept(s, a);
	/* Or the one another CPU added meanwhile. */
	rec = dry ? s : clkrg_shadow_insert(s);
	if (!known)
		report_untracked(t, ctx);
	if (validating) {
		raw_spin_lock(&rec->lock);
		if (rec->flags & SHADOW_VIOLATED)
			v = CLKRG_DENY;
		else
			compare(rec, t, a, &fs);
		raw_spin_unlock(&rec->lock);
		if (fs.n)
			v = enforce(t, rec, &fs, a, ctx);
	}
	if (dry)
		put_cpu_ptr(&scratch);
	rcu_read_unlock();
	return v;
}

static enum clkrg_verdict verify_task(struct task_struct *t,
				      struct clkrg_check_ctx *ctx)
{
	enum clkrg_verdict v = CLKRG_ALLOW;
	struct findings fs = { 0 };
	struct clkrg_shadow *s;
	struct actual a;
	bool violated;

	/*
	 * Forked, not yet woken: the fork hook records it (and replaces a
	 * stale record its task_struct may have inherited).
	 */
	if (READ_ONCE(t->__state) == TASK_NEW)
		return CLKRG_ALLOW;
	rcu_read_lock();
	s = clkrg_shadow_find(t);
	if (s && t == current && clkrg_quick_match(s)) {
		rcu_read_unlock();
		return CLKRG_ALLOW;
	}
	if (!s) {
		rcu_read_unlock();
		read_actual(t, &a, false);
		return untracked(t, &a, true, ctx);
	}
	/* Read under the record's lock so hooks cannot move it meanwhile. */
	raw_spin_lock(&s->lock);
	violated = s->flags & SHADOW_VIOLATED;
	if (!violated) {
		read_actual(t, &a, false);
		compare(s, t, &a, &fs);
	}
	raw_spin_unlock(&s->lock);
	if (violated)
		v = still_violated(t, s, ctx);
	else if (fs.n)
		v = enforce(t, s, &fs, &a, ctx);
	rcu_read_unlock();
	return v;
}

static void verify_all(struct clkrg_check_ctx *ctx)
{
	struct task_struct *p, *t;

	rcu_read_lock();
	for_each_process_thread(p, t) {
		if (t->flags & PF_EXITING && !t->real_cred)
			continue;
		verify_task(t, ctx);
		if (ctx)
			ctx->tasks++;
	}
	rcu_read_unlock();
}

enum clkrg_verdict clkrg_pint_verify_current(void)
{
	s64 level = clkrg_policy(KNOB_PINT_VALIDATE);

	if (level == LKRG_PINT_OFF || !clkrg_hook_context())
		return CLKRG_ALLOW;
	if (level == LKRG_PINT_PARANOID)
		verify_all(NULL);
	return verify_task(current, NULL);
}

void clkrg_pint_check_all(struct clkrg_check_ctx *ctx)
{
	u64 start = ktime_get_ns();

	if (clkrg_policy(KNOB_PINT_VALIDATE) == LKRG_PINT_OFF)
		return;
	verify_all(ctx);
	ctx->tasks_ns = ktime_get_ns() - start;
}

/* Finds current's record, building one (untracked) when it has none. */
static struct clkrg_shadow *own_record(void)
{
	struct clkrg_shadow *s = clkrg_shadow_find(current);
	struct actual a;

	if (s)
		return s;
	read_actual(current, &a, true);
	untracked(current, &a,
		  clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_OFF, NULL);
	return clkrg_shadow_find(current);
}

/*
 * While pint_validate is off the hooks still follow current's legitimate
 * changes, so that turning it on needs no acceptance at all; but not the
 * changes of a task that no longer matches its record (forged while
 * nobody looked): its record keeps what it should hold, and the first
 * comparison once validation is back finds it. Nothing is reported here.
 */
static bool may_follow(struct clkrg_shadow *s)
{
	struct findings fs = { 0 };
	struct actual a;
	bool violated;

	if (clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_OFF)
		return true;
	raw_spin_lock(&s->lock);
	violated = s->flags & SHADOW_VIOLATED;
	if (!violated) {
		read_actual(current, &a, true);
		compare(s, current, &a, &fs);
	}
	raw_spin_unlock(&s->lock);
	return !violated && !fs.n;
}

void clkrg_pint_fork(struct task_struct *child)
{
	bool validating = clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_OFF;
	struct clkrg_shadow *parent, *s;
	struct findings fs = { 0 };
	bool from_parent = false;
	struct source src;
	struct actual a;

	/* The parent first: a forged parent must not hand down its state. */
	clkrg_pint_verify_current();
	/* Not yet woken: only copy_process() touched its state. */
	read_actual(child, &a, true);
	rcu_read_lock();
	parent = own_record();
	/*
	 * No record for the parent (the pool is dry): neither for the
	 * child, which is met later without one and held to the nearest
	 * ancestor that has a record, never taken as it is.
	 */
	if (!parent && READ_ONCE(clkrg_pint_ready)) {
		rcu_read_unlock();
		clkrg_shadow_del(child);	/* a stale one (see below) */
		return;
	}
	if (parent) {
		/*
		 * Verified a moment ago, a parent hands down what it holds.
		 * Forged, or not verified (validation off), it hands down
		 * what it should hold: the child is held to that.
		 */
		from_parent = !validating ||
			      (READ_ONCE(parent->flags) & SHADOW_VIOLATED);
		if (from_parent)
			take_source(parent, &src);
	}
	/*
	 * A record already there is stale: its task was freed while the
	 * free hook could not run and this child got the same task_struct.
	 * Nobody else adds one for a task not yet woken.
	 */
	s = clkrg_shadow_find(child);
	if (s) {
		raw_spin_lock(&s->lock);
		s->flags = 0;
		shadow_accept(s, &a);
		raw_spin_unlock(&s->lock);
	} else {
		s = clkrg_shadow_new(child);
		if (!s) {
			/* Counted and reported; met later without a record. */
			rcu_read_unlock();
			return;
		}
		shadow_accept(s, &a);
		s = clkrg_shadow_insert(s);
	}
	if (from_parent) {
		raw_spin_lock(&s->lock);
		derive(child, &src, false, &a, s);
		if (validating)
			compare(s, child, &a, &fs);
		raw_spin_unlock(&s->lock);
		if (fs.n)
			enforce(child, s, &fs, &a, NULL);
	}
	rcu_read_unlock();
}

void clkrg_pint_free(struct task_struct *t)
{
	clkrg_shadow_del(t);
}

/* The system call current is in, if it came from user mode. */
static bool in_syscall(bool (*allowed)(bool ia32, long nr))
{
	struct pt_regs *regs = task_pt_regs(current);

	return allowed(in_ia32_syscall(), syscall_get_nr(current, regs));
}

/* Fills a finding for a commit or switch from an unexpected caller. */
static void bad_caller(struct findings *fs, u16 object, const char *name,
		       unsigned long ret)
{
	struct finding *f = add_finding(fs, object, name);

	f->caller = ret;
}

void clkrg_pint_commit(const struct cred *new, unsigned long ret)
{
	struct findings fs = { 0 };
	struct clkrg_shadow *s;
	struct actual a;
	bool check = clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_OFF &&
		     clkrg_hook_context();

	if (!in_task())
		return;
	/* The creds being replaced must be the ones we expect. */
	if (check && clkrg_pint_verify_current() == CLKRG_DENY)
		return;
	if (check && !clkrg_commit_caller_ok(ret))
		bad_caller(&fs, LKRG_OBJ_TASK_CRED, "unexpected commit_creds",
			   ret);
	rcu_read_lock();
	s = own_record();
	if (!s || !may_follow(s)) {
		rcu_read_unlock();
		return;
	}
	if (fs.n) {
		read_actual(current, &a, true);
		/* Accepting means following the commit, like a legal one. */
		clkrg_snap_creds(new, &a.creds);
		a.real_cred = new;
		a.cred = new;
		enforce(current, s, &fs, &a, NULL);
		rcu_read_unlock();
		return;
	}
	raw_spin_lock(&s->lock);
	s->prev_real_cred = s->real_cred;
	s->prev_creds = s->creds;
	s->real_cred = new;
	s->cred = new;
	clkrg_snap_creds(new, &s->creds);
	s->flags |= SHADOW_IN_COMMIT;
	s->since_runtime = current->se.sum_exec_runtime;
	raw_spin_unlock(&s->lock);
	rcu_read_unlock();
}

static void set_subjective(const struct cred *c)
{
	struct clkrg_shadow *s;

	if (!in_task())
		return;
	clkrg_pint_verify_current();
	rcu_read_lock();
	s = own_record();
	if (s && may_follow(s)) {
		raw_spin_lock(&s->lock);
		s->cred = c;
		raw_spin_unlock(&s->lock);
	}
	rcu_read_unlock();
}

void clkrg_pint_override(const struct cred *new)
{
	set_subjective(new);
}

void clkrg_pint_revert(const struct cred *old)
{
	set_subjective(old);
}

/*
 * A switch of current to @new that an earlier hook already followed:
 * timens_on_fork() in exec_task_namespaces(), on a kernel that does not
 * inline switch_task_namespaces() there.
 */
static bool announced(struct nsproxy *new)
{
	struct clkrg_shadow *s;
	bool seen;

	rcu_read_lock();
	s = clkrg_shadow_find(current);
	seen = s && new && (READ_ONCE(s->flags) & SHADOW_NS_PENDING) &&
	       READ_ONCE(s->ns.nsproxy) == (unsigned long)new;
	rcu_read_unlock();
	return seen;
}

void clkrg_pint_switch_ns(struct task_struct *p, struct nsproxy *new,
			  unsigned long ret)
{
	struct findings fs = { 0 };
	struct clkrg_shadow *s;
	struct actual a;
	bool check = clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_OFF &&
		     clkrg_hook_context();

	/*
	 * The exit's switch to no nsproxy is not followed: compare() accepts
	 * an exiting task without one, with no window that a task waiting
	 * between this hook and the store could outlast (6.12 inlines this
	 * switch there anyway).
	 */
	if (!in_task() || p != current || announced(new) ||
	    (!new && (p->flags & PF_EXITING)))
		return;
	if (check && clkrg_pint_verify_current() == CLKRG_DENY)
		return;
	if (check && !(clkrg_core_text(ret) &&
		       (clkrg_kernel_context() || (!new && p->flags & PF_EXITING) ||
			in_syscall(lkrg_ns_syscall))))
		bad_caller(&fs, LKRG_OBJ_TASK_NS,
			   "unexpected switch_task_namespaces", ret);
	rcu_read_lock();
	s = own_record();
	if (!s || !may_follow(s)) {
		rcu_read_unlock();
		return;
	}
	if (fs.n) {
		read_actual(current, &a, true);
		a.direct = true;
		if (new) {
			ns_pointers(new, new, &a.ns);
			ns_inums(&a.ns, true);
		} else {
			ns_pointers(NULL, NULL, &a.ns);
		}
		enforce(current, s, &fs, &a, NULL);
		rcu_read_unlock();
		return;
	}
	raw_spin_lock(&s->lock);
	s->prev_ns = s->ns;
	if (new) {
		ns_pointers(new, new, &s->ns);
		ns_inums(&s->ns, true);
	} else {
		ns_pointers(NULL, NULL, &s->ns);
	}
	s->flags |= SHADOW_NS_PENDING;
	s->since_runtime = current->se.sum_exec_runtime;
	raw_spin_unlock(&s->lock);
	rcu_read_unlock();
}

/* @new is @old with only the time namespace left to change. */
static bool same_but_time(const struct nsproxy *old, const struct nsproxy *new)
{
	return new->uts_ns == old->uts_ns && new->ipc_ns == old->ipc_ns &&
	       new->mnt_ns == old->mnt_ns && new->net_ns == old->net_ns &&
	       new->pid_ns_for_children == old->pid_ns_for_children &&
	       new->cgroup_ns == old->cgroup_ns &&
	       new->time_ns == old->time_ns &&
	       new->time_ns_for_children == old->time_ns_for_children;
}

void clkrg_pint_exec_timens(struct task_struct *p, struct nsproxy *new,
			    unsigned long ret)
{
	const struct nsproxy *old = p->nsproxy;
	struct clkrg_shadow *s;

	/* At fork @p is the child, which the fork hook records. */
	if (!in_task() || p != current || !new || !old || new == old ||
	    !clkrg_core_text(ret) || !same_but_time(old, new))
		return;
	if (clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_OFF &&
	    clkrg_hook_context() && clkrg_pint_verify_current() == CLKRG_DENY)
		return;
	rcu_read_lock();
	s = own_record();
	if (s) {
		raw_spin_lock(&s->lock);
		s->prev_ns = s->ns;
		ns_pointers(new, new, &s->ns);
		/* What timens_on_fork() is about to store. */
		s->ns.ns[LKRG_NS_TIME] =
			(unsigned long)new->time_ns_for_children;
		ns_inums(&s->ns, true);
		s->flags |= SHADOW_NS_PENDING;
		s->since_runtime = current->se.sum_exec_runtime;
		raw_spin_unlock(&s->lock);
	}
	rcu_read_unlock();
}

u64 clkrg_pint_tasks(void)
{
	return clkrg_shadow_count();
}

/*
 * Records every task at load. Records come from the pool, which is
 * refilled outside RCU until one walk finds nothing missing.
 */
static void adopt_all(void)
{
	bool short_of_records;

	do {
		struct task_struct *p, *t;
		struct actual a;

		short_of_records = false;
		clkrg_shadow_refill();
		rcu_read_lock();
		for_each_process_thread(p, t) {
			if (clkrg_shadow_find(t))
				continue;
			read_actual(t, &a, false);
			if (!adopt(t, &a)) {
				short_of_records = true;
				break;
			}
		}
		rcu_read_unlock();
		cond_resched();
	} while (short_of_records);
}

/*
 * The owner of a mount namespace is behind a private type: its offset is
 * found in init's, whose owner the namespace's own operations name.
 */
static void find_mnt_owner(void)
{
	struct ns_common *mc = (struct ns_common *)init_task.nsproxy->mnt_ns;
	unsigned long owner, v;
	size_t off;

	if (!mc || !mc->ops || !mc->ops->owner)
		return;
	owner = (unsigned long)mc->ops->owner(mc);
	for (off = sizeof(*mc); off < 256; off += sizeof(long)) {
		if (get_kernel_nofault(v, (unsigned long *)((char *)mc + off)))
			return;
		if (v == owner) {
			mnt_owner_off = off;
			return;
		}
	}
}

int clkrg_pint_init(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < CLKRG_COMMIT_CALLERS; i++)
		if (!clkrg_ksym_range(commit_callers[i],
				      &clkrg_commit_callers[i].start,
				      &clkrg_commit_callers[i].size))
			clkrg_commit_callers[i].size = 0;
	for (i = 0; i < CLKRG_NR_BITS; i++)
		if (lkrg_cred_syscall(false, i))
			__set_bit(i, clkrg_cred_nr64);
	find_mnt_owner();
	if (!mnt_owner_off)
		pr_warn("clkrg: WARN: owner of mount namespaces not found\n");
	ret = clkrg_shadow_init();
	if (ret)
		return ret;
	return 0;
}

/* Called once the hooks are in: from now on every change is followed. */
void clkrg_pint_start(void)
{
	adopt_all();
	WRITE_ONCE(clkrg_pint_ready, true);
}

/*
 * Hooks and checks are gone: the last kills go out, records go. (Ready
 * stays set: it is read-only after load, and nothing reads it now.)
 */
void clkrg_pint_exit(void)
{
	irq_work_sync(&kill_irq);
	kill_irq_fn(&kill_irq);
	clkrg_shadow_exit();
}
