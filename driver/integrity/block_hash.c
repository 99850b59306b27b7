// SPDX-License-Identifier: GPL-2.0
#include <linux/bitmap.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "compat/compat.h"
#include "core/sip13.h"
#include "integrity/block_hash.h"
#include "services/vault.h"

/*
 * Two levels: a check hashes whole pages (SipHash over a page costs little
 * more than reading it, where one call per 64 bytes costs several times
 * that); only a page that differs is hashed again in 64-byte blocks to
 * locate the change.
 */
#define PAGE_BLOCKS	(CLKRG_PAGE / CLKRG_BLOCK)

static siphash_key_t block_key __ro_after_init;

/* The sites of one range, walked in address order with its pages. */
struct site_cursor {
	const struct lkrg_site *v;
	size_t n, i;
};

void clkrg_blocks_key_init(void)
{
	get_random_bytes(&block_key, sizeof(block_key));
}

int clkrg_blocks_alloc(struct clkrg_blocks *b, unsigned long start,
		       unsigned long end, const char *name)
{
	size_t nblocks = DIV_ROUND_UP(end - start, CLKRG_BLOCK);
	size_t npages = DIV_ROUND_UP(end - start, CLKRG_PAGE);
	size_t known = BITS_TO_LONGS(npages) * sizeof(long);
	size_t digested = sizeof(*b->head) + 2 * npages * sizeof(u64) + known;
	u8 *v;

	memset(b, 0, sizeof(*b));
	b->start = start;
	b->end = end;
	if (!nblocks)
		return 0;
	v = clkrg_vault_alloc(digested + nblocks * sizeof(u64), digested,
			      name);
	b->raw_now = vmalloc(array_size(npages, sizeof(u64)));
	b->dirty = vzalloc(known);
	if (!v || !b->raw_now || !b->dirty) {
		clkrg_vault_free(v);
		vfree(b->raw_now);
		vfree(b->dirty);
		return -ENOMEM;
	}
	b->head = (struct clkrg_blocks_head *)v;
	b->head->start = start;
	b->head->end = end;
	b->page_hash = (u64 *)(v + sizeof(*b->head));
	b->raw = b->page_hash + npages;
	b->known = (unsigned long *)(b->raw + npages);
	b->hash = (u64 *)(v + digested);
	b->nblocks = nblocks;
	b->npages = npages;
	/* Read-only from the start: writers open it. */
	clkrg_vault_close(v);
	return 0;
}

/* Frees what @b holds; @b itself may be read-only (module exit). */
void clkrg_blocks_free(const struct clkrg_blocks *b)
{
	clkrg_vault_free(b->head);
	vfree(b->raw_now);
	vfree(b->dirty);
}

/* The baseline open for writing within one call: opened on first use. */
static void open_once(const struct clkrg_blocks *b, bool *open)
{
	if (!*open)
		clkrg_vault_open(b->head);
	*open = true;
}

static void close_if(const struct clkrg_blocks *b, bool open)
{
	if (open)
		clkrg_vault_close(b->head);
}

/*
 * The guarded memory is the kernel's and the modules', not clkrg's own
 * objects: what a range covers includes KASAN's redzones between globals
 * and the unused tail of a module's last page. Its readers are not
 * instrumented (reports would be about memory clkrg reads on purpose), and
 * they copy with plain loads: memcpy() is instrumented whatever the
 * function says.
 */
static __no_sanitize_address void guarded_copy(u8 *dst, unsigned long src,
						size_t n)
{
	for (; n >= 8; n -= 8, src += 8, dst += 8)
		put_unaligned(get_unaligned((const u64 *)src), (u64 *)dst);
	for (; n; n--)
		*dst++ = *(const u8 *)src++;
}

/* First site that ends after @a. */
static void seek(struct site_cursor *c, unsigned long a)
{
	while (c->i < c->n && c->v[c->i].addr + c->v[c->i].len <= a)
		c->i++;
}

/* [a, z) with any site in it replaced by its canonical bytes. */
static u64 hash_canon(unsigned long a, unsigned long z,
		      const struct site_cursor *c, u8 *buf)
{
	u8 raw[CLKRG_BLOCK];

	guarded_copy(raw, a, z - a);
	lkrg_sites_canon(buf, raw, a, z - a, c->v, c->n, c->i);
	return siphash(buf, z - a, &block_key);
}

static u64 block_hash(const struct clkrg_blocks *b, size_t i,
		      struct site_cursor *c, u8 *buf)
{
	unsigned long a = b->start + i * CLKRG_BLOCK;
	unsigned long z = min(b->end, a + CLKRG_BLOCK);

	seek(c, a);
	if (c->i == c->n || c->v[c->i].addr >= z) {
		guarded_copy(buf, a, z - a);
		return siphash(buf, z - a, &block_key);
	}
	return hash_canon(a, z, c, buf);
}

/*
 * Whole pages are hashed with SipHash-1-3 (core/sip13.h): a keyed PRF like
 * SipHash-2-4 at about half the cost, which keeps a full check near the
 * time of merely reading the bytes. A page that differs is then located
 * with SipHash-2-4 block hashes.
 */
