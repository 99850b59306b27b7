/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who owns the code an address points into: core kernel text, clkrg, a
 * module that is listed (module list and /sys/module) or hidden, a
 * module's data, an ftrace or BPF trampoline, other kernel text (kprobe
 * slots), module memory that belongs to no module (freed, or allocated
 * outside a module), or anything else. Any context but NMI.
 */
#ifndef CLKRG_ADDR_OWNER_H
#define CLKRG_ADDR_OWNER_H

#include <linux/module.h>
#include <linux/types.h>

enum clkrg_owner_kind {
	OWN_CORE,		/* core kernel text */
	OWN_GUARD,		/* clkrg's own text */
	OWN_MODULE,		/* a listed module's text */
	OWN_HIDDEN,		/* a hidden module's text */
	OWN_MODULE_DATA,	/* a module's data, not code */
	OWN_FTRACE_TRAMP,	/* an ftrace trampoline */
	OWN_BPF,		/* BPF JIT code or a BPF trampoline */
	OWN_TEXT_OTHER,		/* other kernel text (kprobe slots) */
	OWN_MODULE_AREA,	/* module memory of no module */
	OWN_NONE,		/* no code at all */
};

struct clkrg_owner {
	u8 kind;		/* enum clkrg_owner_kind */
	char name[MODULE_NAME_LEN];	/* the module, when there is one */
};

void clkrg_owner_of(unsigned long addr, struct clkrg_owner *o);

/* Whether @o is code an ordinary callback may live in. */
static inline bool clkrg_owner_known(const struct clkrg_owner *o)
{
	return o->kind == OWN_CORE || o->kind == OWN_GUARD ||
	       o->kind == OWN_MODULE;
}

/* "core kernel", "module X", "hidden module X", ... into @buf. */
void clkrg_owner_describe(const struct clkrg_owner *o, char *buf,
			  size_t len);

#endif
