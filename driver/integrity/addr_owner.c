// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include "integrity/addr_owner.h"
#include "compat/compat.h"
#include "services/ksyms.h"
#include "integrity/modules.h"

static void owner_module(struct module *mod, bool text, struct clkrg_owner *o)
{
	strscpy(o->name, mod->name, sizeof(o->name));
	if (!text)
		o->kind = OWN_MODULE_DATA;
	else if (mod == THIS_MODULE)
		o->kind = OWN_GUARD;
	else
		o->kind = clkrg_module_visible(mod) ? OWN_MODULE : OWN_HIDDEN;
}

void clkrg_owner_of(unsigned long addr, struct clkrg_owner *o)
{
	struct module *mod;

	o->name[0] = 0;
	if (addr >= clkrg_stext && addr < clkrg_etext) {
		o->kind = OWN_CORE;
		return;
	}
	/* A module is freed only after an RCU grace period. */
	preempt_disable();
	mod = clkrg_kfn(__module_text_address)(addr);
	if (mod) {
		owner_module(mod, true, o);
	} else {
		mod = clkrg_kfn(__module_address)(addr);
		if (mod)
			owner_module(mod, false, o);
	}
	preempt_enable();
	if (mod)
		return;
	if (clkrg_kfn(is_ftrace_trampoline)(addr))
		o->kind = OWN_FTRACE_TRAMP;
	else if (clkrg_kfn(is_bpf_text_address)(addr))
		o->kind = OWN_BPF;
	else if (clkrg_kfn(kernel_text_address)(addr))
		o->kind = OWN_TEXT_OTHER;
	else if (addr >= MODULES_VADDR && addr < MODULES_END)
		o->kind = OWN_MODULE_AREA;
	else
		o->kind = OWN_NONE;
}

void clkrg_owner_describe(const struct clkrg_owner *o, char *buf, size_t len)
{
	static const char * const what[] = {
		[OWN_CORE] = "core kernel",
		[OWN_GUARD] = "clkrg",
		[OWN_MODULE] = "module",
		[OWN_HIDDEN] = "hidden module",
		[OWN_MODULE_DATA] = "data of module",
		[OWN_FTRACE_TRAMP] = "an ftrace trampoline",
		[OWN_BPF] = "BPF code",
		[OWN_TEXT_OTHER] = "kernel text of no function (kprobe slot)",
		[OWN_MODULE_AREA] = "module memory of no module",
		[OWN_NONE] = "no kernel code",
	};

	if (o->name[0])
		snprintf(buf, len, "%s %s", what[o->kind], o->name);
	else
		snprintf(buf, len, "%s", what[o->kind]);
}
