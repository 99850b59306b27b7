// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_modhide: TEST-ONLY module that hides itself the way rootkits do,
 * for real, and can come back, so the in-VM suite can check clkrg's module
 * guard. Never load it on a real system.
 *
 *   insmod clkrg_modhide.ko [hide_at_init=1]
 *   echo 1 > /sys/module/clkrg_modhide/parameters/hidden     (0: back)
 *   echo __x64_sys_sync > /sys/module/clkrg_modhide/parameters/ftrace_hook
 *   echo __x64_sys_sync > /sys/module/clkrg_modhide/parameters/kprobe_hook
 *   echo __x64_sys_sync > /sys/module/clkrg_modhide/parameters/kretprobe_hook
 *   echo - > .../ftrace_hook      (or kprobe_hook, kretprobe_hook: unregister)
 *   cat /sys/module/clkrg_modhide/parameters/hits
 *   echo 1 > /sys/module/clkrg_modhide/parameters/sysfs_del
 *
 * hidden=1 takes the module off the module list (list_del_rcu() under
 * module_mutex, both found through kallsyms) and remembers its neighbour;
 * hidden=0 puts it back there (at the head if that neighbour is gone).
 * hide_at_init=1 does the same from inside module_init, before the module
 * is LIVE. While hidden, /proc/modules does not show it and rmmod cannot
 * find it; CONFIG_DEBUG_LIST would trap a second list_del, so only a
 * visible module may be unloaded.
 *
 * ftrace_hook registers an ftrace_ops whose handler is in this module,
 * filtered on one traceable function (by its kallsyms address); kprobe_hook registers a kprobe with
 * pre and post handlers in this module; kretprobe_hook a kretprobe with
 * entry and return handlers in this module (its kprobe's pre handler is
 * the kernel's own). hits counts the calls of each.
 *
 * stale_hook=1 (at insmod) registers, from module_init, a second
 * ftrace_ops whose handler is an __init function of this module, filtered
 * on mh_never_called (a function of this module nothing calls): once init
 * is done the handler's memory belongs to no module and to no kernel text.
 * stale reads "handler=ADDRESS" (0 when not registered). It is unregistered
 * at unload.
 *
 * sysfs_del=1 removes /sys/module/clkrg_modhide (kobject_del() of the
 * module's own kobject, from a work item: a sysfs write cannot remove its
 * own directory). This cannot be undone: the parameters are gone with the
 * directory, and the module takes a reference on itself so it is never
 * unloaded (the unload would remove files of the deleted directory).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/ftrace.h>
#include <linux/kobject.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#define MH_SYM_LEN	128

typedef unsigned long (*lookup_name_t)(const char *name);

static bool hide_at_init;
module_param(hide_at_init, bool, 0444);
MODULE_PARM_DESC(hide_at_init, "leave the module list inside module_init");
static bool stale_hook;
module_param(stale_hook, bool, 0444);
MODULE_PARM_DESC(stale_hook, "hook with a handler in init text, freed after init");

static DEFINE_MUTEX(mh_lock);		/* the state below */
static lookup_name_t lookup_name;
static struct list_head *modules_head;
static struct mutex *module_mutex_p;
static struct list_head *saved_prev;	/* neighbour while hidden */
static bool is_hidden;
static bool sysfs_gone;

static char ftrace_sym[MH_SYM_LEN];	/* "" when not registered */
static char kprobe_sym[MH_SYM_LEN];
static char kretprobe_sym[MH_SYM_LEN];
static atomic_t ftrace_hits = ATOMIC_INIT(0);
static atomic_t kprobe_pre_hits = ATOMIC_INIT(0);
static atomic_t kprobe_post_hits = ATOMIC_INIT(0);
static atomic_t kretprobe_hits = ATOMIC_INIT(0);

static int resolve_symbols(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int ret = register_kprobe(&kp);

	if (ret < 0)
		return ret;
	lookup_name = (lookup_name_t)kp.addr;
	unregister_kprobe(&kp);
	if (!lookup_name)
		return -ENOENT;
	modules_head = (struct list_head *)lookup_name("modules");
	module_mutex_p = (struct mutex *)lookup_name("module_mutex");
	return modules_head && module_mutex_p ? 0 : -ENOENT;
}

/* @entry is on the module list (or is its head); module_mutex held. */
static bool on_list(const struct list_head *entry)
{
	struct module *m;

	if (entry == modules_head)
		return true;
	list_for_each_entry(m, modules_head, list)
		if (&m->list == entry)
			return true;
	return false;
}

/* Caller holds mh_lock. */
static int hide_locked(void)
{
	int ret = 0;

	if (is_hidden)
		return -EALREADY;
	mutex_lock(module_mutex_p);
	if (!on_list(&THIS_MODULE->list)) {
		ret = -ENOENT;	/* "modules" is not the module list */
	} else {
		saved_prev = THIS_MODULE->list.prev;
		list_del_rcu(&THIS_MODULE->list);
		is_hidden = true;
	}
	mutex_unlock(module_mutex_p);
	if (!ret)
		pr_info("hidden from the module list\n");
	return ret;
}

/* Caller holds mh_lock. */
static int unhide_locked(void)
{
	if (!is_hidden)
		return -EALREADY;
	mutex_lock(module_mutex_p);
	if (!on_list(saved_prev))
		saved_prev = modules_head;
	list_add_rcu(&THIS_MODULE->list, saved_prev);
	is_hidden = false;
	mutex_unlock(module_mutex_p);
	pr_info("back on the module list\n");
	return 0;
}

static int hidden_set(const char *val, const struct kernel_param *kp)
{
	bool yes;
	int ret = kstrtobool(val, &yes);

	if (ret)
		return ret;
	mutex_lock(&mh_lock);
	ret = yes ? hide_locked() : unhide_locked();
	mutex_unlock(&mh_lock);
	return ret;
}

static int hidden_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&mh_lock);
	n = sysfs_emit(buf, "%d\n", is_hidden);
	mutex_unlock(&mh_lock);
	return n;
}

