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

#endif
