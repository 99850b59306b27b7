/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ftrace hooks of exploit detection: lifecycle (fork, free), legitimate
 * changes (commit_creds, override/revert_creds, namespace switches), the
 * access points where forged credentials are refused, module syscalls and
 * usermode helpers. Each counts its hits per CPU.
 */
#ifndef CLKRG_HOOKS_H
#define CLKRG_HOOKS_H

#include "core/core_compat.h"

struct clkrg_check_ctx;

int clkrg_hooks_init(void);
void clkrg_hooks_exit(void);

/* The checks that the hooks stay (hooks_health.c), after hooks_init. */
int clkrg_hooks_health_init(void);
void clkrg_hooks_health_exit(void);
/* Reports a hook, ops or ftrace state that no longer lets hooks fire. */
void clkrg_hooks_verify(struct clkrg_check_ctx *ctx);

unsigned int clkrg_hooks_count(void);
void clkrg_hooks_row(unsigned int i, struct lkrg_hook_row *out);

#endif
