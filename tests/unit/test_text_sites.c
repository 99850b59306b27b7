// SPDX-License-Identifier: GPL-2.0
/*
 * driver/core/text_sites.c: finding the first site a block may touch, and
 * hashing input with every overlapping site's canonical bytes in place.
 * Blocks and sites live in heap buffers of exact size so ASan catches a
 * write or read outside them.
 */
#include <stdlib.h>

#include "tests.h"
#include "text_sites.h"

#define BASE	0xffffffff81000000ULL
#define SRC	0xaa	/* every byte of the block as read */

static struct lkrg_site site(__u64 addr, __u8 len, __u8 first)
{
	struct lkrg_site s = { .addr = addr, .len = len,
			       .kind = LKRG_SITE_JUMP_LABEL };
	__u8 i;

	/* canon = first, first + 1, ...: shows which part was copied. */
	for (i = 0; i < LKRG_SITE_MAX; i++)
		s.canon[i] = (__u8)(first + i);
	return s;
}

/* lkrg_sites_canon over a block of @len bytes at BASE + @off. */
struct canon_run {
	__u8 *dst;
	size_t hits;
};

static struct canon_run run(size_t off, size_t len,
			    const struct lkrg_site *sites, size_t n,
			    size_t from)
{
	struct lkrg_site *s = malloc(n ? n * sizeof(*s) : 1);
	__u8 *src = malloc(len ? len : 1);
	struct canon_run r;

	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(src);
	r.dst = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(r.dst);
	if (n)
		memcpy(s, sites, n * sizeof(*s));
	memset(src, SRC, len);
	memset(r.dst, 0x55, len);
	r.hits = lkrg_sites_canon(r.dst, src, BASE + off, len, s, n, from);
	free(src);
	free(s);
	return r;
}

/* dst[@from..@to) is SRC. */
static void expect_src(const __u8 *dst, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		ck_assert_msg(dst[i] == SRC, "byte %zu is 0x%02x", i, dst[i]);
}

/* dst[@from..@to) is canon bytes @first, @first + 1, ... */
static void expect_canon(const __u8 *dst, size_t from, size_t to,
			 __u8 first)
{
	size_t i;

	for (i = from; i < to; i++)
		ck_assert_msg(dst[i] == (__u8)(first + (i - from)),
			      "byte %zu is 0x%02x", i, dst[i]);
}

START_TEST(seek_empty)
{
	ck_assert_uint_eq(lkrg_sites_seek(NULL, 0, BASE), 0);
}
END_TEST

START_TEST(seek_sites)
{
	const struct lkrg_site s[] = {
		site(BASE + 100, 5, 0), site(BASE + 200, 2, 0),
		site(BASE + 300, 5, 0),
	};

	ck_assert_uint_eq(lkrg_sites_seek(s, 3, 0), 0);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE), 0);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 100), 0);
	/* A site that ends after @addr is still the first to look at. */
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 104), 0);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 105), 1);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 201), 1);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 202), 2);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 304), 2);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, BASE + 305), 3);
	ck_assert_uint_eq(lkrg_sites_seek(s, 3, ~0ULL), 3);
	/* Only @n sites are looked at. */
	ck_assert_uint_eq(lkrg_sites_seek(s, 1, BASE + 250), 1);
	ck_assert_uint_eq(lkrg_sites_seek(s, 2, BASE + 250), 2);
}
END_TEST

/* The binary search agrees with a scan for every n and address. */
START_TEST(seek_matches_scan)
{
	enum { N = 37 };
	struct lkrg_site s[N];
	size_t n, i, want;
	__u64 a;

	for (i = 0; i < N; i++)	/* sites of 1..5 bytes, gaps of 3 */
		s[i] = site(BASE + 8 * i, (__u8)(1 + i % 5), 0);
	for (n = 0; n <= N; n++) {
		for (a = BASE - 2; a < BASE + 8 * N + 2; a++) {
			for (want = 0; want < n; want++)
				if (s[want].addr + s[want].len > a)
					break;
			ck_assert_uint_eq(lkrg_sites_seek(s, n, a), want);
		}
	}
}
END_TEST

START_TEST(canon_none)
{
	const struct lkrg_site s[] = { site(BASE + 500, 5, 0x10) };
	struct canon_run r;

	r = run(0, 64, NULL, 0, 0);
	ck_assert_uint_eq(r.hits, 0);
	expect_src(r.dst, 0, 64);
	free(r.dst);
	/* A site after the block stops the scan, also one starting right
	 * where the block ends. */
	r = run(0, 64, s, 1, 0);
	ck_assert_uint_eq(r.hits, 0);
	expect_src(r.dst, 0, 64);
	free(r.dst);
	r = run(436, 64, s, 1, 0);
	ck_assert_uint_eq(r.hits, 0);
	expect_src(r.dst, 0, 64);
	free(r.dst);
	/* @from past every site. */
	r = run(500, 64, s, 1, 1);
	ck_assert_uint_eq(r.hits, 0);
	expect_src(r.dst, 0, 64);
	free(r.dst);
}
END_TEST

