// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/vmalloc.h>
#include "core/abi_check.h"
#include "events.h"
#include "ksyms.h"
#include "kint.h"
#include "patch_sites.h"

/* 64 bytes: one cache line; fine enough to name the symbol touched. */
#define KINT_BLOCK		64
/* Events per region and check; the last one carries the remainder. */
#define KINT_MAX_RUNS		8

struct kint_region {
	const char *name;
	bool patched;		/* the kernel rewrites sites in it */
	const char *start_sym, *end_sym;
	u16 object;
	u64 scope;
	unsigned long start, end;
	size_t nblocks;
	u64 *hash;
};

static struct kint_region regions[] = {
	{ ".text", true, "_stext", "_etext", LKRG_OBJ_KTEXT, LKRG_SCOPE_KTEXT },
	{ ".rodata", false, "__start_rodata", "__end_rodata", LKRG_OBJ_RODATA,
	  LKRG_SCOPE_RODATA },
	{ "__ex_table", false, "__start___ex_table", "__stop___ex_table",
	  LKRG_OBJ_EXTABLE, LKRG_SCOPE_EXTABLE },
	/* .rodata after an exception table that lies inside it (x86-64) */
	{ ".rodata", false, NULL, NULL, LKRG_OBJ_RODATA, LKRG_SCOPE_RODATA },
};

enum { R_TEXT, R_RODATA, R_EXTABLE, R_RODATA_TAIL };

static siphash_key_t kint_key;
static struct clkrg_site_set core_sites;

/* The patch sites of a region, walked in address order with its blocks. */
struct site_cursor {
	const struct lkrg_site *v;
	size_t n, i;
};

static u64 block_hash(const struct kint_region *r, size_t i,
		      struct site_cursor *c)
{
	unsigned long a = r->start + i * KINT_BLOCK;
	size_t len = min_t(size_t, KINT_BLOCK, r->end - a);
	u8 buf[KINT_BLOCK];

	while (c->i < c->n && c->v[c->i].addr + c->v[c->i].len <= a)
		c->i++;
	if (c->i == c->n || c->v[c->i].addr >= a + len)
		return siphash((const void *)a, len, &kint_key);
	lkrg_sites_canon(buf, (const u8 *)a, a, len, c->v, c->n, c->i);
	return siphash(buf, len, &kint_key);
}

/*
 * Freezes text patching for a region the kernel patches and returns its
 * current sites; other regions get an empty cursor.
 */
static void region_begin(const struct kint_region *r, struct site_cursor *c)
{
	c->v = NULL;
	c->n = 0;
	c->i = 0;
	if (!r->patched)
		return;
	clkrg_sites_lock();
	c->v = clkrg_sites_refresh(&core_sites, &c->n);
}

static void region_end(const struct kint_region *r)
{
	if (r->patched)
		clkrg_sites_unlock();
}

static void hash_region(struct kint_region *r)
{
	struct site_cursor c;
	size_t i;

	region_begin(r, &c);
	for (i = 0; i < r->nblocks; i++) {
		r->hash[i] = block_hash(r, i, &c);
		if ((i & 63) == 63)
			cond_resched();
	}
	region_end(r);
}

/* Resolves the bounds; no byte is hashed twice under two names. */
static int locate_regions(void)
{
	struct kint_region *r, *ro = &regions[R_RODATA];
	struct kint_region *ex = &regions[R_EXTABLE];

	for (r = regions; r < regions + R_RODATA_TAIL; r++) {
		r->start = clkrg_ksym(r->start_sym);
		r->end = clkrg_ksym(r->end_sym);
		if (!r->start || r->end <= r->start) {
			pr_err("clkrg: FAULT: cannot locate %s\n", r->name);
			return -ENOENT;
		}
	}
	if (ex->start >= ro->start && ex->end <= ro->end) {
		regions[R_RODATA_TAIL].start = ex->end;
		regions[R_RODATA_TAIL].end = ro->end;
		ro->end = ex->start;
	}
	return 0;
}

int clkrg_kint_init(void)
{
	struct kint_region *r;
	int ret;

	get_random_bytes(&kint_key, sizeof(kint_key));
	if (locate_regions())
		return -ENOENT;
	ret = clkrg_sites_init();
	if (!ret) {
		struct clkrg_site_tables t;

		clkrg_sites_core_tables(&t);
		ret = clkrg_sites_build(&core_sites, regions[R_TEXT].start,
					regions[R_TEXT].end, &t);
	}
	if (!ret)
		pr_info("clkrg: INFO: %zu patch sites in core text\n",
			core_sites.nsrc);
	if (ret) {
		pr_err("clkrg: FAULT: cannot collect text patch sites (%d)\n",
		       ret);
		return ret;
	}
	for (r = regions; r < regions + ARRAY_SIZE(regions); r++) {
		r->nblocks = DIV_ROUND_UP(r->end - r->start, KINT_BLOCK);
		if (!r->nblocks)
			continue;
		r->hash = vmalloc(array_size(r->nblocks, sizeof(u64)));
		if (!r->hash) {
			clkrg_kint_exit();
			return -ENOMEM;
		}
		hash_region(r);
	}
	return 0;
}

