// SPDX-License-Identifier: GPL-2.0
/* driver/core/ratelimit.c: keys and the per-key burst/window rule. */
#include "tests.h"
#include "ratelimit.h"

#define SLOTS	8

static __u64 key_of(const char *name, int pid)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), name);
	r.d.pid = pid;
	return lkrg_rl_key(&r.hdr, &r.d);
}

START_TEST(keys)
{
	ck_assert_uint_ne(key_of(".text", 1), 0);
	ck_assert_uint_eq(key_of(".text", 1), key_of(".text", 1));
	ck_assert_uint_ne(key_of(".text", 1), key_of(".rodata", 1));
	ck_assert_uint_ne(key_of(".text", 1), key_of(".text", 2));
}
END_TEST

START_TEST(disabled)
{
	struct lkrg_rl_slot s[SLOTS] = { { 0 } };
	__u32 ev = 0;
	int i;

	for (i = 0; i < 100; i++)
		ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 0, 0, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, 0, 5, 0, 1000, 1, &ev), 0);
	ck_assert_uint_eq(ev, 0);
}
END_TEST

START_TEST(burst_then_carry)
{
	struct lkrg_rl_slot s[SLOTS] = { { 0 } };
	__u32 ev = 0;

	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 100, 1000, 2, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 101, 1000, 2, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 102, 1000, 2, &ev), -1);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 103, 1000, 2, &ev), -1);
	/* Next window: the first record carries the two dropped ones. */
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 1100, 1000, 2, &ev), 2);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 1101, 1000, 2, &ev), 0);
	/* Another key is not affected. */
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 6, 1102, 1000, 2, &ev), 0);
	ck_assert_uint_eq(ev, 0);
}
END_TEST

START_TEST(eviction_counts)
{
	struct lkrg_rl_slot s[1] = { { 0 } };
	__u32 ev = 0;

	/* One slot: key 7 suppresses one, then key 9 takes the slot. */
	ck_assert_int_eq(lkrg_rl_admit(s, 1, 7, 0, 1000, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, 1, 7, 1, 1000, 1, &ev), -1);
	ck_assert_int_eq(lkrg_rl_admit(s, 1, 9, 2, 1000, 1, &ev), 0);
	ck_assert_uint_eq(ev, 1);
	ck_assert_uint_eq(s[0].key, 9);
}
END_TEST

Suite *ratelimit_suite(void)
{
	Suite *s = suite_create("core/ratelimit");
	TCase *tc = tcase_create("admit");

	tcase_add_test(tc, keys);
	tcase_add_test(tc, disabled);
	tcase_add_test(tc, burst_then_carry);
	tcase_add_test(tc, eviction_counts);
	suite_add_tcase(s, tc);
	return s;
}
