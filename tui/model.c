// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's model: see model.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define NS_PER_S	1e9

void top_model_init(struct top_model *m)
{
	memset(m, 0, sizeof(*m));
}

static void event_free(struct top_event *e)
{
	if (e)
		free(e->raw);
	free(e);
}

void top_model_free(struct top_model *m)
{
	size_t i;

	for (i = 0; i < TOP_EVENTS_MAX; i++)
		event_free(m->ev[i]);
	top_model_init(m);
}

/* ---- events -------------------------------------------------------------- */

static int decode(struct top_event *e, const struct lkrg_event_hdr *ev)
{
	e->hdr = *ev;
	if (ev->type == LKRG_EV_LOST)
		return clkrg_event_lost(ev, &e->lost) ? -EBADMSG : 0;
	/* A type this version does not know is kept with its header only. */
	if (ev->type < LKRG_EV_VIOLATION || ev->type > LKRG_EV_INFO)
		return 0;
	if (clkrg_event_detail(ev, &e->d))
		return -EBADMSG;
	e->has_detail = true;
	return 0;
}

int top_model_add_event(struct top_model *m, const struct lkrg_event_hdr *ev)
{
	struct top_event *e;
	int ret;

	if (!ev || ev->len < sizeof(*ev))
		return -EINVAL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	ret = decode(e, ev);
	if (!ret) {
		e->raw = malloc(ev->len);
		ret = e->raw ? 0 : -ENOMEM;
	}
	if (ret) {
		event_free(e);
		return ret;
	}
	memcpy(e->raw, ev, ev->len);
	e->len = ev->len;
	e->arrival = ++m->arrivals;
	if (ev->type == LKRG_EV_LOST)
		m->lost += e->lost.count;
	else if (ev->seq)
		m->last_seq = ev->seq;
	if (m->ev[m->head]) {
		event_free(m->ev[m->head]);
		m->dropped++;
	}
	m->ev[m->head] = e;
	m->head = (m->head + 1) % TOP_EVENTS_MAX;
	if (m->nev < TOP_EVENTS_MAX)
		m->nev++;
	if (!m->paused)
		m->shown_arrival = e->arrival;
	return 0;
}

/* Newest first, every event kept, whether shown or not. */
static const struct top_event *kept(const struct top_model *m, size_t i)
{
	if (i >= m->nev)
		return NULL;
	return m->ev[(m->head + TOP_EVENTS_MAX - 1 - i) % TOP_EVENTS_MAX];
}

const struct top_event *top_model_event(const struct top_model *m, size_t i)
{
	return kept(m, i);
}

uint64_t top_model_pending(const struct top_model *m)
{
	return m->arrivals - m->shown_arrival;
}

void top_model_pause(struct top_model *m, bool paused)
{
	m->paused = paused;
	if (paused)
		return;
	m->shown_arrival = m->arrivals;
	m->status_shown = m->status;
	memcpy(m->triggers.shown, m->triggers.live, sizeof(m->triggers.live));
	m->triggers.nshown = m->triggers.n;
	memcpy(m->hooks.shown, m->hooks.live, sizeof(m->hooks.live));
	m->hooks.nshown = m->hooks.n;
}

/* ---- status and knobs ----------------------------------------------------- */

void top_model_set_status(struct top_model *m, const struct lkrg_status *st,
			  uint64_t real_ns, uint64_t mono_ns)
{
	m->status = *st;
	m->have_status = true;
	m->status_real_ns = real_ns;
	m->status_mono_ns = mono_ns;
	if (!m->paused)
		m->status_shown = *st;
}

void top_model_set_knobs(struct top_model *m, const struct lkrg_knob *k,
			 size_t n)
{
	if (n > TOP_ROWS_MAX)
		n = TOP_ROWS_MAX;
	memcpy(m->knobs, k, n * sizeof(*k));
	m->nknobs = n;
}

bool top_model_knob(const struct top_model *m, const char *name,
		    int64_t *value, const struct lkrg_knob **k)
{
	size_t i;

	for (i = 0; i < m->nknobs; i++) {
		if (strncmp((const char *)m->knobs[i].name, name,
			    LKRG_KNOB_NAME_LEN))
			continue;
		if (value)
			*value = m->knobs[i].value;
		if (k)
			*k = &m->knobs[i];
		return true;
	}
	return false;
}

/* ---- trigger and hook tables ----------------------------------------------- */

