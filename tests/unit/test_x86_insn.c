// SPDX-License-Identifier: GPL-2.0
/*
 * driver/core/x86_insn.c: every form the kernel writes into its own text,
 * destinations forward and backward, truncated input, and the jump-label
 * rule. Bytes are copied into a heap buffer of exactly @n bytes, so ASan
 * reports any read past what the decoder was told it may read.
 */
#include <stdlib.h>

#include "tests.h"
#include "x86_insn.h"

/* Where the kernel's text lives: destinations wrap nowhere near 0. */
#define KADDR	0xffffffff81001000ULL

static struct lkrg_insn decode_at(const __u8 *bytes, size_t n, __u64 addr)
{
	struct lkrg_insn in = { .kind = LKRG_INSN_INT3, .len = 99,
				.dest = 1 };
	__u8 *p = malloc(n ? n : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, bytes, n);
	lkrg_insn_decode(p, n, addr, &in);
	free(p);
	return in;
}

static int site_at(const __u8 *bytes, size_t n, __u64 addr, __u64 target)
{
	__u8 *p = malloc(n ? n : 1);
	int ret;

	ck_assert_ptr_nonnull(p);
	memcpy(p, bytes, n);
	ret = lkrg_jump_label_site(p, n, addr, target);
	free(p);
	return ret;
}

#define B(...)		((const __u8[]){ __VA_ARGS__ })
#define NB(...)		sizeof((const __u8[]){ __VA_ARGS__ })
/* Decodes the listed bytes at KADDR (all of them readable). */
#define DECODE(...)	decode_at(B(__VA_ARGS__), NB(__VA_ARGS__), KADDR)

static void expect(struct lkrg_insn in, enum lkrg_insn_kind kind,
		   unsigned int len, __u64 dest)
{
	ck_assert_int_eq(in.kind, kind);
	ck_assert_uint_eq(in.len, len);
	ck_assert_uint_eq(in.dest, dest);
}

static void expect_other(struct lkrg_insn in)
{
	expect(in, LKRG_INSN_OTHER, 0, 0);
}

START_TEST(nothing_readable)
{
	/* Every output is reset, even when there is nothing to read. */
	expect_other(decode_at(B(0xcc), 0, KADDR));
}
END_TEST

START_TEST(nops)
{
	expect(DECODE(0x66, 0x90), LKRG_INSN_NOP2, 2, 0);
	expect(DECODE(0x0f, 0x1f, 0x44, 0x00, 0x00), LKRG_INSN_NOP5, 5, 0);
	/* Bytes after the instruction do not matter. */
	expect(DECODE(0x66, 0x90, 0xcc, 0xcc), LKRG_INSN_NOP2, 2, 0);
	expect(DECODE(0x0f, 0x1f, 0x44, 0x00, 0x00, 0x0f, 0x84),
	       LKRG_INSN_NOP5, 5, 0);
	/* Other NOPs are not forms the kernel patches in. */
	expect_other(DECODE(0x90));
	expect_other(DECODE(0x66, 0x91));
	expect_other(DECODE(0x0f, 0x1f, 0x40, 0x00));
	expect_other(DECODE(0x0f, 0x1f, 0x44, 0x00, 0x01, 0x00));
}
END_TEST

START_TEST(static_call_forms)
{
	expect(DECODE(0x2e, 0x2e, 0x2e, 0x31, 0xc0), LKRG_INSN_XOR5RAX, 5, 0);
	expect(DECODE(0xc3, 0xcc, 0xcc, 0xcc, 0xcc), LKRG_INSN_RET5, 5, 0);
	expect(DECODE(0xc3, 0xcc, 0xcc, 0xcc, 0xcc, 0x90), LKRG_INSN_RET5, 5,
	       0);
	/* Near misses. */
	expect_other(DECODE(0x2e, 0x2e, 0x2e, 0x31, 0xc9));
	expect_other(DECODE(0x2e, 0x2e, 0x31, 0xc0, 0x90));
	expect_other(DECODE(0xc3, 0xcc, 0xcc, 0xcc, 0x90));
	expect_other(DECODE(0xc3));
}
END_TEST

