// SPDX-License-Identifier: GPL-2.0
/* clkrg_event_from_json(): saved lines back into records, exactly. */
#include <stdio.h>

#include "tests.h"

/* to_json -> from_json -> the same bytes and the same JSON again. */
static void round_trip(const void *rec, size_t len)
{
	char a[CLKRG_JSON_MAX], b[CLKRG_JSON_MAX];
	unsigned char back[CLKRG_EVENT_MAX];
	int n;

	ck_assert_int_gt(clkrg_event_to_json(rec, a, sizeof(a)), 0);
	n = clkrg_event_from_json(a, back, sizeof(back));
	ck_assert_int_eq(n, (int)len);
	ck_assert_int_eq(memcmp(back, rec, len), 0);
	ck_assert_int_gt(clkrg_event_to_json((const void *)back, b,
					     sizeof(b)), 0);
	ck_assert_str_eq(a, b);
}

START_TEST(violation_round_trip)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	round_trip(&r, sizeof(r));
	/* a task, namespaces, all four values, a suppressed count */
	r.d.pid = 4242;
	r.d.tgid = 4240;
	r.d.uid = 1000;
	r.d.euid = 0;
	r.d.ns_mnt = 4026531840u;
	r.d.ns_pid = 4026531836u;
	r.d.ns_net = 4026531992u;
	r.d.ns_user = 4026531837u;
	r.d.suppressed = 7;
	r.hdr.seq = UINT64_MAX - 1;	/* above INT64_MAX survives */
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "pint_attack");
	lkrg_ev_add_value(&r.d, "uid", 1000, 0);
	lkrg_ev_add_value(&r.d, "euid", 1000, 0);
	lkrg_ev_add_value(&r.d, "caps", 0, 0x1ffffffffffULL);
	round_trip(&r, sizeof(r));
}
END_TEST

START_TEST(other_types_round_trip)
{
	struct lkrg_event_record r;
	unsigned char lost[LKRG_EV_LOST_RECORD_SIZE];

	lkrg_ev_init(&r, LKRG_EV_ADMIN);
	r.hdr.seq = 8;
	r.hdr.real_ns = SAMPLE_REAL_NS;
	r.d.severity = LKRG_SEV_NOTICE;
	r.d.category = LKRG_CAT_GUARD;
	r.d.object = LKRG_OBJ_BASELINE;
	r.d.action = LKRG_ACT_CHANGED;
	r.d.pid = 97;
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "lkrg-cli");
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "baseline");
	round_trip(&r, sizeof(r));
	/* redacted: no address in the JSON, the flag kept */
	sample_violation(&r);
	lkrg_ev_redact(&r);
	round_trip(&r, sizeof(r));
	r.hdr.type = LKRG_EV_BLOCK;
	round_trip(&r, sizeof(r));
	r.hdr.type = LKRG_EV_INFO;
	round_trip(&r, sizeof(r));
	lkrg_ev_make_lost(lost, 10, 5, 77, SAMPLE_REAL_NS, 1);
	round_trip(lost, sizeof(lost));
}
END_TEST

/* One field of the sample, replaced: the line must be refused. */
static int with(const char *from, const char *to)
{
	struct lkrg_event_record r;
	unsigned char back[CLKRG_EVENT_MAX];
	char a[CLKRG_JSON_MAX], b[CLKRG_JSON_MAX];
	char *at;

	sample_violation(&r);
	clkrg_event_to_json(&r.hdr, a, sizeof(a));
	at = strstr(a, from);
	ck_assert_msg(at, "sample lacks %s", from);
	snprintf(b, sizeof(b), "%.*s%s%s", (int)(at - a), a, to,
		 at + strlen(from));
	return clkrg_event_from_json(b, back, sizeof(back));
}

