// SPDX-License-Identifier: GPL-2.0
/*
 * One line per event for people:
 *   #12 2026-11-26T10:00:00.123Z ALERT violation kernel/ktext .text
 *       at foo+0x40/0x100 action=logged check=3
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "clkrg_internal.h"
#include "../driver/core/event_codec.h"
#include "../driver/core/lkrg_names.h"

struct line {
	char *buf;
	size_t len;
	size_t used;
	bool full;
};

__attribute__((format(printf, 2, 3)))
static void put(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->used, l->len - l->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= l->len - l->used)
		l->full = true;
	else
		l->used += (size_t)n;
}

/* A kernel string, cleaned, with a leading separator; nothing if empty. */
static void put_kstr(struct line *l, const char *sep, const uint8_t *s,
		     size_t cap)
{
	char clean[LKRG_EV_LOCATION_LEN + 1];

	clkrg__clean_str(clean, s, cap < sizeof(clean) ? cap : sizeof(clean) - 1);
	if (clean[0])
		put(l, "%s%s", sep, clean);
}

static void put_detail(struct line *l, unsigned int type,
		       const struct lkrg_event_detail *d)
{
	unsigned int i;

	/* Severity first: it is what people scan for. */
	put(l, " %s %s %s/%s", lkrg_log_severity(d->severity),
	    lkrg_name_type(type), lkrg_name_category(d->category),
	    lkrg_name_object(d->object));
	put_kstr(l, " ", d->name, sizeof(d->name));
	if (d->location[0])
		put_kstr(l, " at ", d->location, sizeof(d->location));
	else if (d->address)
		put(l, " at 0x%" PRIx64, (uint64_t)d->address);
	put(l, " action=%s", lkrg_name_action(d->action));
	if (d->check_id)
		put(l, " check=%" PRIu64, (uint64_t)d->check_id);
	if (d->pid >= 0) {
		put(l, " pid=%d uid=%u", d->pid, d->uid);
		put_kstr(l, " comm=", d->comm, sizeof(d->comm));
	}
	for (i = 0; i < d->nvalues; i++) {
		put_kstr(l, " ", d->values[i].field, LKRG_EV_FIELD_LEN);
		put(l, "=0x%" PRIx64 "->0x%" PRIx64,
		    (uint64_t)d->values[i].expected,
		    (uint64_t)d->values[i].actual);
	}
}

CLKRG_API int clkrg_event_to_text(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len)
{
	struct line l = { .buf = buf, .len = len };
	struct lkrg_event_detail d;
	struct lkrg_event_lost lost;
	char when[CLKRG_TIME_STR_LEN];

	if (!ev || !buf || !len)
		return -EINVAL;
	if (ev->type == LKRG_EV_LOST) {
		if (clkrg_event_lost(ev, &lost))
			return -EBADMSG;
		put(&l, "LOST %" PRIu64 " events (seq %" PRIu64 "..%" PRIu64 ")",
		    (uint64_t)lost.count, (uint64_t)lost.first_seq,
		    (uint64_t)(lost.first_seq + lost.count - !!lost.count));
		return l.full ? -ENOSPC : (int)l.used;
	}
	if (clkrg_time_format(ev->real_ns, when, sizeof(when)) < 0)
		snprintf(when, sizeof(when), "@%" PRIu64, (uint64_t)ev->real_ns);
	put(&l, "#%" PRIu64 " %s", (uint64_t)ev->seq, when);
	if (!lkrg_ev_has_detail(ev->type)) {
		put(&l, " record type %u not known to libclkrg %s",
		    (unsigned int)ev->type, CLKRG_VERSION);
	} else {
		if (clkrg_event_detail(ev, &d))
			return -EBADMSG;
		put_detail(&l, ev->type, &d);
	}
	return l.full ? -ENOSPC : (int)l.used;
}
