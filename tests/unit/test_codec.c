// SPDX-License-Identifier: GPL-2.0
/* driver/core/event_codec.c: building, validating and decoding records. */
#include "tests.h"
#include "abi_check.h"

/* Records live in u64 arrays so that the header is aligned. */
#define REC_WORDS	(LKRG_EV_DETAIL_RECORD_SIZE / 8 + 16)

static struct lkrg_event_hdr *hdr_of(__u64 *words)
{
	return (struct lkrg_event_hdr *)words;
}

/* A header-only record with a payload of @psize bytes in @len. */
static struct lkrg_event_hdr *raw(__u64 *w, __u16 type, __u32 len,
				  __u32 psize)
{
	struct lkrg_event_hdr *h = hdr_of(w);

	memset(w, 0, REC_WORDS * 8);
	h->len = len;
	h->type = type;
	if (len >= sizeof(*h) + sizeof(psize))
		memcpy(h + 1, &psize, sizeof(psize));
	return h;
}

START_TEST(init)
{
	struct lkrg_event_record r;

	memset(&r, 0xAA, sizeof(r));
	lkrg_ev_init(&r, LKRG_EV_INFO);
	ck_assert_uint_eq(r.hdr.len, sizeof(r));
	ck_assert_uint_eq(r.hdr.len % 8, 0);
	ck_assert_uint_eq(r.hdr.type, LKRG_EV_INFO);
	ck_assert_uint_eq(r.hdr.schema, LKRG_SCHEMA_VERSION);
	ck_assert_uint_eq(r.hdr.seq, 0);
	ck_assert_uint_eq(r.d.size, sizeof(r.d));
	ck_assert_int_eq(r.d.pid, -1);
	ck_assert_int_eq(r.d.tgid, -1);
	ck_assert_uint_eq(r.d.nvalues, 0);
	ck_assert_uint_eq(r.d.name[0], 0);
}
END_TEST

START_TEST(set_str)
{
	__u8 dst[8];

	memset(dst, 'x', sizeof(dst));
	lkrg_ev_set_str(dst, sizeof(dst), "abc");
	ck_assert_str_eq((char *)dst, "abc");
	ck_assert(lkrg_all_zero(dst + 3, 5));
	/* Truncated, still terminated. */
	lkrg_ev_set_str(dst, sizeof(dst), "0123456789");
	ck_assert_str_eq((char *)dst, "0123456");
	lkrg_ev_set_str(dst, sizeof(dst), NULL);
	ck_assert(lkrg_all_zero(dst, sizeof(dst)));
	/* cap 0 writes nothing. */
	dst[0] = 'q';
	lkrg_ev_set_str(dst, 0, "abc");
	ck_assert_uint_eq(dst[0], 'q');
}
END_TEST

START_TEST(add_value)
{
	struct lkrg_event_record r;
	int i;

	lkrg_ev_init(&r, LKRG_EV_VIOLATION);
	for (i = 0; i < LKRG_EV_VALUES; i++)
		ck_assert_int_eq(lkrg_ev_add_value(&r.d, "a_very_long_field_name_"
						   "that_is_cut", i, i + 1), 0);
	ck_assert_int_eq(lkrg_ev_add_value(&r.d, "x", 0, 0), -ENOSPC);
	ck_assert_uint_eq(r.d.nvalues, LKRG_EV_VALUES);
	ck_assert_uint_eq(r.d.values[3].expected, 3);
	ck_assert_uint_eq(r.d.values[3].actual, 4);
	ck_assert_uint_eq(r.d.values[0].field[LKRG_EV_FIELD_LEN - 1], 0);
}
END_TEST

START_TEST(make_lost)
{
	__u64 w[REC_WORDS];
	struct lkrg_event_lost l;
	size_t n = lkrg_ev_make_lost(w, 10, 5, 7, 8, 2);
	struct lkrg_event_hdr *h = hdr_of(w);

	ck_assert_uint_eq(n, LKRG_EV_LOST_RECORD_SIZE);
	ck_assert_uint_eq(h->len, n);
	ck_assert_uint_eq(h->type, LKRG_EV_LOST);
	ck_assert_uint_eq(h->flags, LKRG_EVF_SYNTHETIC);
	ck_assert_uint_eq(h->seq, 0);
	ck_assert_uint_eq(h->mono_ns, 7);
	ck_assert_uint_eq(h->real_ns, 8);
	ck_assert_uint_eq(h->cpu, 2);
	ck_assert_int_eq(lkrg_ev_check(w, n), (long)n);
	ck_assert_int_eq(lkrg_ev_get_lost(h, &l), 0);
	ck_assert_uint_eq(l.first_seq, 10);
	ck_assert_uint_eq(l.count, 5);
	ck_assert_uint_eq(l.size, sizeof(l));
}
END_TEST

START_TEST(redact)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	lkrg_ev_redact(&r);
	ck_assert_uint_eq(r.d.address, 0);
	ck_assert(r.hdr.flags & LKRG_EVF_REDACTED);
}
END_TEST

