/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels clkrg guards (Debian's 6.1 and
 * 6.12; anything from 6.1 to 6.12 builds) lives here: the guards include
 * this header and never test a kernel version themselves.
 *
 *  - compat.h (this file): API and layout differences, inline;
 *  - compat.c: what is checked at load (the kernel it was built for);
 *  - kfn.c: calls of kernel functions found through kallsyms, made as
 *    direct calls (static calls) so that IBT kernels allow them;
 *  - unsupported.c: the module built instead of clkrg for a kernel
 *    configuration it cannot guard (driver/Kbuild picks it).
 */
#ifndef CLKRG_COMPAT_H
#define CLKRG_COMPAT_H

#include <linux/version.h>
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/filter.h>
#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/lsm_hooks.h>
#include <linux/module.h>
#include <linux/static_call.h>
#include <asm/ptrace.h>
#include <asm/set_memory.h>

/* 6.9: the hottest networking data in one exported structure. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
#include <net/hotdata.h>
#endif

/* 6.12 moved the unaligned accessors out of asm/. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * Refuses a kernel other than the one clkrg was built for, then resolves
 * the kernel functions (kfn.c); on failure one kernel-log line says why.
 */
int clkrg_compat_init(void);

/* ---- devices ------------------------------------------------------------ */

/* 6.2: device_type.devnode takes a const device. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define CLKRG_DEVNODE_CONST	const
#else
#define CLKRG_DEVNODE_CONST
#endif

/* 6.4: class_create() lost its owner argument. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define clkrg_class_create(name)	class_create(name)
#else
#define clkrg_class_create(name)	class_create(THIS_MODULE, name)
#endif

/* ---- credentials -------------------------------------------------------- */

/*
 * A capability set as one 64-bit word. 6.3 made kernel_cap_t a u64; before
 * it was two u32 words, low word first, so on x86 both are the same 8
 * bytes in memory (pint_fast.h loads them as one word).
 */
static __always_inline u64 clkrg_cap_u64(kernel_cap_t c)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	return c.val;
#else
	return (u64)c.cap[1] << 32 | c.cap[0];
#endif
}

/* ---- modules ------------------------------------------------------------ */

/* 6.4: a module's memory is mem[MOD_*], no longer core_layout. */
static inline unsigned long clkrg_module_text(const struct module *mod,
					      unsigned long *size)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	*size = mod->mem[MOD_TEXT].size;
	return (unsigned long)mod->mem[MOD_TEXT].base;
#else
	*size = mod->core_layout.text_size;
	return (unsigned long)mod->core_layout.base;
#endif
}

/*
 * A module's read-only data once its init is done: .rodata and
 * .data..ro_after_init, one range before 6.4 (after the text, in
 * core_layout), two separate allocations since. Returns how many.
 */
static inline unsigned int clkrg_module_ro(const struct module *mod,
					   unsigned long start[2],
					   unsigned long end[2])
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	start[0] = (unsigned long)mod->mem[MOD_RODATA].base;
	end[0] = start[0] + mod->mem[MOD_RODATA].size;
	start[1] = (unsigned long)mod->mem[MOD_RO_AFTER_INIT].base;
	end[1] = start[1] + mod->mem[MOD_RO_AFTER_INIT].size;
	return 2;
#else
	unsigned long base = (unsigned long)mod->core_layout.base;

	start[0] = base + mod->core_layout.text_size;
	end[0] = base + mod->core_layout.ro_after_init_size;
	return 1;
#endif
}

/* ---- SELinux ------------------------------------------------------------ */

/*
 * SELinux's enforcing flag inside the private struct selinux_state at
 * @state (its kallsyms address): a bool, present with
 * SECURITY_SELINUX_DEVELOP, after a bool "disabled" with
 * SECURITY_SELINUX_DISABLE (gone in 6.4), at the start otherwise (6.1 to
 * 6.12). NULL where the layout is not known (no such flag, or randomized).
 */
