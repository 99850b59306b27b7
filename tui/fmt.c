// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's text: see fmt.h. */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fmt.h"

#define NS_PER_S	1000000000ULL
#define NS_PER_MS	1e6

/* Appends to a line, truncating quietly (the screen clips anyway). */
struct line {
	char *buf;
	size_t len, pos;
};

__attribute__((format(printf, 2, 3)))
static void put(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->pos + 1 >= l->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->pos, l->len - l->pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->pos += (size_t)n < l->len - l->pos ? (size_t)n
						      : l->len - l->pos - 1;
}

/* A kernel string field, terminated. */
static const char *kstr(const uint8_t *s, size_t cap, char *buf)
{
	memcpy(buf, s, cap);
	buf[cap] = 0;
	return buf;
}

void top_fmt_hms(uint64_t real_ns, char *buf, size_t len)
{
	time_t t = (time_t)(real_ns / NS_PER_S);
	struct tm tm;

	if (!real_ns || !localtime_r(&t, &tm) ||
	    !strftime(buf, len, "%H:%M:%S", &tm))
		snprintf(buf, len, "-");
}

void top_fmt_ago(uint64_t now_ns, uint64_t then_ns, char *buf, size_t len)
{
	uint64_t s;

	if (!then_ns) {
		snprintf(buf, len, "never");
		return;
	}
	s = now_ns > then_ns ? (now_ns - then_ns) / NS_PER_S : 0;
	if (s < 120)
		snprintf(buf, len, "%" PRIu64 "s ago", s);
	else if (s < 7200)
		snprintf(buf, len, "%" PRIu64 "m ago", s / 60);
	else if (s < 172800)
		snprintf(buf, len, "%" PRIu64 "h ago", s / 3600);
	else
		snprintf(buf, len, "%" PRIu64 "d ago", s / 86400);
}

void top_fmt_uptime(uint64_t ns, char *buf, size_t len)
{
	uint64_t s = ns / NS_PER_S;
	uint64_t d = s / 86400;

	s %= 86400;
	if (d)
		snprintf(buf, len, "%" PRIu64 "d %02" PRIu64 ":%02" PRIu64
			 ":%02" PRIu64, d, s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64,
			 s / 3600, s / 60 % 60, s % 60);
}

void top_fmt_rate(double r, char *buf, size_t len)
{
	if (r <= 0)
		snprintf(buf, len, "0");
	else if (r < 10)
		snprintf(buf, len, "%.2f", r);
	else if (r < 1000)
		snprintf(buf, len, "%.1f", r);
	else if (r < 1e6)
		snprintf(buf, len, "%.1fk", r / 1e3);
	else
		snprintf(buf, len, "%.1fM", r / 1e6);
}

void top_fmt_upper(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		buf[i] = (char)toupper((unsigned char)s[i]);
	if (len)
		buf[i] = 0;
}

/* ---- sparkline --------------------------------------------------------- */

static const char *const spark_utf8[] = {
	" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
	"\u2587", "\u2588",
};
static const char spark_ascii[] = " .:-=+*#@";

void top_fmt_spark(const struct top_row *r, size_t cols, bool utf8,
		   char *buf, size_t len)
{
	struct line l = { .buf = buf, .len = len };
	uint64_t max, v;
	size_t i, level;

	buf[0] = 0;
	if (cols > TOP_HIST)
		cols = TOP_HIST;
	max = top_row_hist_max(r, cols);
	for (i = TOP_HIST - cols; i < TOP_HIST; i++) {
		v = r->hist[i];
		/* 1..8: any nonzero count shows. */
		level = v && max ? (size_t)((v * 8 + max - 1) / max) : 0;
		if (level > 8)
			level = 8;
		if (utf8)
			put(&l, "%s", spark_utf8[level]);
		else
			put(&l, "%c", spark_ascii[level]);
	}
}

/* ---- header -------------------------------------------------------------- */

#define POLICY	"policy:"

