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

static __u64 block_key(const char *name, int pid, __u32 uid)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	r.hdr.type = LKRG_EV_BLOCK;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), name);
	r.d.pid = pid;
	r.d.uid = uid;
	return lkrg_rl_key(&r.hdr, &r.d);
}

START_TEST(refusals_per_uid)
{
	/* A refusal repeats per user: new pids and names are the same key, */
	ck_assert_uint_eq(block_key("mod_a", 100, 1000),
			  block_key("mod_b", 101, 1000));
	/* another user is another key, and so is a violation. */
	ck_assert_uint_ne(block_key("mod_a", 100, 1000),
			  block_key("mod_a", 100, 0));
	ck_assert_uint_ne(block_key("mod_a", 100, 1000), key_of("mod_a", 100));
	ck_assert_uint_ne(block_key("x", 1, 0), 0);
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

/*
 * With 4 slots key k may use slot k % 4 ("a") or (k / 4) % 4 ("b"):
 * key 1 -> 1|0, key 2 -> 2|0, key 6 -> 2|1, key 9 -> 1|2, key 25 -> 1|2.
 */
#define N4	4
#define IVL	1000

START_TEST(second_slot)
{
	struct lkrg_rl_slot s[N4] = { { 0 } };
	__u32 ev = 0;

	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 0, IVL, 1, &ev), 0);
	/* Slot 1 is key 1's and live: key 9 takes its other slot, 2. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, 1, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 1);
	ck_assert_uint_eq(s[2].key, 9);
	/* Key 9 is found in slot 2 and limited there. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, 2, IVL, 1, &ev), -1);
	ck_assert_uint_eq(s[2].suppressed, 1);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 3, IVL, 1, &ev), -1);
	ck_assert_uint_eq(s[1].suppressed, 1);
	ck_assert_uint_eq(ev, 0);
}
END_TEST

START_TEST(expired_slot_reused)
{
	struct lkrg_rl_slot s[N4] = { { 0 } };
	__u32 ev = 0;

	/* Key 1's window is over and it owes nothing: key 9 takes slot 1. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 0, IVL, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, IVL, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 9);
	ck_assert_uint_eq(s[1].window_start, IVL);
	ck_assert_uint_eq(s[2].key, 0);
	ck_assert_uint_eq(ev, 0);
}
END_TEST

START_TEST(expired_slot_with_count_kept)
{
	struct lkrg_rl_slot s[N4] = { { 0 } };
	__u32 ev = 0;

	/* Key 1 dropped one: its slot is kept although the window is over. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 0, IVL, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 1, IVL, 1, &ev), -1);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, 2 * IVL, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 1);
	ck_assert_uint_eq(s[2].key, 9);
	ck_assert_uint_eq(ev, 0);
	/* So key 1's next record still carries it, in a new window. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 2 * IVL + 1, IVL, 1, &ev), 1);
	ck_assert_uint_eq(s[1].window_start, 2 * IVL + 1);
	ck_assert_uint_eq(s[1].suppressed, 0);
}
END_TEST

START_TEST(second_slot_expired_reused)
{
	struct lkrg_rl_slot s[N4] = { { 0 } };
	__u32 ev = 0;

	ck_assert_int_eq(lkrg_rl_admit(s, N4, 2, 0, IVL, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 1500, IVL, 1, &ev), 0);
	/* Slot 1 (key 1) is live, slot 2 (key 2) expired and owes nothing. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, 1600, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 1);
	ck_assert_uint_eq(s[2].key, 9);
	ck_assert_uint_eq(ev, 0);
}
END_TEST

START_TEST(expired_second_slot_with_count)
{
	struct lkrg_rl_slot s[N4] = { { 0 } };
	__u32 ev = 0;

	/* Key 2 in slot 2 (window 0) owes one; key 1 in slot 1 is live. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 2, 0, IVL, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 2, 1, IVL, 1, &ev), -1);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 1500, IVL, 1, &ev), 0);
	/* Key 9 (slots 1|2): neither is free or expired without a count,
	 * so the older one goes, and with it the count key 2 owed. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, 1600, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 1);
	ck_assert_uint_eq(s[2].key, 9);
	ck_assert_uint_eq(ev, 1);
	/* Key 2 starts over: nothing to carry. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 2, 1700, IVL, 1, &ev), 0);
}
END_TEST

START_TEST(both_busy_evicts_older)
{
	struct lkrg_rl_slot s[N4] = { { 0 } };
	__u32 ev = 0;

	/* Key 1 in slot 1 (window 0) and key 2 in slot 2 (window 10), each
	 * with one dropped record. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 0, IVL, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 1, 1, IVL, 1, &ev), -1);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 2, 10, IVL, 1, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 2, 11, IVL, 1, &ev), -1);
	/* Key 9 (slots 1|2): the older window, slot 1, goes; its count is
	 * reported as evicted. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 9, 20, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 9);
	ck_assert_uint_eq(s[2].key, 2);
	ck_assert_uint_eq(ev, 1);
	/* Key 25 (slots 1|2): now slot 2 (window 10) is older than slot 1
	 * (window 20), so key 2 goes and *evicted adds to what it held. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 25, 30, IVL, 1, &ev), 0);
	ck_assert_uint_eq(s[1].key, 9);
	ck_assert_uint_eq(s[2].key, 25);
	ck_assert_uint_eq(ev, 2);
	/* A busy victim that owes nothing adds nothing. */
	ck_assert_int_eq(lkrg_rl_admit(s, N4, 6, 40, IVL, 1, &ev), 0);
	ck_assert_uint_eq(ev, 2);
}
END_TEST

