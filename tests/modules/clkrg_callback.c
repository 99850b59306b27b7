// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_callback: TEST-ONLY module that plants kernel callbacks where an
 * implant would, for real, one at a time. Never load it on a real system.
 *
 *   echo CHAIN > .../tramp    registers a callback on CHAIN whose code is
 *                             a trampoline copied into module memory that
 *                             belongs to no module (module_alloc or
 *                             execmem_alloc, made read-only and executable)
 *   echo CHAIN > .../own      the same with a function of this module
 *   echo HOOK > .../lsm       until 6.11: appends a hook list entry (its
 *                             code the trampoline) to LSM hook HOOK's list
 *                             in security_hook_heads, through text_poke()
 *                             as a kernel write primitive would; 6.12:
 *                             retargets HOOK's first active static call
 *                             slot to the trampoline (static_call_update)
 *   cat .../lsm_slot          the LSM whose entry it is (clkrg_callback
 *                             for an appended entry)
 *   cat .../poked_in          where the word the last lsm or syscall
 *                             plant wrote lies: rodata (read-only after
 *                             init), data (SECURITY_WRITABLE_HOOKS makes
 *                             the LSM lists plain data) or none
 *   echo NR > .../syscall     points sys_call_table[NR] at the trampoline
 *                             (text_poke())
 *   echo 1 > .../unreg        undoes the active one
 *   echo 1|0 > .../hidden     off/back on the module list
 *   cat .../last              "CHAIN ADDRESS" of the active one, or "none"
 *
 * CHAIN: module reboot panic die netdevice inetaddr inet6addr keyboard pm
 * cpuhp ptype nf. Each callback does nothing and returns what lets the
 * kernel go on (NOTIFY_DONE, 0, NF_ACCEPT); the packet handler is bound
 * to ethertype 0x88b5 (local experimental), which nothing sends here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpuhotplug.h>
#include <linux/inetdevice.h>
#include <linux/keyboard.h>
#include <linux/kdebug.h>
#include <linux/lsm_hooks.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/rculist.h>
#include <linux/reboot.h>
#include <linux/suspend.h>
#include <net/addrconf.h>
#include <net/net_namespace.h>

#include "clkrg_testmod.h"

/* endbr64; mov $RET, %eax; ret; int3 */
static const u8 tramp_code[] = { 0xf3, 0x0f, 0x1e, 0xfa, 0xb8, 0, 0, 0, 0,
				 0xc3, 0xcc };
#define TRAMP_RET_AT	5

/* In struct security_hook_heads' order, packed. */
static const char lsm_hook_names[] =
#define LSM_HOOK(RET, DEFAULT, NAME, ...) #NAME "\0"
#include <linux/lsm_hook_defs.h>
#undef LSM_HOOK
	;

enum cb_chain { CB_MODULE, CB_REBOOT, CB_PANIC, CB_DIE, CB_NETDEV,
		CB_INETADDR, CB_INET6ADDR, CB_KEYBOARD, CB_PM, CB_CPUHP,
		CB_PTYPE, CB_NF, CB_NCHAINS, CB_LSM = CB_NCHAINS, CB_SYSCALL };

static const char * const chain_names[CB_NCHAINS] = {
	"module", "reboot", "panic", "die", "netdevice", "inetaddr",
	"inet6addr", "keyboard", "pm", "cpuhp", "ptype", "nf",
};

typedef int (*set_memory_t)(unsigned long addr, int numpages);
typedef void *(*text_poke_t)(void *addr, const void *op, size_t len);

static DEFINE_MUTEX(cb_lock);
static tm_lookup_name_t lookup_name;
static struct {
	set_memory_t ro, rw, x, nx;
	text_poke_t poke;
	struct mutex *text_mutex;
	void *lsm_table;	/* security_hook_heads or static_calls_table */
	unsigned long *sys_call_table;
	struct list_head *modules;
	struct mutex *module_mutex;
} K;

