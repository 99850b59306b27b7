// SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later
#include "event_codec.h"
#include "knob_defs.h"

#define BIT64(n)	((__u64)1 << (n))
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

/* A plain number in min..max. */
#define NUM(n, d, lo, hi, f) \
	{ .name = n, .desc = d, .min = lo, .max = hi, .flags = f }
/* A number in min..max whose values have names (LKRG_KNOB_NAMES_*). */
#define NAMED(n, d, lo, hi, set) \
	{ .name = n, .desc = d, .min = lo, .max = hi, \
	  .names = LKRG_KNOB_NAMES_##set }
/* One of the enforcement levels in @allowed. */
#define ENFORCE(n, d, hi, allowed_) \
	{ .name = n, .desc = d, .min = LKRG_ENFORCE_LOG_ACCEPT, .max = hi, \
	  .allowed = allowed_, .flags = LKRG_KNOB_F_ENUM, \
	  .names = LKRG_KNOB_NAMES_ENFORCE }

/* Chance in 1/10000 that such an event starts a check (kint_validate 3). */
#define RAND_KNOB(id, name, what) \
	[KNOB_RAND_##id] = NUM("rand_" name, \
		"per 10000 " what " events that start a check, 0 off", \
		0, 10000, 0)

const struct lkrg_knob_def lkrg_knob_defs[KNOB_COUNT] = {
	[KNOB_INTERVAL] = NUM("interval",
		"seconds between periodic integrity checks",
		5, 1800, LKRG_KNOB_F_HIGHER_WEAKER),
	[KNOB_KINT_VALIDATE] = NAMED("kint_validate",
		"0 off, 1 on demand and module/CPU events, 2 + timer, 3 + random",
		LKRG_VALIDATE_OFF, LKRG_VALIDATE_RANDOM, VALIDATE),
	[KNOB_KINT_ENFORCE] = ENFORCE("kint_enforce",
		"integrity violation: log_accept, log_only, restore (CR0.WP), panic",
		LKRG_ENFORCE_PANIC, ENFORCE_CPU),
	[KNOB_BLOCK_MODULES] = {
		.name = "block_modules",
		.desc = "module loading: off, on (refused) or lock (until reboot)",
		.min = LKRG_BLOCK_OFF, .max = LKRG_BLOCK_LOCK,
		.allowed = BIT64(LKRG_BLOCK_OFF) | BIT64(LKRG_BLOCK_ON) |
			   BIT64(LKRG_BLOCK_LOCK),
		.flags = LKRG_KNOB_F_ENUM, .names = LKRG_KNOB_NAMES_BLOCK },
	[KNOB_LOG_LEVEL] = NUM("log_level",
		"kernel-log lines up to severity 0 alert, 1 warn, 2 notice, 3 info",
		LKRG_SEV_ALERT, LKRG_SEV_INFO, 0),
	[KNOB_HEARTBEAT] = NUM("heartbeat",
		"1: a clean check emits an info event", 0, 1, 0),
	[KNOB_RATELIMIT_INTERVAL] = NUM("ratelimit_interval",
		"seconds of the window for repeated identical events, 0 no limit",
		0, 3600, LKRG_KNOB_F_FROZEN),
	[KNOB_RATELIMIT_BURST] = NUM("ratelimit_burst",
		"identical violations or refusals passed per window",
		1, 10000, 0),
	[KNOB_EXPOSE_ADDRESSES] = NUM("expose_addresses",
		"1: readers without CAP_SYSLOG see kernel addresses too",
		0, 1, LKRG_KNOB_F_HIGHER_WEAKER),
	[KNOB_MSR_VALIDATE] = NUM("msr_validate",
		"1: check each CPU's entry-point MSRs", 0, 1, 0),
	[KNOB_SMEP_VALIDATE] = NUM("smep_validate",
		"1: check CR4.SMEP on each CPU", 0, 1, 0),
	[KNOB_SMEP_ENFORCE] = ENFORCE("smep_enforce",
		"CR4.SMEP cleared: log_accept, log_only, restore or panic",
		LKRG_ENFORCE_PANIC, ENFORCE_CPU),
	[KNOB_SMAP_VALIDATE] = NUM("smap_validate",
		"1: check CR4.SMAP on each CPU", 0, 1, 0),
	[KNOB_SMAP_ENFORCE] = ENFORCE("smap_enforce",
		"CR4.SMAP cleared: log_accept, log_only, restore or panic",
		LKRG_ENFORCE_PANIC, ENFORCE_CPU),
	RAND_KNOB(NETDEV, "netdev", "network device"),
	RAND_KNOB(NETEVENT, "netevent", "neighbour/route"),
	RAND_KNOB(INETADDR, "inetaddr", "IPv4 address"),
	RAND_KNOB(INET6ADDR, "inet6addr", "IPv6 address"),
	RAND_KNOB(CPUFREQ, "cpufreq", "CPU frequency"),
	RAND_KNOB(USB, "usb", "USB device"),
	RAND_KNOB(ACPI, "acpi", "ACPI"),
	[KNOB_PINT_VALIDATE] = NAMED("pint_validate",
		"task creds: 0 off, 1 current at hooks + all on checks, 2 paranoid",
		LKRG_PINT_OFF, LKRG_PINT_PARANOID, PINT),
	[KNOB_PINT_ENFORCE] = ENFORCE("pint_enforce",
		"forged task state: log_accept, kill (deny and kill), panic",
		LKRG_ENFORCE_PANIC, ENFORCE_PINT),
	[KNOB_PCFI_VALIDATE] = NAMED("pcfi_validate",
		"at hooks: 0 off, 1 stack pointer, 2 + return address follows a call",
		LKRG_PCFI_OFF, LKRG_PCFI_FULL, PCFI),
	[KNOB_PCFI_ENFORCE] = ENFORCE("pcfi_enforce",
		"bad stack or return address: log_only, kill, panic",
		LKRG_ENFORCE_PANIC, ENFORCE_PCFI),
	[KNOB_UMH_VALIDATE] = NAMED("umh_validate",
		"usermode helpers: 0 off, 1 allow-list, 2 block all",
		LKRG_UMH_OFF, LKRG_UMH_BLOCK_ALL, UMH),
	[KNOB_UMH_ENFORCE] = ENFORCE("umh_enforce",
		"helper not allowed: log_only, deny (it does not run), panic",
		LKRG_ENFORCE_DENY, ENFORCE_UMH),
	[KNOB_LOCK] = NUM("lock",
		"1: until reboot no weakening, shutdown, rebaseline or unload",
		0, 1, 0),
};

void lkrg_knob_describe(unsigned int id, __s64 value, struct lkrg_knob *k)
{
	const struct lkrg_knob_def *d = &lkrg_knob_defs[id];

	memset(k, 0, sizeof(*k));
	lkrg_ev_set_str(k->name, sizeof(k->name), d->name);
	lkrg_ev_set_str(k->desc, sizeof(k->desc), d->desc);
	k->value = value;
	k->min = d->min;
	k->max = d->max;
	k->allowed = d->allowed;
	k->flags = d->flags;
	k->names = d->names;
}

int lkrg_knob_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < KNOB_COUNT; i++)
		if (!strcmp(name, lkrg_knob_defs[i].name))
			return i;
	return -ENOENT;
}

int lkrg_umh_path_check(const char *path)
{
	size_t n = strnlen(path, LKRG_UMH_PATH_LEN);

	if (n == LKRG_UMH_PATH_LEN)
		return -ENAMETOOLONG;
	return n < 2 || path[0] != '/' ? -EINVAL : 0;
}
