// SPDX-License-Identifier: GPL-2.0
/*
 * cycles: load, open readers, generate events, shut down, close, unload,
 * many times. Prints TAP, one result per rule over all cycles.
 *
 *   cycles [--cycles N] [--leak-cycles M] [--ko PATH] [--readers R]
 *
 * Each cycle: finit_module(clkrg.ko, "test_hooks=1 event_slots=64 ..."); a
 * fresh handle reads status.objects (the cycle's start value, the same in
 * every cycle); R readers open and block in read(); clkrg_storm.ko (loaded
 * by the scenario) emits a burst from this process and runs its kthreads
 * and hard-irq timers for a moment; a fresh handle sees start + R objects,
 * and start + R again after another process opened and closed the device
 * ten times; LKRG_IOC_SHUTDOWN; every reader gets what is left, the
 * shutdown record last, then EOF, with strictly increasing, contiguous
 * sequence numbers; GET_STATUS and open() are ENODEV; the handle closes
 * and delete_module() succeeds at once, /dev/lkrg is gone.
 * Then M more cycles with test_leak=1: the same objects check must fail
 * in each of them (the leak detector works here too).
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "suite.h"
#include "tap.h"

#define STORM		"clkrg_storm"
#define MAX_READERS	8
#define BURST		100
#define PARAMS		"test_hooks=1 event_slots=64 log_level=2 kint_validate=1"

struct reader_res {
	__u64 records, test_records, lost, lost_records;
	__u64 first_seq, last_seq;
	int bad;		/* not increasing / not contiguous / malformed */
	int shutdown_last;
	int eof;
	char why[120];
};

struct rules {
	int loaded, start_same, counted, back, shutdown, enodev, readers_ok,
	    readers_exit, events_seen, unloaded;
};

static struct reader_res *rr;
static const char *ko = "/lib/clkrg/clkrg.ko";
static int nreaders = 4;
static __u64 start_objects;
static char first_fail[10][160];

static int load(const char *params)
{
	int kfd = open(ko, O_RDONLY | O_CLOEXEC), ret;

	if (kfd < 0)
		return -1;
	ret = syscall(SYS_finit_module, kfd, params, 0);
	close(kfd);
	return ret;
}

static int unload(void)
{
	int tries;

	for (tries = 0; tries < 50; tries++) {
		if (!syscall(SYS_delete_module, "clkrg", O_NONBLOCK))
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			return -1;
		usleep(20000);
	}
	return -1;
}

static __s64 objects_now(void)
{
	struct lkrg_status st;
	int fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	__s64 n = -1;

	if (fd >= 0 && !sx_status(fd, &st))
		n = st.objects;
	if (fd >= 0)
		close(fd);
	return n;
}

static int is_shutdown(const struct lkrg_event_hdr *h)
{
	const struct lkrg_event_detail *d = sx_detail(h);

	return d && h->type == LKRG_EV_ADMIN && !strcmp((const char *)d->name, "shutdown");
}

static int reader(int idx, int ready_fd)
{
	static unsigned char buf[64 * 1024];
	struct reader_res *r = &rr[idx];
	__u64 nx;
	int fd;
	off_t pos;
	char c = 1;

	memset(r, 0, sizeof(*r));
	alarm(60);
	fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	pos = fd >= 0 ? lseek(fd, 0, SEEK_CUR) : -1;
	if (pos <= 0 || write(ready_fd, &c, 1) != 1) {
		snprintf(r->why, sizeof(r->why), "open/seek: %s", strerror(errno));
		return 1;
	}
	r->first_seq = nx = pos;
	for (;;) {
		const struct lkrg_event_hdr *h;
		size_t off = 0;
		int bad = 0;
		/* one record at a time for some readers, batches for others */
		ssize_t n = read(fd, buf, idx % 2 ? sizeof(buf) : LKRG_EVENT_HDR_SIZE +
				 LKRG_EVENT_DETAIL_SIZE_VER0);

		if (n == 0) {
			r->eof = 1;
			break;
		}
		if (n < 0) {
			snprintf(r->why, sizeof(r->why), "read: %s", strerror(errno));
			return 1;
		}
		while ((h = sx_next(buf, n, &off, &bad))) {
			const struct lkrg_event_lost *l = sx_lost(h);

			r->shutdown_last = 0;
			if (l) {
				r->lost_records++;
				r->lost += l->count;
				if (l->first_seq != nx) {
					r->bad = 1;
					snprintf(r->why, sizeof(r->why), "LOST at %llu, expected %llu",
						 (unsigned long long)l->first_seq,
						 (unsigned long long)nx);
				}
				nx = l->first_seq + l->count;
				continue;
			}
			r->records++;
			if (h->seq != nx) {
				r->bad = 1;
				snprintf(r->why, sizeof(r->why), "seq %llu, expected %llu",
					 (unsigned long long)h->seq, (unsigned long long)nx);
			}
			nx = h->seq + 1;
			r->last_seq = h->seq;
			if (sx_is_test(h, NULL))
				r->test_records++;
			r->shutdown_last = is_shutdown(h);
		}
		if (bad) {
			r->bad = 1;
			snprintf(r->why, sizeof(r->why), "malformed read of %zd bytes", n);
		}
	}
	close(fd);
	return 0;
}

