// SPDX-License-Identifier: LGPL-2.1-or-later
/* Owners allowed to redirect kernel functions: LKRG_IOC_HOOK_ALLOW_LIST,
 * _ALLOW and _DENY (since CLKRG_1.5). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"
#include "../driver/core/abi_check.h"

CLKRG_API int clkrg_hook_allow_list_sized(struct clkrg *c,
					  struct lkrg_hook_allow_entry **entries,
					  size_t *count, size_t stride,
					  uint64_t *generation,
					  uint64_t *redirects,
					  uint64_t *callbacks)
{
	struct lkrg_hook_allow_list l;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_HOOK_ALLOW_LIST, &l, sizeof(l), stride,
		LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0
	};
	struct lkrg_hook_allow_entry *e;
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)entries, count);

	if (ret)
		return ret;
	/* Callers print these; do not trust the terminators. */
	for (i = 0; i < *count; i++) {
		e = (struct lkrg_hook_allow_entry *)((char *)*entries +
						     i * stride);
		e->owner[LKRG_HOOK_OWNER_LEN - 1] = 0;
	}
	if (generation)
		*generation = l.generation;
	if (redirects)
		*redirects = l.redirects;
	if (callbacks)
		*callbacks = l.callbacks;
	return 0;
}

CLKRG_API void clkrg_hook_allow_free(struct lkrg_hook_allow_entry *entries)
{
	free(entries);
}

/* The module's rules for an owner are checked here first. */
static int edit(struct clkrg *c, unsigned long req, const char *owner,
		uint32_t *count, uint64_t *generation)
{
	struct lkrg_hook_allow_edit e;
	size_t n;
	int ret;

	if (!c || !owner)
		return -EINVAL;
	n = strlen(owner);
	if (n >= sizeof(e.owner))
		return -EINVAL;
	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	memcpy(e.owner, owner, n);
	ret = lkrg_check_hook_allow_edit(&e);
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

CLKRG_API int clkrg_hook_allow(struct clkrg *c, const char *owner,
			       uint32_t *count, uint64_t *generation)
{
	return edit(c, LKRG_IOC_HOOK_ALLOW, owner, count, generation);
}

CLKRG_API int clkrg_hook_deny(struct clkrg *c, const char *owner,
			      uint32_t *count, uint64_t *generation)
{
	return edit(c, LKRG_IOC_HOOK_DENY, owner, count, generation);
}
