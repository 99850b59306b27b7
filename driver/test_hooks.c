// SPDX-License-Identifier: GPL-2.0
#include <linux/export.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "events.h"
#include "test_hooks.h"

struct leaked {
	struct list_head node;
};

static bool hooks_on, leak_on;
static LIST_HEAD(leaks);
static DEFINE_SPINLOCK(leaks_lock);

void clkrg_test_hooks_init(bool hooks, bool leak)
{
	hooks_on = hooks;
	leak_on = leak;
	if (hooks || leak)
		pr_warn("clkrg: WARN: test hooks enabled (test_hooks=%d test_leak=%d): not for production\n",
			hooks, leak);
}

void clkrg_test_hooks_exit(void)
{
	struct leaked *l, *tmp;

	/* The "leak" is only counted; the memory goes back at unload. */
	list_for_each_entry_safe(l, tmp, &leaks, node) {
		list_del(&l->node);
		kfree(l);
	}
}

void clkrg_test_on_open(void)
{
	struct leaked *l;

	if (!leak_on)
		return;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return;
	clkrg_objects_add(1);
	spin_lock(&leaks_lock);
	list_add(&l->node, &leaks);
	spin_unlock(&leaks_lock);
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