static void churn(void)
{
	pid_t p = fork();
	int i, st;

	if (p == 0) {
		for (i = 0; i < 10; i++) {
			int fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);

			if (fd >= 0)
				close(fd);
		}
		_exit(0);
	}
	waitpid(p, &st, 0);
}

#define FAIL(rule, ...) do { \
		if (!first_fail[rule][0]) \
			snprintf(first_fail[rule], sizeof(first_fail[0]), __VA_ARGS__); \
		failed[rule]++; \
	} while (0)

enum { R_LOAD, R_START, R_COUNTED, R_BACK, R_SHUTDOWN, R_ENODEV, R_READERS,
       R_EVENTS, R_UNLOAD, R_COUNT };

/* One cycle; failed[] counts per rule. Returns 0 to go on, -1 to stop. */
static int cycle(int n, const char *params, int *failed)
{
	pid_t pids[MAX_READERS];
	int ready[2], i, hfd, status, ok_readers = 1;
	__s64 s, obj;
	struct lkrg_status st;
	char c, num[16];

	if (load(params)) {
		FAIL(R_LOAD, "cycle %d: finit_module: %s", n, strerror(errno));
		return -1;
	}
	s = objects_now();
	if (n == 0 && start_objects == 0)
		start_objects = s;
	if (s < 0 || (__u64)s != start_objects)
		FAIL(R_START, "cycle %d: objects %lld at start, cycle 1 had %llu", n,
		     (long long)s, (unsigned long long)start_objects);

	if (pipe(ready))
		return -1;
	for (i = 0; i < nreaders; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(ready[0]);
			_exit(reader(i, ready[1]));
		}
	}
	close(ready[1]);
	for (i = 0; i < nreaders; i++)
		if (read(ready[0], &c, 1) != 1)
			break;
	close(ready[0]);

	snprintf(num, sizeof(num), "%d", BURST);
	if (sx_param_write(STORM, "burst", num))
		FAIL(R_EVENTS, "cycle %d: burst: %s", n, strerror(errno));
	if (sx_param_write(STORM, "run", "1") == 0) {
		usleep(20000);
		sx_param_write(STORM, "run", "0");
	} else {
		FAIL(R_EVENTS, "cycle %d: storm run: %s", n, strerror(errno));
	}

	obj = objects_now();
	if (obj != s + nreaders)
		FAIL(R_COUNTED, "cycle %d: objects %lld with %d readers, start %lld", n,
		     (long long)obj, nreaders, (long long)s);
	churn();
	obj = objects_now();
	if (obj != s + nreaders)
		FAIL(R_BACK, "cycle %d: objects %lld after 10 opens/closes, want %lld", n,
		     (long long)obj, (long long)(s + nreaders));

	hfd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (hfd < 0 || ioctl(hfd, LKRG_IOC_SHUTDOWN, 0)) {
		FAIL(R_SHUTDOWN, "cycle %d: SHUTDOWN: %s", n, strerror(errno));
		return -1;
	}
	for (i = 0; i < nreaders; i++) {
		struct reader_res *r = &rr[i];

		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			ok_readers = 0;
			FAIL(R_READERS, "cycle %d reader %d: status 0x%x %s", n, i, status, r->why);
			continue;
		}
		if (!r->eof || r->bad || !r->shutdown_last) {
			ok_readers = 0;
			FAIL(R_READERS, "cycle %d reader %d: eof %d shutdown last %d %s", n, i,
			     r->eof, r->shutdown_last, r->why);
		}
		/* all of the burst and the storm: delivered or named as lost */
		if (r->test_records + r->lost < BURST)
			FAIL(R_EVENTS, "cycle %d reader %d: %llu test records + %llu lost < %d",
			     n, i, (unsigned long long)r->test_records,
			     (unsigned long long)r->lost, BURST);
	}
	(void)ok_readers;
	errno = 0;
	if (!(sx_status(hfd, &st) == -1 && errno == ENODEV))
		FAIL(R_ENODEV, "cycle %d: GET_STATUS after shutdown: %s", n, strerror(errno));
	i = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	if (!(i == -1 && errno == ENODEV)) {
		FAIL(R_ENODEV, "cycle %d: open after shutdown: %d %s", n, i, strerror(errno));
		if (i >= 0)
			close(i);
	}
	close(hfd);
	if (unload()) {
		FAIL(R_UNLOAD, "cycle %d: delete_module: %s", n, strerror(errno));
		return -1;
	}
	if (access(LKRG_DEVICE_PATH, F_OK) == 0)
		FAIL(R_UNLOAD, "cycle %d: %s still there after unload", n, LKRG_DEVICE_PATH);
	return 0;
}

