// SPDX-License-Identifier: GPL-2.0
/*
 * driver/core/sip13.h, the integrity check's page hash: SipHash-1-3 as the
 * kernel computes it (the low 32 bits are hsiphash's on 64-bit, checked
 * against the kernel's own test vectors, lib/test_siphash.c), the unrolled
 * loop equal to one word at a time for every length and split, and every
 * word of a page able to change the hash.
 */
#include <stdlib.h>

#include "tests.h"
#include "sip13.h"

static const __u64 K0 = 0x0706050403020100ULL, K1 = 0x0f0e0d0c0b0a0908ULL;

/* hsiphash(in, len, key) for in[i] = i and the key above, len = 8 * index */
static const __u32 hsiphash_vectors[] = {
	0x050fc4dcU, 0x8d299a8eU, 0x7d908b66U, 0x67349c8cU,
	0x16a7b60dU, 0x99e41531U, 0xdf074c46U, 0x243c6d75U,
};

static __u64 hash_words(const __u8 *p, size_t n)
{
	struct lkrg_sip13 s;

	lkrg_sip13_init(&s, K0, K1);
	lkrg_sip13_words(&s, p, n);
	return lkrg_sip13_final(&s, n * 8);
}

/* The definition, one word at a time through the one-word entry. */
static __u64 hash_reference(const __u8 *p, size_t n)
{
	struct lkrg_sip13 s;
	size_t i;
	__u64 m;

	lkrg_sip13_init(&s, K0, K1);
	for (i = 0; i < n; i++) {
		memcpy(&m, p + 8 * i, 8);
		lkrg_sip13_word(&s, m);
	}
	return lkrg_sip13_final(&s, n * 8);
}

static __u8 *random_bytes(size_t n, unsigned int seed)
{
	__u8 *p = malloc(n ? n : 1);
	size_t i;

	ck_assert_ptr_nonnull(p);
	srand(seed);
	for (i = 0; i < n; i++)
		p[i] = (__u8)rand();
	return p;
}

START_TEST(kernel_vectors)
{
	__u8 in[64];
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (__u8)i;
	for (i = 0; i < ARRAY_SIZE(hsiphash_vectors); i++)
		ck_assert_uint_eq((__u32)hash_words(in, i),
				  hsiphash_vectors[i]);
}
END_TEST

START_TEST(unrolled_equals_reference)
{
	size_t n, words = 4096 / 8 + 17;
	__u8 *p = random_bytes(words * 8, 11);

	/* Every tail length of the 8-word loop, a page and more. */
	for (n = 0; n <= words; n++)
		ck_assert_uint_eq(hash_words(p, n), hash_reference(p, n));
	free(p);
}
END_TEST

/* A page fed in runs (between patch sites) hashes as in one run. */
START_TEST(split_runs_equal_one_run)
{
	size_t words = 512, cut, cut2;
	__u8 *p = random_bytes(words * 8, 12);
	__u64 whole = hash_words(p, words);
	struct lkrg_sip13 s;

	for (cut = 0; cut <= words; cut += 7) {
		for (cut2 = cut; cut2 <= words; cut2 += 61) {
			lkrg_sip13_init(&s, K0, K1);
			lkrg_sip13_words(&s, p, cut);
			lkrg_sip13_words(&s, p + cut * 8, cut2 - cut);
			lkrg_sip13_words(&s, p + cut2 * 8, words - cut2);
			ck_assert_uint_eq(lkrg_sip13_final(&s, words * 8),
					  whole);
		}
	}
	free(p);
}
END_TEST

/* No word of a page is skipped: one flipped bit anywhere changes it. */
START_TEST(every_word_counts)
{
	size_t words = 512, i;
	__u8 *p = random_bytes(words * 8, 13);
	__u64 whole = hash_words(p, words);

	for (i = 0; i < words * 8; i += 3) {
		p[i] ^= 0x80;
		ck_assert_uint_ne(hash_words(p, words), whole);
		p[i] ^= 0x80;
	}
	ck_assert_uint_eq(hash_words(p, words), whole);
	free(p);
}
END_TEST

Suite *sip13_suite(void)
{
	Suite *s = suite_create("sip13");
	TCase *tc = tcase_create("page hash");

	tcase_add_test(tc, kernel_vectors);
	tcase_add_test(tc, unrolled_equals_reference);
	tcase_add_test(tc, split_runs_equal_one_run);
	tcase_add_test(tc, every_word_counts);
	suite_add_tcase(s, tc);
	return s;
}
