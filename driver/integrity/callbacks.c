// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's callbacks that rootkits and implants register, for the
 * inventory: notifier chains (module, reboot, panic, die, netdevice,
 * inetaddr, inet6addr, keyboard, pm), CPU hotplug states, the LSM hook
 * lists, the packet handlers (ptype), every network namespace's netfilter
 * hooks and the syscall tables. Each is read under the lock its writers
 * take (or RCU where they wait for readers), one pass, no allocation.
 */
#include <linux/cpuhotplug.h>
#include <linux/lsm_hooks.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <asm/syscall.h>
#include "compat/compat.h"
#include "integrity/inventory.h"
#include "services/ksyms.h"

/* kernel/cpu.c's struct cpuhp_step (the same in 6.1 and 6.12). */
struct cpuhp_step_view {
	const char *name;
	void *startup;
	void *teardown;
	struct hlist_head list;
	bool cant_stop;
	bool multi_instance;
};

/* Names of the LSM hooks in their table's order (compat.h), packed. */
static const char lsm_hook_names[] =
#define LSM_HOOK(RET, DEFAULT, NAME, ...) #NAME "\0"
#include <linux/lsm_hook_defs.h>
#undef LSM_HOOK
	;
#define LSM_HOOKS	CLKRG_LSM_HOOKS
/* Where each name starts in lsm_hook_names. */
static u16 lsm_name_at[LSM_HOOKS] __ro_after_init;

/* Only data: nothing here is called through these. */
static struct {
	struct blocking_notifier_head *module, *reboot, *inetaddr, *pm;
	struct atomic_notifier_head *panic, *die, *inet6addr, *keyboard;
	struct raw_notifier_head *netdev;
	struct cpuhp_step_view *cpuhp;
	struct mutex *cpuhp_mutex;
	void *lsm;		/* CLKRG_LSM_TABLE */
	struct list_head *ptype_base, *ptype_all;
	struct mutex *nf_hook_mutex;
	const unsigned long *x64, *ia32;
} C __ro_after_init;

#define RESOLVE(field, name)	(C.field = (void *)clkrg_ksym(name))

