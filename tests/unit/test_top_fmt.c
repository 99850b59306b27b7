// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's text: exact lines, since people read them and tests grep. */
#include "top_fixtures.h"
#include "fmt.h"

static struct top_model m;

static void setup(void)
{
	top_utc();
	top_model_init(&m);
}

static void teardown(void)
{
	top_model_free(&m);
}

START_TEST(small_formats)
{
	char b[64];

	top_fmt_hms(SAMPLE_REAL_NS, b, sizeof(b));
	ck_assert_str_eq(b, "10:00:00");
	top_fmt_hms(0, b, sizeof(b));
	ck_assert_str_eq(b, "-");
	top_fmt_ago(100 * S_NS, 96 * S_NS, b, sizeof(b));
	ck_assert_str_eq(b, "4s ago");
	top_fmt_ago(1000 * S_NS, 100 * S_NS, b, sizeof(b));
	ck_assert_str_eq(b, "15m ago");
	top_fmt_ago(20000 * S_NS, 100 * S_NS, b, sizeof(b));
	ck_assert_str_eq(b, "5h ago");
	top_fmt_ago(900000 * S_NS, 100 * S_NS, b, sizeof(b));
	ck_assert_str_eq(b, "10d ago");
	top_fmt_ago(5, 0, b, sizeof(b));
	ck_assert_str_eq(b, "never");
	top_fmt_ago(5, 9, b, sizeof(b));	/* clocks never go backwards */
	ck_assert_str_eq(b, "0s ago");
	top_fmt_uptime((3 * 3600 + 4 * 60 + 5) * S_NS, b, sizeof(b));
	ck_assert_str_eq(b, "3:04:05");
	top_fmt_uptime((2 * 86400 + 3600 + 5) * S_NS, b, sizeof(b));
	ck_assert_str_eq(b, "2d 01:00:05");
	top_fmt_rate(0, b, sizeof(b));
	ck_assert_str_eq(b, "0");
	top_fmt_rate(0.25, b, sizeof(b));
	ck_assert_str_eq(b, "0.25");
	top_fmt_rate(12.04, b, sizeof(b));
	ck_assert_str_eq(b, "12.0");
	top_fmt_rate(3456, b, sizeof(b));
	ck_assert_str_eq(b, "3.5k");
	top_fmt_rate(2.5e6, b, sizeof(b));
	ck_assert_str_eq(b, "2.5M");
	top_fmt_upper("notice", b, sizeof(b));
	ck_assert_str_eq(b, "NOTICE");
}
END_TEST

START_TEST(event_lines)
{
	unsigned char lost[LKRG_EV_LOST_RECORD_SIZE];
	struct lkrg_event_record r;
	char b[TOP_LINE_MAX];

	top_fmt_event_title(b, sizeof(b));
	ck_assert_str_eq(b, "TIME     SEV    CATEGORY/OBJECT    ACTION   "
			 "TASK               WHAT");
	top_add(&m, 2, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "__x64_sys_acct+0x30/0xa0");
	top_fmt_event_line(top_model_event(&m, 0), b, sizeof(b));
	ck_assert_str_eq(b, "10:00:02 ALERT  kernel/ktext       logged   -"
			 "                  .text at __x64_sys_acct+0x30/0xa0");
	top_rec(&r, 3, LKRG_SEV_ALERT, LKRG_OBJ_TASK_CRED, LKRG_ACT_KILLED,
		1234, "pint_attack", "uid", "security_file_open+0x0/0x80");
	r.d.suppressed = 4;
	top_model_add_event(&m, &r.hdr);
	top_fmt_event_line(top_model_event(&m, 0), b, sizeof(b));
	ck_assert_str_eq(b, "10:00:03 ALERT  task/task_cred     killed   "
			 "pint_attack[1234]  uid at security_file_open+0x0/0x80"
			 " (+4 suppressed)");
	/* columns cut, never shifted */
	top_add(&m, 4, LKRG_SEV_NOTICE, LKRG_OBJ_MODULE_LIST, LKRG_ACT_ACCEPTED,
		2147483647, "0123456789abcde", "", "");
	top_fmt_event_line(top_model_event(&m, 0), b, sizeof(b));
	ck_assert_str_eq(b, "10:00:04 NOTICE module/module_list accepted "
			 "0123456789abcde[21 ");
	lkrg_ev_make_lost(lost, 10, 5, 0, SAMPLE_REAL_NS + 5 * S_NS, 0);
	top_model_add_event(&m, (const void *)lost);
	top_fmt_event_line(top_model_event(&m, 0), b, sizeof(b));
	ck_assert_str_eq(b, "10:00:05 LOST   5 events lost (seq 10..14)");
}
END_TEST

/* The detail line that starts with @label. */
static const char *line_of(char (*lines)[TOP_LINE_MAX], size_t n,
			   const char *label)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strncmp(lines[i], label, strlen(label)))
			return lines[i];
	ck_abort_msg("no line '%s'", label);
	return NULL;
}

