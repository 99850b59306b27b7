// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg: Linux Kernel Runtime Guard. Load order: symbols, events, policy,
 * our own hooks, then the baseline (so our hooks are part of it), then
 * the periodic engine and last the device users talk to.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "services/events.h"
#include "services/ksyms.h"
#include "services/policy.h"
#include "integrity/kint.h"
#include "integrity/cpu_state.h"
#include "integrity/modules.h"
#include "integrity/modblock.h"
#include "engine/check_engine.h"
#include "device/dev.h"
#include "engine/random_events.h"
#include "services/test_hooks.h"
#include "exploit/pint.h"
#include "exploit/pcfi.h"
#include "exploit/umh.h"
#include "hooks/hooks.h"
#include "integrity/selinux_guard.h"
#include "services/vault.h"
#include "integrity/inventory.h"

/*
 * Load-time only (mode 0): at run time policy changes go through the
 * ioctl, which checks CAP_SYS_ADMIN and emits an event.
 */
static int interval = 15;
module_param(interval, int, 0);
MODULE_PARM_DESC(interval, "seconds between periodic checks (5-1800)");
static int kint_validate = LKRG_VALIDATE_PERIODIC;
module_param(kint_validate, int, 0);
MODULE_PARM_DESC(kint_validate, "0 off, 1 on demand, 2 + periodic, 3 + random");
static int kint_enforce = LKRG_ENFORCE_LOG_ONLY;
module_param(kint_enforce, int, 0);
MODULE_PARM_DESC(kint_enforce, "0 log and accept, 1 log only, 4 panic");
static int block_modules = LKRG_BLOCK_OFF;
module_param(block_modules, int, 0);
MODULE_PARM_DESC(block_modules, "0 off, 1 on, 2 lock");
static int log_level = LKRG_SEV_INFO;
module_param(log_level, int, 0);
MODULE_PARM_DESC(log_level, "kernel-log severities: 0 alert .. 3 info");
static int heartbeat;
module_param(heartbeat, int, 0);
MODULE_PARM_DESC(heartbeat, "1: clean checks emit an info event");
static int ratelimit_interval = 60;
module_param(ratelimit_interval, int, 0);
MODULE_PARM_DESC(ratelimit_interval, "rate-limit window in seconds, 0 off");
static int ratelimit_burst = 5;
module_param(ratelimit_burst, int, 0);
MODULE_PARM_DESC(ratelimit_burst, "identical events passed per window");
static int expose_addresses;
module_param(expose_addresses, int, 0);
MODULE_PARM_DESC(expose_addresses, "1: all readers see kernel addresses");
static int msr_validate = 1;
module_param(msr_validate, int, 0);
MODULE_PARM_DESC(msr_validate, "1: check entry-point MSRs");
static int smep_validate = 1;
module_param(smep_validate, int, 0);
MODULE_PARM_DESC(smep_validate, "1: check CR4.SMEP");
static int smep_enforce = LKRG_ENFORCE_RESTORE;
module_param(smep_enforce, int, 0);
MODULE_PARM_DESC(smep_enforce, "0 log and accept, 1 log, 2 restore, 4 panic");
static int smap_validate = 1;
module_param(smap_validate, int, 0);
MODULE_PARM_DESC(smap_validate, "1: check CR4.SMAP");
static int smap_enforce = LKRG_ENFORCE_RESTORE;
module_param(smap_enforce, int, 0);
MODULE_PARM_DESC(smap_enforce, "0 log and accept, 1 log, 2 restore, 4 panic");
static int pint_validate = LKRG_PINT_CURRENT;
module_param(pint_validate, int, 0);
MODULE_PARM_DESC(pint_validate, "task creds: 0 off, 1 current, 2 paranoid");
static int pint_enforce = LKRG_ENFORCE_KILL;
module_param(pint_enforce, int, 0);
MODULE_PARM_DESC(pint_enforce, "0 log and accept, 3 deny and kill, 4 panic");
static int pcfi_validate = LKRG_PCFI_FULL;
module_param(pcfi_validate, int, 0);
MODULE_PARM_DESC(pcfi_validate, "0 off, 1 stack pointer, 2 + return address");
static int pcfi_enforce = LKRG_ENFORCE_KILL;
module_param(pcfi_enforce, int, 0);
MODULE_PARM_DESC(pcfi_enforce, "1 log, 3 kill, 4 panic");
static int umh_validate = LKRG_UMH_ALLOWLIST;
module_param(umh_validate, int, 0);
MODULE_PARM_DESC(umh_validate, "0 off, 1 allow-list, 2 block all");
static int umh_enforce = LKRG_ENFORCE_DENY;
module_param(umh_enforce, int, 0);
MODULE_PARM_DESC(umh_enforce, "1 log, 5 deny, 4 panic");
static int lock;
module_param(lock, int, 0);
MODULE_PARM_DESC(lock, "1: policy locked from load until reboot");
/* LKRG's chances, in 1/10000 */
static int rand_netdev = 100;
module_param(rand_netdev, int, 0);
MODULE_PARM_DESC(rand_netdev, "per 10000 network device events that start a check");
static int rand_netevent = 500;
module_param(rand_netevent, int, 0);
MODULE_PARM_DESC(rand_netevent, "per 10000 neighbour/route events that start a check");
static int rand_inetaddr = 10000;
module_param(rand_inetaddr, int, 0);
MODULE_PARM_DESC(rand_inetaddr, "per 10000 IPv4 address events that start a check");
static int rand_inet6addr = 10000;
module_param(rand_inet6addr, int, 0);
MODULE_PARM_DESC(rand_inet6addr, "per 10000 IPv6 address events that start a check");
static int rand_cpufreq = 100;
module_param(rand_cpufreq, int, 0);
MODULE_PARM_DESC(rand_cpufreq, "per 10000 CPU frequency events that start a check");
static int rand_usb = 10000;
module_param(rand_usb, int, 0);
MODULE_PARM_DESC(rand_usb, "per 10000 USB device events that start a check");
static int rand_acpi = 10000;
module_param(rand_acpi, int, 0);
MODULE_PARM_DESC(rand_acpi, "per 10000 ACPI events that start a check");
static char *umh_allow[LKRG_UMH_MAX];
static unsigned int umh_allow_n;
module_param_array(umh_allow, charp, &umh_allow_n, 0);
MODULE_PARM_DESC(umh_allow, "usermode helpers allowed, replacing the defaults: /a,/b");
/* modprobe passes clkrg.disable=1 from the kernel command line. */
static bool disable;
module_param(disable, bool, 0);
MODULE_PARM_DESC(disable, "1: refuse to load (clkrg.disable=1 on the kernel command line)");
static int read_gid = -1;
module_param(read_gid, int, 0);
MODULE_PARM_DESC(read_gid, "group allowed to open /dev/lkrg read-only, -1 none");
static bool test_hooks;
module_param(test_hooks, bool, 0);
MODULE_PARM_DESC(test_hooks, "test suite only: allow clkrg_test_emit()");
static bool test_leak;
module_param(test_leak, bool, 0);
MODULE_PARM_DESC(test_leak, "test suite only: leak one object per open");
static uint event_slots = 4096;
module_param(event_slots, uint, 0);
MODULE_PARM_DESC(event_slots, "records the event ring retains (64-65536)");

