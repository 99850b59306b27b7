// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The inverse of clkrg_event_to_json(): a saved JSON line back into the
 * binary record, so that a replay goes through the same decoding and
 * formatting as the live stream. Strict: a field that is missing, of the
 * wrong type or too long for the ABI makes the whole line -EBADMSG.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "jbuild.h"
#include "../driver/core/event_codec.h"

_Static_assert(CLKRG_EVENT_MAX >= LKRG_EV_MAX_RECORD_SIZE, "CLKRG_EVENT_MAX");

struct jp {
	json_object *o;
	bool ok;
};

static json_object *field(struct jp *p, json_object *o, const char *key,
			  json_type type)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, type)) {
		p->ok = false;
		return NULL;
	}
	return v;
}

static uint64_t get_u64(struct jp *p, json_object *o, const char *key)
{
	json_object *v = field(p, o, key, json_type_int);

	if (!v)
		return 0;
	/* Above INT64_MAX json-c's int64 view saturates, so only a negative
	 * number reads as negative here. */
	if (json_object_get_int64(v) < 0) {
		p->ok = false;
		return 0;
	}
	return json_object_get_uint64(v);
}

static uint64_t get_bounded(struct jp *p, json_object *o, const char *key,
			    uint64_t max)
{
	uint64_t v = get_u64(p, o, key);

	if (v > max)
		p->ok = false;
	return v > max ? 0 : v;
}

static int32_t get_s32(struct jp *p, json_object *o, const char *key)
{
	json_object *v = field(p, o, key, json_type_int);
	int64_t n = v ? json_object_get_int64(v) : 0;

	if (n < INT32_MIN || n > INT32_MAX) {
		p->ok = false;
		return 0;
	}
	return (int32_t)n;
}

static const char *get_str(struct jp *p, json_object *o, const char *key)
{
	json_object *v = field(p, o, key, json_type_string);

	return v ? json_object_get_string(v) : "";
}

/* A kernel string field of @cap bytes, NUL included. */
static void get_kstr(struct jp *p, json_object *o, const char *key,
		     uint8_t *dst, size_t cap)
{
	const char *s = get_str(p, o, key);

	if (strlen(s) >= cap)
		p->ok = false;
	else
		lkrg_ev_set_str(dst, cap, s);
}

/* "0x..." as jb_hex() writes it. */
static uint64_t parse_hex(struct jp *p, const char *s)
{
	unsigned long long v;
	char *end;

	if (strncmp(s, "0x", 2) || !s[2] || strchr(s, '-') ||
	    strchr(s, ' ')) {
		p->ok = false;
		return 0;
	}
	errno = 0;
	v = strtoull(s + 2, &end, 16);
	if (errno || *end)
		p->ok = false;
	return v;
}

static uint16_t get_name(struct jp *p, json_object *o, const char *key,
			 enum clkrg_name_set set)
{
	int v = clkrg_name_value(set, get_str(p, o, key));

	if (v < 0)
		p->ok = false;
	return v < 0 ? 0 : (uint16_t)v;
}

static void get_uuid(struct jp *p, json_object *o, const char *key,
		     uint8_t out[16])
{
	if (uuid_parse(get_str(p, o, key), out))
		p->ok = false;
}

static void get_header(struct jp *p, struct lkrg_event_hdr *h)
{
	h->seq = get_u64(p, p->o, "seq");
	h->schema = (uint16_t)get_bounded(p, p->o, "schema", UINT16_MAX);
	h->mono_ns = get_u64(p, p->o, "mono_ns");
	h->real_ns = get_u64(p, p->o, "real_ns");
	h->cpu = (uint32_t)get_bounded(p, p->o, "cpu", UINT32_MAX);
	h->flags = (uint32_t)get_bounded(p, p->o, "flags", UINT32_MAX);
}

static void get_values(struct jp *p, struct lkrg_event_detail *d)
{
	json_object *arr = field(p, p->o, "values", json_type_array);
	size_t i, n = arr ? json_object_array_length(arr) : 0;
	json_object *v;
	uint64_t e, a;
	const char *f;

	if (n > LKRG_EV_VALUES) {
		p->ok = false;
		return;
	}
	for (i = 0; i < n && p->ok; i++) {
		v = json_object_array_get_idx(arr, i);
		if (!json_object_is_type(v, json_type_object)) {
			p->ok = false;
			return;
		}
		f = get_str(p, v, "field");
		e = parse_hex(p, get_str(p, v, "expected"));
		a = parse_hex(p, get_str(p, v, "actual"));
		if (strlen(f) >= LKRG_EV_FIELD_LEN)
			p->ok = false;
		else if (p->ok)
			lkrg_ev_add_value(d, f, e, a);
	}
}

