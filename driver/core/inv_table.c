// SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later
#include "inv_table.h"

/* At most 3/4 of a table is used, so every probe ends at an empty slot. */
#define FULL(t)		((t)->count >= (t)->nslots / 4 * 3)

void lkrg_inv_init(struct lkrg_inv_table *t, struct lkrg_inv_slot *a,
		   struct lkrg_inv_slot *b, __u32 nslots)
{
	memset(t, 0, sizeof(*t));
	t->slots[0] = a;
	t->slots[1] = b;
	t->nslots = nslots;
	/* Zeroed slots carry epoch 0: empty in both tables from epoch 2. */
	t->epoch = 1;
}

void lkrg_inv_begin(struct lkrg_inv_table *t)
{
	t->cur ^= 1;
	t->epoch++;
	t->count = 0;
	t->dropped = 0;
}

static __u64 mix(__u64 x)
{
	/* splitmix64's finalizer */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

__u64 lkrg_inv_key(__u64 a, __u64 b, __u64 c)
{
	__u64 k = mix(mix(mix(a) ^ b) ^ c);

	return k ? k : 1;
}

/* The slot of @key in table @tab of epoch @epoch, or the empty one. */
static struct lkrg_inv_slot *probe(const struct lkrg_inv_table *t,
				   unsigned int tab, __u32 epoch, __u64 key)
{
	__u32 mask = t->nslots - 1, i = (__u32)key & mask;
	struct lkrg_inv_slot *s;

	for (;;) {
		s = &t->slots[tab][i];
		if (s->epoch != epoch || s->key == key)
			return s;
		i = (i + 1) & mask;
	}
}

__u64 lkrg_inv_note(struct lkrg_inv_table *t, __u64 key, __u32 cls,
		    const char *owner, __u64 check_id, bool *fresh)
{
	struct lkrg_inv_slot *cur, *old;
	__u64 appeared = check_id;
	size_t n;

	*fresh = false;
	if (!key)
		key = 1;
	cur = probe(t, t->cur, t->epoch, key);
	if (cur->epoch == t->epoch)
		return cur->appeared;	/* noted twice in one check */
	old = probe(t, !t->cur, t->epoch - 1, key);
	if (old->epoch == t->epoch - 1) {
		old->seen = t->epoch;
		appeared = old->appeared;
	} else {
		*fresh = true;
	}
	if (FULL(t)) {
		t->dropped++;
		*fresh = false;
		return 0;
	}
	cur->key = key;
	cur->appeared = appeared;
	cur->epoch = t->epoch;
	cur->seen = 0;
	cur->cls = cls;
	n = strlen(owner);
	if (n >= sizeof(cur->owner))
		n = sizeof(cur->owner) - 1;
	memcpy(cur->owner, owner, n);
	cur->owner[n] = 0;
	t->count++;
	return appeared;
}

void lkrg_inv_gone(const struct lkrg_inv_table *t,
		   void (*fn)(const struct lkrg_inv_slot *s, void *arg),
		   void *arg)
{
	const struct lkrg_inv_slot *s = t->slots[!t->cur];
	__u32 i;

	for (i = 0; i < t->nslots; i++)
		if (s[i].epoch == t->epoch - 1 && s[i].seen != t->epoch)
			fn(&s[i], arg);
}
