/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Patch sites: byte ranges of kernel text the kernel itself rewrites. A
 * block is hashed with each site's bytes replaced by the site's canonical
 * bytes, so legitimate rewrites leave the hash alone while every other
 * byte of the block stays covered.
 */
#ifndef CLKRG_TEXT_SITES_H
#define CLKRG_TEXT_SITES_H

#include "core_compat.h"

#define LKRG_SITE_MAX	8

enum lkrg_site_kind {
	LKRG_SITE_JUMP_LABEL = 1,
	LKRG_SITE_STATIC_CALL,
	LKRG_SITE_FTRACE,
	LKRG_SITE_KPROBE,
};

struct lkrg_site {
	__u64 addr;
	__u8 len;
	__u8 kind;			/* enum lkrg_site_kind */
	__u8 canon[LKRG_SITE_MAX];	/* what the hash sees */
	__u8 pad[6];
};

/* Index of the first site that ends after @addr (sites sorted by addr). */
size_t lkrg_sites_seek(const struct lkrg_site *s, size_t n, __u64 addr);

/*
 * Copies @len bytes at @addr from @src into @dst and overlays every site
 * that overlaps [addr, addr + len) with its canonical bytes, starting the
 * scan at index @from. Returns how many sites overlapped.
 */
size_t lkrg_sites_canon(__u8 *dst, const __u8 *src, __u64 addr, size_t len,
			const struct lkrg_site *s, size_t n, size_t from);

#endif