static void knob_changed(enum clkrg_knob_id id, s64 old, s64 value)
{
	switch (id) {
	case KNOB_INTERVAL:
	case KNOB_KINT_VALIDATE:
		clkrg_engine_rearm();
		break;
	case KNOB_BLOCK_MODULES:
		if (value == LKRG_BLOCK_LOCK)
			clkrg_modblock_lock();
		break;
	case KNOB_LOCK:
		clkrg_modblock_lock();
		break;
	default:
		break;
	}
}

static void module_activity(void)
{
	clkrg_engine_request(LKRG_TRIGGER_MODULE);
}

static void cpu_activity(void)
{
	clkrg_engine_request(LKRG_TRIGGER_CPU);
}

static void emit_lifecycle(const char *what)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_INFO, LKRG_SEV_NOTICE, LKRG_CAT_GUARD,
			 LKRG_OBJ_GUARD, LKRG_ACT_NONE, true);
	r.d.trigger = LKRG_TRIGGER_LOAD;
	r.d.generation = 1;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), what);
	clkrg_ev_emit(&r);
}

/*
 * Exploit detection: records ready, hooks in, then every task recorded,
 * so no change slips between the snapshot and the hooks.
 */
static int clkrg_exploit_init(void)
{
	int ret = clkrg_pint_init();

	if (ret)
		return ret;
	ret = clkrg_umh_init((const char *const *)umh_allow, umh_allow_n);
	if (ret)
		goto out_pint;
	ret = clkrg_pcfi_init();
	if (ret)
		goto out_umh;
	ret = clkrg_hooks_init();
	if (ret)
		goto out_umh;
	ret = clkrg_hooks_health_init();
	if (ret)
		goto out_hooks;
	ret = clkrg_selinux_init();
	if (ret)
		goto out_health;
	clkrg_pint_start();
	return 0;
out_health:
	clkrg_hooks_health_exit();
out_hooks:
	clkrg_hooks_exit();
out_umh:
	clkrg_umh_exit();
out_pint:
	clkrg_pint_exit();
	return ret;
}

static void clkrg_exploit_exit(void)
{
	clkrg_selinux_exit();
	clkrg_hooks_health_exit();
	clkrg_hooks_exit();
	clkrg_pint_exit();
	clkrg_umh_exit();
}

