// SPDX-License-Identifier: GPL-2.0
#include "text_sites.h"

size_t lkrg_sites_seek(const struct lkrg_site *s, size_t n, __u64 addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].addr + s[mid].len <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t lkrg_sites_canon(__u8 *dst, const __u8 *src, __u64 addr, size_t len,
			const struct lkrg_site *s, size_t n, size_t from)
{
	__u64 end = addr + len;
	size_t i, hits = 0;

	memcpy(dst, src, len);
	for (i = from; i < n && s[i].addr < end; i++) {
		__u64 a = s[i].addr > addr ? s[i].addr : addr;
		__u64 b = s[i].addr + s[i].len;

		if (b > end)
			b = end;
		if (b <= a)
			continue;
		memcpy(dst + (a - addr), s[i].canon + (a - s[i].addr), b - a);
		hits++;
	}
	return hits;
}
