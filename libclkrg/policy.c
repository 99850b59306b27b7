// SPDX-License-Identifier: LGPL-2.1-or-later
/* Named integer knobs: listing, get and set. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"
#include "../driver/core/abi_check.h"
#include "../driver/core/knob_defs.h"

CLKRG_API int clkrg_policy_list_sized(struct clkrg *c, struct lkrg_knob **knobs,
				      size_t *count, size_t stride)
{
	struct lkrg_policy_get g;
	const struct clkrg__rows_cmd cmd = {
		LKRG_IOC_POLICY_GET, &g, sizeof(g), stride, LKRG_KNOB_SIZE_VER0
	};
	struct lkrg_knob *k;
	size_t i;
	int ret = clkrg__list_rows(c, &cmd, (void **)knobs, count);

	/* Callers print these; do not trust the terminators. */
	for (i = 0; !ret && i < *count; i++) {
		k = (struct lkrg_knob *)((char *)*knobs + i * stride);
		k->name[LKRG_KNOB_NAME_LEN - 1] = 0;
		k->desc[LKRG_KNOB_DESC_LEN - 1] = 0;
	}
	return ret;
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

CLKRG_API int clkrg_knob_defs_sized(struct lkrg_knob **knobs, size_t *count,
				    size_t stride)
{
	struct lkrg_knob k;
	char *rows;
	size_t i;

	if (!knobs || !count || !clkrg__size_ok(stride, LKRG_KNOB_SIZE_VER0))
		return -EINVAL;
	rows = calloc(KNOB_COUNT, stride);
	if (!rows)
		return -ENOMEM;
	for (i = 0; i < KNOB_COUNT; i++) {
		lkrg_knob_describe(i, 0, &k);
		memcpy(rows + i * stride, &k,
		       stride < sizeof(k) ? stride : sizeof(k));
	}
	*knobs = (struct lkrg_knob *)rows;
	*count = KNOB_COUNT;
	return 0;
}

CLKRG_API int clkrg_umh_path_check(const char *path)
{
	return path ? lkrg_umh_path_check(path) : -EINVAL;
}