/* ---- ftrace hook -------------------------------------------------------- */

static void notrace mh_ftrace_handler(unsigned long ip,
				      unsigned long parent_ip,
				      struct ftrace_ops *op,
				      struct ftrace_regs *fregs)
{
	atomic_inc(&ftrace_hits);
}

static struct ftrace_ops mh_ftrace_ops = {
	.func = mh_ftrace_handler,
	.flags = FTRACE_OPS_FL_RECURSION,
};

/* Caller holds mh_lock. */
static void ftrace_unhook_locked(void)
{
	if (!ftrace_sym[0])
		return;
	unregister_ftrace_function(&mh_ftrace_ops);
	pr_info("ftrace hook on %s removed\n", ftrace_sym);
	ftrace_sym[0] = '\0';
}

static int ftrace_hook_set(const char *val, const struct kernel_param *kp)
{
	char sym[MH_SYM_LEN];
	unsigned long ip;
	int ret;

	if (sscanf(val, "%127s", sym) != 1)
		return -EINVAL;
	mutex_lock(&mh_lock);
	if (!strcmp(sym, "-")) {
		ftrace_unhook_locked();
		ret = 0;
		goto out;
	}
	ret = -EBUSY;
	if (ftrace_sym[0])
		goto out;
	ip = lookup_name(sym);
	ret = ip ? ftrace_set_filter_ip(&mh_ftrace_ops, ip, 0, 1) : -ENOENT;
	if (!ret)
		ret = register_ftrace_function(&mh_ftrace_ops);
	if (!ret) {
		strscpy(ftrace_sym, sym, sizeof(ftrace_sym));
		pr_info("ftrace hook on %s: handler %ps\n", sym,
			mh_ftrace_ops.func);
	}
out:
	mutex_unlock(&mh_lock);
	return ret;
}

static int ftrace_hook_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&mh_lock);
	n = sysfs_emit(buf, "%s\n", ftrace_sym[0] ? ftrace_sym : "none");
	mutex_unlock(&mh_lock);
	return n;
}

/* ---- kprobe hook -------------------------------------------------------- */

static int mh_kprobe_pre(struct kprobe *p, struct pt_regs *regs)
{
	atomic_inc(&kprobe_pre_hits);
	return 0;
}

static void mh_kprobe_post(struct kprobe *p, struct pt_regs *regs,
			   unsigned long flags)
{
	atomic_inc(&kprobe_post_hits);
}

static struct kprobe mh_kprobe;

/* Caller holds mh_lock. */
static void kprobe_unhook_locked(void)
{
	if (!kprobe_sym[0])
		return;
	unregister_kprobe(&mh_kprobe);
	pr_info("kprobe hook on %s removed\n", kprobe_sym);
	kprobe_sym[0] = '\0';
}

