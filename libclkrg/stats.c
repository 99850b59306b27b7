// SPDX-License-Identifier: GPL-2.0
/* LKRG_IOC_STATS: one row of check counters per trigger. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"

static int query(struct clkrg *c, void *arr, uint32_t n, uint32_t *count)
{
	struct lkrg_stats s;
	int ret = 0;

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.count = n;
	s.row_size = sizeof(struct lkrg_stats_row);
	s.rows = (uintptr_t)arr;
	if (ioctl(c->fd, LKRG_IOC_STATS, &s) < 0)
		ret = -errno;
	*count = s.count;
	return ret;
}

CLKRG_API int clkrg_stats(struct clkrg *c, struct lkrg_stats_row **rows,
			  size_t *count)
{
	size_t i;
	int ret = clkrg__list_rows(c, query, sizeof(**rows), (void **)rows,
				   count);

	for (i = 0; !ret && i < *count; i++)
		(*rows)[i].name[LKRG_STATS_NAME_LEN - 1] = 0;
	return ret;
}

CLKRG_API void clkrg_stats_free(struct lkrg_stats_row *rows)
{
	free(rows);
}
