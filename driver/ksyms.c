// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms_lookup_name() is not exported since 5.7. A kprobe registered on
 * it resolves its address through kallsyms itself; the probe is removed at
 * once, before any baseline is taken.
 */
#include <linux/kprobes.h>
#include <linux/printk.h>
#include "ksyms.h"

typedef unsigned long (*lookup_fn)(const char *name);
typedef int (*size_offset_fn)(unsigned long addr, unsigned long *size,
			      unsigned long *offset);

static lookup_fn clkrg_lookup __ro_after_init;
static size_offset_fn size_offset __ro_after_init;
unsigned long clkrg_stext __ro_after_init, clkrg_etext __ro_after_init;

int clkrg_ksyms_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int ret;

	ret = register_kprobe(&kp);
	if (ret) {
		pr_err("clkrg: FAULT: cannot resolve kallsyms_lookup_name (%d)\n",
		       ret);
		return ret;
	}
	clkrg_lookup = (lookup_fn)kp.addr;
	unregister_kprobe(&kp);
	if (!clkrg_lookup)
		return -ENOENT;
	size_offset = (size_offset_fn)clkrg_lookup("kallsyms_lookup_size_offset");
	clkrg_stext = clkrg_lookup("_stext");
	clkrg_etext = clkrg_lookup("_etext");
	return clkrg_stext && clkrg_etext > clkrg_stext ? 0 : -ENOENT;
}

unsigned long clkrg_ksym(const char *name)
{
	return clkrg_lookup ? clkrg_lookup(name) : 0;
}

bool clkrg_ksym_range(const char *name, unsigned long *start,
		      unsigned long *size)
{
	unsigned long off;

	*start = clkrg_ksym(name);
	if (!*start || !size_offset || !size_offset(*start, size, &off))
		return false;
	return off == 0;
}
