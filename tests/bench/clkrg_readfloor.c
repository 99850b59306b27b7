// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_readfloor: TEST-ONLY module for `make bench`. It reads the regions
 * clkrg hashes in a full check (core .text, _stext.._etext, and .rodata,
 * __start_rodata..__end_rodata) by summing their 64-bit words, and does
 * nothing else: the physical floor a full check is compared with.
 *
 *   insmod clkrg_readfloor.ko [passes=15]
 *   cat /sys/module/clkrg_readfloor/parameters/{median_ns,bytes}
 *
 * For reference it also times SipHash-2-4 and SipHash-1-3 over the same
 * pages, one hash per page with the state in registers (sip_median_ns,
 * sip13_median_ns): what hashing costs at the least, next to reading.
 *
 * The passes run in module init; the results are read-only parameters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "clkrg_testmod.h"

#define FLOOR_MAX_PASSES	101
/* Bytes read between two cond_resched() calls. */
#define FLOOR_CHUNK		(64 * 1024)

static unsigned int passes = 15;
module_param(passes, uint, 0444);
MODULE_PARM_DESC(passes, "timed passes over the regions (1-101)");

static unsigned long median_ns;
module_param(median_ns, ulong, 0444);
MODULE_PARM_DESC(median_ns, "median duration of one pass, ns");

static unsigned long min_ns;
module_param(min_ns, ulong, 0444);
MODULE_PARM_DESC(min_ns, "shortest pass, ns");

static unsigned long max_ns;
module_param(max_ns, ulong, 0444);
MODULE_PARM_DESC(max_ns, "longest pass, ns");

static unsigned long bytes;
module_param(bytes, ulong, 0444);
MODULE_PARM_DESC(bytes, "bytes read by one pass");

static unsigned long sip_median_ns;
module_param(sip_median_ns, ulong, 0444);
MODULE_PARM_DESC(sip_median_ns,
		 "median duration of one keyed SipHash-2-4 pass, one hash per page, ns");

static unsigned long sip13_median_ns;
module_param(sip13_median_ns, ulong, 0444);
MODULE_PARM_DESC(sip13_median_ns,
		 "median duration of one SipHash-1-3 pass, one hash per page, ns");

static unsigned long checksum;
module_param(checksum, ulong, 0444);
MODULE_PARM_DESC(checksum, "sum of the words read by the last pass");

struct floor_region {
	const char *start_sym, *end_sym;
	unsigned long start, end;
};

static struct floor_region regions[] = {
	{ "_stext", "_etext" },
	{ "__start_rodata", "__end_rodata" },
};

static u64 sum_range(unsigned long start, unsigned long end)
{
	const u64 *w = (const u64 *)start;
	const u64 *wend = (const u64 *)(start + ((end - start) & ~7UL));
	const u8 *b = (const u8 *)wend;
	u64 sum = 0;

	while (w < wend) {
		const u64 *stop = w + FLOOR_CHUNK / sizeof(*w);

		if (stop > wend)
			stop = wend;
		while (w < stop)
			sum += READ_ONCE(*w++);
		cond_resched();
	}
	while ((unsigned long)b < end)
		sum += READ_ONCE(*b++);
	return sum;
}

/*
 * SipHash-c-d over one page at a time, state in registers: what hashing
 * the regions costs at the least, next to merely reading them.
 */
static u64 sip_key[2] = { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL };

static __always_inline u64 sip_page(const u64 *w, size_t n, int c, int d)
{
	u64 v0 = SIPHASH_CONST_0 ^ sip_key[0], v1 = SIPHASH_CONST_1 ^ sip_key[1];
	u64 v2 = SIPHASH_CONST_2 ^ sip_key[0], v3 = SIPHASH_CONST_3 ^ sip_key[1];
	u64 m, b = (u64)(n * 8) << 56;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		m = READ_ONCE(w[i]);
		v3 ^= m;
		for (r = 0; r < c; r++)
			SIPHASH_PERMUTATION(v0, v1, v2, v3);
		v0 ^= m;
	}
	v3 ^= b;
	for (r = 0; r < c; r++)
		SIPHASH_PERMUTATION(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	for (r = 0; r < d; r++)
		SIPHASH_PERMUTATION(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

static u64 sip_range(unsigned long start, unsigned long end, bool c13)
{
	unsigned long a;
	u64 h = 0;

	for (a = start; a + PAGE_SIZE <= end; a += PAGE_SIZE) {
		h += c13 ? sip_page((const u64 *)a, PAGE_SIZE / 8, 1, 3) :
			   sip_page((const u64 *)a, PAGE_SIZE / 8, 2, 4);
		if (!(a & (FLOOR_CHUNK - 1)))
			cond_resched();
	}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static int __init floor_init(void)
{
	tm_lookup_name_t lookup_name = NULL;
	struct floor_region *r;
	unsigned int i;
	u64 *ns, sum = 0;

	if (tm_resolve_lookup_name(&lookup_name)) {
		pr_err("cannot resolve kallsyms_lookup_name\n");
		return -ENOENT;
	}
	if (passes < 1 || passes > FLOOR_MAX_PASSES)
		return -EINVAL;
	bytes = 0;
	for (r = regions; r < regions + ARRAY_SIZE(regions); r++) {
		r->start = lookup_name(r->start_sym);
		r->end = lookup_name(r->end_sym);
		if (!r->start || r->end <= r->start) {
			pr_err("no bounds for %s..%s\n", r->start_sym,
			       r->end_sym);
			return -ENOENT;
		}
		bytes += r->end - r->start;
	}
	ns = kcalloc(passes, sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	for (i = 0; i < passes; i++) {
		u64 t0 = ktime_get_ns();

		sum = 0;
		for (r = regions; r < regions + ARRAY_SIZE(regions); r++)
			sum += sum_range(r->start, r->end);
		ns[i] = ktime_get_ns() - t0;
	}
	checksum = sum;
	sort(ns, passes, sizeof(*ns), cmp_u64, NULL);
	median_ns = ns[passes / 2];
	min_ns = ns[0];
	max_ns = ns[passes - 1];
	for (i = 0; i < passes; i++) {
		u64 t0 = ktime_get_ns();

		for (r = regions; r < regions + ARRAY_SIZE(regions); r++)
			sum += sip_range(r->start, r->end, false);
		ns[i] = ktime_get_ns() - t0;
	}
	sort(ns, passes, sizeof(*ns), cmp_u64, NULL);
	sip_median_ns = ns[passes / 2];
	for (i = 0; i < passes; i++) {
		u64 t0 = ktime_get_ns();

		for (r = regions; r < regions + ARRAY_SIZE(regions); r++)
			sum += sip_range(r->start, r->end, true);
		ns[i] = ktime_get_ns() - t0;
	}
	sort(ns, passes, sizeof(*ns), cmp_u64, NULL);
	sip13_median_ns = ns[passes / 2];
	checksum ^= sum;
	kfree(ns);
	pr_info("%u passes over %lu bytes: median %lu ns (min %lu, max %lu)\n",
		passes, bytes, median_ns, min_ns, max_ns);
	return 0;
}

static void __exit floor_exit(void)
{
}

module_init(floor_init);
module_exit(floor_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: time reading core .text and .rodata");