/* "name validate/enforce" for a pair of knobs the module has. */
static void policy_pair(const struct top_model *m, struct line *l,
			const char *label, const char *validate,
			const char *enforce)
{
	const struct lkrg_knob *kv, *ke;
	char a[32], b[32];
	int64_t v, e;

	if (!top_model_knob(m, validate, &v, &kv))
		return;
	clkrg_knob_value_text(kv, v, a, sizeof(a));
	/* "2 (periodic)" -> "periodic" when there is a name */
	if (clkrg_knob_value_name(kv, v))
		snprintf(a, sizeof(a), "%s", clkrg_knob_value_name(kv, v));
	put(l, "  %s %s", label, a);
	if (!top_model_knob(m, enforce, &e, &ke))
		return;
	if (clkrg_knob_value_name(ke, e))
		snprintf(b, sizeof(b), "%s", clkrg_knob_value_name(ke, e));
	else
		snprintf(b, sizeof(b), "%" PRId64, e);
	put(l, "/%s", b);
}

void top_fmt_policy(const struct top_model *m, char *buf, size_t len)
{
	struct line l = { .buf = buf, .len = len };
	const struct lkrg_knob *k;
	int64_t v;

	buf[0] = 0;
	put(&l, POLICY);
	if (!m->nknobs) {
		put(&l, " -");
		return;
	}
	/* What an admin changes from here first: a narrow screen cuts the
	 * end of the line. */
	put(&l, " modules %s",
	    clkrg_name(CLKRG_NAMES_BLOCK, m->status_shown.block_modules));
	/* The policy lock (one way, until reboot), when the module has it. */
	if (top_model_knob(m, "lock", &v, &k))
		put(&l, "  %s", v ? "LOCKED" : "unlocked");
	policy_pair(m, &l, "kint", "kint_validate", "kint_enforce");
	policy_pair(m, &l, "pint", "pint_validate", "pint_enforce");
	policy_pair(m, &l, "pcfi", "pcfi_validate", "pcfi_enforce");
	policy_pair(m, &l, "umh", "umh_validate", "umh_enforce");
}

/* "[live]", "[MODULE GONE: why]", "[REPLAY file]": first, so that
 * even a narrow screen shows it. */
static void header_state(const struct top_model *m, struct line *l)
{
	switch (m->conn) {
	case TOP_CONN_LIVE:
		put(l, " [live]");
		break;
	case TOP_CONN_GONE:
		put(l, " [MODULE GONE%s%s]", m->conn_note[0] ? ": " : "",
		    m->conn_note);
		break;
	case TOP_CONN_REPLAY:
		put(l, " [REPLAY %s]", m->conn_note);
		break;
	default:
		put(l, " [connecting%s%s]", m->conn_note[0] ? ": " : "",
		    m->conn_note);
	}
}

static void header_title(const struct top_model *m, const struct top_clock *now,
			 size_t width, struct line *l)
{
	const struct lkrg_status *st = &m->status_shown;
	char uuid[CLKRG_UUID_STR_LEN], up[32], ver[40];

	put(l, "lkrg-top %s", CLKRG_VERSION);
	header_state(m, l);
	if (m->conn == TOP_CONN_REPLAY || !m->have_status)
		return;
	clkrg_uuid_format(st->instance_uuid, uuid);
	kstr(st->module_version, sizeof(st->module_version) - 1, ver);
	top_fmt_uptime(now->real_ns > st->loaded_real_ns ?
		       now->real_ns - st->loaded_real_ns : 0, up, sizeof(up));
	put(l, " clkrg %s api %u", ver, st->api_version);
	/* 80 columns: no schema, the instance's first 8 digits */
	if (width && width < 110)
		uuid[8] = 0;
	else
		put(l, " schema %u", st->schema_version);
	put(l, "  instance %s  up %s", uuid, up);
}

/* "last check #12: clean (14.2 ms, 10:00:00, 3s ago) | ..." */
static void header_check(const struct top_model *m, const struct top_clock *now,
			 struct line *l)
{
	const struct lkrg_status *st = &m->status_shown;
	char hms[16], ago[24];

