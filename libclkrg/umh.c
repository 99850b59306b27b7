// SPDX-License-Identifier: LGPL-2.1-or-later
/* The usermode helper allow-list: LKRG_IOC_UMH_LIST, _ADD and _DEL. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"
#include "../driver/core/abi_check.h"

CLKRG_API int clkrg_umh_list_sized(struct clkrg *c,
				   struct lkrg_umh_entry **entries,
				   size_t *count, size_t stride,
				   uint64_t *generation, uint64_t *refused)
{
	struct lkrg_umh_list l;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_UMH_LIST, &l, sizeof(l), stride,
		LKRG_UMH_ENTRY_SIZE_VER0
	};
	struct lkrg_umh_entry *e;
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)entries, count);

	if (ret)
		return ret;
	/* Callers print these; do not trust the terminators. */
	for (i = 0; i < *count; i++) {
		e = (struct lkrg_umh_entry *)((char *)*entries + i * stride);
		e->path[LKRG_UMH_PATH_LEN - 1] = 0;
	}
	if (generation)
		*generation = l.generation;
	if (refused)
		*refused = l.refused;
	return 0;
}

CLKRG_API void clkrg_umh_free(struct lkrg_umh_entry *entries)
{
	free(entries);
}

/* The module's rules for a path (absolute, more than "/", NUL-terminated
 * within LKRG_UMH_PATH_LEN bytes) are checked here first. */
static int edit(struct clkrg *c, unsigned long req, const char *path,
		uint32_t *count, uint64_t *generation)
{
	struct lkrg_umh_edit e;
	size_t n;
	int ret;

	if (!c || !path)
		return -EINVAL;
	n = strlen(path);
	if (n >= sizeof(e.path))
		return -EINVAL;
	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	memcpy(e.path, path, n);
	ret = lkrg_check_umh_edit(&e);
	if (ret)
		return ret;
	if (ioctl(c->fd, req, &e) < 0)
		return -errno;
	if (count)
		*count = e.count;
	if (generation)
		*generation = e.generation;
	return 0;
}

CLKRG_API int clkrg_umh_add(struct clkrg *c, const char *path,
			    uint32_t *count, uint64_t *generation)
{
	return edit(c, LKRG_IOC_UMH_ADD, path, count, generation);
}

CLKRG_API int clkrg_umh_del(struct clkrg *c, const char *path,
			    uint32_t *count, uint64_t *generation)
{
	return edit(c, LKRG_IOC_UMH_DEL, path, count, generation);
}
