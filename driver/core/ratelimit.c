// SPDX-License-Identifier: GPL-2.0
#include "ratelimit.h"

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static __u64 fnv(__u64 h, const void *p, size_t n)
{
	const __u8 *b = p;

	while (n--) {
		h ^= *b++;
		h *= FNV_PRIME;
	}
	return h;
}

__u64 lkrg_rl_key(const struct lkrg_event_hdr *h,
		  const struct lkrg_event_detail *d)
{
	__u64 k = FNV_OFFSET;

	k = fnv(k, &h->type, sizeof(h->type));
	k = fnv(k, &d->category, sizeof(d->category));
	k = fnv(k, &d->object, sizeof(d->object));
	/*
	 * A refusal is "the same again" for one user whatever the process
	 * and the name: a new pid (each modprobe a module request starts)
	 * or module name per try must not get past the limit.
	 */
	if (h->type == LKRG_EV_BLOCK) {
		k = fnv(k, &d->uid, sizeof(d->uid));
	} else {
		k = fnv(k, &d->pid, sizeof(d->pid));
		k = fnv(k, d->name, sizeof(d->name));
		k = fnv(k, d->location, sizeof(d->location));
	}
	return k ? k : 1;
}

/* The slot for @key: its own, else a free or expired one, else evict. */
static struct lkrg_rl_slot *pick(struct lkrg_rl_slot *slots,
				 unsigned int nslots, __u64 key, __u64 now,
				 __u32 interval, __u32 *evicted)
{
	struct lkrg_rl_slot *a = &slots[key % nslots];
	struct lkrg_rl_slot *b = &slots[(key / nslots) % nslots];
	struct lkrg_rl_slot *victim;

	if (a->key == key)
		return a;
	if (b->key == key)
		return b;
	if (!a->key || (now - a->window_start >= interval && !a->suppressed))
		victim = a;
	else if (!b->key ||
		 (now - b->window_start >= interval && !b->suppressed))
		victim = b;
	else
		victim = a->window_start <= b->window_start ? a : b;
	*evicted += victim->suppressed;
	victim->key = key;
	victim->window_start = now;
	victim->passed = 0;
	victim->suppressed = 0;
	return victim;
}

long lkrg_rl_admit(struct lkrg_rl_slot *slots, unsigned int nslots,
		   __u64 key, __u64 now_ms, __u32 interval_ms, __u32 burst,
		   __u32 *evicted)
{
	struct lkrg_rl_slot *s;
	long carried;

	if (!interval_ms || !nslots)
		return 0;
	s = pick(slots, nslots, key, now_ms, interval_ms, evicted);
	if (now_ms - s->window_start >= interval_ms) {
		s->window_start = now_ms;
		s->passed = 0;
	}
	if (s->passed >= burst) {
		s->suppressed++;
		return -1;
	}
	s->passed++;
	carried = s->suppressed;
	s->suppressed = 0;
	return carried;
}
