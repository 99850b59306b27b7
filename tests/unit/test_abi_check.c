// SPDX-License-Identifier: GPL-2.0
/* driver/core/abi_check.c: every branch, every reserved field. */
#include "tests.h"
#include "abi_check.h"

/* Sets one field, expects @want, puts the zero back. */
#define EXPECT_FIELD(fn, s, field, bad, want) do {		\
		(s).field = (bad);				\
		ck_assert_int_eq(fn(&(s)), (want));		\
		(s).field = 0;					\
	} while (0)

/* Each element of a reserved array, set alone, is refused. */
#define EXPECT_RESERVED(fn, s, arr) do {				\
		size_t i_;						\
		for (i_ = 0; i_ < sizeof((s).arr) / sizeof((s).arr[0]); i_++) \
			EXPECT_FIELD(fn, s, arr[i_], 1, -EINVAL);	\
	} while (0)

START_TEST(all_zero)
{
	__u8 b[5] = { 0 };

	ck_assert(lkrg_all_zero(b, 0));
	ck_assert(lkrg_all_zero(b, sizeof(b)));
	b[4] = 1;
	ck_assert(!lkrg_all_zero(b, sizeof(b)));
	ck_assert(lkrg_all_zero(b, 4));
}
END_TEST

START_TEST(hello)
{
	struct lkrg_hello h = { .size = sizeof(h) };

	ck_assert_int_eq(lkrg_check_hello(&h), 0);
	EXPECT_FIELD(lkrg_check_hello, h, flags, 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_hello, h, flags, 0x80000000u, -EINVAL);
	EXPECT_FIELD(lkrg_check_hello, h, reserved0, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_hello, h, reserved);
	/* Output fields are the module's to fill, not checked. */
	EXPECT_FIELD(lkrg_check_hello, h, features, ~0ULL, 0);
	EXPECT_FIELD(lkrg_check_hello, h, max_event_size, 7, 0);
}
END_TEST

START_TEST(check)
{
	struct lkrg_check c = { .size = sizeof(c) };

	ck_assert_int_eq(lkrg_check_check(&c), 0);
	EXPECT_FIELD(lkrg_check_check, c, flags, 2, -EINVAL);
	EXPECT_RESERVED(lkrg_check_check, c, reserved);
	EXPECT_FIELD(lkrg_check_check, c, check_id, 9, 0);
	/* Was reserved[0]; now an output the module fills. */
	EXPECT_FIELD(lkrg_check_check, c, start_real_ns, 9, 0);
}
END_TEST

START_TEST(rebaseline)
{
	struct lkrg_rebaseline r = { .size = sizeof(r) };
	int bit;

	ck_assert_int_eq(lkrg_check_rebaseline(&r), 0);
	EXPECT_FIELD(lkrg_check_rebaseline, r, flags, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_rebaseline, r, reserved);
	EXPECT_FIELD(lkrg_check_rebaseline, r, scope, LKRG_SCOPE_ALL, 0);
	EXPECT_FIELD(lkrg_check_rebaseline, r, scope, LKRG_SCOPE_KTEXT, 0);
	EXPECT_FIELD(lkrg_check_rebaseline, r, scope, LKRG_SCOPE_RODATA, 0);
	EXPECT_FIELD(lkrg_check_rebaseline, r, scope, LKRG_SCOPE_EXTABLE, 0);
	EXPECT_FIELD(lkrg_check_rebaseline, r, scope, LKRG_SCOPE_CPU, 0);
	EXPECT_FIELD(lkrg_check_rebaseline, r, scope, LKRG_SCOPE_MODULES, 0);
	for (bit = 5; bit < 64; bit++)
		EXPECT_FIELD(lkrg_check_rebaseline, r, scope, 1ULL << bit,
			     -EINVAL);
	EXPECT_FIELD(lkrg_check_rebaseline, r, generation, 5, 0);
}
END_TEST

START_TEST(block_get)
{
	struct lkrg_block_modules b = { .size = sizeof(b) };

	ck_assert_int_eq(lkrg_check_block_get(&b), 0);
	EXPECT_FIELD(lkrg_check_block_get, b, flags, 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_block_get, b, reserved0, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_block_get, b, reserved);
	/* GET does not look at mode: it is an output. */
	EXPECT_FIELD(lkrg_check_block_get, b, mode, 77, 0);
}
END_TEST

