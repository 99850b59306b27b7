// SPDX-License-Identifier: GPL-2.0
/* Batch frames: see frame.h. */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"

#define BUCKET_S	(TOP_BUCKET_NS / 1000000000ULL)

static void text_table(FILE *f, const struct top_model *m, enum top_pane p,
		       const struct top_clock *now)
{
	const struct top_table *t = top_model_table(m, p);
	char line[TOP_LINE_MAX];
	size_t i;

	fprintf(f, "\n%s\n", p == TOP_PANE_HOOKS ? "HOOKS" : "TRIGGERS");
	top_fmt_row_title(p, line, sizeof(line));
	fprintf(f, "%s\n", line);
	/* Batch output is for tools: ASCII sparklines, the module's order. */
	for (i = 0; i < t->nshown; i++) {
		top_fmt_row(p, &t->shown[i], now, 0, false, line, sizeof(line));
		fprintf(f, "%s\n", line);
	}
}

int top_frame_text(FILE *f, const struct top_model *m,
		   const struct top_clock *now, unsigned long frame)
{
	char line[TOP_LINE_MAX], when[CLKRG_TIME_STR_LEN];
	const struct top_event *e;
	size_t i, n;
	int h;

	if (clkrg_time_format(now->real_ns, when, sizeof(when)) < 0)
		snprintf(when, sizeof(when), "-");
	fprintf(f, "=== frame %lu at %s\n", frame, when);
	for (h = 0; h < TOP_HEADER_LINES; h++) {
		top_fmt_header(m, now, h, 0, line, sizeof(line));
		if (line[0])
			fprintf(f, "%s\n", line);
	}
	n = m->nev < TOP_FRAME_EVENTS ? m->nev : TOP_FRAME_EVENTS;
	fprintf(f, "\nEVENTS (newest first, %zu of %zu)\n", n, m->nev);
	top_fmt_event_title(line, sizeof(line));
	fprintf(f, "%s\n", line);
	for (i = 0; i < n; i++) {
		e = top_model_event(m, i);
		top_fmt_event_line(e, line, sizeof(line));
		fprintf(f, "%s\n", line);
	}
	if (m->conn != TOP_CONN_REPLAY) {
		text_table(f, m, TOP_PANE_TRIGGERS, now);
		text_table(f, m, TOP_PANE_HOOKS, now);
	}
	fputc('\n', f);
	return fflush(f) || ferror(f) ? -EIO : 0;
}

/* ---- JSON ---------------------------------------------------------------- */

/* Adds @v under @key; remembers an allocation failure. */
static void add(json_object *o, const char *key, json_object *v, bool *ok)
{
	if (!v || json_object_object_add(o, key, v)) {
		json_object_put(v);
		*ok = false;
	}
}

static void push(json_object *a, json_object *v, bool *ok)
{
	if (!v || json_object_array_add(a, v)) {
		json_object_put(v);
		*ok = false;
	}
}

/* A JSON text from libclkrg, as an object. */
static json_object *parsed(int len, const char *buf)
{
	return len < 0 ? NULL : json_tokener_parse(buf);
}

static json_object *history(const struct top_row *r, bool *ok)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; a && i < TOP_HIST; i++)
		push(a, json_object_new_uint64(r->hist[i]), ok);
	return a;
}

static json_object *row_json(enum top_pane p, const struct top_row *r,
			     bool *ok)
{
	json_object *o = json_object_new_object();
	bool hook = p == TOP_PANE_HOOKS;

	if (!o) {
		*ok = false;
		return NULL;
	}
	add(o, hook ? "symbol" : "name", json_object_new_string(r->name), ok);
	if (hook) {
		add(o, "role", json_object_new_string(r->role), ok);
		add(o, "active", json_object_new_boolean(r->active), ok);
		add(o, "hits", json_object_new_uint64(r->count), ok);
		add(o, "violations", json_object_new_uint64(r->violations), ok);
		add(o, "denied", json_object_new_uint64(r->last), ok);
	} else {
		add(o, "id", json_object_new_uint64(r->id), ok);
		add(o, "fired", json_object_new_uint64(r->count), ok);
		add(o, "started", json_object_new_uint64(r->started), ok);
		add(o, "coalesced", json_object_new_uint64(r->coalesced), ok);
		add(o, "violations", json_object_new_uint64(r->violations), ok);
		add(o, "last_fired_ns", json_object_new_uint64(r->last), ok);
	}
	add(o, "rate", json_object_new_double(r->rate), ok);
	add(o, "history", history(r, ok), ok);
	return o;
}

