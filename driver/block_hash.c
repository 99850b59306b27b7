// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/vmalloc.h>
#include "block_hash.h"

static siphash_key_t block_key;

/* The sites of one range, walked in address order with its blocks. */
struct site_cursor {
	const struct lkrg_site *v;
	size_t n, i;
};

void clkrg_blocks_key_init(void)
{
	get_random_bytes(&block_key, sizeof(block_key));
}

int clkrg_blocks_alloc(struct clkrg_blocks *b, unsigned long start,
		       unsigned long end)
{
	b->start = start;
	b->end = end;
	b->nblocks = DIV_ROUND_UP(end - start, CLKRG_BLOCK);
	b->hash = b->nblocks ? vmalloc(array_size(b->nblocks, sizeof(u64))) :
			       NULL;
	return b->nblocks && !b->hash ? -ENOMEM : 0;
}

void clkrg_blocks_free(struct clkrg_blocks *b)
{
	vfree(b->hash);
	b->hash = NULL;
	b->nblocks = 0;
}

static u64 block_hash(const struct clkrg_blocks *b, size_t i,
		      struct site_cursor *c)
{
	unsigned long a = b->start + i * CLKRG_BLOCK;
	size_t len = min_t(size_t, CLKRG_BLOCK, b->end - a);
	u8 buf[CLKRG_BLOCK];

	while (c->i < c->n && c->v[c->i].addr + c->v[c->i].len <= a)
		c->i++;
	if (c->i == c->n || c->v[c->i].addr >= a + len)
		return siphash((const void *)a, len, &block_key);
	lkrg_sites_canon(buf, (const u8 *)a, a, len, c->v, c->n, c->i);
	return siphash(buf, len, &block_key);
}

void clkrg_blocks_hash(struct clkrg_blocks *b, const struct lkrg_site *sites,
		       size_t nsites)
{
	struct site_cursor c = { sites, sites ? nsites : 0, 0 };
	size_t i;

	for (i = 0; i < b->nblocks; i++) {
		b->hash[i] = block_hash(b, i, &c);
		if ((i & 63) == 63)
			cond_resched();
	}
}

struct scan {
	const struct clkrg_blocks *b;
	struct clkrg_run run, tail;
	size_t last, tail_last;	/* last changed block of run and tail */
	unsigned int reported, max;
	clkrg_run_fn fn;
	void *arg;
};

static void emit(struct scan *s, struct clkrg_run *run, size_t last)
{
	unsigned long end = min(s->b->end, s->b->start +
				(last + 1) * CLKRG_BLOCK);

	run->len = end - run->addr;
	s->fn(run, s->arg);
	s->reported++;
}

/* The current run ended: report it, or fold it into the tail. */
static void end_run(struct scan *s)
{
	if (!s->run.blocks)
		return;
	if (s->reported + 1 < s->max) {
		emit(s, &s->run, s->last);
	} else {
		if (!s->tail.blocks)
			s->tail = s->run;
		else
			s->tail.blocks += s->run.blocks;
		s->tail_last = s->last;
	}
	s->run.blocks = 0;
}

unsigned int clkrg_blocks_compare(struct clkrg_blocks *b,
				  const struct lkrg_site *sites, size_t nsites,
				  bool accept, unsigned int max_runs,
				  clkrg_run_fn fn, void *arg)
{
	struct site_cursor c = { sites, sites ? nsites : 0, 0 };
	struct scan s = { .b = b, .max = max_runs, .fn = fn, .arg = arg };
	size_t i;
	u64 h;

	for (i = 0; i < b->nblocks; i++) {
		h = block_hash(b, i, &c);
		if (h == b->hash[i]) {
			end_run(&s);
		} else {
			if (!s.run.blocks) {
				s.run.addr = b->start + i * CLKRG_BLOCK;
				s.run.expected = b->hash[i];
				s.run.actual = h;
			}
			s.last = i;
			s.run.blocks++;
			if (accept)
				b->hash[i] = h;
		}
		if ((i & 63) == 63)
			cond_resched();
	}
	end_run(&s);
	if (s.tail.blocks)
		emit(&s, &s.tail, s.tail_last);
	return s.reported;
}
