// SPDX-License-Identifier: GPL-2.0
/* A clkrg event as journal fields: see fields.h. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fields.h"

/* syslog priorities (journal PRIORITY=) of LKRG_SEV_* */
static const char *const priority[] = {
	[LKRG_SEV_ALERT] = "1",
	[LKRG_SEV_WARN] = "4",
	[LKRG_SEV_NOTICE] = "5",
	[LKRG_SEV_INFO] = "6",
};

static const char *const message_id[] = {
	[LKRG_EV_LOST] = JF_ID_LOST,
	[LKRG_EV_VIOLATION] = JF_ID_VIOLATION,
	[LKRG_EV_ADMIN] = JF_ID_ADMIN,
	[LKRG_EV_BLOCK] = JF_ID_BLOCK,
	[LKRG_EV_INFO] = JF_ID_INFO,
};

static int add(struct jfields *f, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends "KEY=value"; a newline in the value becomes a blank. */
static int add(struct jfields *f, const char *key, const char *fmt, ...)
{
	char *start = f->buf + f->used;
	size_t room = sizeof(f->buf) - f->used, i;
	va_list ap;
	int k, v;

	if (f->n == JF_MAX)
		return -ENOSPC;
	k = snprintf(start, room, "%s=", key);
	if (k < 0 || (size_t)k >= room)
		return -ENOSPC;
	va_start(ap, fmt);
	v = vsnprintf(start + k, room - (size_t)k, fmt, ap);
	va_end(ap);
	if (v < 0 || (size_t)(k + v) >= room)
		return -ENOSPC;
	for (i = (size_t)k; i < (size_t)(k + v); i++)
		if (start[i] == '\n')
			start[i] = ' ';
	f->iov[f->n].iov_base = start;
	f->iov[f->n].iov_len = (size_t)(k + v);
	f->n++;
	f->used += (size_t)(k + v) + 1;
	return 0;
}

/* A kernel string field of @cap bytes, printable ASCII only. */
static void kstr(char *dst, const __u8 *src, size_t cap)
{
	size_t i;

	for (i = 0; i < cap && src[i]; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? (char)src[i] : '?';
	dst[i] = 0;
}

/* CLKRG_EXPECTED_<KEY>: the value's field name in upper case. */
static void value_key(const struct lkrg_event_detail *d, unsigned int i,
		      char *key, size_t len)
{
	char name[LKRG_EV_FIELD_LEN + 1];
	unsigned int j, same = 0;
	size_t k;

	kstr(name, d->values[i].field, LKRG_EV_FIELD_LEN);
	for (k = 0; name[k]; k++)
		name[k] = isalnum((unsigned char)name[k]) ?
			  (char)toupper((unsigned char)name[k]) : '_';
	for (j = 0; j < i; j++)
		if (!memcmp(d->values[j].field, d->values[i].field,
			    LKRG_EV_FIELD_LEN))
			same++;
	if (!name[0])
		snprintf(name, sizeof(name), "VALUE%u", i);
	if (same)
		snprintf(key, len, "%s_%u", name, same + 1);
	else
		snprintf(key, len, "%s", name);
}

static int add_values(struct jfields *f, const struct lkrg_event_detail *d)
{
	char key[LKRG_EV_FIELD_LEN + 16], field[LKRG_EV_FIELD_LEN + 32];
	unsigned int i;
	int ret = 0;

	for (i = 0; i < d->nvalues && i < LKRG_EV_VALUES && !ret; i++) {
		value_key(d, i, key, sizeof(key));
		snprintf(field, sizeof(field), "CLKRG_EXPECTED_%s", key);
		ret = add(f, field, "0x%" PRIx64, (uint64_t)d->values[i].expected);
		snprintf(field, sizeof(field), "CLKRG_ACTUAL_%s", key);
		if (!ret)
			ret = add(f, field, "0x%" PRIx64,
				  (uint64_t)d->values[i].actual);
	}
	return ret;
}

static int add_task(struct jfields *f, const struct lkrg_event_detail *d)
{
	char comm[LKRG_EV_COMM_LEN + 1];
	int ret;

	if (d->pid < 0)
		return 0;
	kstr(comm, d->comm, sizeof(d->comm));
	ret = add(f, "CLKRG_PID", "%" PRId32, d->pid);
	if (!ret)
		ret = add(f, "CLKRG_TGID", "%" PRId32, d->tgid);
	if (!ret)
		ret = add(f, "CLKRG_UID", "%" PRIu32, d->uid);
	if (!ret)
		ret = add(f, "CLKRG_EUID", "%" PRIu32, d->euid);
	if (!ret)
		ret = add(f, "CLKRG_COMM", "%s", comm);
	return ret;
}

static int add_detail(struct jfields *f, const struct lkrg_event_hdr *ev)
{
	char name[LKRG_EV_NAME_LEN + 1], loc[LKRG_EV_LOCATION_LEN + 1];
	char inst[CLKRG_UUID_STR_LEN], uuid[CLKRG_UUID_STR_LEN];
	struct lkrg_event_detail d;
	int ret = clkrg_event_detail(ev, &d);

	if (ret)
		return -EBADMSG;
	kstr(name, d.name, sizeof(d.name));
	kstr(loc, d.location, sizeof(d.location));
	clkrg_uuid_format(d.instance_uuid, inst);
	clkrg_uuid_format(d.event_uuid, uuid);
	ret = add(f, "PRIORITY", "%s", d.severity <= LKRG_SEV_INFO ?
		  priority[d.severity] : "6");
	if (!ret)
		ret = add(f, "CLKRG_SEVERITY", "%s",
			  clkrg_name(CLKRG_NAMES_SEVERITY, d.severity));
	if (!ret)
		ret = add(f, "CLKRG_CATEGORY", "%s",
			  clkrg_name(CLKRG_NAMES_CATEGORY, d.category));
	if (!ret)
		ret = add(f, "CLKRG_OBJECT", "%s",
			  clkrg_name(CLKRG_NAMES_OBJECT, d.object));
	if (!ret)
		ret = add(f, "CLKRG_ACTION", "%s",
			  clkrg_name(CLKRG_NAMES_ACTION, d.action));
	if (!ret && d.trigger)
		ret = add(f, "CLKRG_TRIGGER", "%s",
			  clkrg_name(CLKRG_NAMES_TRIGGER, d.trigger));
	if (!ret && d.check_id)
		ret = add(f, "CLKRG_CHECK_ID", "%" PRIu64, (uint64_t)d.check_id);
	if (!ret)
		ret = add(f, "CLKRG_GENERATION", "%" PRIu64,
			  (uint64_t)d.generation);
	if (!ret)
		ret = add(f, "CLKRG_INSTANCE", "%s", inst);
	if (!ret)
		ret = add(f, "CLKRG_EVENT_UUID", "%s", uuid);
	if (!ret)
		ret = add_task(f, &d);
	if (!ret && name[0])
		ret = add(f, "CLKRG_NAME", "%s", name);
	if (!ret && loc[0])
		ret = add(f, "CLKRG_LOCATION", "%s", loc);
	if (!ret && d.address)
		ret = add(f, "CLKRG_ADDRESS", "0x%" PRIx64, (uint64_t)d.address);
	if (!ret && d.length)
		ret = add(f, "CLKRG_LENGTH", "%" PRIu64, (uint64_t)d.length);
	if (!ret && d.count)
		ret = add(f, "CLKRG_COUNT", "%" PRIu32, d.count);
	if (!ret && d.suppressed)
		ret = add(f, "CLKRG_SUPPRESSED", "%" PRIu32, d.suppressed);
	return ret ? ret : add_values(f, &d);
}

static int add_lost(struct jfields *f, const struct lkrg_event_hdr *ev)
{
	struct lkrg_event_lost l;
	int ret;

	if (clkrg_event_lost(ev, &l))
		return -EBADMSG;
	ret = add(f, "PRIORITY", "4");
	if (!ret)
		ret = add(f, "CLKRG_LOST_FIRST_SEQ", "%" PRIu64,
			  (uint64_t)l.first_seq);
	if (!ret)
		ret = add(f, "CLKRG_LOST_COUNT", "%" PRIu64, (uint64_t)l.count);
	return ret;
}

int jfields_event(struct jfields *f, const struct lkrg_event_hdr *ev)
{
	char text[CLKRG_TEXT_MAX], json[CLKRG_JSON_MAX], when[CLKRG_TIME_STR_LEN];
	const char *id = ev->type < sizeof(message_id) / sizeof(message_id[0]) ?
			 message_id[ev->type] : NULL;
	int ret;

	f->n = 0;
	f->used = 0;
	if (clkrg_event_to_text(ev, text, sizeof(text)) < 0 ||
	    clkrg_event_to_json(ev, json, sizeof(json)) < 0 || !id)
		return -EBADMSG;
	if (clkrg_time_format(ev->real_ns, when, sizeof(when)) < 0)
		when[0] = 0;
	ret = add(f, "MESSAGE", "%s", text);
	if (!ret)
		ret = add(f, "MESSAGE_ID", "%s", id);
	if (!ret)
		ret = add(f, "SYSLOG_IDENTIFIER", "clkrg");
	if (!ret)
		ret = add(f, "CLKRG_SEQ", "%" PRIu64, (uint64_t)ev->seq);
	if (!ret)
		ret = add(f, "CLKRG_TYPE", "%s", clkrg_name(CLKRG_NAMES_TYPE,
							    ev->type));
	if (!ret)
		ret = add(f, "CLKRG_TIME", "%s", when);
	if (!ret)
		ret = add(f, "CLKRG_CPU", "%" PRIu32, ev->cpu);
	if (!ret)
		ret = add(f, "CLKRG_REDACTED", "%d",
			  !!(ev->flags & LKRG_EVF_REDACTED));
	if (!ret)
		ret = ev->type == LKRG_EV_LOST ? add_lost(f, ev) :
						 add_detail(f, ev);
	if (!ret)
		ret = add(f, "CLKRG_JSON", "%s", json);
	return ret;
}

int jfields_note(struct jfields *f, int prio, const char *message)
{
	int ret;

	f->n = 0;
	f->used = 0;
	ret = add(f, "MESSAGE", "clkrg-journald: %s", message);
	if (!ret)
		ret = add(f, "MESSAGE_ID", "%s", JF_ID_NOTE);
	if (!ret)
		ret = add(f, "SYSLOG_IDENTIFIER", "clkrg");
	if (!ret)
		ret = add(f, "PRIORITY", "%d", prio);
	if (!ret)
		ret = add(f, "CLKRG_TYPE", "note");
	return ret;
}

const char *jfields_get(const struct jfields *f, const char *key,
			size_t *len)
{
	size_t k = strlen(key);
	unsigned int i;

	for (i = 0; i < f->n; i++) {
		const char *s = f->iov[i].iov_base;

		if (f->iov[i].iov_len > k && !memcmp(s, key, k) && s[k] == '=') {
			if (len)
				*len = f->iov[i].iov_len - k - 1;
			return s + k + 1;
		}
	}
	return NULL;
}