	if (!st->last_check_id) {
		put(l, "last check: none yet");
	} else {
		top_fmt_hms(st->last_check_real_ns, hms, sizeof(hms));
		top_fmt_ago(now->real_ns, st->last_check_real_ns, ago,
			    sizeof(ago));
		put(l, "last check #%" PRIu64 ": ", (uint64_t)st->last_check_id);
		if (st->last_check_violations)
			put(l, "%u VIOLATIONS", st->last_check_violations);
		else
			put(l, "clean");
		put(l, " (%.1f ms, %s, %s", (double)st->last_check_duration_ns /
		    NS_PER_MS, hms, ago);
		if (m->own_check_id == st->last_check_id)
			put(l, ", %" PRIu64 " tasks", m->own_check_tasks);
		put(l, ")");
	}
	put(l, " | baseline generation %" PRIu64 " | checks %" PRIu64
	    " | %" PRIu64 " tasks shadowed", (uint64_t)st->generation,
	    (uint64_t)st->checks, (uint64_t)st->tasks);
}

static void header_events(const struct top_model *m, struct line *l)
{
	const struct lkrg_status *st = &m->status_shown;
	uint64_t produced = st->events_produced ? st->events_produced - 1 : 0;

	put(l, "events: produced %" PRIu64 " lost %" PRIu64 " suppressed %"
	    PRIu64 " | violations %" PRIu64 " since load | every %u s",
	    produced, m->lost, (uint64_t)st->events_suppressed,
	    (uint64_t)st->violations_total, st->interval_s);
}

/* What a replay knows: the file's events. */
static void header_replay(const struct top_model *m, int n, struct line *l)
{
	const struct top_event *newest = top_model_event(m, 0);
	const struct top_event *oldest = m->nev ? top_model_event(m, m->nev - 1)
						: NULL;
	char uuid[CLKRG_UUID_STR_LEN];
	size_t i;

	if (n == 1) {
		put(l, "replay: %" PRIu64 " events, seq %" PRIu64 "..%" PRIu64
		    ", lost %" PRIu64 ", %" PRIu64 " lines skipped",
		    m->arrivals, oldest ? (uint64_t)oldest->hdr.seq : 0,
		    newest ? (uint64_t)newest->hdr.seq : 0, m->lost,
		    m->replay_skipped);
		return;
	}
	if (n != 2)
		return;
	for (i = 0; i < m->nev; i++) {
		if (!top_model_event(m, i)->has_detail)
			continue;
		clkrg_uuid_format(top_model_event(m, i)->d.instance_uuid, uuid);
		put(l, "instance %s (of the newest event); no status, "
		    "triggers or hooks in a replay", uuid);
		return;
	}
}

void top_fmt_header(const struct top_model *m, const struct top_clock *now,
		    int n, size_t width, char *buf, size_t len)
{
	struct line l = { .buf = buf, .len = len };

	buf[0] = 0;
	if (n == 0) {
		header_title(m, now, width, &l);
	} else if (m->conn == TOP_CONN_REPLAY) {
		header_replay(m, n, &l);
	} else if (n == 1) {
		top_fmt_policy(m, buf, len);
	} else if (!m->have_status) {
		return;
	} else if (n == 2) {
		header_check(m, now, &l);
	} else if (n == 3) {
		header_events(m, &l);
	}
}

/* ---- events ---------------------------------------------------------------- */

#define EV_COLS	"%-8s %-6s %-18.18s %-8.8s %-18.18s "

void top_fmt_event_title(char *buf, size_t len)
{
	snprintf(buf, len, EV_COLS "%s", "TIME", "SEV", "CATEGORY/OBJECT",
		 "ACTION", "TASK", "WHAT");
}

static void event_task(const struct lkrg_event_detail *d, char *buf,
		       size_t len)
{
	char comm[LKRG_EV_COMM_LEN + 1];

	if (d->pid < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s[%d]",
			 kstr(d->comm, LKRG_EV_COMM_LEN, comm), d->pid);
}

