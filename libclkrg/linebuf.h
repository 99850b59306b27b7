/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Appending printf into a fixed buffer, remembering overflow. */
#ifndef CLKRG_LINEBUF_H
#define CLKRG_LINEBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct linebuf {
	char *buf;
	size_t len;
	size_t used;
	bool full;
};

__attribute__((format(printf, 2, 3)))
void lb_put(struct linebuf *l, const char *fmt, ...);

/* A kernel string of at most @cap bytes, cleaned, after @sep; nothing when
 * it is empty. */
void lb_kstr(struct linebuf *l, const char *sep, const uint8_t *s,
	     size_t cap);

/* Length, or -ENOSPC when something did not fit. */
int lb_result(const struct linebuf *l);

#endif
