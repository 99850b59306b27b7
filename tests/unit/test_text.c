// SPDX-License-Identifier: GPL-2.0
/* libclkrg text lines, time and UUID formatting. */
#include "tests.h"

#define SAMPLE_LINE "#12 2026-11-26T10:00:00.123Z ALERT violation " \
	"kernel/ktext .text at foo+0x40/0x100 action=logged check=3 "  \
	"hash=0x1111->0x2222"

START_TEST(event_line)
{
	struct lkrg_event_record r;
	char buf[CLKRG_TEXT_MAX];

	sample_violation(&r);
	ck_assert_int_eq(clkrg_event_to_text(&r.hdr, buf, sizeof(buf)),
			 (int)strlen(SAMPLE_LINE));
	ck_assert_str_eq(buf, SAMPLE_LINE);
}
END_TEST

START_TEST(event_line_task)
{
	struct lkrg_event_record r;
	char buf[CLKRG_TEXT_MAX];

	sample_violation(&r);
	r.hdr.type = LKRG_EV_BLOCK;
	r.d.severity = LKRG_SEV_WARN;
	r.d.category = LKRG_CAT_MODULE;
	r.d.object = LKRG_OBJ_MODULE;
	r.d.action = LKRG_ACT_BLOCKED;
	r.d.check_id = 0;
	r.d.nvalues = 0;
	r.d.pid = 42;
	r.d.uid = 1000;
	r.d.suppressed = 2;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "evil");
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location), "");
	/* A task can name itself anything: no escapes reach the terminal. */
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "\x1b]0;pwn\x07");
	ck_assert_int_gt(clkrg_event_to_text(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "#12 2026-11-26T10:00:00.123Z WARN block "
			 "module/module evil at 0xffffffff81000040 "
			 "action=blocked suppressed=2 pid=42 uid=1000 "
			 "comm=?]0;pwn?");
}
END_TEST

START_TEST(event_line_denied)
{
	struct lkrg_event_record r;
	char buf[CLKRG_TEXT_MAX];

	sample_violation(&r);
	r.d.category = LKRG_CAT_TASK;
	r.d.object = LKRG_OBJ_UMH;
	r.d.action = LKRG_ACT_DENIED;
	r.d.check_id = 0;
	r.d.nvalues = 0;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "/tmp/evil");
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location), "");
	r.d.address = 0;
	ck_assert_int_gt(clkrg_event_to_text(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "#12 2026-11-26T10:00:00.123Z ALERT violation "
			 "task/umh /tmp/evil action=denied");
}
END_TEST

START_TEST(lost_line)
{
	__u64 w[LKRG_EV_LOST_RECORD_SIZE / 8];
	char buf[CLKRG_TEXT_MAX];

	lkrg_ev_make_lost(w, 10, 5, 7, 8, 2);
	ck_assert_int_gt(clkrg_event_to_text((void *)w, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "LOST 5 events (seq 10..14)");
}
END_TEST

START_TEST(unknown_and_errors)
{
	struct lkrg_event_record r;
	char buf[CLKRG_TEXT_MAX];

	sample_violation(&r);
	r.hdr.type = 9;
	ck_assert_int_gt(clkrg_event_to_text(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "#12 2026-11-26T10:00:00.123Z record type 9 "
			 "not known to libclkrg " CLKRG_VERSION);
	r.hdr.type = LKRG_EV_VIOLATION;
	ck_assert_int_eq(clkrg_event_to_text(&r.hdr, buf, 20), -ENOSPC);
	ck_assert_int_eq(clkrg_event_to_text(&r.hdr, buf, 0), -EINVAL);
	r.d.size = 4;
	ck_assert_int_eq(clkrg_event_to_text(&r.hdr, buf, sizeof(buf)),
			 -EBADMSG);
}
END_TEST

START_TEST(knob_lines)
{
	struct lkrg_knob k;
	char buf[CLKRG_TEXT_MAX];

	sample_enforce_knob(&k);
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "kint_enforce     1 (log_only)     "
			 "log_accept|log_only|panic    what a violation does");
	sample_interval_knob(&k);
	k.flags = LKRG_KNOB_F_LOAD_ONLY;
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "interval         15               5..1800"
			 "                      [load-only] seconds between "
			 "checks");
	/* An enum knob without names lists numbers. */
	lkrg_ev_set_str(k.name, sizeof(k.name), "mask");
	k.flags = LKRG_KNOB_F_ENUM;
	k.min = 0;
	k.allowed = 0x5;
	k.value = 2;
	ck_assert_int_gt(clkrg_knob_value_text(&k, 2, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "2");
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "mask             2                0|2      "
			 "                    seconds between checks");
	ck_assert_int_eq(clkrg_knob_to_text(&k, buf, 10), -ENOSPC);
}
END_TEST