static void sip_init(struct lkrg_sip13 *s)
{
	lkrg_sip13_init(s, block_key.key[0], block_key.key[1]);
}

/*
 * The word at @w (@n bytes of it in the range) as the hash sees it: sites
 * left out read as zero, which a mask does; a kprobe site puts its original
 * bytes back, which needs a copy.
 */
static __no_sanitize_address u64 site_word(unsigned long w, size_t n,
					    const struct site_cursor *c,
					    size_t first, u8 *tmp)
{
	u8 raw[8];

	u64 keep = n == 8 ? ~0ULL : (1ULL << (n * 8)) - 1;
	unsigned long a, z;
	size_t i;

	for (i = first; i < c->n && c->v[i].addr < w + n; i++) {
		if (c->v[i].kind == LKRG_SITE_KPROBE) {
			/* Every site of the word, as block hashes see them. */
			memset(tmp, 0, 8);
			guarded_copy(raw, w, n);
			lkrg_sites_canon(tmp, raw, w, n, c->v, c->n, first);
			return get_unaligned_le64(tmp);
		}
		a = max(w, (unsigned long)c->v[i].addr);
		z = min(w + n, (unsigned long)(c->v[i].addr + c->v[i].len));
		if (z > a)
			keep &= ~(((z - a == 8) ? ~0ULL :
				   (1ULL << ((z - a) * 8)) - 1) << ((a - w) * 8));
	}
	if (n == 8)
		return get_unaligned_le64((const void *)w) & keep;
	memset(tmp, 0, 8);
	guarded_copy(tmp, w, n);
	return get_unaligned_le64(tmp) & keep;
}

/* Not instrumented: the guarded memory is not clkrg's (guarded_copy()). */
static __no_sanitize_address void sip_words(struct lkrg_sip13 *s,
					     const u8 *p, size_t n)
{
	lkrg_sip13_words(s, p, n);
}

/*
 * A page is hashed straight from memory in runs of whole words, from one
 * patch site to the next (the sites are sorted); only a word that a site
 * touches, or a partial last word, goes through site_word().
 */
static u64 page_hash(const struct clkrg_blocks *b, size_t p,
		     struct site_cursor *c)
{
	unsigned long w = b->start + p * CLKRG_PAGE;
	unsigned long pe = min(b->end, w + CLKRG_PAGE), next;
	const u64 len = pe - w;
	size_t i, n, words;
	struct lkrg_sip13 s;
	u8 tmp[8];

	sip_init(&s);
	seek(c, w);
	i = c->i;
	while (w < pe) {
		/* Whole words before the next site and the end of the page. */
		next = min(i < c->n ? (unsigned long)c->v[i].addr : ULONG_MAX,
			   pe);
		words = next > w ? (next - w) / 8 : 0;
		if (words) {
			sip_words(&s, (const u8 *)w, words);
			w += words * 8;
			continue;
		}
		n = min(8UL, pe - w);
		lkrg_sip13_word(&s, site_word(w, n, c, i, tmp));
		w += 8;
		while (i < c->n && c->v[i].addr + c->v[i].len <= w)
			i++;
	}
	return lkrg_sip13_final(&s, len);
}

static u8 *scratch(void)
{
	return kmalloc(CLKRG_PAGE, GFP_KERNEL);
}

int clkrg_blocks_hash(struct clkrg_blocks *b, const struct lkrg_site *sites,
		      size_t nsites)
{
	struct site_cursor c = { sites, sites ? nsites : 0, 0 };
	u8 *buf = scratch();
	size_t i;

	if (!buf)
		return -ENOMEM;
	if (!b->nblocks) {
		kfree(buf);
		return 0;
	}
	clkrg_vault_open(b->head);
	/* A new baseline: no page is known to match it yet. */
	bitmap_zero(b->known, b->npages);
	for (i = 0; i < b->npages; i++) {
		b->page_hash[i] = page_hash(b, i, &c);
		cond_resched();
	}
	c.i = 0;
	for (i = 0; i < b->nblocks; i++) {
		b->hash[i] = block_hash(b, i, &c, buf);
		if ((i & 63) == 63)
			cond_resched();
	}
	clkrg_vault_close(b->head);
	kfree(buf);
	return 0;
}

struct scan {
	const struct clkrg_blocks *b;
	bool open;		/* the baseline is open for writing */
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

/* Locates the changed blocks of page @p; returns how many changed. */
static size_t scan_page(struct clkrg_blocks *b, size_t p, struct scan *s,
			struct site_cursor *c, u8 *buf, bool accept)
{
	size_t i, end = min(b->nblocks, (p + 1) * PAGE_BLOCKS), changed = 0;
	u64 h;