START_TEST(block_set)
{
	struct lkrg_block_modules b = { .size = sizeof(b) };

	ck_assert_int_eq(lkrg_check_block_set(&b), 0);
	EXPECT_FIELD(lkrg_check_block_set, b, mode, LKRG_BLOCK_ON, 0);
	EXPECT_FIELD(lkrg_check_block_set, b, mode, LKRG_BLOCK_LOCK, 0);
	EXPECT_FIELD(lkrg_check_block_set, b, mode, LKRG_BLOCK_LOCK + 1,
		     -EINVAL);
	EXPECT_FIELD(lkrg_check_block_set, b, mode, ~0u, -EINVAL);
	/* The GET rules come first. */
	EXPECT_FIELD(lkrg_check_block_set, b, flags, 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_block_set, b, reserved0, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_block_set, b, reserved);
}
END_TEST

START_TEST(status)
{
	struct lkrg_status s = { .size = sizeof(s) };

	ck_assert_int_eq(lkrg_check_status(&s), 0);
	EXPECT_FIELD(lkrg_check_status, s, flags, 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_status, s, reserved0, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_status, s, reserved);
	EXPECT_FIELD(lkrg_check_status, s, checks, 3, 0);
	EXPECT_FIELD(lkrg_check_status, s, locked, 1, 0);
}
END_TEST

START_TEST(policy_get)
{
	struct lkrg_policy_get g = { .size = sizeof(g) };

	/* count 0 only asks for the number: no stride needed. */
	ck_assert_int_eq(lkrg_check_policy_get(&g), 0);
	EXPECT_FIELD(lkrg_check_policy_get, g, flags, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_policy_get, g, reserved);
	g.count = 3;
	EXPECT_FIELD(lkrg_check_policy_get, g, knob_size, 0, -EINVAL);
	EXPECT_FIELD(lkrg_check_policy_get, g, knob_size,
		     LKRG_KNOB_SIZE_VER0 - 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_policy_get, g, knob_size,
		     LKRG_KNOB_SIZE_VER0, 0);
	EXPECT_FIELD(lkrg_check_policy_get, g, knob_size, 4096, 0);
	EXPECT_FIELD(lkrg_check_policy_get, g, knob_size, 4097, -E2BIG);
	g.count = 0;
	EXPECT_FIELD(lkrg_check_policy_get, g, knob_size, 4097, -E2BIG);
}
END_TEST

/* STATS and HOOKS share struct lkrg_stats; only the rows' VER0 differs. */
static void stats_struct_rules(int (*fn)(const struct lkrg_stats *), __u32 ver0)
{
	struct lkrg_stats st = { .size = sizeof(st) };

	ck_assert_int_eq(fn(&st), 0);
	EXPECT_FIELD(fn, st, flags, 1, -EINVAL);
	EXPECT_RESERVED(fn, st, reserved);
	st.count = 1;
	EXPECT_FIELD(fn, st, row_size, ver0 - 1, -EINVAL);
	EXPECT_FIELD(fn, st, row_size, ver0, 0);
	EXPECT_FIELD(fn, st, row_size, 4097, -E2BIG);
	/* Flags and reserved are checked before the stride. */
	st.row_size = 4097;
	EXPECT_FIELD(fn, st, flags, 1, -EINVAL);
	EXPECT_FIELD(fn, st, reserved[3], 1, -EINVAL);
	/* count 0 only asks: a short stride is fine, a huge one is not. */
	st.count = 0;
	st.row_size = 1;
	ck_assert_int_eq(fn(&st), 0);
	EXPECT_FIELD(fn, st, row_size, 4097, -E2BIG);
	/* Outputs and the pointer are not checked here. */
	EXPECT_FIELD(fn, st, rows, 0x1234, 0);
}

START_TEST(stats)
{
	stats_struct_rules(lkrg_check_stats, LKRG_STATS_ROW_SIZE_VER0);
}
END_TEST

START_TEST(hooks)
{
	struct lkrg_stats st = { .size = sizeof(st), .count = 1 };

	stats_struct_rules(lkrg_check_hooks, LKRG_HOOK_ROW_SIZE_VER0);
	/* A stats row is too short for a hook row. */
	EXPECT_FIELD(lkrg_check_hooks, st, row_size, LKRG_STATS_ROW_SIZE_VER0,
		     -EINVAL);
}
END_TEST