static int active = -1;		/* enum cb_chain, -1: none */
static void *tramp;		/* the copied trampoline, or NULL */
static unsigned long cb_addr;	/* the callback's code */
static struct notifier_block cb_nb;
static int cpuhp_state;
static struct packet_type cb_pt;
static struct nf_hook_ops cb_nfo;
#if TM_LSM_STATIC_CALLS
static struct lsm_static_call *cb_slot;	/* the slot retargeted */
static void *cb_slot_old;		/* and what it called */
#else
static struct security_hook_list cb_hl;
#endif
static char lsm_slot[64] = "none";
static unsigned long *poked;	/* the word text_poke() wrote */
static unsigned long poked_old;
static struct list_head *saved_prev;
static bool is_hidden;

/* ---- the module's own callbacks ------------------------------------- */
static int cb_notify(struct notifier_block *nb, unsigned long action,
		     void *data)
{
	return NOTIFY_DONE;
}

static int cb_cpu(unsigned int cpu)
{
	return 0;
}

static int cb_packet(struct sk_buff *skb, struct net_device *dev,
		     struct packet_type *pt, struct net_device *orig)
{
	kfree_skb(skb);
	return 0;
}

static unsigned int cb_nf_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	return NF_ACCEPT;
}

/* ---- trampolines -------------------------------------------------------- */
static void *tramp_new(u32 ret)
{
	u8 code[sizeof(tramp_code)];
	void *p = tm_exec_alloc(lookup_name, PAGE_SIZE);

	if (!p)
		return NULL;
	memcpy(code, tramp_code, sizeof(code));
	memcpy(code + TRAMP_RET_AT, &ret, sizeof(ret));
	memcpy(p, code, sizeof(code));
	K.ro((unsigned long)p, 1);
	K.x((unsigned long)p, 1);
	return p;
}

static void tramp_free(void *p)
{
	if (!p)
		return;
	K.nx((unsigned long)p, 1);
	K.rw((unsigned long)p, 1);
	tm_exec_free(lookup_name, p);
}

static void poke_word(unsigned long *where, unsigned long value)
{
	mutex_lock(K.text_mutex);
	K.poke(where, &value, sizeof(value));
	mutex_unlock(K.text_mutex);
}

/* ---- registering ------------------------------------------------------- */
static int reg_chain(enum cb_chain c, unsigned long fn)
{
	memset(&cb_nb, 0, sizeof(cb_nb));
	cb_nb.notifier_call = (notifier_fn_t)fn;
	switch (c) {
	case CB_MODULE:
		return register_module_notifier(&cb_nb);
	case CB_REBOOT:
		return register_reboot_notifier(&cb_nb);
	case CB_PANIC:
		return atomic_notifier_chain_register(&panic_notifier_list,
						      &cb_nb);
	case CB_DIE:
		return register_die_notifier(&cb_nb);
	case CB_NETDEV:
		return register_netdevice_notifier(&cb_nb);
	case CB_INETADDR:
		return register_inetaddr_notifier(&cb_nb);
	case CB_INET6ADDR:
		return register_inet6addr_notifier(&cb_nb);
	case CB_KEYBOARD:
		return register_keyboard_notifier(&cb_nb);
	case CB_PM:
		return register_pm_notifier(&cb_nb);
	case CB_CPUHP:
		cpuhp_state = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN,
							"clkrg_callback:test",
							(void *)fn, NULL);
		return cpuhp_state < 0 ? cpuhp_state : 0;
	case CB_PTYPE:
		memset(&cb_pt, 0, sizeof(cb_pt));
		cb_pt.type = htons(0x88b5);
		cb_pt.func = (void *)fn;
		dev_add_pack(&cb_pt);
		return 0;
	case CB_NF:
		memset(&cb_nfo, 0, sizeof(cb_nfo));
		cb_nfo.hook = (nf_hookfn *)fn;
		cb_nfo.pf = NFPROTO_IPV4;
		cb_nfo.hooknum = NF_INET_LOCAL_IN;
		cb_nfo.priority = NF_IP_PRI_FILTER + 7;
#ifdef CONFIG_NETFILTER
		return nf_register_net_hook(&init_net, &cb_nfo);
#else
		return -EOPNOTSUPP;	/* the debug kernel has no netfilter */
#endif
	default:
		return -EINVAL;
	}
}

