// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel functions clkrg needs and the kernel does not export, found
 * through kallsyms and called through static calls (see compat.h).
 *
 * Why not a function pointer: with CONFIG_X86_KERNEL_IBT (Debian's 6.12)
 * an indirect CALL must land on an ENDBR, and objtool seals (turns into a
 * NOP at boot, on CPUs with IBT) the ENDBR of every function whose address
 * the kernel never takes; kallsyms_lookup_size_offset() or ftrace_location()
 * are such functions. A static call is a direct CALL (or a JMP from its
 * trampoline) that the kernel's own text patching points at the target,
 * and IBT does not track direct branches. The kernel's static call code
 * (__static_call_update(), exported) does the patching; the sites sit in
 * our read-only text, not in writable data as a pointer would.
 *
 * kallsyms_lookup_name() itself is found with a kprobe, as everywhere
 * since 5.7 (kp.addr may point past its ENDBR, which a direct call does not
 * mind), then looked up by name so that all targets are function starts.
 * Each address is checked to be the first byte of a function in core text
 * before any call is made to it.
 */
#include <linux/kprobes.h>
#include "compat.h"

/* What a function that is missing (or not resolved yet) answers. */
static unsigned long no_lookup_name(const char *name)
{
	return 0;
}

static int no_size_offset(unsigned long addr, unsigned long *size,
			  unsigned long *off)
{
	return 0;
}

static unsigned long no_ip(unsigned long ip)
{
	return 0;
}

static int no_text_address(unsigned long addr)
{
	return 0;
}

static struct module *no_module(unsigned long addr)
{
	return NULL;
}

static bool no_trampoline(unsigned long addr)
{
	return false;
}

static struct ftrace_rec_iter *no_iter_start(void)
{
	return NULL;
}

static struct ftrace_rec_iter *no_iter_next(struct ftrace_rec_iter *it)
{
	return NULL;
}

static struct dyn_ftrace *no_iter_record(struct ftrace_rec_iter *it)
{
	return NULL;
}

static int no_set_memory(unsigned long addr, int numpages)
{
	return -EOPNOTSUPP;
}

/* A stub's type that differs from the kernel's prototype fails to build. */
DEFINE_STATIC_CALL(clkrg_kfn_kallsyms_lookup_name, no_lookup_name);
DEFINE_STATIC_CALL(clkrg_kfn_kallsyms_lookup_size_offset, no_size_offset);
DEFINE_STATIC_CALL(clkrg_kfn_ftrace_location, no_ip);
DEFINE_STATIC_CALL(clkrg_kfn_kernel_text_address, no_text_address);
DEFINE_STATIC_CALL(clkrg_kfn___kernel_text_address, no_text_address);
DEFINE_STATIC_CALL(clkrg_kfn___module_text_address, no_module);
DEFINE_STATIC_CALL(clkrg_kfn___module_address, no_module);
DEFINE_STATIC_CALL(clkrg_kfn_is_ftrace_trampoline, no_trampoline);
DEFINE_STATIC_CALL(clkrg_kfn_ftrace_find_rec_direct, no_ip);
DEFINE_STATIC_CALL(clkrg_kfn_is_bpf_text_address, no_trampoline);
DEFINE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_start, no_iter_start);
DEFINE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_next, no_iter_next);
DEFINE_STATIC_CALL(clkrg_kfn_ftrace_rec_iter_record, no_iter_record);
DEFINE_STATIC_CALL(clkrg_kfn_set_memory_ro, no_set_memory);
DEFINE_STATIC_CALL(clkrg_kfn_set_memory_rw, no_set_memory);

struct kfn {
	const char *symbol;
	struct static_call_key *key;
	void *tramp;
	bool required;	/* clkrg cannot guard without it */
};

#define KFN(sym, req)							\
	{ #sym, &STATIC_CALL_KEY(clkrg_kfn_##sym),			\
	  STATIC_CALL_TRAMP_ADDR(clkrg_kfn_##sym), req }

/* In order: the first one checks all, itself included. */
static const struct kfn core_kfns[] = {
	KFN(kallsyms_lookup_size_offset, true),
	KFN(kallsyms_lookup_name, true),
	KFN(ftrace_location, true),
	KFN(kernel_text_address, true),
	KFN(__kernel_text_address, true),
	KFN(__module_text_address, true),
	KFN(__module_address, true),
	KFN(is_ftrace_trampoline, true),
	/* only with DYNAMIC_FTRACE_WITH_DIRECT_CALLS; none: no direct calls */
	KFN(ftrace_find_rec_direct, false),
	/* only with BPF_JIT; none: no BPF code to find */
	KFN(is_bpf_text_address, false),
	KFN(ftrace_rec_iter_start, true),
	KFN(ftrace_rec_iter_next, true),
	KFN(ftrace_rec_iter_record, true),
	KFN(set_memory_ro, true),
	KFN(set_memory_rw, true),
};

static unsigned long stext, etext;

/* @addr is the first byte of a function in core kernel text. */
static bool core_function(unsigned long addr)
{
	unsigned long size, off;

	return addr >= stext && addr < etext &&
	       clkrg_kfn(kallsyms_lookup_size_offset)(addr, &size, &off) &&
	       off == 0;
}

static void point(const struct kfn *k, unsigned long addr)
{
	/* What static_call_update() expands to, for a key from a table. */
	__static_call_update(k->key, k->tramp, (void *)addr);
}

static int refuse(const char *why, const char *symbol, int err)
{
	pr_err("clkrg: FAULT: cannot guard this kernel: %s %s\n", why, symbol);
	return err;
}

int clkrg_kfn_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;
	unsigned int i;
	int ret;

	ret = register_kprobe(&kp);
	if (ret) {
		pr_err("clkrg: FAULT: cannot guard this kernel: no kprobe on kallsyms_lookup_name (%d)\n",
		       ret);
		return ret;
	}
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);
	if (!addr)
		return refuse("cannot locate", "kallsyms_lookup_name", -ENOENT);
	/* Until the loop points it at the symbol's first byte. */
	static_call_update(clkrg_kfn_kallsyms_lookup_name,
			   (typeof(&no_lookup_name))addr);
	stext = clkrg_kfn(kallsyms_lookup_name)("_stext");
	etext = clkrg_kfn(kallsyms_lookup_name)("_etext");
	if (!stext || etext <= stext)
		return refuse("cannot locate", "_stext/_etext", -ENOENT);
	for (i = 0; i < ARRAY_SIZE(core_kfns); i++) {
		const struct kfn *k = &core_kfns[i];

		addr = clkrg_kfn(kallsyms_lookup_name)(k->symbol);
		if (!addr) {
			if (!k->required)
				continue;
			return refuse("no kernel function", k->symbol, -ENOENT);
		}
		if (i == 0)
			point(k, addr);
		if (!core_function(addr))
			return refuse("not a function in kernel text:",
				      k->symbol, -EFAULT);
		point(k, addr);
	}
	return 0;
}
