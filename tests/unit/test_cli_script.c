// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli for scripts: events --since/--new/--format, wait-clean,
 * prefixes, per-command help, JSON usage errors, RFC 5424 lines, the
 * cursor file and the reader-group hint. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"
#include "args.h"
#include "cursor.h"
#include "exit_codes.h"
#include "syslog.h"

#define MAX_ARGS	10

static int parse(struct cli_args *a, const char *const *words)
{
	static char store[MAX_ARGS][64];
	char *argv[MAX_ARGS + 2] = { "lkrg-cli" };
	int argc = 1;

	for (; *words; words++, argc++) {
		ck_assert_int_lt(argc, MAX_ARGS + 1);
		snprintf(store[argc - 1], sizeof(store[0]), "%s", *words);
		argv[argc] = store[argc - 1];
	}
	argv[argc] = NULL;
	return cli_parse(argc, argv, a);
}

#define PARSE(a, ...) parse(a, (const char *const[]){ __VA_ARGS__, NULL })

#define USAGE(needle, ...) do {						\
		struct cli_args a_;					\
		ck_assert_int_eq(PARSE(&a_, __VA_ARGS__), CLI_EXIT_USAGE); \
		ck_assert_msg(strstr(a_.err, needle), "'%s' lacks '%s'", \
			      a_.err, needle);				\
	} while (0)

START_TEST(events_options)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "events"), 0);
	ck_assert(!a.since_set && !a.new_only);
	ck_assert_int_eq(a.format, CLI_FMT_TEXT);
	ck_assert_int_eq(PARSE(&a, "events", "--since", "0"), 0);
	ck_assert(a.since_set);
	ck_assert_uint_eq(a.since, 0);
	ck_assert_int_eq(PARSE(&a, "events", "--since=42", "--follow"), 0);
	ck_assert_uint_eq(a.since, 42);
	ck_assert(a.follow);
	ck_assert_int_eq(PARSE(&a, "events", "--new", "--cursor", "/tmp/c"), 0);
	ck_assert(a.new_only);
	ck_assert_str_eq(a.cursor, "/tmp/c");
	ck_assert_int_eq(PARSE(&a, "events", "--format", "syslog"), 0);
	ck_assert_int_eq(a.format, CLI_FMT_SYSLOG);
	ck_assert(!a.json);
	/* --format json is --json, and the other way round */
	ck_assert_int_eq(PARSE(&a, "events", "--format=json"), 0);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "--json", "events"), 0);
	ck_assert_int_eq(a.format, CLI_FMT_JSON);
	ck_assert_int_eq(PARSE(&a, "events", "--format", "sys"), 0);
	ck_assert_int_eq(a.format, CLI_FMT_SYSLOG);
	USAGE("--since and --new exclude each other", "events", "--new",
	      "--since", "3");
	USAGE("--cursor goes with --new", "events", "--cursor", "/x");
	USAGE("--json and --format syslog exclude", "events", "--json",
	      "--format", "syslog");
	USAGE("bad sequence number '-1'", "events", "--since", "-1");
	USAGE("bad sequence number '1x'", "events", "--since", "1x");
	USAGE("bad sequence number ''", "events", "--since=");
	USAGE("bad sequence number '9223372036854775808'", "events",
	      "--since", "9223372036854775808");
	USAGE("bad format 'xml'", "events", "--format", "xml");
	USAGE("option '--since' is not valid here", "status", "--since", "1");
	USAGE("option '--new' is not valid here", "stats", "--new");
}
END_TEST

START_TEST(wait_clean)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "wait-clean"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_WAIT_CLEAN);
	ck_assert_int_eq(a.timeout_ms, -1);
	ck_assert_int_eq(PARSE(&a, "wait-clean", "--timeout", "2.5"), 0);
	ck_assert_int_eq(a.timeout_ms, 2500);
	ck_assert_int_eq(PARSE(&a, "wait", "-t", "30", "--json"), 0);
	ck_assert_int_eq(a.timeout_ms, 30000);
	ck_assert(a.json);
	USAGE("bad timeout '0'", "wait-clean", "--timeout", "0");
	USAGE("bad timeout '-1'", "wait-clean", "--timeout", "-1");
	USAGE("bad timeout 'soon'", "wait-clean", "-t", "soon");
	USAGE("option '--timeout' is not valid here", "events", "--timeout",
	      "1");
	USAGE("wait-clean: unexpected argument 'x'", "wait-clean", "x");
}
END_TEST

