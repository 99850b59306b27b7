// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_livepatch: TEST-ONLY live patch, the negative twin of the
 * redirection attacks: the kernel's own livepatch core (klp_enable_patch)
 * replaces cmdline_proc_show() so that /proc/cmdline reads
 * "clkrg_livepatch active". Livepatch attaches its ftrace_ops (handler
 * klp_ftrace_handler, IPMODIFY and PERMANENT) itself, which clkrg allows
 * as "kernel:klp_*". To remove it:
 *
 *   echo 0 > /sys/kernel/livepatch/clkrg_livepatch/enabled
 *   (wait until .../transition reads 0) ; rmmod clkrg_livepatch
 */
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

static int clkrg_lp_cmdline_show(struct seq_file *m, void *v)
{
	seq_puts(m, "clkrg_livepatch active\n");
	return 0;
}

static struct klp_func clkrg_lp_funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = clkrg_lp_cmdline_show },
	{}
};

/* No object name: the function is in vmlinux. */
static struct klp_object clkrg_lp_objs[] = {
	{ .funcs = clkrg_lp_funcs },
	{}
};

static struct klp_patch clkrg_lp_patch = {
	.mod = THIS_MODULE,
	.objs = clkrg_lp_objs,
};

static int __init clkrg_lp_init(void)
{
	return klp_enable_patch(&clkrg_lp_patch);
}

static void __exit clkrg_lp_exit(void)
{
}

module_init(clkrg_lp_init);
module_exit(clkrg_lp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: a live patch of cmdline_proc_show");
MODULE_INFO(livepatch, "Y");
