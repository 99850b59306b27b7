/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pCFI at hooks: the stack pointer lies in the task's stack, and the
 * probed function's return address is kernel text right after a call.
 * O(1): one return address, not a stack walk.
 */
#ifndef CLKRG_PCFI_H
#define CLKRG_PCFI_H

#include <linux/ftrace.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include "ksyms.h"
#include "pint.h"
#include "policy.h"

int clkrg_pcfi_init(void);

/* @sp lies in current's stack, aligned, with room for a return address. */
static inline bool clkrg_sp_sane(unsigned long sp)
{
	unsigned long base = (unsigned long)task_stack_page(current);

	return !(sp & (sizeof(long) - 1)) && sp >= base &&
	       sp < base + THREAD_SIZE - sizeof(long);
}

/*
 * The common case of clkrg_pcfi_check(), inline for the hooks (task
 * context): a sane stack, and a return address into core text right after
 * a direct call. False: undecided, the full check decides.
 */
static __always_inline bool clkrg_pcfi_fast_ok(unsigned long sp)
{
	s64 level = clkrg_policy(KNOB_PCFI_VALIDATE);
	unsigned long ret;

	if (level == LKRG_PCFI_OFF)
		return true;
	if (!clkrg_sp_sane(sp))
		return false;
	if (level != LKRG_PCFI_FULL)
		return true;
	ret = *(unsigned long *)sp;
	return ret - 5 >= clkrg_stext && ret < clkrg_etext &&
	       *(const u8 *)(ret - 5) == 0xe8;
}

/* @regs at the entry of the probed function @symbol (an ftrace hook). */
enum clkrg_verdict clkrg_pcfi_check(struct ftrace_regs *regs,
				    const char *symbol);

/* The probed function's return address, 0 if the stack is not sane. */
unsigned long clkrg_hook_return(struct ftrace_regs *regs);

#endif