void top_fmt_event_line(const struct top_event *e, char *buf, size_t len)
{
	const struct lkrg_event_detail *d = &e->d;
	char hms[16], sev[8], obj[48], task[40];
	char name[LKRG_EV_NAME_LEN + 1], loc[LKRG_EV_LOCATION_LEN + 1];
	struct line l = { .buf = buf, .len = len };

	top_fmt_hms(e->hdr.real_ns, hms, sizeof(hms));
	if (e->hdr.type == LKRG_EV_LOST) {
		put(&l, "%-8s %-6s %" PRIu64 " events lost (seq %" PRIu64
		    "..%" PRIu64 ")", hms, "LOST", (uint64_t)e->lost.count,
		    (uint64_t)e->lost.first_seq,
		    (uint64_t)(e->lost.first_seq + e->lost.count -
			       !!e->lost.count));
		return;
	}
	if (!e->has_detail) {
		put(&l, "%-8s %-6s record type %u", hms, "?", e->hdr.type);
		return;
	}
	top_fmt_upper(clkrg_name(CLKRG_NAMES_SEVERITY, d->severity), sev,
		      sizeof(sev));
	snprintf(obj, sizeof(obj), "%s/%s",
		 clkrg_name(CLKRG_NAMES_CATEGORY, d->category),
		 clkrg_name(CLKRG_NAMES_OBJECT, d->object));
	event_task(d, task, sizeof(task));
	put(&l, EV_COLS, hms, sev, obj,
	    clkrg_name(CLKRG_NAMES_ACTION, d->action), task);
	kstr(d->name, LKRG_EV_NAME_LEN, name);
	kstr(d->location, LKRG_EV_LOCATION_LEN, loc);
	put(&l, "%s", name);
	if (loc[0])
		put(&l, "%sat %s", name[0] ? " " : "", loc);
	if (d->suppressed)
		put(&l, " (+%u suppressed)", d->suppressed);
}

static void detail_values(const struct lkrg_event_detail *d,
			  char lines[][TOP_LINE_MAX], size_t *n, size_t max)
{
	char f[LKRG_EV_FIELD_LEN + 1];
	unsigned int i;

	for (i = 0; i < d->nvalues && i < LKRG_EV_VALUES && *n < max; i++)
		snprintf(lines[(*n)++], TOP_LINE_MAX,
			 "%-11s %s: expected 0x%" PRIx64 ", actual 0x%" PRIx64,
			 i ? "" : "values",
			 kstr(d->values[i].field, LKRG_EV_FIELD_LEN, f),
			 (uint64_t)d->values[i].expected,
			 (uint64_t)d->values[i].actual);
}

#define LINE(...) do {							\
		if (n < max)						\
			snprintf(lines[n++], TOP_LINE_MAX, __VA_ARGS__);	\
	} while (0)

size_t top_fmt_event_detail(const struct top_event *e,
			    char lines[][TOP_LINE_MAX], size_t max)
{
	const struct lkrg_event_detail *d = &e->d;
	char when[CLKRG_TIME_STR_LEN], u1[CLKRG_UUID_STR_LEN];
	char u2[CLKRG_UUID_STR_LEN], buf[LKRG_EV_LOCATION_LEN + 1];
	size_t n = 0;

	if (clkrg_time_format(e->hdr.real_ns, when, sizeof(when)) < 0)
		snprintf(when, sizeof(when), "-");
	LINE("event #%" PRIu64 " %s at %s on cpu %u", (uint64_t)e->hdr.seq,
	     clkrg_name(CLKRG_NAMES_TYPE, e->hdr.type), when, e->hdr.cpu);
	if (e->hdr.type == LKRG_EV_LOST) {
		LINE("%-11s %" PRIu64 " events, seq %" PRIu64 " and on, were "
		     "overwritten before this reader got them", "lost",
		     (uint64_t)e->lost.count, (uint64_t)e->lost.first_seq);
		return n;
	}
	if (!e->has_detail)
		return n;
	LINE("%-11s %s", "severity", clkrg_name(CLKRG_NAMES_SEVERITY,
						d->severity));
	LINE("%-11s %s / %s", "what", clkrg_name(CLKRG_NAMES_CATEGORY,
						d->category),
	     clkrg_name(CLKRG_NAMES_OBJECT, d->object));
	LINE("%-11s %s", "action", clkrg_name(CLKRG_NAMES_ACTION, d->action));
	LINE("%-11s %s", "name", kstr(d->name, LKRG_EV_NAME_LEN, buf));
	LINE("%-11s %s", "location",
	     d->location[0] ? kstr(d->location, LKRG_EV_LOCATION_LEN, buf)
			    : "-");
	if (d->address)
		LINE("%-11s 0x%" PRIx64 ", %" PRIu64 " bytes", "address",
		     (uint64_t)d->address, (uint64_t)d->length);
	else if (e->hdr.flags & LKRG_EVF_REDACTED)
		LINE("%-11s hidden from this reader (CAP_SYSLOG or "
		     "expose_addresses=1 shows it), %" PRIu64 " bytes",
		     "address", (uint64_t)d->length);
	else
		LINE("%-11s -, %" PRIu64 " bytes", "address",
		     (uint64_t)d->length);
	LINE("%-11s %u, %u identical ones suppressed before it", "count",
	     d->count, d->suppressed);
	LINE("%-11s #%" PRIu64 " (trigger %s), baseline generation %" PRIu64,
	     "check", (uint64_t)d->check_id,
	     clkrg_name(CLKRG_NAMES_TRIGGER, d->trigger),
	     (uint64_t)d->generation);
	if (d->pid >= 0)
		LINE("%-11s %s pid %d tgid %d uid %u euid %u", "task",
		     kstr(d->comm, LKRG_EV_COMM_LEN, buf), d->pid, d->tgid,
		     d->uid, d->euid);
	else
		LINE("%-11s -", "task");
	LINE("%-11s mnt %u pid %u net %u user %u", "namespaces", d->ns_mnt,
	     d->ns_pid, d->ns_net, d->ns_user);
	clkrg_uuid_format(d->instance_uuid, u1);
	clkrg_uuid_format(d->event_uuid, u2);
	LINE("%-11s %s", "instance", u1);
	LINE("%-11s %s", "event uuid", u2);
	detail_values(d, lines, &n, max);
	return n;
}

