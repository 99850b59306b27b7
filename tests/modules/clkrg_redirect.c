// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_redirect: TEST-ONLY module that redirects a kernel function the
 * way ftrace and kprobe rootkits do, for real, one way at a time. Never
 * load it on a real system.
 *
 *   echo __x64_sys_sethostname > .../ftrace_ipmodify  an ftrace_ops with
 *        IPMODIFY | SAVE_REGS whose handler sends the call to cr_fake()
 *   echo __x64_sys_sethostname > .../ftrace_args      the same without
 *        IPMODIFY (with DYNAMIC_FTRACE_WITH_ARGS the IP change still holds)
 *   echo __x64_sys_sethostname > .../kprobe_ip        a kprobe whose pre
 *        handler sets the IP to cr_fake() and returns 1
 *   echo 1 > .../unhook                                removes the active one
 *   echo 1|0 > .../hidden                              off/back on the module
 *                                                      list (as clkrg_modhide)
 *   cat .../hits                                       calls cr_fake() took
 *
 * cr_fake() counts and returns -EPERM: while a hook is active, sethostname(2)
 * fails with EPERM (hostname(1) cannot change the name), which is the
 * redirection the inventory must name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/rculist.h>

#include "clkrg_testmod.h"

enum cr_kind { CR_NONE, CR_FTRACE, CR_KPROBE };

static DEFINE_MUTEX(cr_lock);
static tm_lookup_name_t lookup_name;
static struct list_head *modules_head;
static struct mutex *module_mutex_p;
static struct list_head *saved_prev;
static bool is_hidden;
static enum cr_kind active;
static char active_fn[KSYM_NAME_LEN];
static atomic_t hits = ATOMIC_INIT(0);

/* What the hooked syscall becomes: counted, refused. */
static noinline long cr_fake(const struct pt_regs *regs)
{
	atomic_inc(&hits);
	return -EPERM;
}

static void notrace cr_ftrace_handler(unsigned long ip, unsigned long pip,
				      struct ftrace_ops *op,
				      struct ftrace_regs *fregs)
{
	tm_fregs_set_ip(fregs, (unsigned long)cr_fake);
}

static struct ftrace_ops cr_ops;

static int cr_kprobe_pre(struct kprobe *p, struct pt_regs *regs)
{
	instruction_pointer_set(regs, (unsigned long)cr_fake);
	return 1;	/* "I changed the IP": no single-step */
}

static struct kprobe cr_kp;

static int hook_ftrace(const char *fn, unsigned long flags)
{
	unsigned long ip = lookup_name(fn);
	int ret;

	if (!ip)
		return -ENOENT;
	memset(&cr_ops, 0, sizeof(cr_ops));
	cr_ops.func = cr_ftrace_handler;
	cr_ops.flags = flags;
	ret = ftrace_set_filter_ip(&cr_ops, ip, 0, 0);
	if (!ret)
		ret = register_ftrace_function(&cr_ops);
	if (ret) {
		ftrace_free_filter(&cr_ops);
		return ret;
	}
	active = CR_FTRACE;
	return 0;
}

static int hook_kprobe(const char *fn)
{
	int ret;

	memset(&cr_kp, 0, sizeof(cr_kp));
	cr_kp.symbol_name = active_fn;
	cr_kp.pre_handler = cr_kprobe_pre;
	ret = register_kprobe(&cr_kp);
	if (!ret)
		active = CR_KPROBE;
	return ret;
}

/* Caller holds cr_lock. */
static void unhook_locked(void)
{
	if (active == CR_FTRACE) {
		unregister_ftrace_function(&cr_ops);
		ftrace_free_filter(&cr_ops);
	} else if (active == CR_KPROBE) {
		unregister_kprobe(&cr_kp);
	}
	if (active != CR_NONE)
		pr_info("%s no longer redirected\n", active_fn);
	active = CR_NONE;
	active_fn[0] = 0;
}

