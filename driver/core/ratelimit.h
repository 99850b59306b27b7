/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rate limit of repeated identical events. A key names "the same thing
 * again" (type, category, object, task, name, location; for refusals
 * type, category, object and uid); each key may pass
 * @burst times per window, the rest are counted and the count rides on the
 * next record of that key that passes. Pure: the caller holds the lock and
 * supplies the time.
 */
#ifndef CLKRG_RATELIMIT_H
#define CLKRG_RATELIMIT_H

#include "core_compat.h"

struct lkrg_rl_slot {
	__u64 key;		/* 0 = free */
	__u64 window_start;	/* ms */
	__u32 passed;		/* records passed in this window */
	__u32 suppressed;	/* dropped since the last one passed */
};

/* FNV-1a over the fields that make two events "identical". Never 0. */
__u64 lkrg_rl_key(const struct lkrg_event_hdr *h,
		  const struct lkrg_event_detail *d);

/*
 * Decides for @key at @now_ms over @nslots slots. Returns -1 to drop the
 * record (counted in its slot), otherwise the number of identical records
 * dropped before it (to store in detail.suppressed). *@evicted receives a
 * suppressed count that had to be forgotten to reuse a slot (for the
 * global counter). @interval_ms == 0 disables limiting.
 */
long lkrg_rl_admit(struct lkrg_rl_slot *slots, unsigned int nslots,
		   __u64 key, __u64 now_ms, __u32 interval_ms, __u32 burst,
		   __u32 *evicted);

#endif
