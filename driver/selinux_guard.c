// SPDX-License-Identifier: GPL-2.0
#include <linux/kprobes.h>
#include "compat/compat.h"
#include "events.h"
#include "kint.h"
#include "ksyms.h"
#include "selinux_guard.h"

/* In the private struct selinux_state: compat.h knows where. */
static bool *enforcing;
static bool expected;
static atomic_t writing;
static bool probed;

static int write_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	atomic_inc(&writing);
	return 0;
}

static int write_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	WRITE_ONCE(expected, READ_ONCE(*enforcing));
	atomic_dec(&writing);
	return 0;
}

static struct kretprobe write_probe = {
	.kp.symbol_name = "sel_write_enforce",
	.entry_handler = write_entry,
	.handler = write_return,
	.maxactive = 16,
};

void clkrg_selinux_check(struct clkrg_check_ctx *ctx)
{
	struct lkrg_event_record r;
	bool now, was;
	u16 act;

	/* A write through selinuxfs is under way: it is followed. */
	if (!enforcing || atomic_read(&writing))
		return;
	now = READ_ONCE(*enforcing);
	was = READ_ONCE(expected);
	if (now == was)
		return;
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
	if (register_kretprobe(&write_probe)) {
		pr_warn("clkrg: WARN: sel_write_enforce not hooked, SELinux enforcing not guarded\n");
		return 0;
	}
	probed = true;
	expected = READ_ONCE(*flag);
	enforcing = flag;
	return 0;
}

void clkrg_selinux_exit(void)
{
	if (probed)
		unregister_kretprobe(&write_probe);
	probed = false;
	enforcing = NULL;
}
