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
#include <linux/ipc_namespace.h>
#include <linux/utsname.h>
#include <linux/time_namespace.h>
#include <linux/cgroup.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <linux/task_work.h>
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
struct clkrg_text_range clkrg_commit_callers[CLKRG_COMMIT_CALLERS];
unsigned long clkrg_cred_nr64[BITS_TO_LONGS(CLKRG_NR_BITS)];
/* Hooks found no record: before this is set that is expected. */
bool clkrg_pint_ready;

/* What a task has now, to compare with its shadow. */
struct actual {
	const struct cred *real_cred;
	const struct cred *cred;
	struct lkrg_cred_snap creds;
	struct lkrg_ns_snap ns;
	bool ns_read;
	struct lkrg_seccomp_snap sec;
	bool exiting;		/* PF_EXITING */
};

#define MAX_FINDINGS	3
/*
 * A commit or namespace switch stores its pointer within this. In jiffies:
 * a clocksource read can be an emulated device access (HPET), and hooks
 * run on every commit.
 */
#define TRANSITION_JIFFIES	(HZ / 10 + 1)

struct finding {
	u16 object;
	const char *name;
	char location[LKRG_EV_LOCATION_LEN];
	unsigned int n;		/* fields that differ */
	struct lkrg_snap_diff diff[LKRG_EV_VALUES];
};

struct findings {
	unsigned int n;
	struct finding f[MAX_FINDINGS];
};

#define SNAP_NS(s, i, p) do {						\
	(s)->ns[i] = (unsigned long)(p);				\
	(s)->inum[i] = (p) ? ((struct ns_common *)&(p)->ns)->inum : 0;	\
} while (0)

/* @n stays valid: current's own, or under the owner's task_lock. */
static void snap_ns(const struct nsproxy *n, struct lkrg_ns_snap *s)
{
	memset(s, 0, sizeof(*s));
	s->nsproxy = (unsigned long)n;
	if (!n)
		return;
	SNAP_NS(s, LKRG_NS_UTS, n->uts_ns);
	SNAP_NS(s, LKRG_NS_IPC, n->ipc_ns);
	/* struct mnt_namespace is private; its ns_common comes first. */
	s->ns[LKRG_NS_MNT] = (unsigned long)n->mnt_ns;
	s->inum[LKRG_NS_MNT] = n->mnt_ns ?
		((struct ns_common *)n->mnt_ns)->inum : 0;
	SNAP_NS(s, LKRG_NS_PID_CHILDREN, n->pid_ns_for_children);
	SNAP_NS(s, LKRG_NS_NET, n->net_ns);
	SNAP_NS(s, LKRG_NS_TIME, n->time_ns);
	SNAP_NS(s, LKRG_NS_TIME_CHILDREN, n->time_ns_for_children);
	SNAP_NS(s, LKRG_NS_CGROUP, n->cgroup_ns);
}

static void snap_seccomp(struct task_struct *t, struct lkrg_seccomp_snap *s)
{
	s->mode = READ_ONCE(t->seccomp.mode);
	s->filter = (unsigned long)READ_ONCE(t->seccomp.filter);
	s->work = !!(READ_ONCE(task_thread_info(t)->syscall_work) &
		     SYSCALL_WORK_SECCOMP);
}

/* Reads @t's state; another task's nsproxy only if its lock is free. */
static void read_actual(struct task_struct *t, struct actual *a)
{
	rcu_read_lock();
	a->real_cred = rcu_dereference(t->real_cred);
	a->cred = rcu_dereference(t->cred);
	if (a->real_cred)
		clkrg_snap_creds(a->real_cred, &a->creds);
	rcu_read_unlock();
	a->ns_read = true;
	if (t == current) {
		snap_ns(t->nsproxy, &a->ns);
	} else if (spin_trylock(&t->alloc_lock)) {
		snap_ns(t->nsproxy, &a->ns);
		spin_unlock(&t->alloc_lock);
	} else {
		a->ns_read = false;
	}
	snap_seccomp(t, &a->sec);
	a->exiting = t->flags & PF_EXITING;
}

