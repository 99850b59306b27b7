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
#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/static_call.h>
#include <asm/ptrace.h>
#include <asm/set_memory.h>

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
DECLARE_STATIC_CALL(clkrg_kfn_is_ftrace_trampoline, is_ftrace_trampoline);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_find_rec_direct, ftrace_find_rec_direct);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_start, ftrace_rec_iter_start);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_next, ftrace_rec_iter_next);
DECLARE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_record, ftrace_rec_iter_record);
/* For the guard's own read-only pages (main's vault). */
DECLARE_STATIC_CALL(clkrg_kfn_set_memory_ro, set_memory_ro);
DECLARE_STATIC_CALL(clkrg_kfn_set_memory_rw, set_memory_rw);

#endif