static int kprobe_hook_set(const char *val, const struct kernel_param *kp)
{
	char sym[MH_SYM_LEN];
	int ret;

	if (sscanf(val, "%127s", sym) != 1)
		return -EINVAL;
	mutex_lock(&mh_lock);
	if (!strcmp(sym, "-")) {
		kprobe_unhook_locked();
		ret = 0;
		goto out;
	}
	ret = -EBUSY;
	if (kprobe_sym[0])
		goto out;
	strscpy(kprobe_sym, sym, sizeof(kprobe_sym));
	memset(&mh_kprobe, 0, sizeof(mh_kprobe));
	mh_kprobe.symbol_name = kprobe_sym;
	mh_kprobe.pre_handler = mh_kprobe_pre;
	mh_kprobe.post_handler = mh_kprobe_post;
	ret = register_kprobe(&mh_kprobe);
	if (ret)
		kprobe_sym[0] = '\0';
	else
		pr_info("kprobe hook on %s at %pS: handlers %ps, %ps\n", sym,
			mh_kprobe.addr, mh_kprobe.pre_handler,
			mh_kprobe.post_handler);
out:
	mutex_unlock(&mh_lock);
	return ret;
}

static int kprobe_hook_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&mh_lock);
	n = sysfs_emit(buf, "%s\n", kprobe_sym[0] ? kprobe_sym : "none");
	mutex_unlock(&mh_lock);
	return n;
}

/* ---- kretprobe hook ------------------------------------------------------ */

static int mh_kretprobe_entry(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	return 0;
}

static int mh_kretprobe_ret(struct kretprobe_instance *ri,
			    struct pt_regs *regs)
{
	atomic_inc(&kretprobe_hits);
	return 0;
}

static struct kretprobe mh_kretprobe;

/* Caller holds mh_lock. */
static void kretprobe_unhook_locked(void)
{
	if (!kretprobe_sym[0])
		return;
	unregister_kretprobe(&mh_kretprobe);
	pr_info("kretprobe hook on %s removed\n", kretprobe_sym);
	kretprobe_sym[0] = '\0';
}

static int kretprobe_hook_set(const char *val, const struct kernel_param *kp)
{
	char sym[MH_SYM_LEN];
	int ret;

	if (sscanf(val, "%127s", sym) != 1)
		return -EINVAL;
	mutex_lock(&mh_lock);
	if (!strcmp(sym, "-")) {
		kretprobe_unhook_locked();
		ret = 0;
		goto out;
	}
	ret = -EBUSY;
	if (kretprobe_sym[0])
		goto out;
	strscpy(kretprobe_sym, sym, sizeof(kretprobe_sym));
	memset(&mh_kretprobe, 0, sizeof(mh_kretprobe));
	mh_kretprobe.kp.symbol_name = kretprobe_sym;
	mh_kretprobe.entry_handler = mh_kretprobe_entry;
	mh_kretprobe.handler = mh_kretprobe_ret;
	ret = register_kretprobe(&mh_kretprobe);
	if (ret)
		kretprobe_sym[0] = '\0';
	else
		pr_info("kretprobe hook on %s: handlers %ps, %ps\n", sym,
			mh_kretprobe.entry_handler, mh_kretprobe.handler);
out:
	mutex_unlock(&mh_lock);
	return ret;
}

static int kretprobe_hook_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&mh_lock);
	n = sysfs_emit(buf, "%s\n", kretprobe_sym[0] ? kretprobe_sym : "none");
	mutex_unlock(&mh_lock);
	return n;
}

static int hits_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "ftrace=%d kprobe_pre=%d kprobe_post=%d kretprobe=%d\n",
			  atomic_read(&ftrace_hits),
			  atomic_read(&kprobe_pre_hits),
			  atomic_read(&kprobe_post_hits),
			  atomic_read(&kretprobe_hits));
}

/* ---- a hook whose handler does not outlive init ---------------------------- */

static struct ftrace_ops mh_stale_ops = {
	.flags = FTRACE_OPS_FL_RECURSION,
};

static unsigned long stale_handler;	/* 0: not registered */

/* Never called: only the target of the stale hook's filter. */
static noinline void mh_never_called(void)
{
	pr_info("the never-called function was called\n");
}

static void notrace __init mh_init_handler(unsigned long ip,
					   unsigned long parent_ip,
					   struct ftrace_ops *op,
					   struct ftrace_regs *fregs)
{
}

