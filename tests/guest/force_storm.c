// SPDX-License-Identifier: GPL-2.0
/*
 * force_storm: N concurrent LKRG_IOC_FORCE_RUN calls, released together.
 *
 *   force_storm [N]      (default 200)
 *
 * N processes each open /dev/lkrg, wait at a barrier (a pipe the parent
 * closes), read CLOCK_MONOTONIC and make one FORCE_RUN. Each reports its
 * call time, the result's check id and start time. TAP results: every call
 * returned 0; every caller's check started after its call (the ABI's
 * promise, also when the call was coalesced into a check already queued);
 * fewer checks than calls (calls were coalesced). Prints "# checks K calls
 * N" for the scenario.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/lkrg.h>

#include "tap.h"

#define MAX_CALLERS	1000

struct report {
	long long t0, start;
	unsigned long long id;
	int ret, err;
};

static long long mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void caller(int gate, int out)
{
	struct lkrg_check ck;
	struct report r;
	char c;
	int fd = open("/dev/lkrg", O_RDWR);

	memset(&r, 0, sizeof(r));
	if (read(gate, &c, 1) != 0)	/* EOF: the parent closed the gate */
		_exit(3);
	if (fd < 0) {
		r.ret = -1;
		r.err = errno;
	} else {
		memset(&ck, 0, sizeof(ck));
		ck.size = sizeof(ck);
		r.t0 = mono_ns();
		r.ret = ioctl(fd, LKRG_IOC_FORCE_RUN, &ck);
		r.err = r.ret ? errno : 0;
		r.id = ck.check_id;
		r.start = (long long)ck.start_ns;
	}
	/* smaller than PIPE_BUF: one atomic write */
	if (write(out, &r, sizeof(r)) != (ssize_t)sizeof(r))
		_exit(4);
	_exit(0);
}

static int cmp_id(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static struct report r[MAX_CALLERS];
	static unsigned long long ids[MAX_CALLERS];
	int n = argc > 1 ? atoi(argv[1]) : 200;
	int gate[2], out[2], i, got = 0, failed = 0, late = 0, checks = 0;
	int children_ok = 1, st;

	if (n < 2 || n > MAX_CALLERS || pipe(gate) || pipe(out)) {
		fprintf(stderr, "usage: force_storm [2..%d]\n", MAX_CALLERS);
		return 2;
	}
	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0) {
			perror("fork");
			return 2;
		}
		if (p == 0) {
			close(gate[1]);
			close(out[0]);
			caller(gate[0], out[1]);
		}
	}
	close(gate[0]);
	close(out[1]);
	close(gate[1]);		/* all go */
	while (got < n && read(out[0], &r[got], sizeof(r[0])) == (ssize_t)sizeof(r[0]))
		got++;
	for (i = 0; i < n; i++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			children_ok = 0;
	tap_ok(got == n && children_ok, "%d callers reported (%d)", n, got);
	for (i = 0; i < got; i++) {
		if (r[i].ret) {
			failed++;
			tap_diag("a call failed: errno %d (%s)", r[i].err,
				 strerror(r[i].err));
		} else if (r[i].start < r[i].t0) {
			late++;
			tap_diag("check #%llu started at %lld, %lld ns before its call",
				 r[i].id, r[i].start, r[i].t0 - r[i].start);
		}
		ids[i] = r[i].id;
	}
	tap_ok(!failed && got == n, "all %d FORCE_RUN calls returned 0", n);
	tap_ok(!late && !failed && got == n,
	       "every caller got a check that started after its call");
	qsort(ids, got, sizeof(ids[0]), cmp_id);
	for (i = 0; i < got; i++)
		if (!i || ids[i] != ids[i - 1])
			checks++;
	tap_diag("checks %d calls %d", checks, n);
	tap_ok(got == n && checks < n, "fewer checks than calls (%d for %d)",
	       checks, n);
	return tap_done();
}
