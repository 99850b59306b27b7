/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hooks for the kernel test suite only, off unless the module is loaded
 * with test_hooks=1: clkrg_test_emit() lets a test module produce events
 * from any context, and test_leak=1 leaks one kmalloc'd object per open,
 * never freed, so the leak checks of the suite can be shown to fail.
 */
#ifndef CLKRG_TEST_HOOKS_H
#define CLKRG_TEST_HOOKS_H

#include <linux/types.h>

void clkrg_test_hooks_init(bool hooks, bool leak);
void clkrg_test_hooks_exit(void);

/* Called by every open of /dev/lkrg. */
void clkrg_test_on_open(void);

/* Emits an info event tagged @tag; -EPERM unless test_hooks=1. */
int clkrg_test_emit(u64 tag);

#endif
