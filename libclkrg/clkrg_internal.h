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

/* An array command (POLICY_GET, STATS, UMH_LIST, HOOKS): its request, its
 * argument struct (left holding the module's last answer) and row size. */
struct clkrg__rows_cmd {
	unsigned long req;
	void *arg;
	size_t arg_size;
	size_t row_size;
};
/* Allocates and fills every row of @cmd (see rows.c). */
int clkrg__list_rows(struct clkrg *c, const struct clkrg__rows_cmd *cmd,
		     void **rows, size_t *count);

/* The longest kernel string field of the ABI (an allow-list path). */
#define KSTR_MAX	LKRG_UMH_PATH_LEN
_Static_assert(KSTR_MAX >= LKRG_EV_LOCATION_LEN, "KSTR_MAX");

/* Copies a kernel string of at most @cap bytes into @dst (@cap + 1 bytes),
 * replacing bytes outside printable ASCII with '?'. */
void clkrg__clean_str(char *dst, const uint8_t *src, size_t cap);

#endif
