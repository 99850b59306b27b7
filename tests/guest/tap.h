/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal TAP producer for the guest test programs: results as they come,
 * the plan "1..N" at the end. tap_done() is the program's exit status.
 */
#ifndef CLKRG_GUEST_TAP_H
#define CLKRG_GUEST_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

__attribute__((format(printf, 2, 3)))
static inline int tap_ok(int pass, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return pass;
}

__attribute__((format(printf, 1, 2)))
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* ret/err of a call that must fail with errno want. */
static inline int tap_errno(int ret, int err, int want, const char *what)
{
	int pass = ret == -1 && err == want;

	tap_ok(pass, "%s -> %s", what, strerrorname_np(want));
	if (!pass)
		tap_diag("  got ret %d errno %s", ret,
			 ret == -1 ? strerrorname_np(err) : "-");
	return pass;
}

/* ret/err of a call that must succeed (ret >= 0). */
static inline int tap_success(int ret, int err, const char *what)
{
	int pass = ret >= 0;

	tap_ok(pass, "%s -> success", what);
	if (!pass)
		tap_diag("  got ret %d errno %s", ret, strerrorname_np(err));
	return pass;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	if (tap_failed)
		tap_diag("%d of %d failed", tap_failed, tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif
