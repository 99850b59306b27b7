// SPDX-License-Identifier: GPL-2.0
/*
 * rl_tasks: the rate limit of refused module loads is per task. Prints TAP.
 *
 *   rl_tasks MODULE.ko REPEAT TASKS
 *
 * Needs clkrg with block_modules on, ratelimit_burst=1 and a long
 * ratelimit_interval, and a ring large enough for TASKS + 2 records. One
 * task asks to load MODULE REPEAT times: one LKRG_EV_BLOCK record for it,
 * REPEAT - 1 counted in events_suppressed. Then TASKS other tasks ask once
 * each: one record each, none suppressed (the key names the task). Then
 * ratelimit_interval becomes 1 s, the window passes, and the first task's
 * next attempt passes with a record carrying suppressed = REPEAT - 1;
 * events_suppressed rose by exactly the records dropped.
 *
 * With TASKS well above the limiter's 256 slots (rl_tasks M 3 1000) the
 * first task's slot gets reused: the last two checks show what happens to
 * a count that had to be forgotten.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include "suite.h"
#include "tap.h"

static const char *ko;

static int try_load(void)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret == -1 && errno == EPERM ? 0 : -1;	/* refused, as wanted */
}

struct tally {
	__u64 first, mine, mine_last_suppressed, others, others_suppressed, lost;
};

/* BLOCK records from @from on: those of @pid and the others. */
static int tally(int fd, __u64 from, pid_t pid, struct tally *t)
{
	static unsigned char buf[256 * 1024];
	ssize_t n;

	memset(t, 0, sizeof(*t));
	if (lseek(fd, from, SEEK_SET) != (off_t)from)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		const struct lkrg_event_hdr *h;
		size_t off = 0;
		int bad = 0;

		while ((h = sx_next(buf, n, &off, &bad))) {
			const struct lkrg_event_detail *d = sx_detail(h);

			if (h->type == LKRG_EV_LOST)
				t->lost++;
			if (!d || h->type != LKRG_EV_BLOCK)
				continue;
			if (d->pid == pid) {
				t->mine++;
				t->mine_last_suppressed = d->suppressed;
			} else {
				t->others++;
				t->others_suppressed += d->suppressed;
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct lkrg_status s0, s1, s2;
	struct tally t;
	int fd, rfd, repeat, tasks, i, st, fails = 0;
	__u64 from;
	pid_t me = getpid();
	double t0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 4) {
		fprintf(stderr, "usage: rl_tasks MODULE.ko REPEAT TASKS\n");
		return 2;
	}
	ko = argv[1];
	repeat = atoi(argv[2]);
	tasks = atoi(argv[3]);
	fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || sx_status(fd, &s0)) {
		printf("Bail out! %s: %s\n", LKRG_DEVICE_PATH, strerror(errno));
		return 1;
	}
	from = s0.events_produced;

	for (i = 0; i < repeat; i++)
		fails += try_load() != 0;
	sx_status(fd, &s1);
	tally(fd, from, me, &t);
	tap_ok(!fails && t.mine == 1 && s1.events_suppressed - s0.events_suppressed == (__u64)repeat - 1,
	       "one task, %d refused loads: %llu block record(s) for it, events_suppressed +%llu (want 1, +%d)",
	       repeat, (unsigned long long)t.mine,
	       (unsigned long long)(s1.events_suppressed - s0.events_suppressed), repeat - 1);

	t0 = sx_now();
	for (i = 0; i < tasks; i++) {
		pid_t p = fork();

		if (p == 0)
			_exit(try_load() ? 1 : 0);
		if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st))
			fails++;
	}
	tally(fd, from, me, &t);
	tap_ok(!fails && t.others == (__u64)tasks && !t.others_suppressed && !t.lost,
	       "%d other tasks, one refused load each: %llu block records, none suppressed (the key names the task; %.1f s)",
	       tasks, (unsigned long long)t.others, sx_now() - t0);

	/* the window passes; the first task's next record carries the count */
	rfd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (rfd < 0 || sx_policy_set(rfd, "ratelimit_interval", 1)) {
		printf("Bail out! setting ratelimit_interval: %s\n", strerror(errno));
		return 1;
	}
	close(rfd);
	usleep(1500000);
	fails += try_load() != 0;
	sx_status(fd, &s2);
	tally(fd, from, me, &t);
	tap_ok(!fails && t.mine == 2 && t.mine_last_suppressed == (__u64)repeat - 1,
	       "after the window the first task's next record carries suppressed=%llu (want %d; records %llu)",
	       (unsigned long long)t.mine_last_suppressed, repeat - 1,
	       (unsigned long long)t.mine);
	tap_ok(s2.events_suppressed - s0.events_suppressed == (__u64)repeat - 1,
	       "events_suppressed rose by exactly the %d records dropped (got +%llu)",
	       repeat - 1, (unsigned long long)(s2.events_suppressed - s0.events_suppressed));
	close(fd);
	return tap_done();
}
