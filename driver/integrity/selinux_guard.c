// SPDX-License-Identifier: GPL-2.0
#include <linux/delay.h>
#include <linux/kprobes.h>
#include "compat/compat.h"
#include "services/events.h"
#include "integrity/kint.h"
#include "services/ksyms.h"
#include "integrity/selinux_guard.h"

/* In the private struct selinux_state: compat.h knows where. */
static bool *enforcing __ro_after_init;
static bool expected;
static atomic_t writing;
static bool probed __ro_after_init, status_probed __ro_after_init;

/*
 * A write through selinuxfs is counted while in flight, but its value is
 * never read back from the flag: a write that fails (bad input, denied)
 * or stalls (its buffer on a userfaultfd page) must not turn a store made
 * meanwhile into the expected value.
 */
static int write_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	atomic_inc(&writing);
	return 0;
}

static int write_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	atomic_dec(&writing);
	return 0;
}

static struct kretprobe write_probe = {
	.kp.symbol_name = "sel_write_enforce",
	.entry_handler = write_entry,
	.handler = write_return,
	.maxactive = 16,
};

/*
 * sel_write_enforce() calls this right after it set the flag, past the
 * permission check, with the value it set: that becomes the expected one.
 * Up to 6.3 it is the second argument (after a struct selinux_state
 * pointer), then the only one: a pointer is never 0 or 1.
 */
static int status_pre(struct kprobe *p, struct pt_regs *regs)
{
	unsigned long v = regs_get_kernel_argument(regs, 0);

	if (v > 1)
		v = regs_get_kernel_argument(regs, 1);
	WRITE_ONCE(expected, !!v);
	return 0;
}

static struct kprobe status_probe = {
	.symbol_name = "selinux_status_update_setenforce",
	.pre_handler = status_pre,
};

/*
 * The flag is set a moment before the status update reports it: while a
 * write is in flight a difference is looked at again for up to this long
 * (a check may sleep). A stalled write shields nothing past it.
 */
#define SETTLE_MS	1000

void clkrg_selinux_check(struct clkrg_check_ctx *ctx)
{
	struct lkrg_event_record r;
	unsigned int waited = 0;
	bool now, was;
	u16 act;

	if (!enforcing)
		return;
	for (;;) {
		now = READ_ONCE(*enforcing);
		was = READ_ONCE(expected);
		if (now == was)
			return;
		if (!atomic_read(&writing) || waited >= SETTLE_MS)
			break;
		msleep(20);
		waited += 20;
	}
	switch (ctx->enforce) {
	case LKRG_ENFORCE_LOG_ACCEPT:
		WRITE_ONCE(expected, now);
		act = LKRG_ACT_ACCEPTED;
		break;
	case LKRG_ENFORCE_RESTORE:
		WRITE_ONCE(*enforcing, was);
		act = LKRG_ACT_RESTORED;
		break;
	case LKRG_ENFORCE_PANIC:
		ctx->panic = true;
		act = LKRG_ACT_PANIC;
		break;
	default:
		act = LKRG_ACT_LOGGED;
	}
	clkrg_ev_prepare(&r, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_CAT_KERNEL,
			 LKRG_OBJ_SELINUX, act, false);
	r.d.check_id = ctx->check_id;
	r.d.trigger = ctx->trigger;
	r.d.generation = ctx->generation;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "selinux enforcing");
	lkrg_ev_add_value(&r.d, "enforcing", was, now);
	clkrg_ev_emit(&r);
	ctx->violations++;
}

int clkrg_selinux_init(void)
{
	bool *flag = clkrg_selinux_enforcing(clkrg_ksym("selinux_state"));

	if (!flag)
		return 0;
	if (register_kprobe(&status_probe)) {
		pr_warn("clkrg: WARN: selinux_status_update_setenforce not hooked, SELinux enforcing not guarded\n");
		return 0;
	}
	status_probed = true;
	if (register_kretprobe(&write_probe)) {
		pr_warn("clkrg: WARN: sel_write_enforce not hooked, SELinux enforcing not guarded\n");
		clkrg_selinux_exit();
		return 0;
	}
	probed = true;
	expected = READ_ONCE(*flag);
	enforcing = flag;
	return 0;
}

/* Read-only after load: unregisters, writes nothing of its own. */
void clkrg_selinux_exit(void)
{
	if (probed)
		unregister_kretprobe(&write_probe);
	if (status_probed)
		unregister_kprobe(&status_probe);
}
