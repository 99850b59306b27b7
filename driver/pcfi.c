// SPDX-License-Identifier: GPL-2.0
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/uaccess.h>
#include "core/call_site.h"
#include "compat/compat.h"
#include "events.h"
#include "ksyms.h"
#include "policy.h"
#include "pcfi.h"

/* __kernel_text_address() is resolved with the others (compat/kfn.c). */
int clkrg_pcfi_init(void)
{
	return 0;
}

/*
 * Whether a call ends at @ret. Core text is mapped for good and read
 * directly (the common case, and cheap); anything else must be text the
 * kernel knows (modules, trampolines) and is read without faulting.
 */
static bool after_call(unsigned long ret)
{
	u8 before[LKRG_CALL_LOOKBACK];
	unsigned long from = ret - sizeof(before);

	if (from >= clkrg_stext && ret < clkrg_etext)
		return lkrg_call_precedes((const u8 *)from);
	return clkrg_kfn(__kernel_text_address)(ret) &&
	       !copy_from_kernel_nofault(before, (void *)from, sizeof(before)) &&
	       lkrg_call_precedes(before);
}

unsigned long clkrg_hook_return(struct ftrace_regs *regs)
{
	unsigned long sp = clkrg_fregs_sp(regs);

	if (!in_task() || !clkrg_sp_sane(sp))
		return 0;
	return *(unsigned long *)sp;
}

static void report(const char *what, const char *symbol, unsigned long ret,
		   u16 act)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_CAT_TASK,
			 LKRG_OBJ_TASK_STACK, act, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), what);
	if (ret)
		snprintf((char *)r.d.location, sizeof(r.d.location),
			 "%pS into %s", (void *)ret, symbol);
	else
		lkrg_ev_set_str(r.d.location, sizeof(r.d.location), symbol);
	r.d.address = ret;
	clkrg_ev_emit(&r);
	clkrg_note_hook_violation();
}

enum clkrg_verdict clkrg_pcfi_check(struct ftrace_regs *regs,
				    const char *symbol)
{
	s64 level = clkrg_policy(KNOB_PCFI_VALIDATE);
	unsigned long sp, ret = 0;
	const char *what = NULL;
	s64 enforce;

	if (level == LKRG_PCFI_OFF || !in_task() || is_idle_task(current))
		return CLKRG_ALLOW;
	sp = clkrg_fregs_sp(regs);
	if (!clkrg_sp_sane(sp)) {
		what = "stack pointer";
	} else if (level == LKRG_PCFI_FULL) {
		ret = *(unsigned long *)sp;
		if (!after_call(ret))
			what = "return address";
	}
	if (!what)
		return CLKRG_ALLOW;
	enforce = clkrg_policy(KNOB_PCFI_ENFORCE);
	report(what, symbol, ret, enforce == LKRG_ENFORCE_PANIC ?
	       LKRG_ACT_PANIC : enforce == LKRG_ENFORCE_KILL ?
	       LKRG_ACT_KILLED : LKRG_ACT_LOGGED);
	if (enforce == LKRG_ENFORCE_PANIC)
		panic("clkrg: %s check failed in %s", what, symbol);
	if (enforce != LKRG_ENFORCE_KILL)
		return CLKRG_ALLOW;
	clkrg_kill_task(current);
	return CLKRG_DENY;
}
