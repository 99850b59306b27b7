/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few x86-64 instruction forms the kernel writes when it patches its
 * own text (jump labels, static calls, ftrace, kprobes), decoded so that a
 * changed patch site can be judged: legitimate form, or tampering.
 */
#ifndef CLKRG_X86_INSN_H
#define CLKRG_X86_INSN_H

#include "core_compat.h"

enum lkrg_insn_kind {
	LKRG_INSN_OTHER = 0,
	LKRG_INSN_NOP2,		/* 66 90 */
	LKRG_INSN_NOP5,		/* 0f 1f 44 00 00 */
	LKRG_INSN_JMP8,		/* eb rel8 */
	LKRG_INSN_JMP32,	/* e9 rel32 */
	LKRG_INSN_CALL32,	/* e8 rel32 */
	LKRG_INSN_JCC32,	/* 0f 8x rel32 */
	LKRG_INSN_INT3,		/* cc */
	LKRG_INSN_XOR5RAX,	/* 2e 2e 2e 31 c0: static call return0 */
	LKRG_INSN_RET5,		/* c3 cc cc cc cc: static call ret */
};

struct lkrg_insn {
	enum lkrg_insn_kind kind;
	unsigned int len;
	__u64 dest;		/* jumps and calls: absolute destination */
};

/* Decodes the instruction at @addr from @p (@avail bytes readable). */
void lkrg_insn_decode(const __u8 *p, size_t avail, __u64 addr,
		      struct lkrg_insn *out);

/*
 * A jump-label site: NOP2/NOP5 or JMP8/JMP32 to @target. Returns the site
 * length (2 or 5) or -EINVAL when the bytes are neither.
 */
int lkrg_jump_label_site(const __u8 *p, size_t avail, __u64 addr,
			 __u64 target);

/*
 * The one form a jump-label site may hold in its key's current state:
 * @jump (static_key_enabled() XOR the entry's branch bit) a JMP8/JMP32 to
 * @target, otherwise a NOP2/NOP5. Returns the site length or -EINVAL.
 */
int lkrg_jump_label_expect(const __u8 *p, size_t avail, __u64 addr,
			   __u64 target, bool jump);

/* What a static call site or trampoline must hold for its key. */
struct lkrg_sc_expect {
	__u64 func;		/* the key's function, 0 for none */
	__u64 func_alt;		/* an address equivalent to func, or 0 */
	__u64 ret0;		/* __static_call_return0 */
	__u64 ret_thunk;	/* the return thunk a RET may become, or 0 */
	__u64 sc_return;	/* target of a conditional tail call to none */
	bool tail;		/* a tail call or a trampoline */
};

/*
 * Whether the @avail bytes at @p (address @addr) are what the kernel
 * writes for @e: a call (or, for the return-0 function, XOR5RAX; for no
 * function, NOP5), or a tail call: a JMP32/JCC32 to the function, or a
 * return (RET5, a JMP32 to the return thunk, a JCC32 to a return).
 */
bool lkrg_static_call_expect(const __u8 *p, size_t avail, __u64 addr,
			     const struct lkrg_sc_expect *e);

#endif
