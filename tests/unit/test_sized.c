// SPDX-License-Identifier: GPL-2.0
/*
 * libclkrg 1.3's sizes against the fake module: a caller's structure
 * larger than the library's (a newer program), a module that knows less
 * (an older module: fields it lacks are absent, never garbage), rows at
 * the caller's stride, and the 1.0 entry points fixed to the first
 * version's sizes. The grown-ABI builds in compat/ do the same across
 * separately built programs.
 */
#include <stdlib.h>

#include "fake_dev.h"

#define JUNK	0xa5
#define EXTRA	64	/* bytes a newer program's structure has more */

static struct clkrg *open_fake(void)
{
	struct clkrg *c = NULL;

	ck_assert_int_eq(clkrg_open(fake.path, &c), 0);
	return c;
}

/* @n bytes of JUNK. */
static void *junk(size_t n)
{
	void *p = malloc(n);

	ck_assert_ptr_nonnull(p);
	memset(p, JUNK, n);
	return p;
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

/* A newer program's status: the module answers what it knows, the rest
 * of the caller's structure is zero, ->size says how far the answer goes. */
START_TEST(bigger_caller_struct)
{
	struct clkrg *c = open_fake();
	size_t size = sizeof(struct lkrg_status) + EXTRA;
	struct lkrg_status *st = junk(size);
	struct lkrg_check *ck = junk(sizeof(*ck) + EXTRA);

	ck_assert_int_eq(clkrg_status_sized(c, st, size), 0);
	ck_assert_uint_eq(fake.last_usize, size);
	ck_assert_uint_eq(st->size, sizeof(*st));
	ck_assert_uint_eq(st->generation, 4);
	ck_assert(all_zero((char *)st + sizeof(*st), EXTRA));
	ck_assert_int_eq(clkrg_force_run_sized(c, ck, sizeof(*ck) + EXTRA), 0);
	ck_assert_uint_eq(ck->size, sizeof(*ck));
	ck_assert_uint_eq(ck->check_id, 5);
	ck_assert(all_zero((char *)ck + sizeof(*ck), EXTRA));
	free(st);
	free(ck);
	clkrg_close(c);
}
END_TEST

/* An older module knows less of the status than this library: what it
 * does not send is absent (CLKRG_HAS) and zero, whatever was there. */
START_TEST(older_module_struct)
{
	struct clkrg *c = open_fake();
	struct lkrg_status *st = junk(sizeof(*st));
	struct lkrg_check *ck = junk(sizeof(*ck));

	fake.ksize[_IOC_NR(LKRG_IOC_GET_STATUS)] =
		offsetof(struct lkrg_status, locked);
	ck_assert_int_eq(clkrg_status(c, st), 0);
	ck_assert_uint_eq(st->size, offsetof(struct lkrg_status, locked));
	ck_assert(CLKRG_HAS(st, tasks));
	ck_assert(!CLKRG_HAS(st, locked));
	ck_assert(!CLKRG_HAS(st, reserved));
	ck_assert_uint_eq(st->locked, 0);
	ck_assert_uint_eq(st->generation, 4);
	fake.ksize[_IOC_NR(LKRG_IOC_FORCE_RUN)] =
		offsetof(struct lkrg_check, tasks);
	ck_assert_int_eq(clkrg_force_run(c, ck), 0);
	ck_assert(CLKRG_HAS(ck, start_real_ns));
	ck_assert(!CLKRG_HAS(ck, tasks));
	ck_assert_uint_eq(ck->tasks, 0);
	ck_assert_uint_eq(ck->tasks_ns, 0);
	free(st);
	free(ck);
	clkrg_close(c);
}
END_TEST

START_TEST(sizes_refused)
{
	struct clkrg *c = open_fake();
	unsigned char buf[8192];
	struct lkrg_knob *k;
	size_t n;

	ck_assert_int_eq(clkrg_status_sized(c, (void *)buf,
					    LKRG_STATUS_SIZE_VER0 - 1), -EINVAL);
	ck_assert_int_eq(clkrg_status_sized(c, (void *)buf, 4097), -EINVAL);
	ck_assert_int_eq(clkrg_force_run_sized(c, (void *)buf,
					       LKRG_CHECK_SIZE_VER0 - 8), -EINVAL);
	ck_assert_int_eq(clkrg_policy_list_sized(c, &k, &n,
						 LKRG_KNOB_SIZE_VER0 - 8), -EINVAL);
	ck_assert_int_eq(clkrg_stats_sized(c, (void *)&k, &n, 0), -EINVAL);
	ck_assert_int_eq(clkrg_hooks_sized(c, (void *)&k, &n, 4097), -EINVAL);
	ck_assert_int_eq(clkrg_umh_list_sized(c, (void *)&k, &n, 8, NULL, NULL),
			 -EINVAL);
	ck_assert_int_eq(fake.calls, 2);	/* only the handshake */
	clkrg_close(c);
}
END_TEST

/* Rows at the caller's stride, each as far as the module knows it. */
START_TEST(rows_at_stride)
{
	struct clkrg *c = open_fake();
	size_t stride = sizeof(struct lkrg_knob) + 24, n = 0, i;
	struct lkrg_knob *k = NULL;
	struct lkrg_stats_row *r = NULL;
	struct lkrg_hook_row *h = NULL;
	struct lkrg_umh_entry *e = NULL;

	ck_assert_int_eq(clkrg_policy_list_sized(c, &k, &n, stride), 0);
	ck_assert_uint_eq(fake.last_stride, stride);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq((char *)k->name, "kint_enforce");
	ck_assert_str_eq((char *)((struct lkrg_knob *)((char *)k + stride))->name,
			 "interval");
	for (i = 0; i < n; i++)
		ck_assert(all_zero((char *)k + i * stride + sizeof(*k), 24));
	clkrg_knobs_free(k);
	stride = sizeof(*r) + 8;
	ck_assert_int_eq(clkrg_stats_sized(c, &r, &n, stride), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(((struct lkrg_stats_row *)((char *)r + 2 * stride))->fired,
			  12);
	clkrg_stats_free(r);
	stride = sizeof(*h) + 16;
	ck_assert_int_eq(clkrg_hooks_sized(c, &h, &n, stride), 0);
	ck_assert_uint_eq(((struct lkrg_hook_row *)((char *)h + stride))->hits,
			  101);
	clkrg_hooks_free(h);
	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/a", NULL, NULL), 0);
	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/b", NULL, NULL), 0);
	stride = sizeof(*e) + 32;
	ck_assert_int_eq(clkrg_umh_list_sized(c, &e, &n, stride, NULL, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq((char *)((struct lkrg_umh_entry *)((char *)e + stride))->path,
			 "/sbin/b");
	clkrg_umh_free(e);
	clkrg_close(c);
}
END_TEST

/* An older module's rows are shorter: the rest of each row reads zero. */
START_TEST(older_module_rows)
{
	struct clkrg *c = open_fake();
	struct lkrg_knob *k = NULL;
	size_t n = 0, i;

	fake.row_size[_IOC_NR(LKRG_IOC_POLICY_GET)] =
		offsetof(struct lkrg_knob, desc) + 4;
	ck_assert_int_eq(clkrg_policy_list(c, &k, &n), 0);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(strlen((char *)k[i].desc), 4);
		ck_assert(all_zero(k[i].desc + 4, sizeof(k[i].desc) - 4));
	}
	ck_assert_str_eq((char *)k[1].name, "interval");
	ck_assert_int_eq(k[1].max, 1800);
	clkrg_knobs_free(k);
	clkrg_close(c);
}
END_TEST

/* The names without _sized pass sizeof; the 1.0 entry points (what a
 * program built before 1.3 calls) pass the first version's sizes. */
START_TEST(entry_points)
{
	struct clkrg *c = open_fake();
	struct lkrg_status st;
	struct lkrg_check ck;
	struct lkrg_knob *k;
	size_t n;

	ck_assert_int_eq(clkrg_status(c, &st), 0);
	ck_assert_uint_eq(fake.last_usize, sizeof(st));
	ck_assert_int_eq((clkrg_status)(c, &st), 0);
	ck_assert_uint_eq(fake.last_usize, LKRG_STATUS_SIZE_VER0);
	ck_assert_int_eq((clkrg_force_run)(c, &ck), 0);
	ck_assert_uint_eq(fake.last_usize, LKRG_CHECK_SIZE_VER0);
	ck_assert_int_eq((clkrg_policy_list)(c, &k, &n), 0);
	ck_assert_uint_eq(fake.last_stride, LKRG_KNOB_SIZE_VER0);
	clkrg_knobs_free(k);
	ck_assert_int_eq(clkrg_policy_list(c, &k, &n), 0);
	ck_assert_uint_eq(fake.last_stride, sizeof(*k));
	clkrg_knobs_free(k);
	ck_assert_int_eq((clkrg_stats)(c, (struct lkrg_stats_row **)&k, &n), 0);
	ck_assert_uint_eq(fake.last_stride, LKRG_STATS_ROW_SIZE_VER0);
	free(k);
	ck_assert_int_eq((clkrg_hooks)(c, (struct lkrg_hook_row **)&k, &n), 0);
	ck_assert_uint_eq(fake.last_stride, LKRG_HOOK_ROW_SIZE_VER0);
	free(k);
	ck_assert_int_eq((clkrg_umh_list)(c, (struct lkrg_umh_entry **)&k, &n,
					  NULL, NULL), 0);
	ck_assert_uint_eq(fake.last_stride, LKRG_UMH_ENTRY_SIZE_VER0);
	free(k);
	clkrg_close(c);
}
END_TEST

/* A payload an older writer sent is absent past its size; a newer
 * program's larger structure gets zeros past the library's. */
START_TEST(detail_sizes)
{
	struct lkrg_event_record r;
	size_t big = sizeof(struct lkrg_event_detail) + EXTRA;
	struct lkrg_event_detail *d = junk(big);
	struct lkrg_event_lost *l = junk(sizeof(*l) + EXTRA);
	unsigned char lost[LKRG_EV_LOST_RECORD_SIZE];

	sample_violation(&r);
	ck_assert_int_eq(clkrg_event_detail_sized(&r.hdr, d, big), 0);
	ck_assert_uint_eq(d->size, sizeof(*d));
	ck_assert(CLKRG_HAS(d, values));
	ck_assert_uint_eq(d->nvalues, 1);
	ck_assert(all_zero((char *)d + sizeof(*d), EXTRA));
	/* An older writer: its payload ends before values[]. */
	r.d.size = offsetof(struct lkrg_event_detail, values);
	memset(d, JUNK, big);
	ck_assert_int_eq(clkrg_event_detail(&r.hdr, d), 0);
	ck_assert_uint_eq(d->size, offsetof(struct lkrg_event_detail, values));
	ck_assert(CLKRG_HAS(d, suppressed));
	ck_assert(!CLKRG_HAS(d, values));
	ck_assert(all_zero(d->values, sizeof(d->values)));
	ck_assert_str_eq((char *)d->name, ".text");
	ck_assert_int_eq(clkrg_event_detail_sized(&r.hdr, d,
						  LKRG_EVENT_DETAIL_SIZE_VER0 - 1),
			 -EINVAL);
	lkrg_ev_make_lost(lost, 3, 4, 0, 0, 0);
	ck_assert_int_eq(clkrg_event_lost_sized((void *)lost, l,
						sizeof(*l) + EXTRA), 0);
	ck_assert_uint_eq(l->size, sizeof(*l));
	ck_assert_uint_eq(l->first_seq, 3);
	ck_assert(all_zero((char *)l + sizeof(*l), EXTRA));
	ck_assert_int_eq(clkrg_event_lost_sized((void *)lost, l, 8), -EINVAL);
	free(d);
	free(l);
}
END_TEST

/* Readers take the caller's size: bytes past the library's structure
 * are never read, a size below the first version is refused. */
START_TEST(readers_sized)
{
	size_t big = sizeof(struct lkrg_knob) + EXTRA;
	struct lkrg_knob *k = junk(big);
	char a[CLKRG_JSON_MAX], b[CLKRG_JSON_MAX];
	struct lkrg_status st;

	sample_enforce_knob(k);
	ck_assert_int_gt(clkrg_knob_to_json(k, a, sizeof(a)), 0);
	ck_assert_int_gt(clkrg_knob_to_json_sized(k, big, b, sizeof(b)), 0);
	ck_assert_str_eq(a, b);
	ck_assert_int_gt((clkrg_knob_to_json)(k, b, sizeof(b)), 0);
	ck_assert_str_eq(a, b);
	ck_assert_int_eq(clkrg_knob_to_json_sized(k, 100, b, sizeof(b)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_knob_to_text_sized(k, 100, b, sizeof(b)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_knob_value_text_sized(k, 100, 1, b, sizeof(b)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_knob_name_set_sized(k, big),
			 CLKRG_NAMES_ENFORCE);
	ck_assert_int_eq(clkrg_knob_name_set_sized(k, 100), -EINVAL);
	ck_assert_str_eq(clkrg_knob_value_name_sized(k, big, 4), "panic");
	ck_assert_ptr_null(clkrg_knob_value_name_sized(k, 100, 4));
	ck_assert(clkrg_knob_allows_sized(k, big, 4));
	ck_assert(!clkrg_knob_allows_sized(k, 100, 4));
	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	ck_assert_int_gt(clkrg_status_to_json(&st, a, sizeof(a)), 0);
	ck_assert_int_eq(clkrg_status_to_json_sized(&st, 16, a, sizeof(a)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_check_to_json_sized(NULL, 96, a, sizeof(a)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_check_to_text_sized((void *)&st, 8, a,
						   sizeof(a)), -EINVAL);
	ck_assert_int_eq(clkrg_stats_row_to_json_sized((void *)&st, 8, a,
						       sizeof(a)), -EINVAL);
	ck_assert_int_eq(clkrg_hook_row_to_json_sized((void *)&st, 8, a,
						      sizeof(a)), -EINVAL);
	ck_assert_int_eq(clkrg_umh_entry_to_json_sized((void *)&st, 8, a,
						       sizeof(a)), -EINVAL);
	free(k);
}
END_TEST

Suite *sized_suite(void)
{
	Suite *s = suite_create("libclkrg/sizes");
	TCase *tc = tcase_create("sizes");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, bigger_caller_struct);
	tcase_add_test(tc, older_module_struct);
	tcase_add_test(tc, sizes_refused);
	tcase_add_test(tc, rows_at_stride);
	tcase_add_test(tc, older_module_rows);
	tcase_add_test(tc, entry_points);
	tcase_add_test(tc, detail_sizes);
	tcase_add_test(tc, readers_sized);
	suite_add_tcase(s, tc);
	return s;
}
