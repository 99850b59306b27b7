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
#include "compat/compat.h"
#include "core/legit_syscalls.h"
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
	return clkrg_cap_u64(c);
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

/*
 * The compares are folded into one word, not branched on one by one: under
 * TCG every branch ends a translated block. On x86 a u64 load of a
 * kernel_cap_t is the snapshot's cap value, and uid..fsgid lie in the same
 * order in both structs, so they go two at a time.
 */
static __always_inline u64 clkrg_creds_differ(const struct cred *real,
					      const struct lkrg_cred_snap *c)
{
	const u64 *ids = (const u64 *)&c->uid;
	const u8 *rid = (const u8 *)&real->uid;
	u64 d;

	BUILD_BUG_ON(offsetof(struct cred, fsgid) !=
		     offsetof(struct cred, uid) + 7 * sizeof(u32));
	BUILD_BUG_ON(offsetof(struct lkrg_cred_snap, fsgid) !=
		     offsetof(struct lkrg_cred_snap, uid) + 7 * sizeof(u32));
	BUILD_BUG_ON(offsetof(struct lkrg_cred_snap, uid) % sizeof(u64));
	BUILD_BUG_ON(sizeof(kernel_cap_t) != sizeof(u64));
	d = get_unaligned((const u64 *)rid) ^ ids[0];
	d |= get_unaligned((const u64 *)(rid + 8)) ^ ids[1];
	d |= get_unaligned((const u64 *)(rid + 16)) ^ ids[2];
	d |= get_unaligned((const u64 *)(rid + 24)) ^ ids[3];
	d |= real->securebits ^ c->securebits;
	d |= get_unaligned((const u64 *)&real->cap_effective) ^ c->cap_effective;
	d |= get_unaligned((const u64 *)&real->cap_permitted) ^ c->cap_permitted;
	d |= get_unaligned((const u64 *)&real->cap_inheritable) ^
	     c->cap_inheritable;
	d |= get_unaligned((const u64 *)&real->cap_bset) ^ c->cap_bset;
	d |= get_unaligned((const u64 *)&real->cap_ambient) ^ c->cap_ambient;
	d |= (unsigned long)real->user_ns ^ c->user_ns;
	return d | ((unsigned long)real->group_info ^ c->group_info);
}

static __always_inline u64 clkrg_ns_differ(const struct nsproxy *n,
					   const struct lkrg_ns_snap *ns)
{
	u64 d = (unsigned long)n ^ ns->nsproxy;

	if (!n)
		return d;
	d |= (unsigned long)n->uts_ns ^ ns->ns[LKRG_NS_UTS];
	d |= (unsigned long)n->ipc_ns ^ ns->ns[LKRG_NS_IPC];
	d |= (unsigned long)n->mnt_ns ^ ns->ns[LKRG_NS_MNT];
	d |= (unsigned long)n->pid_ns_for_children ^
	     ns->ns[LKRG_NS_PID_CHILDREN];
	d |= (unsigned long)n->net_ns ^ ns->ns[LKRG_NS_NET];
	d |= (unsigned long)n->time_ns ^ ns->ns[LKRG_NS_TIME];
	d |= (unsigned long)n->time_ns_for_children ^
	     ns->ns[LKRG_NS_TIME_CHILDREN];
	return d | ((unsigned long)n->cgroup_ns ^ ns->ns[LKRG_NS_CGROUP]);
}

/* clkrg_snap_creds() in words, for the commit fast path. */
static __always_inline void clkrg_snap_creds_words(const struct cred *c,
						   struct lkrg_cred_snap *s)
{
	u64 *ids = (u64 *)&s->uid;
	const u8 *rid = (const u8 *)&c->uid;

	ids[0] = get_unaligned((const u64 *)rid);
	ids[1] = get_unaligned((const u64 *)(rid + 8));
	ids[2] = get_unaligned((const u64 *)(rid + 16));
	ids[3] = get_unaligned((const u64 *)(rid + 24));
	s->securebits = c->securebits;
	s->cap_inheritable = get_unaligned((const u64 *)&c->cap_inheritable);
	s->cap_permitted = get_unaligned((const u64 *)&c->cap_permitted);
	s->cap_effective = get_unaligned((const u64 *)&c->cap_effective);
	s->cap_bset = get_unaligned((const u64 *)&c->cap_bset);
	s->cap_ambient = get_unaligned((const u64 *)&c->cap_ambient);
	if ((unsigned long)c->user_ns != s->user_ns) {
		s->user_ns = (unsigned long)c->user_ns;
		s->user_ns_inum = c->user_ns ? c->user_ns->ns.inum : 0;
	}
	s->group_info = (unsigned long)c->group_info;
}

