// SPDX-License-Identifier: GPL-2.0
#include <linux/atomic.h>
#include <linux/fcntl.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/uaccess.h>
#include "services/events.h"
#include "services/policy.h"
#include "integrity/modblock.h"

static atomic64_t refused = ATOMIC64_INIT(0);
static int pinned;
static clkrg_module_activity on_activity __ro_after_init;

static void report_block(const struct module *mod)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_BLOCK, LKRG_SEV_WARN, LKRG_CAT_MODULE,
			 LKRG_OBJ_MODULE, LKRG_ACT_BLOCKED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), mod->name);
	lkrg_ev_add_value(&r.d, "block_modules", LKRG_BLOCK_OFF,
			  clkrg_policy(KNOB_BLOCK_MODULES));
	clkrg_ev_emit(&r);
}

static int module_event(struct notifier_block *nb, unsigned long state,
			void *data)
{
	struct module *mod = data;

	if (mod == THIS_MODULE)
		return NOTIFY_DONE;
	if (state == MODULE_STATE_COMING &&
	    clkrg_policy(KNOB_BLOCK_MODULES) != LKRG_BLOCK_OFF) {
		atomic64_inc(&refused);
		report_block(mod);
		/* load_module() unwinds and fails with this error. */
		return notifier_from_errno(-EPERM);
	}
	if ((state == MODULE_STATE_LIVE || state == MODULE_STATE_GOING) &&
	    on_activity)
		on_activity();
	return NOTIFY_DONE;
}

static struct notifier_block module_nb = {
	.notifier_call = module_event,
	/* Refuse before any other notifier prepares for the module. */
	.priority = INT_MAX,
};

/* Reads a module name from user memory without sleeping or faulting. */
static bool user_name_nofault(char name[MODULE_NAME_LEN],
			      const char __user *u)
{
	size_t len = MODULE_NAME_LEN;

	if (copy_from_user_nofault(name, u, len)) {
		/* A short name may end just before an unmapped page. */
		len = PAGE_SIZE - offset_in_page(u);
		if (len >= MODULE_NAME_LEN || copy_from_user_nofault(name, u, len))
			return false;
	}
	name[min_t(size_t, len, MODULE_NAME_LEN - 1)] = 0;
	return true;
}

static bool unload_locked(void)
{
	return clkrg_policy(KNOB_LOCK) ||
	       clkrg_policy(KNOB_BLOCK_MODULES) == LKRG_BLOCK_LOCK;
}

/*
 * While locked, delete_module(2) may not name clkrg, and no unload may be
 * forced (O_TRUNC ignores the reference that pins clkrg, and the name the
 * kernel reads may differ from the one read here if another thread
 * rewrites it). An unforced unload of clkrg that slips past the name
 * fails on the pinned reference.
 */
bool clkrg_modblock_unload_refused(const char __user *uname,
				   unsigned long flags)
{
	char name[MODULE_NAME_LEN] = "";
	bool ours;

	if (!unload_locked())
		return false;
	ours = user_name_nofault(name, uname) &&
	       !strcmp(name, THIS_MODULE->name);
	if (!ours && !(flags & O_TRUNC))
		return false;
	clkrg_policy_refused(LKRG_OBJ_GUARD, ours ? "unload" : "forced unload",
			     name);
	return true;
}

int clkrg_modblock_init(clkrg_module_activity activity)
{
	on_activity = activity;
	return register_module_notifier(&module_nb);
}

void clkrg_modblock_exit(void)
{
	unregister_module_notifier(&module_nb);
}

void clkrg_modblock_lock(void)
{
	/* Never put back: the lock holds until reboot. */
	if (!xchg(&pinned, 1))
		__module_get(THIS_MODULE);
}

u64 clkrg_modblock_refused(void)
{
	return atomic64_read(&refused);
}
