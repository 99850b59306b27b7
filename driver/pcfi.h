/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pCFI at hooks: the stack pointer lies in the task's stack, and the
 * probed function's return address is kernel text right after a call.
 * O(1): one return address, not a stack walk.
 */
#ifndef CLKRG_PCFI_H
#define CLKRG_PCFI_H

#include <linux/ptrace.h>
#include "pint.h"

int clkrg_pcfi_init(void);

/* @regs at the entry of the probed function @symbol. */
enum clkrg_verdict clkrg_pcfi_check(struct pt_regs *regs, const char *symbol);

/* The probed function's return address, 0 if the stack is not sane. */
unsigned long clkrg_hook_return(struct pt_regs *regs);

#endif
