// SPDX-License-Identifier: GPL-2.0
#include <linux/ftrace.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/static_call_types.h>
#include "core/text_sites.h"
#include "core/x86_insn.h"
#include "compat/compat.h"
#include "services/ksyms.h"
#include "integrity/site_state.h"

static struct {
	unsigned long stext, etext;	/* core text: its symbols never change */
	unsigned long ftrace_caller, ftrace_regs_caller;
	/* what ftrace_caller's own call site calls */
	ftrace_func_t *trace_func, *saved_func;
	unsigned long list_func;
	unsigned long ret0, sc_return, ret_thunk_fn;
	void **ret_thunk;		/* x86_return_thunk, if a variable */
	bool *kprobes_all_disarmed;
} S __ro_after_init;

#define RESOLVE(field, name)	(S.field = (void *)clkrg_ksym(name))

int clkrg_site_state_init(void)
{
	S.stext = clkrg_ksym("_stext");
	S.etext = clkrg_ksym("_etext");
	S.ftrace_caller = clkrg_ksym("ftrace_caller");
	S.ftrace_regs_caller = clkrg_ksym("ftrace_regs_caller");
	RESOLVE(trace_func, "ftrace_trace_function");
	RESOLVE(saved_func, "saved_ftrace_func");
	S.list_func = clkrg_ksym("ftrace_ops_list_func");
	S.ret0 = clkrg_ksym("__static_call_return0");
	S.sc_return = clkrg_ksym("__static_call_return");
	S.ret_thunk_fn = clkrg_ksym("__x86_return_thunk");
	RESOLVE(ret_thunk, "x86_return_thunk");
	RESOLVE(kprobes_all_disarmed, "kprobes_all_disarmed");
	return S.stext && S.etext ? 0 : -ENOENT;
}

/* A call or jump may only land on the first byte of a kernel function. */
static bool function_entry(u64 dest)
{
	unsigned long size, off;

	return clkrg_kfn(kernel_text_address)(dest) &&
	       clkrg_kfn(kallsyms_lookup_size_offset)(dest, &size, &off) &&
	       off == 0;
}

static bool core_text(u64 a)
{
	return a >= S.stext && a < S.etext;
}

/*
 * An ftrace site from its record, as ftrace_get_addr_curr() reads it
 * (without its warnings): disabled, a NOP; enabled, a call to the direct
 * function, the ops' own trampoline, ftrace_regs_caller or ftrace_caller
 * as the flags say. Direct calls and trampolines can change while the
 * bytes stay (@vol).
 */
static void judge_ftrace(const struct dyn_ftrace *rec, u64 addr,
			 const struct lkrg_insn *in,
			 struct clkrg_site_verdict *v)
{
	unsigned long fl = READ_ONCE(rec->flags);

	if (!(fl & FTRACE_FL_ENABLED)) {
		v->ok = in->kind == LKRG_INSN_NOP5;
		return;
	}
	if (in->kind != LKRG_INSN_CALL32)
		return;
	if (fl & FTRACE_FL_DIRECT_EN) {
		v->vol = true;
		v->expect = clkrg_kfn(ftrace_find_rec_direct)(addr);
		v->ok = v->expect && in->dest == v->expect;
	} else if (fl & FTRACE_FL_TRAMP_EN) {
		v->vol = true;
		v->expect = in->dest;
		v->ok = clkrg_kfn(is_ftrace_trampoline)(in->dest);
	} else {
		v->expect = fl & FTRACE_FL_REGS_EN ? S.ftrace_regs_caller :
						     S.ftrace_caller;
		v->ok = in->dest == v->expect;
	}
}

/* Without the kernel's record of a site: only a form the kernel writes. */
static void judge_any_form(u8 kind, u8 len, u64 aux,
			   const struct lkrg_insn *in,
			   struct clkrg_site_verdict *v)
{
	if (in->kind == LKRG_INSN_NOP5 || in->kind == LKRG_INSN_XOR5RAX ||
	    in->kind == LKRG_INSN_RET5) {
		v->ok = kind != SRC_FTRACE_CALLER;
		return;
	}
	if ((in->kind != LKRG_INSN_CALL32 && in->kind != LKRG_INSN_JMP32 &&
	     in->kind != LKRG_INSN_JCC32) || in->len != len)
		return;
	v->vol = !core_text(in->dest);
	v->ok = function_entry(in->dest);
}

