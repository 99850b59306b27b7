// SPDX-License-Identifier: GPL-2.0
/*
 * rl_tasks: the rate limit of refused module loads is per user, so a
 * flood of new processes (each module request starts a new modprobe)
 * cannot fill the ring. Prints TAP.
 *
 *   rl_tasks MODULE.ko REPEAT TASKS
 *
 * Needs clkrg with block_modules on, ratelimit_burst=1 and a long
 * ratelimit_interval. One task (root) asks to load MODULE REPEAT times:
 * one LKRG_EV_BLOCK record, REPEAT - 1 counted in events_suppressed. Then
 * TASKS other tasks of root ask once each: no record at all, every one
 * suppressed. A task of another user (uid 4242 keeping CAP_SYS_MODULE)
 * gets a record of its own. Then ratelimit_interval becomes 1 s, the
 * window passes, and the first task's next attempt passes with a record
 * carrying suppressed = REPEAT - 1 + TASKS; events_suppressed rose by
 * exactly the records dropped.
 */
#include <linux/capability.h>
#include <sys/prctl.h>
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

#define OTHER_UID	4242

/* As user OTHER_UID with CAP_SYS_MODULE still effective. */
static int other_user(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
	    setresuid(OTHER_UID, OTHER_UID, OTHER_UID) ||
	    syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective = 1U << CAP_SYS_MODULE;
	d[1].effective = 0;
	return (int)syscall(SYS_capset, &h, d);
}

struct tally {
	__u64 mine, mine_last_suppressed, others, other_uid, lost;
};

/* BLOCK records from @from on: those of @pid, of its uid, of OTHER_UID. */
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
			} else if (d->uid == OTHER_UID) {
				t->other_uid++;
			} else {
				t->others++;
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct lkrg_status s0, s1, s2, s3;
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
	sx_status(fd, &s2);
	tally(fd, from, me, &t);
	tap_ok(!fails && !t.others && !t.lost &&
	       s2.events_suppressed - s1.events_suppressed == (__u64)tasks,
	       "%d other tasks of the same user, one refused load each: %llu block records, events_suppressed +%llu (want 0, +%d; %.1f s)",
	       tasks, (unsigned long long)t.others,
	       (unsigned long long)(s2.events_suppressed - s1.events_suppressed),
	       tasks, sx_now() - t0);

	{
		pid_t p = fork();

		if (p == 0)
			_exit(other_user() || try_load() ? 1 : 0);
		if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st))
			fails++;
	}
	tally(fd, from, me, &t);
	tap_ok(!fails && t.other_uid == 1,
	       "another user's refused load has its own record: %llu (want 1)",
	       (unsigned long long)t.other_uid);

	/* the window passes; the first task's next record carries the count */
	rfd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (rfd < 0 || sx_policy_set(rfd, "ratelimit_interval", 1)) {
		printf("Bail out! setting ratelimit_interval: %s\n", strerror(errno));
		return 1;
	}
	close(rfd);
	usleep(1500000);
	fails += try_load() != 0;
	sx_status(fd, &s3);
	tally(fd, from, me, &t);
	tap_ok(!fails && t.mine == 2 &&
	       t.mine_last_suppressed == (__u64)repeat - 1 + tasks,
	       "after the window the first task's next record carries suppressed=%llu (want %d; records %llu)",
	       (unsigned long long)t.mine_last_suppressed, repeat - 1 + tasks,
	       (unsigned long long)t.mine);
	tap_ok(s3.events_suppressed - s0.events_suppressed ==
	       (__u64)repeat - 1 + tasks,
	       "events_suppressed rose by exactly the %d records dropped (got +%llu)",
	       repeat - 1 + tasks,
	       (unsigned long long)(s3.events_suppressed - s0.events_suppressed));
	close(fd);
	return tap_done();
}
