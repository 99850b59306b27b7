// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream of the fake module through libclkrg: the cursor
 * (clkrg_event_tell/resume) with records still buffered, across handles,
 * another module load, a range the ring lost; the filter in the library;
 * the end of the stream.
 */
#include "fake_dev.h"
#include "abi_check.h"

static struct clkrg *open_fake(void)
{
	struct clkrg *c = NULL;

	ck_assert_int_eq(clkrg_open(fake.path, &c), 0);
	return c;
}

/* The next record's sequence number (0 for LOST), or -1 when none. */
static long long next(struct clkrg *c)
{
	const struct lkrg_event_hdr *ev;
	int ret = clkrg_event_next(c, 0, &ev);

	ck_assert_int_ge(ret, 0);
	return ret ? (long long)ev->seq : -1;
}

static void emit(int n)
{
	while (n--)
		fake_emit(LKRG_EV_INFO, LKRG_SEV_INFO, LKRG_OBJ_BASELINE, "x");
}

START_TEST(tell_and_resume)
{
	struct clkrg_cursor cur = { .size = sizeof(cur) };
	struct clkrg *c = open_fake();

	emit(3);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 1);
	ck_assert_int_eq(next(c), 1);
	/* Records 2 and 3 were read with 1: the cursor is still at 2. */
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.size, sizeof(cur));
	ck_assert_uint_eq(cur.seq, 2);
	ck_assert_mem_eq(cur.instance_uuid, fake.instance, 16);
	clkrg_close(c);
	/* Another reader resumes there: no loss, no repeat. */
	c = open_fake();
	ck_assert_int_eq(clkrg_event_resume(c, &cur), 0);
	ck_assert_int_eq(next(c), 2);
	ck_assert_int_eq(next(c), 3);
	ck_assert_int_eq(next(c), -1);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 4);
	emit(1);
	ck_assert_int_eq(next(c), 4);
	clkrg_close(c);
}
END_TEST

START_TEST(resume_elsewhere)
{
	struct clkrg_cursor cur = { .size = sizeof(cur) };
	struct clkrg *c = open_fake();

	emit(3);
	ck_assert_int_eq(clkrg_event_seek(c, 3), 0);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 3);
	/* The module was reloaded: its numbers mean nothing here. */
	cur.instance_uuid[0] ^= 1;
	ck_assert_int_eq(clkrg_event_resume(c, &cur), 1);
	ck_assert_int_eq(next(c), 1);
	/* A number this module never reached. */
	cur.instance_uuid[0] ^= 1;
	cur.seq = 9;
	ck_assert_int_eq(clkrg_event_resume(c, &cur), 1);
	ck_assert_int_eq(next(c), 1);
	cur.flags = 1;
	ck_assert_int_eq(clkrg_event_resume(c, &cur), -EINVAL);
	cur.flags = 0;
	cur.size = 8;
	ck_assert_int_eq(clkrg_event_resume(c, &cur), -EINVAL);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), -EINVAL);
	ck_assert_int_eq(clkrg_event_resume(c, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_event_tell(NULL, &cur), -EINVAL);
	clkrg_close(c);
}
END_TEST

/* A cursor whose records the ring overwrote: the loss is reported, by
 * tell (its first sequence number) and in-band after resume. */
START_TEST(resume_lost)
{
	struct clkrg_cursor cur = { .size = sizeof(cur) };
	const struct lkrg_event_hdr *ev;
	struct lkrg_event_lost l;
	struct clkrg *c = open_fake();

	fake.ring_slots = 4;
	emit(2);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 1);
	emit(8);		/* 1..6 are gone, 7..10 kept */
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 1);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_uint_eq(ev->type, LKRG_EV_LOST);
	ck_assert_int_eq(clkrg_event_lost(ev, &l), 0);
	ck_assert_uint_eq(l.first_seq, 1);
	ck_assert_uint_eq(l.count, 6);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 7);
	cur.seq = 3;
	ck_assert_int_eq(clkrg_event_resume(c, &cur), 0);
	ck_assert_int_eq(clkrg_event_tell(c, &cur), 0);
	ck_assert_uint_eq(cur.seq, 3);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_int_eq(clkrg_event_lost(ev, &l), 0);
	ck_assert_uint_eq(l.first_seq, 3);
	ck_assert_uint_eq(l.count, 4);
	ck_assert_int_eq(next(c), 7);
	clkrg_close(c);
}
END_TEST

/* A newer program's cursor is larger: the tail is zeroed, ->size says
 * how much the library filled. */
START_TEST(cursor_sizes)
{
	unsigned char buf[sizeof(struct clkrg_cursor) + 16];
	struct clkrg_cursor *cur = (void *)buf;
	struct clkrg *c = open_fake();

	memset(buf, 0xa5, sizeof(buf));
	cur->size = sizeof(buf);
	cur->flags = 0;
	ck_assert_int_eq(clkrg_event_tell(c, cur), 0);
	ck_assert_uint_eq(cur->size, sizeof(*cur));
	ck_assert_uint_eq(cur->seq, 1);
	ck_assert(CLKRG_HAS(cur, seq));
	ck_assert(lkrg_all_zero(buf + sizeof(*cur), 16));
	cur->size = sizeof(buf);
	ck_assert_int_eq(clkrg_event_resume(c, cur), 0);
	clkrg_close(c);
}
END_TEST

