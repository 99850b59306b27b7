// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include "core/abi_check.h"
#include "events.h"
#include "policy.h"
#include "vault.h"

#define BIT64(n)	((u64)1 << (n))
/* Levels of the integrity and CPU knobs: everything but kill. */
#define ENFORCE_CPU	(BIT64(LKRG_ENFORCE_LOG_ACCEPT) | \
			 BIT64(LKRG_ENFORCE_LOG_ONLY) | \
			 BIT64(LKRG_ENFORCE_RESTORE) | BIT64(LKRG_ENFORCE_PANIC))

#define ENFORCE_PINT	(BIT64(LKRG_ENFORCE_LOG_ACCEPT) | \
			 BIT64(LKRG_ENFORCE_KILL) | BIT64(LKRG_ENFORCE_PANIC))
#define ENFORCE_PCFI	(BIT64(LKRG_ENFORCE_LOG_ONLY) | \
			 BIT64(LKRG_ENFORCE_KILL) | BIT64(LKRG_ENFORCE_PANIC))
#define ENFORCE_UMH	(BIT64(LKRG_ENFORCE_LOG_ONLY) | \
			 BIT64(LKRG_ENFORCE_DENY) | BIT64(LKRG_ENFORCE_PANIC))

struct knob_def {
	const char *name;
	const char *desc;
	s64 min, max;
	u64 allowed;	/* ENUM knobs */
	u32 flags;
	u32 names;	/* LKRG_KNOB_NAMES_* */
};

/* Chance in 1/10000 that such an event starts a check (kint_validate 3). */
#define RAND_KNOB(id, name, what) \
	[KNOB_RAND_##id] = { "rand_" name, \
		"per 10000 " what " events that start a check, 0 off", \
		0, 10000, 0, 0, LKRG_KNOB_NAMES_NONE }