START_TEST(has_detail)
{
	ck_assert(!lkrg_ev_has_detail(0));
	ck_assert(!lkrg_ev_has_detail(LKRG_EV_LOST));
	ck_assert(lkrg_ev_has_detail(LKRG_EV_VIOLATION));
	ck_assert(lkrg_ev_has_detail(LKRG_EV_ADMIN));
	ck_assert(lkrg_ev_has_detail(LKRG_EV_BLOCK));
	ck_assert(lkrg_ev_has_detail(LKRG_EV_INFO));
	ck_assert(!lkrg_ev_has_detail(LKRG_EV_INFO + 1));
}
END_TEST

START_TEST(check_good)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	ck_assert_int_eq(lkrg_ev_check(&r, sizeof(r)), (long)sizeof(r));
	/* Extra bytes behind a record are the next record's. */
	ck_assert_int_eq(lkrg_ev_check(&r, sizeof(r) + 100), (long)sizeof(r));
}
END_TEST

START_TEST(check_truncated)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	ck_assert_int_eq(lkrg_ev_check(&r, 0), -EMSGSIZE);
	ck_assert_int_eq(lkrg_ev_check(&r, sizeof(r.hdr) - 1), -EMSGSIZE);
	ck_assert_int_eq(lkrg_ev_check(&r, sizeof(r) - 8), -EMSGSIZE);
}
END_TEST

START_TEST(check_bad_length)
{
	__u64 w[REC_WORDS];

	/* Shorter than a header, or not a multiple of 8 (misaligned). */
	raw(w, LKRG_EV_INFO, 32, 0);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	raw(w, LKRG_EV_INFO, 0, 0);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	raw(w, LKRG_EV_INFO, 44, 4);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	raw(w, LKRG_EV_INFO, LKRG_EV_DETAIL_RECORD_SIZE + 1, 4);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	/* Oversized: claims more than there is. */
	raw(w, LKRG_EV_INFO, 1 << 20, 4);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EMSGSIZE);
	/* A bare header is a valid (empty) record. */
	raw(w, LKRG_EV_INFO, 40, 0);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), 40);
}
END_TEST

START_TEST(check_bad_payload_size)
{
	__u64 w[REC_WORDS];

	raw(w, LKRG_EV_INFO, 48, 0);		/* smaller than its own size */
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	raw(w, LKRG_EV_INFO, 48, 3);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	raw(w, LKRG_EV_INFO, 48, 9);		/* past the record */
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), -EINVAL);
	raw(w, LKRG_EV_INFO, 48, 8);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), 48);
	raw(w, LKRG_EV_INFO, 48, 4);
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), 48);
}
END_TEST

START_TEST(detail_roundtrip)
{
	struct lkrg_event_record r;
	struct lkrg_event_detail d;

	sample_violation(&r);
	ck_assert_int_eq(lkrg_ev_get_detail(&r.hdr, &d), 0);
	ck_assert_mem_eq(&d, &r.d, sizeof(d));
}
END_TEST

START_TEST(detail_wrong_type)
{
	struct lkrg_event_record r;
	struct lkrg_event_detail d;

	sample_violation(&r);
	r.hdr.type = LKRG_EV_LOST;
	ck_assert_int_eq(lkrg_ev_get_detail(&r.hdr, &d), -EINVAL);
	r.hdr.type = 99;
	ck_assert_int_eq(lkrg_ev_get_detail(&r.hdr, &d), -EINVAL);
}
END_TEST

/* An older writer sent fewer fields: the rest reads as zero. */
START_TEST(detail_zero_fill)
{
	__u64 w[REC_WORDS];
	struct lkrg_event_record r;
	struct lkrg_event_detail d;
	struct lkrg_event_hdr *h = hdr_of(w);
	__u32 psize = offsetof(struct lkrg_event_detail, event_uuid);

	sample_violation(&r);
	memset(w, 0, sizeof(w));
	memcpy(w, &r, sizeof(r.hdr) + psize);
	h->len = sizeof(r.hdr) + psize;
	memcpy(h + 1, &psize, sizeof(psize));
	memset(&d, 0xEE, sizeof(d));
	ck_assert_int_eq(lkrg_ev_get_detail(h, &d), 0);
	ck_assert_uint_eq(d.check_id, 3);
	ck_assert_uint_eq(d.instance_uuid[15], 15);
	ck_assert_uint_eq(d.event_uuid[0], 0);
	ck_assert_int_eq(d.pid, 0);
	ck_assert_uint_eq(d.address, 0);
	ck_assert_uint_eq(d.nvalues, r.d.nvalues);
	ck_assert_uint_eq(d.values[0].expected, 0);
	ck_assert_uint_eq(d.name[0], 0);
}
END_TEST