static int hook(const char *val, enum cr_kind kind, unsigned long flags)
{
	char fn[KSYM_NAME_LEN];
	int ret;

	if (sscanf(val, "%127s", fn) != 1)
		return -EINVAL;
	mutex_lock(&cr_lock);
	if (active != CR_NONE) {
		mutex_unlock(&cr_lock);
		return -EBUSY;
	}
	strscpy(active_fn, fn, sizeof(active_fn));
	ret = kind == CR_KPROBE ? hook_kprobe(fn) : hook_ftrace(fn, flags);
	if (ret)
		active_fn[0] = 0;
	else
		pr_info("%s redirected to %ps by %s\n", fn, cr_fake,
			kind == CR_KPROBE ? "a kprobe" : "ftrace");
	mutex_unlock(&cr_lock);
	return ret;
}

static int set_ftrace_ipmodify(const char *v, const struct kernel_param *kp)
{
	return hook(v, CR_FTRACE, FTRACE_OPS_FL_IPMODIFY |
		    FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_RECURSION);
}

static int set_ftrace_args(const char *v, const struct kernel_param *kp)
{
	return hook(v, CR_FTRACE, FTRACE_OPS_FL_RECURSION);
}

static int set_kprobe_ip(const char *v, const struct kernel_param *kp)
{
	return hook(v, CR_KPROBE, 0);
}

static int do_unhook(void)
{
	unhook_locked();
	return 0;
}

static int set_unhook(const char *v, const struct kernel_param *kp)
{
	return tm_param_one_locked(v, &cr_lock, do_unhook);
}

/* As clkrg_modhide: off the module list and back (module_mutex held). */
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

static int set_hidden(const char *val, const struct kernel_param *kp)
{
	bool yes;
	int ret = kstrtobool(val, &yes);

	if (ret)
		return ret;
	mutex_lock(&cr_lock);
	mutex_lock(module_mutex_p);
	if (yes == is_hidden) {
		ret = -EALREADY;
	} else if (yes) {
		saved_prev = THIS_MODULE->list.prev;
		list_del_rcu(&THIS_MODULE->list);
		is_hidden = true;
	} else {
		if (!on_list(saved_prev))
			saved_prev = modules_head;
		list_add_rcu(&THIS_MODULE->list, saved_prev);
		is_hidden = false;
	}
	mutex_unlock(module_mutex_p);
	mutex_unlock(&cr_lock);
	return ret;
}

static int get_hits(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&hits));
}

static const struct kernel_param_ops ftrace_ipmodify_ops = {
	.set = set_ftrace_ipmodify,
};
static const struct kernel_param_ops ftrace_args_ops = {
	.set = set_ftrace_args,
};
static const struct kernel_param_ops kprobe_ip_ops = { .set = set_kprobe_ip };
static const struct kernel_param_ops unhook_ops = { .set = set_unhook };
static const struct kernel_param_ops hidden_ops = { .set = set_hidden };
static const struct kernel_param_ops hits_ops = { .get = get_hits };

module_param_cb(ftrace_ipmodify, &ftrace_ipmodify_ops, NULL, 0200);
MODULE_PARM_DESC(ftrace_ipmodify, "FUNCTION: redirect it (ftrace, IPMODIFY)");
module_param_cb(ftrace_args, &ftrace_args_ops, NULL, 0200);
MODULE_PARM_DESC(ftrace_args, "FUNCTION: redirect it (ftrace, no IPMODIFY)");
module_param_cb(kprobe_ip, &kprobe_ip_ops, NULL, 0200);
MODULE_PARM_DESC(kprobe_ip, "FUNCTION: redirect it (kprobe rewriting the IP)");
module_param_cb(unhook, &unhook_ops, NULL, 0200);
MODULE_PARM_DESC(unhook, "1: remove the active redirection");
module_param_cb(hidden, &hidden_ops, NULL, 0200);
MODULE_PARM_DESC(hidden, "1: off the module list, 0: back on it");
module_param_cb(hits, &hits_ops, NULL, 0444);
MODULE_PARM_DESC(hits, "calls the redirection took");

static int __init cr_init(void)
{
	int ret = tm_resolve_lookup_name(&lookup_name);

	if (ret)
		return ret;
	modules_head = (struct list_head *)lookup_name("modules");
	module_mutex_p = (struct mutex *)lookup_name("module_mutex");
	return modules_head && module_mutex_p ? 0 : -ENOENT;
}

static void __exit cr_exit(void)
{
	mutex_lock(&cr_lock);
	unhook_locked();
	mutex_unlock(&cr_lock);
}

module_init(cr_init);
module_exit(cr_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: redirects a kernel function by ftrace or kprobe");