static json_object *table_json(const struct top_model *m, enum top_pane p,
			       bool *ok)
{
	const struct top_table *t = top_model_table(m, p);
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; a && i < t->nshown; i++)
		push(a, row_json(p, &t->shown[i], ok), ok);
	return a;
}

static json_object *events_json(const struct top_model *m, bool *ok)
{
	json_object *a = json_object_new_array();
	char buf[CLKRG_JSON_MAX];
	const struct top_event *e;
	json_object *j;
	size_t i;

	for (i = 0; a && i < TOP_FRAME_EVENTS && i < m->nev; i++) {
		e = top_model_event(m, i);
		/* A record type libclkrg cannot write is left out. */
		j = parsed(clkrg_event_to_json((const void *)e->raw, buf,
					       sizeof(buf)), buf);
		if (j)
			push(a, j, ok);
	}
	return a;
}

/* Every knob by name: its value's name where it has one, else a number. */
static json_object *policy_json(const struct top_model *m, bool *ok)
{
	json_object *o = json_object_new_object();
	const char *name;
	size_t i;

	for (i = 0; o && i < m->nknobs; i++) {
		name = clkrg_knob_value_name(&m->knobs[i], m->knobs[i].value);
		add(o, (const char *)m->knobs[i].name,
		    name ? json_object_new_string(name)
			 : json_object_new_int64(m->knobs[i].value), ok);
	}
	return o;
}

static const char *const states[] = {
	[TOP_CONN_NONE] = "connecting",
	[TOP_CONN_LIVE] = "live",
	[TOP_CONN_GONE] = "gone",
	[TOP_CONN_REPLAY] = "replay",
};

static json_object *frame_json(const struct top_model *m,
			       const struct top_clock *now,
			       unsigned long frame, bool *ok)
{
	json_object *o = json_object_new_object();
	char buf[CLKRG_JSON_MAX];

	if (!o) {
		*ok = false;
		return NULL;
	}
	add(o, "frame", json_object_new_uint64(frame), ok);
	add(o, "real_ns", json_object_new_uint64(now->real_ns), ok);
	add(o, "state", json_object_new_string(states[m->conn]), ok);
	if (m->conn_note[0])
		add(o, "note", json_object_new_string(m->conn_note), ok);
	if (m->have_status)
		add(o, "status", parsed(clkrg_status_to_json(&m->status_shown,
							     buf, sizeof(buf)),
					buf), ok);
	add(o, "policy", policy_json(m, ok), ok);
	add(o, "lost", json_object_new_uint64(m->lost), ok);
	if (m->conn == TOP_CONN_REPLAY)
		add(o, "skipped", json_object_new_uint64(m->replay_skipped),
		    ok);
	add(o, "events", events_json(m, ok), ok);
	add(o, "bucket_s", json_object_new_uint64(BUCKET_S), ok);
	add(o, "triggers", table_json(m, TOP_PANE_TRIGGERS, ok), ok);
	add(o, "hooks", table_json(m, TOP_PANE_HOOKS, ok), ok);
	return o;
}

int top_frame_json(FILE *f, const struct top_model *m,
		   const struct top_clock *now, unsigned long frame)
{
	bool ok = true;
	json_object *o = frame_json(m, now, frame, &ok);
	const char *s = ok ? json_object_to_json_string_ext(o,
				JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	int ret = s ? 0 : -ENOMEM;

	if (s)
		fprintf(f, "%s\n", s);
	json_object_put(o);
	if (!ret && (fflush(f) || ferror(f)))
		ret = -EIO;
	return ret;
}
