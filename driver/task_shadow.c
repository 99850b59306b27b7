// SPDX-License-Identifier: GPL-2.0
#include <linux/hash.h>
#include <linux/irq_work.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include "events.h"
#include "task_shadow.h"

#define POOL_MAX	1024
#define POOL_LOW	(POOL_MAX / 2)

struct clkrg_shadow_bucket *clkrg_shadow_table __ro_after_init;
static struct kmem_cache *cache __ro_after_init;
static atomic64_t count;
static atomic64_t starved;

/* The pool: a stack of ready records, one short raw-lock section. */
static DEFINE_RAW_SPINLOCK(pool_lock);
static struct clkrg_shadow *pool[POOL_MAX];
static unsigned int pool_n;

static void refill_work(struct work_struct *w)
{
	clkrg_shadow_refill();
}

static DECLARE_WORK(pool_work, refill_work);

/*
 * Hooks may run under the scheduler's locks, where waking a worker could
 * deadlock: they raise an irq_work, which queues the refill.
 */
static void refill_irq_fn(struct irq_work *w)
{
	schedule_work(&pool_work);
}

static DEFINE_IRQ_WORK(refill_irq, refill_irq_fn);

/* Set when an empty pool was reported; cleared by the next refill. */
static atomic_t dry_reported;

/* Once per time the pool ran dry: tasks go without records from here. */
static void report_dry(void)
{
	struct lkrg_event_record r;

	if (atomic_xchg(&dry_reported, 1))
		return;
	clkrg_ev_prepare(&r, LKRG_EV_INFO, LKRG_SEV_WARN, LKRG_CAT_TASK,
			 LKRG_OBJ_TASK_SHADOW, LKRG_ACT_NONE, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "record pool empty");
	lkrg_ev_add_value(&r.d, "starved", 0, atomic64_read(&starved));
	clkrg_ev_emit(&r);
}

void clkrg_shadow_refill(void)
{
	for (;;) {
		struct clkrg_shadow *s;
		unsigned long flags;
		bool stored = false;

		if (READ_ONCE(pool_n) >= POOL_MAX) {
			atomic_set(&dry_reported, 0);
			return;
		}
		s = kmem_cache_zalloc(cache, GFP_KERNEL);
		if (!s)
			return;
		raw_spin_lock_irqsave(&pool_lock, flags);
		if (pool_n < POOL_MAX) {
			pool[pool_n++] = s;
			stored = true;
		}
		raw_spin_unlock_irqrestore(&pool_lock, flags);
		if (!stored) {
			kmem_cache_free(cache, s);
			return;
		}
	}
}

static struct clkrg_shadow *pool_take(void)
{
	struct clkrg_shadow *s = NULL;
	unsigned long flags;
	unsigned int left;

	raw_spin_lock_irqsave(&pool_lock, flags);
	if (pool_n)
		s = pool[--pool_n];
	left = pool_n;
	raw_spin_unlock_irqrestore(&pool_lock, flags);
	if (left < POOL_LOW)
		irq_work_queue(&refill_irq);
	return s;
}

struct clkrg_shadow *clkrg_shadow_new(const struct task_struct *t)
{
	struct clkrg_shadow *s = pool_take();

	if (!s) {
		atomic64_inc(&starved);
		report_dry();
		return NULL;
	}
	memset(s, 0, sizeof(*s));
	s->task = t;
	raw_spin_lock_init(&s->lock);
	return s;
}

struct clkrg_shadow *clkrg_shadow_insert(struct clkrg_shadow *s)
{
	struct clkrg_shadow_bucket *b = clkrg_shadow_bucket_of(s->task);
	struct clkrg_shadow *old;
	unsigned long flags;

	raw_spin_lock_irqsave(&b->lock, flags);
	old = clkrg_shadow_find_in(b, s->task);
	if (!old) {
		hlist_add_head_rcu(&s->node, &b->head);
		atomic64_inc(&count);
	}
	raw_spin_unlock_irqrestore(&b->lock, flags);
	if (!old)
		return s;
	/* Lost a race with another adder: nobody saw ours. */
	kmem_cache_free(cache, s);
	return old;
}

static void free_rcu(struct rcu_head *h)
{
	kmem_cache_free(cache, container_of(h, struct clkrg_shadow, rcu));
}

void clkrg_shadow_del(const struct task_struct *t)
{
	struct clkrg_shadow_bucket *b = clkrg_shadow_bucket_of(t);
	struct clkrg_shadow *s;
	unsigned long flags;

	raw_spin_lock_irqsave(&b->lock, flags);
	s = clkrg_shadow_find_in(b, t);
	if (s) {
		hlist_del_rcu(&s->node);
		atomic64_dec(&count);
	}
	raw_spin_unlock_irqrestore(&b->lock, flags);
	if (s)
		call_rcu(&s->rcu, free_rcu);
}

u64 clkrg_shadow_count(void)
{
	return atomic64_read(&count);
}

u64 clkrg_shadow_starved(void)
{
	return atomic64_read(&starved);
}

int clkrg_shadow_init(void)
{
	unsigned int i;

	cache = kmem_cache_create("clkrg_shadow", sizeof(struct clkrg_shadow),
				  0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	clkrg_shadow_table = kvcalloc(1U << CLKRG_SHADOW_BITS, sizeof(*clkrg_shadow_table), GFP_KERNEL);
	if (!clkrg_shadow_table) {
		kmem_cache_destroy(cache);
		return -ENOMEM;
	}
	for (i = 0; i < (1U << CLKRG_SHADOW_BITS); i++) {
		INIT_HLIST_HEAD(&clkrg_shadow_table[i].head);
		raw_spin_lock_init(&clkrg_shadow_table[i].lock);
	}
	clkrg_shadow_refill();
	return 0;
}

void clkrg_shadow_exit(void)
{
	unsigned int i;

	irq_work_sync(&refill_irq);
	cancel_work_sync(&pool_work);
	for (i = 0; i < (1U << CLKRG_SHADOW_BITS); i++) {
		struct clkrg_shadow *s;
		struct hlist_node *tmp;

		hlist_for_each_entry_safe(s, tmp, &clkrg_shadow_table[i].head, node) {
			hlist_del_rcu(&s->node);
			call_rcu(&s->rcu, free_rcu);
		}
	}
	rcu_barrier();
	while (pool_n)
		kmem_cache_free(cache, pool[--pool_n]);
	kvfree(clkrg_shadow_table);
	kmem_cache_destroy(cache);
	atomic64_set(&count, 0);
}