START_TEST(burst_and_windows)
{
	struct lkrg_rl_slot s[SLOTS] = { { 0 } };
	__u32 ev = 0;
	int i;

	/* burst 3: three pass, the rest of the window is counted. */
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, i, IVL, 3, &ev), 0);
	for (i = 3; i < 10; i++)
		ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, i, IVL, 3, &ev),
				 -1);
	/* One ms short of the window: still limited. */
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, IVL - 1, IVL, 3, &ev), -1);
	/* The window restarts at its length exactly; 8 dropped ride along. */
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, IVL, IVL, 3, &ev), 8);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, IVL + 1, IVL, 3, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, IVL + 2, IVL, 3, &ev), 0);
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, IVL + 3, IVL, 3, &ev), -1);
	/* A long quiet spell: a fresh window, the one drop carried. */
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 100 * IVL, IVL, 3, &ev),
			 1);
	ck_assert_uint_eq(ev, 0);
	/* burst 0 lets nothing through, and counts it all. */
	memset(s, 0, sizeof(s));
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, i, IVL, 0, &ev),
				 -1);
	/* Limiting switched off does not touch the slots. */
	ck_assert_int_eq(lkrg_rl_admit(s, SLOTS, 5, 5, 0, 0, &ev), 0);
	ck_assert_uint_eq(s[5 % SLOTS].suppressed, 4);
}
END_TEST

Suite *ratelimit_suite(void)
{
	Suite *s = suite_create("core/ratelimit");
	TCase *tc = tcase_create("admit");

	tcase_add_test(tc, keys);
	tcase_add_test(tc, refusals_per_uid);
	tcase_add_test(tc, disabled);
	tcase_add_test(tc, burst_then_carry);
	tcase_add_test(tc, eviction_counts);
	tcase_add_test(tc, second_slot);
	tcase_add_test(tc, expired_slot_reused);
	tcase_add_test(tc, expired_slot_with_count_kept);
	tcase_add_test(tc, second_slot_expired_reused);
	tcase_add_test(tc, expired_second_slot_with_count);
	tcase_add_test(tc, both_busy_evicts_older);
	tcase_add_test(tc, burst_and_windows);
	suite_add_tcase(s, tc);
	return s;
}
