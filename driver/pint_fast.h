/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fast paths of process integrity, inline in the hooks: under TCG and
 * with return thunks every call and return costs more than the compares
 * themselves, so the common case (current matches its record, a commit
 * from a cred-changing system call) runs without a single call. Anything
 * else returns false and the caller takes the full path in pint.c, which
 * decides and reports.
 */
#ifndef CLKRG_PINT_FAST_H
#define CLKRG_PINT_FAST_H

#include <linux/cred.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <linux/user_namespace.h>
#include <asm/syscall.h>
#include "ksyms.h"
#include "policy.h"
#include "task_shadow.h"

#define SHADOW_PENDING	(SHADOW_IN_COMMIT | SHADOW_NS_PENDING)
/* x86-64 system call numbers that may commit creds, as a bitmap. */
#define CLKRG_NR_BITS	512

extern bool clkrg_pint_ready;
extern unsigned long clkrg_cred_nr64[BITS_TO_LONGS(CLKRG_NR_BITS)];

struct clkrg_text_range {
	unsigned long start, size;
};

/* Kernel functions that commit creds outside the listed system calls. */
#define CLKRG_COMMIT_CALLERS	9
extern struct clkrg_text_range clkrg_commit_callers[CLKRG_COMMIT_CALLERS];

static inline u64 clkrg_cap64(kernel_cap_t c)
{
	return (u64)c.cap[1] << 32 | c.cap[0];
}

static inline void clkrg_snap_creds(const struct cred *c,
				    struct lkrg_cred_snap *s)
{
	s->uid = __kuid_val(c->uid);
	s->gid = __kgid_val(c->gid);
	s->suid = __kuid_val(c->suid);
	s->sgid = __kgid_val(c->sgid);
	s->euid = __kuid_val(c->euid);
	s->egid = __kgid_val(c->egid);
	s->fsuid = __kuid_val(c->fsuid);
	s->fsgid = __kgid_val(c->fsgid);
	s->securebits = c->securebits;
	s->cap_inheritable = clkrg_cap64(c->cap_inheritable);
	s->cap_permitted = clkrg_cap64(c->cap_permitted);
	s->cap_effective = clkrg_cap64(c->cap_effective);
	s->cap_bset = clkrg_cap64(c->cap_bset);
	s->cap_ambient = clkrg_cap64(c->cap_ambient);
	s->user_ns = (unsigned long)c->user_ns;
	s->user_ns_inum = c->user_ns ? c->user_ns->ns.inum : 0;
	s->group_info = (unsigned long)c->group_info;
}

/* A hook in a task that has a record to check: not an irq, not idle. */
static inline bool clkrg_hook_context(void)
{
	return in_task() && !is_idle_task(current) && READ_ONCE(clkrg_pint_ready);
}

static __always_inline bool clkrg_creds_match(const struct cred *real,
				     const struct lkrg_cred_snap *c)
{
	return __kuid_val(real->uid) == c->uid &&
	       __kuid_val(real->euid) == c->euid &&
	       __kuid_val(real->suid) == c->suid &&
	       __kuid_val(real->fsuid) == c->fsuid &&
	       __kgid_val(real->gid) == c->gid &&
	       __kgid_val(real->egid) == c->egid &&
	       __kgid_val(real->sgid) == c->sgid &&
	       __kgid_val(real->fsgid) == c->fsgid &&
	       real->securebits == c->securebits &&
	       clkrg_cap64(real->cap_effective) == c->cap_effective &&
	       clkrg_cap64(real->cap_permitted) == c->cap_permitted &&
	       clkrg_cap64(real->cap_inheritable) == c->cap_inheritable &&
	       clkrg_cap64(real->cap_bset) == c->cap_bset &&
	       clkrg_cap64(real->cap_ambient) == c->cap_ambient &&
	       (unsigned long)real->user_ns == c->user_ns &&
	       (unsigned long)real->group_info == c->group_info;
}