static void unreg_chain(enum cb_chain c)
{
	switch (c) {
	case CB_MODULE:
		unregister_module_notifier(&cb_nb);
		break;
	case CB_REBOOT:
		unregister_reboot_notifier(&cb_nb);
		break;
	case CB_PANIC:
		atomic_notifier_chain_unregister(&panic_notifier_list, &cb_nb);
		break;
	case CB_DIE:
		unregister_die_notifier(&cb_nb);
		break;
	case CB_NETDEV:
		unregister_netdevice_notifier(&cb_nb);
		break;
	case CB_INETADDR:
		unregister_inetaddr_notifier(&cb_nb);
		break;
	case CB_INET6ADDR:
		unregister_inet6addr_notifier(&cb_nb);
		break;
	case CB_KEYBOARD:
		unregister_keyboard_notifier(&cb_nb);
		break;
	case CB_PM:
		unregister_pm_notifier(&cb_nb);
		break;
	case CB_CPUHP:
		cpuhp_remove_state_nocalls(cpuhp_state);
		break;
	case CB_PTYPE:
		dev_remove_pack(&cb_pt);
		break;
	case CB_NF:
#ifdef CONFIG_NETFILTER
		nf_unregister_net_hook(&init_net, &cb_nfo);
#endif
		break;
	default:
		break;
	}
}

static unsigned long own_fn(enum cb_chain c)
{
	switch (c) {
	case CB_CPUHP:
		return (unsigned long)cb_cpu;
	case CB_PTYPE:
		return (unsigned long)cb_packet;
	case CB_NF:
		return (unsigned long)cb_nf_hook;
	default:
		return (unsigned long)cb_notify;
	}
}

static int chain_of(const char *val)
{
	char name[32];
	int i;

	if (sscanf(val, "%31s", name) != 1)
		return -EINVAL;
	for (i = 0; i < CB_NCHAINS; i++)
		if (!strcmp(name, chain_names[i]))
			return i;
	return -EINVAL;
}

/* Caller holds cb_lock, nothing active. */
static int plant(const char *val, bool own)
{
	int c = chain_of(val), ret;

	if (c < 0)
		return c;
	if (!own) {
		tramp = tramp_new(c == CB_NF ? NF_ACCEPT : 0);
		if (!tramp)
			return -ENOMEM;
	}
	cb_addr = own ? own_fn(c) : (unsigned long)tramp;
	ret = reg_chain(c, cb_addr);
	if (ret) {
		tramp_free(tramp);
		tramp = NULL;
		return ret;
	}
	active = c;
	pr_info("%s callback at 0x%lx (%s)\n", chain_names[c], cb_addr,
		own ? "this module" : "a trampoline of no module");
	return 0;
}

/* Index of LSM hook @val in lsm_hook_names, or -ENOENT/-EINVAL. */
static int lsm_hook_index(const char *val)
{
	const char *n = lsm_hook_names;
	char name[64];
	int i;

	if (!K.lsm_table || sscanf(val, "%63s", name) != 1)
		return -EINVAL;
	for (i = 0; *n; i++, n += strlen(n) + 1)
		if (!strcmp(name, n))
			return i;
	return -ENOENT;
}

#if TM_LSM_STATIC_CALLS
/* Retargets hook @val's first active static call slot to a trampoline. */
static int plant_lsm(const char *val)
{
	struct lsm_static_call *s;
	int i = lsm_hook_index(val);

	if (i < 0)
		return i;
	s = (struct lsm_static_call *)K.lsm_table + i * MAX_LSM_COUNT;
	for (cb_slot = NULL; s < (struct lsm_static_call *)K.lsm_table +
				 (i + 1) * MAX_LSM_COUNT; s++)
		if (s->active && static_key_enabled(s->active)) {
			cb_slot = s;
			break;
		}
	if (!cb_slot)
		return -ENOENT;
	tramp = tramp_new(0);
	if (!tramp)
		return -ENOMEM;
	cb_slot_old = cb_slot->key->func;
	__static_call_update(cb_slot->key, cb_slot->trampoline, tramp);
	strscpy(lsm_slot, cb_slot->hl && cb_slot->hl->lsmid ?
		cb_slot->hl->lsmid->name : "?", sizeof(lsm_slot));
	cb_addr = (unsigned long)tramp;
	active = CB_LSM;
	pr_info("LSM hook %s: %s's slot calls 0x%lx\n", val, lsm_slot, cb_addr);
	return 0;
}

