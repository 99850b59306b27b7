// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include "core/abi_check.h"
#include "integrity/block_hash.h"
#include "services/events.h"
#include "services/ksyms.h"
#include "integrity/kint.h"
#include "integrity/patch_sites.h"

/* Events per region and check; the last one carries the remainder. */
#define KINT_MAX_RUNS		8

struct kint_region {
	const char *name;
	bool patched;		/* the kernel rewrites sites in it */
	const char *start_sym, *end_sym;
	u16 object;
	u64 scope;
	struct clkrg_blocks blocks;
};

static struct kint_region regions[] __ro_after_init = {
	{ ".text", true, "_stext", "_etext", LKRG_OBJ_KTEXT, LKRG_SCOPE_KTEXT },
	{ ".rodata", false, "__start_rodata", "__end_rodata", LKRG_OBJ_RODATA,
	  LKRG_SCOPE_RODATA },
	{ "__ex_table", false, "__start___ex_table", "__stop___ex_table",
	  LKRG_OBJ_EXTABLE, LKRG_SCOPE_EXTABLE },
	/* .rodata after an exception table that lies inside it (x86-64) */
	{ ".rodata", false, NULL, NULL, LKRG_OBJ_RODATA, LKRG_SCOPE_RODATA },
};

enum { R_TEXT, R_RODATA, R_EXTABLE, R_RODATA_TAIL };

static struct clkrg_site_set core_sites;

/* Resolves the bounds; no byte is hashed twice under two names. */
static int locate_regions(unsigned long start[], unsigned long end[])
{
	unsigned int i;

	for (i = 0; i < R_RODATA_TAIL; i++) {
		start[i] = clkrg_ksym(regions[i].start_sym);
		end[i] = clkrg_ksym(regions[i].end_sym);
		if (!start[i] || end[i] <= start[i]) {
			pr_err("clkrg: FAULT: cannot locate %s\n",
			       regions[i].name);
			return -ENOENT;
		}
	}
	start[R_RODATA_TAIL] = end[R_RODATA_TAIL] = 0;
	if (start[R_EXTABLE] >= start[R_RODATA] &&
	    end[R_EXTABLE] <= end[R_RODATA]) {
		start[R_RODATA_TAIL] = end[R_EXTABLE];
		end[R_RODATA_TAIL] = end[R_RODATA];
		end[R_RODATA] = start[R_EXTABLE];
	}
	return 0;
}

/*
 * Freezes text patching for a region the kernel patches and returns its
 * current sites; other regions have none.
 */
static const struct lkrg_site *region_begin(const struct kint_region *r,
					    size_t *n)
{
	*n = 0;
	if (!r->patched)
		return NULL;
	clkrg_sites_lock();
	return clkrg_sites_refresh(&core_sites, n);
}

static void region_end(const struct kint_region *r)
{
	if (r->patched)
		clkrg_sites_unlock();
}

static void hash_region(struct kint_region *r)
{
	const struct lkrg_site *sites;
	size_t n;

	sites = region_begin(r, &n);
	clkrg_blocks_hash(&r->blocks, sites, n);
	region_end(r);
}

int clkrg_kint_init(void)
{
	unsigned long start[ARRAY_SIZE(regions)], end[ARRAY_SIZE(regions)];
	struct clkrg_site_tables t;
	unsigned int i;
	int ret;

	clkrg_blocks_key_init();
	if (locate_regions(start, end))
		return -ENOENT;
	ret = clkrg_sites_init();
	if (!ret) {
		clkrg_sites_core_tables(&t);
		ret = clkrg_sites_build(&core_sites, start[R_TEXT], end[R_TEXT],
					&t, ".text sites");
	}
	if (ret) {
		pr_err("clkrg: FAULT: cannot collect text patch sites (%d)\n",
		       ret);
		return ret;
	}
	pr_info("clkrg: INFO: %zu patch sites in core text\n", core_sites.nsrc);
	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		ret = clkrg_blocks_alloc(&regions[i].blocks, start[i], end[i],
					 regions[i].name);
		if (ret) {
			clkrg_kint_exit();
			return ret;
		}
		hash_region(&regions[i]);
	}
	return 0;
}

void clkrg_kint_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regions); i++)
		clkrg_blocks_free(&regions[i].blocks);
	clkrg_sites_free(&core_sites);
}

void clkrg_kint_rebaseline(u64 scope)
{
	struct kint_region *r;

	for (r = regions; r < regions + ARRAY_SIZE(regions); r++)
		if (!scope || (scope & r->scope))
			hash_region(r);
}

