/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SipHash-1-3 (the rounds of the kernel's hsiphash on 64-bit, with the
 * whole 64-bit result) over a stream of little-endian words: the page hash
 * of the integrity check. Header-only and always inlined: the loop runs
 * with the state in registers, under its caller's attributes (the module's
 * caller is not instrumented by KASAN); compiled on the host too,
 * where the unit tests hold it to the kernel's hsiphash test vectors and
 * to a word-at-a-time loop.
 */
#ifndef CLKRG_SIP13_H
#define CLKRG_SIP13_H

#include "core_compat.h"

/* In the module always inlined (see above); the host tests need not. */
#ifdef __KERNEL__
#define LKRG_SIP_INLINE	__always_inline
#else
#define LKRG_SIP_INLINE	inline
#endif

struct lkrg_sip13 {
	__u64 v0, v1, v2, v3;
};

static LKRG_SIP_INLINE __u64 lkrg_sip_rol(__u64 w, unsigned int s)
{
	return (w << s) | (w >> (64 - s));
}

#define LKRG_SIPROUND(v0, v1, v2, v3) do {				\
		v0 += v1; v1 = lkrg_sip_rol(v1, 13); v1 ^= v0;		\
		v0 = lkrg_sip_rol(v0, 32);				\
		v2 += v3; v3 = lkrg_sip_rol(v3, 16); v3 ^= v2;		\
		v0 += v3; v3 = lkrg_sip_rol(v3, 21); v3 ^= v0;		\
		v2 += v1; v1 = lkrg_sip_rol(v1, 17); v1 ^= v2;		\
		v2 = lkrg_sip_rol(v2, 32);				\
	} while (0)

static inline void lkrg_sip13_init(struct lkrg_sip13 *s, __u64 k0, __u64 k1)
{
	s->v0 = 0x736f6d6570736575ULL ^ k0;
	s->v1 = 0x646f72616e646f6dULL ^ k1;
	s->v2 = 0x6c7967656e657261ULL ^ k0;
	s->v3 = 0x7465646279746573ULL ^ k1;
}

/* The word at @p, little-endian (x86 and the host tests both are). */
static LKRG_SIP_INLINE __u64 lkrg_sip_load(const __u8 *p)
{
	__u64 m;

	memcpy(&m, p, sizeof(m));
	return m;
}

#define LKRG_SIP13_WORD(v0, v1, v2, v3, word) do {			\
		__u64 m_ = (word);					\
									\
		v3 ^= m_;						\
		LKRG_SIPROUND(v0, v1, v2, v3);				\
		v0 ^= m_;						\
	} while (0)

/*
 * The @n words at @p. Eight words (a cache line) a loop: under TCG a loop
 * branch ends a translated block and every block loads and stores back
 * the registers it uses, which cost a check 17 % with two words a loop.
 */
static LKRG_SIP_INLINE void lkrg_sip13_words(struct lkrg_sip13 *s,
					     const __u8 *p, size_t n)
{
	__u64 v0 = s->v0, v1 = s->v1, v2 = s->v2, v3 = s->v3;
	const __u8 *end = p + n * 8;

#define LKRG_SIP13_AT(off)						\
	LKRG_SIP13_WORD(v0, v1, v2, v3, lkrg_sip_load(p + (off)))
	for (; end - p >= 64; p += 64) {
		LKRG_SIP13_AT(0);
		LKRG_SIP13_AT(8);
		LKRG_SIP13_AT(16);
		LKRG_SIP13_AT(24);
		LKRG_SIP13_AT(32);
		LKRG_SIP13_AT(40);
		LKRG_SIP13_AT(48);
		LKRG_SIP13_AT(56);
	}
	for (; p < end; p += 8)
		LKRG_SIP13_AT(0);
#undef LKRG_SIP13_AT
	s->v0 = v0;
	s->v1 = v1;
	s->v2 = v2;
	s->v3 = v3;
}

/* One word that is not in memory (a masked patch site). */
static LKRG_SIP_INLINE void lkrg_sip13_word(struct lkrg_sip13 *s, __u64 m)
{
	LKRG_SIP13_WORD(s->v0, s->v1, s->v2, s->v3, m);
}

/*
 * The hash of the @len bytes fed (a partial last word fed zero-padded: for
 * such lengths not the standard SipHash, which is never compared with).
 */
static LKRG_SIP_INLINE __u64 lkrg_sip13_final(struct lkrg_sip13 *s, __u64 len)
{
	__u64 v0, v1, v2, v3;

	lkrg_sip13_word(s, len << 56);
	v0 = s->v0;
	v1 = s->v1;
	v2 = s->v2 ^ 0xff;
	v3 = s->v3;
	LKRG_SIPROUND(v0, v1, v2, v3);
	LKRG_SIPROUND(v0, v1, v2, v3);
	LKRG_SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

#endif