static void unplant_lsm(void)
{
	__static_call_update(cb_slot->key, cb_slot->trampoline, cb_slot_old);
}
#else
/* Appends cb_hl to LSM hook @val's list, writing one read-only word. */
static int plant_lsm(const char *val)
{
	struct security_hook_list *last = NULL, *p;
	struct hlist_head *head;
	int i = lsm_hook_index(val);

	if (i < 0)
		return i;
	head = (struct hlist_head *)K.lsm_table + i;
	tramp = tramp_new(0);
	if (!tramp)
		return -ENOMEM;
	memset(&cb_hl, 0, sizeof(cb_hl));
	cb_hl.head = head;
	cb_hl.lsm = "clkrg_callback";
	*(void **)&cb_hl.hook = tramp;
	hlist_for_each_entry(p, head, list)
		last = p;
	if (last) {
		cb_hl.list.pprev = &last->list.next;
		poked = (unsigned long *)&last->list.next;
	} else {
		cb_hl.list.pprev = &head->first;
		poked = (unsigned long *)&head->first;
	}
	poked_old = *poked;
	poke_word(poked, (unsigned long)&cb_hl.list);
	strscpy(lsm_slot, cb_hl.lsm, sizeof(lsm_slot));
	cb_addr = (unsigned long)tramp;
	active = CB_LSM;
	pr_info("LSM hook %s: entry at 0x%lx\n", val, cb_addr);
	return 0;
}

static void unplant_lsm(void)
{
	poke_word(poked, poked_old);
}
#endif

static int plant_syscall(const char *val)
{
	unsigned int nr;

	if (!K.sys_call_table || kstrtouint(val, 0, &nr) || nr >= NR_syscalls)
		return -EINVAL;
	tramp = tramp_new(0);
	if (!tramp)
		return -ENOMEM;
	poked = &K.sys_call_table[nr];
	poked_old = *poked;
	poke_word(poked, (unsigned long)tramp);
	cb_addr = (unsigned long)tramp;
	active = CB_SYSCALL;
	pr_info("sys_call_table[%u] at 0x%lx\n", nr, cb_addr);
	return 0;
}

/* Caller holds cb_lock. */
static int unplant_locked(void)
{
	if (active < 0)
		return -ENOENT;
	if (active == CB_LSM)
		unplant_lsm();
	else if (active == CB_SYSCALL)
		poke_word(poked, poked_old);
	else
		unreg_chain(active);
	synchronize_rcu();
	tramp_free(tramp);
	tramp = NULL;
	pr_info("callback removed\n");
	active = -1;
	return 0;
}

static int run(const char *val, int (*fn)(const char *val, bool own),
	       bool own)
{
	char arg[64];
	int ret;

	strscpy(arg, val, sizeof(arg));
	strim(arg);
	mutex_lock(&cb_lock);
	ret = active >= 0 ? -EBUSY : fn(arg, own);
	mutex_unlock(&cb_lock);
	return ret;
}

static int set_tramp(const char *v, const struct kernel_param *kp)
{
	return run(v, plant, false);
}

static int set_own(const char *v, const struct kernel_param *kp)
{
	return run(v, plant, true);
}

static int lsm_str(const char *v, bool own)
{
	return plant_lsm(v);
}

static int set_lsm(const char *v, const struct kernel_param *kp)
{
	return run(v, lsm_str, false);
}

static int syscall_str(const char *v, bool own)
{
	return plant_syscall(v);
}

static int set_syscall(const char *v, const struct kernel_param *kp)
{
	return run(v, syscall_str, false);
}

static int set_unreg(const char *v, const struct kernel_param *kp)
{
	return tm_param_one_locked(v, &cb_lock, unplant_locked);
}

