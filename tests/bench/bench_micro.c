// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall microbenchmarks for `make bench`'s exploit-detection part
 * (tests/bench/run-bench-pint.sh, guest side tests/bench/bench-pint.sh),
 * run in the guest as root. All figures are TCG guest figures.
 *
 *   bench_micro list                  the benchmark names, one a line
 *   bench_micro calibrate NAME SECS   "iters=N": N iterations of NAME take
 *                                     about SECS here (0.2 s warm-up, then
 *                                     at least 0.5 s measured)
 *   bench_micro run NAME N            "ns=T iters=N p10_ns=P": N iterations
 *                                     took T (CLOCK_MONOTONIC); P: 10th
 *                                     percentile of ns per iteration over
 *                                     ~2000 timed batches
 *   bench_micro park N READY STOP     N threads (16 KiB stacks) sleep; N is
 *                                     written to READY once all exist; the
 *                                     process exits 0 once STOP exists
 *   bench_micro nop                   exits 0 at once (fork_exec's child)
 *
 * calibrate and run pin themselves (and so every child) to the last CPU:
 * under TCG a wakeup across vCPUs costs milliseconds, and where the
 * scheduler happened to put a child would decide the figure.
 *
 * One iteration of each benchmark:
 *   open_close  open(O_RDONLY) + close of a small tmpfs file
 *   stat        stat() of that file
 *   setresuid   setresuid(0, 0, 1) and setresuid(0, 0, 0) by turns as
 *               root: each call changes the saved uid, so each one
 *               commits new creds (an unchanged set returns early)
 *   fork_wait   fork(), the child _exit(0)s, waitpid()
 *   fork_exec   fork(), the child execs "bench_micro nop", waitpid()
 *   pipe_pingpong  one byte to a child over a pipe and back over another
 *   mmap_munmap 16 KiB anonymous mmap, one byte written, munmap
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FILE_PATH	"/tmp/bench_micro.dat"

static char self_exe[PATH_MAX];
static int ping[2] = { -1, -1 }, pong[2] = { -1, -1 };
static pid_t echo_pid = -1;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int do_open_close(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		int fd = open(FILE_PATH, O_RDONLY);

		if (fd < 0)
			return -1;
		close(fd);
	}
	return 0;
}

static int do_stat(uint64_t n)
{
	struct stat st;

	for (uint64_t i = 0; i < n; i++)
		if (stat(FILE_PATH, &st))
			return -1;
	return 0;
}

static int do_setresuid(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (setresuid(0, 0, (uid_t)(i & 1)))
			return -1;
	return setresuid(0, 0, 0);
}

static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		errno = ECHILD;
		return -1;
	}
	return 0;
}

static int do_fork_wait(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (reap(pid))
			return -1;
	}
	return 0;
}

static int do_fork_exec(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			char *argv[] = { self_exe, "nop", NULL };
			char *envp[] = { NULL };

			execve(self_exe, argv, envp);
			_exit(127);
		}
		if (reap(pid))
			return -1;
	}
	return 0;
}

