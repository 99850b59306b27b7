// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's model: order, ring, filter, sort, pause, cursor, rates and
 * history, all driven with hand-made times. */
#include "top_fixtures.h"

static struct top_model m;

static void setup(void)
{
	top_model_init(&m);
}

static void teardown(void)
{
	top_model_free(&m);
}

/* Sequence numbers of the events pane, as shown, into @seqs. */
static size_t shown(uint64_t *seqs, size_t max)
{
	size_t idx[TOP_EVENTS_MAX], n, i;

	n = top_model_visible(&m, TOP_PANE_EVENTS, idx, TOP_EVENTS_MAX);
	for (i = 0; i < n && i < max; i++)
		seqs[i] = top_model_event(&m, idx[i])->hdr.seq;
	return n;
}

START_TEST(newest_first)
{
	uint64_t s[8];

	top_add(&m, 1, LKRG_SEV_INFO, LKRG_OBJ_GUARD, LKRG_ACT_NONE, -1, "",
		"loaded", "");
	top_add(&m, 2, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "foo+0x40/0x100");
	top_add(&m, 3, LKRG_SEV_NOTICE, LKRG_OBJ_BASELINE, LKRG_ACT_CHANGED,
		97, "lkrg-cli", "baseline", "");
	ck_assert_uint_eq(shown(s, 8), 3);
	ck_assert_uint_eq(s[0], 3);
	ck_assert_uint_eq(s[1], 2);
	ck_assert_uint_eq(s[2], 1);
	ck_assert_uint_eq(m.last_seq, 3);
	ck_assert_uint_eq(top_model_event(&m, 0)->arrival, 3);
	ck_assert_ptr_null(top_model_event(&m, 3));
}
END_TEST

START_TEST(lost_counts)
{
	unsigned char lost[LKRG_EV_LOST_RECORD_SIZE];
	uint64_t s[4];

	top_add(&m, 1, LKRG_SEV_INFO, LKRG_OBJ_GUARD, LKRG_ACT_NONE, -1, "",
		"loaded", "");
	lkrg_ev_make_lost(lost, 2, 40, 0, SAMPLE_REAL_NS, 0);
	ck_assert_int_eq(top_model_add_event(&m, (const void *)lost), 0);
	lkrg_ev_make_lost(lost, 50, 2, 0, SAMPLE_REAL_NS, 0);
	ck_assert_int_eq(top_model_add_event(&m, (const void *)lost), 0);
	ck_assert_uint_eq(m.lost, 42);
	/* a LOST record has no sequence number of its own */
	ck_assert_uint_eq(m.last_seq, 1);
	ck_assert_uint_eq(shown(s, 4), 3);
	ck_assert_uint_eq(top_model_event(&m, 0)->hdr.type, LKRG_EV_LOST);
}
END_TEST

START_TEST(bad_payload_refused)
{
	struct lkrg_event_record r;

	top_rec(&r, 1, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "");
	r.d.size = 4;	/* smaller than any payload */
	ck_assert_int_eq(top_model_add_event(&m, &r.hdr), -EBADMSG);
	ck_assert_uint_eq(m.nev, 0);
	ck_assert_int_eq(top_model_add_event(&m, NULL), -EINVAL);
}
END_TEST

START_TEST(ring_keeps_newest)
{
	uint64_t i;

	for (i = 1; i <= TOP_EVENTS_MAX + 5; i++)
		top_add(&m, i, LKRG_SEV_WARN, LKRG_OBJ_MODULE, LKRG_ACT_LOGGED,
			-1, "", "m", "");
	ck_assert_uint_eq(m.nev, TOP_EVENTS_MAX);
	ck_assert_uint_eq(m.dropped, 5);
	ck_assert_uint_eq(top_model_event(&m, 0)->hdr.seq, TOP_EVENTS_MAX + 5);
	ck_assert_uint_eq(top_model_event(&m, TOP_EVENTS_MAX - 1)->hdr.seq, 6);
}
END_TEST

