// SPDX-License-Identifier: LGPL-2.1-or-later
/* Public access to the module's name tables, and knob value parsing. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clkrg_internal.h"
#include "../driver/core/abi_check.h"
#include "../driver/core/lkrg_names.h"

typedef const char *(*namer_fn)(unsigned int);

static const namer_fn namers[] = {
	[CLKRG_NAMES_TYPE] = lkrg_name_type,
	[CLKRG_NAMES_SEVERITY] = lkrg_name_severity,
	[CLKRG_NAMES_CATEGORY] = lkrg_name_category,
	[CLKRG_NAMES_OBJECT] = lkrg_name_object,
	[CLKRG_NAMES_ACTION] = lkrg_name_action,
	[CLKRG_NAMES_TRIGGER] = lkrg_name_trigger,
	[CLKRG_NAMES_BLOCK] = lkrg_name_block_mode,
	[CLKRG_NAMES_ENFORCE] = lkrg_name_enforce,
	[CLKRG_NAMES_VALIDATE] = lkrg_name_validate,
	[CLKRG_NAMES_PINT] = lkrg_name_pint,
	[CLKRG_NAMES_PCFI] = lkrg_name_pcfi,
	[CLKRG_NAMES_UMH] = lkrg_name_umh,
};

#define UNKNOWN	"unknown"

CLKRG_API const char *clkrg_name(enum clkrg_name_set set, unsigned int value)
{
	if ((unsigned int)set >= sizeof(namers) / sizeof(namers[0]))
		return UNKNOWN;
	return namers[set](value);
}

CLKRG_API int clkrg_name_value(enum clkrg_name_set set, const char *name)
{
	int v;

	if (!name || !strcmp(name, UNKNOWN))
		return -EINVAL;
	for (v = 0; v < SMALL_VALUES; v++)
		if (!strcmp(clkrg_name(set, (unsigned int)v), name))
			return v;
	return -EINVAL;
}

/* knob.names -> set of names; LKRG_KNOB_NAMES_NONE (0) has none. */
static const int knob_sets[] = {
	[LKRG_KNOB_NAMES_ENFORCE] = CLKRG_NAMES_ENFORCE,
	[LKRG_KNOB_NAMES_BLOCK] = CLKRG_NAMES_BLOCK,
	[LKRG_KNOB_NAMES_VALIDATE] = CLKRG_NAMES_VALIDATE,
	[LKRG_KNOB_NAMES_PINT] = CLKRG_NAMES_PINT,
	[LKRG_KNOB_NAMES_PCFI] = CLKRG_NAMES_PCFI,
	[LKRG_KNOB_NAMES_UMH] = CLKRG_NAMES_UMH,
};

/*
 * The module says which names a knob's values have (knob.names). A kind
 * this library does not know (a newer module) shows numbers rather than
 * risk a wrong name.
 */
CLKRG_API int clkrg_knob_name_set_sized(const struct lkrg_knob *k,
					size_t size)
{
	struct lkrg_knob w;

	k = CLKRG_WIDEN(k, size, lkrg_knob, LKRG_KNOB_SIZE_VER0, &w);
	if (!k)
		return -EINVAL;
	if (k->names == LKRG_KNOB_NAMES_NONE ||
	    k->names >= sizeof(knob_sets) / sizeof(knob_sets[0]))
		return -ENOENT;
	return knob_sets[k->names];
}

CLKRG_API const char *clkrg_knob_value_name_sized(const struct lkrg_knob *k,
						  size_t size, int64_t value)
{
	int set = clkrg_knob_name_set_sized(k, size);
	const char *s;

	if (set < 0 || value < 0 || value >= SMALL_VALUES)
		return NULL;
	s = clkrg_name((enum clkrg_name_set)set, (unsigned int)value);
	return strcmp(s, UNKNOWN) ? s : NULL;
}

CLKRG_API bool clkrg_knob_allows_sized(const struct lkrg_knob *k, size_t size,
				       int64_t value)
{
	struct lkrg_knob rw;

	k = CLKRG_WIDEN(k, size, lkrg_knob, LKRG_KNOB_SIZE_VER0, &rw);
	if (!k)
		return false;
	/* The module's own rule, asked about the value alone. */
	rw.flags &= ~LKRG_KNOB_F_LOAD_ONLY;
	return lkrg_knob_check(&rw, value) == 0;
}

CLKRG_API int clkrg_parse_value(int set, const char *s, int64_t *value)
{
	char *end;
	long long v;
	int n;

	if (!s || !value)
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s && !isspace((unsigned char)*s) && !*end && !errno) {
		*value = v;
		return 0;
	}
	n = set >= 0 ? clkrg_name_value((enum clkrg_name_set)set, s) : -EINVAL;
	if (n < 0)
		return -EINVAL;
	*value = n;
	return 0;
}