START_TEST(detail_too_small)
{
	__u64 w[REC_WORDS];
	struct lkrg_event_detail d;

	/* Less than the minimum that names what happened. */
	raw(w, LKRG_EV_VIOLATION, 56, 15);
	ck_assert_int_eq(lkrg_ev_get_detail(hdr_of(w), &d), -EINVAL);
	raw(w, LKRG_EV_VIOLATION, 56, 16);
	ck_assert_int_eq(lkrg_ev_get_detail(hdr_of(w), &d), 0);
	raw(w, LKRG_EV_VIOLATION, 40, 0);	/* no payload at all */
	ck_assert_int_eq(lkrg_ev_get_detail(hdr_of(w), &d), -EINVAL);
	raw(w, LKRG_EV_VIOLATION, 56, 17);	/* past the record */
	ck_assert_int_eq(lkrg_ev_get_detail(hdr_of(w), &d), -EINVAL);
}
END_TEST

/* A newer writer sent more: the known part is used, the rest ignored. */
START_TEST(detail_larger_payload)
{
	__u64 w[REC_WORDS];
	struct lkrg_event_record r;
	struct lkrg_event_detail d;
	struct lkrg_event_hdr *h = hdr_of(w);
	__u32 psize = sizeof(r.d) + 64;

	sample_violation(&r);
	memset(w, 0x5A, sizeof(w));
	memcpy(w, &r, sizeof(r));
	h->len = sizeof(r.hdr) + psize;
	memcpy(h + 1, &psize, sizeof(psize));
	ck_assert_int_eq(lkrg_ev_check(w, sizeof(w)), (long)h->len);
	ck_assert_int_eq(lkrg_ev_get_detail(h, &d), 0);
	ck_assert_uint_eq(d.size, psize);
	ck_assert_uint_eq(d.count, 1);
}
END_TEST

START_TEST(detail_hostile_strings)
{
	struct lkrg_event_record r;
	struct lkrg_event_detail d;
	int i;

	sample_violation(&r);
	memset(r.d.comm, 'C', sizeof(r.d.comm));
	memset(r.d.name, 'N', sizeof(r.d.name));
	memset(r.d.location, 'L', sizeof(r.d.location));
	r.d.nvalues = 200;
	for (i = 0; i < LKRG_EV_VALUES; i++)
		memset(r.d.values[i].field, 'F', LKRG_EV_FIELD_LEN);
	ck_assert_int_eq(lkrg_ev_get_detail(&r.hdr, &d), 0);
	ck_assert_uint_eq(strlen((char *)d.comm), sizeof(d.comm) - 1);
	ck_assert_uint_eq(strlen((char *)d.name), sizeof(d.name) - 1);
	ck_assert_uint_eq(strlen((char *)d.location), sizeof(d.location) - 1);
	ck_assert_uint_eq(d.nvalues, LKRG_EV_VALUES);
	for (i = 0; i < LKRG_EV_VALUES; i++)
		ck_assert_uint_eq(strlen((char *)d.values[i].field),
				  LKRG_EV_FIELD_LEN - 1);
}
END_TEST

START_TEST(lost_errors)
{
	__u64 w[REC_WORDS];
	struct lkrg_event_lost l;
	struct lkrg_event_record r;

	sample_violation(&r);
	ck_assert_int_eq(lkrg_ev_get_lost(&r.hdr, &l), -EINVAL);
	raw(w, LKRG_EV_LOST, 64, sizeof(l) - 8);	/* too small */
	ck_assert_int_eq(lkrg_ev_get_lost(hdr_of(w), &l), -EINVAL);
	raw(w, LKRG_EV_LOST, 56, sizeof(l));		/* past the record */
	ck_assert_int_eq(lkrg_ev_get_lost(hdr_of(w), &l), -EINVAL);
	raw(w, LKRG_EV_LOST, 40, 0);
	ck_assert_int_eq(lkrg_ev_get_lost(hdr_of(w), &l), -EINVAL);
}
END_TEST

Suite *codec_suite(void)
{
	Suite *s = suite_create("core/event_codec");
	TCase *b = tcase_create("build");
	TCase *v = tcase_create("validate");
	TCase *d = tcase_create("decode");

	tcase_add_test(b, init);
	tcase_add_test(b, set_str);
	tcase_add_test(b, add_value);
	tcase_add_test(b, make_lost);
	tcase_add_test(b, redact);
	tcase_add_test(b, has_detail);
	tcase_add_test(v, check_good);
	tcase_add_test(v, check_truncated);
	tcase_add_test(v, check_bad_length);
	tcase_add_test(v, check_bad_payload_size);
	tcase_add_test(d, detail_roundtrip);
	tcase_add_test(d, detail_wrong_type);
	tcase_add_test(d, detail_zero_fill);
	tcase_add_test(d, detail_too_small);
	tcase_add_test(d, detail_larger_payload);
	tcase_add_test(d, detail_hostile_strings);
	tcase_add_test(d, lost_errors);
	suite_add_tcase(s, b);
	suite_add_tcase(s, v);
	suite_add_tcase(s, d);
	return s;
}
