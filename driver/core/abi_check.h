/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/*
 * Validation of ioctl arguments after they were copied in: flags, reserved
 * fields and values. Pure so that every error path is unit-tested on the
 * host. Each returns 0 or a negative errno.
 */
#ifndef CLKRG_ABI_CHECK_H
#define CLKRG_ABI_CHECK_H

#include "core_compat.h"

bool lkrg_all_zero(const void *p, size_t n);

int lkrg_check_hello(const struct lkrg_hello *a);
int lkrg_check_check(const struct lkrg_check *a);
int lkrg_check_rebaseline(const struct lkrg_rebaseline *a);
int lkrg_check_block_get(const struct lkrg_block_modules *a);
int lkrg_check_block_set(const struct lkrg_block_modules *a);
int lkrg_check_status(const struct lkrg_status *a);
int lkrg_check_policy_get(const struct lkrg_policy_get *a);
int lkrg_check_policy_set(const struct lkrg_policy_set *a);
int lkrg_check_stats(const struct lkrg_stats *a);
int lkrg_check_hooks(const struct lkrg_stats *a);
int lkrg_check_umh_edit(const struct lkrg_umh_edit *a);
int lkrg_check_umh_list(const struct lkrg_umh_list *a);
int lkrg_check_hook_allow_edit(const struct lkrg_hook_allow_edit *a);
int lkrg_check_hook_allow_list(const struct lkrg_hook_allow_list *a);

/* Array outputs: @count rows of @stride bytes each, @ver0 minimum. */
int lkrg_check_rows(__u32 count, __u32 stride, __u32 ver0);

/* A knob's value against its bounds: -EPERM load-only, -ERANGE outside. */
int lkrg_knob_check(const struct lkrg_knob *k, __s64 value);

/* Rank of an enforcement level: higher acts more strongly; -1 unknown. */
int lkrg_enforce_rank(__s64 level);

/*
 * Whether setting knob @k (its current value in k->value) to @value
 * weakens the guard: the change the policy lock refuses.
 */
bool lkrg_knob_weakens(const struct lkrg_knob *k, __s64 value);

/* Module-blocking mode change: -ERANGE unknown, -EPERM leaving LOCK. */
int lkrg_block_transition(__u32 old_mode, __s64 new_mode);

#define LKRG_SCOPE_ALL	(LKRG_SCOPE_KTEXT | LKRG_SCOPE_RODATA | \
			 LKRG_SCOPE_EXTABLE | LKRG_SCOPE_CPU | \
			 LKRG_SCOPE_MODULES)

#endif