static const struct knob_def knobs[KNOB_COUNT] = {
	[KNOB_INTERVAL] = {
		"interval", "seconds between periodic integrity checks",
		5, 1800, 0, LKRG_KNOB_F_HIGHER_WEAKER },
	[KNOB_KINT_VALIDATE] = {
		"kint_validate",
		"0 off, 1 on demand and module/CPU events, 2 + timer, 3 + random",
		LKRG_VALIDATE_OFF, LKRG_VALIDATE_RANDOM, 0, 0,
		LKRG_KNOB_NAMES_VALIDATE },
	[KNOB_KINT_ENFORCE] = {
		"kint_enforce",
		"integrity violation: log_accept, log_only, restore (CR0.WP), panic",
		LKRG_ENFORCE_LOG_ACCEPT, LKRG_ENFORCE_PANIC, ENFORCE_CPU,
		LKRG_KNOB_F_ENUM, LKRG_KNOB_NAMES_ENFORCE },
	[KNOB_BLOCK_MODULES] = {
		"block_modules",
		"module loading: off, on (refused) or lock (until reboot)",
		LKRG_BLOCK_OFF, LKRG_BLOCK_LOCK,
		BIT64(LKRG_BLOCK_OFF) | BIT64(LKRG_BLOCK_ON) |
		BIT64(LKRG_BLOCK_LOCK), LKRG_KNOB_F_ENUM,
		LKRG_KNOB_NAMES_BLOCK },
	[KNOB_LOG_LEVEL] = {
		"log_level",
		"kernel-log lines up to severity 0 alert, 1 warn, 2 notice, 3 info",
		LKRG_SEV_ALERT, LKRG_SEV_INFO, 0, 0 },
	[KNOB_HEARTBEAT] = {
		"heartbeat", "1: a clean check emits an info event",
		0, 1, 0, 0 },
	[KNOB_RATELIMIT_INTERVAL] = {
		"ratelimit_interval",
		"seconds of the window for repeated identical events, 0 no limit",
		0, 3600, 0, LKRG_KNOB_F_FROZEN },
	[KNOB_RATELIMIT_BURST] = {
		"ratelimit_burst",
		"identical violations or refusals passed per window",
		1, 10000, 0, 0 },
	[KNOB_EXPOSE_ADDRESSES] = {
		"expose_addresses",
		"1: readers without CAP_SYSLOG see kernel addresses too",
		0, 1, 0, LKRG_KNOB_F_HIGHER_WEAKER },
	[KNOB_MSR_VALIDATE] = {
		"msr_validate", "1: check each CPU's entry-point MSRs",
		0, 1, 0, 0 },
	[KNOB_SMEP_VALIDATE] = {
		"smep_validate", "1: check CR4.SMEP on each CPU",
		0, 1, 0, 0 },
	[KNOB_SMEP_ENFORCE] = {
		"smep_enforce",
		"CR4.SMEP cleared: log_accept, log_only, restore or panic",
		LKRG_ENFORCE_LOG_ACCEPT, LKRG_ENFORCE_PANIC, ENFORCE_CPU,
		LKRG_KNOB_F_ENUM, LKRG_KNOB_NAMES_ENFORCE },
	[KNOB_SMAP_VALIDATE] = {
		"smap_validate", "1: check CR4.SMAP on each CPU",
		0, 1, 0, 0 },
	[KNOB_SMAP_ENFORCE] = {
		"smap_enforce",
		"CR4.SMAP cleared: log_accept, log_only, restore or panic",
		LKRG_ENFORCE_LOG_ACCEPT, LKRG_ENFORCE_PANIC, ENFORCE_CPU,
		LKRG_KNOB_F_ENUM, LKRG_KNOB_NAMES_ENFORCE },
	RAND_KNOB(NETDEV, "netdev", "network device"),
	RAND_KNOB(NETEVENT, "netevent", "neighbour/route"),
	RAND_KNOB(INETADDR, "inetaddr", "IPv4 address"),
	RAND_KNOB(INET6ADDR, "inet6addr", "IPv6 address"),
	RAND_KNOB(CPUFREQ, "cpufreq", "CPU frequency"),
	RAND_KNOB(USB, "usb", "USB device"),
	RAND_KNOB(ACPI, "acpi", "ACPI"),
	[KNOB_PINT_VALIDATE] = {
		"pint_validate",
		"task creds: 0 off, 1 current at hooks + all on checks, 2 paranoid",
		LKRG_PINT_OFF, LKRG_PINT_PARANOID, 0, 0,
		LKRG_KNOB_NAMES_PINT },
	[KNOB_PINT_ENFORCE] = {
		"pint_enforce",
		"forged task state: log_accept, kill (deny and kill), panic",
		LKRG_ENFORCE_LOG_ACCEPT, LKRG_ENFORCE_PANIC, ENFORCE_PINT,
		LKRG_KNOB_F_ENUM, LKRG_KNOB_NAMES_ENFORCE },
	[KNOB_PCFI_VALIDATE] = {
		"pcfi_validate",
		"at hooks: 0 off, 1 stack pointer, 2 + return address follows a call",
		LKRG_PCFI_OFF, LKRG_PCFI_FULL, 0, 0, LKRG_KNOB_NAMES_PCFI },
	[KNOB_PCFI_ENFORCE] = {
		"pcfi_enforce",
		"bad stack or return address: log_only, kill, panic",
		LKRG_ENFORCE_LOG_ACCEPT, LKRG_ENFORCE_PANIC, ENFORCE_PCFI,
		LKRG_KNOB_F_ENUM, LKRG_KNOB_NAMES_ENFORCE },
	[KNOB_UMH_VALIDATE] = {
		"umh_validate",
		"usermode helpers: 0 off, 1 allow-list, 2 block all",
		LKRG_UMH_OFF, LKRG_UMH_BLOCK_ALL, 0, 0, LKRG_KNOB_NAMES_UMH },
	[KNOB_UMH_ENFORCE] = {
		"umh_enforce",
		"helper not allowed: log_only, deny (it does not run), panic",
		LKRG_ENFORCE_LOG_ACCEPT, LKRG_ENFORCE_DENY, ENFORCE_UMH,
		LKRG_KNOB_F_ENUM, LKRG_KNOB_NAMES_ENFORCE },
	[KNOB_LOCK] = {
		"lock",
		"1: until reboot no weakening, shutdown, rebaseline or unload",
		0, 1, 0, 0 },
};

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
	memset(k, 0, sizeof(*k));
	lkrg_ev_set_str(k->name, sizeof(k->name), knobs[i].name);
	lkrg_ev_set_str(k->desc, sizeof(k->desc), knobs[i].desc);
	k->value = clkrg_policy(i);
	k->min = knobs[i].min;
	k->max = knobs[i].max;
	k->allowed = knobs[i].allowed;
	k->flags = knobs[i].flags;
	k->names = knobs[i].names;
}

int clkrg_policy_init(const s64 initial[KNOB_COUNT], clkrg_knob_hook hook)
{
	struct lkrg_knob k;
	unsigned int i;

	for (i = 0; i < KNOB_COUNT; i++) {
		describe(i, &k);
		if (lkrg_knob_check(&k, initial[i])) {
			pr_err("clkrg: FAULT: parameter %s=%lld is invalid (%s)\n",
			       knobs[i].name, initial[i], knobs[i].desc);
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
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), knobs[i].name);
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
	snprintf(what, sizeof(what), "%s=%lld (is %lld)", knobs[i].name,
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
	unsigned int i;

	for (i = 0; i < KNOB_COUNT; i++)
		if (!strcmp(name, knobs[i].name))
			return clkrg_policy_set_id(i, value, old);
	return -ENOENT;
}
