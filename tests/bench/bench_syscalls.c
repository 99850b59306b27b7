// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall workload for `make bench`, run in the guest: each iteration is
 * getppid() plus open()/close() of a small tmpfs file.
 *   bench_syscalls calibrate SECONDS   prints "iters=N", N iterations
 *                                      taking about SECONDS here (2 s of
 *                                      warm-up, then 2 s measured)
 *   bench_syscalls run N               prints "ns=T iters=N": the time
 *                                      N iterations took (CLOCK_MONOTONIC)
 * All figures are TCG guest figures.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FILE_PATH	"/tmp/bench_syscalls.dat"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int work(uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		int fd;

		if (getppid() < 0)
			return -1;
		fd = open(FILE_PATH, O_RDONLY);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t t0, t, n;
	int fd;

	if (argc != 3 || (strcmp(argv[1], "calibrate") && strcmp(argv[1], "run"))) {
		fprintf(stderr, "usage: bench_syscalls calibrate SECONDS | run N\n");
		return 2;
	}
	fd = open(FILE_PATH, O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || write(fd, "bench\n", 6) != 6 || close(fd)) {
		perror("bench_syscalls: " FILE_PATH);
		return 1;
	}
	if (!strcmp(argv[1], "calibrate")) {
		double secs = strtod(argv[2], NULL);

		/* Two seconds untimed, then batches of 1000 for two seconds. */
		t0 = now_ns();
		do {
			if (work(1000)) {
				perror("bench_syscalls");
				return 1;
			}
		} while (now_ns() - t0 < 2000000000ull);
		n = 0;
		t0 = now_ns();
		do {
			if (work(1000)) {
				perror("bench_syscalls");
				return 1;
			}
			n += 1000;
			t = now_ns() - t0;
		} while (t < 2000000000ull);
		printf("iters=%llu\n",
		       (unsigned long long)(n * secs * 1e9 / t));
		return 0;
	}
	n = strtoull(argv[2], NULL, 10);
	t0 = now_ns();
	if (work(n)) {
		perror("bench_syscalls");
		return 1;
	}
	t = now_ns() - t0;
	printf("ns=%llu iters=%llu\n", (unsigned long long)t,
	       (unsigned long long)n);
	return 0;
}