static int __init clkrg_init(void)
{
	s64 initial[KNOB_COUNT] = {
		[KNOB_INTERVAL] = interval,
		[KNOB_KINT_VALIDATE] = kint_validate,
		[KNOB_KINT_ENFORCE] = kint_enforce,
		[KNOB_BLOCK_MODULES] = block_modules,
		[KNOB_LOG_LEVEL] = log_level,
		[KNOB_HEARTBEAT] = heartbeat,
		[KNOB_RATELIMIT_INTERVAL] = ratelimit_interval,
		[KNOB_RATELIMIT_BURST] = ratelimit_burst,
		[KNOB_EXPOSE_ADDRESSES] = expose_addresses,
		[KNOB_MSR_VALIDATE] = msr_validate,
		[KNOB_SMEP_VALIDATE] = smep_validate,
		[KNOB_SMEP_ENFORCE] = smep_enforce,
		[KNOB_SMAP_VALIDATE] = smap_validate,
		[KNOB_SMAP_ENFORCE] = smap_enforce,
		[KNOB_RAND_NETDEV] = rand_netdev,
		[KNOB_RAND_NETEVENT] = rand_netevent,
		[KNOB_RAND_INETADDR] = rand_inetaddr,
		[KNOB_RAND_INET6ADDR] = rand_inet6addr,
		[KNOB_RAND_CPUFREQ] = rand_cpufreq,
		[KNOB_RAND_USB] = rand_usb,
		[KNOB_RAND_ACPI] = rand_acpi,
		[KNOB_PINT_VALIDATE] = pint_validate,
		[KNOB_PINT_ENFORCE] = pint_enforce,
		[KNOB_PCFI_VALIDATE] = pcfi_validate,
		[KNOB_PCFI_ENFORCE] = pcfi_enforce,
		[KNOB_UMH_VALIDATE] = umh_validate,
		[KNOB_UMH_ENFORCE] = umh_enforce,
		[KNOB_LOCK] = lock,
	};
	int ret;

	if (disable) {
		pr_notice("clkrg: NOTICE: INFO: guard/guard not loaded: disable=1 (clkrg.disable=1 on the kernel command line)\n");
		return -ECANCELED;
	}
	if (event_slots < 64 || event_slots > 65536) {
		pr_err("clkrg: FAULT: parameter event_slots=%u is invalid (64-65536)\n",
		       event_slots);
		return -EINVAL;
	}
	ret = clkrg_umh_check_allow((const char *const *)umh_allow, umh_allow_n);
	if (ret)
		return ret;
	clkrg_test_hooks_init(test_hooks, test_leak);
	ret = clkrg_ksyms_init();
	if (ret)
		return ret;
	ret = clkrg_events_init(event_slots);
	if (ret)
		return ret;
	ret = clkrg_vault_init();
	if (ret)
		goto out_events;
	ret = clkrg_policy_init(initial, knob_changed);
	if (ret)
		goto out_vault;
	ret = clkrg_modblock_init(module_activity);
	if (ret)
		goto out_policy;
	ret = clkrg_kint_init();
	if (ret)
		goto out_modblock;
	ret = clkrg_cpu_init(cpu_activity);
	if (ret)
		goto out_kint;
	ret = clkrg_modules_init();
	if (ret)
		goto out_cpu_only;
	ret = clkrg_inventory_init();
	if (ret)
		goto out_modules;
	ret = clkrg_exploit_init();
	if (ret)
		goto out_inventory;
	ret = clkrg_engine_init();
	if (ret)
		goto out_exploit;
	if (block_modules == LKRG_BLOCK_LOCK || lock)
		clkrg_modblock_lock();
	ret = clkrg_random_init();
	if (ret)
		goto out_engine;
	ret = clkrg_dev_init(read_gid);
	if (ret)
		goto out_random;
	/* Last: nothing of ours is written read-only after this. */
	ret = clkrg_modules_track_self();
	if (ret)
		goto out_dev;
	clkrg_inventory_start();
	emit_lifecycle("loaded, baseline taken");
	return 0;

out_dev:
	clkrg_dev_exit();
out_random:
	clkrg_random_exit();
out_engine:
	clkrg_engine_exit();
out_exploit:
	clkrg_exploit_exit();
out_inventory:
	clkrg_inventory_exit();
out_modules:
	clkrg_modules_exit();
out_cpu_only:
	clkrg_cpu_exit();
out_kint:
	clkrg_kint_exit();
out_modblock:
	clkrg_modblock_exit();
out_policy:
	clkrg_policy_exit();
out_vault:
	clkrg_vault_exit();
out_events:
	clkrg_events_exit();
	return ret;
}

static void __exit clkrg_exit(void)
{
	clkrg_dev_exit();
	clkrg_random_exit();
	clkrg_engine_exit();
	clkrg_exploit_exit();
	clkrg_inventory_exit();
	clkrg_modules_exit();
	clkrg_cpu_exit();
	clkrg_modblock_exit();
	clkrg_kint_exit();
	clkrg_test_hooks_exit();
	pr_notice("clkrg: NOTICE: INFO: guard/guard unloaded\n");
	clkrg_policy_exit();
	clkrg_vault_exit();
	clkrg_events_exit();
}

module_init(clkrg_init);
module_exit(clkrg_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg: Linux Kernel Runtime Guard");
MODULE_VERSION("0.2.0");