static void three(void)
{
	top_add(&m, 1, LKRG_SEV_WARN, LKRG_OBJ_MODULE, LKRG_ACT_LOGGED, -1, "",
		"clkrg_modtamper", "modtamper_fn+0x10/0x40");
	top_add(&m, 2, LKRG_SEV_ALERT, LKRG_OBJ_TASK_CRED, LKRG_ACT_KILLED,
		1234, "pint_attack", "uid", "security_file_open+0x0/0x80");
	top_add(&m, 3, LKRG_SEV_NOTICE, LKRG_OBJ_BASELINE, LKRG_ACT_CHANGED,
		97, "lkrg-cli", "baseline", "");
}

START_TEST(filter)
{
	uint64_t s[4];

	three();
	top_model_set_filter(&m, TOP_PANE_EVENTS, "ATTACK");	/* any case */
	ck_assert_uint_eq(shown(s, 4), 1);
	ck_assert_uint_eq(s[0], 2);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "module");	/* category */
	ck_assert_uint_eq(shown(s, 4), 1);
	ck_assert_uint_eq(s[0], 1);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "killed");	/* action */
	ck_assert_uint_eq(shown(s, 4), 1);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "1234");	/* a pid */
	ck_assert_uint_eq(shown(s, 4), 1);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "123");	/* pids whole */
	ck_assert_uint_eq(shown(s, 4), 0);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "file_open");	/* location */
	ck_assert_uint_eq(shown(s, 4), 1);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "violation");	/* type */
	ck_assert_uint_eq(shown(s, 4), 3);
	top_model_set_filter(&m, TOP_PANE_EVENTS, "");
	ck_assert_uint_eq(shown(s, 4), 3);
	/* the tables filter on name and role */
	top_triggers(&m, 1, 2, 3, 10 * S_NS);
	top_model_set_filter(&m, TOP_PANE_TRIGGERS, "tim");
	ck_assert_uint_eq(top_model_visible(&m, TOP_PANE_TRIGGERS, (size_t[8]){ 0 },
					    8), 1);
}
END_TEST

START_TEST(sort_events)
{
	uint64_t s[4];

	three();
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_EVENTS), "time");
	top_model_next_sort(&m, TOP_PANE_EVENTS);
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_EVENTS), "severity");
	shown(s, 4);
	ck_assert_uint_eq(s[0], 2);	/* alert */
	ck_assert_uint_eq(s[1], 1);	/* warn */
	ck_assert_uint_eq(s[2], 3);	/* notice */
	top_model_reverse(&m, TOP_PANE_EVENTS);
	shown(s, 4);
	ck_assert_uint_eq(s[0], 3);
	ck_assert_uint_eq(s[2], 2);
	top_model_next_sort(&m, TOP_PANE_EVENTS);	/* object */
	top_model_next_sort(&m, TOP_PANE_EVENTS);	/* action */
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_EVENTS), "action");
	shown(s, 4);
	ck_assert_uint_eq(s[0], 3);	/* changed < killed < logged */
	ck_assert_uint_eq(s[1], 2);
	ck_assert_uint_eq(s[2], 1);
	top_model_next_sort(&m, TOP_PANE_EVENTS);	/* task */
	shown(s, 4);
	ck_assert_uint_eq(s[0], 1);	/* "" < lkrg-cli < pint_attack */
	ck_assert_uint_eq(s[1], 3);
	top_model_next_sort(&m, TOP_PANE_EVENTS);
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_EVENTS), "time");
}
END_TEST