START_TEST(refused)
{
	unsigned char back[CLKRG_EVENT_MAX];
	char comm[64];

	ck_assert_int_eq(with("\"seq\":12", "\"seq\":-1"), -EBADMSG);
	ck_assert_int_eq(with("\"seq\":12", "\"seq\":\"12\""), -EBADMSG);
	ck_assert_int_eq(with("\"seq\":12,", ""), -EBADMSG);
	ck_assert_int_eq(with("\"violation\"", "\"nonsense\""), -EBADMSG);
	ck_assert_int_eq(with("\"alert\"", "\"unknown\""), -EBADMSG);
	ck_assert_int_eq(with("\"ktext\"", "\"KTEXT\""), -EBADMSG);
	ck_assert_int_eq(with("\"cpu\":1", "\"cpu\":4294967296"), -EBADMSG);
	ck_assert_int_eq(with("\"pid\":-1", "\"pid\":2147483648"), -EBADMSG);
	ck_assert_int_eq(with("0x2222", "2222"), -EBADMSG);
	ck_assert_int_eq(with("0x2222", "0x22g2"), -EBADMSG);
	ck_assert_int_eq(with("0x2222", "0x-1"), -EBADMSG);
	ck_assert_int_eq(with("\"0xffffffff81000040\"", "18446744071578845248"),
			 -EBADMSG);
	ck_assert_int_eq(with("00010203-", "0001020x-"), -EBADMSG);
	ck_assert_int_eq(with("\"values\":[", "\"values\":[1,"), -EBADMSG);
	ck_assert_int_eq(with("\"ns\":{", "\"ns\":[],\"x\":{"), -EBADMSG);
	/* 16 bytes do not fit comm's 16 with the NUL; 15 do */
	ck_assert_int_eq(with("\"comm\":\"\"", "\"comm\":\"0123456789abcdef\""),
			 -EBADMSG);
	snprintf(comm, sizeof(comm), "\"comm\":\"%s\"", "0123456789abcde");
	ck_assert_int_eq(with("\"comm\":\"\"", comm),
			 (int)sizeof(struct lkrg_event_record));
	/* five values: one more than the ABI holds */
	ck_assert_int_eq(with("\"values\":[", "\"values\":["
			      "{\"field\":\"a\",\"expected\":\"0x1\",\"actual\":\"0x2\"},"
			      "{\"field\":\"a\",\"expected\":\"0x1\",\"actual\":\"0x2\"},"
			      "{\"field\":\"a\",\"expected\":\"0x1\",\"actual\":\"0x2\"},"
			      "{\"field\":\"a\",\"expected\":\"0x1\",\"actual\":\"0x2\"},"),
			 -EBADMSG);
	/* not one object */
	ck_assert_int_eq(clkrg_event_from_json("", back, sizeof(back)),
			 -EBADMSG);
	ck_assert_int_eq(clkrg_event_from_json("[]", back, sizeof(back)),
			 -EBADMSG);
	ck_assert_int_eq(clkrg_event_from_json("{\"seq\":1", back,
					       sizeof(back)), -EBADMSG);
	ck_assert_int_eq(with("}]}", "}]} {}"), -EBADMSG);
	ck_assert_int_eq(with("}]}", "}]} x"), -EBADMSG);
	/* a trailing newline (a line of a file) is fine */
	ck_assert_int_eq(with("}]}", "}]}\n"),
			 (int)sizeof(struct lkrg_event_record));
	ck_assert_int_eq(clkrg_event_from_json(NULL, back, sizeof(back)),
			 -EINVAL);
}
END_TEST

START_TEST(small_buffer)
{
	struct lkrg_event_record r;
	unsigned char back[CLKRG_EVENT_MAX];
	char a[CLKRG_JSON_MAX];

	sample_violation(&r);
	clkrg_event_to_json(&r.hdr, a, sizeof(a));
	ck_assert_int_eq(clkrg_event_from_json(a, back, sizeof(r) - 1),
			 -ENOSPC);
	ck_assert_int_eq(clkrg_event_from_json(a, back, sizeof(r)),
			 (int)sizeof(r));
	ck_assert_int_ge(CLKRG_EVENT_MAX, LKRG_EV_MAX_RECORD_SIZE);
}
END_TEST

Suite *json_parse_suite(void)
{
	Suite *s = suite_create("libclkrg/json_parse");
	TCase *tc = tcase_create("from_json");

	tcase_add_test(tc, violation_round_trip);
	tcase_add_test(tc, other_types_round_trip);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, small_buffer);
	suite_add_tcase(s, tc);
	return s;
}
