// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One line per event (and per check result) for people:
 *   #12 2026-11-26T10:00:00.123Z ALERT violation kernel/ktext .text
 *       at foo+0x40/0x100 action=logged check=3
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "clkrg_internal.h"
#include "linebuf.h"
#include "../driver/core/event_codec.h"
#include "../driver/core/lkrg_names.h"

static void put_detail(struct linebuf *l, unsigned int type,
		       const struct lkrg_event_detail *d)
{
	unsigned int i;

	/* Severity first: it is what people scan for. */
	lb_put(l, " %s %s %s/%s", lkrg_log_severity(d->severity),
	       lkrg_name_type(type), lkrg_name_category(d->category),
	       lkrg_name_object(d->object));
	lb_kstr(l, " ", d->name, sizeof(d->name));
	if (d->location[0])
		lb_kstr(l, " at ", d->location, sizeof(d->location));
	else if (d->address)
		lb_put(l, " at 0x%" PRIx64, (uint64_t)d->address);
	lb_put(l, " action=%s", lkrg_name_action(d->action));
	if (d->check_id)
		lb_put(l, " check=%" PRIu64, (uint64_t)d->check_id);
	if (d->suppressed)
		lb_put(l, " suppressed=%u", d->suppressed);
	if (d->pid >= 0) {
		lb_put(l, " pid=%d uid=%u", d->pid, d->uid);
		lb_kstr(l, " comm=", d->comm, sizeof(d->comm));
	}
	for (i = 0; i < d->nvalues; i++) {
		lb_kstr(l, " ", d->values[i].field, LKRG_EV_FIELD_LEN);
		lb_put(l, "=0x%" PRIx64 "->0x%" PRIx64,
		       (uint64_t)d->values[i].expected,
		       (uint64_t)d->values[i].actual);
	}
}

static int lost_line(struct linebuf *l, const struct lkrg_event_hdr *ev)
{
	struct lkrg_event_lost lost;

	if (clkrg_event_lost(ev, &lost))
		return -EBADMSG;
	lb_put(l, "LOST %" PRIu64 " events (seq %" PRIu64 "..%" PRIu64 ")",
	       (uint64_t)lost.count, (uint64_t)lost.first_seq,
	       (uint64_t)(lost.first_seq + lost.count - !!lost.count));
	return lb_result(l);
}

CLKRG_API int clkrg_event_to_text(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len)
{
	struct linebuf l = { .buf = buf, .len = len };
	struct lkrg_event_detail d;
	char when[CLKRG_TIME_STR_LEN];

	if (!ev || !buf || !len)
		return -EINVAL;
	if (ev->type == LKRG_EV_LOST)
		return lost_line(&l, ev);
	if (lkrg_ev_has_detail(ev->type) && clkrg_event_detail(ev, &d))
		return -EBADMSG;
	if (clkrg_time_format(ev->real_ns, when, sizeof(when)) < 0)
		snprintf(when, sizeof(when), "@%" PRIu64, (uint64_t)ev->real_ns);
	lb_put(&l, "#%" PRIu64 " %s", (uint64_t)ev->seq, when);
	if (lkrg_ev_has_detail(ev->type))
		put_detail(&l, ev->type, &d);
	else
		lb_put(&l, " record type %u not known to libclkrg %s",
		       (unsigned int)ev->type, CLKRG_VERSION);
	return lb_result(&l);
}

/*
 * check #4 at 2026-11-26T10:00:00.123Z: 0 violations (3 regions,
 *   1048576 bytes, 0.002 ms, trigger manual, baseline generation 1)
 * A module that does not fill start_real_ns leaves the time out; a check
 * that verified tasks adds ", 120 tasks in 0.050 ms" before the ")".
 */
CLKRG_API int clkrg_check_to_text_sized(const struct lkrg_check *ck,
					size_t size, char *buf, size_t len)
{
	struct linebuf l = { .buf = buf, .len = len };
	char when[CLKRG_TIME_STR_LEN];
	struct lkrg_check w;

	ck = CLKRG_WIDEN(ck, size, lkrg_check, LKRG_CHECK_SIZE_VER0, &w);
	if (!ck || !buf || !len)
		return -EINVAL;
	lb_put(&l, "check #%" PRIu64, (uint64_t)ck->check_id);
	if (ck->start_real_ns &&
	    clkrg_time_format(ck->start_real_ns, when, sizeof(when)) > 0)
		lb_put(&l, " at %s", when);
	lb_put(&l, ": %u violations (%" PRIu64 " regions, %" PRIu64
	       " bytes, %.3f ms, trigger %s, baseline generation %" PRIu64,
	       ck->violations, (uint64_t)ck->regions, (uint64_t)ck->bytes,
	       (double)ck->duration_ns / 1e6, lkrg_name_trigger(ck->trigger),
	       (uint64_t)ck->generation);
	if (ck->tasks)
		lb_put(&l, ", %" PRIu64 " tasks in %.3f ms",
		       (uint64_t)ck->tasks, (double)ck->tasks_ns / 1e6);
	lb_put(&l, ")");
	return lb_result(&l);
}