START_TEST(prefixes)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "forc"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_FORCE_RUN);
	ck_assert_str_eq(a.name, "force-run");
	ck_assert_int_eq(PARSE(&a, "stats"), 0);	/* exact beats prefix */
	ck_assert_int_eq(a.cmd, CLI_CMD_STATS);
	ck_assert_int_eq(PARSE(&a, "statu"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_STATUS);
	ck_assert_int_eq(PARSE(&a, "reb", "-s", "cpu"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_REBASELINE);
	ck_assert_int_eq(PARSE(&a, "po", "g", "interval"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_POLICY_GET);
	ck_assert_int_eq(PARSE(&a, "pol", "s", "interval=30"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_POLICY_SET);
	ck_assert_int_eq(PARSE(&a, "umh", "l"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_UMH_LIST);
	ck_assert_int_eq(PARSE(&a, "umh", "d", "/x"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_UMH_DEL);
	ck_assert_int_eq(PARSE(&a, "e", "-f"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_EVENTS);
	ck_assert_int_eq(PARSE(&a, "ver"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_VERSION);
	USAGE("ambiguous command 'st' (status, stats)", "st");
	USAGE("ambiguous command 's' (status, stats, shutdown)", "s");
	USAGE("ambiguous command 'stat' (status, stats)", "stat");
	USAGE("unknown command 'statuses'", "statuses");
	USAGE("unknown command ''", "");
	/* block modes are values, not commands: exact only */
	USAGE("bad mode 'of'", "block-modules", "of");
}
END_TEST

START_TEST(help_per_command)
{
	struct cli_args a;
	char *buf = NULL;
	size_t len;
	FILE *f;

	ck_assert_int_eq(PARSE(&a, "events", "--help"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
	ck_assert_str_eq(a.help_for, "events");
	ck_assert_int_eq(PARSE(&a, "help", "wait"), 0);
	ck_assert_str_eq(a.help_for, "wait");
	ck_assert_int_eq(PARSE(&a, "help"), 0);
	ck_assert_ptr_null(a.help_for);
	USAGE("unknown command 'bogus'", "help", "bogus");
	USAGE("unexpected argument 'b'", "help", "a", "b");
	f = open_memstream(&buf, &len);
	ck_assert(cli_command_usage(f, "wait"));
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "Usage: lkrg-cli [-j|--json] "
				     "[-d|--device PATH] wait-clean "
				     "[--timeout SECONDS]\n"));
	ck_assert_ptr_nonnull(strstr(buf, "  -h, --help"));
	free(buf);
	ck_assert(!cli_command_usage(NULL, "nope"));
	f = open_memstream(&buf, &len);
	cli_usage(f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "  wait-clean [--timeout SECONDS]\n"));
	ck_assert_ptr_nonnull(strstr(buf, "a command prints one JSON document"));
	free(buf);
}
END_TEST

START_TEST(json_usage_errors)
{
	char *j[] = { "lkrg-cli", "bogus", "--json", NULL };
	char *j2[] = { "lkrg-cli", "-j", "x", NULL };
	char *t[] = { "lkrg-cli", "bogus", "--", "--json", NULL };

	ck_assert(cli_wants_json(3, j));
	ck_assert(cli_wants_json(3, j2));
	ck_assert(!cli_wants_json(4, t));
	ck_assert_int_eq(PARSE((struct cli_args[1]){ 0 }, "version", "--json"),
			 0);
}
END_TEST

/* ---- RFC 5424 --------------------------------------------------------- */

START_TEST(syslog_line)
{
	unsigned char lost[LKRG_EV_LOST_RECORD_SIZE];
	struct lkrg_event_record r;
	char buf[2048];
	int n;

	sample_violation(&r);
	n = cli_event_to_syslog(&r.hdr, "host1", buf, sizeof(buf));
	ck_assert_str_eq(buf,
		"<81>1 2026-11-26T10:00:00.123000Z host1 clkrg - VIOLATION "
		"[clkrg@32473 seq=\"12\" "
		"instance=\"00010203-0405-0607-0809-0a0b0c0d0e0f\" "
		"event=\"10111213-1415-1617-1819-1a1b1c1d1e1f\" "
		"severity=\"alert\" category=\"kernel\" object=\"ktext\" "
		"action=\"logged\" name=\".text\" location=\"foo+0x40/0x100\" "
		"check=\"3\"] #12 2026-11-26T10:00:00.123Z ALERT violation "
		"kernel/ktext .text at foo+0x40/0x100 action=logged check=3 "
		"hash=0x1111->0x2222");
	ck_assert_int_eq(n, (int)strlen(buf));
	/* a task; '"', '\' and ']' escaped inside the structured data */
	r.d.pid = 42;
	r.d.uid = 1000;
	r.d.severity = LKRG_SEV_NOTICE;
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "a\"b]c\\d");
	cli_event_to_syslog(&r.hdr, NULL, buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "<85>1 "));	/* authpriv.notice */
	ck_assert_ptr_nonnull(strstr(buf, "Z - clkrg - VIOLATION "));
	ck_assert_ptr_nonnull(strstr(buf, " pid=\"42\" uid=\"1000\" "
				     "comm=\"a\\\"b\\]c\\\\d\"]"));
	lkrg_ev_make_lost(lost, 10, 5, 0, SAMPLE_REAL_NS, 0);
	cli_event_to_syslog((const void *)lost, "h", buf, sizeof(buf));
	ck_assert_str_eq(buf, "<84>1 2026-11-26T10:00:00.123000Z h clkrg - "
			 "LOST [clkrg@32473 seq=\"0\" first=\"10\" "
			 "count=\"5\"] LOST 5 events (seq 10..14)");
	ck_assert_int_eq(cli_event_to_syslog(&r.hdr, "h", buf, 40), -ENOSPC);
	r.d.size = 4;
	ck_assert_int_eq(cli_event_to_syslog(&r.hdr, "h", buf, sizeof(buf)),
			 -EBADMSG);
}
END_TEST

/* ---- cursor ----------------------------------------------------------- */

START_TEST(cursor_text)
{
	struct cli_cursor c = { .next = 42 }, back;
	char buf[128];
	int i;

	for (i = 0; i < 16; i++)
		c.instance[i] = (uint8_t)(0xa0 + i);
	ck_assert_int_gt(cli_cursor_format(&c, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf 42\n");
	ck_assert_int_eq(cli_cursor_parse(buf, &back), 0);
	ck_assert_int_eq(memcmp(&back, &c, sizeof(c)), 0);
	ck_assert_int_eq(cli_cursor_parse("a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"
					  " 7", &back), 0);
	ck_assert_uint_eq(back.next, 7);
	ck_assert_int_eq(cli_cursor_parse("", &back), -EBADMSG);
	ck_assert_int_eq(cli_cursor_parse("nope 42\n", &back), -EBADMSG);
	ck_assert_int_eq(cli_cursor_parse("a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"
					  " -1\n", &back), -EBADMSG);
	ck_assert_int_eq(cli_cursor_parse("a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"
					  " 4x\n", &back), -EBADMSG);
	ck_assert_int_eq(cli_cursor_parse("a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"
					  "\n", &back), -EBADMSG);
	ck_assert_int_eq(cli_cursor_format(&c, buf, 10), -ENOSPC);
}
END_TEST

START_TEST(cursor_file)
{
	struct cli_cursor c = { .next = 9 }, back;
	char dir[] = "/tmp/clkrg-cursor-XXXXXX", path[256], got[256];
	struct stat st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a/b/events.cursor", dir);
	ck_assert_int_eq(cli_cursor_load(path, &back), -ENOENT);
	ck_assert_int_eq(cli_cursor_save(path, &c), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(cli_cursor_load(path, &back), 0);
	ck_assert_uint_eq(back.next, 9);
	c.next = 10;
	ck_assert_int_eq(cli_cursor_save(path, &c), 0);
	ck_assert_int_eq(cli_cursor_load(path, &back), 0);
	ck_assert_uint_eq(back.next, 10);
	/* the default place */
	setenv("XDG_STATE_HOME", dir, 1);
	ck_assert_int_eq(cli_cursor_path(NULL, got, sizeof(got)), 0);
	snprintf(path, sizeof(path), "%s/lkrg-cli/events.cursor", dir);
	ck_assert_str_eq(got, path);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/x", 1);
	ck_assert_int_eq(cli_cursor_path(NULL, got, sizeof(got)), 0);
	ck_assert_str_eq(got, "/home/x/.local/state/lkrg-cli/events.cursor");
	ck_assert_int_eq(cli_cursor_path("/y", got, sizeof(got)), 0);
	ck_assert_str_eq(got, "/y");
	unsetenv("HOME");
	ck_assert_int_eq(cli_cursor_path(NULL, got, sizeof(got)), -ENOENT);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* ---- hints ------------------------------------------------------------- */

START_TEST(hints)
{
	struct stat st = { .st_uid = 0, .st_gid = 1000, .st_mode = 020640 };
	const gid_t groups[] = { 24, 1000 };
	char buf[256];

	ck_assert_str_eq(cli_group_reason(&st, 1001, 1001, groups, 2, "lkrg",
					  buf, sizeof(buf)),
			 "permission denied: group lkrg (clkrg's read_gid) may "
			 "read events and status, but this command needs "
			 "CAP_SYS_ADMIN: run it as root");
	ck_assert_ptr_nonnull(strstr(cli_group_reason(&st, 1001, 1000, NULL, 0,
						      NULL, buf, sizeof(buf)),
				     "group 1000 (clkrg's read_gid)"));
	/* not a member, the owner, or no group read: no hint */
	ck_assert_ptr_null(cli_group_reason(&st, 1001, 1001, groups, 1, "g",
					    buf, sizeof(buf)));
	ck_assert_ptr_null(cli_group_reason(&st, 0, 1000, NULL, 0, "g", buf,
					    sizeof(buf)));
	st.st_mode = 020600;
	ck_assert_ptr_null(cli_group_reason(&st, 1001, 1000, NULL, 0, "g", buf,
					    sizeof(buf)));
	/* the module missing: modprobe */
	ck_assert_ptr_nonnull(strstr(cli_reason(-ENOENT, CLI_AT_OPEN, NULL, buf,
						sizeof(buf)),
				     "run 'modprobe clkrg'"));
	ck_assert_ptr_nonnull(strstr(cli_reason(-ENXIO, CLI_AT_OPEN, NULL, buf,
						sizeof(buf)),
				     "run 'modprobe clkrg'"));
	/* EPERM on a node the caller does not read through its group */
	ck_assert_str_eq(cli_reason(-EPERM, CLI_AT_COMMAND, "/nonexistent",
				    buf, sizeof(buf)),
			 "permission denied: this command needs CAP_SYS_ADMIN");
}
END_TEST

Suite *cli_script_suite(void)
{
	Suite *s = suite_create("lkrg-cli/scripts");
	TCase *tc = tcase_create("scripts");

	tcase_add_test(tc, events_options);
	tcase_add_test(tc, wait_clean);
	tcase_add_test(tc, prefixes);
	tcase_add_test(tc, help_per_command);
	tcase_add_test(tc, json_usage_errors);
	tcase_add_test(tc, syslog_line);
	tcase_add_test(tc, cursor_text);
	tcase_add_test(tc, cursor_file);
	tcase_add_test(tc, hints);
	suite_add_tcase(s, tc);
	return s;
}