START_TEST(int3)
{
	expect(DECODE(0xcc), LKRG_INSN_INT3, 1, 0);
	/* A kprobe's int3 over the first byte of a jump. */
	expect(DECODE(0xcc, 0x10, 0x00, 0x00, 0x00), LKRG_INSN_INT3, 1, 0);
	expect(DECODE(0xcc, 0xcc, 0xcc, 0xcc, 0xcc), LKRG_INSN_INT3, 1, 0);
}
END_TEST

START_TEST(jmp8)
{
	expect(DECODE(0xeb, 0x10), LKRG_INSN_JMP8, 2, KADDR + 2 + 0x10);
	expect(DECODE(0xeb, 0x00), LKRG_INSN_JMP8, 2, KADDR + 2);
	expect(DECODE(0xeb, 0x7f), LKRG_INSN_JMP8, 2, KADDR + 2 + 127);
	/* Negative displacements: rel8 is signed. */
	expect(DECODE(0xeb, 0xfe), LKRG_INSN_JMP8, 2, KADDR);
	expect(DECODE(0xeb, 0x80), LKRG_INSN_JMP8, 2, KADDR + 2 - 128);
	expect(DECODE(0xeb, 0xff), LKRG_INSN_JMP8, 2, KADDR + 1);
}
END_TEST

START_TEST(jmp_call32)
{
	expect(DECODE(0xe9, 0x00, 0x01, 0x00, 0x00), LKRG_INSN_JMP32, 5,
	       KADDR + 5 + 0x100);
	expect(DECODE(0xe9, 0x78, 0x56, 0x34, 0x12), LKRG_INSN_JMP32, 5,
	       KADDR + 5 + 0x12345678);
	expect(DECODE(0xe9, 0xff, 0xff, 0xff, 0x7f), LKRG_INSN_JMP32, 5,
	       KADDR + 5 + 0x7fffffff);
	/* rel32 is signed and little-endian. */
	expect(DECODE(0xe9, 0xfb, 0xff, 0xff, 0xff), LKRG_INSN_JMP32, 5,
	       KADDR);
	expect(DECODE(0xe9, 0x00, 0xf0, 0xff, 0xff), LKRG_INSN_JMP32, 5,
	       KADDR + 5 - 0x1000);
	expect(DECODE(0xe9, 0x00, 0x00, 0x00, 0x80), LKRG_INSN_JMP32, 5,
	       KADDR + 5 - 0x80000000ULL);
	expect(DECODE(0xe8, 0x10, 0x00, 0x00, 0x00), LKRG_INSN_CALL32, 5,
	       KADDR + 5 + 0x10);
	expect(DECODE(0xe8, 0xf0, 0xff, 0xff, 0xff), LKRG_INSN_CALL32, 5,
	       KADDR + 5 - 0x10);
	/* Each rel32 byte lands in its place. */
	expect(DECODE(0xe8, 0x01, 0x02, 0x03, 0x04), LKRG_INSN_CALL32, 5,
	       KADDR + 5 + 0x04030201);
}
END_TEST

START_TEST(jcc32)
{
	unsigned int cc;

	for (cc = 0x80; cc <= 0x8f; cc++) {
		expect(decode_at(B(0x0f, (__u8)cc, 0x20, 0x00, 0x00, 0x00), 6,
				 KADDR),
		       LKRG_INSN_JCC32, 6, KADDR + 6 + 0x20);
	}
	expect(DECODE(0x0f, 0x85, 0xfa, 0xff, 0xff, 0xff), LKRG_INSN_JCC32, 6,
	       KADDR);
	expect(DECODE(0x0f, 0x8e, 0x00, 0x00, 0xff, 0xff), LKRG_INSN_JCC32, 6,
	       KADDR + 6 - 0x10000);
	/* 0f 7x and 0f 9x are other instructions. */
	expect_other(DECODE(0x0f, 0x7f, 0x20, 0x00, 0x00, 0x00));
	expect_other(DECODE(0x0f, 0x94, 0xc0, 0x00, 0x00, 0x00));
	expect_other(DECODE(0x0f, 0x0b, 0x90, 0x90, 0x90, 0x90));
}
END_TEST