static inline bool *clkrg_selinux_enforcing(unsigned long state)
{
	if (!state || !IS_ENABLED(CONFIG_SECURITY_SELINUX_DEVELOP) ||
	    !IS_ENABLED(CONFIG_RANDSTRUCT_NONE))
		return NULL;
	return (bool *)state +
	       IS_ENABLED(CONFIG_SECURITY_SELINUX_DISABLE);
}

/* ---- LSM hooks ---------------------------------------------------------- */

/*
 * Where the LSM hooks are and how they are walked. Until 6.11 each hook is
 * a list in security_hook_heads whose entries are called through a
 * pointer. 6.12 calls them through static calls: static_calls_table has
 * MAX_LSM_COUNT slots per hook, in the same order; a slot whose static
 * branch is on is called, and the code its call sites reach is its key's
 * target (static_call_update() sets both), whatever the slot's
 * security_hook_list says. CLKRG_LSM_TABLE names the table in kallsyms,
 * CLKRG_LSM_HOOKS is the number of hooks in it.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define CLKRG_LSM_TABLE		"static_calls_table"
#define CLKRG_LSM_HOOKS		(sizeof(struct lsm_static_calls_table) / \
				 (MAX_LSM_COUNT * sizeof(struct lsm_static_call)))
#else
#define CLKRG_LSM_TABLE		"security_hook_heads"
#define CLKRG_LSM_HOOKS		(sizeof(struct security_hook_heads) / \
				 sizeof(struct hlist_head))
#endif

/* A walk of one hook's callbacks: set table and hook, at NULL. */
struct clkrg_lsm_cursor {
	void *table;		/* kallsyms' CLKRG_LSM_TABLE */
	unsigned int hook;	/* < CLKRG_LSM_HOOKS */
	void *at;		/* the current entry; NULL before the first */
	unsigned long fn;	/* the code it calls */
	const char *lsm;	/* the LSM's name, or NULL */
};

/* The next callback of @c's hook; false after the last. Stable tables. */
static inline bool clkrg_lsm_next(struct clkrg_lsm_cursor *c)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	struct lsm_static_call *s = c->table, *end;

	s += c->hook * MAX_LSM_COUNT;
	end = s + MAX_LSM_COUNT;
	if (c->at)
		s = (struct lsm_static_call *)c->at + 1;
	for (; s < end; s++) {
		if (!s->active || !static_key_enabled(s->active))
			continue;
		c->at = s;
		c->fn = (unsigned long)READ_ONCE(s->key->func);
		c->lsm = s->hl && s->hl->lsmid ? s->hl->lsmid->name : NULL;
		return true;
	}
	c->at = end - 1;
	return false;
#else
	struct hlist_head *heads = c->table;
	struct security_hook_list *p = c->at;
	struct hlist_node *n = p ? READ_ONCE(p->list.next) :
				   READ_ONCE(heads[c->hook].first);

	if (!n)
		return false;
	p = hlist_entry(n, struct security_hook_list, list);
	c->at = p;
	c->fn = *(unsigned long *)&p->hook;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
	c->lsm = p->lsmid ? p->lsmid->name : NULL;
#else
	c->lsm = p->lsm;
#endif
	return true;
#endif
}

/* ---- packet handlers ---------------------------------------------------- */

/*
 * The handlers of every protocol: 6.9 moved ptype_all into net_hotdata;
 * before, it is the kallsyms symbol @ptype_all (0 when missing).
 */
static inline struct list_head *clkrg_ptype_all(unsigned long ptype_all)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	return &net_hotdata.ptype_all;
#else
	return (struct list_head *)ptype_all;
#endif
}

/* ---- ftrace hooks ------------------------------------------------------- */

