// SPDX-License-Identifier: LGPL-2.1-or-later
/* Small formatters shared by the JSON and text output. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>

#include "clkrg_internal.h"

void clkrg__clean_str(char *dst, const uint8_t *src, size_t cap)
{
	size_t i;

	/* Names and comm are attacker-controlled: no escapes to terminals. */
	for (i = 0; i < cap && src[i]; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? (char)src[i] : '?';
	dst[i] = 0;
}

CLKRG_API void clkrg_uuid_format(const uint8_t uuid[16], char *out)
{
	uuid_unparse_lower(uuid, out);
}

CLKRG_API int clkrg_time_format(uint64_t real_ns, char *buf, size_t len)
{
	time_t secs = (time_t)(real_ns / 1000000000u);
	unsigned int ms = (unsigned int)(real_ns % 1000000000u / 1000000u);
	char whole[24];
	struct tm tm;
	int n;

	if (!gmtime_r(&secs, &tm) ||
	    !strftime(whole, sizeof(whole), "%Y-%m-%dT%H:%M:%S", &tm))
		return -EOVERFLOW;
	n = snprintf(buf, len, "%s.%03uZ", whole, ms);
	return n >= 0 && (size_t)n < len ? n : -ENOSPC;
}

const void *clkrg__widen(const void *p, size_t size, size_t ver0,
			 void *local, size_t lsize)
{
	if (!p || !clkrg__size_ok(size, ver0))
		return NULL;
	memset(local, 0, lsize);
	memcpy(local, p, size < lsize ? size : lsize);
	return local;
}
