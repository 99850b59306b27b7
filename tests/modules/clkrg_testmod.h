/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clkrg_testmod.h: helpers shared by the TEST-ONLY modules of the in-VM
 * suite (tests/modules) and of `make bench` (tests/bench). Never use them
 * in clkrg itself.
 *
 *  - kallsyms_lookup_name, found through a kprobe on it (it is not
 *    exported), and kallsyms_lookup_size_offset through that;
 *  - the start and size of SYMBOL, and SYMBOL+OFFSET inside it;
 *  - raw control register reads and writes ("mov to crN": the kernel's
 *    writers pin CR0.WP, CR4.SMEP and CR4.SMAP and WARN), and one byte of
 *    read-only memory written with CR0.WP cleared, interrupts and
 *    preemption off;
 *  - "write 1 to do it" parameters;
 *  - the kernel differences the test modules meet (6.1 and 6.12), here
 *    and nowhere else: a module's core text, an ftrace handler's change
 *    of the IP, executable memory of no module, how LSM hooks are called.
 */
#ifndef CLKRG_TESTMOD_H
#define CLKRG_TESTMOD_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/ftrace.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/types.h>
#include <linux/version.h>
#include <asm/processor-flags.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#include <linux/execmem.h>
#endif

/*
 * 6.12 calls LSM hooks through static calls (static_calls_table,
 * MAX_LSM_COUNT slots per hook); before, each hook is a list in
 * security_hook_heads.
 */
#define TM_LSM_STATIC_CALLS \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0))

typedef unsigned long (*tm_lookup_name_t)(const char *name);
typedef int (*tm_lookup_size_offset_t)(unsigned long addr,
				       unsigned long *size,
				       unsigned long *offset);

/* *@fn = kallsyms_lookup_name, through a kprobe on it. */
static inline int tm_resolve_lookup_name(tm_lookup_name_t *fn)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int ret = register_kprobe(&kp);

	if (ret < 0)
		return ret;
	*fn = (tm_lookup_name_t)kp.addr;
	unregister_kprobe(&kp);
	return *fn ? 0 : -ENOENT;
}

/* kallsyms_lookup_name, then kallsyms_lookup_size_offset through it. */
static inline int tm_resolve_kallsyms(tm_lookup_name_t *name,
				      tm_lookup_size_offset_t *size_offset)
{
	int ret = tm_resolve_lookup_name(name);

	if (ret)
		return ret;
	*size_offset = (tm_lookup_size_offset_t)
		(*name)("kallsyms_lookup_size_offset");
	return *size_offset ? 0 : -ENOENT;
}

/*
 * *@addr = @sym + @offset and *@size = the size of @sym: @sym must be the
 * start of a symbol (-ENOENT) and @offset inside it (-ERANGE).
 */
static inline int tm_symbol_byte(tm_lookup_name_t lookup_name,
				 tm_lookup_size_offset_t lookup_size_offset,
				 const char *sym, unsigned long offset,
				 unsigned long *addr, unsigned long *size)
{
	unsigned long start = lookup_name(sym), symsize, symoff;

	if (!start)
		return -ENOENT;
	if (!lookup_size_offset(start, &symsize, &symoff) || symoff != 0)
		return -ENOENT;
	if (offset >= symsize)
		return -ERANGE;
	*addr = start + offset;
	*size = symsize;
	return 0;
}

/* Start and size of @mod's core text (6.4: mem[MOD_TEXT], not core_layout). */
static inline unsigned long tm_module_text(const struct module *mod,
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

/* Where an ftrace_ops handler sends the traced call (6.12: opaque regs). */
static __always_inline void tm_fregs_set_ip(struct ftrace_regs *fregs,
					    unsigned long ip)
{
#ifdef ftrace_regs_set_instruction_pointer
	ftrace_regs_set_instruction_pointer(fregs, ip);
#else
	ftrace_instruction_pointer_set(fregs, ip);
#endif
}

/*
 * @size bytes of module memory that no module owns, writable, not
 * executable (module_alloc(); 6.10: execmem_alloc()), or NULL.
 */
static inline void *tm_exec_alloc(tm_lookup_name_t lookup_name,
				  unsigned long size)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	void *(*alloc)(enum execmem_type type, size_t size) =
		(void *)lookup_name("execmem_alloc");

	return alloc ? alloc(EXECMEM_MODULE_TEXT, size) : NULL;
#else
	void *(*alloc)(unsigned long size) = (void *)lookup_name("module_alloc");

	return alloc ? alloc(size) : NULL;
#endif
}

/* Frees what tm_exec_alloc() gave (made writable and not executable). */
static inline void tm_exec_free(tm_lookup_name_t lookup_name, void *p)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	void (*memfree)(void *p) = (void *)lookup_name("execmem_free");
#else
	void (*memfree)(void *p) = (void *)lookup_name("module_memfree");
#endif

	if (memfree)
		memfree(p);
}

static inline unsigned long tm_read_cr0(void)
{
	unsigned long v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline unsigned long tm_read_cr4(void)
{
	unsigned long v;

	asm volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void tm_write_cr0(unsigned long v)
{
	asm volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void tm_write_cr4(unsigned long v)
{
	asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* Writes one byte of read-only memory through a raw CR0.WP clear. */
static inline void tm_write_ro_byte(u8 *p, u8 value)
{
	unsigned long flags, cr0;

	preempt_disable();
	local_irq_save(flags);
	cr0 = tm_read_cr0();
	tm_write_cr0(cr0 & ~X86_CR0_WP);
	WRITE_ONCE(*p, value);
	tm_write_cr0(cr0);
	local_irq_restore(flags);
	preempt_enable();
}

/* A "write 1" parameter: 0 for a true @val, else kstrtobool's or -EINVAL. */
static inline int tm_param_one(const char *val)
{
	bool yes;
	int ret = kstrtobool(val, &yes);

	if (ret || !yes)
		return ret ? ret : -EINVAL;
	return 0;
}

/* A "write 1 to do it" parameter: @fn() under @lock. */
static inline int tm_param_one_locked(const char *val, struct mutex *lock,
				      int (*fn)(void))
{
	int ret = tm_param_one(val);

	if (ret)
		return ret;
	mutex_lock(lock);
	ret = fn();
	mutex_unlock(lock);
	return ret;
}

#endif /* CLKRG_TESTMOD_H */