START_TEST(truncated)
{
	/* Each form one byte short is not that form, and is not read past. */
	expect_other(DECODE(0x66));
	expect_other(DECODE(0x0f, 0x1f, 0x44, 0x00));
	expect_other(DECODE(0x2e, 0x2e, 0x2e, 0x31));
	expect_other(DECODE(0xc3, 0xcc, 0xcc, 0xcc));
	expect_other(DECODE(0xeb));
	expect_other(DECODE(0xe9, 0x00, 0x01, 0x00));
	expect_other(DECODE(0xe8, 0x00, 0x01, 0x00));
	expect_other(DECODE(0xe9));
	expect_other(DECODE(0x0f, 0x84, 0x00, 0x01, 0x00));
	expect_other(DECODE(0x0f, 0x84));
	expect_other(DECODE(0x0f));
	/* What is readable counts, not what the buffer holds. */
	expect_other(decode_at(B(0xe9, 0x00, 0x01, 0x00, 0x00), 4, KADDR));
	expect(decode_at(B(0xe9, 0x00, 0x01, 0x00, 0x00), 5, KADDR),
	       LKRG_INSN_JMP32, 5, KADDR + 5 + 0x100);
	/* A 5-byte form cut short may still start a shorter one. */
	expect(decode_at(B(0xcc, 0xcc, 0xcc), 3, KADDR), LKRG_INSN_INT3, 1,
	       0);
}
END_TEST

START_TEST(jump_label_nops)
{
	/* A disabled site: NOP of either size, whatever the target. */
	ck_assert_int_eq(site_at(B(0x66, 0x90), 2, KADDR, KADDR + 0x40), 2);
	ck_assert_int_eq(site_at(B(0x0f, 0x1f, 0x44, 0x00, 0x00), 5, KADDR,
				 KADDR + 0x40), 5);
	ck_assert_int_eq(site_at(B(0x66, 0x90), 2, KADDR, 0), 2);
}
END_TEST

START_TEST(jump_label_jumps)
{
	/* An enabled site: a jump to the entry's target, nowhere else. */
	ck_assert_int_eq(site_at(B(0xeb, 0x3e), 2, KADDR, KADDR + 0x40), 2);
	ck_assert_int_eq(site_at(B(0xeb, 0x3f), 2, KADDR, KADDR + 0x40),
			 -EINVAL);
	ck_assert_int_eq(site_at(B(0xeb, 0xc0), 2, KADDR, KADDR - 0x3e), 2);
	ck_assert_int_eq(site_at(B(0xe9, 0x3b, 0x00, 0x00, 0x00), 5, KADDR,
				 KADDR + 0x40), 5);
	ck_assert_int_eq(site_at(B(0xe9, 0x3c, 0x00, 0x00, 0x00), 5, KADDR,
				 KADDR + 0x40), -EINVAL);
	ck_assert_int_eq(site_at(B(0xe9, 0xfb, 0xef, 0xff, 0xff), 5, KADDR,
				 KADDR - 0x1000), 5);
	ck_assert_int_eq(site_at(B(0xe9, 0xfb, 0xef, 0xff, 0xff), 5, KADDR,
				 KADDR + 0x1000), -EINVAL);
}
END_TEST

