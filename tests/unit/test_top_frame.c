// SPDX-License-Identifier: GPL-2.0
/* lkrg-top -b: text frames and JSON frames (read back with json-c), and
 * --replay of a file written by lkrg-cli events --json. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

#include "top_fixtures.h"
#include "frame.h"
#include "replay.h"

static struct top_model m;
static char *out;
static size_t outlen;

static void setup(void)
{
	top_utc();
	top_model_init(&m);
	out = NULL;
}

static void teardown(void)
{
	top_model_free(&m);
	free(out);
}

static const struct top_clock clk = {
	.real_ns = SAMPLE_REAL_NS + 60 * S_NS,
	.mono_ns = 200 * S_NS,
};

static void live_model(void)
{
	uint64_t i;

	m.conn = TOP_CONN_LIVE;
	top_status(&m, clk.real_ns);
	top_knobs(&m, false);
	for (i = 1; i <= 12; i++)
		top_add(&m, i, i % 2 ? LKRG_SEV_ALERT : LKRG_SEV_NOTICE,
			i % 2 ? LKRG_OBJ_KTEXT : LKRG_OBJ_BASELINE,
			i % 2 ? LKRG_ACT_LOGGED : LKRG_ACT_CHANGED, -1, "",
			i % 2 ? ".text" : "baseline", "");
	top_triggers(&m, 1, 10, 0, 190 * S_NS);
	top_triggers(&m, 3, 12, 0, 200 * S_NS);
}

static void text_frame(unsigned long n)
{
	FILE *f = open_memstream(&out, &outlen);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(top_frame_text(f, &m, &clk, n), 0);
	fclose(f);
}

static json_object *json_frame(unsigned long n)
{
	FILE *f = open_memstream(&out, &outlen);
	json_object *o;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(top_frame_json(f, &m, &clk, n), 0);
	fclose(f);
	/* one document, on one line */
	ck_assert_ptr_eq(strchr(out, '\n'), out + outlen - 1);
	o = json_tokener_parse(out);
	ck_assert_ptr_nonnull(o);
	return o;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	ck_assert_msg(json_object_object_get_ex(o, key, &v), "no %s", key);
	return v;
}

START_TEST(text)
{
	live_model();
	text_frame(2);
	ck_assert_ptr_nonnull(strstr(out, "=== frame 2 at 2026-11-26T10:01:00.123Z\n"
				     "lkrg-top " CLKRG_VERSION " [live] clkrg 0.1.0"));
	ck_assert_ptr_nonnull(strstr(out, "\npolicy: modules on  kint "
				     "periodic/log_only"));
	ck_assert_ptr_nonnull(strstr(out, "\nlast check #3: 1 VIOLATIONS ("));
	ck_assert_ptr_nonnull(strstr(out, "\nevents: produced 23 lost 0"));
	/* the 10 newest events, newest first */
	ck_assert_ptr_nonnull(strstr(out, "\nEVENTS (newest first, 10 of 12)\n"
				     "TIME     SEV"));
	ck_assert_ptr_nonnull(strstr(out, "\n10:00:12 NOTICE guard/baseline"));
	ck_assert_ptr_nonnull(strstr(out, "\n10:00:03 ALERT  kernel/ktext"));
	ck_assert_ptr_null(strstr(out, "\n10:00:02 "));
	ck_assert(strstr(out, "10:00:12") < strstr(out, "10:00:11"));
	/* the trigger table: +2 in 10 s, a history cell in ASCII */
	ck_assert_ptr_nonnull(strstr(out, "\nTRIGGERS\nTRIGGER       FIRED"));
	ck_assert_ptr_nonnull(strstr(out, "\nmanual            3        3"
				     "         0      0     1s ago    0.20 "));
	ck_assert_ptr_nonnull(strstr(out, "\nHOOKS\nHOOK "));
	ck_assert(out[outlen - 1] == '\n' && out[outlen - 2] == '\n');
}
END_TEST