/* The echo child is set up once, outside the timed loop. */
static int pingpong_setup(void)
{
	char c;

	if (pipe(ping) || pipe(pong))
		return -1;
	echo_pid = fork();
	if (echo_pid < 0)
		return -1;
	if (echo_pid == 0) {
		close(ping[1]);
		close(pong[0]);
		while (read(ping[0], &c, 1) == 1)
			if (write(pong[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(ping[0]);
	close(pong[1]);
	return 0;
}

static int pingpong_teardown(void)
{
	close(ping[1]);
	close(pong[0]);
	return reap(echo_pid);
}

static int do_pipe_pingpong(uint64_t n)
{
	char c = 'x';

	for (uint64_t i = 0; i < n; i++) {
		if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
			return -1;
	}
	return 0;
}

static int do_mmap_munmap(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		char *p = mmap(NULL, 16384, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return -1;
		p[0] = 1;
		if (munmap(p, 16384))
			return -1;
	}
	return 0;
}

static const struct bench {
	const char *name;
	int (*work)(uint64_t n);
	int (*setup)(void);
	int (*teardown)(void);
} benches[] = {
	{ "open_close", do_open_close, NULL, NULL },
	{ "stat", do_stat, NULL, NULL },
	{ "setresuid", do_setresuid, NULL, NULL },
	{ "fork_wait", do_fork_wait, NULL, NULL },
	{ "fork_exec", do_fork_exec, NULL, NULL },
	{ "pipe_pingpong", do_pipe_pingpong, pingpong_setup, pingpong_teardown },
	{ "mmap_munmap", do_mmap_munmap, NULL, NULL },
};

static const struct bench *find(const char *name)
{
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
		if (!strcmp(benches[i].name, name))
			return &benches[i];
	return NULL;
}

/* Batches grow until one takes about 10 ms, so the clock is read rarely. */
static int calibrate(const struct bench *b, double secs, uint64_t *iters)
{
	uint64_t batch = 1, n = 0, t0, t;

	t0 = now_ns();
	do {
		if (b->work(batch))
			return -1;
		t = now_ns() - t0;
		if (t < 10000000ull && batch < (1ull << 20))
			batch *= 2;
	} while (t < 200000000ull);
	t0 = now_ns();
	do {
		if (b->work(batch))
			return -1;
		n += batch;
		t = now_ns() - t0;
	} while (t < 500000000ull);
	*iters = (uint64_t)((double)n * secs * 1e9 / (double)t);
	if (*iters < 1)
		*iters = 1;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * N iterations in about BATCHES batches, each timed: *ns is the whole
 * run's time, *p10 the 10th percentile of the batches' ns per iteration.
 * Another guest's or process's time on the host only ever adds to a batch,
 * so a low percentile shows the cost with less of the host's load in it.
 */
#define BATCHES 2000
static int timed_run(const struct bench *b, uint64_t n, uint64_t *ns,
		     double *p10)
{
	uint64_t batch = n / BATCHES ? n / BATCHES : 1, done = 0, t0, t1, k;
	size_t nb = 0;
	double *per = calloc(n / batch + 1, sizeof(*per));

	if (!per)
		return -1;
	t0 = now_ns();
	t1 = t0;
	while (done < n) {
		uint64_t prev = t1;

		k = n - done < batch ? n - done : batch;
		if (b->work(k)) {
			free(per);
			return -1;
		}
		done += k;
		t1 = now_ns();
		per[nb++] = (double)(t1 - prev) / (double)k;
	}
	*ns = t1 - t0;
	qsort(per, nb, sizeof(*per), cmp_double);
	*p10 = per[nb / 10];
	free(per);
	return 0;
}

static void *parked(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int park(long n, const char *ready, const char *stop)
{
	pthread_attr_t attr;
	pthread_t t;
	FILE *f;
	long i;
	int err;

	if (pthread_attr_init(&attr) ||
	    pthread_attr_setstacksize(&attr, 16384))
		return -1;
	for (i = 0; i < n; i++) {
		err = pthread_create(&t, &attr, parked, NULL);
		if (err) {
			fprintf(stderr, "bench_micro: thread %ld: %s\n", i,
				strerror(err));
			return -1;
		}
	}
	f = fopen(ready, "w");
	if (!f || fprintf(f, "%ld\n", n) < 0 || fclose(f))
		return -1;
	while (access(stop, F_OK))
		usleep(100000);
	/* exit_group() ends every parked thread. */
	exit(0);
}

static int pin_last_cpu(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpus > 1 ? (int)cpus - 1 : 0, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static int usage(void)
{
	fprintf(stderr, "usage: bench_micro list | calibrate NAME SECS | "
		"run NAME N | park N READY STOP | nop\n");
	return 2;
}

int main(int argc, char **argv)
{
	const struct bench *b;
	uint64_t n, t;
	double p10;
	ssize_t len;
	int fd, rc;

	if (argc == 2 && !strcmp(argv[1], "nop"))
		return 0;
	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
			printf("%s\n", benches[i].name);
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "park")) {
		park(strtol(argv[2], NULL, 10), argv[3], argv[4]);
		perror("bench_micro: park");
		return 1;
	}
	if (argc != 4 || (strcmp(argv[1], "calibrate") && strcmp(argv[1], "run")))
		return usage();
	b = find(argv[2]);
	if (!b)
		return usage();
	len = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (len <= 0) {
		perror("bench_micro: /proc/self/exe");
		return 1;
	}
	self_exe[len] = '\0';
	if (pin_last_cpu()) {
		perror("bench_micro: sched_setaffinity");
		return 1;
	}
	fd = open(FILE_PATH, O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || write(fd, "bench\n", 6) != 6 || close(fd)) {
		perror("bench_micro: " FILE_PATH);
		return 1;
	}
	if (b->setup && b->setup()) {
		perror("bench_micro: setup");
		return 1;
	}
	if (!strcmp(argv[1], "calibrate")) {
		rc = calibrate(b, strtod(argv[3], NULL), &n);
		if (!rc)
			printf("iters=%llu\n", (unsigned long long)n);
	} else {
		n = strtoull(argv[3], NULL, 10);
		rc = timed_run(b, n, &t, &p10);
		if (!rc)
			printf("ns=%llu iters=%llu p10_ns=%.1f\n",
			       (unsigned long long)t, (unsigned long long)n,
			       p10);
	}
	if (rc)
		perror(b->name);
	if (b->teardown && b->teardown() && !rc) {
		perror("bench_micro: teardown");
		rc = -1;
	}
	return rc ? 1 : 0;
}
