// SPDX-License-Identifier: GPL-2.0
/*
 * The ABI's array protocol (POLICY_GET, STATS): count 0 asks how many rows
 * there are, a too-small count is -ENOSPC with ->count set. A row may
 * appear between the two calls, so the fill is retried a few times.
 */
#include <errno.h>
#include <stdlib.h>

#include "clkrg_internal.h"

#define TRIES	8

int clkrg__list_rows(struct clkrg *c, clkrg__rows_query query,
		     size_t row_size, void **rows, size_t *count)
{
	uint32_t want, got = 0;
	void *arr = NULL;
	int ret, tries;

	if (!c || !rows || !count)
		return -EINVAL;
	ret = query(c, NULL, 0, &want);
	for (tries = 0; !ret; tries++) {
		free(arr);
		arr = tries < TRIES ? calloc(want ? want : 1, row_size) : NULL;
		if (!arr)
			return tries < TRIES ? -ENOMEM : -EAGAIN;
		ret = query(c, arr, want, &got);
		if (ret != -ENOSPC)
			break;
		/* Grow, even if the module did not report a count. */
		want = got > want ? got : want * 2 + 1;
		ret = 0;
	}
	if (ret) {
		free(arr);
		return ret;
	}
	*rows = arr;
	*count = got < want ? got : want;
	return 0;
}
