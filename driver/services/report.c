// SPDX-License-Identifier: GPL-2.0
#include "services/events.h"
#include "services/check_ctx.h"

u16 clkrg_report_action(u16 enforce)
{
	switch (enforce) {
	case LKRG_ENFORCE_LOG_ACCEPT:
		return LKRG_ACT_ACCEPTED;
	case LKRG_ENFORCE_PANIC:
		return LKRG_ACT_PANIC;
	default:
		return LKRG_ACT_LOGGED;
	}
}

void clkrg_report_one(struct clkrg_check_ctx *ctx, u16 cat, u16 obj,
		      const char *name, const char *location,
		      const char *field, u64 expected, u64 actual)
{
	struct lkrg_event_record ev;
	u16 act = ctx->enforce == LKRG_ENFORCE_PANIC ? LKRG_ACT_PANIC :
						       LKRG_ACT_LOGGED;

	clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, cat, obj, act,
			 false);
	ev.d.trigger = ctx->trigger;
	ev.d.check_id = ctx->check_id;
	ev.d.generation = ctx->generation;
	lkrg_ev_set_str(ev.d.name, sizeof(ev.d.name), name);
	lkrg_ev_set_str(ev.d.location, sizeof(ev.d.location), location);
	lkrg_ev_add_value(&ev.d, field, expected, actual);
	clkrg_ev_emit(&ev);
	ctx->violations++;
	if (ctx->enforce == LKRG_ENFORCE_PANIC)
		ctx->panic = true;
}

/*
 * An access refused at a hook, as its own event: which access point
 * refused the task and with which error (the violation event says why).
 */
void clkrg_report_denied(const char *hook, int err)
{
	struct lkrg_event_record ev;

	clkrg_ev_prepare(&ev, LKRG_EV_BLOCK, LKRG_SEV_WARN, LKRG_CAT_TASK,
			 LKRG_OBJ_HOOK, LKRG_ACT_BLOCKED, true);
	lkrg_ev_set_str(ev.d.name, sizeof(ev.d.name), hook);
	lkrg_ev_add_value(&ev.d, "errno", 0, err);
	clkrg_ev_emit(&ev);
}
