// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The entry points of programs built before CLKRG_1.3, whose structures
 * and rows are those of the ABI's first version: each one is its sized
 * call at LKRG_*_SIZE_VER0, never at this library's (possibly larger)
 * sizeof. clkrg.h makes the same names macros for the sized calls, so the
 * names are parenthesized here.
 */
#include "clkrg_internal.h"

/* Growing a structure past its first version must not move these. */
_Static_assert(sizeof(struct lkrg_check) >= LKRG_CHECK_SIZE_VER0 &&
	       sizeof(struct lkrg_status) >= LKRG_STATUS_SIZE_VER0 &&
	       sizeof(struct lkrg_knob) >= LKRG_KNOB_SIZE_VER0 &&
	       sizeof(struct lkrg_stats_row) >= LKRG_STATS_ROW_SIZE_VER0 &&
	       sizeof(struct lkrg_hook_row) >= LKRG_HOOK_ROW_SIZE_VER0 &&
	       sizeof(struct lkrg_umh_entry) >= LKRG_UMH_ENTRY_SIZE_VER0 &&
	       sizeof(struct lkrg_event_detail) >= LKRG_EVENT_DETAIL_SIZE_VER0 &&
	       sizeof(struct lkrg_event_lost) >= LKRG_EVENT_LOST_SIZE_VER0,
	       "an ABI structure is smaller than its first version");

CLKRG_API int (clkrg_force_run)(struct clkrg *c, struct lkrg_check *out)
{
	return clkrg_force_run_sized(c, out, LKRG_CHECK_SIZE_VER0);
}

CLKRG_API int (clkrg_status)(struct clkrg *c, struct lkrg_status *out)
{
	return clkrg_status_sized(c, out, LKRG_STATUS_SIZE_VER0);
}

CLKRG_API int (clkrg_policy_list)(struct clkrg *c, struct lkrg_knob **knobs,
				  size_t *count)
{
	return clkrg_policy_list_sized(c, knobs, count, LKRG_KNOB_SIZE_VER0);
}

CLKRG_API int (clkrg_stats)(struct clkrg *c, struct lkrg_stats_row **rows,
			    size_t *count)
{
	return clkrg_stats_sized(c, rows, count, LKRG_STATS_ROW_SIZE_VER0);
}

CLKRG_API int (clkrg_hooks)(struct clkrg *c, struct lkrg_hook_row **rows,
			    size_t *count)
{
	return clkrg_hooks_sized(c, rows, count, LKRG_HOOK_ROW_SIZE_VER0);
}

CLKRG_API int (clkrg_umh_list)(struct clkrg *c,
			       struct lkrg_umh_entry **entries, size_t *count,
			       uint64_t *generation, uint64_t *refused)
{
	return clkrg_umh_list_sized(c, entries, count, LKRG_UMH_ENTRY_SIZE_VER0,
				    generation, refused);
}

CLKRG_API int (clkrg_event_detail)(const struct lkrg_event_hdr *ev,
				   struct lkrg_event_detail *out)
{
	return clkrg_event_detail_sized(ev, out, LKRG_EVENT_DETAIL_SIZE_VER0);
}

CLKRG_API int (clkrg_event_lost)(const struct lkrg_event_hdr *ev,
				 struct lkrg_event_lost *out)
{
	return clkrg_event_lost_sized(ev, out, LKRG_EVENT_LOST_SIZE_VER0);
}

CLKRG_API int (clkrg_status_to_json)(const struct lkrg_status *st, char *buf,
				     size_t len)
{
	return clkrg_status_to_json_sized(st, LKRG_STATUS_SIZE_VER0, buf, len);
}

CLKRG_API int (clkrg_check_to_json)(const struct lkrg_check *ck, char *buf,
				    size_t len)
{
	return clkrg_check_to_json_sized(ck, LKRG_CHECK_SIZE_VER0, buf, len);
}

CLKRG_API int (clkrg_knob_to_json)(const struct lkrg_knob *k, char *buf,
				   size_t len)
{
	return clkrg_knob_to_json_sized(k, LKRG_KNOB_SIZE_VER0, buf, len);
}

CLKRG_API int (clkrg_stats_row_to_json)(const struct lkrg_stats_row *r,
					char *buf, size_t len)
{
	return clkrg_stats_row_to_json_sized(r, LKRG_STATS_ROW_SIZE_VER0, buf,
					     len);
}

CLKRG_API int (clkrg_hook_row_to_json)(const struct lkrg_hook_row *r,
				       char *buf, size_t len)
{
	return clkrg_hook_row_to_json_sized(r, LKRG_HOOK_ROW_SIZE_VER0, buf,
					    len);
}

CLKRG_API int (clkrg_umh_entry_to_json)(const struct lkrg_umh_entry *e,
					char *buf, size_t len)
{
	return clkrg_umh_entry_to_json_sized(e, LKRG_UMH_ENTRY_SIZE_VER0, buf,
					     len);
}

CLKRG_API int (clkrg_check_to_text)(const struct lkrg_check *ck, char *buf,
				    size_t len)
{
	return clkrg_check_to_text_sized(ck, LKRG_CHECK_SIZE_VER0, buf, len);
}

CLKRG_API int (clkrg_knob_to_text)(const struct lkrg_knob *k, char *buf,
				   size_t len)
{
	return clkrg_knob_to_text_sized(k, LKRG_KNOB_SIZE_VER0, buf, len);
}

CLKRG_API int (clkrg_knob_value_text)(const struct lkrg_knob *k,
				      int64_t value, char *buf, size_t len)
{
	return clkrg_knob_value_text_sized(k, LKRG_KNOB_SIZE_VER0, value, buf,
					   len);
}

CLKRG_API int (clkrg_knob_name_set)(const struct lkrg_knob *k)
{
	return clkrg_knob_name_set_sized(k, LKRG_KNOB_SIZE_VER0);
}

CLKRG_API const char *(clkrg_knob_value_name)(const struct lkrg_knob *k,
					      int64_t value)
{
	return clkrg_knob_value_name_sized(k, LKRG_KNOB_SIZE_VER0, value);
}

CLKRG_API bool (clkrg_knob_allows)(const struct lkrg_knob *k, int64_t value)
{
	return clkrg_knob_allows_sized(k, LKRG_KNOB_SIZE_VER0, value);
}