START_TEST(jump_label_rejects)
{
	/* A call, a conditional jump, int3 or anything else is tampering,
	 * even when it goes to the target. */
	ck_assert_int_eq(site_at(B(0xe8, 0x3b, 0x00, 0x00, 0x00), 5, KADDR,
				 KADDR + 0x40), -EINVAL);
	ck_assert_int_eq(site_at(B(0x0f, 0x84, 0x3a, 0x00, 0x00, 0x00), 6,
				 KADDR, KADDR + 0x40), -EINVAL);
	ck_assert_int_eq(site_at(B(0xcc, 0x3b, 0x00, 0x00, 0x00), 5, KADDR,
				 KADDR + 0x40), -EINVAL);
	ck_assert_int_eq(site_at(B(0x2e, 0x2e, 0x2e, 0x31, 0xc0), 5, KADDR,
				 0), -EINVAL);
	ck_assert_int_eq(site_at(B(0xc3, 0xcc, 0xcc, 0xcc, 0xcc), 5, KADDR,
				 0), -EINVAL);
	ck_assert_int_eq(site_at(B(0x90, 0x90), 2, KADDR, 0), -EINVAL);
	/* A jump cut short is no jump. */
	ck_assert_int_eq(site_at(B(0xe9, 0x3b, 0x00, 0x00, 0x00), 4, KADDR,
				 KADDR + 0x40), -EINVAL);
	ck_assert_int_eq(site_at(B(0xeb), 1, KADDR, KADDR + 2), -EINVAL);
	ck_assert_int_eq(site_at(B(0x66), 0, KADDR, 0), -EINVAL);
}
END_TEST

static int expect_at(const __u8 *bytes, size_t n, __u64 target, bool jump)
{
	__u8 *p = malloc(n ? n : 1);
	int ret;

	ck_assert_ptr_nonnull(p);
	memcpy(p, bytes, n);
	ret = lkrg_jump_label_expect(p, n, KADDR, target, jump);
	free(p);
	return ret;
}

START_TEST(jump_label_state)
{
	/* Key off (after the branch bit): only a NOP of the site's size. */
	ck_assert_int_eq(expect_at(B(0x66, 0x90), 2, KADDR + 0x40, false), 2);
	ck_assert_int_eq(expect_at(B(0x0f, 0x1f, 0x44, 0x00, 0x00), 5,
				   KADDR + 0x40, false), 5);
	ck_assert_int_eq(expect_at(B(0xeb, 0x3e), 2, KADDR + 0x40, false),
			 -EINVAL);
	ck_assert_int_eq(expect_at(B(0xe9, 0x3b, 0x00, 0x00, 0x00), 5,
				   KADDR + 0x40, false), -EINVAL);
	/* Key on: only the jump to the entry's own target. */
	ck_assert_int_eq(expect_at(B(0xeb, 0x3e), 2, KADDR + 0x40, true), 2);
	ck_assert_int_eq(expect_at(B(0xe9, 0x3b, 0x00, 0x00, 0x00), 5,
				   KADDR + 0x40, true), 5);
	ck_assert_int_eq(expect_at(B(0xeb, 0x3f), 2, KADDR + 0x40, true),
			 -EINVAL);
	ck_assert_int_eq(expect_at(B(0x66, 0x90), 2, KADDR + 0x40, true),
			 -EINVAL);
	ck_assert_int_eq(expect_at(B(0x0f, 0x1f, 0x44, 0x00, 0x00), 5,
				   KADDR + 0x40, true), -EINVAL);
	ck_assert_int_eq(expect_at(B(0xcc, 0x90), 2, KADDR + 0x40, true),
			 -EINVAL);
}
END_TEST

#define FUNC	(KADDR + 0x1000)
#define RET0	(KADDR + 0x2000)
#define THUNK	(KADDR + 0x3000)
#define SCRET	(KADDR + 0x4000)

static bool sc_at(const __u8 *bytes, size_t n, __u64 func, bool tail)
{
	struct lkrg_sc_expect e = {
		.func = func, .ret0 = RET0, .ret_thunk = THUNK,
		.sc_return = SCRET, .tail = tail,
	};
	__u8 *p = malloc(n);
	bool ok;

	ck_assert_ptr_nonnull(p);
	memcpy(p, bytes, n);
	ok = lkrg_static_call_expect(p, n, KADDR, &e);
	free(p);
	return ok;
}