/*
 * What an ftrace_ops callback reads and writes. 6.12 made struct
 * ftrace_regs opaque behind accessors (6.2 added most of them); on 6.1 it
 * is a struct pt_regs. Without FTRACE_OPS_FL_SAVE_REGS the trampoline
 * saves the argument registers, %rsp and %rip and restores %rax and %rip.
 */
static __always_inline unsigned long
clkrg_fregs_arg(struct ftrace_regs *fregs, unsigned int n)
{
#ifdef ftrace_regs_get_argument
	return ftrace_regs_get_argument(fregs, n);
#else
	return regs_get_kernel_argument(&fregs->regs, n);
#endif
}

/* %rsp at the probed function's entry: it points to the return address. */
static __always_inline unsigned long clkrg_fregs_sp(struct ftrace_regs *fregs)
{
#ifdef ftrace_regs_get_stack_pointer
	return ftrace_regs_get_stack_pointer(fregs);
#else
	return kernel_stack_pointer(&fregs->regs);
#endif
}

/* Where the trampoline returns to instead of the probed function. */
static __always_inline void clkrg_fregs_set_ip(struct ftrace_regs *fregs,
					       unsigned long ip)
{
#ifdef ftrace_regs_set_instruction_pointer
	ftrace_regs_set_instruction_pointer(fregs, ip);
#else
	ftrace_instruction_pointer_set(fregs, ip);
#endif
}

/* %rax as the trampoline restores it. */
static __always_inline void clkrg_fregs_set_ret(struct ftrace_regs *fregs,
						unsigned long ret)
{
#ifdef ftrace_regs_set_return_value
	ftrace_regs_set_return_value(fregs, ret);
#else
	regs_set_return_value(&fregs->regs, ret);
#endif
}

/* ---- kernel functions found through kallsyms (kfn.c) -------------------- */

/*
 * clkrg_kfn(name)(args...) calls the kernel function @name, which is not
 * exported, through a static call: a direct CALL that kfn.c patches to the
 * address kallsyms gave when clkrg loads. It is never an indirect call, so
 * on a kernel with IBT it needs no ENDBR at the target (objtool seals the
 * ENDBR of functions whose address is never taken, and an indirect call to
 * those would raise #CP). Every kernel function clkrg finds through
 * kallsyms is called this way; clkrg_ksym() is for data.
 *
 * The types are the kernel's own prototypes. Until resolved, and for good
 * if an optional one is missing, each calls a stub that finds nothing
 * (0, NULL, false): see kfn.c for which ones are required.
 */
#define clkrg_kfn(name)	static_call(clkrg_kfn_##name)

int clkrg_kfn_init(void);

DECLARE_STATIC_CALL(clkrg_kfn_kallsyms_lookup_name, kallsyms_lookup_name);
DECLARE_STATIC_CALL(clkrg_kfn_kallsyms_lookup_size_offset,
		    kallsyms_lookup_size_offset);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_location, ftrace_location);
DECLARE_STATIC_CALL(clkrg_kfn_kernel_text_address, kernel_text_address);
DECLARE_STATIC_CALL(clkrg_kfn___kernel_text_address, __kernel_text_address);
DECLARE_STATIC_CALL(clkrg_kfn___module_text_address, __module_text_address);
DECLARE_STATIC_CALL(clkrg_kfn___module_address, __module_address);
DECLARE_STATIC_CALL(clkrg_kfn_is_ftrace_trampoline, is_ftrace_trampoline);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_find_rec_direct, ftrace_find_rec_direct);
DECLARE_STATIC_CALL(clkrg_kfn_is_bpf_text_address, is_bpf_text_address);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_start, ftrace_rec_iter_start);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_next, ftrace_rec_iter_next);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_record, ftrace_rec_iter_record);
/* For the guard's own read-only pages (main's vault). */
DECLARE_STATIC_CALL(clkrg_kfn_set_memory_ro, set_memory_ro);
DECLARE_STATIC_CALL(clkrg_kfn_set_memory_rw, set_memory_rw);

#endif