START_TEST(canon_inside)
{
	const struct lkrg_site s[] = { site(BASE + 10, 5, 0x10) };
	struct canon_run r = run(0, 64, s, 1, 0);

	ck_assert_uint_eq(r.hits, 1);
	expect_src(r.dst, 0, 10);
	expect_canon(r.dst, 10, 15, 0x10);
	expect_src(r.dst, 15, 64);
	free(r.dst);
	/* Flush with both ends of the block. */
	r = run(10, 5, s, 1, 0);
	ck_assert_uint_eq(r.hits, 1);
	expect_canon(r.dst, 0, 5, 0x10);
	free(r.dst);
}
END_TEST

START_TEST(canon_straddles_start)
{
	/* 3 bytes before the block, 2 in it: the site's last two bytes. */
	const struct lkrg_site s[] = { site(BASE + 61, 5, 0x20) };
	struct canon_run r = run(64, 64, s, 1, 0);

	ck_assert_uint_eq(r.hits, 1);
	expect_canon(r.dst, 0, 2, 0x23);
	expect_src(r.dst, 2, 64);
	free(r.dst);
}
END_TEST

START_TEST(canon_straddles_end)
{
	/* 2 bytes in the block, 3 after it: the site's first two bytes. */
	const struct lkrg_site s[] = { site(BASE + 62, 5, 0x30) };
	struct canon_run r = run(0, 64, s, 1, 0);

	ck_assert_uint_eq(r.hits, 1);
	expect_src(r.dst, 0, 62);
	expect_canon(r.dst, 62, 64, 0x30);
	free(r.dst);
}
END_TEST

START_TEST(canon_covers_block)
{
	/* A site wider than the block on both sides. */
	const struct lkrg_site s[] = { site(BASE + 98, 8, 0x40) };
	struct canon_run r = run(100, 3, s, 1, 0);

	ck_assert_uint_eq(r.hits, 1);
	expect_canon(r.dst, 0, 3, 0x42);
	free(r.dst);
}
END_TEST

START_TEST(canon_several)
{
	const struct lkrg_site s[] = {
		site(BASE + 0, 5, 0x60),	/* before the block */
		site(BASE + 59, 5, 0x00),	/* ends where the block starts */
		site(BASE + 62, 5, 0x10),	/* straddles its start */
		site(BASE + 80, 2, 0x20),	/* inside */
		site(BASE + 82, 6, 0x30),	/* inside, adjacent */
		site(BASE + 124, 6, 0x40),	/* straddles its end */
		site(BASE + 130, 5, 0x50),	/* after it */
	};
	size_t n = sizeof(s) / sizeof(s[0]);
	struct canon_run r;

	/* From 0 the sites before the block are skipped, not counted. */
	r = run(64, 64, s, n, 0);
	ck_assert_uint_eq(r.hits, 4);
	expect_canon(r.dst, 0, 3, 0x12);
	expect_src(r.dst, 3, 16);
	expect_canon(r.dst, 16, 18, 0x20);
	expect_canon(r.dst, 18, 24, 0x30);
	expect_src(r.dst, 24, 60);
	expect_canon(r.dst, 60, 64, 0x40);
	free(r.dst);
	/* The caller's start from lkrg_sites_seek() gives the same. */
	ck_assert_uint_eq(lkrg_sites_seek(s, n, BASE + 64), 2);
	r = run(64, 64, s, n, 2);
	ck_assert_uint_eq(r.hits, 4);
	expect_canon(r.dst, 0, 3, 0x12);
	expect_canon(r.dst, 60, 64, 0x40);
	free(r.dst);
	/* Starting later leaves the earlier sites' bytes as read. */
	r = run(64, 64, s, n, 3);
	ck_assert_uint_eq(r.hits, 3);
	expect_src(r.dst, 0, 16);
	expect_canon(r.dst, 16, 18, 0x20);
	free(r.dst);
	/* The next block sees the rest of the straddling site. */
	r = run(128, 64, s, n, lkrg_sites_seek(s, n, BASE + 128));
	ck_assert_uint_eq(r.hits, 2);
	expect_canon(r.dst, 0, 2, 0x44);
	expect_canon(r.dst, 2, 7, 0x50);
	expect_src(r.dst, 7, 64);
	free(r.dst);
}
END_TEST

/* src and dst stay apart: the source is never written. */
START_TEST(canon_keeps_source)
{
	const struct lkrg_site s[] = { site(BASE + 2, 2, 0x70) };
	__u8 src[8], dst[8];
	size_t i;

	memset(src, SRC, sizeof(src));
	ck_assert_uint_eq(lkrg_sites_canon(dst, src, BASE, sizeof(src), s, 1,
					   0), 1);
	for (i = 0; i < sizeof(src); i++)
		ck_assert_uint_eq(src[i], SRC);
	ck_assert_uint_eq(dst[2], 0x70);
	ck_assert_uint_eq(dst[3], 0x71);
}
END_TEST

Suite *text_sites_suite(void)
{
	Suite *s = suite_create("core/text_sites");
	TCase *ts = tcase_create("seek");
	TCase *tc = tcase_create("canon");

	tcase_add_test(ts, seek_empty);
	tcase_add_test(ts, seek_sites);
	tcase_add_test(ts, seek_matches_scan);
	tcase_add_test(tc, canon_none);
	tcase_add_test(tc, canon_inside);
	tcase_add_test(tc, canon_straddles_start);
	tcase_add_test(tc, canon_straddles_end);
	tcase_add_test(tc, canon_covers_block);
	tcase_add_test(tc, canon_several);
	tcase_add_test(tc, canon_keeps_source);
	suite_add_tcase(s, ts);
	suite_add_tcase(s, tc);
	return s;
}