int main(int argc, char **argv)
{
	int cycles = 100, leak_cycles = 2, i, done = 0, leak_failed = 0, leak_done = 0;
	int failed[R_COUNT] = { 0 }, lfailed[R_COUNT] = { 0 };
	double t0, secs;
	char params[160];

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--cycles"))
			cycles = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--leak-cycles"))
			leak_cycles = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--ko"))
			ko = argv[i + 1];
		else if (!strcmp(argv[i], "--readers"))
			nreaders = atoi(argv[i + 1]);
	}
	if (nreaders < 1 || nreaders > MAX_READERS)
		nreaders = 4;
	setvbuf(stdout, NULL, _IOLBF, 0);
	rr = mmap(NULL, sizeof(*rr) * MAX_READERS, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rr == MAP_FAILED || access(LKRG_DEVICE_PATH, F_OK) == 0) {
		printf("Bail out! clkrg must not be loaded when cycles starts\n");
		return 1;
	}

	t0 = sx_now();
	for (i = 0; i < cycles; i++, done++)
		if (cycle(i, PARAMS, failed))
			break;
	secs = sx_now() - t0;
	tap_ok(done == cycles, "%d of %d cycles of load, readers, events, shutdown, close, unload ran (%.1f s, %.2f s per cycle)",
	       done, cycles, secs, done ? secs / done : 0);
#define RULE(r, desc) do { \
		tap_ok(!failed[r] && done == cycles, desc " (%d cycles failed)", failed[r]); \
		if (failed[r]) \
			tap_diag("  first: %s", first_fail[r]); \
	} while (0)
	RULE(R_LOAD, "finit_module(clkrg.ko) succeeds every cycle");
	RULE(R_START, "objects from a fresh handle after load: the same start value every cycle");
	RULE(R_COUNTED, "objects from a fresh handle: start + the open readers");
	RULE(R_BACK, "objects back to start + readers after another process opened and closed 10 times");
	RULE(R_SHUTDOWN, "SHUTDOWN succeeds with readers blocked in read()");
	RULE(R_READERS, "every reader: the records left, the shutdown record last, EOF; seqs strictly increasing and contiguous");
	RULE(R_EVENTS, "every reader got each burst record or a LOST record naming it");
	RULE(R_ENODEV, "after SHUTDOWN: GET_STATUS and open() are ENODEV");
	RULE(R_UNLOAD, "delete_module succeeds right after the last close; /dev/lkrg is gone");
	tap_diag("objects start value %llu", (unsigned long long)start_objects);

	/* The same check with test_leak=1 must fail every cycle. */
	memset(first_fail, 0, sizeof(first_fail));
	snprintf(params, sizeof(params), "%s test_leak=1", PARAMS);
	for (i = 0; i < leak_cycles; i++, leak_done++) {
		int before = lfailed[R_BACK] + lfailed[R_COUNTED];

		if (cycle(cycles + i, params, lfailed))
			break;
		if (lfailed[R_BACK] + lfailed[R_COUNTED] > before)
			leak_failed++;
	}
	tap_ok(leak_done == leak_cycles && leak_failed == leak_cycles,
	       "with test_leak=1 the same objects checks fail in %d of %d cycles (leak detector works)",
	       leak_failed, leak_cycles);
	if (first_fail[R_COUNTED][0])
		tap_diag("  %s", first_fail[R_COUNTED]);
	if (first_fail[R_BACK][0])
		tap_diag("  %s", first_fail[R_BACK]);
	return tap_done();
}
