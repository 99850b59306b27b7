// SPDX-License-Identifier: LGPL-2.1-or-later
/* LKRG_IOC_STATS: one row of check counters per trigger; LKRG_IOC_HOOKS,
 * with the same argument struct: one row per probed kernel function. */
#include <errno.h>
#include <stdlib.h>

#include "clkrg_internal.h"

/* Row @i of an array @stride bytes apart. */
#define ROW(type, rows, i, stride) \
	((struct type *)((char *)(rows) + (i) * (stride)))

CLKRG_API int clkrg_stats_sized(struct clkrg *c, struct lkrg_stats_row **rows,
				size_t *count, size_t stride)
{
	struct lkrg_stats s;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_STATS, &s, sizeof(s), stride, LKRG_STATS_ROW_SIZE_VER0
	};
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)rows, count);

	for (i = 0; !ret && i < *count; i++)
		ROW(lkrg_stats_row, *rows, i, stride)->name[LKRG_STATS_NAME_LEN - 1] = 0;
	return ret;
}

CLKRG_API void clkrg_stats_free(struct lkrg_stats_row *rows)
{
	free(rows);
}

CLKRG_API int clkrg_hooks_sized(struct clkrg *c, struct lkrg_hook_row **rows,
				size_t *count, size_t stride)
{
	struct lkrg_stats s;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_HOOKS, &s, sizeof(s), stride, LKRG_HOOK_ROW_SIZE_VER0
	};
	struct lkrg_hook_row *r;
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)rows, count);

	/* Callers print these; do not trust the terminators. */
	for (i = 0; !ret && i < *count; i++) {
		r = ROW(lkrg_hook_row, *rows, i, stride);
		r->symbol[LKRG_HOOK_NAME_LEN - 1] = 0;
		r->role[LKRG_HOOK_ROLE_LEN - 1] = 0;
	}
	return ret;
}

CLKRG_API void clkrg_hooks_free(struct lkrg_hook_row *rows)
{
	free(rows);
}
