/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the library's source files share; nothing here is exported. */
#ifndef CLKRG_INTERNAL_H
#define CLKRG_INTERNAL_H

#include "clkrg.h"

/* ABI enumeration values and enum-knob bits (knob.allowed) are below this. */
#define SMALL_VALUES	64

struct clkrg {
	int fd;
	struct lkrg_hello hello;
	struct clkrg_filter filter;	/* all zero: every record */
	/* Event reader: records are taken from buf[start..end). */
	unsigned char *buf;
	size_t cap;
	size_t start;
	size_t end;
};

/*
 * Wraps an fd whose handshake is done (or, in the unit tests, a pipe that
 * stands in for the event stream). Takes ownership of @fd on success.
 */
int clkrg__adopt_fd(int fd, const struct lkrg_hello *hello,
		    struct clkrg **out);

/* The largest structure (or row) a caller may hand over: the module's own
 * limit for an argument struct. */
#define CLKRG_SIZE_MAX	4096

/* Whether a caller's @size of a structure whose first version was @ver0
 * bytes can be used. */
static inline bool clkrg__size_ok(size_t size, size_t ver0)
{
	return size >= ver0 && size <= CLKRG_SIZE_MAX;
}

/*
 * The caller's structure @p of @size bytes as one of the library's
 * (@lsize bytes at @local): copied as far as both go, the rest zeroed.
 * NULL when @p is NULL or @size is not usable (clkrg__size_ok()).
 */
const void *clkrg__widen(const void *p, size_t size, size_t ver0,
			 void *local, size_t lsize);
#define CLKRG_WIDEN(p, size, type, ver0, local) \
	((const struct type *)clkrg__widen((p), (size), (ver0), (local), \
					   sizeof(*(local))))

/* An array command (POLICY_GET, STATS, UMH_LIST, HOOKS): its request, its
 * argument struct (left holding the module's last answer), the caller's
 * row stride and the first version's row size. */
struct clkrg__rows_cmd {
	unsigned long req;
	void *arg;
	size_t arg_size;
	size_t row_size;
	size_t row_ver0;
};
/* Allocates and fills every row of @cmd (see rows.c); -EINVAL for a
 * stride that clkrg__size_ok() refuses. */
int clkrg__list_rows(struct clkrg *c, const struct clkrg__rows_cmd *cmd,
		     void **rows, size_t *count);

/* The longest kernel string field of the ABI (an allow-list path). */
#define KSTR_MAX	LKRG_UMH_PATH_LEN
_Static_assert(KSTR_MAX >= LKRG_EV_LOCATION_LEN, "KSTR_MAX");

/* Copies a kernel string of at most @cap bytes into @dst (@cap + 1 bytes),
 * replacing bytes outside printable ASCII with '?'. */
void clkrg__clean_str(char *dst, const uint8_t *src, size_t cap);

#endif