START_TEST(json)
{
	json_object *o, *ev, *tr, *h;

	live_model();
	o = json_frame(7);
	ck_assert_int_eq(json_object_get_int(get(o, "frame")), 7);
	ck_assert_str_eq(json_object_get_string(get(o, "state")), "live");
	ck_assert_int_eq(json_object_get_int(get(get(o, "status"), "checks")),
			 3);
	ck_assert_str_eq(json_object_get_string(get(get(o, "policy"),
						    "kint_enforce")),
			 "log_only");
	ck_assert_str_eq(json_object_get_string(get(get(o, "policy"),
						    "block_modules")), "on");
	ev = get(o, "events");
	ck_assert_uint_eq(json_object_array_length(ev), TOP_FRAME_EVENTS);
	/* libclkrg's own event objects, newest first */
	ck_assert_int_eq(json_object_get_int(get(json_object_array_get_idx(ev, 0),
						 "seq")), 12);
	ck_assert_str_eq(json_object_get_string(get(json_object_array_get_idx(ev, 1),
						    "object")), "ktext");
	tr = get(o, "triggers");
	ck_assert_uint_eq(json_object_array_length(tr), 3);
	h = get(json_object_array_get_idx(tr, 1), "history");
	ck_assert_str_eq(json_object_get_string(get(json_object_array_get_idx(tr, 1),
						    "name")), "timer");
	ck_assert_uint_eq(json_object_array_length(h), TOP_HIST);
	ck_assert_int_eq(json_object_get_int(json_object_array_get_idx(h, TOP_HIST - 1)),
			 2);
	ck_assert(json_object_get_double(get(json_object_array_get_idx(tr, 1),
					     "rate")) > 0.19);
	ck_assert_int_eq(json_object_get_int(get(o, "bucket_s")), 10);
	ck_assert_uint_eq(json_object_array_length(get(o, "hooks")), 0);
	json_object_put(o);
}
END_TEST

/* Two events written as lkrg-cli writes them, a blank line, a bad line. */
static FILE *saved_file(void)
{
	struct lkrg_event_record r;
	char a[CLKRG_JSON_MAX], b[CLKRG_JSON_MAX];
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	sample_violation(&r);
	clkrg_event_to_json(&r.hdr, a, sizeof(a));
	top_rec(&r, 13, LKRG_SEV_ALERT, LKRG_OBJ_TASK_CRED, LKRG_ACT_KILLED,
		1234, "pint_attack", "uid", "security_file_open+0x0/0x80");
	clkrg_event_to_json(&r.hdr, b, sizeof(b));
	fprintf(f, "%s\n\n%s\n{\"seq\":\"bad\"}\n", a, b);
	rewind(f);
	return f;
}

START_TEST(replay)
{
	char line[CLKRG_JSON_MAX];
	json_object *o, *ev;
	FILE *f = saved_file();

	ck_assert_int_eq(top_replay_load(&m, f, "saved.jsonl"), 2);
	fclose(f);
	ck_assert_uint_eq(m.replay_skipped, 1);
	ck_assert_int_eq(m.conn, TOP_CONN_REPLAY);
	ck_assert_uint_eq(top_model_event(&m, 0)->hdr.seq, 13);
	ck_assert_int_eq(top_model_event(&m, 0)->d.pid, 1234);
	text_frame(1);
	ck_assert_ptr_nonnull(strstr(out, " [REPLAY saved.jsonl]\nreplay: 2 "
				     "events, seq 12..13, lost 0, 1 lines "
				     "skipped\n"));
	ck_assert_ptr_nonnull(strstr(out, "task/task_cred     killed   "
				     "pint_attack[1234]"));
	/* a replay has no tables to show */
	ck_assert_ptr_null(strstr(out, "TRIGGERS"));
	free(out);
	o = json_frame(1);
	ck_assert_str_eq(json_object_get_string(get(o, "state")), "replay");
	ck_assert_int_eq(json_object_get_int(get(o, "skipped")), 1);
	ev = get(o, "events");
	ck_assert_uint_eq(json_object_array_length(ev), 2);
	/* the saved line comes back byte for byte */
	f = saved_file();
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	fclose(f);
	line[strcspn(line, "\n")] = 0;
	ck_assert_str_eq(json_object_to_json_string_ext(
				 json_object_array_get_idx(ev, 1),
				 JSON_C_TO_STRING_PLAIN |
				 JSON_C_TO_STRING_NOSLASHESCAPE), line);
	json_object_put(o);
}
END_TEST

START_TEST(replay_nothing)
{
	FILE *f = tmpfile();

	fputs("not json\n", f);
	rewind(f);
	ck_assert_int_eq(top_replay_load(&m, f, "x"), 0);
	ck_assert_uint_eq(m.replay_skipped, 1);
	fclose(f);
}
END_TEST

Suite *top_frame_suite(void)
{
	Suite *s = suite_create("lkrg-top/frame");
	TCase *tc = tcase_create("frame");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, text);
	tcase_add_test(tc, json);
	tcase_add_test(tc, replay);
	tcase_add_test(tc, replay_nothing);
	suite_add_tcase(s, tc);
	return s;
}