/* call/jmp rel32 from KADDR to FUNC (0x1000 - 5 = 0xffb). */
#define CALL_FUNC	B(0xe8, 0xfb, 0x0f, 0x00, 0x00), 5
#define JMP_FUNC	B(0xe9, 0xfb, 0x0f, 0x00, 0x00), 5
#define JCC_FUNC	B(0x0f, 0x85, 0xfa, 0x0f, 0x00, 0x00), 6
#define CALL_RET0	B(0xe8, 0xfb, 0x1f, 0x00, 0x00), 5
#define JMP_THUNK	B(0xe9, 0xfb, 0x2f, 0x00, 0x00), 5
#define JCC_SCRET	B(0x0f, 0x85, 0xfa, 0x3f, 0x00, 0x00), 6
#define NOP5		B(0x0f, 0x1f, 0x44, 0x00, 0x00), 5
#define XOR5		B(0x2e, 0x2e, 0x2e, 0x31, 0xc0), 5
#define RET5		B(0xc3, 0xcc, 0xcc, 0xcc, 0xcc), 5

START_TEST(static_call_sites)
{
	/* A call site follows its key: a call to the function, ... */
	ck_assert(sc_at(CALL_FUNC, FUNC, false));
	ck_assert(!sc_at(CALL_FUNC, FUNC + 16, false));
	ck_assert(!sc_at(JMP_FUNC, FUNC, false));
	ck_assert(!sc_at(NOP5, FUNC, false));
	/* ... XOR5RAX (or the call) for the return-0 function, ... */
	ck_assert(sc_at(XOR5, RET0, false));
	ck_assert(sc_at(CALL_RET0, RET0, false));
	ck_assert(!sc_at(XOR5, FUNC, false));
	/* ... a NOP for no function. */
	ck_assert(sc_at(NOP5, 0, false));
	ck_assert(!sc_at(CALL_FUNC, 0, false));
	ck_assert(!sc_at(RET5, 0, false));
}
END_TEST

START_TEST(static_call_tails)
{
	/* A tail call or trampoline: a jump to the function, ... */
	ck_assert(sc_at(JMP_FUNC, FUNC, true));
	ck_assert(sc_at(JCC_FUNC, FUNC, true));
	ck_assert(!sc_at(CALL_FUNC, FUNC, true));
	ck_assert(!sc_at(RET5, FUNC, true));
	ck_assert(!sc_at(JMP_THUNK, FUNC, true));
	/* ... a return for no function, in the forms the kernel writes. */
	ck_assert(sc_at(RET5, 0, true));
	ck_assert(sc_at(JMP_THUNK, 0, true));
	ck_assert(sc_at(JCC_SCRET, 0, true));
	ck_assert(!sc_at(JMP_FUNC, 0, true));
	ck_assert(!sc_at(NOP5, 0, true));
}
END_TEST

START_TEST(static_call_alt)
{
	struct lkrg_sc_expect e = { .func = FUNC + 16, .func_alt = FUNC };
	const __u8 call[] = { 0xe8, 0xfb, 0x0f, 0x00, 0x00 };

	/* An equivalent entry (a thunk, past an ENDBR) counts as the key's. */
	ck_assert(lkrg_static_call_expect(call, sizeof(call), KADDR, &e));
	e.func_alt = 0;
	ck_assert(!lkrg_static_call_expect(call, sizeof(call), KADDR, &e));
	/* No return thunk known: a jump anywhere is no return. */
	e.func = 0;
	e.tail = true;
	ck_assert(!lkrg_static_call_expect(call, sizeof(call), KADDR, &e));
}
END_TEST

Suite *x86_insn_suite(void)
{
	Suite *s = suite_create("core/x86_insn");
	TCase *td = tcase_create("decode");
	TCase *tj = tcase_create("jump_label");

	tcase_add_test(td, nothing_readable);
	tcase_add_test(td, nops);
	tcase_add_test(td, static_call_forms);
	tcase_add_test(td, int3);
	tcase_add_test(td, jmp8);
	tcase_add_test(td, jmp_call32);
	tcase_add_test(td, jcc32);
	tcase_add_test(td, truncated);
	tcase_add_test(tj, jump_label_nops);
	tcase_add_test(tj, jump_label_jumps);
	tcase_add_test(tj, jump_label_rejects);
	tcase_add_test(tj, jump_label_state);
	tcase_add_test(tj, static_call_sites);
	tcase_add_test(tj, static_call_tails);
	tcase_add_test(tj, static_call_alt);
	suite_add_tcase(s, td);
	suite_add_tcase(s, tj);
	return s;
}
