// SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later
#include "abi_check.h"
#include "hook_owner.h"

#define ZERO(field)	lkrg_all_zero(&(field), sizeof(field))

bool lkrg_all_zero(const void *p, size_t n)
{
	const __u8 *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

int lkrg_check_hello(const struct lkrg_hello *a)
{
	if (a->flags || a->reserved0 || !ZERO(a->reserved))
		return -EINVAL;
	return 0;
}

int lkrg_check_check(const struct lkrg_check *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	return 0;
}

int lkrg_check_rebaseline(const struct lkrg_rebaseline *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	if (a->scope & ~(__u64)LKRG_SCOPE_ALL)
		return -EINVAL;
	return 0;
}

int lkrg_check_block_get(const struct lkrg_block_modules *a)
{
	if (a->flags || a->reserved0 || !ZERO(a->reserved))
		return -EINVAL;
	return 0;
}

int lkrg_check_block_set(const struct lkrg_block_modules *a)
{
	int ret = lkrg_check_block_get(a);

	if (ret)
		return ret;
	if (a->mode > LKRG_BLOCK_LOCK)
		return -EINVAL;
	return 0;
}

int lkrg_check_status(const struct lkrg_status *a)
{
	if (a->flags || a->reserved0 || !ZERO(a->reserved))
		return -EINVAL;
	return 0;
}

int lkrg_check_rows(__u32 count, __u32 stride, __u32 ver0)
{
	if (count && stride < ver0)
		return -EINVAL;
	/* Bound the copy the module may be asked to do. */
	if (stride > 4096)
		return -E2BIG;
	return 0;
}

int lkrg_check_policy_get(const struct lkrg_policy_get *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	return lkrg_check_rows(a->count, a->knob_size, LKRG_KNOB_SIZE_VER0);
}

int lkrg_check_stats(const struct lkrg_stats *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	return lkrg_check_rows(a->count, a->row_size,
			       LKRG_STATS_ROW_SIZE_VER0);
}

int lkrg_check_policy_set(const struct lkrg_policy_set *a)
{
	size_t n = 0;

	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	while (n < sizeof(a->name) && a->name[n])
		n++;
	if (n == 0 || n == sizeof(a->name))
		return -EINVAL;
	/* Bytes after the terminator are reserved too. */
	if (!lkrg_all_zero(a->name + n, sizeof(a->name) - n))
		return -EINVAL;
	return 0;
}

int lkrg_knob_check(const struct lkrg_knob *k, __s64 value)
{
	if (k->flags & LKRG_KNOB_F_LOAD_ONLY)
		return -EPERM;
	if (value < k->min || value > k->max)
		return -ERANGE;
	if (k->flags & LKRG_KNOB_F_ENUM) {
		if (value < 0 || value > 63 ||
		    !(k->allowed & ((__u64)1 << value)))
			return -ERANGE;
	}
	return 0;
}

int lkrg_enforce_rank(__s64 level)
{
	switch (level) {
	case LKRG_ENFORCE_LOG_ACCEPT:
		return 0;
	case LKRG_ENFORCE_LOG_ONLY:
		return 1;
	case LKRG_ENFORCE_RESTORE:
		return 2;
	case LKRG_ENFORCE_KILL:
	case LKRG_ENFORCE_DENY:
		return 3;
	case LKRG_ENFORCE_PANIC:
		return 4;
	default:
		return -1;
	}
}

bool lkrg_knob_weakens(const struct lkrg_knob *k, __s64 value)
{
	if (value == k->value)
		return false;
	if (k->flags & LKRG_KNOB_F_FROZEN)
		return true;
	if (k->names == LKRG_KNOB_NAMES_ENFORCE)
		return lkrg_enforce_rank(value) < lkrg_enforce_rank(k->value);
	if (k->flags & LKRG_KNOB_F_HIGHER_WEAKER)
		return value > k->value;
	return value < k->value;
}

int lkrg_block_transition(__u32 old_mode, __s64 new_mode)
{
	if (new_mode < LKRG_BLOCK_OFF || new_mode > LKRG_BLOCK_LOCK)
		return -ERANGE;
	if (old_mode == LKRG_BLOCK_LOCK && new_mode != LKRG_BLOCK_LOCK)
		return -EPERM;
	return 0;
}

int lkrg_check_hooks(const struct lkrg_stats *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	return lkrg_check_rows(a->count, a->row_size,
			       LKRG_HOOK_ROW_SIZE_VER0);
}

int lkrg_check_umh_edit(const struct lkrg_umh_edit *a)
{
	size_t n = 0;

	if (a->flags || a->reserved0 || !ZERO(a->reserved))
		return -EINVAL;
	while (n < sizeof(a->path) && a->path[n])
		n++;
	/* Terminated, absolute, and no room for "/" tricks like "//x". */
	if (n == sizeof(a->path) || n < 2 || a->path[0] != '/')
		return -EINVAL;
	return 0;
}

int lkrg_check_umh_list(const struct lkrg_umh_list *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	return lkrg_check_rows(a->count, a->entry_size,
			       LKRG_UMH_ENTRY_SIZE_VER0);
}

int lkrg_check_hook_allow_edit(const struct lkrg_hook_allow_edit *a)
{
	if (a->flags || a->reserved0 || !ZERO(a->reserved))
		return -EINVAL;
	return lkrg_hook_owner_valid((const char *)a->owner,
				     sizeof(a->owner));
}

int lkrg_check_hook_allow_list(const struct lkrg_hook_allow_list *a)
{
	if (a->flags || !ZERO(a->reserved))
		return -EINVAL;
	return lkrg_check_rows(a->count, a->entry_size,
			       LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0);
}