static int __init stale_hook_register(void)
{
	int ret;

	mh_stale_ops.func = mh_init_handler;
	ret = ftrace_set_filter_ip(&mh_stale_ops,
				   (unsigned long)mh_never_called, 0, 1);
	if (!ret)
		ret = register_ftrace_function(&mh_stale_ops);
	if (ret)
		return ret;
	stale_handler = (unsigned long)mh_init_handler;
	pr_info("stale hook on %ps: handler in init text at 0x%lx\n",
		mh_never_called, stale_handler);
	return 0;
}

static int stale_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "handler=0x%lx\n", stale_handler);
}

/* ---- /sys/module ---------------------------------------------------------- */

static void sysfs_del_work_fn(struct work_struct *work)
{
	kobject_del(&THIS_MODULE->mkobj.kobj);
	pr_info("removed from /sys/module\n");
}

static DECLARE_WORK(sysfs_del_work, sysfs_del_work_fn);

static int sysfs_del_set(const char *val, const struct kernel_param *kp)
{
	bool yes;
	int ret = kstrtobool(val, &yes);

	if (ret || !yes)
		return ret ? ret : -EINVAL;
	mutex_lock(&mh_lock);
	if (sysfs_gone) {
		ret = -EALREADY;
	} else {
		sysfs_gone = true;
		__module_get(THIS_MODULE);	/* never unloaded from here on */
		schedule_work(&sysfs_del_work);
	}
	mutex_unlock(&mh_lock);
	return ret;
}

static const struct kernel_param_ops hidden_ops = {
	.set = hidden_set, .get = hidden_get,
};

static const struct kernel_param_ops ftrace_hook_ops = {
	.set = ftrace_hook_set, .get = ftrace_hook_get,
};

static const struct kernel_param_ops kprobe_hook_ops = {
	.set = kprobe_hook_set, .get = kprobe_hook_get,
};

static const struct kernel_param_ops kretprobe_hook_ops = {
	.set = kretprobe_hook_set, .get = kretprobe_hook_get,
};

static const struct kernel_param_ops hits_ops = { .get = hits_get };
static const struct kernel_param_ops stale_ops = { .get = stale_get };
static const struct kernel_param_ops sysfs_del_ops = { .set = sysfs_del_set };

module_param_cb(hidden, &hidden_ops, NULL, 0600);
MODULE_PARM_DESC(hidden, "1: off the module list, 0: back on it");
module_param_cb(ftrace_hook, &ftrace_hook_ops, NULL, 0600);
MODULE_PARM_DESC(ftrace_hook, "FUNCTION: hook it with ftrace, -: unhook");
module_param_cb(kprobe_hook, &kprobe_hook_ops, NULL, 0600);
MODULE_PARM_DESC(kprobe_hook, "SYMBOL: kprobe it, -: remove the kprobe");
module_param_cb(kretprobe_hook, &kretprobe_hook_ops, NULL, 0600);
MODULE_PARM_DESC(kretprobe_hook, "SYMBOL: kretprobe it, -: remove it");
module_param_cb(hits, &hits_ops, NULL, 0444);
MODULE_PARM_DESC(hits, "calls of the ftrace, kprobe and kretprobe handlers");
module_param_cb(stale, &stale_ops, NULL, 0444);
MODULE_PARM_DESC(stale, "the stale hook's handler address, 0 if none");
module_param_cb(sysfs_del, &sysfs_del_ops, NULL, 0200);
MODULE_PARM_DESC(sysfs_del, "1: remove /sys/module/<this> for good");

static int __init mh_init(void)
{
	int ret = resolve_symbols();

	if (ret) {
		pr_err("cannot resolve kallsyms: %d\n", ret);
		return ret;
	}
	if (stale_hook) {
		ret = stale_hook_register();
		if (ret)
			return ret;
	}
	if (!hide_at_init)
		return 0;
	mutex_lock(&mh_lock);
	ret = hide_locked();
	mutex_unlock(&mh_lock);
	if (ret && stale_handler)
		unregister_ftrace_function(&mh_stale_ops);
	return ret;
}

static void __exit mh_exit(void)
{
	mutex_lock(&mh_lock);
	kretprobe_unhook_locked();
	kprobe_unhook_locked();
	ftrace_unhook_locked();
	mutex_unlock(&mh_lock);
	if (stale_handler)
		unregister_ftrace_function(&mh_stale_ops);
	ftrace_free_filter(&mh_stale_ops);
	ftrace_free_filter(&mh_ftrace_ops);
}

module_init(mh_init);
module_exit(mh_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: a module that hides itself and its hooks");
