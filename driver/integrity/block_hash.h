/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keyed hashes of a memory range in 64-byte blocks, with patch sites
 * canonicalized, and the comparison that finds runs of changed blocks.
 * Shared by the core-kernel and the module guards.
 */
#ifndef CLKRG_BLOCK_HASH_H
#define CLKRG_BLOCK_HASH_H

#include <linux/types.h>
#include "core/text_sites.h"

/* 64 bytes: one cache line; fine enough to name the symbol touched. */
#define CLKRG_BLOCK	64
/* What a check hashes in one go; blocks only where a page differs. */
#define CLKRG_PAGE	4096

/* The part of a baseline in the vault that the vault hashes, first. */
struct clkrg_blocks_head {
	unsigned long start, end;
	u64 raw_gen;		/* generation of the sites known pages had */
};

/*
 * A range's baseline lives in one vault region: the head, per page the
 * hash and (for clkrg_blocks_scan_raw()) the hash of its bytes with no
 * site masked when it last matched the baseline, the pages for which
 * that is known, then the per-block hashes. Page-level data is hashed by
 * the vault on every check; the block hashes only locate a change (a
 * page that differs while all its blocks match is reported too). The
 * handle's pointers are set once; raw_now and dirty are scratch.
 */
struct clkrg_blocks {
	unsigned long start, end;
	size_t nblocks, npages;
	struct clkrg_blocks_head *head;	/* the vault region */
	u64 *page_hash, *raw;
	unsigned long *known;
	u64 *hash;		/* per block */
	u64 *raw_now;		/* scratch: this check's raw page hashes */
	unsigned long *dirty;	/* scratch: pages that differ */
};

/* A run of changed blocks, or the tail that folds runs past the cap. */
struct clkrg_run {
	unsigned long addr;	/* first byte of the first block */
	size_t len;		/* bytes from addr to the end of the last */
	u32 blocks;		/* changed blocks in it */
	u64 expected, actual;	/* hashes of its first block */
};

typedef void (*clkrg_run_fn)(const struct clkrg_run *run, void *arg);

/* Sets the per-load key; called once before any hashing. */
void clkrg_blocks_key_init(void);

/* @name says whose baseline it is in the vault's events. */
int clkrg_blocks_alloc(struct clkrg_blocks *b, unsigned long start,
		       unsigned long end, const char *name);
void clkrg_blocks_free(const struct clkrg_blocks *b);

/* Baseline of every page and block; @sites (sorted) may be NULL. */
int clkrg_blocks_hash(struct clkrg_blocks *b, const struct lkrg_site *sites,
		      size_t nsites);

/*
 * Compares against the baseline and calls @fn for each run of changed
 * blocks, at most @max_runs times (the last call folds the rest); a page
 * that differs while its blocks match is a run of 0 blocks. With
 * @accept the baseline takes the new hashes. Returns the runs reported,
 * or -ENOMEM.
 */
int clkrg_blocks_compare(struct clkrg_blocks *b, const struct lkrg_site *sites,
			 size_t nsites, bool accept, unsigned int max_runs,
			 clkrg_run_fn fn, void *arg);

/*
 * A check in two passes, for a range with sites (core/text_sites): with
 * the sites frozen, clkrg_blocks_scan_raw() hashes every page's bytes as
 * they are and marks dirty the pages that differ from the bytes they had
 * when they last matched the baseline, or every page when @gen (of the
 * legitimate site set, clkrg_sites_begin()) changed; it returns how many.
 * clkrg_blocks_for_dirty() calls @fn for each run of dirty pages (to
 * validate their sites), then clkrg_blocks_compare_dirty() compares the
 * dirty pages only, as clkrg_blocks_compare() does.
 */
size_t clkrg_blocks_scan_raw(struct clkrg_blocks *b, u64 gen);
void clkrg_blocks_for_dirty(const struct clkrg_blocks *b,
			    void (*fn)(unsigned long start, unsigned long end,
				       void *arg),
			    void *arg);
int clkrg_blocks_compare_dirty(struct clkrg_blocks *b,
			       const struct lkrg_site *sites, size_t nsites,
			       u64 gen, bool accept, unsigned int max_runs,
			       clkrg_run_fn fn, void *arg);

#endif
