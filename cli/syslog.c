// SPDX-License-Identifier: GPL-2.0
/* RFC 5424 lines for events: see syslog.h. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "syslog.h"

/* RFC 5424 severities */
#define SL_ALERT	1
#define SL_WARNING	4
#define SL_NOTICE	5
#define SL_INFO		6

struct out {
	char *buf;
	size_t len, pos;
	bool full;
};

__attribute__((format(printf, 2, 3)))
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->pos, o->len - o->pos, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->len - o->pos)
		o->full = true;
	else
		o->pos += (size_t)n;
}

/* PARAM-VALUE: '"', '\' and ']' are escaped with a backslash. */
static void put_param(struct out *o, const char *name, const char *v)
{
	put(o, " %s=\"", name);
	for (; *v; v++)
		put(o, "%s%c", strchr("\"\\]", *v) ? "\\" : "", *v);
	put(o, "\"");
}

static void put_u64(struct out *o, const char *name, uint64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "%" PRIu64, v);
	put_param(o, name, s);
}

static void put_kstr(struct out *o, const char *name, const uint8_t *s,
		     size_t cap)
{
	char v[LKRG_EV_LOCATION_LEN + 1];
	size_t i;

	/* The library cleaned nothing here: keep printable ASCII only. */
	for (i = 0; i < cap && i < sizeof(v) - 1 && s[i]; i++)
		v[i] = isprint(s[i]) ? (char)s[i] : '?';
	v[i] = 0;
	if (v[0])
		put_param(o, name, v);
}

static int severity(unsigned int sev)
{
	switch (sev) {
	case LKRG_SEV_ALERT:
		return SL_ALERT;
	case LKRG_SEV_WARN:
		return SL_WARNING;
	case LKRG_SEV_NOTICE:
		return SL_NOTICE;
	default:
		return SL_INFO;
	}
}

static void put_time(struct out *o, uint64_t real_ns)
{
	time_t t = (time_t)(real_ns / 1000000000ULL);
	char day[32];
	struct tm tm;

	if (!real_ns || !gmtime_r(&t, &tm) ||
	    !strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm)) {
		put(o, " -");
		return;
	}
	put(o, " %s.%06" PRIu64 "Z", day,
	    (uint64_t)(real_ns % 1000000000ULL / 1000));
}

static void put_detail_sd(struct out *o, const struct lkrg_event_hdr *ev,
			  const struct lkrg_event_detail *d)
{
	char uuid[CLKRG_UUID_STR_LEN];

	clkrg_uuid_format(d->instance_uuid, uuid);
	put_param(o, "instance", uuid);
	clkrg_uuid_format(d->event_uuid, uuid);
	put_param(o, "event", uuid);
	put_param(o, "severity", clkrg_name(CLKRG_NAMES_SEVERITY, d->severity));
	put_param(o, "category", clkrg_name(CLKRG_NAMES_CATEGORY, d->category));
	put_param(o, "object", clkrg_name(CLKRG_NAMES_OBJECT, d->object));
	put_param(o, "action", clkrg_name(CLKRG_NAMES_ACTION, d->action));
	put_kstr(o, "name", d->name, sizeof(d->name));
	put_kstr(o, "location", d->location, sizeof(d->location));
	if (d->check_id)
		put_u64(o, "check", d->check_id);
	if (d->pid >= 0) {
		put_u64(o, "pid", (uint64_t)d->pid);
		put_u64(o, "uid", d->uid);
		put_kstr(o, "comm", d->comm, sizeof(d->comm));
	}
	if (d->suppressed)
		put_u64(o, "suppressed", d->suppressed);
	(void)ev;
}

int cli_event_to_syslog(const struct lkrg_event_hdr *ev, const char *host,
			char *buf, size_t len)
{
	struct out o = { .buf = buf, .len = len };
	struct lkrg_event_detail d;
	struct lkrg_event_lost l;
	char text[CLKRG_TEXT_MAX], type[16];
	bool detail = false;
	int sev = SL_WARNING, n, i;

	if (!ev || !buf || !len)
		return -EINVAL;
	if (ev->type == LKRG_EV_LOST) {
		if (clkrg_event_lost(ev, &l))
			return -EBADMSG;
	} else if (!clkrg_event_detail(ev, &d)) {
		detail = true;
		sev = severity(d.severity);
	} else {
		return -EBADMSG;
	}
	n = clkrg_event_to_text(ev, text, sizeof(text));
	if (n < 0)
		return n;
	snprintf(type, sizeof(type), "%s", clkrg_name(CLKRG_NAMES_TYPE,
						      ev->type));
	for (i = 0; type[i]; i++)
		type[i] = (char)toupper((unsigned char)type[i]);
	put(&o, "<%d>1", CLI_SYSLOG_FACILITY * 8 + sev);
	put_time(&o, ev->real_ns);
	put(&o, " %s clkrg - %s [" CLI_SYSLOG_SDID, host && *host ? host : "-",
	    type);
	put_u64(&o, "seq", ev->seq);
	if (detail) {
		put_detail_sd(&o, ev, &d);
	} else {
		put_u64(&o, "first", l.first_seq);
		put_u64(&o, "count", l.count);
	}
	put(&o, "] %s", text);
	return o.full ? -ENOSPC : (int)o.pos;
}