/* Says once which lists this kernel does not have where they are looked for. */
static void missing(void)
{
	const struct { const void *p; const char *what; } need[] = {
		{ C.module, "module notifiers" }, { C.reboot, "reboot notifiers" },
		{ C.inetaddr, "inetaddr notifiers" }, { C.pm, "pm notifiers" },
		{ C.die, "die notifiers" }, { C.inet6addr, "inet6addr notifiers" },
		{ C.keyboard, "keyboard notifiers" },
		{ C.netdev, "netdevice notifiers" }, { C.cpuhp, "CPU hotplug states" },
		{ C.lsm, "LSM hooks (" CLKRG_LSM_TABLE ")" },
		{ C.ptype_base, "ptype_base" }, { C.ptype_all, "ptype_all" },
#ifdef CONFIG_NETFILTER
		{ C.nf_hook_mutex, "netfilter hooks" },
#endif
		{ C.x64, "sys_call_table" }, { C.ia32, "ia32_sys_call_table" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (!need[i].p)
			pr_warn("clkrg: WARN: %s not found: not checked\n",
				need[i].what);
}

/* Finds each name once; a count that differs leaves the LSMs unchecked. */
static void lsm_names_index(void)
{
	size_t off = 0, i;

	for (i = 0; i < LSM_HOOKS && off < sizeof(lsm_hook_names) - 1; i++) {
		lsm_name_at[i] = off;
		off += strlen(lsm_hook_names + off) + 1;
	}
	if (i != LSM_HOOKS || off != sizeof(lsm_hook_names) - 1) {
		pr_warn("clkrg: WARN: LSM hook names not understood; LSM hooks not checked\n");
		C.lsm = NULL;
	}
}

int clkrg_callbacks_init(void)
{
	RESOLVE(module, "module_notify_list");
	RESOLVE(reboot, "reboot_notifier_list");
	RESOLVE(inetaddr, "inetaddr_chain");
	RESOLVE(pm, "pm_chain_head");
	C.panic = &panic_notifier_list;
	RESOLVE(die, "die_chain");
	RESOLVE(inet6addr, "inet6addr_chain");
	RESOLVE(keyboard, "keyboard_notifier_list");
	RESOLVE(netdev, "netdev_chain");
	RESOLVE(cpuhp, "cpuhp_hp_states");
	RESOLVE(cpuhp_mutex, "cpuhp_state_mutex");
	RESOLVE(lsm, CLKRG_LSM_TABLE);
	RESOLVE(ptype_base, "ptype_base");
	C.ptype_all = clkrg_ptype_all(clkrg_ksym("ptype_all"));
#ifdef CONFIG_NETFILTER
	RESOLVE(nf_hook_mutex, "nf_hook_mutex");
#endif
	RESOLVE(x64, "sys_call_table");
	RESOLVE(ia32, "ia32_sys_call_table");
	missing();
	lsm_names_index();
	/* The layout above is the kernel's if its last state is "online". */
	if (C.cpuhp && (!C.cpuhp_mutex || !C.cpuhp[CPUHP_ONLINE].name ||
			strcmp(C.cpuhp[CPUHP_ONLINE].name, "online"))) {
		pr_warn("clkrg: WARN: CPU hotplug states not understood; not checked\n");
		C.cpuhp = NULL;
	}
	return 0;
}

/* @chain tells the same callback on two chains apart. */
static void chain_items(struct clkrg_inv_walk *w, const char *name,
			const void *chain, struct notifier_block *nb)
{
	struct clkrg_inv_item it = {
		.cls = INV_CALLBACK, .track = true, .kind = name,
		.target = (unsigned long)chain,
	};

	for (; nb; nb = rcu_dereference_raw(nb->next)) {
		it.fn = (unsigned long)READ_ONCE(nb->notifier_call);
		it.ident = (unsigned long)nb;
		it.priority = READ_ONCE(nb->priority);
		clkrg_inv_item(w, &it);
	}
}

static void blocking_chain(struct clkrg_inv_walk *w, const char *name,
			   struct blocking_notifier_head *h)
{
	if (!h)
		return;
	down_read(&h->rwsem);
	chain_items(w, name, h, rcu_dereference_protected(h->head, 1));
	up_read(&h->rwsem);
}

/* Atomic chains: unregistering waits for RCU readers. */
static void atomic_chain(struct clkrg_inv_walk *w, const char *name,
			 struct atomic_notifier_head *h)
{
	if (!h)
		return;
	rcu_read_lock();
	chain_items(w, name, h, rcu_dereference(h->head));
	rcu_read_unlock();
}

static void notifiers(struct clkrg_inv_walk *w)
{
	blocking_chain(w, "module notifier", C.module);
	blocking_chain(w, "reboot notifier", C.reboot);
	atomic_chain(w, "panic notifier", C.panic);
	atomic_chain(w, "die notifier", C.die);
	if (C.netdev) {
		/* A raw chain: its writers hold RTNL. */
		rtnl_lock();
		chain_items(w, "netdevice notifier", C.netdev,
			    rcu_dereference_protected(C.netdev->head, 1));
		rtnl_unlock();
	}
	blocking_chain(w, "inetaddr notifier", C.inetaddr);
	atomic_chain(w, "inet6addr notifier", C.inet6addr);
	atomic_chain(w, "keyboard notifier", C.keyboard);
	blocking_chain(w, "pm notifier", C.pm);
}

static void cpuhp_items(struct clkrg_inv_walk *w)
{
	struct clkrg_inv_item it = { .cls = INV_CALLBACK, .track = true };
	unsigned int i;

	if (!C.cpuhp)
		return;
	mutex_lock(C.cpuhp_mutex);
	for (i = 0; i <= CPUHP_ONLINE; i++) {
		const struct cpuhp_step_view *s = &C.cpuhp[i];

		if (!s->name)
			continue;
		it.ident = (unsigned long)s;
		it.priority = i;
		it.sub = s->name;
		it.kind = "cpuhp startup";
		it.fn = (unsigned long)s->startup;
		if (it.fn)
			clkrg_inv_item(w, &it);
		it.kind = "cpuhp teardown";
		it.fn = (unsigned long)s->teardown;
		if (it.fn)
			clkrg_inv_item(w, &it);
	}
	mutex_unlock(C.cpuhp_mutex);
}

/* Read-only after init: nothing to lock, nothing comes or goes. */
static void lsm_items(struct clkrg_inv_walk *w)
{
	struct clkrg_inv_item it = { .cls = INV_CALLBACK, .kind = "LSM hook" };
	struct clkrg_lsm_cursor c = { .table = C.lsm };

	if (!C.lsm)
		return;
	for (c.hook = 0; c.hook < LSM_HOOKS; c.hook++) {
		for (c.at = NULL; clkrg_lsm_next(&c);) {
			it.sub = lsm_hook_names + lsm_name_at[c.hook];
			it.where = c.lsm;
			it.fn = c.fn;
			it.ident = (unsigned long)c.at;
			it.priority = c.hook;
			clkrg_inv_item(w, &it);
		}
	}
}

static void ptype_list(struct clkrg_inv_walk *w, struct clkrg_inv_item *it,
		       struct list_head *head)
{
	struct packet_type *pt;

	it->target = (unsigned long)head;
	list_for_each_entry_rcu(pt, head, list) {
		it->ident = (unsigned long)pt;
		it->priority = ntohs(pt->type);
		it->fn = (unsigned long)READ_ONCE(pt->func);
		clkrg_inv_item(w, it);
		it->fn = (unsigned long)READ_ONCE(pt->list_func);
		if (it->fn)
			clkrg_inv_item(w, it);
	}
}

/* Packet handlers go after an RCU grace period (synchronize_net). */
static void ptype_items(struct clkrg_inv_walk *w)
{
	struct clkrg_inv_item it = { .cls = INV_CALLBACK, .track = true };
	struct net_device *dev;
	struct net *net;
	unsigned int i;

	rcu_read_lock();
	if (C.ptype_all) {
		it.kind = "ptype_all";
		ptype_list(w, &it, C.ptype_all);
	}
	it.kind = "ptype_base";
	for (i = 0; C.ptype_base && i < PTYPE_HASH_SIZE; i++)
		ptype_list(w, &it, &C.ptype_base[i]);
	for_each_net_rcu(net) {
		for_each_netdev_rcu(net, dev) {
			it.where = dev->name;
			it.kind = "ptype_all of a device";
			ptype_list(w, &it, &dev->ptype_all);
			it.kind = "ptype of a device";
			ptype_list(w, &it, &dev->ptype_specific);
		}
	}
	rcu_read_unlock();
}

/* A kernel without netfilter has no netfilter hooks to list. */
#ifdef CONFIG_NETFILTER
static void nf_entries(struct clkrg_inv_walk *w, const char *name,
		       const char *sub, const char *where,
		       struct nf_hook_entries __rcu **pp)
{
	struct clkrg_inv_item it = {
		.cls = INV_CALLBACK, .track = true, .kind = name, .sub = sub,
		.where = where, .target = (unsigned long)pp,
	};
	struct nf_hook_entries *e;
	struct nf_hook_ops **ops;
	unsigned int i;

	e = rcu_dereference_protected(*pp, lockdep_is_held(C.nf_hook_mutex));
	if (!e)
		return;
	ops = nf_hook_entries_get_hook_ops(e);
	for (i = 0; i < e->num_hook_entries; i++) {
		it.fn = (unsigned long)e->hooks[i].hook;
		it.ident = (unsigned long)ops[i];
		it.priority = ops[i]->priority;
		clkrg_inv_item(w, &it);
	}
}

static const char * const inet_hooks[NF_INET_NUMHOOKS] = {
	"prerouting", "input", "forward", "output", "postrouting",
};

static const char * const arp_hooks[NF_ARP_NUMHOOKS] = {
	"in", "out", "forward",
};

static void nf_family(struct clkrg_inv_walk *w, const char *family,
		      const char *where, struct nf_hook_entries __rcu **hooks,
		      const char * const *names, unsigned int n)
{
	unsigned int h;

	for (h = 0; h < n; h++)
		nf_entries(w, family, names[h], where, &hooks[h]);
}

/* Writers hold nf_hook_mutex; the namespace list holds still under net_rwsem. */
static void nf_items(struct clkrg_inv_walk *w)
{
	char where[32];
	struct net_device *dev;
	struct net *net;

	if (!C.nf_hook_mutex)
		return;
	down_read(&net_rwsem);
	mutex_lock(C.nf_hook_mutex);
	for_each_net(net) {
		snprintf(where, sizeof(where), "netns %u", net->ns.inum);
		nf_family(w, "nf_hooks ipv4", where, net->nf.hooks_ipv4, inet_hooks,
			  ARRAY_SIZE(net->nf.hooks_ipv4));
		nf_family(w, "nf_hooks ipv6", where, net->nf.hooks_ipv6, inet_hooks,
			  ARRAY_SIZE(net->nf.hooks_ipv6));
#ifdef CONFIG_NETFILTER_FAMILY_ARP
		nf_family(w, "nf_hooks arp", where, net->nf.hooks_arp, arp_hooks,
			  ARRAY_SIZE(net->nf.hooks_arp));
#endif
#ifdef CONFIG_NETFILTER_FAMILY_BRIDGE
		nf_family(w, "nf_hooks bridge", where, net->nf.hooks_bridge, inet_hooks,
			  ARRAY_SIZE(net->nf.hooks_bridge));
#endif
		rcu_read_lock();
		for_each_netdev_rcu(net, dev) {
#ifdef CONFIG_NETFILTER_INGRESS
			nf_entries(w, "nf_hooks ingress", NULL, dev->name,
				   &dev->nf_hooks_ingress);
#endif
#ifdef CONFIG_NETFILTER_EGRESS
			nf_entries(w, "nf_hooks egress", NULL, dev->name,
				   &dev->nf_hooks_egress);
#endif
		}
		rcu_read_unlock();
	}
	mutex_unlock(C.nf_hook_mutex);
	up_read(&net_rwsem);
}
#else
static void nf_items(struct clkrg_inv_walk *w)
{
}
#endif

/* Read-only data, hashed with .rodata too; here each entry's owner. */
static void syscall_table(struct clkrg_inv_walk *w, const char *table,
			  const unsigned long *t, unsigned int n)
{
	struct clkrg_inv_item it = {
		.cls = INV_CALLBACK, .kind = table, .indexed = true,
	};
	unsigned int i;

	for (i = 0; t && i < n; i++) {
		it.fn = READ_ONCE(t[i]);
		it.ident = (unsigned long)&t[i];
		it.priority = i;
		clkrg_inv_item(w, &it);
	}
}

void clkrg_callbacks_walk(struct clkrg_inv_walk *w)
{
	notifiers(w);
	cpuhp_items(w);
	lsm_items(w);
	ptype_items(w);
	nf_items(w);
	syscall_table(w, "sys_call_table", C.x64, NR_syscalls);
#ifdef CONFIG_IA32_EMULATION
	syscall_table(w, "ia32_sys_call_table", C.ia32, IA32_NR_syscalls);
#endif
}
