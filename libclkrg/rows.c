// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The ABI's array protocol (POLICY_GET, STATS, UMH_LIST, HOOKS,
 * HOOK_ALLOW_LIST): count 0
 * asks how many rows there are, a too-small count is -ENOSPC with ->count
 * set. A row may appear between the two calls, so the fill is retried a
 * few times. Rows are laid out at the caller's stride: the module writes
 * as much of each row as both know and zeroes the rest.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"

#define TRIES	8

/*
 * Every array command's struct starts with size, flags, count, the row
 * stride and the rows pointer at these offsets; only the names differ.
 */
#define OFF_COUNT	8
#define OFF_STRIDE	12
#define OFF_ROWS	16
#define SAME_LAYOUT(type, count, stride, rows)				\
	_Static_assert(offsetof(struct type, count) == OFF_COUNT &&	\
		       offsetof(struct type, stride) == OFF_STRIDE &&	\
		       offsetof(struct type, rows) == OFF_ROWS,		\
		       #type " array prefix")
SAME_LAYOUT(lkrg_policy_get, count, knob_size, knobs);
SAME_LAYOUT(lkrg_stats, count, row_size, rows);
SAME_LAYOUT(lkrg_umh_list, count, entry_size, entries);
SAME_LAYOUT(lkrg_hook_allow_list, count, entry_size, entries);

/* One call for @n rows at @arr; *count gets the module's row count, also
 * on -ENOSPC. */
static int query(struct clkrg *c, const struct clkrg__rows_cmd *cmd,
		 void *arr, uint32_t n, uint32_t *count)
{
	unsigned char *a = cmd->arg;
	uint32_t size = (uint32_t)cmd->arg_size;
	uint32_t stride = (uint32_t)cmd->row_size;
	uint64_t rows = (uintptr_t)arr;
	int ret = 0;

	memset(a, 0, cmd->arg_size);
	memcpy(a, &size, sizeof(size));
	memcpy(a + OFF_COUNT, &n, sizeof(n));
	memcpy(a + OFF_STRIDE, &stride, sizeof(stride));
	memcpy(a + OFF_ROWS, &rows, sizeof(rows));
	if (ioctl(c->fd, cmd->req, a) < 0)
		ret = -errno;
	memcpy(count, a + OFF_COUNT, sizeof(*count));
	return ret;
}

int clkrg__list_rows(struct clkrg *c, const struct clkrg__rows_cmd *cmd,
		     void **rows, size_t *count)
{
	uint32_t want, got = 0;
	void *arr = NULL;
	int ret, tries;

	if (!c || !rows || !count ||
	    !clkrg__size_ok(cmd->row_size, cmd->row_ver0))
		return -EINVAL;
	ret = query(c, cmd, NULL, 0, &want);
	for (tries = 0; !ret; tries++) {
		free(arr);
		arr = tries < TRIES ? calloc(want ? want : 1, cmd->row_size)
				    : NULL;
		if (!arr)
			return tries < TRIES ? -ENOMEM : -EAGAIN;
		ret = query(c, cmd, arr, want, &got);
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
