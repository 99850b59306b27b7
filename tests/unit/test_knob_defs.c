// SPDX-License-Identifier: GPL-2.0
/*
 * driver/core/knob_defs.c: the table the module and clkrg-load share is
 * consistent (names, ranges, allowed sets, value names), found by name,
 * described as the ABI's struct, and handed out by clkrg_knob_defs().
 */
#include "tests.h"
#include "abi_check.h"
#include "knob_defs.h"

START_TEST(names_unique_and_fit)
{
	unsigned int i, j;

	for (i = 0; i < KNOB_COUNT; i++) {
		const struct lkrg_knob_def *d = &lkrg_knob_defs[i];

		ck_assert_ptr_nonnull(d->name);
		ck_assert_ptr_nonnull(d->desc);
		ck_assert_uint_gt(strlen(d->name), 0);
		ck_assert_uint_lt(strlen(d->name), LKRG_KNOB_NAME_LEN);
		ck_assert_uint_lt(strlen(d->desc), LKRG_KNOB_DESC_LEN);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(d->name, lkrg_knob_defs[j].name);
		/* umh_allow and read_group are clkrg.conf's own words. */
		ck_assert_str_ne(d->name, "umh_allow");
		ck_assert_str_ne(d->name, "read_group");
	}
}
END_TEST

START_TEST(ranges_and_allowed_sets)
{
	struct lkrg_knob k;
	unsigned int i;
	__s64 v;

	for (i = 0; i < KNOB_COUNT; i++) {
		const struct lkrg_knob_def *d = &lkrg_knob_defs[i];

		ck_assert_int_le(d->min, d->max);
		lkrg_knob_describe(i, d->min, &k);
		if (d->flags & LKRG_KNOB_F_ENUM) {
			/* Every allowed value in range, and named. */
			ck_assert_uint_ne(d->allowed, 0);
			ck_assert_int_lt(d->max, 64);
			for (v = 0; v < 64; v++) {
				if (!(d->allowed & (1ULL << v)))
					continue;
				ck_assert_int_ge(v, d->min);
				ck_assert_int_le(v, d->max);
				ck_assert_ptr_nonnull(clkrg_knob_value_name(&k, v));
			}
		} else {
			ck_assert_uint_eq(d->allowed, 0);
		}
		if (d->names != LKRG_KNOB_NAMES_NONE &&
		    !(d->flags & LKRG_KNOB_F_ENUM))
			for (v = d->min; v <= d->max; v++)
				ck_assert_ptr_nonnull(clkrg_knob_value_name(&k, v));
	}
}
END_TEST

START_TEST(find_by_name)
{
	unsigned int i;

	for (i = 0; i < KNOB_COUNT; i++)
		ck_assert_int_eq(lkrg_knob_find(lkrg_knob_defs[i].name), i);
	ck_assert_int_eq(lkrg_knob_find("kint_enforc"), -ENOENT);
	ck_assert_int_eq(lkrg_knob_find(""), -ENOENT);
	ck_assert_int_eq(lkrg_knob_find("umh_allow"), -ENOENT);
	ck_assert_int_eq(lkrg_knob_find("INTERVAL"), -ENOENT);
}
END_TEST

START_TEST(describe_fills_the_abi_struct)
{
	struct lkrg_knob k;
	size_t n;

	memset(&k, 0xa5, sizeof(k));
	lkrg_knob_describe(KNOB_KINT_ENFORCE, LKRG_ENFORCE_PANIC, &k);
	ck_assert_str_eq((char *)k.name, "kint_enforce");
	n = strlen((char *)k.name);
	ck_assert(lkrg_all_zero(k.name + n, sizeof(k.name) - n));
	ck_assert_int_eq(k.value, LKRG_ENFORCE_PANIC);
	ck_assert_int_eq(k.min, LKRG_ENFORCE_LOG_ACCEPT);
	ck_assert_int_eq(k.max, LKRG_ENFORCE_PANIC);
	ck_assert_uint_eq(k.flags, LKRG_KNOB_F_ENUM);
	ck_assert_uint_eq(k.names, LKRG_KNOB_NAMES_ENFORCE);
	ck_assert(!(k.allowed & (1ULL << LKRG_ENFORCE_KILL)));
	ck_assert_int_eq(lkrg_knob_check(&k, LKRG_ENFORCE_KILL), -ERANGE);
	ck_assert_int_eq(lkrg_knob_check(&k, LKRG_ENFORCE_RESTORE), 0);
	n = strlen((char *)k.desc);
	ck_assert_uint_gt(n, 0);
	ck_assert(lkrg_all_zero(k.desc + n, sizeof(k.desc) - n));
	lkrg_knob_describe(KNOB_RATELIMIT_INTERVAL, 60, &k);
	ck_assert_uint_eq(k.flags, LKRG_KNOB_F_FROZEN);
	lkrg_knob_describe(KNOB_INTERVAL, 15, &k);
	ck_assert_uint_eq(k.flags, LKRG_KNOB_F_HIGHER_WEAKER);
	ck_assert_int_eq(k.min, 5);
	ck_assert_int_eq(k.max, 1800);
}
END_TEST

