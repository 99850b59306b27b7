/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Owners allowed to redirect kernel functions: a list in the vault, edited
 * at run time (LKRG_IOC_HOOK_ALLOW/DENY), one event per change; while the
 * policy is locked only removals pass. Livepatch ("kernel:klp_*") is on it
 * from load; clkrg itself needs no entry.
 */
#ifndef CLKRG_HOOK_ALLOW_H
#define CLKRG_HOOK_ALLOW_H

#include "core/core_compat.h"
#include "core/hook_owner.h"

int clkrg_hook_allow_init(void);
void clkrg_hook_allow_exit(void);

/* Whether an entry allows @name of @kind; counts the entry's use. */
bool clkrg_hook_allowed(enum lkrg_owner_kind kind, const char *name);

/* ioctl backends; callers checked CAP_SYS_ADMIN, the lock and the name. */
int clkrg_hook_allow_add(const char *owner, u32 *count, u64 *generation);
int clkrg_hook_allow_del(const char *owner, u32 *count, u64 *generation);
/* Copies up to @max entries; returns how many the list has. */
u32 clkrg_hook_allow_list(struct lkrg_hook_allow_entry *out, u32 max,
			  u64 *generation);

#endif
