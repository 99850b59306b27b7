/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What lkrg-top shows, without ncurses and without the device: events
 * (newest first, filtered, sorted), the trigger and hook tables with their
 * rates and history, the header's status and policy, pause. Every function
 * takes the time it should assume, so the unit tests drive it by hand.
 */
#ifndef LKRG_TOP_MODEL_H
#define LKRG_TOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <clkrg.h>

#define TOP_EVENTS_MAX	2000	/* newest events kept */
#define TOP_ROWS_MAX	64	/* trigger or hook rows */
#define TOP_HIST	60	/* history buckets per row */
#define TOP_BUCKET_NS	(10ULL * 1000000000ULL)	/* 10 minutes in all */
#define TOP_FILTER_LEN	48
#define TOP_NAME_LEN	48

enum top_pane {
	TOP_PANE_EVENTS,
	TOP_PANE_TRIGGERS,
	TOP_PANE_HOOKS,
	TOP_PANES,
};

/* Sort columns of each pane; the first is the default order. */
enum top_event_sort {
	TOP_SORT_EV_TIME,	/* newest first */
	TOP_SORT_EV_SEVERITY,
	TOP_SORT_EV_OBJECT,
	TOP_SORT_EV_ACTION,
	TOP_SORT_EV_TASK,
	TOP_SORT_EV_KEYS,
};

enum top_row_sort {
	TOP_SORT_ROW_ORDER,	/* as the module lists them */
	TOP_SORT_ROW_NAME,
	TOP_SORT_ROW_COUNT,	/* fired / hits */
	TOP_SORT_ROW_VIOLATIONS,
	TOP_SORT_ROW_RATE,
	TOP_SORT_ROW_LAST,	/* triggers: last fired; hooks: denied */
	TOP_SORT_ROW_KEYS,
};

enum top_conn {
	TOP_CONN_NONE,		/* not connected yet */
	TOP_CONN_LIVE,
	TOP_CONN_GONE,		/* the module went away; reconnecting */
	TOP_CONN_REPLAY,
};

struct top_event {
	uint64_t arrival;	/* 1, 2, ... in the order read */
	struct lkrg_event_hdr hdr;
	bool has_detail;
	struct lkrg_event_detail d;	/* when has_detail */
	struct lkrg_event_lost lost;	/* LOST records */
	size_t len;
	unsigned char *raw;	/* the record as read, for JSON */
};

/* One row of the trigger or hook table. */
struct top_row {
	char name[TOP_NAME_LEN];
	char role[16];		/* hooks */
	uint32_t id;		/* triggers: LKRG_TRIGGER_*; hooks: position */
	bool active;		/* hooks */
	/* triggers: fired, started, coalesced, violations, last_fired_ns;
	 * hooks: hits, -, -, violations, denied */
	uint64_t count, started, coalesced, violations, last;
	double rate;		/* count per second over the last sample */
	uint64_t hist[TOP_HIST];	/* count added per bucket, oldest first */
	bool seen;		/* sampled at least once */
};

struct top_table {
	struct top_row live[TOP_ROWS_MAX];	/* updated by every sample */
	struct top_row shown[TOP_ROWS_MAX];	/* what the screen shows */
	size_t n, nshown;
	uint64_t sample_ns;	/* CLOCK_MONOTONIC of the last sample */
	uint64_t bucket;	/* index of the newest bucket */
};

struct top_pane_state {
	int sort;		/* enum top_event_sort or top_row_sort */
	bool reverse;
	char filter[TOP_FILTER_LEN];
	size_t cursor;		/* index into the visible rows */
	size_t top;		/* first visible row on screen */
	uint64_t selected;	/* events: arrival of the selected one, 0 none */
};

struct top_model {
	/* events: a ring of pointers, newest at (head - 1) */
	struct top_event *ev[TOP_EVENTS_MAX];
	size_t head, nev;
	uint64_t arrivals;	/* last arrival number given */
	uint64_t shown_arrival;	/* newest arrival shown (pause freezes it) */
	uint64_t lost;		/* records reported lost in-band */
	uint64_t last_seq;	/* of the newest real record */
	uint64_t dropped;	/* events pushed out of the ring */

	struct top_table triggers, hooks;

	struct lkrg_status status, status_shown;
	bool have_status;
	uint64_t status_real_ns;	/* when status was read (REALTIME) */
	uint64_t status_mono_ns;	/* ...and on CLOCK_MONOTONIC */
	struct lkrg_knob knobs[TOP_ROWS_MAX];
	size_t nknobs;
	/* tasks verified by the last check, when lkrg-top ran it */
	uint64_t own_check_id, own_check_tasks;

	enum top_conn conn;
	char conn_note[128];	/* why it is gone, or the replay file */
	uint64_t replay_skipped;	/* lines a replay could not read */

	bool paused;
	struct top_pane_state pane[TOP_PANES];
};

void top_model_init(struct top_model *m);
void top_model_free(struct top_model *m);

/* Adds one record as read (LOST records count into m->lost). 0 or -errno;
 * a record without a decodable payload is -EBADMSG and not added. */
int top_model_add_event(struct top_model *m, const struct lkrg_event_hdr *ev);
/* Newest event first; NULL past the end. */
const struct top_event *top_model_event(const struct top_model *m, size_t i);

void top_model_set_status(struct top_model *m, const struct lkrg_status *st,
			  uint64_t real_ns, uint64_t mono_ns);
void top_model_set_knobs(struct top_model *m, const struct lkrg_knob *k,
			 size_t n);
/* A sample of the tables at @mono_ns: rates and history move. */
void top_model_set_triggers(struct top_model *m,
			    const struct lkrg_stats_row *rows, size_t n,
			    uint64_t mono_ns);
void top_model_set_hooks(struct top_model *m, const struct lkrg_hook_row *rows,
			 size_t n, uint64_t mono_ns);
/* A knob's value, or false when the module has no such knob. */
bool top_model_knob(const struct top_model *m, const char *name,
		    int64_t *value, const struct lkrg_knob **k);

/* Pause freezes what is shown; events and samples keep arriving. */
void top_model_pause(struct top_model *m, bool paused);
/* Events read since the pause, not shown yet. */
uint64_t top_model_pending(const struct top_model *m);

/* The rows of a pane as shown: filtered and sorted. Fills @idx with
 * event positions (top_model_event()) or row indexes into table->shown;
 * returns how many. */
size_t top_model_visible(const struct top_model *m, enum top_pane p,
			 size_t *idx, size_t max);
const struct top_table *top_model_table(const struct top_model *m,
					enum top_pane p);

/* Sorting and filtering of one pane. */
void top_model_next_sort(struct top_model *m, enum top_pane p);
void top_model_reverse(struct top_model *m, enum top_pane p);
const char *top_model_sort_name(const struct top_model *m, enum top_pane p);
void top_model_set_filter(struct top_model *m, enum top_pane p,
			  const char *text);

/* Moves a pane's cursor by @delta rows (clamped); keeps the selected
 * event by identity when newer ones arrive. */
void top_model_move(struct top_model *m, enum top_pane p, long delta);
/* The event under the events cursor, or NULL. */
const struct top_event *top_model_selected(const struct top_model *m);
/* The cursor's position among the visible rows of @p (after new events
 * moved the selected one down). */
size_t top_model_cursor(const struct top_model *m, enum top_pane p);

/* Total of a table's history buckets: what the sparkline draws. */
uint64_t top_row_hist_max(const struct top_row *r, size_t last);

#endif
