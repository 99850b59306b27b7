// SPDX-License-Identifier: GPL-2.0
/*
 * Built as clkrg.ko instead of the guard when the kernel's configuration is
 * one clkrg cannot guard (driver/Kbuild names the reason): loading fails
 * with one kernel-log line and nothing else runs.
 */
#include <linux/module.h>

static int __init clkrg_refuse(void)
{
	pr_err("clkrg: FAULT: cannot guard this kernel: %s\n",
	       CLKRG_UNSUPPORTED);
	return -EOPNOTSUPP;
}

module_init(clkrg_refuse);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg: Linux Kernel Runtime Guard (refuses this kernel)");
