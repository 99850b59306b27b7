// SPDX-License-Identifier: GPL-2.0
/*
 * tapfwd FILE: copies FILE to stdout as it grows, until SIGTERM; then
 * copies what is left and exits 0.
 *
 * The guest's /init gives a scenario's TAP a regular file, not the UART:
 * a write to the tty or to a pipe blocks while the UART drains, and ash
 * catches SIGCHLD without SA_RESTART, so a background child ending made
 * the shell's printf fail with EINTR (a lost result, and under set -e the
 * rest). A write to a tmpfs file never blocks that way. This program does
 * the blocking writes instead, retrying them, and /init stops it once the
 * scenario has ended: nothing written before the SIGTERM is lost.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* Writes all of buf to stdout; 0, or -1 with errno (not EINTR). */
static int write_all(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct timespec nap = { 0, 20 * 1000 * 1000 };
	struct sigaction sa;
	char buf[4096];
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: tapfwd FILE\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) < 0) {
		perror("tapfwd: sigaction");
		return 1;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "tapfwd: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (;;) {
		/* read the flag first: what precedes the SIGTERM is read below */
		int last = stop;
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "tapfwd: read: %s\n", strerror(errno));
			return 1;
		}
		if (n > 0) {
			if (write_all(buf, (size_t)n) < 0) {
				fprintf(stderr, "tapfwd: write: %s\n",
					strerror(errno));
				return 1;
			}
			continue;
		}
		if (last)
			return 0;
		nanosleep(&nap, NULL);
	}
}
