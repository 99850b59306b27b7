// SPDX-License-Identifier: GPL-2.0
/*
 * journald/fields.c and the file sink: the journal entry of each kind of
 * record carries its sequence number, type, severity, object, task,
 * location and expected/actual values as fields, the text line as
 * MESSAGE and the whole record as CLKRG_JSON; no field holds a newline;
 * the file sink writes the same fields in the journal export format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests.h"
#include "fields.h"
#include "sink.h"

static struct jfields f;

/* Field @key is exactly @want. */
static void field_is(const char *key, const char *want)
{
	size_t len;
	const char *v = jfields_get(&f, key, &len);

	ck_assert_msg(v, "no field %s", key);
	ck_assert_msg(len == strlen(want) && !memcmp(v, want, len),
		      "%s=%.*s, want %s", key, (int)len, v, want);
}

static void no_field(const char *key)
{
	ck_assert_msg(!jfields_get(&f, key, NULL), "unexpected field %s", key);
}

static void no_newlines(void)
{
	unsigned int i;

	for (i = 0; i < f.n; i++)
		ck_assert(!memchr(f.iov[i].iov_base, '\n', f.iov[i].iov_len));
}

START_TEST(violation_fields)
{
	struct lkrg_event_record r;
	char text[CLKRG_TEXT_MAX], json[CLKRG_JSON_MAX];

	sample_violation(&r);
	ck_assert_int_eq(jfields_event(&f, &r.hdr), 0);
	ck_assert_int_gt(clkrg_event_to_text(&r.hdr, text, sizeof(text)), 0);
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, json, sizeof(json)), 0);
	field_is("MESSAGE", text);
	field_is("CLKRG_JSON", json);
	field_is("PRIORITY", "1");
	field_is("MESSAGE_ID", JF_ID_VIOLATION);
	field_is("SYSLOG_IDENTIFIER", "clkrg");
	field_is("CLKRG_SEQ", "12");
	field_is("CLKRG_TYPE", "violation");
	field_is("CLKRG_TIME", "2026-11-26T10:00:00.123Z");
	field_is("CLKRG_SEVERITY", "alert");
	field_is("CLKRG_CATEGORY", "kernel");
	field_is("CLKRG_OBJECT", "ktext");
	field_is("CLKRG_ACTION", "logged");
	field_is("CLKRG_TRIGGER", "manual");
	field_is("CLKRG_CHECK_ID", "3");
	field_is("CLKRG_INSTANCE", "00010203-0405-0607-0809-0a0b0c0d0e0f");
	field_is("CLKRG_NAME", ".text");
	field_is("CLKRG_LOCATION", "foo+0x40/0x100");
	field_is("CLKRG_ADDRESS", "0xffffffff81000040");
	field_is("CLKRG_LENGTH", "64");
	field_is("CLKRG_EXPECTED_HASH", "0x1111");
	field_is("CLKRG_ACTUAL_HASH", "0x2222");
	field_is("CLKRG_REDACTED", "0");
	/* No task: pid -1. */
	no_field("CLKRG_PID");
	no_field("CLKRG_COMM");
	no_field("CLKRG_SUPPRESSED");
	no_newlines();
}
END_TEST

START_TEST(task_fields_and_values)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	r.hdr.type = LKRG_EV_BLOCK;
	r.d.severity = LKRG_SEV_WARN;
	r.d.category = LKRG_CAT_TASK;
	r.d.object = LKRG_OBJ_TASK_CRED;
	r.d.action = LKRG_ACT_KILLED;
	r.d.pid = 4242;
	r.d.tgid = 4240;
	r.d.uid = 1000;
	r.d.euid = 0;
	r.d.suppressed = 7;
	r.d.address = 0;
	r.hdr.flags = LKRG_EVF_REDACTED;
	/* comm with a newline and a control byte: never a broken entry */
	memcpy(r.d.comm, "ev\nil\x01", 7);
	r.d.nvalues = 0;
	lkrg_ev_add_value(&r.d, "euid", 1000, 0);
	lkrg_ev_add_value(&r.d, "cap-effective", 0, 0x1ffffffffffULL);
	lkrg_ev_add_value(&r.d, "euid", 1000, 1);
	lkrg_ev_add_value(&r.d, "", 5, 6);
	ck_assert_int_eq(jfields_event(&f, &r.hdr), 0);
	field_is("PRIORITY", "4");
	field_is("MESSAGE_ID", JF_ID_BLOCK);
	field_is("CLKRG_TYPE", "block");
	field_is("CLKRG_OBJECT", "task_cred");
	field_is("CLKRG_ACTION", "killed");
	field_is("CLKRG_PID", "4242");
	field_is("CLKRG_TGID", "4240");
	field_is("CLKRG_UID", "1000");
	field_is("CLKRG_EUID", "0");
	field_is("CLKRG_COMM", "ev?il?");
	field_is("CLKRG_SUPPRESSED", "7");
	field_is("CLKRG_REDACTED", "1");
	no_field("CLKRG_ADDRESS");
	field_is("CLKRG_EXPECTED_EUID", "0x3e8");
	field_is("CLKRG_ACTUAL_EUID", "0x0");
	field_is("CLKRG_EXPECTED_CAP_EFFECTIVE", "0x0");
	field_is("CLKRG_ACTUAL_CAP_EFFECTIVE", "0x1ffffffffff");
	field_is("CLKRG_ACTUAL_EUID_2", "0x1");
	field_is("CLKRG_EXPECTED_VALUE3", "0x5");
	field_is("CLKRG_ACTUAL_VALUE3", "0x6");
	no_newlines();
}
END_TEST

