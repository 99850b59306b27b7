/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/*
 * What the inventory saw at the last check and the one before: two
 * open-addressing tables of item keys used in turn, so a check notes each
 * item once (O(items), no allocation) and learns whether it is new, since
 * which check it exists, and afterwards which items of the last check are
 * gone. A slot belongs to a table's present contents only when it carries
 * that table's epoch; older slots count as empty, so nothing is cleared.
 */
#ifndef CLKRG_INV_TABLE_H
#define CLKRG_INV_TABLE_H

#include "core_compat.h"

#define LKRG_INV_OWNER_LEN	40

struct lkrg_inv_slot {
	__u64 key;		/* never 0 */
	__u64 appeared;		/* check id when first noted */
	__u32 epoch;		/* the table's epoch when noted */
	__u32 seen;		/* epoch of the check that noted it again */
	__u32 cls;		/* caller's class of the item */
	__u32 reserved;
	char owner[LKRG_INV_OWNER_LEN];	/* caller's owner label */
};

struct lkrg_inv_table {
	struct lkrg_inv_slot *slots[2];	/* nslots each */
	__u32 nslots;		/* a power of two */
	__u32 cur;		/* slots[cur] is being filled */
	__u32 epoch;		/* of slots[cur]; slots[!cur] has epoch - 1 */
	__u32 count;		/* items noted into slots[cur] */
	__u32 dropped;		/* items that found no room this check */
};

/* @slots: two zeroed arrays of @nslots (a power of two) slots. */
void lkrg_inv_init(struct lkrg_inv_table *t, struct lkrg_inv_slot *a,
		   struct lkrg_inv_slot *b, __u32 nslots);

/* Starts a check: the current table becomes the previous one. */
void lkrg_inv_begin(struct lkrg_inv_table *t);

/*
 * Notes item @key (0 is taken as 1) of class @cls and owner @owner.
 * Returns the check id it appeared at: its id from the previous check, or
 * @check_id when it is new (then *@fresh is true). An item that finds no
 * room is not kept (counted in ->dropped) and reported as old (0).
 */
__u64 lkrg_inv_note(struct lkrg_inv_table *t, __u64 key, __u32 cls,
		    const char *owner, __u64 check_id, bool *fresh);

/* Calls @fn for every item of the previous check not noted in this one. */
void lkrg_inv_gone(const struct lkrg_inv_table *t,
		   void (*fn)(const struct lkrg_inv_slot *s, void *arg),
		   void *arg);

/* A well-mixed key of up to three words (not keyed: no secret). */
__u64 lkrg_inv_key(__u64 a, __u64 b, __u64 c);

#endif