START_TEST(detail)
{
	static char lines[TOP_DETAIL_MAX][TOP_LINE_MAX];
	struct lkrg_event_record r;
	size_t n;

	sample_violation(&r);
	r.d.pid = 42;
	r.d.tgid = 40;
	r.d.uid = 1000;
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "insmod");
	lkrg_ev_add_value(&r.d, "uid", 1000, 0);
	top_model_add_event(&m, &r.hdr);
	n = top_fmt_event_detail(top_model_event(&m, 0), lines, TOP_DETAIL_MAX);
	ck_assert_str_eq(lines[0], "event #12 violation at "
			 "2026-11-26T10:00:00.123Z on cpu 1");
	ck_assert_str_eq(line_of(lines, n, "what"), "what        kernel / ktext");
	ck_assert_str_eq(line_of(lines, n, "location"),
			 "location    foo+0x40/0x100");
	ck_assert_str_eq(line_of(lines, n, "address"),
			 "address     0xffffffff81000040, 64 bytes");
	ck_assert_str_eq(line_of(lines, n, "check"), "check       #3 (trigger "
			 "manual), baseline generation 1");
	ck_assert_str_eq(line_of(lines, n, "task"),
			 "task        insmod pid 42 tgid 40 uid 1000 euid 0");
	ck_assert_str_eq(line_of(lines, n, "instance"),
			 "instance    00010203-0405-0607-0809-0a0b0c0d0e0f");
	ck_assert_str_eq(line_of(lines, n, "event uuid"),
			 "event uuid  10111213-1415-1617-1819-1a1b1c1d1e1f");
	ck_assert_str_eq(line_of(lines, n, "values"),
			 "values      hash: expected 0x1111, actual 0x2222");
	ck_assert_str_eq(lines[n - 1],
			 "            uid: expected 0x3e8, actual 0x0");
	/* a reader without CAP_SYSLOG is told why there is no address */
	lkrg_ev_redact(&r);
	top_model_add_event(&m, &r.hdr);
	n = top_fmt_event_detail(top_model_event(&m, 0), lines, TOP_DETAIL_MAX);
	ck_assert_ptr_nonnull(strstr(line_of(lines, n, "address"),
				     "hidden from this reader (CAP_SYSLOG"));
	/* a short buffer of lines is filled, not overrun */
	ck_assert_uint_eq(top_fmt_event_detail(top_model_event(&m, 0), lines,
					       3), 3);
}
END_TEST

START_TEST(sparklines)
{
	struct top_row r;
	char b[TOP_HIST * 4 + 1];

	memset(&r, 0, sizeof(r));
	r.hist[TOP_HIST - 4] = 8;
	r.hist[TOP_HIST - 3] = 1;
	r.hist[TOP_HIST - 2] = 0;
	r.hist[TOP_HIST - 1] = 4;
	top_fmt_spark(&r, 5, false, b, sizeof(b));
	ck_assert_str_eq(b, " @. =");
	top_fmt_spark(&r, 5, true, b, sizeof(b));
	ck_assert_str_eq(b, " \u2588\u2581 \u2584");
	memset(&r, 0, sizeof(r));
	top_fmt_spark(&r, 3, false, b, sizeof(b));
	ck_assert_str_eq(b, "   ");
	/* never wider than the history */
	top_fmt_spark(&r, 1000, false, b, sizeof(b));
	ck_assert_uint_eq(strlen(b), TOP_HIST);
}
END_TEST

START_TEST(header)
{
	struct top_clock now = { .real_ns = SAMPLE_REAL_NS, .mono_ns = 101 * S_NS };
	char b[TOP_LINE_MAX];

	m.conn = TOP_CONN_LIVE;
	top_status(&m, SAMPLE_REAL_NS);
	top_knobs(&m, false);
	top_fmt_header(&m, &now, 0, 0, b, sizeof(b));
	ck_assert_str_eq(b, "lkrg-top " CLKRG_VERSION " [live] clkrg 0.1.0 api 1 "
			 "schema 1  instance a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"
			 "  up 3:04:05");
	/* narrow: the instance's first 8 digits, and it fits 80 columns */
	top_fmt_header(&m, &now, 0, 80, b, sizeof(b));
	ck_assert_str_eq(b, "lkrg-top " CLKRG_VERSION " [live] clkrg 0.1.0 api 1"
			 "  instance a0a1a2a3  up 3:04:05");
	ck_assert_uint_le(strlen(b), 80);
	top_fmt_header(&m, &now, 1, 0, b, sizeof(b));
	ck_assert_str_eq(b, "policy: modules on  kint periodic/log_only");
	top_knobs(&m, true);
	top_fmt_header(&m, &now, 1, 0, b, sizeof(b));
	ck_assert_str_eq(b, "policy: modules on  LOCKED  kint periodic/log_only");
	top_fmt_header(&m, &now, 2, 0, b, sizeof(b));
	ck_assert_str_eq(b, "last check #3: 1 VIOLATIONS (14.2 ms, 09:59:55, "
			 "5s ago) | baseline generation 2 | checks 3 | 59 tasks "
			 "shadowed");
	m.own_check_id = 3;
	m.own_check_tasks = 61;
	m.status.last_check_violations = 0;
	top_model_set_status(&m, &m.status, SAMPLE_REAL_NS, 101 * S_NS);
	top_fmt_header(&m, &now, 2, 0, b, sizeof(b));
	ck_assert_ptr_nonnull(strstr(b, "#3: clean (14.2 ms, 09:59:55, 5s ago, "
				     "61 tasks) |"));
	m.status.last_check_id = 0;
	top_model_set_status(&m, &m.status, SAMPLE_REAL_NS, 101 * S_NS);
	top_fmt_header(&m, &now, 2, 0, b, sizeof(b));
	ck_assert_ptr_nonnull(strstr(b, "last check: none yet | baseline"));
	top_fmt_header(&m, &now, 3, 0, b, sizeof(b));
	ck_assert_str_eq(b, "events: produced 23 lost 0 suppressed 2 | "
			 "violations 3 since load | every 15 s");
	m.conn = TOP_CONN_GONE;
	snprintf(m.conn_note, sizeof(m.conn_note), "clkrg shut down");
	top_fmt_header(&m, &now, 0, 0, b, sizeof(b));
	ck_assert_ptr_nonnull(strstr(b, CLKRG_VERSION " [MODULE GONE: clkrg "
				     "shut down] clkrg 0.1.0"));
	m.conn = TOP_CONN_NONE;
	m.conn_note[0] = 0;
	m.have_status = false;
	top_fmt_header(&m, &now, 0, 0, b, sizeof(b));
	ck_assert_str_eq(b, "lkrg-top " CLKRG_VERSION " [connecting]");
}
END_TEST