static long long next_filtered(struct clkrg *c, const struct clkrg_filter *f)
{
	ck_assert_int_eq(clkrg_event_seek(c, 0), 0);
	ck_assert_int_eq(clkrg_event_filter(c, f), 0);
	return next(c);
}

START_TEST(filter)
{
	struct clkrg_filter f = { .size = sizeof(f) };
	struct clkrg *c = open_fake();

	fake_emit(LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_OBJ_POLICY, "a");
	fake_emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, "v");
	fake_emit(LKRG_EV_BLOCK, LKRG_SEV_WARN, LKRG_OBJ_MODULE, "b");
	f.types = 1ULL << LKRG_EV_VIOLATION;
	ck_assert_int_eq(next_filtered(c, &f), 2);
	ck_assert_int_eq(next(c), -1);
	f.types = 0;
	f.severities = 1ULL << LKRG_SEV_ALERT | 1ULL << LKRG_SEV_WARN;
	ck_assert_int_eq(next_filtered(c, &f), 2);
	ck_assert_int_eq(next(c), 3);
	f.severities = 0;
	f.objects = 1ULL << LKRG_OBJ_MODULE;
	ck_assert_int_eq(next_filtered(c, &f), 3);
	f.types = 1ULL << LKRG_EV_ADMIN;
	ck_assert_int_eq(next_filtered(c, &f), -1);
	/* No filter: all three. */
	ck_assert_int_eq(next_filtered(c, NULL), 1);
	ck_assert_int_eq(next(c), 2);
	f.flags = 1;
	ck_assert_int_eq(clkrg_event_filter(c, &f), -EINVAL);
	f.flags = 0;
	f.size = 16;
	ck_assert_int_eq(clkrg_event_filter(c, &f), -EINVAL);
	ck_assert_int_eq(clkrg_event_filter(NULL, NULL), -EINVAL);
	clkrg_close(c);
}
END_TEST

/* A LOST record passes any filter: a filter never hides a loss. Many
 * records are skipped within one call that does not wait. */
START_TEST(filter_keeps_lost)
{
	struct clkrg_filter f = {
		.size = sizeof(f), .types = 1ULL << LKRG_EV_VIOLATION
	};
	const struct lkrg_event_hdr *ev;
	struct clkrg *c = open_fake();

	fake.ring_slots = 2;
	fake_emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, "v");
	fake_emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, "v");
	fake_emit(LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_OBJ_POLICY, "a");
	fake_emit(LKRG_EV_BLOCK, LKRG_SEV_WARN, LKRG_OBJ_MODULE, "b");
	ck_assert_int_eq(clkrg_event_filter(c, &f), 0);
	/* The reader started at 1: it fell behind. */
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_uint_eq(ev->type, LKRG_EV_LOST);
	ck_assert_int_eq(next(c), -1);
	ck_assert_int_eq(clkrg_event_seek(c, 1), 0);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_uint_eq(ev->type, LKRG_EV_LOST);
	ck_assert_int_eq(next(c), -1);
	clkrg_close(c);
}
END_TEST

START_TEST(filter_skips_many)
{
	struct clkrg_filter f = {
		.size = sizeof(f), .severities = 1ULL << LKRG_SEV_ALERT
	};
	struct clkrg *c = open_fake();

	fake.ring_slots = FAKE_RING_MAX;
	emit(20);
	fake_emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, "v");
	ck_assert_int_eq(clkrg_event_filter(c, &f), 0);
	ck_assert_int_eq(next(c), 21);
	ck_assert_int_eq(next(c), -1);
	clkrg_close(c);
}
END_TEST

START_TEST(end_of_stream)
{
	const struct lkrg_event_hdr *ev;
	struct clkrg *c = open_fake();

	emit(2);
	ck_assert_int_eq(clkrg_shutdown(c), 0);
	ck_assert_int_eq(next(c), 1);
	ck_assert_int_eq(next(c), 2);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), -ENODEV);
	clkrg_close(c);
}
END_TEST

/* Payloads of an older writer come through the stream as they were sent. */
START_TEST(older_writer)
{
	const struct lkrg_event_hdr *ev;
	struct lkrg_event_detail d;
	struct clkrg *c = open_fake();
	char json[CLKRG_JSON_MAX];

	fake.detail_size = offsetof(struct lkrg_event_detail, values);
	fake_emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, ".text");
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_uint_lt(ev->len, sizeof(struct lkrg_event_record));
	ck_assert_int_eq(clkrg_event_detail(ev, &d), 0);
	ck_assert(!CLKRG_HAS(&d, values));
	/* It counted a value it did not send: not one to show. */
	ck_assert_uint_eq(d.nvalues, 0);
	ck_assert_int_gt(clkrg_event_to_json(ev, json, sizeof(json)), 0);
	ck_assert_ptr_nonnull(strstr(json, "\"values\":[]"));
	clkrg_close(c);
}
END_TEST

Suite *stream_suite(void)
{
	Suite *s = suite_create("libclkrg/stream");
	TCase *tc = tcase_create("stream");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, tell_and_resume);
	tcase_add_test(tc, resume_elsewhere);
	tcase_add_test(tc, resume_lost);
	tcase_add_test(tc, cursor_sizes);
	tcase_add_test(tc, filter);
	tcase_add_test(tc, filter_keeps_lost);
	tcase_add_test(tc, filter_skips_many);
	tcase_add_test(tc, end_of_stream);
	tcase_add_test(tc, older_writer);
	suite_add_tcase(s, tc);
	return s;
}