static __always_inline bool clkrg_ns_match(const struct nsproxy *n,
				  const struct lkrg_ns_snap *ns)
{
	if ((unsigned long)n != ns->nsproxy)
		return false;
	return !n || ((unsigned long)n->uts_ns == ns->ns[LKRG_NS_UTS] &&
		      (unsigned long)n->ipc_ns == ns->ns[LKRG_NS_IPC] &&
		      (unsigned long)n->mnt_ns == ns->ns[LKRG_NS_MNT] &&
		      (unsigned long)n->pid_ns_for_children ==
			ns->ns[LKRG_NS_PID_CHILDREN] &&
		      (unsigned long)n->net_ns == ns->ns[LKRG_NS_NET] &&
		      (unsigned long)n->time_ns == ns->ns[LKRG_NS_TIME] &&
		      (unsigned long)n->time_ns_for_children ==
			ns->ns[LKRG_NS_TIME_CHILDREN] &&
		      (unsigned long)n->cgroup_ns == ns->ns[LKRG_NS_CGROUP]);
}

/*
 * Current against its record, field by field, with no snapshot and no
 * namespace inode read. A torn read of a record being updated or any
 * mismatch sends the caller to the locked comparison, which decides. A
 * commit or namespace switch of current's own has stored its pointer by
 * the time current reaches another hook, so its pending flag means
 * nothing here; a full match ends it (with @clear), as the locked
 * comparison would.
 */
static __always_inline bool clkrg_quick_match(struct clkrg_shadow *s, bool clear)
{
	const struct task_struct *t = current;
	const struct cred *real = rcu_dereference(t->real_cred);
	const struct cred *subj = rcu_access_pointer(t->cred);
	u32 flags = READ_ONCE(s->flags);

	if ((flags & ~SHADOW_PENDING) || real != READ_ONCE(s->real_cred))
		return false;
	if (subj != real && subj != READ_ONCE(s->cred))
		return false;
	if (!clkrg_creds_match(real, &s->creds) ||
	    !clkrg_ns_match(t->nsproxy, &s->ns))
		return false;
	if (READ_ONCE(t->seccomp.mode) != s->sec.mode ||
	    (unsigned long)READ_ONCE(t->seccomp.filter) != s->sec.filter ||
	    !!(READ_ONCE(task_thread_info(t)->syscall_work) &
	       SYSCALL_WORK_SECCOMP) != s->sec.work)
		return false;
	if (flags && clear) {
		raw_spin_lock(&s->lock);
		s->flags &= ~SHADOW_PENDING;
		raw_spin_unlock(&s->lock);
	}
	return true;
}

/* Current matches its record at the default level; false: undecided. */
static __always_inline bool clkrg_pint_fast_ok(void)
{
	struct clkrg_shadow *s;

	if (clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_CURRENT)
		return false;
	s = clkrg_shadow_find(current);
	return s && clkrg_quick_match(s, true);
}

static inline bool clkrg_core_text(unsigned long addr)
{
	return addr - clkrg_stext < clkrg_etext - clkrg_stext;
}

/* commit_creds called back from @ret is where legitimate commits come from. */
static __always_inline bool clkrg_commit_caller_ok(unsigned long ret)
{
	unsigned int i;
	long nr;

	if (!clkrg_core_text(ret))
		return false;
	if ((current->flags & PF_KTHREAD) || !current->mm)
		return true;
	for (i = 0; i < CLKRG_COMMIT_CALLERS; i++)
		if (ret - clkrg_commit_callers[i].start <
		    clkrg_commit_callers[i].size)
			return true;
	if (in_ia32_syscall())
		return false;	/* the full path knows ia32 numbers */
	nr = syscall_get_nr(current, task_pt_regs(current));
	return nr >= 0 && nr < CLKRG_NR_BITS && test_bit(nr, clkrg_cred_nr64);
}

/*
 * A legitimate commit of @new by a task that matches its record: follows
 * it. False, with nothing changed, when the full path must decide.
 */
static __always_inline bool clkrg_pint_commit_fast(const struct cred *new,
					  unsigned long ret)
{
	struct clkrg_shadow *s;
	bool done = false;

	if (clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_CURRENT ||
	    !clkrg_commit_caller_ok(ret))
		return false;
	s = clkrg_shadow_find(current);
	if (!s || !clkrg_quick_match(s, false))
		return false;
	raw_spin_lock(&s->lock);
	if (!(s->flags & ~SHADOW_PENDING)) {
		s->prev_real_cred = s->real_cred;
		s->real_cred = new;
		s->cred = new;
		clkrg_snap_creds(new, &s->creds);
		s->flags = (s->flags & ~SHADOW_PENDING) | SHADOW_IN_COMMIT;
		s->since = jiffies;
		done = true;
	}
	raw_spin_unlock(&s->lock);
	return done;
}

#endif
