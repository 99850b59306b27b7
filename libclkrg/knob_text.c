// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One aligned line per knob:
 *   kint_enforce     1 (log_only)     log_accept|log_only|panic    what ...
 */
#include <errno.h>
#include <inttypes.h>

#include "clkrg_internal.h"
#include "linebuf.h"

/* Enum knobs and small named ranges read better as a list of values. */
static bool listable(const struct lkrg_knob *k)
{
	return (k->flags & LKRG_KNOB_F_ENUM) ||
	       (clkrg_knob_name_set(k) >= 0 && k->min >= 0 &&
		k->max < SMALL_VALUES);
}

static void put_value(struct linebuf *l, const struct lkrg_knob *k,
		      int64_t v)
{
	const char *name = clkrg_knob_value_name(k, v);

	lb_put(l, "%" PRId64, v);
	if (name)
		lb_put(l, " (%s)", name);
}

static void put_allowed(struct linebuf *l, const struct lkrg_knob *k)
{
	const char *sep = "";
	int v;

	if (!listable(k)) {
		lb_put(l, "%" PRId64 "..%" PRId64, (int64_t)k->min,
		       (int64_t)k->max);
		return;
	}
	for (v = 0; v < SMALL_VALUES; v++) {
		if (!clkrg_knob_allows(k, v))
			continue;
		if (clkrg_knob_value_name(k, v))
			lb_put(l, "%s%s", sep, clkrg_knob_value_name(k, v));
		else
			lb_put(l, "%s%d", sep, v);
		sep = "|";
	}
}

CLKRG_API int clkrg_knob_value_text_sized(const struct lkrg_knob *k,
					  size_t size, int64_t v, char *buf,
					  size_t len)
{
	struct linebuf l = { .buf = buf, .len = len };
	struct lkrg_knob w;

	k = CLKRG_WIDEN(k, size, lkrg_knob, LKRG_KNOB_SIZE_VER0, &w);
	if (!k || !buf || !len)
		return -EINVAL;
	put_value(&l, k, v);
	return lb_result(&l);
}

CLKRG_API int clkrg_knob_to_text_sized(const struct lkrg_knob *k, size_t size,
				       char *buf, size_t len)
{
	char name[LKRG_KNOB_NAME_LEN + 1], value[64] = "", allowed[512] = "";
	struct linebuf l = { .buf = buf, .len = len };
	struct linebuf v = { .buf = value, .len = sizeof(value) };
	struct linebuf a = { .buf = allowed, .len = sizeof(allowed) };
	struct lkrg_knob w;

	k = CLKRG_WIDEN(k, size, lkrg_knob, LKRG_KNOB_SIZE_VER0, &w);
	if (!k || !buf || !len)
		return -EINVAL;
	clkrg__clean_str(name, k->name, sizeof(k->name));
	put_value(&v, k, k->value);
	put_allowed(&a, k);
	lb_put(&l, "%-16s %-16s %-28s ", name, value,
	       a.full ? "(many)" : allowed);
	if (k->flags & LKRG_KNOB_F_LOAD_ONLY)
		lb_put(&l, "[load-only] ");
	lb_kstr(&l, "", k->desc, sizeof(k->desc));
	return lb_result(&l);
}