START_TEST(sort_rows)
{
	size_t idx[8], n;

	top_triggers(&m, 5, 1, 3, 10 * S_NS);
	n = top_model_visible(&m, TOP_PANE_TRIGGERS, idx, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(idx[0], 0);	/* the module's order */
	top_model_next_sort(&m, TOP_PANE_TRIGGERS);	/* name */
	top_model_visible(&m, TOP_PANE_TRIGGERS, idx, 8);
	ck_assert_str_eq(m.triggers.shown[idx[0]].name, "manual");
	ck_assert_str_eq(m.triggers.shown[idx[1]].name, "module");
	top_model_next_sort(&m, TOP_PANE_TRIGGERS);	/* fired */
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_TRIGGERS), "fired");
	top_model_visible(&m, TOP_PANE_TRIGGERS, idx, 8);
	ck_assert_uint_eq(m.triggers.shown[idx[0]].count, 5);
	ck_assert_uint_eq(m.triggers.shown[idx[2]].count, 1);
	top_model_next_sort(&m, TOP_PANE_TRIGGERS);	/* violations */
	top_model_visible(&m, TOP_PANE_TRIGGERS, idx, 8);
	ck_assert_str_eq(m.triggers.shown[idx[0]].name, "module");
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_HOOKS), "order");
	top_model_next_sort(&m, TOP_PANE_HOOKS);
	top_model_next_sort(&m, TOP_PANE_HOOKS);
	ck_assert_str_eq(top_model_sort_name(&m, TOP_PANE_HOOKS), "hits");
}
END_TEST

START_TEST(pause)
{
	uint64_t s[4];

	top_add(&m, 1, LKRG_SEV_INFO, LKRG_OBJ_GUARD, LKRG_ACT_NONE, -1, "",
		"loaded", "");
	top_triggers(&m, 1, 1, 0, 10 * S_NS);
	top_status(&m, SAMPLE_REAL_NS);
	top_model_pause(&m, true);
	top_add(&m, 2, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "");
	top_add(&m, 3, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "");
	top_triggers(&m, 9, 1, 0, 11 * S_NS);
	m.status.checks = 99;
	top_model_set_status(&m, &m.status, SAMPLE_REAL_NS, 11 * S_NS);
	/* kept, not shown */
	ck_assert_uint_eq(m.nev, 3);
	ck_assert_uint_eq(shown(s, 4), 1);
	ck_assert_uint_eq(top_model_pending(&m), 2);
	ck_assert_uint_eq(m.triggers.shown[0].count, 1);
	ck_assert_uint_eq(m.triggers.live[0].count, 9);
	ck_assert_uint_eq(m.status_shown.checks, 3);
	top_model_pause(&m, false);
	ck_assert_uint_eq(shown(s, 4), 3);
	ck_assert_uint_eq(top_model_pending(&m), 0);
	ck_assert_uint_eq(m.triggers.shown[0].count, 9);
	ck_assert_uint_eq(m.status_shown.checks, 99);
}
END_TEST

START_TEST(rates_and_history)
{
	const struct top_row *r;

	top_triggers(&m, 10, 0, 0, 100 * S_NS);
	r = &m.triggers.shown[0];
	ck_assert_str_eq(r->name, "manual");
	ck_assert(r->rate == 0);
	ck_assert_uint_eq(top_row_hist_max(r, TOP_HIST), 0);
	/* +5 in 2 s */
	top_triggers(&m, 15, 0, 0, 102 * S_NS);
	ck_assert(r->rate > 2.49 && r->rate < 2.51);
	ck_assert_uint_eq(r->hist[TOP_HIST - 1], 5);
	/* +1 in the same 10 s bucket */
	top_triggers(&m, 16, 0, 0, 103 * S_NS);
	ck_assert_uint_eq(r->hist[TOP_HIST - 1], 6);
	ck_assert(r->rate > 0.99 && r->rate < 1.01);
	/* two buckets later: +3, one empty bucket in between */
	top_triggers(&m, 19, 0, 0, 123 * S_NS);
	ck_assert_uint_eq(r->hist[TOP_HIST - 1], 3);
	ck_assert_uint_eq(r->hist[TOP_HIST - 2], 0);
	ck_assert_uint_eq(r->hist[TOP_HIST - 3], 6);
	ck_assert_uint_eq(top_row_hist_max(r, 3), 6);
	ck_assert_uint_eq(top_row_hist_max(r, 1), 3);
	/* nothing new: the rate falls to 0 */
	top_triggers(&m, 19, 0, 0, 124 * S_NS);
	ck_assert(r->rate == 0);
	/* a counter that went down (a reload) counts from 0 */
	top_triggers(&m, 2, 0, 0, 125 * S_NS);
	ck_assert_uint_eq(r->hist[TOP_HIST - 1], 5);
	/* an hour later the old buckets are gone */
	top_triggers(&m, 2, 0, 0, 3725 * S_NS);
	ck_assert_uint_eq(top_row_hist_max(r, TOP_HIST), 0);
}
END_TEST