START_TEST(header_replay)
{
	struct top_clock now = { .real_ns = SAMPLE_REAL_NS };
	struct lkrg_event_record r;
	char b[TOP_LINE_MAX];

	m.conn = TOP_CONN_REPLAY;
	snprintf(m.conn_note, sizeof(m.conn_note), "saved.jsonl");
	sample_violation(&r);
	top_model_add_event(&m, &r.hdr);
	m.replay_skipped = 2;
	top_fmt_header(&m, &now, 0, 0, b, sizeof(b));
	ck_assert_str_eq(b, "lkrg-top " CLKRG_VERSION " [REPLAY saved.jsonl]");
	top_fmt_header(&m, &now, 1, 0, b, sizeof(b));
	ck_assert_str_eq(b, "replay: 1 events, seq 12..12, lost 0, 2 lines "
			 "skipped");
	top_fmt_header(&m, &now, 2, 0, b, sizeof(b));
	ck_assert_ptr_nonnull(strstr(b, "instance 00010203-0405-0607-0809-"
				     "0a0b0c0d0e0f"));
}
END_TEST

START_TEST(rows)
{
	struct top_clock now = { .mono_ns = 20 * S_NS };
	struct top_row r;
	char b[TOP_LINE_MAX];

	top_fmt_row_title(TOP_PANE_TRIGGERS, b, sizeof(b));
	ck_assert_str_eq(b, "TRIGGER       FIRED  STARTED COALESCED   VIOL"
			 "       LAST  RATE/S HISTORY");
	ck_assert_uint_eq(strlen(b), top_fmt_row_fixed(TOP_PANE_TRIGGERS) +
			  strlen("HISTORY"));
	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "manual");
	r.count = 12;
	r.started = 10;
	r.coalesced = 2;
	r.violations = 1;
	r.last = 17 * S_NS;
	r.rate = 0.5;
	r.hist[TOP_HIST - 1] = 2;
	/* 80 columns: the sparkline gets what is left */
	top_fmt_row(TOP_PANE_TRIGGERS, &r, &now, 80, false, b, sizeof(b));
	ck_assert_str_eq(b, "manual           12       10         2      1"
			 "     3s ago    0.50               @");
	ck_assert_uint_eq(strlen(b), 80);
	top_fmt_row_title(TOP_PANE_HOOKS, b, sizeof(b));
	ck_assert_str_eq(b, "HOOK                     ROLE           HITS   "
			 "VIOL  DENIED  RATE/S HISTORY");
	snprintf(r.name, sizeof(r.name), "security_bprm_committing_creds");
	snprintf(r.role, sizeof(r.role), "creds");
	r.last = 3;
	top_fmt_row(TOP_PANE_HOOKS, &r, &now, 80, false, b, sizeof(b));
	ck_assert_str_eq(b, "security_bprm_committing inactive         12"
			 "      1       3    0.50            @");
	r.active = true;
	top_fmt_row(TOP_PANE_HOOKS, &r, &now, 80, false, b, sizeof(b));
	ck_assert_ptr_nonnull(strstr(b, " creds    "));
	ck_assert_uint_eq(strlen(b), 80);
}
END_TEST

Suite *top_fmt_suite(void)
{
	Suite *s = suite_create("lkrg-top/fmt");
	TCase *tc = tcase_create("fmt");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, small_formats);
	tcase_add_test(tc, event_lines);
	tcase_add_test(tc, detail);
	tcase_add_test(tc, sparklines);
	tcase_add_test(tc, header);
	tcase_add_test(tc, header_replay);
	tcase_add_test(tc, rows);
	suite_add_tcase(s, tc);
	return s;
}
