/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text of lkrg-top, shared by the screen and the batch frames: header
 * lines, one line per event, the detail of one event, the table rows and
 * their sparklines. Each writes a NUL-terminated line into a buffer of
 * TOP_LINE_MAX bytes (or more) and never fails; @width 0 means "as wide as
 * it takes" (batch mode).
 */
#ifndef LKRG_TOP_FMT_H
#define LKRG_TOP_FMT_H

#include "model.h"

#define TOP_LINE_MAX	1024
#define TOP_HEADER_LINES	4
#define TOP_DETAIL_MAX	32	/* lines of one event's detail */

/* The clocks the header is relative to. */
struct top_clock {
	uint64_t real_ns;	/* CLOCK_REALTIME now */
	uint64_t mono_ns;	/* CLOCK_MONOTONIC now */
};

/* "HH:MM:SS" local time of a CLOCK_REALTIME value; "-" for 0. */
void top_fmt_hms(uint64_t real_ns, char *buf, size_t len);
/* "4s ago", "12m ago", "3h ago", "2d ago"; "never" for then == 0. */
void top_fmt_ago(uint64_t now_ns, uint64_t then_ns, char *buf, size_t len);
/* "0:12:34", "1d 02:03:04". */
void top_fmt_uptime(uint64_t ns, char *buf, size_t len);
/* "0", "0.25", "12.0", "3.4k" per second. */
void top_fmt_rate(double per_s, char *buf, size_t len);
/* "UPPER" of a lower-case name into @buf. */
void top_fmt_upper(const char *s, char *buf, size_t len);

/* The last @cols history buckets of @r, scaled to their maximum: ' ' for
 * none, then one of 8 levels (UTF-8 blocks, or ASCII " .:-=+*#"). */
void top_fmt_spark(const struct top_row *r, size_t cols, bool utf8,
		   char *buf, size_t len);

/* Header line @n (0..TOP_HEADER_LINES-1). */
void top_fmt_header(const struct top_model *m, const struct top_clock *now,
		    int n, size_t width, char *buf, size_t len);
/* "policy: kint periodic/log_only  pint current/kill ..." */
void top_fmt_policy(const struct top_model *m, char *buf, size_t len);

/* Column titles and one line of the events pane. */
void top_fmt_event_title(char *buf, size_t len);
void top_fmt_event_line(const struct top_event *e, char *buf, size_t len);
/* The whole record, one line per field; returns the number of lines. */
size_t top_fmt_event_detail(const struct top_event *e,
			    char lines[][TOP_LINE_MAX], size_t max);

/* Column titles and rows of the trigger and hook panes; the sparkline
 * takes what is left of @width (at least 8 columns; @width 0: 30). */
void top_fmt_row_title(enum top_pane p, char *buf, size_t len);
void top_fmt_row(enum top_pane p, const struct top_row *r,
		 const struct top_clock *now, size_t width, bool utf8,
		 char *buf, size_t len);
/* Width of the columns before the sparkline. */
size_t top_fmt_row_fixed(enum top_pane p);

#endif