/* Moves the history to the bucket of @now, zero-filling skipped ones. */
static void advance(struct top_table *t, uint64_t now)
{
	uint64_t b = now / TOP_BUCKET_NS, steps;
	size_t i, k;

	if (!t->sample_ns || b <= t->bucket) {
		if (!t->sample_ns)
			t->bucket = b;
		return;
	}
	steps = b - t->bucket;
	if (steps > TOP_HIST)
		steps = TOP_HIST;
	for (i = 0; i < t->n; i++) {
		memmove(t->live[i].hist, t->live[i].hist + steps,
			(TOP_HIST - steps) * sizeof(uint64_t));
		for (k = TOP_HIST - steps; k < TOP_HIST; k++)
			t->live[i].hist[k] = 0;
	}
	t->bucket = b;
}

/* The row named @name, or a new one at the end. */
static struct top_row *row_for(struct top_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->live[i].name, name))
			return &t->live[i];
	if (t->n == TOP_ROWS_MAX)
		return NULL;
	memset(&t->live[t->n], 0, sizeof(t->live[0]));
	snprintf(t->live[t->n].name, TOP_NAME_LEN, "%s", name);
	return &t->live[t->n++];
}

/* A new count for @r at @now: rate since the last sample, and the
 * increase into the newest bucket (a counter that went down, as after a
 * reload, starts over). */
static void sample(struct top_table *t, struct top_row *r, uint64_t count,
		   uint64_t now)
{
	uint64_t delta = count >= r->count ? count - r->count : count;

	if (r->seen && t->sample_ns && now > t->sample_ns) {
		r->rate = (double)delta / ((double)(now - t->sample_ns) / NS_PER_S);
		r->hist[TOP_HIST - 1] += delta;
	} else if (r->seen) {
		r->hist[TOP_HIST - 1] += delta;
	}
	r->count = count;
	r->seen = true;
}

static void publish(struct top_model *m, struct top_table *t, uint64_t now)
{
	t->sample_ns = now;
	if (m->paused)
		return;
	memcpy(t->shown, t->live, sizeof(t->live));
	t->nshown = t->n;
}

void top_model_set_triggers(struct top_model *m,
			    const struct lkrg_stats_row *rows, size_t n,
			    uint64_t mono_ns)
{
	struct top_table *t = &m->triggers;
	char name[LKRG_STATS_NAME_LEN + 1];
	struct top_row *r;
	size_t i;

	advance(t, mono_ns);
	for (i = 0; i < n; i++) {
		memcpy(name, rows[i].name, LKRG_STATS_NAME_LEN);
		name[LKRG_STATS_NAME_LEN] = 0;
		r = row_for(t, name);
		if (!r)
			break;
		r->id = rows[i].id;
		sample(t, r, rows[i].fired, mono_ns);
		r->started = rows[i].started;
		r->coalesced = rows[i].coalesced;
		r->violations = rows[i].violations;
		r->last = rows[i].last_fired_ns;
	}
	publish(m, t, mono_ns);
}

void top_model_set_hooks(struct top_model *m, const struct lkrg_hook_row *rows,
			 size_t n, uint64_t mono_ns)
{
	struct top_table *t = &m->hooks;
	char name[LKRG_HOOK_NAME_LEN + 1];
	struct top_row *r;
	size_t i;

	advance(t, mono_ns);
	for (i = 0; i < n; i++) {
		memcpy(name, rows[i].symbol, LKRG_HOOK_NAME_LEN);
		name[LKRG_HOOK_NAME_LEN] = 0;
		r = row_for(t, name);
		if (!r)
			break;
		r->id = (uint32_t)i;
		memcpy(r->role, rows[i].role, sizeof(r->role) - 1);
		r->role[sizeof(r->role) - 1] = 0;
		r->active = rows[i].active;
		sample(t, r, rows[i].hits, mono_ns);
		r->violations = rows[i].violations;
		r->last = rows[i].denied;
	}
	publish(m, t, mono_ns);
}

const struct top_table *top_model_table(const struct top_model *m,
					enum top_pane p)
{
	return p == TOP_PANE_HOOKS ? &m->hooks : &m->triggers;
}

uint64_t top_row_hist_max(const struct top_row *r, size_t last)
{
	uint64_t max = 0;
	size_t i;

	if (last > TOP_HIST)
		last = TOP_HIST;
	for (i = TOP_HIST - last; i < TOP_HIST; i++)
		if (r->hist[i] > max)
			max = r->hist[i];
	return max;
}

