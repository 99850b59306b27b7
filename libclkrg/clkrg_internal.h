/* SPDX-License-Identifier: GPL-2.0 */
/* What the library's source files share; nothing here is exported. */
#ifndef CLKRG_INTERNAL_H
#define CLKRG_INTERNAL_H

#include "clkrg.h"

/* ABI enumeration values and enum-knob bits (knob.allowed) are below this. */
#define SMALL_VALUES	64

struct clkrg {
	int fd;
	struct lkrg_hello hello;
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

/* One array ioctl for @n rows at @arr (NULL when @n is 0); *count gets the
 * module's row count, also on -ENOSPC. */
typedef int (*clkrg__rows_query)(struct clkrg *c, void *arr, uint32_t n,
				 uint32_t *count);
/* Allocates and fills every row through @query (see rows.c). */
int clkrg__list_rows(struct clkrg *c, clkrg__rows_query query,
		     size_t row_size, void **rows, size_t *count);

/* Copies a kernel string of at most @cap bytes into @dst (@cap + 1 bytes),
 * replacing bytes outside printable ASCII with '?'. */
void clkrg__clean_str(char *dst, const uint8_t *src, size_t cap);

#endif