static void get_detail(struct jp *p, struct lkrg_event_detail *d)
{
	json_object *ns = field(p, p->o, "ns", json_type_object), *addr;

	d->severity = get_name(p, p->o, "severity", CLKRG_NAMES_SEVERITY);
	d->category = get_name(p, p->o, "category", CLKRG_NAMES_CATEGORY);
	d->object = get_name(p, p->o, "object", CLKRG_NAMES_OBJECT);
	d->action = get_name(p, p->o, "action", CLKRG_NAMES_ACTION);
	/* Trigger 0 has the name "none". */
	d->trigger = get_name(p, p->o, "trigger", CLKRG_NAMES_TRIGGER);
	d->check_id = get_u64(p, p->o, "check_id");
	d->generation = get_u64(p, p->o, "generation");
	get_uuid(p, p->o, "instance", d->instance_uuid);
	get_uuid(p, p->o, "event_uuid", d->event_uuid);
	d->pid = get_s32(p, p->o, "pid");
	d->tgid = get_s32(p, p->o, "tgid");
	d->uid = (uint32_t)get_bounded(p, p->o, "uid", UINT32_MAX);
	d->euid = (uint32_t)get_bounded(p, p->o, "euid", UINT32_MAX);
	if (ns) {
		d->ns_mnt = (uint32_t)get_bounded(p, ns, "mnt", UINT32_MAX);
		d->ns_pid = (uint32_t)get_bounded(p, ns, "pid", UINT32_MAX);
		d->ns_net = (uint32_t)get_bounded(p, ns, "net", UINT32_MAX);
		d->ns_user = (uint32_t)get_bounded(p, ns, "user", UINT32_MAX);
	}
	get_kstr(p, p->o, "comm", d->comm, sizeof(d->comm));
	get_kstr(p, p->o, "name", d->name, sizeof(d->name));
	get_kstr(p, p->o, "location", d->location, sizeof(d->location));
	/* Written only when nonzero. */
	if (json_object_object_get_ex(p->o, "address", &addr))
		d->address = parse_hex(p, get_str(p, p->o, "address"));
	d->length = get_u64(p, p->o, "length");
	d->count = (uint32_t)get_bounded(p, p->o, "count", UINT32_MAX);
	d->suppressed = (uint32_t)get_bounded(p, p->o, "suppressed",
					      UINT32_MAX);
	get_values(p, d);
}

static int build(struct jp *p, void *buf, size_t len)
{
	int type = clkrg_name_value(CLKRG_NAMES_TYPE, get_str(p, p->o, "type"));
	struct lkrg_event_record r;
	uint64_t first, count;
	struct lkrg_event_hdr h;

	if (!p->ok || type < 0 ||
	    (type != LKRG_EV_LOST && !lkrg_ev_has_detail((unsigned int)type)))
		return -EBADMSG;
	memset(&h, 0, sizeof(h));
	get_header(p, &h);
	if (type == LKRG_EV_LOST) {
		first = get_u64(p, p->o, "first_seq");
		count = get_u64(p, p->o, "count");
		if (!p->ok)
			return -EBADMSG;
		if (len < LKRG_EV_LOST_RECORD_SIZE)
			return -ENOSPC;
		lkrg_ev_make_lost(buf, first, count, h.mono_ns, h.real_ns,
				  h.cpu);
		h.len = LKRG_EV_LOST_RECORD_SIZE;
		h.type = LKRG_EV_LOST;
		memcpy(buf, &h, sizeof(h));
		return LKRG_EV_LOST_RECORD_SIZE;
	}
	lkrg_ev_init(&r, (uint16_t)type);
	get_detail(p, &r.d);
	if (!p->ok)
		return -EBADMSG;
	h.len = r.hdr.len;
	h.type = r.hdr.type;
	r.hdr = h;
	if (len < sizeof(r))
		return -ENOSPC;
	memcpy(buf, &r, sizeof(r));
	return (int)sizeof(r);
}

CLKRG_API int clkrg_event_from_json(const char *json, void *buf, size_t len)
{
	struct json_tokener *tok;
	enum json_tokener_error err;
	struct jp p = { .ok = true };
	size_t end;
	int ret;

	if (!json || !buf)
		return -EINVAL;
	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	p.o = json_tokener_parse_ex(tok, json, (int)strnlen(json, INT32_MAX));
	err = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	/* One whole object and nothing but blanks after it. */
	if (err != json_tokener_success ||
	    !json_object_is_type(p.o, json_type_object) ||
	    json[end + strspn(json + end, " \t\r\n")])
		ret = -EBADMSG;
	else
		ret = build(&p, buf, len);
	json_object_put(p.o);
	json_tokener_free(tok);
	return ret;
}