/* ---- filter and sort ------------------------------------------------------- */

static bool has(const char *hay, const char *needle)
{
	return strcasestr(hay, needle) != NULL;
}

static bool kstr_has(const uint8_t *s, size_t cap, const char *needle)
{
	char buf[LKRG_EV_LOCATION_LEN + 1];

	if (cap > LKRG_EV_LOCATION_LEN)
		cap = LKRG_EV_LOCATION_LEN;
	memcpy(buf, s, cap);
	buf[cap] = 0;
	return has(buf, needle);
}

/* The filter matches any word shown for the event. */
static bool event_matches(const struct top_event *e, const char *f)
{
	const struct lkrg_event_detail *d = &e->d;
	char num[24];

	if (!*f)
		return true;
	if (has(clkrg_name(CLKRG_NAMES_TYPE, e->hdr.type), f))
		return true;
	if (!e->has_detail)
		return false;
	snprintf(num, sizeof(num), "%d", d->pid);
	return has(clkrg_name(CLKRG_NAMES_SEVERITY, d->severity), f) ||
	       has(clkrg_name(CLKRG_NAMES_CATEGORY, d->category), f) ||
	       has(clkrg_name(CLKRG_NAMES_OBJECT, d->object), f) ||
	       has(clkrg_name(CLKRG_NAMES_ACTION, d->action), f) ||
	       kstr_has(d->comm, sizeof(d->comm), f) ||
	       kstr_has(d->name, sizeof(d->name), f) ||
	       kstr_has(d->location, sizeof(d->location), f) ||
	       (d->pid >= 0 && !strcmp(num, f));
}

static bool row_matches(const struct top_row *r, const char *f)
{
	return !*f || has(r->name, f) || has(r->role, f);
}

/* Sort keys: qsort_r's context is the model and the pane. */
struct sort_ctx {
	const struct top_model *m;
	enum top_pane p;
};

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_kstr(const uint8_t *a, const uint8_t *b, size_t cap)
{
	return strncmp((const char *)a, (const char *)b, cap);
}

static int cmp_events(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct top_pane_state *ps = &c->m->pane[c->p];
	const struct top_event *a = kept(c->m, *(const size_t *)pa);
	const struct top_event *b = kept(c->m, *(const size_t *)pb);
	int r = 0;

	switch (ps->sort) {
	case TOP_SORT_EV_SEVERITY:	/* ALERT (0) first */
		r = cmp_u64(a->has_detail ? a->d.severity : 9,
			    b->has_detail ? b->d.severity : 9);
		break;
	case TOP_SORT_EV_OBJECT:
		r = cmp_u64(a->d.category, b->d.category);
		if (!r)
			r = strcmp(clkrg_name(CLKRG_NAMES_OBJECT, a->d.object),
				   clkrg_name(CLKRG_NAMES_OBJECT, b->d.object));
		break;
	case TOP_SORT_EV_ACTION:
		r = strcmp(clkrg_name(CLKRG_NAMES_ACTION, a->d.action),
			   clkrg_name(CLKRG_NAMES_ACTION, b->d.action));
		break;
	case TOP_SORT_EV_TASK:
		r = cmp_kstr(a->d.comm, b->d.comm, LKRG_EV_COMM_LEN);
		if (!r)
			r = cmp_u64((uint64_t)(int64_t)a->d.pid,
				    (uint64_t)(int64_t)b->d.pid);
		break;
	}
	/* Ties, and the default order: newest first. */
	if (!r)
		r = -cmp_u64(a->arrival, b->arrival);
	return ps->reverse ? -r : r;
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct top_pane_state *ps = &c->m->pane[c->p];
	const struct top_table *t = top_model_table(c->m, c->p);
	const struct top_row *a = &t->shown[*(const size_t *)pa];
	const struct top_row *b = &t->shown[*(const size_t *)pb];
	int r = 0;

	/* Numbers sort biggest first: the busy rows come to the top. */
	switch (ps->sort) {
	case TOP_SORT_ROW_NAME:
		r = strcmp(a->name, b->name);
		break;
	case TOP_SORT_ROW_COUNT:
		r = -cmp_u64(a->count, b->count);
		break;
	case TOP_SORT_ROW_VIOLATIONS:
		r = -cmp_u64(a->violations, b->violations);
		break;
	case TOP_SORT_ROW_RATE:
		r = a->rate < b->rate ? 1 : a->rate > b->rate ? -1 : 0;
		break;
	case TOP_SORT_ROW_LAST:
		r = -cmp_u64(a->last, b->last);
		break;
	}
	if (!r)
		r = cmp_u64(*(const size_t *)pa, *(const size_t *)pb);
	return ps->reverse ? -r : r;
}