/* Names come from knob.names: a named range lists its names. */
START_TEST(knob_named_lines)
{
	struct lkrg_knob k;
	char buf[CLKRG_TEXT_MAX];

	sample_validate_knob(&k);
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "kint_validate    2 (periodic)     "
			 "off|manual|periodic          when checks run");
	ck_assert_int_gt(clkrg_knob_value_text(&k, 1, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "1 (manual)");
	ck_assert_int_gt(clkrg_knob_value_text(&k, 7, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "7");
	sample_block_knob(&k);
	k.value = LKRG_BLOCK_ON;
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "block_modules    1 (on)           "
			 "off|on|lock                  module loading");
	/* The same knob without knob.names shows numbers. */
	k.names = LKRG_KNOB_NAMES_NONE;
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "block_modules    1                "
			 "0|1|2                        module loading");
	/* A named range too wide to list shows min..max. */
	sample_validate_knob(&k);
	k.max = 64;
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "kint_validate    2 (periodic)     "
			 "0..64                        when checks run");
	k.min = -1;
	k.max = 2;
	ck_assert_int_gt(clkrg_knob_to_text(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "kint_validate    2 (periodic)     "
			 "-1..2                        when checks run");
	ck_assert_int_eq(clkrg_knob_value_text(NULL, 1, buf, sizeof(buf)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_knob_value_text(&k, 1, NULL, 8), -EINVAL);
	ck_assert_int_eq(clkrg_knob_value_text(&k, 1, buf, 0), -EINVAL);
	ck_assert_int_eq(clkrg_knob_to_text(NULL, buf, sizeof(buf)), -EINVAL);
}
END_TEST

START_TEST(check_line)
{
	struct lkrg_check ck = {
		.size = sizeof(ck), .check_id = 4, .start_ns = 100,
		.duration_ns = 2500000, .regions = 3, .bytes = 1 << 20,
		.violations = 2, .trigger = LKRG_TRIGGER_MANUAL,
		.generation = 1, .start_real_ns = SAMPLE_REAL_NS,
	};
	char buf[CLKRG_TEXT_MAX];

	ck_assert_int_gt(clkrg_check_to_text(&ck, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "check #4 at 2026-11-26T10:00:00.123Z: "
			 "2 violations (3 regions, 1048576 bytes, 2.500 ms, "
			 "trigger manual, baseline generation 1)");
	/* No start time from the module: left out. */
	ck.start_real_ns = 0;
	ck.trigger = 99;
	ck_assert_int_eq(clkrg_check_to_text(&ck, buf, sizeof(buf)),
			 (int)strlen(buf));
	ck_assert_str_eq(buf, "check #4: 2 violations (3 regions, 1048576 "
			 "bytes, 2.500 ms, trigger unknown, baseline "
			 "generation 1)");
	/* A check that verified tasks says how many and how long. */
	ck.tasks = 1000;
	ck.tasks_ns = 250000;
	ck_assert_int_gt(clkrg_check_to_text(&ck, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "check #4: 2 violations (3 regions, 1048576 "
			 "bytes, 2.500 ms, trigger unknown, baseline "
			 "generation 1, 1000 tasks in 0.250 ms)");
	ck_assert_int_eq(clkrg_check_to_text(&ck, buf, 10), -ENOSPC);
	ck_assert_int_eq(clkrg_check_to_text(NULL, buf, sizeof(buf)),
			 -EINVAL);
	ck_assert_int_eq(clkrg_check_to_text(&ck, NULL, 8), -EINVAL);
	ck_assert_int_eq(clkrg_check_to_text(&ck, buf, 0), -EINVAL);
}
END_TEST

START_TEST(time_format)
{
	char buf[CLKRG_TIME_STR_LEN];

	ck_assert_int_eq(clkrg_time_format(SAMPLE_REAL_NS, buf, sizeof(buf)), 24);
	ck_assert_str_eq(buf, "2026-11-26T10:00:00.123Z");
	ck_assert_int_eq(clkrg_time_format(999999, buf, sizeof(buf)), 24);
	ck_assert_str_eq(buf, "1970-01-01T00:00:00.000Z");
	ck_assert_int_eq(clkrg_time_format(SAMPLE_REAL_NS, buf, 24), -ENOSPC);
}
END_TEST

START_TEST(uuid_format)
{
	static const uint8_t u[16] = { 0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3,
				       4, 5, 6, 7, 8, 9, 0xAB, 0xCD };
	char buf[CLKRG_UUID_STR_LEN];

	clkrg_uuid_format(u, buf);
	ck_assert_str_eq(buf, "deadbeef-0001-0203-0405-06070809abcd");
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("libclkrg/text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, event_line);
	tcase_add_test(tc, event_line_task);
	tcase_add_test(tc, event_line_denied);
	tcase_add_test(tc, lost_line);
	tcase_add_test(tc, unknown_and_errors);
	tcase_add_test(tc, knob_lines);
	tcase_add_test(tc, knob_named_lines);
	tcase_add_test(tc, check_line);
	tcase_add_test(tc, time_format);
	tcase_add_test(tc, uuid_format);
	suite_add_tcase(s, tc);
	return s;
}