/*
 * The record's lock from a hook: preemption is already off there (ftrace's
 * recursion guard), so the arch lock's inline fast path is all that
 * raw_spin_lock() would add to it, minus two calls. Same lock word as the
 * raw_spin_lock() of the full paths.
 */
static __always_inline void clkrg_record_lock(struct clkrg_shadow *s)
{
	arch_spin_lock(&s->lock.raw_lock);
}

static __always_inline void clkrg_record_unlock(struct clkrg_shadow *s)
{
	arch_spin_unlock(&s->lock.raw_lock);
}

/*
 * Current against its record, field by field, with no snapshot and no
 * namespace inode read. A torn read of a record being updated or any
 * mismatch sends the caller to the locked comparison, which decides. A
 * commit or namespace switch of current's own has stored its pointer by
 * the time current reaches another hook, so its pending flag means
 * nothing here. It is left set (clearing it would take the lock on every
 * hit after a commit): a check from another CPU still honours it while
 * the task has used less than TRANSITION_RUNTIME_NS of CPU since the
 * change, never the task's own hooks.
 */
static __always_inline bool clkrg_quick_match(struct clkrg_shadow *s)
{
	const struct task_struct *t = current;
	/* current's own: only current replaces it (no RCU reader needed) */
	const struct cred *real = current_real_cred();
	unsigned long subj = (unsigned long)rcu_access_pointer(t->cred);
	u32 flags = READ_ONCE(s->flags);
	u64 d;

	d = flags & ~SHADOW_PENDING;
	d |= (unsigned long)real ^ (unsigned long)READ_ONCE(s->real_cred);
	/* Override creds: the ones current was seen to take, or none. */
	d |= (subj ^ (unsigned long)real) &
	     (subj ^ (unsigned long)READ_ONCE(s->cred));
	d |= clkrg_creds_differ(real, &s->creds);
	d |= clkrg_ns_differ(t->nsproxy, &s->ns);
	d |= READ_ONCE(t->seccomp.mode) ^ s->sec.mode;
	d |= (unsigned long)READ_ONCE(t->seccomp.filter) ^ s->sec.filter;
	d |= !!(READ_ONCE(task_thread_info(t)->syscall_work) &
		SYSCALL_WORK_SECCOMP) ^ s->sec.work;
	return !d;
}

/* Current matches its record at the default level; false: undecided. */
static __always_inline bool clkrg_pint_fast_ok(void)
{
	struct clkrg_shadow *s;

	if (clkrg_policy(KNOB_PINT_VALIDATE) != LKRG_PINT_CURRENT)
		return false;
	s = clkrg_shadow_find(current);
	return s && clkrg_quick_match(s);
}

static inline bool clkrg_core_text(unsigned long addr)
{
	return addr - clkrg_stext < clkrg_etext - clkrg_stext;
}

static __always_inline bool clkrg_kernel_context(void)
{
	return (current->flags & PF_KTHREAD) || !current->mm;
}

/*
 * The one rule for where legitimate commits come from (both paths use it):
 * core text, from a cred-changing system call, a kernel thread or usermode
 * helper, or a listed kernel function (@ret is commit_creds' return).
 */
static __always_inline bool clkrg_commit_caller_ok(unsigned long ret)
{
	unsigned int i;
	long nr;

	if (!clkrg_core_text(ret))
		return false;
	/* The common case first: a bitmap; ia32 numbers from the table. */
	nr = syscall_get_nr(current, task_pt_regs(current));
	if (unlikely(in_ia32_syscall())) {
		if (lkrg_cred_syscall(true, nr))
			return true;
	} else if (nr >= 0 && nr < CLKRG_NR_BITS &&
		   test_bit(nr, clkrg_cred_nr64)) {
		return true;
	}
	if (clkrg_kernel_context())
		return true;
	for (i = 0; i < CLKRG_COMMIT_CALLERS; i++)
		if (ret - clkrg_commit_callers[i].start <
		    clkrg_commit_callers[i].size)
			return true;
	return false;
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
	if (!s || !clkrg_quick_match(s))
		return false;
	clkrg_record_lock(s);
	if (!(s->flags & ~SHADOW_PENDING)) {
		s->prev_real_cred = s->real_cred;
		s->prev_creds = s->creds;
		s->real_cred = new;
		s->cred = new;
		clkrg_snap_creds_words(new, &s->creds);
		s->flags = (s->flags & ~SHADOW_PENDING) | SHADOW_IN_COMMIT;
		s->since_runtime = current->se.sum_exec_runtime;
		done = true;
	}
	clkrg_record_unlock(s);
	return done;
}

#endif