static void shadow_accept(struct clkrg_shadow *s, const struct actual *a)
{
	s->real_cred = a->real_cred;
	s->cred = a->cred;
	s->creds = a->creds;
	if (a->ns_read)
		s->ns = a->ns;
	s->sec = a->sec;
	s->flags &= ~(SHADOW_IN_COMMIT | SHADOW_NS_PENDING | SHADOW_VIOLATED);
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

/* Compares under s->lock; follows transitions that completed. */
static void compare(struct clkrg_shadow *s, const struct actual *a,
		    bool self, struct findings *fs)
{
	struct finding *f;
	bool creds = true, ns = a->ns_read, released;

	/*
	 * The old pointers are tolerated only while the change may still be
	 * under way on another CPU: never for current itself (any hook of
	 * its own comes after the store) and at most TRANSITION_JIFFIES.
	 */
	if ((s->flags & (SHADOW_IN_COMMIT | SHADOW_NS_PENDING)) &&
	    (self || time_after(jiffies, s->since + TRANSITION_JIFFIES)))
		s->flags &= ~(SHADOW_IN_COMMIT | SHADOW_NS_PENDING);
	if (s->flags & SHADOW_IN_COMMIT) {
		if (a->real_cred == s->real_cred)
			s->flags &= ~SHADOW_IN_COMMIT;
		else if (a->real_cred == s->prev_real_cred)
			creds = false;	/* the commit has not stored it yet */
	}
	if (creds && a->real_cred) {
		struct lkrg_snap_diff d[LKRG_EV_VALUES];
		unsigned int n = lkrg_cred_diff(&s->creds, &a->creds, d,
						ARRAY_SIZE(d));

		if (n || a->real_cred != s->real_cred) {
			f = add_finding(fs, LKRG_OBJ_TASK_CRED,
					n ? "creds" : "cred pointer");
			f->n = n;
			memcpy(f->diff, d, sizeof(d));
		}
	}
	/* Override creds are current's own business, seen only by it. */
	if (self && a->cred != a->real_cred && a->cred != s->cred &&
	    !(s->flags & SHADOW_IN_COMMIT))
		add_finding(fs, LKRG_OBJ_TASK_CRED, "subjective creds");
	/*
	 * 6.12 inlines switch_task_namespaces() into exit_task_namespaces():
	 * an exiting task drops its nsproxy unseen. No nsproxy grants nothing.
	 */
	if (ns && a->exiting && !a->ns.nsproxy) {
		s->ns = a->ns;
		s->flags &= ~SHADOW_NS_PENDING;
		ns = false;
	}
	if (s->flags & SHADOW_NS_PENDING) {
		if (a->ns.nsproxy == s->ns.nsproxy)
			s->flags &= ~SHADOW_NS_PENDING;
		else if (a->ns.nsproxy == (unsigned long)s->prev_nsproxy)
			ns = false;
	}
	if (ns) {
		struct lkrg_snap_diff d[LKRG_EV_VALUES];
		unsigned int n = lkrg_ns_diff(&s->ns, &a->ns, d, ARRAY_SIZE(d));

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
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location), f->location);
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

static void kill_work_fn(struct callback_head *cb)
{
	send_sig_info(SIGKILL, SEND_SIG_PRIV, current);
	/* Taken when queued: clkrg cannot go while this is pending. */
	module_put(THIS_MODULE);
}

void clkrg_kill_task(struct task_struct *t)
{
	struct clkrg_shadow *s;
	bool queue = false;

	if (t != current) {
		send_sig_info(SIGKILL, SEND_SIG_PRIV, t);
		return;
	}
	/*
	 * A hook may run under locks the signal code takes; the kill lands
	 * on the way back to user mode, and the hooks deny until then.
	 */
	rcu_read_lock();
	s = clkrg_shadow_find(t);
	if (s) {
		raw_spin_lock(&s->lock);
		if (!(s->flags & SHADOW_KILL_QUEUED)) {
			s->flags |= SHADOW_KILL_QUEUED;
			queue = true;
		}
		raw_spin_unlock(&s->lock);
		if (queue && try_module_get(THIS_MODULE)) {
			init_task_work(&s->kill_work, kill_work_fn);
			if (task_work_add(t, &s->kill_work, TWA_RESUME)) {
				module_put(THIS_MODULE);
				queue = false;
			}
		}
	}
	rcu_read_unlock();
	if (!s)
		send_sig_info(SIGKILL, SEND_SIG_PRIV, t);
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
	clkrg_kill_task(t);
	return CLKRG_DENY;
}

static struct clkrg_shadow *adopt(struct task_struct *t,
				  const struct actual *a)
{
	struct clkrg_shadow *s = clkrg_shadow_new(t);

	if (!s)
		return NULL;
	shadow_accept(s, a);
	return clkrg_shadow_insert(s);
}

/* A task met with no record: say so once, then track it. */
static void untracked(struct task_struct *t, const struct actual *a,
		      struct clkrg_check_ctx *ctx)
{
	struct finding f = {
		.object = LKRG_OBJ_TASK_SHADOW,
		.name = "no shadow record",
	};

	if (!adopt(t, a))
		return;
	/* Records are missing by our fault only when the pool ran dry. */
	if (READ_ONCE(clkrg_pint_ready) && !clkrg_shadow_starved())
		emit(t, &f, LKRG_ACT_LOGGED, ctx);
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
		read_actual(t, &a);
		untracked(t, &a, ctx);
		return CLKRG_ALLOW;
	}
	/* Read under the record's lock so hooks cannot move it meanwhile. */
	raw_spin_lock(&s->lock);
	violated = s->flags & SHADOW_VIOLATED;
	if (!violated) {
		read_actual(t, &a);
		compare(s, &a, t == current, &fs);
	}
	raw_spin_unlock(&s->lock);
	if (violated)
		v = CLKRG_DENY;
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

void clkrg_pint_fork(struct task_struct *child)
{
	struct clkrg_shadow *parent, *s, *rec;
	struct lkrg_cred_snap forged;
	bool inherit = false;
	struct actual a;

	/* The parent first: a forged parent must not hand down its state. */
	clkrg_pint_verify_current();
	read_actual(child, &a);
	rcu_read_lock();
	parent = clkrg_shadow_find(current);
	if (parent) {
		raw_spin_lock(&parent->lock);
		/* The child keeps what the parent should have had. */
		if (parent->flags & SHADOW_VIOLATED) {
			forged = parent->creds;
			inherit = true;
		}
		raw_spin_unlock(&parent->lock);
	}
	s = clkrg_shadow_new(child);
	if (!s) {
		rcu_read_unlock();
		return;
	}
	shadow_accept(s, &a);
	rec = clkrg_shadow_insert(s);
	/*
	 * A record already there is stale: its task was freed while the
	 * free hook could not run (a kprobe was active on that CPU) and
	 * this child got the same task_struct.
	 */
	raw_spin_lock(&rec->lock);
	if (rec != s) {
		rec->flags = 0;
		shadow_accept(rec, &a);
	}
	if (inherit) {
		rec->creds = forged;
		rec->flags |= SHADOW_VIOLATED;
	}
	raw_spin_unlock(&rec->lock);
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

	snprintf(f->location, sizeof(f->location), "%pS", (void *)ret);
}

/* Finds current's record, adopting current when it has none. */
static struct clkrg_shadow *own_record(void)
{
	struct clkrg_shadow *s = clkrg_shadow_find(current);
	struct actual a;

	if (s)
		return s;
	read_actual(current, &a);
	untracked(current, &a, NULL);
	return clkrg_shadow_find(current);
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
	if (!s) {
		rcu_read_unlock();
		return;
	}
	if (fs.n) {
		read_actual(current, &a);
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
	s->real_cred = new;
	s->cred = new;
	clkrg_snap_creds(new, &s->creds);
	s->flags |= SHADOW_IN_COMMIT;
	s->since = jiffies;
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
	if (s) {
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
	if (!s) {
		rcu_read_unlock();
		return;
	}
	if (fs.n) {
		read_actual(current, &a);
		snap_ns(new, &a.ns);
		enforce(current, s, &fs, &a, NULL);
		rcu_read_unlock();
		return;
	}
	raw_spin_lock(&s->lock);
	s->prev_nsproxy = (const struct nsproxy *)s->ns.nsproxy;
	snap_ns(new, &s->ns);
	s->flags |= SHADOW_NS_PENDING;
	s->since = jiffies;
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
		s->prev_nsproxy = (const struct nsproxy *)s->ns.nsproxy;
		snap_ns(new, &s->ns);
		/* What timens_on_fork() is about to store. */
		SNAP_NS(&s->ns, LKRG_NS_TIME, new->time_ns_for_children);
		s->flags |= SHADOW_NS_PENDING;
		s->since = jiffies;
		raw_spin_unlock(&s->lock);
	}
	rcu_read_unlock();
}

u64 clkrg_pint_tasks(void)
{
	return clkrg_shadow_count();
}

/*
 * Records every task that has none. Records come from the pool, which is
 * refilled outside RCU until one walk finds nothing missing.
 */
static void adopt_all(bool accept)
{
	bool short_of_records;

	do {
		struct task_struct *p, *t;
		struct actual a;

		short_of_records = false;
		clkrg_shadow_refill();
		rcu_read_lock();
		for_each_process_thread(p, t) {
			struct clkrg_shadow *s = clkrg_shadow_find(t);

			read_actual(t, &a);
			if (s) {
				if (!accept)
					continue;
				raw_spin_lock(&s->lock);
				shadow_accept(s, &a);
				raw_spin_unlock(&s->lock);
				continue;
			}
			if (!adopt(t, &a)) {
				short_of_records = true;
				break;
			}
		}
		rcu_read_unlock();
		cond_resched();
	} while (short_of_records);
}

void clkrg_pint_rebaseline(void)
{
	adopt_all(true);
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
	ret = clkrg_shadow_init();
	if (ret)
		return ret;
	return 0;
}

/* Called once the hooks are in: from now on every change is followed. */
void clkrg_pint_start(void)
{
	adopt_all(false);
	WRITE_ONCE(clkrg_pint_ready, true);
}

void clkrg_pint_exit(void)
{
	WRITE_ONCE(clkrg_pint_ready, false);
	clkrg_shadow_exit();
}