START_TEST(umh_list)
{
	struct lkrg_umh_list l = { .size = sizeof(l) };

	ck_assert_int_eq(lkrg_check_umh_list(&l), 0);
	EXPECT_FIELD(lkrg_check_umh_list, l, flags, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_umh_list, l, reserved);
	l.count = 2;
	EXPECT_FIELD(lkrg_check_umh_list, l, entry_size,
		     LKRG_UMH_ENTRY_SIZE_VER0 - 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_umh_list, l, entry_size,
		     LKRG_UMH_ENTRY_SIZE_VER0, 0);
	EXPECT_FIELD(lkrg_check_umh_list, l, entry_size, 4097, -E2BIG);
	/* Outputs and the pointer are not checked here. */
	l.entry_size = LKRG_UMH_ENTRY_SIZE_VER0;
	EXPECT_FIELD(lkrg_check_umh_list, l, generation, 5, 0);
	EXPECT_FIELD(lkrg_check_umh_list, l, refused, 5, 0);
	EXPECT_FIELD(lkrg_check_umh_list, l, entries, 0x1234, 0);
}
END_TEST

/* Sets the path to @p (at most LKRG_UMH_PATH_LEN bytes, no NUL added). */
static void umh_path(struct lkrg_umh_edit *e, const char *p, size_t n)
{
	memset(e->path, 0, sizeof(e->path));
	memcpy(e->path, p, n);
}

START_TEST(hook_allow_list)
{
	struct lkrg_hook_allow_list l = { .size = sizeof(l) };

	ck_assert_int_eq(lkrg_check_hook_allow_list(&l), 0);
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, flags, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_hook_allow_list, l, reserved);
	l.count = 1;
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, entry_size,
		     LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0 - 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, entry_size,
		     LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0, 0);
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, entry_size, 4097, -E2BIG);
	l.count = 0;
	/* Outputs may hold anything on the way in. */
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, generation, 5, 0);
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, redirects, 5, 0);
	EXPECT_FIELD(lkrg_check_hook_allow_list, l, callbacks, 5, 0);
}
END_TEST

START_TEST(hook_allow_edit)
{
	struct lkrg_hook_allow_edit e = { .size = sizeof(e) };

	ck_assert_int_eq(lkrg_check_hook_allow_edit(&e), -EINVAL); /* empty */
	memcpy(e.owner, "kernel:klp_*", 12);
	ck_assert_int_eq(lkrg_check_hook_allow_edit(&e), 0);
	EXPECT_FIELD(lkrg_check_hook_allow_edit, e, flags, 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_hook_allow_edit, e, reserved0, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_hook_allow_edit, e, reserved);
	EXPECT_FIELD(lkrg_check_hook_allow_edit, e, count, 3, 0);
	EXPECT_FIELD(lkrg_check_hook_allow_edit, e, generation, 3, 0);
	memset(e.owner, 0, sizeof(e.owner));
	e.owner[0] = '*';
	ck_assert_int_eq(lkrg_check_hook_allow_edit(&e), -EINVAL);
	memset(e.owner, 'x', sizeof(e.owner));
	ck_assert_int_eq(lkrg_check_hook_allow_edit(&e), -EINVAL);
	e.owner[sizeof(e.owner) - 1] = 0;
	ck_assert_int_eq(lkrg_check_hook_allow_edit(&e), 0);
}
END_TEST

START_TEST(umh_edit)
{
	struct lkrg_umh_edit e = { .size = sizeof(e) };
	char full[LKRG_UMH_PATH_LEN];

	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);	/* empty */
	umh_path(&e, "/sbin/modprobe", 14);
	ck_assert_int_eq(lkrg_check_umh_edit(&e), 0);
	EXPECT_FIELD(lkrg_check_umh_edit, e, flags, 1, -EINVAL);
	EXPECT_FIELD(lkrg_check_umh_edit, e, reserved0, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_umh_edit, e, reserved);
	/* Outputs are not inputs. */
	EXPECT_FIELD(lkrg_check_umh_edit, e, count, 3, 0);
	EXPECT_FIELD(lkrg_check_umh_edit, e, generation, 3, 0);
	umh_path(&e, "sbin/modprobe", 13);
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	umh_path(&e, "/", 1);
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	umh_path(&e, "/x", 2);
	ck_assert_int_eq(lkrg_check_umh_edit(&e), 0);
	/* 255 bytes and the NUL fit; 256 bytes leave no NUL. */
	memset(full, 'a', sizeof(full));
	full[0] = '/';
	umh_path(&e, full, sizeof(full) - 1);
	ck_assert_int_eq(lkrg_check_umh_edit(&e), 0);
	umh_path(&e, full, sizeof(full));
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
}
END_TEST

