// SPDX-License-Identifier: GPL-2.0
/* Named integer knobs: listing (with the -ENOSPC retry), get and set. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"
#include "../driver/core/abi_check.h"

/* Knobs may be added between the two calls; give up if it keeps moving. */
#define LIST_TRIES	8

static int query(struct clkrg *c, struct lkrg_knob *arr, size_t n,
		 uint32_t *count)
{
	struct lkrg_policy_get g;

	memset(&g, 0, sizeof(g));
	g.size = sizeof(g);
	g.count = (uint32_t)n;
	g.knob_size = sizeof(*arr);
	g.knobs = (uintptr_t)arr;
	if (ioctl(c->fd, LKRG_IOC_POLICY_GET, &g) < 0) {
		*count = g.count;
		return -errno;
	}
	*count = g.count;
	return 0;
}

CLKRG_API int clkrg_policy_list(struct clkrg *c, struct lkrg_knob **knobs,
				size_t *count)
{
	struct lkrg_knob *arr = NULL;
	uint32_t want, got = 0, i;
	int ret, tries;

	if (!c || !knobs || !count)
		return -EINVAL;
	ret = query(c, NULL, 0, &want);
	for (tries = 0; !ret; tries++) {
		free(arr);
		arr = tries < LIST_TRIES ? calloc(want ? want : 1, sizeof(*arr))
					 : NULL;
		if (!arr)
			return tries < LIST_TRIES ? -ENOMEM : -EAGAIN;
		ret = query(c, arr, want, &got);
		if (ret != -ENOSPC)
			break;
		/* A knob appeared: grow, even if no count came back. */
		want = got > want ? got : want * 2 + 1;
		ret = 0;
	}
	if (ret) {
		free(arr);
		return ret;
	}
	if (got > want)
		got = want;
	for (i = 0; i < got; i++) {
		arr[i].name[LKRG_KNOB_NAME_LEN - 1] = 0;
		arr[i].desc[LKRG_KNOB_DESC_LEN - 1] = 0;
	}
	*knobs = arr;
	*count = got;
	return 0;
}

CLKRG_API void clkrg_knobs_free(struct lkrg_knob *knobs)
{
	free(knobs);
}

CLKRG_API int clkrg_policy_get(struct clkrg *c, const char *name,
			       int64_t *value)
{
	struct lkrg_knob *k;
	size_t n, i;
	int ret;

	if (!name || !value)
		return -EINVAL;
	ret = clkrg_policy_list(c, &k, &n);
	if (ret)
		return ret;
	ret = -ENOENT;
	for (i = 0; i < n && ret; i++) {
		if (!strcmp((const char *)k[i].name, name)) {
			*value = k[i].value;
			ret = 0;
		}
	}
	clkrg_knobs_free(k);
	return ret;
}

CLKRG_API int clkrg_policy_set(struct clkrg *c, const char *name,
			       int64_t value, int64_t *old)
{
	struct lkrg_policy_set s;
	int ret;

	if (!c || !name || strlen(name) >= sizeof(s.name))
		return -EINVAL;
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	memcpy(s.name, name, strlen(name));
	s.value = value;
	ret = lkrg_check_policy_set(&s);
	if (!ret && ioctl(c->fd, LKRG_IOC_POLICY_SET, &s) < 0)
		ret = -errno;
	if (!ret && old)
		*old = s.old_value;
	return ret;
}
