// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_modlegit: TEST-ONLY module for the negative controls of clkrg's
 * module guard: legitimate changes of module text that the kernel makes
 * itself. Never load it on a real system.
 *
 *   echo 1 > /sys/module/clkrg_modlegit/parameters/key        (0: off)
 *   echo 1 > /sys/module/clkrg_modlegit/parameters/scall      (0: back)
 *   echo crc7_be > /sys/module/clkrg_modlegit/parameters/kprobe_add
 *   echo 'crc7_be+0x7' > .../kprobe_add
 *   cat /sys/module/clkrg_modlegit/parameters/kprobes
 *   echo all > /sys/module/clkrg_modlegit/parameters/kprobe_del
 *
 * key toggles a static key this module defines (DEFINE_STATIC_KEY_FALSE,
 * static_branch_enable/disable): its jump-label site is in this module's
 * text. Reading key runs the branch and reports which way it went.
 *
 * scall retargets a static call this module defines (DEFINE_STATIC_CALL,
 * static_call_update): its call site and its trampoline are in this
 * module's text. Reading scall calls it and reports the target's result.
 *
 * kprobe_add "SYMBOL[+OFFSET]" registers a kprobe (pre handler only, so it
 * may be optimized) on any symbol, core kernel or module; up to
 * ML_KPROBES at once. kprobes lists them with the kernel's flags (ftrace,
 * optimized). kprobe_del "all" unregisters every one. Unloading the module
 * unregisters what is left.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/static_call.h>
#include <linux/string.h>

#define ML_KPROBES	8
#define ML_SYM_LEN	128

static DEFINE_MUTEX(ml_lock);

/* ---- static key ------------------------------------------------------------ */

static DEFINE_STATIC_KEY_FALSE(ml_key);

static noinline int ml_branch(void)
{
	if (static_branch_unlikely(&ml_key))
		return 1;
	return 0;
}

static int ml_key_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret = kstrtobool(val, &on);

	if (ret)
		return ret;
	if (on)
		static_branch_enable(&ml_key);
	else
		static_branch_disable(&ml_key);
	return 0;
}

static int ml_key_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "enabled=%d taken=%d\n",
			  static_key_enabled(&ml_key), ml_branch());
}

/* ---- static call ------------------------------------------------------------ */

static noinline int ml_target_a(void)
{
	return 1;
}

static noinline int ml_target_b(void)
{
	return 2;
}

DEFINE_STATIC_CALL(clkrg_ml_call, ml_target_a);

static noinline int ml_call(void)
{
	return static_call(clkrg_ml_call)();
}

static int scall_set(const char *val, const struct kernel_param *kp)
{
	bool b;
	int ret = kstrtobool(val, &b);

	if (ret)
		return ret;
	mutex_lock(&ml_lock);
	if (b)
		static_call_update(clkrg_ml_call, &ml_target_b);
	else
		static_call_update(clkrg_ml_call, &ml_target_a);
	mutex_unlock(&ml_lock);
	return 0;
}

static int scall_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&ml_lock);
	n = sysfs_emit(buf, "target=%ps result=%d\n",
		       static_call_query(clkrg_ml_call), ml_call());
	mutex_unlock(&ml_lock);
	return n;
}

/* ---- kprobes ----------------------------------------------------------------- */

struct ml_probe {
	struct kprobe kp;
	char sym[ML_SYM_LEN];
	bool used;
};

static struct ml_probe probes[ML_KPROBES];
static atomic_t kprobe_hits = ATOMIC_INIT(0);

static int ml_pre(struct kprobe *p, struct pt_regs *regs)
{
	atomic_inc(&kprobe_hits);
	return 0;
}