	for (i = p * PAGE_BLOCKS; i < end; i++) {
		h = block_hash(b, i, c, buf);
		if (h == b->hash[i]) {
			end_run(s);
			continue;
		}
		if (!s->run.blocks) {
			s->run.addr = b->start + i * CLKRG_BLOCK;
			s->run.expected = b->hash[i];
			s->run.actual = h;
		}
		s->last = i;
		s->run.blocks++;
		changed++;
		if (accept) {
			open_once(b, &s->open);
			b->hash[i] = h;
		}
	}
	return changed;
}

/*
 * A page whose hash differs while each block still has its hash: the
 * block hashes that locate changes no longer match the page, a run of
 * its own (0 blocks) at the page.
 */
static void page_only(struct scan *s, size_t p, u64 expected, u64 actual)
{
	end_run(s);
	s->run.addr = s->b->start + p * CLKRG_PAGE;
	s->run.expected = expected;
	s->run.actual = actual;
	s->last = min(s->b->nblocks, (p + 1) * PAGE_BLOCKS) - 1;
	s->run.blocks = 0;
	/* end_run() skips empty runs: report it here. */
	if (s->reported + 1 < s->max)
		emit(s, &s->run, s->last);
}

int clkrg_blocks_compare(struct clkrg_blocks *b, const struct lkrg_site *sites,
			 size_t nsites, bool accept, unsigned int max_runs,
			 clkrg_run_fn fn, void *arg)
{
	struct site_cursor pc = { sites, sites ? nsites : 0, 0 }, bc = pc;
	struct scan s = { .b = b, .max = max_runs, .fn = fn, .arg = arg };
	u8 *buf = scratch();
	size_t p;
	u64 h;

	if (!buf)
		return -ENOMEM;
	for (p = 0; p < b->npages; p++) {
		h = page_hash(b, p, &pc);
		if (h == b->page_hash[p]) {
			end_run(&s);
		} else {
			if (!scan_page(b, p, &s, &bc, buf, accept))
				page_only(&s, p, b->page_hash[p], h);
			if (accept) {
				open_once(b, &s.open);
				b->page_hash[p] = h;
			}
		}
		cond_resched();
	}
	end_run(&s);
	if (s.tail.blocks)
		emit(&s, &s.tail, s.tail_last);
	close_if(b, s.open);
	kfree(buf);
	return s.reported;
}

size_t clkrg_blocks_scan_raw(struct clkrg_blocks *b, u64 gen)
{
	struct site_cursor none = { NULL, 0, 0 };
	size_t p, dirty = 0;

	/* Other sites than those the known pages were compared with. */
	if (gen != b->head->raw_gen) {
		clkrg_vault_open(b->head);
		bitmap_zero(b->known, b->npages);
		b->head->raw_gen = gen;
		clkrg_vault_close(b->head);
	}
	for (p = 0; p < b->npages; p++) {
		b->raw_now[p] = page_hash(b, p, &none);
		if (test_bit(p, b->known) && b->raw_now[p] == b->raw[p]) {
			__clear_bit(p, b->dirty);
		} else {
			__set_bit(p, b->dirty);
			dirty++;
		}
		if ((p & 15) == 15)
			cond_resched();
	}
	return dirty;
}

void clkrg_blocks_for_dirty(const struct clkrg_blocks *b,
			    void (*fn)(unsigned long start, unsigned long end,
				       void *arg),
			    void *arg)
{
	unsigned long p = find_first_bit(b->dirty, b->npages), z;

	while (p < b->npages) {
		z = find_next_zero_bit(b->dirty, b->npages, p);
		fn(b->start + p * CLKRG_PAGE,
		   min(b->end, b->start + z * CLKRG_PAGE), arg);
		p = find_next_bit(b->dirty, b->npages, z);
	}
}

int clkrg_blocks_compare_dirty(struct clkrg_blocks *b,
			       const struct lkrg_site *sites, size_t nsites,
			       u64 gen, bool accept, unsigned int max_runs,
			       clkrg_run_fn fn, void *arg)
{
	struct site_cursor pc = { sites, sites ? nsites : 0, 0 }, bc = pc;
	struct scan s = { .b = b, .max = max_runs, .fn = fn, .arg = arg };
	bool same;
	u8 *buf = scratch();
	size_t p;
	u64 h;

	if (!buf)
		return -ENOMEM;
	/*
	 * Sites changed verdict only on dirty pages (the others kept their
	 * bytes): the clean pages stay known under the new generation.
	 */
	if (b->head->raw_gen != gen) {
		open_once(b, &s.open);
		b->head->raw_gen = gen;
	}
	for (p = 0; p < b->npages; p++) {
		if (!test_bit(p, b->dirty)) {
			end_run(&s);
			continue;
		}
		h = page_hash(b, p, &pc);
		same = h == b->page_hash[p];
		if (same) {
			end_run(&s);
		} else if (!scan_page(b, p, &s, &bc, buf, accept)) {
			page_only(&s, p, b->page_hash[p], h);
			same = accept;
		} else {
			same = accept;
		}
		if (same) {
			open_once(b, &s.open);
			b->page_hash[p] = h;
			b->raw[p] = b->raw_now[p];
			__set_bit(p, b->known);
		} else if (test_bit(p, b->known)) {
			open_once(b, &s.open);
			__clear_bit(p, b->known);
		}
		cond_resched();
	}
	end_run(&s);
	if (s.tail.blocks)
		emit(&s, &s.tail, s.tail_last);
	close_if(b, s.open);
	kfree(buf);
	return s.reported;
}