/* ---- trigger and hook tables -------------------------------------------------- */

#define TRIG_COLS	"%-10.10s %8s %8s %9s %6s %10s %7s "
#define HOOK_COLS	"%-24.24s %-8.8s %10s %6s %7s %7s "

size_t top_fmt_row_fixed(enum top_pane p)
{
	return p == TOP_PANE_HOOKS ? 24 + 8 + 10 + 6 + 7 + 7 + 6
				   : 10 + 8 + 8 + 9 + 6 + 10 + 7 + 7;
}

void top_fmt_row_title(enum top_pane p, char *buf, size_t len)
{
	if (p == TOP_PANE_HOOKS)
		snprintf(buf, len, HOOK_COLS "%s", "HOOK", "ROLE", "HITS",
			 "VIOL", "DENIED", "RATE/S", "HISTORY");
	else
		snprintf(buf, len, TRIG_COLS "%s", "TRIGGER", "FIRED",
			 "STARTED", "COALESCED", "VIOL", "LAST", "RATE/S",
			 "HISTORY");
}

void top_fmt_row(enum top_pane p, const struct top_row *r,
		 const struct top_clock *now, size_t width, bool utf8,
		 char *buf, size_t len)
{
	char c[24], s[24], co[24], v[24], last[24], rate[16];
	char spark[TOP_HIST * 4 + 1];
	size_t fixed = top_fmt_row_fixed(p);
	size_t cols = !width ? 30 : width > fixed + 8 ? width - fixed : 8;

	snprintf(c, sizeof(c), "%" PRIu64, r->count);
	snprintf(v, sizeof(v), "%" PRIu64, r->violations);
	top_fmt_rate(r->rate, rate, sizeof(rate));
	top_fmt_spark(r, cols, utf8, spark, sizeof(spark));
	if (p == TOP_PANE_HOOKS) {
		snprintf(last, sizeof(last), "%" PRIu64, r->last);
		snprintf(buf, len, HOOK_COLS "%s", r->name,
			 r->active ? r->role : "inactive", c, v, last, rate,
			 spark);
		return;
	}
	snprintf(s, sizeof(s), "%" PRIu64, r->started);
	snprintf(co, sizeof(co), "%" PRIu64, r->coalesced);
	top_fmt_ago(now->mono_ns, r->last, last, sizeof(last));
	snprintf(buf, len, TRIG_COLS "%s", r->name, c, s, co, v, last, rate,
		 spark);
}