static int kprobe_add_set(const char *val, const struct kernel_param *kp)
{
	char arg[ML_SYM_LEN], *plus;
	unsigned long off = 0;
	struct ml_probe *p = NULL;
	unsigned int i;
	int ret;

	if (sscanf(val, "%127s", arg) != 1)
		return -EINVAL;
	plus = strchr(arg, '+');
	if (plus) {
		*plus = '\0';
		ret = kstrtoul(plus + 1, 0, &off);
		if (ret)
			return ret;
	}
	mutex_lock(&ml_lock);
	for (i = 0; i < ML_KPROBES && !p; i++)
		if (!probes[i].used)
			p = &probes[i];
	ret = -ENOSPC;
	if (!p)
		goto out;
	memset(p, 0, sizeof(*p));
	strscpy(p->sym, arg, sizeof(p->sym));
	p->kp.symbol_name = p->sym;
	p->kp.offset = off;
	p->kp.pre_handler = ml_pre;
	ret = register_kprobe(&p->kp);
	if (ret)
		goto out;
	p->used = true;
	pr_info("kprobe on %s+0x%lx at 0x%lx (%pS)\n", p->sym, off,
		(unsigned long)p->kp.addr, p->kp.addr);
out:
	mutex_unlock(&ml_lock);
	return ret;
}

/* Caller holds ml_lock. */
static void kprobe_del_all_locked(void)
{
	unsigned int i;

	for (i = 0; i < ML_KPROBES; i++) {
		if (!probes[i].used)
			continue;
		unregister_kprobe(&probes[i].kp);
		probes[i].used = false;
		pr_info("kprobe on %s+0x%x removed\n", probes[i].sym,
			probes[i].kp.offset);
	}
}

static int kprobe_del_set(const char *val, const struct kernel_param *kp)
{
	if (!sysfs_streq(val, "all"))
		return -EINVAL;
	mutex_lock(&ml_lock);
	kprobe_del_all_locked();
	mutex_unlock(&ml_lock);
	return 0;
}

static int kprobes_get(char *buf, const struct kernel_param *kp)
{
	unsigned int i;
	int n = 0;

	mutex_lock(&ml_lock);
	for (i = 0; i < ML_KPROBES; i++) {
		struct kprobe *k = &probes[i].kp;

		if (!probes[i].used)
			continue;
		n += sysfs_emit_at(buf, n, "%s+0x%x ftrace=%d optimized=%d disabled=%d\n",
				   probes[i].sym, k->offset,
				   !!(k->flags & KPROBE_FLAG_FTRACE),
				   !!(k->flags & KPROBE_FLAG_OPTIMIZED),
				   !!(k->flags & KPROBE_FLAG_DISABLED));
	}
	n += sysfs_emit_at(buf, n, "hits=%d\n", atomic_read(&kprobe_hits));
	mutex_unlock(&ml_lock);
	return n;
}

static const struct kernel_param_ops ml_key_ops = {
	.set = ml_key_set, .get = ml_key_get,
};

static const struct kernel_param_ops scall_ops = {
	.set = scall_set, .get = scall_get,
};

static const struct kernel_param_ops kprobe_add_ops = { .set = kprobe_add_set };
static const struct kernel_param_ops kprobe_del_ops = { .set = kprobe_del_set };
static const struct kernel_param_ops kprobes_ops = { .get = kprobes_get };

module_param_cb(key, &ml_key_ops, NULL, 0600);
MODULE_PARM_DESC(key, "1: enable this module's static key, 0: disable it");
module_param_cb(scall, &scall_ops, NULL, 0600);
MODULE_PARM_DESC(scall, "1: retarget this module's static call, 0: back");
module_param_cb(kprobe_add, &kprobe_add_ops, NULL, 0200);
MODULE_PARM_DESC(kprobe_add, "SYMBOL[+OFFSET]: register a kprobe there");
module_param_cb(kprobe_del, &kprobe_del_ops, NULL, 0200);
MODULE_PARM_DESC(kprobe_del, "all: unregister every kprobe");
module_param_cb(kprobes, &kprobes_ops, NULL, 0444);
MODULE_PARM_DESC(kprobes, "the registered kprobes and the handler's calls");

static int __init ml_init(void)
{
	return 0;
}

static void __exit ml_exit(void)
{
	mutex_lock(&ml_lock);
	kprobe_del_all_locked();
	mutex_unlock(&ml_lock);
	static_branch_disable(&ml_key);
}

module_init(ml_init);
module_exit(ml_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: legitimate changes of a module's own text");