START_TEST(rows)
{
	ck_assert_int_eq(lkrg_check_rows(0, 0, 96), 0);
	ck_assert_int_eq(lkrg_check_rows(1, 95, 96), -EINVAL);
	ck_assert_int_eq(lkrg_check_rows(1, 96, 96), 0);
	ck_assert_int_eq(lkrg_check_rows(1, 4096, 96), 0);
	ck_assert_int_eq(lkrg_check_rows(0, 4097, 96), -E2BIG);
	ck_assert_int_eq(lkrg_check_rows(0, 95, 96), 0);
	ck_assert_int_eq(lkrg_check_rows(UINT32_MAX, 96, 96), 0);
	ck_assert_int_eq(lkrg_check_rows(1, 0, 96), -EINVAL);
	/* A short stride is reported before a huge one can be. */
	ck_assert_int_eq(lkrg_check_rows(1, 5000, 8192), -EINVAL);
	ck_assert_int_eq(lkrg_check_rows(1, UINT32_MAX, 96), -E2BIG);
}
END_TEST

START_TEST(policy_set)
{
	struct lkrg_policy_set s = { .size = sizeof(s) };

	ck_assert_int_eq(lkrg_check_policy_set(&s), -EINVAL);	/* no name */
	memcpy(s.name, "interval", 8);
	ck_assert_int_eq(lkrg_check_policy_set(&s), 0);
	EXPECT_FIELD(lkrg_check_policy_set, s, flags, 1, -EINVAL);
	EXPECT_RESERVED(lkrg_check_policy_set, s, reserved);
	/* Bytes after the terminator are reserved. */
	EXPECT_FIELD(lkrg_check_policy_set, s, name[20], 'x', -EINVAL);
	EXPECT_FIELD(lkrg_check_policy_set, s, name[LKRG_KNOB_NAME_LEN - 1],
		     'x', -EINVAL);
	/* 31 characters fit, 32 leave no room for the NUL. */
	memset(s.name, 'a', LKRG_KNOB_NAME_LEN - 1);
	ck_assert_int_eq(lkrg_check_policy_set(&s), 0);
	s.name[LKRG_KNOB_NAME_LEN - 1] = 'a';
	ck_assert_int_eq(lkrg_check_policy_set(&s), -EINVAL);
	/* Values are the knob's business. */
	memset(s.name, 0, sizeof(s.name));
	s.name[0] = 'k';
	EXPECT_FIELD(lkrg_check_policy_set, s, value, -99, 0);
}
END_TEST

START_TEST(knob_check)
{
	struct lkrg_knob k;

	sample_interval_knob(&k);
	ck_assert_int_eq(lkrg_knob_check(&k, 5), 0);
	ck_assert_int_eq(lkrg_knob_check(&k, 1800), 0);
	ck_assert_int_eq(lkrg_knob_check(&k, 4), -ERANGE);
	ck_assert_int_eq(lkrg_knob_check(&k, 1801), -ERANGE);
	ck_assert_int_eq(lkrg_knob_check(&k, INT64_MIN), -ERANGE);
	k.flags = LKRG_KNOB_F_LOAD_ONLY;
	ck_assert_int_eq(lkrg_knob_check(&k, 15), -EPERM);
	ck_assert_int_eq(lkrg_knob_check(&k, 99999), -EPERM);
}
END_TEST

START_TEST(knob_check_enum)
{
	struct lkrg_knob k;

	sample_enforce_knob(&k);
	ck_assert_int_eq(lkrg_knob_check(&k, LKRG_ENFORCE_LOG_ACCEPT), 0);
	ck_assert_int_eq(lkrg_knob_check(&k, LKRG_ENFORCE_PANIC), 0);
	/* In min..max but not an allowed bit. */
	ck_assert_int_eq(lkrg_knob_check(&k, LKRG_ENFORCE_RESTORE), -ERANGE);
	ck_assert_int_eq(lkrg_knob_check(&k, 5), -ERANGE);
	/* A wide range does not let values past the 64 bits through. */
	k.min = -100;
	k.max = 100;
	k.allowed = ~0ULL;
	ck_assert_int_eq(lkrg_knob_check(&k, 63), 0);
	ck_assert_int_eq(lkrg_knob_check(&k, 64), -ERANGE);
	ck_assert_int_eq(lkrg_knob_check(&k, -1), -ERANGE);
}
END_TEST

START_TEST(block_transition)
{
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_OFF, LKRG_BLOCK_ON), 0);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_ON, LKRG_BLOCK_OFF), 0);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_OFF, LKRG_BLOCK_LOCK),
			 0);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_LOCK, LKRG_BLOCK_LOCK),
			 0);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_LOCK, LKRG_BLOCK_ON),
			 -EPERM);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_LOCK, LKRG_BLOCK_OFF),
			 -EPERM);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_OFF, -1), -ERANGE);
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_OFF, 3), -ERANGE);
	/* An unknown target is a range error even when locked. */
	ck_assert_int_eq(lkrg_block_transition(LKRG_BLOCK_LOCK, 3), -ERANGE);
}
END_TEST

