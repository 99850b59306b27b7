// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include "core/abi_check.h"
#include "core/knob_defs.h"
#include "services/events.h"
#include "services/policy.h"
#include "services/vault.h"

/* The vault page: values, and the generation POLICY_SET bumps. */
struct knob_page {
	s64 values[KNOB_COUNT];
	u64 generation;
};

static DEFINE_MUTEX(policy_lock);
static s64 boot_values[KNOB_COUNT];
s64 *clkrg_knobs __ro_after_init = boot_values;
static struct knob_page *page __ro_after_init;
static clkrg_knob_hook knob_hook __ro_after_init;

static void describe(unsigned int i, struct lkrg_knob *k)
{
	lkrg_knob_describe(i, clkrg_policy(i), k);
}

int clkrg_policy_init(const s64 initial[KNOB_COUNT], clkrg_knob_hook hook)
{
	struct lkrg_knob k;
	unsigned int i;

	for (i = 0; i < KNOB_COUNT; i++) {
		describe(i, &k);
		if (lkrg_knob_check(&k, initial[i])) {
			pr_err("clkrg: FAULT: parameter %s=%lld is invalid (%s)\n",
			       lkrg_knob_defs[i].name, initial[i], lkrg_knob_defs[i].desc);
			return -EINVAL;
		}
	}
	page = clkrg_vault_alloc(sizeof(*page), sizeof(*page), "knobs");
	if (!page)
		return -ENOMEM;
	for (i = 0; i < KNOB_COUNT; i++)
		page->values[i] = initial[i];
	page->generation = 1;
	clkrg_vault_close(page);
	WRITE_ONCE(clkrg_knobs, page->values);
	knob_hook = hook;
	return 0;
}

void clkrg_policy_exit(void)
{
	clkrg_vault_free(page);
}

u64 clkrg_policy_generation(void)
{
	return READ_ONCE(page->generation);
}

unsigned int clkrg_policy_count(void)
{
	return KNOB_COUNT;
}

void clkrg_policy_describe(unsigned int index, struct lkrg_knob *out)
{
	describe(index, out);
}

static void emit_change(unsigned int i, s64 old, s64 value)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_CAT_GUARD,
			 LKRG_OBJ_POLICY, LKRG_ACT_CHANGED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), lkrg_knob_defs[i].name);
	lkrg_ev_add_value(&r.d, "value", (u64)old, (u64)value);
	clkrg_ev_emit(&r);
}

void clkrg_policy_refused(u16 object, const char *what, const char *detail)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_BLOCK, LKRG_SEV_WARN, LKRG_CAT_GUARD,
			 object, LKRG_ACT_BLOCKED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), what);
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location), detail);
	lkrg_ev_add_value(&r.d, "lock", 0, clkrg_policy(KNOB_LOCK));
	clkrg_ev_emit(&r);
}

/* The lock refuses what weakens the guard, and says so. */
static int locked_out(unsigned int i, const struct lkrg_knob *k, s64 value)
{
	char what[LKRG_EV_LOCATION_LEN];

	if (!clkrg_policy_locked() || !lkrg_knob_weakens(k, value))
		return 0;
	snprintf(what, sizeof(what), "%s=%lld (is %lld)", lkrg_knob_defs[i].name,
		 value, k->value);
	clkrg_policy_refused(LKRG_OBJ_POLICY, "weaken knob", what);
	return -EPERM;
}

int clkrg_policy_set_id(enum clkrg_knob_id id, s64 value, s64 *old)
{
	struct lkrg_knob k;
	int ret;

	mutex_lock(&policy_lock);
	describe(id, &k);
	ret = lkrg_knob_check(&k, value);
	if (!ret && id == KNOB_BLOCK_MODULES)
		ret = lkrg_block_transition(k.value, value);
	if (!ret)
		ret = locked_out(id, &k, value);
	if (ret) {
		mutex_unlock(&policy_lock);
		return ret;
	}
	*old = k.value;
	clkrg_vault_open(page);
	WRITE_ONCE(page->values[id], value);
	WRITE_ONCE(page->generation, page->generation + 1);
	clkrg_vault_close(page);
	emit_change(id, k.value, value);
	if (knob_hook)
		knob_hook(id, k.value, value);
	mutex_unlock(&policy_lock);
	return 0;
}

int clkrg_policy_set(const char *name, s64 value, s64 *old)
{
	int i = lkrg_knob_find(name);

	return i < 0 ? i : clkrg_policy_set_id(i, value, old);
}
