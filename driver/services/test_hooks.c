// SPDX-License-Identifier: GPL-2.0
#include <linux/export.h>
#include <linux/slab.h>
#include "services/events.h"
#include "services/test_hooks.h"

static bool hooks_on, leak_on;

void clkrg_test_hooks_init(bool hooks, bool leak)
{
	hooks_on = hooks;
	leak_on = leak;
	if (hooks || leak)
		pr_warn("clkrg: WARN: test hooks enabled (test_hooks=%d test_leak=%d): not for production\n",
			hooks, leak);
}

/* Nothing to free: the test leak is never freed, by design. */
void clkrg_test_hooks_exit(void)
{
}

/*
 * test_leak=1: a real leak, so that both leak detectors of the suite can
 * be seen to fail: the allocation is counted in status.objects and its
 * pointer dropped, never freed (kmemleak reports it).
 */
void clkrg_test_on_open(void)
{
	void *leak;

	if (!leak_on)
		return;
	leak = kmalloc(64, GFP_KERNEL);
	if (leak)
		clkrg_objects_add(1);
}

int clkrg_test_emit(u64 tag)
{
	struct lkrg_event_record r;

	if (!READ_ONCE(hooks_on))
		return -EPERM;
	clkrg_ev_prepare(&r, LKRG_EV_INFO, LKRG_SEV_INFO, LKRG_CAT_GUARD,
			 LKRG_OBJ_NONE, LKRG_ACT_NONE, false);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "test");
	lkrg_ev_add_value(&r.d, "tag", 0, tag);
	clkrg_ev_emit(&r);
	return 0;
}
EXPORT_SYMBOL_GPL(clkrg_test_emit);