void clkrg_kint_exit(void)
{
	struct kint_region *r;

	for (r = regions; r < regions + ARRAY_SIZE(regions); r++) {
		vfree(r->hash);
		r->hash = NULL;
	}
	clkrg_sites_free(&core_sites);
}

void clkrg_kint_rebaseline(u64 scope)
{
	struct kint_region *r;

	for (r = regions; r < regions + ARRAY_SIZE(regions); r++)
		if (!scope || (scope & r->scope))
			hash_region(r);
}

static u16 action_for(u16 enforce)
{
	switch (enforce) {
	case LKRG_ENFORCE_LOG_ACCEPT:
		return LKRG_ACT_ACCEPTED;
	case LKRG_ENFORCE_PANIC:
		return LKRG_ACT_PANIC;
	default:
		return LKRG_ACT_LOGGED;
	}
}

/* A run of changed blocks, or the tail that folds the runs past the cap. */
struct kint_run {
	size_t first, last;
	u32 blocks;
	u64 expected, actual;
};

static void report_run(const struct kint_region *r, const struct kint_run *run,
		       struct clkrg_check_ctx *ctx)
{
	unsigned long addr = r->start + run->first * KINT_BLOCK;
	struct lkrg_event_record ev;

	clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT,
			 LKRG_CAT_KERNEL, r->object, action_for(ctx->enforce),
			 false);
	ev.d.trigger = ctx->trigger;
	ev.d.check_id = ctx->check_id;
	ev.d.generation = ctx->generation;
	lkrg_ev_set_str(ev.d.name, sizeof(ev.d.name), r->name);
	snprintf((char *)ev.d.location, sizeof(ev.d.location), "%pS",
		 (void *)addr);
	ev.d.address = addr;
	ev.d.length = min_t(unsigned long,
			    (run->last - run->first + 1) * KINT_BLOCK,
			    r->end - addr);
	ev.d.count = run->blocks;
	lkrg_ev_add_value(&ev.d, "siphash", run->expected, run->actual);
	clkrg_ev_emit(&ev);
	ctx->violations++;
	if (ctx->enforce == LKRG_ENFORCE_PANIC)
		ctx->panic = true;
}

struct kint_scan {
	struct kint_run run, tail;
	unsigned int reported;
};

static void end_run(const struct kint_region *r, struct kint_scan *s,
		    struct clkrg_check_ctx *ctx)
{
	if (!s->run.blocks)
		return;
	if (s->reported < KINT_MAX_RUNS - 1) {
		report_run(r, &s->run, ctx);
		s->reported++;
	} else {
		if (!s->tail.blocks)
			s->tail = s->run;
		else
			s->tail.blocks += s->run.blocks;
		s->tail.last = s->run.last;
	}
	s->run.blocks = 0;
}

static void check_region(struct kint_region *r, struct clkrg_check_ctx *ctx)
{
	struct kint_scan s = {};
	struct site_cursor c;
	size_t i;
	u64 h;

	region_begin(r, &c);
	for (i = 0; i < r->nblocks; i++) {
		h = block_hash(r, i, &c);
		if (h == r->hash[i]) {
			end_run(r, &s, ctx);
		} else {
			if (!s.run.blocks) {
				s.run.first = i;
				s.run.expected = r->hash[i];
				s.run.actual = h;
			}
			s.run.last = i;
			s.run.blocks++;
			if (ctx->enforce == LKRG_ENFORCE_LOG_ACCEPT)
				r->hash[i] = h;
		}
		if ((i & 63) == 63)
			cond_resched();
	}
	region_end(r);
	/* Events are emitted outside the text locks. */
	end_run(r, &s, ctx);
	if (s.tail.blocks)
		report_run(r, &s.tail, ctx);
	ctx->regions++;
	ctx->bytes += r->end - r->start;
}

void clkrg_kint_check(struct clkrg_check_ctx *ctx)
{
	struct kint_region *r;

	for (r = regions; r < regions + ARRAY_SIZE(regions); r++)
		if (r->nblocks)
			check_region(r, ctx);
}
