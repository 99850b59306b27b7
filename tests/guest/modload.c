// SPDX-License-Identifier: GPL-2.0
/*
 * modload: loads a kernel module with exactly one finit_module(2), as
 * kmod's insmod does (busybox insmod tries init_module(2) again after a
 * failure, so a refused module would run its init twice).
 *
 *   modload FILE [PARAMS]    exit 0 when loaded, else the errno (and its
 *                            name on stderr)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: modload FILE [PARAMS]\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "modload: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (syscall(SYS_finit_module, fd, argc == 3 ? argv[2] : "", 0)) {
		int err = errno;

		fprintf(stderr, "modload: %s: %s\n", argv[1], strerror(err));
		return err;
	}
	return 0;
}