START_TEST(enforce_rank)
{
	ck_assert_int_lt(lkrg_enforce_rank(LKRG_ENFORCE_LOG_ACCEPT),
			 lkrg_enforce_rank(LKRG_ENFORCE_LOG_ONLY));
	ck_assert_int_lt(lkrg_enforce_rank(LKRG_ENFORCE_LOG_ONLY),
			 lkrg_enforce_rank(LKRG_ENFORCE_RESTORE));
	ck_assert_int_lt(lkrg_enforce_rank(LKRG_ENFORCE_RESTORE),
			 lkrg_enforce_rank(LKRG_ENFORCE_KILL));
	ck_assert_int_eq(lkrg_enforce_rank(LKRG_ENFORCE_KILL),
			 lkrg_enforce_rank(LKRG_ENFORCE_DENY));
	ck_assert_int_lt(lkrg_enforce_rank(LKRG_ENFORCE_DENY),
			 lkrg_enforce_rank(LKRG_ENFORCE_PANIC));
	ck_assert_int_eq(lkrg_enforce_rank(6), -1);
	ck_assert_int_eq(lkrg_enforce_rank(-1), -1);
}
END_TEST

START_TEST(knob_weakens)
{
	struct lkrg_knob k = { .value = 2, .min = 0, .max = 3 };

	/* Default: a lower value is weaker; the same value is no change. */
	ck_assert(lkrg_knob_weakens(&k, 1));
	ck_assert(lkrg_knob_weakens(&k, 0));
	ck_assert(!lkrg_knob_weakens(&k, 2));
	ck_assert(!lkrg_knob_weakens(&k, 3));
	/* interval, expose_addresses: a higher value is weaker. */
	k.flags = LKRG_KNOB_F_HIGHER_WEAKER;
	ck_assert(lkrg_knob_weakens(&k, 3));
	ck_assert(!lkrg_knob_weakens(&k, 1));
	/* No order: any change is refused once locked. */
	k.flags = LKRG_KNOB_F_FROZEN;
	ck_assert(lkrg_knob_weakens(&k, 3));
	ck_assert(lkrg_knob_weakens(&k, 1));
	ck_assert(!lkrg_knob_weakens(&k, 2));
	/* Enforcement levels by rank, not by number: deny (5) < panic (4). */
	k.flags = LKRG_KNOB_F_ENUM;
	k.names = LKRG_KNOB_NAMES_ENFORCE;
	k.value = LKRG_ENFORCE_DENY;
	ck_assert(!lkrg_knob_weakens(&k, LKRG_ENFORCE_PANIC));
	ck_assert(lkrg_knob_weakens(&k, LKRG_ENFORCE_LOG_ONLY));
	k.value = LKRG_ENFORCE_PANIC;
	ck_assert(lkrg_knob_weakens(&k, LKRG_ENFORCE_DENY));
	k.value = LKRG_ENFORCE_LOG_ACCEPT;
	ck_assert(!lkrg_knob_weakens(&k, LKRG_ENFORCE_LOG_ONLY));
	k.value = LKRG_ENFORCE_KILL;
	ck_assert(lkrg_knob_weakens(&k, LKRG_ENFORCE_LOG_ACCEPT));
	ck_assert(!lkrg_knob_weakens(&k, LKRG_ENFORCE_KILL));
}
END_TEST

Suite *abi_check_suite(void)
{
	Suite *s = suite_create("core/abi_check");
	TCase *tc = tcase_create("args");
	TCase *tk = tcase_create("knobs");

	tcase_add_test(tc, all_zero);
	tcase_add_test(tc, hello);
	tcase_add_test(tc, check);
	tcase_add_test(tc, rebaseline);
	tcase_add_test(tc, block_get);
	tcase_add_test(tc, block_set);
	tcase_add_test(tc, status);
	tcase_add_test(tc, policy_get);
	tcase_add_test(tc, policy_set);
	tcase_add_test(tc, stats);
	tcase_add_test(tc, rows);
	tcase_add_test(tc, hooks);
	tcase_add_test(tc, umh_list);
	tcase_add_test(tc, umh_edit);
	tcase_add_test(tc, hook_allow_list);
	tcase_add_test(tc, hook_allow_edit);
	tcase_add_test(tk, knob_check);
	tcase_add_test(tk, knob_check_enum);
	tcase_add_test(tk, block_transition);
	tcase_add_test(tk, enforce_rank);
	tcase_add_test(tk, knob_weakens);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tk);
	return s;
}
