// SPDX-License-Identifier: GPL-2.0
#include <linux/acpi.h>
#include <linux/cpufreq.h>
#include <linux/inetdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/netevent.h>
#include <linux/usb.h>
#include "services/policy.h"
#include "engine/check_engine.h"
#include "engine/random_events.h"

/* Rolls the dice for @trigger; its knob follows the same order. */
static void maybe_check(u16 trigger)
{
	s64 p = clkrg_policy(KNOB_RAND_NETDEV + trigger - LKRG_TRIGGER_NETDEV);

	if (clkrg_policy(KNOB_KINT_VALIDATE) < LKRG_VALIDATE_RANDOM || !p)
		return;
	if (get_random_u32() % 10000 < p)
		clkrg_engine_request(trigger);
}

#define RANDOM_SOURCE(fn, trigger)					\
static int fn(struct notifier_block *nb, unsigned long ev, void *data)	\
{									\
	maybe_check(trigger);						\
	return NOTIFY_DONE;						\
}									\
static struct notifier_block fn##_nb = { .notifier_call = fn }

RANDOM_SOURCE(on_netdev, LKRG_TRIGGER_NETDEV);
RANDOM_SOURCE(on_netevent, LKRG_TRIGGER_NETEVENT);
RANDOM_SOURCE(on_inetaddr, LKRG_TRIGGER_INETADDR);
RANDOM_SOURCE(on_inet6addr, LKRG_TRIGGER_INET6ADDR);
RANDOM_SOURCE(on_cpufreq, LKRG_TRIGGER_CPUFREQ);
RANDOM_SOURCE(on_usb, LKRG_TRIGGER_USB);
RANDOM_SOURCE(on_acpi, LKRG_TRIGGER_ACPI);

/*
 * USB notifiers live in usbcore.ko: bind when it is (or becomes) live.
 * symbol_get() holds usbcore for the call only, so clkrg neither loads nor
 * pins it; the functions are exported, so their ENDBR64 stays (IBT).
 */
static bool usb_bound;
static DEFINE_MUTEX(usb_lock);

static void usb_bind(bool bind)
{
	void (*reg)(struct notifier_block *nb);

	mutex_lock(&usb_lock);
	if (bind == usb_bound)
		goto out;
	reg = bind ? symbol_get(usb_register_notify) :
		     symbol_get(usb_unregister_notify);
	if (reg) {
		reg(&on_usb_nb);
		usb_bound = bind;
		if (bind)
			symbol_put(usb_register_notify);
		else
			symbol_put(usb_unregister_notify);
	} else if (!bind) {
		/* usbcore is going: our block goes with its chain. */
		usb_bound = false;
	}
out:
	mutex_unlock(&usb_lock);
}

static int on_module(struct notifier_block *nb, unsigned long state,
		     void *data)
{
	struct module *mod = data;

	if (strcmp(mod->name, "usbcore"))
		return NOTIFY_DONE;
	if (state == MODULE_STATE_LIVE)
		usb_bind(true);
	else if (state == MODULE_STATE_GOING)
		usb_bind(false);
	return NOTIFY_DONE;
}

static struct notifier_block module_nb = { .notifier_call = on_module };

int clkrg_random_init(void)
{
	int ret;

	ret = register_netdevice_notifier(&on_netdev_nb);
	if (ret)
		return ret;
	register_netevent_notifier(&on_netevent_nb);
	register_inetaddr_notifier(&on_inetaddr_nb);
	register_inet6addr_notifier(&on_inet6addr_nb);
	cpufreq_register_notifier(&on_cpufreq_nb, CPUFREQ_TRANSITION_NOTIFIER);
	register_acpi_notifier(&on_acpi_nb);
	register_module_notifier(&module_nb);
	usb_bind(true);
	return 0;
}

void clkrg_random_exit(void)
{
	unregister_module_notifier(&module_nb);
	usb_bind(false);
	unregister_acpi_notifier(&on_acpi_nb);
	cpufreq_unregister_notifier(&on_cpufreq_nb, CPUFREQ_TRANSITION_NOTIFIER);
	unregister_inet6addr_notifier(&on_inet6addr_nb);
	unregister_inetaddr_notifier(&on_inetaddr_nb);
	unregister_netevent_notifier(&on_netevent_nb);
	unregister_netdevice_notifier(&on_netdev_nb);
}
