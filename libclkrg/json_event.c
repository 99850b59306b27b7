// SPDX-License-Identifier: LGPL-2.1-or-later
/* JSON for one event record; field names are a stable contract. */
#include <errno.h>

#include "jbuild.h"
#include "../driver/core/event_codec.h"
#include "../driver/core/lkrg_names.h"

static void add_header(json_object *o, const struct lkrg_event_hdr *h,
		       bool *ok)
{
	jb_u64(o, "seq", h->seq, ok);
	jb_str(o, "type", lkrg_name_type(h->type), ok);
	jb_u64(o, "schema", h->schema, ok);
	jb_u64(o, "mono_ns", h->mono_ns, ok);
	jb_u64(o, "real_ns", h->real_ns, ok);
	jb_u64(o, "cpu", h->cpu, ok);
	jb_u64(o, "flags", h->flags, ok);
	jb_bool(o, "redacted", h->flags & LKRG_EVF_REDACTED, ok);
}

static void add_ns(json_object *o, const struct lkrg_event_detail *d,
		   bool *ok)
{
	json_object *ns = json_object_new_object();

	jb_u64(ns, "mnt", d->ns_mnt, ok);
	jb_u64(ns, "pid", d->ns_pid, ok);
	jb_u64(ns, "net", d->ns_net, ok);
	jb_u64(ns, "user", d->ns_user, ok);
	jb_add(o, "ns", ns, ok);
}

static void add_values(json_object *o, const struct lkrg_event_detail *d,
		       bool *ok)
{
	json_object *arr = json_object_new_array(), *v;
	unsigned int i;

	for (i = 0; i < d->nvalues; i++) {
		v = json_object_new_object();
		jb_kstr(v, "field", d->values[i].field, LKRG_EV_FIELD_LEN, ok);
		jb_hex(v, "expected", d->values[i].expected, ok);
		jb_hex(v, "actual", d->values[i].actual, ok);
		jb_push(arr, v, ok);
	}
	jb_add(o, "values", arr, ok);
}

static void add_detail(json_object *o, const struct lkrg_event_detail *d,
		       bool *ok)
{
	jb_str(o, "severity", lkrg_name_severity(d->severity), ok);
	jb_str(o, "category", lkrg_name_category(d->category), ok);
	jb_str(o, "object", lkrg_name_object(d->object), ok);
	jb_str(o, "action", lkrg_name_action(d->action), ok);
	jb_str(o, "trigger", lkrg_name_trigger(d->trigger), ok);
	jb_u64(o, "check_id", d->check_id, ok);
	jb_u64(o, "generation", d->generation, ok);
	jb_uuid(o, "instance", d->instance_uuid, ok);
	jb_uuid(o, "event_uuid", d->event_uuid, ok);
	jb_i64(o, "pid", d->pid, ok);
	jb_i64(o, "tgid", d->tgid, ok);
	jb_u64(o, "uid", d->uid, ok);
	jb_u64(o, "euid", d->euid, ok);
	add_ns(o, d, ok);
	jb_kstr(o, "comm", d->comm, sizeof(d->comm), ok);
	jb_kstr(o, "name", d->name, sizeof(d->name), ok);
	jb_kstr(o, "location", d->location, sizeof(d->location), ok);
	if (d->address)
		jb_hex(o, "address", d->address, ok);
	jb_u64(o, "length", d->length, ok);
	jb_u64(o, "count", d->count, ok);
	jb_u64(o, "suppressed", d->suppressed, ok);
	add_values(o, d, ok);
}

CLKRG_API int clkrg_event_to_json(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len)
{
	struct lkrg_event_detail d;
	struct lkrg_event_lost l;
	json_object *o;
	bool ok = true;

	if (!ev)
		return -EINVAL;
	if (ev->type == LKRG_EV_LOST && clkrg_event_lost(ev, &l))
		return -EBADMSG;
	if (lkrg_ev_has_detail(ev->type) && clkrg_event_detail(ev, &d))
		return -EBADMSG;
	o = json_object_new_object();
	add_header(o, ev, &ok);
	if (ev->type == LKRG_EV_LOST) {
		jb_u64(o, "first_seq", l.first_seq, &ok);
		jb_u64(o, "count", l.count, &ok);
	} else if (lkrg_ev_has_detail(ev->type)) {
		add_detail(o, &d, &ok);
	}
	return jb_finish(o, ok, buf, len);
}