/* ftrace_call and ftrace_regs_call call the function ftrace traces with. */
static void judge_trace_call(const struct lkrg_insn *in,
			     struct clkrg_site_verdict *v)
{
	unsigned long d = in->dest;

	if (in->kind != LKRG_INSN_CALL32 || !S.trace_func)
		return;
	v->expect = (unsigned long)READ_ONCE(*S.trace_func);
	v->ok = d == v->expect || d == S.list_func ||
		(S.saved_func && d == (unsigned long)READ_ONCE(*S.saved_func));
}

static u64 return_thunk(void)
{
	return S.ret_thunk ? (u64)(unsigned long)READ_ONCE(*S.ret_thunk) :
			     S.ret_thunk_fn;
}

/* A static call site or trampoline from its key's function. */
static void judge_static_call(const struct static_call_key *key, bool tail,
			      u64 addr, u8 len, const struct lkrg_insn *in,
			      struct clkrg_site_verdict *v)
{
	struct lkrg_sc_expect e = {
		.func = (unsigned long)READ_ONCE(key->func),
		.ret0 = S.ret0,
		.ret_thunk = return_thunk(),
		.sc_return = S.sc_return,
		.tail = tail,
	};

	v->expect = e.func;
	if (!lkrg_static_call_expect((const u8 *)addr, len, addr, &e) ||
	    (in->len && in->len != len))
		return;
	/* A function the key holds must still be a function's start. */
	v->ok = !e.func || in->dest != e.func || function_entry(e.func);
	v->vol = in->dest && !core_text(in->dest);
}

static const struct static_call_key *site_key(const struct static_call_site *s,
					      bool *tail)
{
	long k = (long)&s->key + s->key;

	*tail = k & STATIC_CALL_SITE_TAIL;
	return (const struct static_call_key *)(k & ~STATIC_CALL_SITE_FLAGS);
}

void clkrg_site_judge(u8 kind, u64 addr, u8 len, u64 aux, const void *ref,
		      struct clkrg_site_verdict *v)
{
	const struct static_call_key *key;
	const u8 *p = (const u8 *)addr;
	const struct jump_entry *je = ref;
	struct lkrg_insn in;
	bool tail;

	memset(v, 0, sizeof(*v));
	lkrg_insn_decode(p, len, addr, &in);
	v->found = in.dest;
	switch (kind) {
	case LKRG_SITE_JUMP_LABEL:
		if (!ref) {
			v->ok = lkrg_jump_label_site(p, len, addr, aux) == len;
			break;
		}
		/* static_key_enabled() XOR the branch bit: jump or NOP. */
		tail = static_key_enabled(jump_entry_key(je)) ^
		       jump_entry_is_branch(je);
		v->expect = tail ? aux : 0;
		v->ok = lkrg_jump_label_expect(p, len, addr, aux, tail) == len;
		break;
	case LKRG_SITE_FTRACE:
		if (ref)
			judge_ftrace(ref, addr, &in, v);
		else
			v->ok = in.kind == LKRG_INSN_NOP5;
		break;
	case LKRG_SITE_STATIC_CALL:
		if (!ref) {
			judge_any_form(kind, len, aux, &in, v);
			break;
		}
		key = site_key(ref, &tail);
		judge_static_call(key, tail, addr, len, &in, v);
		break;
	case SRC_STATIC_TRAMP:
		if (ref)
			judge_static_call(ref, true, addr, len, &in, v);
		else
			judge_any_form(kind, len, aux, &in, v);
		break;
	case SRC_FTRACE_CALLER:
		if (aux)
			judge_trace_call(&in, v);
		else
			judge_any_form(kind, len, aux, &in, v);
		break;
	}
}

const void *clkrg_site_tramp_key(unsigned long tramp)
{
	static const char pfx[] = "__SCT__";
	char name[KSYM_NAME_LEN + 8];

	snprintf(name, sizeof(name), "%ps", (void *)tramp);
	if (strncmp(name, pfx, sizeof(pfx) - 1))
		return NULL;
	/* __SCT__foo is the trampoline of key __SCK__foo. */
	name[4] = 'K';
	return (const void *)clkrg_ksym(name);
}

bool clkrg_site_kprobe_armed(unsigned int flags)
{
	return !(flags & (KPROBE_FLAG_DISABLED | KPROBE_FLAG_GONE)) &&
	       !(S.kprobes_all_disarmed && READ_ONCE(*S.kprobes_all_disarmed));
}
