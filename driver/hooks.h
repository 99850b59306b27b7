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

int clkrg_hooks_init(void);
void clkrg_hooks_exit(void);

unsigned int clkrg_hooks_count(void);
void clkrg_hooks_row(unsigned int i, struct lkrg_hook_row *out);

#endif
