// SPDX-License-Identifier: GPL-2.0
#include <unistd.h>

#include "tests.h"

struct clkrg *pipe_handle(int *wfd)
{
	struct lkrg_hello hello = { .size = sizeof(hello) };
	struct clkrg *c = NULL;
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(clkrg__adopt_fd(p[0], &hello, &c), 0);
	*wfd = p[1];
	return c;
}

void write_all(int fd, const void *buf, size_t len)
{
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
}
