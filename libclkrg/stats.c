// SPDX-License-Identifier: GPL-2.0
/* LKRG_IOC_STATS: one row of check counters per trigger; LKRG_IOC_HOOKS,
 * with the same argument struct: one row per probed kernel function. */
#include <errno.h>
#include <stdlib.h>

#include "clkrg_internal.h"

CLKRG_API int clkrg_stats(struct clkrg *c, struct lkrg_stats_row **rows,
			  size_t *count)
{
	struct lkrg_stats s;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_STATS, &s, sizeof(s), sizeof(**rows)
	};
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)rows, count);

	for (i = 0; !ret && i < *count; i++)
		(*rows)[i].name[LKRG_STATS_NAME_LEN - 1] = 0;
	return ret;
}

CLKRG_API void clkrg_stats_free(struct lkrg_stats_row *rows)
{
	free(rows);
}

CLKRG_API int clkrg_hooks(struct clkrg *c, struct lkrg_hook_row **rows,
			  size_t *count)
{
	struct lkrg_stats s;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_HOOKS, &s, sizeof(s), sizeof(**rows)
	};
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)rows, count);

	/* Callers print these; do not trust the terminators. */
	for (i = 0; !ret && i < *count; i++) {
		(*rows)[i].symbol[LKRG_HOOK_NAME_LEN - 1] = 0;
		(*rows)[i].role[LKRG_HOOK_ROLE_LEN - 1] = 0;
	}
	return ret;
}

CLKRG_API void clkrg_hooks_free(struct lkrg_hook_row *rows)
{
	free(rows);
}
