// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "clkrg_internal.h"
#include "linebuf.h"

void lb_put(struct linebuf *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->used, l->len - l->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= l->len - l->used)
		l->full = true;
	else
		l->used += (size_t)n;
}

void lb_kstr(struct linebuf *l, const char *sep, const uint8_t *s,
	     size_t cap)
{
	char clean[KSTR_MAX + 1];

	if (cap >= sizeof(clean))
		cap = sizeof(clean) - 1;
	clkrg__clean_str(clean, s, cap);
	if (clean[0])
		lb_put(l, "%s%s", sep, clean);
}

int lb_result(const struct linebuf *l)
{
	return l->full ? -ENOSPC : (int)l->used;
}