void clkrg_kint_report(struct clkrg_check_ctx *ctx, u16 cat, u16 obj,
		       const char *name, const struct clkrg_run *run)
{
	struct lkrg_event_record ev;

	clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, cat, obj,
			 clkrg_report_action(ctx->enforce), false);
	ev.d.trigger = ctx->trigger;
	ev.d.check_id = ctx->check_id;
	ev.d.generation = ctx->generation;
	lkrg_ev_set_str(ev.d.name, sizeof(ev.d.name), name);
	snprintf((char *)ev.d.location, sizeof(ev.d.location), "%pS",
		 (void *)run->addr);
	ev.d.address = run->addr;
	ev.d.length = run->len;
	ev.d.count = run->blocks;
	lkrg_ev_add_value(&ev.d, "siphash", run->expected, run->actual);
	clkrg_ev_emit(&ev);
	ctx->violations++;
	if (ctx->enforce == LKRG_ENFORCE_PANIC)
		ctx->panic = true;
}


void clkrg_kint_report_sites(struct clkrg_check_ctx *ctx, u16 cat,
			     const char *region, const struct clkrg_site_set *set)
{
	unsigned int i, n = min_t(unsigned int, set->nbad, CLKRG_BAD_SITES);
	struct lkrg_event_record ev;

	for (i = 0; i < n; i++) {
		const struct clkrg_bad_site *b = &set->bad[i];

		clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, cat,
				 LKRG_OBJ_PATCH_SITE,
				 clkrg_report_action(ctx->enforce), false);
		ev.d.trigger = ctx->trigger;
		ev.d.check_id = ctx->check_id;
		ev.d.generation = ctx->generation;
		snprintf((char *)ev.d.name, sizeof(ev.d.name), "%s: %s", region,
			 clkrg_site_kind_name(b->kind));
		snprintf((char *)ev.d.location, sizeof(ev.d.location), "%pS",
			 (void *)b->addr);
		ev.d.address = b->addr;
		/* The last one stands for those not kept. */
		ev.d.count = i + 1 == n ? set->nbad - i : 1;
		lkrg_ev_add_value(&ev.d, "destination", b->expect, b->found);
		lkrg_ev_add_value(&ev.d, "bytes", 0, b->bytes);
		clkrg_ev_emit(&ev);
		ctx->violations++;
		if (ctx->enforce == LKRG_ENFORCE_PANIC)
			ctx->panic = true;
	}
}

struct region_report {
	struct clkrg_check_ctx *ctx;
	const struct kint_region *r;
};

static void report_run(const struct clkrg_run *run, void *arg)
{
	struct region_report *rr = arg;

	clkrg_kint_report(rr->ctx, LKRG_CAT_KERNEL, rr->r->object,
			  rr->r->name, run);
}

static void validate_sites(unsigned long start, unsigned long end, void *arg)
{
	clkrg_sites_validate(&core_sites, start, end);
}

/*
 * A region with patch sites: its pages are hashed as they are first, and
 * only the pages whose bytes changed since they last matched the
 * baseline have their sites validated and are hashed with the sites
 * masked and compared. Usually none did, and the check costs one keyed
 * hash of the bytes.
 */
static void check_patched(struct kint_region *r, struct region_report *rr,
			  bool accept)
{
	const struct lkrg_site *sites;
	size_t n;
	u64 gen;

	clkrg_sites_lock();
	gen = clkrg_sites_begin(&core_sites);
	if (clkrg_blocks_scan_raw(&r->blocks, gen)) {
		clkrg_blocks_for_dirty(&r->blocks, validate_sites, NULL);
		sites = clkrg_sites_current(&core_sites, &n, &gen);
		clkrg_blocks_compare_dirty(&r->blocks, sites, n, gen, accept,
					   KINT_MAX_RUNS, report_run, rr);
	}
	clkrg_sites_unlock();
	clkrg_kint_report_sites(rr->ctx, LKRG_CAT_KERNEL, r->name, &core_sites);
}

void clkrg_kint_check(struct clkrg_check_ctx *ctx)
{
	bool accept = ctx->enforce == LKRG_ENFORCE_LOG_ACCEPT;
	struct region_report rr = { .ctx = ctx };
	struct kint_region *r;

	for (r = regions; r < regions + ARRAY_SIZE(regions); r++) {
		if (!r->blocks.nblocks)
			continue;
		rr.r = r;
		if (r->patched)
			check_patched(r, &rr, accept);
		else
			clkrg_blocks_compare(&r->blocks, NULL, 0, accept,
					     KINT_MAX_RUNS, report_run, &rr);
		ctx->regions++;
		ctx->bytes += r->blocks.end - r->blocks.start;
	}
}
