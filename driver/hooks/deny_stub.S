/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a denying hook sends a probed function: straight back to its
 * caller, with the error the hook put in %rax. Entered at the function's
 * first instruction, so the stack holds just the return address.
 */
#include <linux/linkage.h>
#include <asm/linkage.h>

SYM_FUNC_START(clkrg_deny_return)
	RET
SYM_FUNC_END(clkrg_deny_return)
