// SPDX-License-Identifier: GPL-2.0
/*
 * storm_reader: 4 readers of /dev/lkrg against clkrg_storm.ko. Prints TAP.
 *
 *   storm_reader [--readers N] [--seconds S]
 *
 * Each reader opens the device, seeks to the end and reports its cursor;
 * then clkrg_storm runs for S seconds (kthreads on every CPU and hard-irq
 * timers emitting "test" records at full speed) and is stopped, which
 * waits for every producer. The readers read all the while, each in its
 * own way (blocking with a large buffer, blocking one record at a time,
 * poll + non-blocking, short polls), and finally drain up to the sequence
 * number the module reports as next. Every reader must see strictly
 * increasing sequence numbers, every gap covered by exactly one LOST record
 * naming it, only storm records, each tag once, and
 * delivered + lost == produced (the module's own count), exactly.
 */
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "suite.h"
#include "tap.h"

#define STORM		"clkrg_storm"
#define MAX_READERS	8
#define BIG_BUF		(64 * 1024)

struct reader_res {
	__u64 start;		/* cursor after SEEK_END */
	__u64 end;		/* cursor after the drain */
	__u64 delivered;	/* storm records read */
	__u64 lost;		/* sequence numbers reported lost */
	__u64 lost_records;
	__u64 other;		/* records that are not storm records */
	__u64 not_increasing;	/* seq <= previous seq */
	__u64 gaps;		/* seq or LOST range not where expected */
	__u64 bad_records;	/* malformed, LOST without SYNTHETIC, ... */
	__u64 bad_tags;		/* outside the run's range or seen twice */
	__u64 reads;
	__u64 eintr;
	int done;
	char first_problem[160];
};

static struct reader_res *res;	/* shared with the readers */
static volatile sig_atomic_t stop_flag;
static __u64 tag_first;		/* first tag of the run */
static __u64 tag_span = 1 << 24;

