// SPDX-License-Identifier: GPL-2.0
#include "x86_insn.h"

static const __u8 nop2[] = { 0x66, 0x90 };
static const __u8 nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
static const __u8 xor5rax[] = { 0x2e, 0x2e, 0x2e, 0x31, 0xc0 };
static const __u8 ret5[] = { 0xc3, 0xcc, 0xcc, 0xcc, 0xcc };

static __s32 rel32(const __u8 *p)
{
	__u32 v = (__u32)p[0] | (__u32)p[1] << 8 | (__u32)p[2] << 16 |
		  (__u32)p[3] << 24;

	return (__s32)v;
}

static bool starts(const __u8 *p, size_t avail, const __u8 *s, size_t n)
{
	return avail >= n && !memcmp(p, s, n);
}

void lkrg_insn_decode(const __u8 *p, size_t avail, __u64 addr,
		      struct lkrg_insn *out)
{
	out->kind = LKRG_INSN_OTHER;
	out->len = 0;
	out->dest = 0;
	if (!avail)
		return;
	if (starts(p, avail, nop5, sizeof(nop5))) {
		out->kind = LKRG_INSN_NOP5;
		out->len = 5;
	} else if (starts(p, avail, xor5rax, sizeof(xor5rax))) {
		out->kind = LKRG_INSN_XOR5RAX;
		out->len = 5;
	} else if (starts(p, avail, ret5, sizeof(ret5))) {
		out->kind = LKRG_INSN_RET5;
		out->len = 5;
	} else if (starts(p, avail, nop2, sizeof(nop2))) {
		out->kind = LKRG_INSN_NOP2;
		out->len = 2;
	} else if (p[0] == 0xeb && avail >= 2) {
		out->kind = LKRG_INSN_JMP8;
		out->len = 2;
		out->dest = addr + 2 + (__s8)p[1];
	} else if ((p[0] == 0xe9 || p[0] == 0xe8) && avail >= 5) {
		out->kind = p[0] == 0xe9 ? LKRG_INSN_JMP32 : LKRG_INSN_CALL32;
		out->len = 5;
		out->dest = addr + 5 + (__s64)rel32(p + 1);
	} else if (p[0] == 0x0f && avail >= 6 && (p[1] & 0xf0) == 0x80) {
		out->kind = LKRG_INSN_JCC32;
		out->len = 6;
		out->dest = addr + 6 + (__s64)rel32(p + 2);
	} else if (p[0] == 0xcc) {
		out->kind = LKRG_INSN_INT3;
		out->len = 1;
	}
}

int lkrg_jump_label_site(const __u8 *p, size_t avail, __u64 addr,
			 __u64 target)
{
	struct lkrg_insn in;

	lkrg_insn_decode(p, avail, addr, &in);
	switch (in.kind) {
	case LKRG_INSN_NOP2:
	case LKRG_INSN_NOP5:
		return in.len;
	case LKRG_INSN_JMP8:
	case LKRG_INSN_JMP32:
		return in.dest == target ? (int)in.len : -EINVAL;
	default:
		return -EINVAL;
	}
}

int lkrg_jump_label_expect(const __u8 *p, size_t avail, __u64 addr,
			   __u64 target, bool jump)
{
	struct lkrg_insn in;

	lkrg_insn_decode(p, avail, addr, &in);
	switch (in.kind) {
	case LKRG_INSN_NOP2:
	case LKRG_INSN_NOP5:
		return jump ? -EINVAL : (int)in.len;
	case LKRG_INSN_JMP8:
	case LKRG_INSN_JMP32:
		return jump && in.dest == target ? (int)in.len : -EINVAL;
	default:
		return -EINVAL;
	}
}

static bool sc_func(const struct lkrg_sc_expect *e, __u64 dest)
{
	return e->func && (dest == e->func || (e->func_alt &&
					       dest == e->func_alt));
}

bool lkrg_static_call_expect(const __u8 *p, size_t avail, __u64 addr,
			     const struct lkrg_sc_expect *e)
{
	struct lkrg_insn in;

	lkrg_insn_decode(p, avail, addr, &in);
	if (!e->tail) {
		if (!e->func)
			return in.kind == LKRG_INSN_NOP5;
		if (e->func == e->ret0 && in.kind == LKRG_INSN_XOR5RAX)
			return true;
		return in.kind == LKRG_INSN_CALL32 && sc_func(e, in.dest);
	}
	switch (in.kind) {
	case LKRG_INSN_JMP32:
		if (e->func)
			return sc_func(e, in.dest);
		return e->ret_thunk && in.dest == e->ret_thunk;
	case LKRG_INSN_JCC32:
		if (e->func)
			return sc_func(e, in.dest);
		return (e->ret_thunk && in.dest == e->ret_thunk) ||
		       (e->sc_return && in.dest == e->sc_return);
	case LKRG_INSN_RET5:
		return !e->func;
	default:
		return false;
	}
}