START_TEST(hooks_table)
{
	struct lkrg_hook_row h[2];

	memset(h, 0, sizeof(h));
	lkrg_ev_set_str(h[0].symbol, sizeof(h[0].symbol), "commit_creds");
	lkrg_ev_set_str(h[0].role, sizeof(h[0].role), "creds");
	h[0].hits = 100;
	h[0].active = 1;
	lkrg_ev_set_str(h[1].symbol, sizeof(h[1].symbol), "security_bprm_check");
	lkrg_ev_set_str(h[1].role, sizeof(h[1].role), "access");
	h[1].denied = 3;
	top_model_set_hooks(&m, h, 2, 10 * S_NS);
	h[0].hits = 130;
	top_model_set_hooks(&m, h, 2, 11 * S_NS);
	ck_assert_uint_eq(m.hooks.nshown, 2);
	ck_assert_str_eq(m.hooks.shown[0].role, "creds");
	ck_assert(m.hooks.shown[0].rate > 29.9 && m.hooks.shown[0].rate < 30.1);
	ck_assert_uint_eq(m.hooks.shown[1].last, 3);	/* denied */
	ck_assert(!m.hooks.shown[1].active);
}
END_TEST

START_TEST(cursor_follows_identity)
{
	const struct top_event *e;

	three();
	ck_assert_uint_eq(top_model_cursor(&m, TOP_PANE_EVENTS), 0);
	ck_assert_uint_eq(top_model_selected(&m)->hdr.seq, 3);
	top_model_move(&m, TOP_PANE_EVENTS, 1);
	e = top_model_selected(&m);
	ck_assert_uint_eq(e->hdr.seq, 2);
	/* a newer event arrives: the same event stays selected */
	top_add(&m, 4, LKRG_SEV_INFO, LKRG_OBJ_GUARD, LKRG_ACT_NONE, -1, "",
		"x", "");
	ck_assert_uint_eq(top_model_selected(&m)->hdr.seq, 2);
	ck_assert_uint_eq(top_model_cursor(&m, TOP_PANE_EVENTS), 2);
	/* clamped at both ends; the top follows the newest again */
	top_model_move(&m, TOP_PANE_EVENTS, 100);
	ck_assert_uint_eq(top_model_selected(&m)->hdr.seq, 1);
	top_model_move(&m, TOP_PANE_EVENTS, -100);
	ck_assert_uint_eq(top_model_selected(&m)->hdr.seq, 4);
	top_add(&m, 5, LKRG_SEV_INFO, LKRG_OBJ_GUARD, LKRG_ACT_NONE, -1, "",
		"x", "");
	ck_assert_uint_eq(top_model_selected(&m)->hdr.seq, 5);
}
END_TEST

START_TEST(knobs)
{
	const struct lkrg_knob *k;
	int64_t v;

	top_knobs(&m, true);
	ck_assert(top_model_knob(&m, "kint_validate", &v, &k));
	ck_assert_int_eq(v, LKRG_VALIDATE_PERIODIC);
	ck_assert(top_model_knob(&m, "lock", &v, NULL));
	ck_assert(!top_model_knob(&m, "nope", NULL, NULL));
}
END_TEST

Suite *top_model_suite(void)
{
	Suite *s = suite_create("lkrg-top/model");
	TCase *tc = tcase_create("model");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, newest_first);
	tcase_add_test(tc, lost_counts);
	tcase_add_test(tc, bad_payload_refused);
	tcase_add_test(tc, ring_keeps_newest);
	tcase_add_test(tc, filter);
	tcase_add_test(tc, sort_events);
	tcase_add_test(tc, sort_rows);
	tcase_add_test(tc, pause);
	tcase_add_test(tc, rates_and_history);
	tcase_add_test(tc, hooks_table);
	tcase_add_test(tc, cursor_follows_identity);
	tcase_add_test(tc, knobs);
	suite_add_tcase(s, tc);
	return s;
}
