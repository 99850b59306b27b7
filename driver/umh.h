/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Usermode helpers: which programs the kernel may start on its own
 * (modprobe, coredump handlers...). An allow-list editable at run time;
 * a helper not on it is refused before it is executed.
 */
#ifndef CLKRG_UMH_H
#define CLKRG_UMH_H

#include "core/core_compat.h"
#include "pint.h"

/*
 * The list starts as @allow (@n <= LKRG_UMH_MAX entries, each checked),
 * or LKRG's defaults when @n is 0.
 */
int clkrg_umh_init(const char *const *allow, unsigned int n);
/* The umh_allow parameter, as UMH_ADD checks a path: -EINVAL, logged. */
int clkrg_umh_check_allow(const char *const *allow, unsigned int n);
void clkrg_umh_exit(void);

/* At kernel_execve(): may @path run? */
enum clkrg_verdict clkrg_umh_exec(const char *path);

/* ioctl backends; callers checked CAP_SYS_ADMIN and the argument. */
int clkrg_umh_add(const char *path, u32 *count, u64 *generation);
int clkrg_umh_del(const char *path, u32 *count, u64 *generation);
/* Copies up to @max entries; returns how many the list has. */
u32 clkrg_umh_list(struct lkrg_umh_entry *out, u32 max, u64 *generation,
		   u64 *refused);

#endif