static void on_usr1(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void problem(struct reader_res *r, const char *fmt, unsigned long long a,
		    unsigned long long b)
{
	if (r->first_problem[0])
		return;
	snprintf(r->first_problem, sizeof(r->first_problem), fmt, a, b);
}

/* Accounts one read() buffer; *nx is the next sequence number expected. */
static void account(struct reader_res *r, const void *buf, size_t len,
		    __u64 *nx, __u64 *last, unsigned char *seen)
{
	const struct lkrg_event_hdr *h;
	size_t off = 0;
	int bad = 0;
	__u64 tag;

	while ((h = sx_next(buf, len, &off, &bad))) {
		const struct lkrg_event_lost *l = sx_lost(h);

		if (h->type == LKRG_EV_LOST) {
			r->lost_records++;
			if (!l || h->seq != 0 || !(h->flags & LKRG_EVF_SYNTHETIC) ||
			    !l->count) {
				r->bad_records++;
				problem(r, "bad LOST record (seq %llu, count %llu)",
					h->seq, l ? l->count : 0);
				continue;
			}
			if (l->first_seq != *nx) {
				r->gaps++;
				problem(r, "LOST starts at %llu, expected %llu",
					l->first_seq, *nx);
			}
			r->lost += l->count;
			*nx = l->first_seq + l->count;
			continue;
		}
		if (h->seq <= *last) {
			r->not_increasing++;
			problem(r, "seq %llu after %llu", h->seq, *last);
		}
		if (h->seq != *nx) {
			r->gaps++;
			problem(r, "seq %llu, expected %llu", h->seq, *nx);
		}
		*last = h->seq;
		*nx = h->seq + 1;
		if (!sx_is_test(h, &tag)) {
			r->other++;
			problem(r, "record seq %llu type %llu is not a storm record",
				h->seq, h->type);
			continue;
		}
		r->delivered++;
		if (tag < tag_first || tag - tag_first >= tag_span) {
			r->bad_tags++;
			problem(r, "tag %llu outside the run (first %llu)", tag, tag_first);
		} else if (seen[(tag - tag_first) / 8] & (1 << ((tag - tag_first) % 8))) {
			r->bad_tags++;
			problem(r, "tag %llu seen twice (seq %llu)", tag, h->seq);
		} else {
			seen[(tag - tag_first) / 8] |= 1 << ((tag - tag_first) % 8);
		}
	}
	if (bad) {
		r->bad_records++;
		problem(r, "malformed buffer of %llu bytes at offset %llu", len, off);
	}
}

static int reader(int idx, int ready_fd, int ctl_fd)
{
	struct reader_res *r = &res[idx];
	static unsigned char buf[BIG_BUF];
	unsigned char *seen = calloc(tag_span / 8, 1);
	struct sigaction sa = { .sa_handler = on_usr1 };	/* no SA_RESTART */
	int mode = idx % 4, fd, flags;
	__u64 nx, last = 0, end = 0;
	size_t bufsz;
	off_t pos;

	sigaction(SIGUSR1, &sa, NULL);
	alarm(120);
	flags = O_RDONLY | O_CLOEXEC | (mode >= 2 ? O_NONBLOCK : 0);
	fd = open(LKRG_DEVICE_PATH, flags);
	pos = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
	if (!seen || pos <= 0) {
		snprintf(r->first_problem, sizeof(r->first_problem),
			 "open/seek failed: %s", strerror(errno));
		return 1;
	}
	r->start = nx = pos;
	if (write(ready_fd, &r->start, sizeof(r->start)) != sizeof(r->start))
		return 1;
	/* mode 1 reads one record at a time, the others batches */
	bufsz = mode == 1 ? sizeof(struct lkrg_event_hdr) +
		sizeof(struct lkrg_event_detail) : mode == 3 ? 4096 : BIG_BUF;

	for (;;) {
		ssize_t n;

		if (stop_flag && !end) {
			if (read(ctl_fd, &end, sizeof(end)) != sizeof(end))
				return 1;
		}
		if (end && nx >= end)
			break;
		if (mode >= 2 && !end) {
			struct pollfd p[2] = { { .fd = fd, .events = POLLIN },
					       { .fd = ctl_fd, .events = POLLIN } };

			if (poll(p, 2, mode == 3 ? 10 : -1) < 0 && errno != EINTR)
				return 1;
			if (p[1].revents)
				stop_flag = 1;
			if (!(p[0].revents & POLLIN))
				continue;
		}
		n = read(fd, buf, bufsz);
		r->reads++;
		if (n < 0) {
			if (errno == EINTR) {
				r->eintr++;
				continue;
			}
			if (errno == EAGAIN)
				continue;
			snprintf(r->first_problem, sizeof(r->first_problem),
				 "read: %s", strerror(errno));
			return 1;
		}
		if (n == 0) {
			snprintf(r->first_problem, sizeof(r->first_problem),
				 "unexpected EOF");
			return 1;
		}
		account(r, buf, n, &nx, &last, seen);
	}
	r->end = nx;
	r->done = 1;
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct lkrg_status st0, st1;
	int readers = 4, seconds = 5, i, mfd, status, all_exited = 1;
	int ready[2], ctl[MAX_READERS][2];
	pid_t pids[MAX_READERS];
	__u64 start = 0, same = 1, produced, thr, irq, brst, failed, nothard, end;
	double t0, secs;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--readers"))
			readers = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seconds"))
			seconds = atoi(argv[i + 1]);
	}
	if (readers < 1 || readers > MAX_READERS)
		readers = 4;
	setvbuf(stdout, NULL, _IOLBF, 0);
	res = mmap(NULL, sizeof(*res) * MAX_READERS, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	mfd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (res == MAP_FAILED || mfd < 0 || sx_status(mfd, &st0) || pipe(ready)) {
		printf("Bail out! setup: %s\n", strerror(errno));
		return 1;
	}
	tag_first = sx_param_read(STORM, "next_tag");
	if (tag_first == ~0ULL) {
		printf("Bail out! %s is not loaded\n", STORM);
		return 1;
	}

	for (i = 0; i < readers; i++) {
		if (pipe(ctl[i]))
			return 1;
		pids[i] = fork();
		if (pids[i] == 0) {
			close(ready[0]);
			_exit(reader(i, ready[1], ctl[i][0]));
		}
	}
	close(ready[1]);
	for (i = 0; i < readers; i++) {
		__u64 s = 0;

		if (read(ready[0], &s, sizeof(s)) != sizeof(s))
			s = 0;
		if (i == 0)
			start = s;
		if (s != start || !s)
			same = 0;
	}
	tap_ok(same, "%d readers sought to the end before the storm, all at seq %llu",
	       readers, (unsigned long long)start);

	t0 = sx_now();
	if (sx_param_write(STORM, "run", "1")) {
		printf("Bail out! starting the storm: %s\n", strerror(errno));
		return 1;
	}
	sleep(seconds);
	sx_param_write(STORM, "run", "0");	/* waits for every producer */
	secs = sx_now() - t0;
	produced = sx_param_read(STORM, "produced");
	thr = sx_param_read(STORM, "produced_thread");
	irq = sx_param_read(STORM, "produced_irq");
	brst = sx_param_read(STORM, "produced_burst");
	failed = sx_param_read(STORM, "failed");
	nothard = sx_param_read(STORM, "irq_not_hard");
	tag_span = produced;
	tap_ok(thr > 0 && irq > 0 && brst == 0 && failed == 0 && nothard == 0 &&
	       produced == thr + irq,
	       "storm produced %llu records in %.1f s (%.0f/s): %llu from kthreads, %llu from hard irq; failed %llu, not-hardirq callbacks %llu",
	       (unsigned long long)produced, secs, produced / secs,
	       (unsigned long long)thr, (unsigned long long)irq,
	       (unsigned long long)failed, (unsigned long long)nothard);
	if (sx_status(mfd, &st1)) {
		printf("Bail out! GET_STATUS: %s\n", strerror(errno));
		return 1;
	}
	end = st1.events_produced;
	tap_ok(end - start == produced,
	       "the storm's records are exactly seq %llu..%llu (%llu == produced %llu)",
	       (unsigned long long)start, (unsigned long long)end - 1,
	       (unsigned long long)(end - start), (unsigned long long)produced);

	for (i = 0; i < readers; i++) {
		if (write(ctl[i][1], &end, sizeof(end)) != sizeof(end))
			return 1;
		kill(pids[i], SIGUSR1);
	}
	/* A blocking reader may have missed the signal just before read(). */
	for (i = 0; i < readers; i++) {
		pid_t w;
		int tries = 0;

		while ((w = waitpid(pids[i], &status, WNOHANG)) == 0 && tries++ < 600) {
			kill(pids[i], SIGUSR1);
			usleep(100000);
		}
		if (w != pids[i] || !WIFEXITED(status) || WEXITSTATUS(status)) {
			all_exited = 0;
			if (w == 0)
				kill(pids[i], SIGKILL);
			tap_diag("reader %d: status 0x%x: %s", i, status,
				 res[i].first_problem);
		}
	}
	tap_ok(all_exited, "every reader drained to seq %llu and exited 0",
	       (unsigned long long)end);

	for (i = 0; i < readers; i++) {
		struct reader_res *r = &res[i];

		tap_diag("reader %d: delivered %llu, lost %llu in %llu LOST records, %llu reads (%llu EINTR)",
			 i, (unsigned long long)r->delivered,
			 (unsigned long long)r->lost,
			 (unsigned long long)r->lost_records,
			 (unsigned long long)r->reads,
			 (unsigned long long)r->eintr);
		if (r->first_problem[0])
			tap_diag("reader %d: first problem: %s", i, r->first_problem);
		tap_ok(r->done && !r->not_increasing && !r->gaps && !r->bad_records,
		       "reader %d: strictly increasing seq, every gap named by one LOST record (%llu not increasing, %llu misplaced, %llu malformed)",
		       i, (unsigned long long)r->not_increasing,
		       (unsigned long long)r->gaps,
		       (unsigned long long)r->bad_records);
		tap_ok(r->done && !r->other && !r->bad_tags,
		       "reader %d: only storm records, each tag once (%llu other, %llu bad tags)",
		       i, (unsigned long long)r->other,
		       (unsigned long long)r->bad_tags);
		tap_ok(r->done && r->delivered + r->lost == produced,
		       "reader %d: delivered %llu + lost %llu == produced %llu",
		       i, (unsigned long long)r->delivered,
		       (unsigned long long)r->lost, (unsigned long long)produced);
		tap_ok(r->delivered > 0 && r->lost_records > 0,
		       "reader %d: the ring overran it (%llu LOST records) and it still got records",
		       i, (unsigned long long)r->lost_records);
	}
	close(mfd);
	return tap_done();
}
