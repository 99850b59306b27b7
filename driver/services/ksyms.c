// SPDX-License-Identifier: GPL-2.0
/*
 * Symbols the kernel does not export. kallsyms_lookup_name() and the other
 * kernel functions clkrg calls are resolved by the compatibility layer
 * (compat/kfn.c), which calls them without an indirect call; this file
 * looks up data and the bounds of functions through them.
 */
#include <linux/printk.h>
#include "compat/compat.h"
#include "services/ksyms.h"

unsigned long clkrg_stext __ro_after_init, clkrg_etext __ro_after_init;

int clkrg_ksyms_init(void)
{
	int ret = clkrg_compat_init();

	if (ret)
		return ret;
	clkrg_stext = clkrg_ksym("_stext");
	clkrg_etext = clkrg_ksym("_etext");
	return clkrg_stext && clkrg_etext > clkrg_stext ? 0 : -ENOENT;
}

unsigned long clkrg_ksym(const char *name)
{
	return clkrg_kfn(kallsyms_lookup_name)(name);
}

bool clkrg_ksym_range(const char *name, unsigned long *start,
		      unsigned long *size)
{
	unsigned long off;

	*start = clkrg_ksym(name);
	if (!*start ||
	    !clkrg_kfn(kallsyms_lookup_size_offset)(*start, size, &off))
		return false;
	return off == 0;
}
