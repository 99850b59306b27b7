// SPDX-License-Identifier: LGPL-2.1-or-later
/* JSON for status, check results, knobs, stats and hook rows and allow-list
 * entries: the field names are a stable contract (scripts and the VM tests
 * read them). */
#include <errno.h>

#include "jbuild.h"
#include "../driver/core/lkrg_names.h"

CLKRG_API int clkrg_status_to_json_sized(const struct lkrg_status *st,
					 size_t size, char *buf, size_t len)
{
	json_object *o;
	bool ok = true;
	struct lkrg_status w;

	st = CLKRG_WIDEN(st, size, lkrg_status, LKRG_STATUS_SIZE_VER0, &w);
	if (!st)
		return -EINVAL;
	o = json_object_new_object();
	jb_kstr(o, "module_version", st->module_version,
		sizeof(st->module_version), &ok);
	jb_u64(o, "api_version", st->api_version, &ok);
	jb_u64(o, "schema_version", st->schema_version, &ok);
	jb_uuid(o, "instance", st->instance_uuid, &ok);
	jb_u64(o, "generation", st->generation, &ok);
	jb_u64(o, "loaded_real_ns", st->loaded_real_ns, &ok);
	jb_u64(o, "checks", st->checks, &ok);
	jb_u64(o, "last_check_id", st->last_check_id, &ok);
	jb_u64(o, "last_check_real_ns", st->last_check_real_ns, &ok);
	jb_u64(o, "last_check_duration_ns", st->last_check_duration_ns, &ok);
	jb_u64(o, "last_check_violations", st->last_check_violations, &ok);
	jb_str(o, "block_modules", lkrg_name_block_mode(st->block_modules),
	       &ok);
	jb_u64(o, "events_produced", st->events_produced, &ok);
	jb_u64(o, "events_oldest", st->events_oldest, &ok);
	jb_u64(o, "violations_total", st->violations_total, &ok);
	jb_bool(o, "shutting_down", st->shutting_down != 0, &ok);
	jb_u64(o, "interval_s", st->interval_s, &ok);
	jb_u64(o, "events_suppressed", st->events_suppressed, &ok);
	jb_u64(o, "objects", st->objects, &ok);
	jb_u64(o, "tasks", st->tasks, &ok);
	jb_bool(o, "locked", st->locked != 0, &ok);
	return jb_finish(o, ok, buf, len);
}

CLKRG_API int clkrg_check_to_json_sized(const struct lkrg_check *ck,
					size_t size, char *buf, size_t len)
{
	json_object *o;
	bool ok = true;
	struct lkrg_check w;

	ck = CLKRG_WIDEN(ck, size, lkrg_check, LKRG_CHECK_SIZE_VER0, &w);
	if (!ck)
		return -EINVAL;
	o = json_object_new_object();
	jb_u64(o, "check_id", ck->check_id, &ok);
	jb_u64(o, "start_ns", ck->start_ns, &ok);
	jb_u64(o, "start_real_ns", ck->start_real_ns, &ok);
	jb_u64(o, "duration_ns", ck->duration_ns, &ok);
	jb_u64(o, "regions", ck->regions, &ok);
	jb_u64(o, "bytes", ck->bytes, &ok);
	jb_u64(o, "violations", ck->violations, &ok);
	jb_str(o, "trigger", lkrg_name_trigger(ck->trigger), &ok);
	jb_u64(o, "generation", ck->generation, &ok);
	jb_u64(o, "tasks", ck->tasks, &ok);
	jb_u64(o, "tasks_ns", ck->tasks_ns, &ok);
	return jb_finish(o, ok, buf, len);
}

/* "allowed" (enum knobs) and "allowed_names" (when the names are known). */
static void add_allowed(json_object *o, const struct lkrg_knob *k, bool *ok)
{
	bool is_enum = k->flags & LKRG_KNOB_F_ENUM;
	bool named = clkrg_knob_name_set(k) >= 0;
	json_object *nums = is_enum ? json_object_new_array() : NULL;
	json_object *names = named ? json_object_new_array() : NULL;
	const char *name;
	int v;

	for (v = 0; v < SMALL_VALUES; v++) {
		if (!clkrg_knob_allows(k, v))
			continue;
		if (nums)
			jb_push(nums, json_object_new_int(v), ok);
		name = clkrg_knob_value_name(k, v);
		if (names && name)
			jb_push(names, json_object_new_string(name), ok);
	}
	/* jb_add() also catches an array that could not be allocated. */
	if (is_enum)
		jb_add(o, "allowed", nums, ok);
	if (named)
		jb_add(o, "allowed_names", names, ok);
}