START_TEST(severities_to_priorities)
{
	static const char *const want[] = { "1", "4", "5", "6" };
	struct lkrg_event_record r;
	unsigned int sev;

	for (sev = LKRG_SEV_ALERT; sev <= LKRG_SEV_INFO; sev++) {
		sample_violation(&r);
		r.hdr.type = LKRG_EV_INFO;
		r.d.severity = (__u16)sev;
		ck_assert_int_eq(jfields_event(&f, &r.hdr), 0);
		field_is("PRIORITY", want[sev]);
		field_is("MESSAGE_ID", JF_ID_INFO);
	}
	sample_violation(&r);
	r.hdr.type = LKRG_EV_ADMIN;
	ck_assert_int_eq(jfields_event(&f, &r.hdr), 0);
	field_is("MESSAGE_ID", JF_ID_ADMIN);
}
END_TEST

START_TEST(lost_range)
{
	unsigned char buf[LKRG_EV_LOST_RECORD_SIZE];

	lkrg_ev_make_lost(buf, 100, 37, 1, SAMPLE_REAL_NS, 0);
	ck_assert_int_eq(jfields_event(&f, (void *)buf), 0);
	field_is("PRIORITY", "4");
	field_is("MESSAGE_ID", JF_ID_LOST);
	field_is("CLKRG_TYPE", "lost");
	field_is("CLKRG_LOST_FIRST_SEQ", "100");
	field_is("CLKRG_LOST_COUNT", "37");
	field_is("MESSAGE", "LOST 37 events (seq 100..136)");
	no_field("CLKRG_SEVERITY");
}
END_TEST

START_TEST(bad_records)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	r.hdr.type = 9;			/* a type this writer does not know */
	ck_assert_int_eq(jfields_event(&f, &r.hdr), -EBADMSG);
	sample_violation(&r);
	r.d.size = sizeof(r.d) + 8;	/* payload larger than the record */
	ck_assert_int_eq(jfields_event(&f, &r.hdr), -EBADMSG);
}
END_TEST

START_TEST(note_entry)
{
	ck_assert_int_eq(jfields_note(&f, 4, "clkrg was\nreloaded"), 0);
	field_is("MESSAGE", "clkrg-journald: clkrg was reloaded");
	field_is("PRIORITY", "4");
	field_is("CLKRG_TYPE", "note");
	field_is("MESSAGE_ID", JF_ID_NOTE);
	no_field("CLKRG_SEQ");
}
END_TEST

/* The file sink: export format, appended, read back field by field. */
START_TEST(file_sink_export_format)
{
	char path[] = "/tmp/clkrg-sink.XXXXXX", *line = NULL;
	struct lkrg_event_record r;
	unsigned int i = 0, entries = 0;
	struct sink *s;
	size_t cap = 0;
	ssize_t n;
	FILE *in;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	sample_violation(&r);
	ck_assert_int_eq(jfields_event(&f, &r.hdr), 0);
	ck_assert_int_eq(sink_open(path, &s), 0);
	ck_assert_int_eq(sink_write(s, &f), 0);
	ck_assert_int_eq(sink_write(s, &f), 0);
	ck_assert_int_eq(sink_sync(s), 0);
	sink_close(s);
	in = fopen(path, "r");
	ck_assert_ptr_nonnull(in);
	while ((n = getline(&line, &cap, in)) > 0) {
		ck_assert_int_eq(line[n - 1], '\n');
		if (n == 1) {		/* the blank line after an entry */
			ck_assert_uint_eq(i, f.n);
			i = 0;
			entries++;
			continue;
		}
		ck_assert_uint_lt(i, f.n);
		ck_assert_uint_eq((size_t)n - 1, f.iov[i].iov_len);
		ck_assert(!memcmp(line, f.iov[i].iov_base, (size_t)n - 1));
		i++;
	}
	free(line);
	fclose(in);
	unlink(path);
	ck_assert_uint_eq(entries, 2);
	ck_assert_int_eq(sink_open("/nonexistent-dir/x", &s), -ENOENT);
}
END_TEST

Suite *journal_fields_suite(void)
{
	Suite *s = suite_create("journal_fields");
	TCase *t = tcase_create("fields");

	tcase_add_test(t, violation_fields);
	tcase_add_test(t, task_fields_and_values);
	tcase_add_test(t, severities_to_priorities);
	tcase_add_test(t, lost_range);
	tcase_add_test(t, bad_records);
	tcase_add_test(t, note_entry);
	tcase_add_test(t, file_sink_export_format);
	suite_add_tcase(s, t);
	return s;
}