START_TEST(library_hands_out_the_table)
{
	struct lkrg_knob *k;
	unsigned char *rows;
	size_t n, i, stride = sizeof(*k) + 24;

	ck_assert_int_eq(clkrg_knob_defs(&k, &n), 0);
	ck_assert_uint_eq(n, KNOB_COUNT);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq((char *)k[i].name, lkrg_knob_defs[i].name);
		ck_assert_int_eq(k[i].value, 0);
		ck_assert_int_eq(k[i].max, lkrg_knob_defs[i].max);
	}
	clkrg_knobs_free(k);
	/* A later caller's larger rows: ours, then zeroes. */
	ck_assert_int_eq(clkrg_knob_defs_sized(&k, &n, stride), 0);
	rows = (unsigned char *)k;
	for (i = 0; i < n; i++) {
		ck_assert_str_eq((char *)rows + i * stride,
				 lkrg_knob_defs[i].name);
		ck_assert(lkrg_all_zero(rows + i * stride + sizeof(*k), 24));
	}
	clkrg_knobs_free(k);
	ck_assert_int_eq(clkrg_knob_defs_sized(&k, &n,
					       LKRG_KNOB_SIZE_VER0 - 1), -EINVAL);
	ck_assert_int_eq(clkrg_knob_defs_sized(&k, &n, 4097), -EINVAL);
	ck_assert_int_eq(clkrg_knob_defs_sized(NULL, &n, sizeof(*k)), -EINVAL);
	ck_assert_int_eq(clkrg_knob_defs_sized(&k, NULL, sizeof(*k)), -EINVAL);
}
END_TEST

START_TEST(umh_path_rule)
{
	char path[LKRG_UMH_PATH_LEN + 1];

	ck_assert_int_eq(clkrg_umh_path_check("/sbin/modprobe"), 0);
	ck_assert_int_eq(clkrg_umh_path_check("/x"), 0);
	ck_assert_int_eq(clkrg_umh_path_check("/"), -EINVAL);
	ck_assert_int_eq(clkrg_umh_path_check(""), -EINVAL);
	ck_assert_int_eq(clkrg_umh_path_check("sbin/modprobe"), -EINVAL);
	ck_assert_int_eq(clkrg_umh_path_check(NULL), -EINVAL);
	memset(path, 'a', sizeof(path));
	path[0] = '/';
	path[LKRG_UMH_PATH_LEN - 1] = 0;	/* 255 bytes: fits */
	ck_assert_int_eq(clkrg_umh_path_check(path), 0);
	path[LKRG_UMH_PATH_LEN - 1] = 'a';
	path[LKRG_UMH_PATH_LEN] = 0;		/* 256 bytes */
	ck_assert_int_eq(clkrg_umh_path_check(path), -ENAMETOOLONG);
}
END_TEST

Suite *knob_defs_suite(void)
{
	Suite *s = suite_create("knob_defs");
	TCase *t = tcase_create("table");

	tcase_add_test(t, names_unique_and_fit);
	tcase_add_test(t, ranges_and_allowed_sets);
	tcase_add_test(t, find_by_name);
	tcase_add_test(t, describe_fills_the_abi_struct);
	tcase_add_test(t, library_hands_out_the_table);
	tcase_add_test(t, umh_path_rule);
	suite_add_tcase(s, t);
	return s;
}
