// SPDX-License-Identifier: GPL-2.0
/*
 * driver/core/hook_owner.c (allow-list entries: validity and matching, the
 * kind part of every match) and driver/core/inv_table.c (the timeline's
 * two tables: new, old and gone items, their check ids, a full table).
 */
#include <stdlib.h>

#include "tests.h"
#include "hook_owner.h"
#include "inv_table.h"

static int valid(const char *s)
{
	return lkrg_hook_owner_valid(s, strlen(s) + 1);
}

START_TEST(owner_valid)
{
	static const char *const good[] = {
		"clkrg_redirect", "a", "kernel:klp_*", "bpf:clkrg_fmodret",
		"bpf:x*", "m*", "mod-1.2_x", "kernel:klp_ftrace_handler",
	};
	static const char *const bad[] = {
		"", "*", "kernel:*", "bpf:*", "kernel:", "bpf:", "a b", "a*b",
		"**", "a**", "x:y", "kernel:a:b", "mod/x", "caf\xc3\xa9",
		"a\n", "module:x",
	};
	char full[LKRG_HOOK_OWNER_LEN];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(!valid(good[i]), "'%s' refused", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(valid(bad[i]) == -EINVAL, "'%s' taken", bad[i]);
	/* Terminated within the field, or refused. */
	memset(full, 'x', sizeof(full));
	ck_assert_int_eq(lkrg_hook_owner_valid(full, sizeof(full)), -EINVAL);
	full[sizeof(full) - 1] = 0;
	ck_assert_int_eq(lkrg_hook_owner_valid(full, sizeof(full)), 0);
}
END_TEST

START_TEST(owner_match)
{
	ck_assert(lkrg_hook_owner_match("clkrg_redirect", LKRG_OWNER_MODULE,
					"clkrg_redirect"));
	ck_assert(!lkrg_hook_owner_match("clkrg_redirect", LKRG_OWNER_MODULE,
					 "clkrg_redirect2"));
	ck_assert(!lkrg_hook_owner_match("clkrg_redirect", LKRG_OWNER_MODULE,
					 "clkrg_redirec"));
	ck_assert(lkrg_hook_owner_match("clkrg_*", LKRG_OWNER_MODULE,
					"clkrg_redirect"));
	ck_assert(lkrg_hook_owner_match("clkrg_*", LKRG_OWNER_MODULE, "clkrg_"));
	ck_assert(!lkrg_hook_owner_match("clkrg_*", LKRG_OWNER_MODULE, "clkrg"));
	/* The kind is part of the match: names never cross kinds. */
	ck_assert(lkrg_hook_owner_match("kernel:klp_*", LKRG_OWNER_KERNEL,
					"klp_ftrace_handler"));
	ck_assert(!lkrg_hook_owner_match("kernel:klp_*", LKRG_OWNER_MODULE,
					 "klp_ftrace_handler"));
	ck_assert(!lkrg_hook_owner_match("kernel:klp_*", LKRG_OWNER_MODULE,
					 "kernel:klp_x"));
	ck_assert(!lkrg_hook_owner_match("klp_*", LKRG_OWNER_KERNEL,
					 "klp_ftrace_handler"));
	ck_assert(lkrg_hook_owner_match("bpf:clkrg_fmod*", LKRG_OWNER_BPF,
					"clkrg_fmodret"));
	ck_assert(!lkrg_hook_owner_match("bpf:clkrg_fmod*", LKRG_OWNER_MODULE,
					 "clkrg_fmodret"));
	ck_assert(!lkrg_hook_owner_match("clkrg_fmod*", LKRG_OWNER_BPF,
					 "clkrg_fmodret"));
	ck_assert_str_eq(lkrg_hook_owner_prefix(LKRG_OWNER_MODULE), "");
	ck_assert_str_eq(lkrg_hook_owner_prefix(LKRG_OWNER_BPF), "bpf:");
	ck_assert_str_eq(lkrg_hook_owner_prefix(LKRG_OWNER_KERNEL), "kernel:");
}
END_TEST

#define NSLOTS	16

struct inv {
	struct lkrg_inv_slot a[NSLOTS], b[NSLOTS];
	struct lkrg_inv_table t;
};

static struct inv *inv_new(void)
{
	struct inv *v = calloc(1, sizeof(*v));

	ck_assert_ptr_nonnull(v);
	lkrg_inv_init(&v->t, v->a, v->b, NSLOTS);
	return v;
}

static uint64_t note(struct inv *v, uint64_t key, uint64_t check, bool *fresh)
{
	return lkrg_inv_note(&v->t, key, 1, "owner", check, fresh);
}

struct gone {
	unsigned int n;
	uint64_t appeared_sum;
	char owner[LKRG_INV_OWNER_LEN];
};

static void on_gone(const struct lkrg_inv_slot *s, void *arg)
{
	struct gone *g = arg;

	g->n++;
	g->appeared_sum += s->appeared;
	memcpy(g->owner, s->owner, sizeof(g->owner));
}

START_TEST(table_timeline)
{
	struct inv *v = inv_new();
	struct gone g = { 0 };
	bool fresh;

	/* Check 1: two items, both new. */
	lkrg_inv_begin(&v->t);
	ck_assert_uint_eq(note(v, 10, 1, &fresh), 1);
	ck_assert(fresh);
	ck_assert_uint_eq(note(v, 11, 1, &fresh), 1);
	ck_assert(fresh);
	/* Noted twice in one check: the same item, not new again. */
	ck_assert_uint_eq(note(v, 11, 1, &fresh), 1);
	ck_assert(!fresh);
	lkrg_inv_gone(&v->t, on_gone, &g);
	ck_assert_uint_eq(g.n, 0);
	/* Check 2: 10 stays (appeared at 1), 12 is new, 11 is gone. */
	lkrg_inv_begin(&v->t);
	ck_assert_uint_eq(note(v, 10, 2, &fresh), 1);
	ck_assert(!fresh);
	ck_assert_uint_eq(note(v, 12, 2, &fresh), 2);
	ck_assert(fresh);
	lkrg_inv_gone(&v->t, on_gone, &g);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_uint_eq(g.appeared_sum, 1);
	ck_assert_str_eq(g.owner, "owner");
	/* Check 3 and 4: items carry their first check across tables. */
	lkrg_inv_begin(&v->t);
	ck_assert_uint_eq(note(v, 10, 3, &fresh), 1);
	ck_assert_uint_eq(note(v, 12, 3, &fresh), 2);
	lkrg_inv_begin(&v->t);
	ck_assert_uint_eq(note(v, 10, 4, &fresh), 1);
	ck_assert(!fresh);
	memset(&g, 0, sizeof(g));
	lkrg_inv_gone(&v->t, on_gone, &g);
	ck_assert_uint_eq(g.n, 1);	/* 12 */
	ck_assert_uint_eq(g.appeared_sum, 2);
	/* 11 went at check 2: back at 5, it is new again. */
	lkrg_inv_begin(&v->t);
	ck_assert_uint_eq(note(v, 11, 5, &fresh), 5);
	ck_assert(fresh);
	/* Key 0 is taken as 1. */
	ck_assert_uint_eq(note(v, 0, 5, &fresh), 5);
	ck_assert_uint_eq(note(v, 1, 5, &fresh), 5);
	ck_assert(!fresh);
	free(v);
}
END_TEST

START_TEST(table_full)
{
	struct inv *v = inv_new();
	bool fresh;
	uint64_t k;

	lkrg_inv_begin(&v->t);
	for (k = 1; k <= NSLOTS / 4 * 3; k++)
		ck_assert_uint_eq(note(v, k * 7919, 1, &fresh), 1);
	ck_assert_uint_eq(v->t.count, NSLOTS / 4 * 3);
	/* No room: not kept, reported as old, counted. */
	ck_assert_uint_eq(note(v, 999999, 1, &fresh), 0);
	ck_assert(!fresh);
	ck_assert_uint_eq(v->t.dropped, 1);
	/* Next check: what was kept is still known. */
	lkrg_inv_begin(&v->t);
	ck_assert_uint_eq(v->t.dropped, 0);
	ck_assert_uint_eq(note(v, 7919, 2, &fresh), 1);
	ck_assert(!fresh);
	free(v);
}
END_TEST

START_TEST(table_owner_cut)
{
	struct inv *v = inv_new();
	char longname[100];
	struct gone g = { 0 };
	bool fresh;

	memset(longname, 'm', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	lkrg_inv_begin(&v->t);
	lkrg_inv_note(&v->t, 5, 2, longname, 1, &fresh);
	lkrg_inv_begin(&v->t);
	lkrg_inv_gone(&v->t, on_gone, &g);
	ck_assert_uint_eq(g.n, 1);
	ck_assert_uint_eq(strlen(g.owner), LKRG_INV_OWNER_LEN - 1);
	free(v);
}
END_TEST

START_TEST(keys)
{
	ck_assert_uint_ne(lkrg_inv_key(0, 0, 0), 0);
	ck_assert_uint_ne(lkrg_inv_key(1, 2, 3), lkrg_inv_key(3, 2, 1));
	ck_assert_uint_ne(lkrg_inv_key(1, 2, 3), lkrg_inv_key(1, 3, 2));
	ck_assert_uint_eq(lkrg_inv_key(1, 2, 3), lkrg_inv_key(1, 2, 3));
}
END_TEST

Suite *inventory_core_suite(void)
{
	Suite *s = suite_create("inventory-core");
	TCase *tc = tcase_create("owners");
	TCase *tt = tcase_create("table");

	tcase_add_test(tc, owner_valid);
	tcase_add_test(tc, owner_match);
	tcase_add_test(tt, table_timeline);
	tcase_add_test(tt, table_full);
	tcase_add_test(tt, table_owner_cut);
	tcase_add_test(tt, keys);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tt);
	return s;
}