CLKRG_API int clkrg_knob_to_json_sized(const struct lkrg_knob *k, size_t size,
				       char *buf, size_t len)
{
	const char *value_name;
	json_object *o;
	bool ok = true;
	struct lkrg_knob w;

	k = CLKRG_WIDEN(k, size, lkrg_knob, LKRG_KNOB_SIZE_VER0, &w);
	if (!k)
		return -EINVAL;
	value_name = clkrg_knob_value_name(k, k->value);
	o = json_object_new_object();
	jb_kstr(o, "name", k->name, sizeof(k->name), &ok);
	jb_i64(o, "value", k->value, &ok);
	if (value_name)
		jb_str(o, "value_name", value_name, &ok);
	jb_i64(o, "min", k->min, &ok);
	jb_i64(o, "max", k->max, &ok);
	jb_bool(o, "enum", k->flags & LKRG_KNOB_F_ENUM, &ok);
	jb_bool(o, "load_only", k->flags & LKRG_KNOB_F_LOAD_ONLY, &ok);
	add_allowed(o, k, &ok);
	jb_kstr(o, "description", k->desc, sizeof(k->desc), &ok);
	return jb_finish(o, ok, buf, len);
}

CLKRG_API int clkrg_stats_row_to_json_sized(const struct lkrg_stats_row *r,
					    size_t size, char *buf, size_t len)
{
	json_object *o;
	bool ok = true;
	struct lkrg_stats_row w;

	r = CLKRG_WIDEN(r, size, lkrg_stats_row, LKRG_STATS_ROW_SIZE_VER0, &w);
	if (!r)
		return -EINVAL;
	o = json_object_new_object();
	jb_kstr(o, "name", r->name, sizeof(r->name), &ok);
	jb_u64(o, "id", r->id, &ok);
	jb_u64(o, "fired", r->fired, &ok);
	jb_u64(o, "started", r->started, &ok);
	jb_u64(o, "coalesced", r->coalesced, &ok);
	jb_u64(o, "violations", r->violations, &ok);
	jb_u64(o, "last_fired_ns", r->last_fired_ns, &ok);
	jb_u64(o, "total_ns", r->total_ns, &ok);
	jb_u64(o, "max_ns", r->max_ns, &ok);
	return jb_finish(o, ok, buf, len);
}

CLKRG_API int clkrg_hook_row_to_json_sized(const struct lkrg_hook_row *r,
					   size_t size, char *buf, size_t len)
{
	json_object *o;
	bool ok = true;
	struct lkrg_hook_row w;

	r = CLKRG_WIDEN(r, size, lkrg_hook_row, LKRG_HOOK_ROW_SIZE_VER0, &w);
	if (!r)
		return -EINVAL;
	o = json_object_new_object();
	jb_kstr(o, "symbol", r->symbol, sizeof(r->symbol), &ok);
	jb_kstr(o, "role", r->role, sizeof(r->role), &ok);
	jb_bool(o, "active", r->active != 0, &ok);
	jb_u64(o, "hits", r->hits, &ok);
	jb_u64(o, "violations", r->violations, &ok);
	jb_u64(o, "denied", r->denied, &ok);
	return jb_finish(o, ok, buf, len);
}

CLKRG_API int clkrg_umh_entry_to_json_sized(const struct lkrg_umh_entry *e,
					    size_t size, char *buf, size_t len)
{
	json_object *o;
	bool ok = true;
	struct lkrg_umh_entry w;

	e = CLKRG_WIDEN(e, size, lkrg_umh_entry, LKRG_UMH_ENTRY_SIZE_VER0, &w);
	if (!e)
		return -EINVAL;
	o = json_object_new_object();
	jb_kstr(o, "path", e->path, sizeof(e->path), &ok);
	jb_u64(o, "allowed", e->allowed, &ok);
	return jb_finish(o, ok, buf, len);
}

CLKRG_API int clkrg_hook_allow_entry_to_json_sized(
	const struct lkrg_hook_allow_entry *e, size_t size, char *buf,
	size_t len)
{
	json_object *o;
	bool ok = true;
	struct lkrg_hook_allow_entry w;

	e = CLKRG_WIDEN(e, size, lkrg_hook_allow_entry,
			LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0, &w);
	if (!e)
		return -EINVAL;
	o = json_object_new_object();
	jb_kstr(o, "owner", e->owner, sizeof(e->owner), &ok);
	jb_u64(o, "allowed", e->allowed, &ok);
	return jb_finish(o, ok, buf, len);
}