static int set_hidden(const char *val, const struct kernel_param *kp)
{
	bool yes;
	int ret = kstrtobool(val, &yes);

	if (ret)
		return ret;
	mutex_lock(&cb_lock);
	mutex_lock(K.module_mutex);
	if (yes == is_hidden) {
		ret = -EALREADY;
	} else if (yes) {
		saved_prev = THIS_MODULE->list.prev;
		list_del_rcu(&THIS_MODULE->list);
		is_hidden = true;
	} else {
		list_add_rcu(&THIS_MODULE->list, saved_prev);
		is_hidden = false;
	}
	mutex_unlock(K.module_mutex);
	mutex_unlock(&cb_lock);
	return ret;
}

static int get_last(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&cb_lock);
	if (active < 0)
		n = sysfs_emit(buf, "none\n");
	else
		n = sysfs_emit(buf, "%s 0x%lx\n",
			       active == CB_LSM ? "lsm" :
			       active == CB_SYSCALL ? "syscall" :
			       chain_names[active], cb_addr);
	mutex_unlock(&cb_lock);
	return n;
}

static int get_poked_in(char *buf, const struct kernel_param *kp)
{
	unsigned long start = lookup_name("__start_rodata");
	unsigned long end = lookup_name("__end_rodata");
	unsigned long at;
	int n;

	mutex_lock(&cb_lock);
	at = (unsigned long)poked;
	n = sysfs_emit(buf, "%s\n", !at ? "none" :
		       at >= start && at < end ? "rodata" : "data");
	mutex_unlock(&cb_lock);
	return n;
}

#define CB_PARAM(name, desc)						\
	static const struct kernel_param_ops name##_ops = {		\
		.set = set_##name };					\
	module_param_cb(name, &name##_ops, NULL, 0200);			\
	MODULE_PARM_DESC(name, desc)

CB_PARAM(tramp, "CHAIN: a callback in module memory of no module");
CB_PARAM(own, "CHAIN: a callback of this module");
CB_PARAM(lsm, "HOOK: an LSM hook entry of no module (text_poke or static call)");
CB_PARAM(syscall, "NR: sys_call_table[NR] repointed, by text_poke()");
CB_PARAM(unreg, "1: undo the active one");
CB_PARAM(hidden, "1: off the module list, 0: back on it");

module_param_string(lsm_slot, lsm_slot, sizeof(lsm_slot), 0444);
MODULE_PARM_DESC(lsm_slot, "the LSM whose hook entry lsm wrote last");

static const struct kernel_param_ops last_ops = { .get = get_last };
module_param_cb(last, &last_ops, NULL, 0444);
MODULE_PARM_DESC(last, "the active callback: CHAIN ADDRESS, or none");

static const struct kernel_param_ops poked_in_ops = { .get = get_poked_in };
module_param_cb(poked_in, &poked_in_ops, NULL, 0444);
MODULE_PARM_DESC(poked_in, "rodata, data or none: where the last poked word is");

#define RESOLVE(f, name)	(K.f = (void *)lookup_name(name))

static int __init cb_init(void)
{
	int ret = tm_resolve_lookup_name(&lookup_name);

	if (ret)
		return ret;
	RESOLVE(ro, "set_memory_ro");
	RESOLVE(rw, "set_memory_rw");
	RESOLVE(x, "set_memory_x");
	RESOLVE(nx, "set_memory_nx");
	RESOLVE(poke, "text_poke");
	RESOLVE(text_mutex, "text_mutex");
	RESOLVE(lsm_table, TM_LSM_STATIC_CALLS ? "static_calls_table" :
							"security_hook_heads");
	RESOLVE(sys_call_table, "sys_call_table");
	RESOLVE(modules, "modules");
	RESOLVE(module_mutex, "module_mutex");
	if (!K.ro || !K.rw || !K.x || !K.nx ||
	    !K.poke || !K.text_mutex || !K.modules || !K.module_mutex)
		return -ENOENT;
	return 0;
}

static void __exit cb_exit(void)
{
	mutex_lock(&cb_lock);
	unplant_locked();
	mutex_unlock(&cb_lock);
}

module_init(cb_init);
module_exit(cb_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: kernel callbacks in code of no module");