size_t top_model_visible(const struct top_model *m, enum top_pane p,
			 size_t *idx, size_t max)
{
	struct sort_ctx c = { .m = m, .p = p };
	const char *f = m->pane[p].filter;
	const struct top_table *t;
	const struct top_event *e;
	size_t i, n = 0;

	if (p == TOP_PANE_EVENTS) {
		for (i = 0; i < m->nev && n < max; i++) {
			e = kept(m, i);
			if (e->arrival <= m->shown_arrival && event_matches(e, f))
				idx[n++] = i;
		}
		qsort_r(idx, n, sizeof(*idx), cmp_events, &c);
		return n;
	}
	t = top_model_table(m, p);
	for (i = 0; i < t->nshown && n < max; i++)
		if (row_matches(&t->shown[i], f))
			idx[n++] = i;
	qsort_r(idx, n, sizeof(*idx), cmp_rows, &c);
	return n;
}

static const char *const event_sorts[TOP_SORT_EV_KEYS] = {
	"time", "severity", "object", "action", "task",
};

static const char *const trigger_sorts[TOP_SORT_ROW_KEYS] = {
	"order", "name", "fired", "violations", "rate", "last",
};

static const char *const hook_sorts[TOP_SORT_ROW_KEYS] = {
	"order", "name", "hits", "violations", "rate", "denied",
};

const char *top_model_sort_name(const struct top_model *m, enum top_pane p)
{
	int s = m->pane[p].sort;

	if (p == TOP_PANE_EVENTS)
		return event_sorts[s];
	return p == TOP_PANE_HOOKS ? hook_sorts[s] : trigger_sorts[s];
}

void top_model_next_sort(struct top_model *m, enum top_pane p)
{
	int n = p == TOP_PANE_EVENTS ? TOP_SORT_EV_KEYS : TOP_SORT_ROW_KEYS;

	m->pane[p].sort = (m->pane[p].sort + 1) % n;
	m->pane[p].reverse = false;
}

void top_model_reverse(struct top_model *m, enum top_pane p)
{
	m->pane[p].reverse = !m->pane[p].reverse;
}

void top_model_set_filter(struct top_model *m, enum top_pane p,
			  const char *text)
{
	snprintf(m->pane[p].filter, TOP_FILTER_LEN, "%s", text ? text : "");
	m->pane[p].cursor = 0;
	m->pane[p].top = 0;
	m->pane[p].selected = 0;
}

/* ---- cursor ----------------------------------------------------------------- */

size_t top_model_cursor(const struct top_model *m, enum top_pane p)
{
	const struct top_pane_state *ps = &m->pane[p];
	size_t idx[TOP_EVENTS_MAX], n, i;

	if (p != TOP_PANE_EVENTS || !ps->selected)
		return ps->cursor;
	n = top_model_visible(m, p, idx, TOP_EVENTS_MAX);
	for (i = 0; i < n; i++)
		if (kept(m, idx[i])->arrival == ps->selected)
			return i;
	return 0;	/* it left the ring or the filter */
}

void top_model_move(struct top_model *m, enum top_pane p, long delta)
{
	struct top_pane_state *ps = &m->pane[p];
	size_t idx[TOP_EVENTS_MAX], n, cur;
	long want;

	n = top_model_visible(m, p, idx, TOP_EVENTS_MAX);
	cur = top_model_cursor(m, p);
	want = (long)cur + delta;
	if (want >= (long)n)
		want = (long)n - 1;
	if (want < 0)
		want = 0;
	ps->cursor = (size_t)want;
	/* At the top the cursor follows the newest event. */
	if (p == TOP_PANE_EVENTS)
		ps->selected = want > 0 ? kept(m, idx[want])->arrival : 0;
}

const struct top_event *top_model_selected(const struct top_model *m)
{
	size_t idx[TOP_EVENTS_MAX], n, cur;

	n = top_model_visible(m, TOP_PANE_EVENTS, idx, TOP_EVENTS_MAX);
	cur = top_model_cursor(m, TOP_PANE_EVENTS);
	return cur < n ? kept(m, idx[cur]) : NULL;
}
