/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shadow records of tasks: a hash of task_struct pointers with per-bucket
 * locks and RCU lookups, fed from a preallocated pool so hooks never
 * allocate. A worker tops the pool up in process context.
 */
#ifndef CLKRG_TASK_SHADOW_H
#define CLKRG_TASK_SHADOW_H

#include <linux/types.h>
#include <linux/hash.h>
#include <linux/spinlock.h>
#include <linux/rculist.h>
#include "core/task_snap.h"

struct task_struct;
struct cred;
struct nsproxy;

#define SHADOW_IN_COMMIT	(1U << 0)	/* commit_creds under way */
#define SHADOW_NS_PENDING	(1U << 1)	/* namespace switch under way */
#define SHADOW_VIOLATED		(1U << 2)	/* reported; deny from now on */
#define SHADOW_KILL_QUEUED	(1U << 3)	/* SIGKILL is on its way */

struct clkrg_shadow {
	struct hlist_node node;
	struct rcu_head rcu;
	const struct task_struct *task;
	/*
	 * Everything below. Taken in task context only (hooks skip
	 * interrupts; checks run in a worker), so interrupts stay on.
	 */
	raw_spinlock_t lock;
	u32 flags;
	const struct cred *real_cred;	/* the objective creds we expect */
	const struct cred *cred;	/* subjective (override) creds */
	const struct cred *prev_real_cred;	/* before the last commit */
	/* The task's CPU time (sum_exec_runtime) when a change was hooked. */
	u64 since_runtime;
	struct lkrg_cred_snap creds;
	struct lkrg_cred_snap prev_creds;	/* what prev_real_cred held */
	struct lkrg_ns_snap ns;
	struct lkrg_ns_snap prev_ns;	/* before the last switch */
	struct lkrg_seccomp_snap sec;
};

int clkrg_shadow_init(void);
/* Drops every record; hooks must be gone. */
void clkrg_shadow_exit(void);

#define CLKRG_SHADOW_BITS	12

struct clkrg_shadow_bucket {
	struct hlist_head head;
	raw_spinlock_t lock;
};

extern struct clkrg_shadow_bucket *clkrg_shadow_table;

static inline struct clkrg_shadow_bucket *
clkrg_shadow_bucket_of(const struct task_struct *t)
{
	return &clkrg_shadow_table[hash_ptr((void *)t, CLKRG_SHADOW_BITS)];
}

static inline struct clkrg_shadow *
clkrg_shadow_find_in(struct clkrg_shadow_bucket *b, const struct task_struct *t)
{
	struct clkrg_shadow *s;

	hlist_for_each_entry_rcu(s, &b->head, node)
		if (s->task == t)
			return s;
	return NULL;
}

/*
 * Lookup, inline for the hooks; the caller holds rcu_read_lock() or runs
 * with preemption off.
 */
static inline struct clkrg_shadow *clkrg_shadow_find(const struct task_struct *t)
{
	return clkrg_shadow_find_in(clkrg_shadow_bucket_of(t), t);
}

/*
 * A blank record for @t from the pool, to be filled before it is
 * inserted. NULL when the pool ran dry (counted). Any context but NMI.
 */
struct clkrg_shadow *clkrg_shadow_new(const struct task_struct *t);

/*
 * Publishes @s. If @s->task already has a record, @s is freed and the
 * existing one returned.
 */
struct clkrg_shadow *clkrg_shadow_insert(struct clkrg_shadow *s);

/* Forgets @t. Any context but NMI. */
void clkrg_shadow_del(const struct task_struct *t);

/* Fills the pool up to its capacity; process context. */
void clkrg_shadow_refill(void);

u64 clkrg_shadow_count(void);
/* Times a record was wanted and the pool was empty. */
u64 clkrg_shadow_starved(void);

#endif
