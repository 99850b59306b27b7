// SPDX-License-Identifier: GPL-2.0
/*
 * Event-stream figures for `make bench`, run in the guest as root:
 *  - latency: a child changes a policy knob every 2 ms (an admin event);
 *    the parent, blocked in poll(), reads the record and takes
 *    CLOCK_MONOTONIC - hdr.mono_ns, the time from the event being produced
 *    in the kernel to the reader having it. Median and p99 of N samples.
 *  - drain: the ring is filled with admin events while nobody reads, then
 *    one reader times reading all of them: events per second.
 * Prints "bench: ..." lines. All figures are TCG guest figures.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/lkrg.h>

#define SAMPLES	400

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int set_knob(int fd, const char *name, int64_t value)
{
	struct lkrg_policy_set p = { .size = sizeof(p), .value = value };

	snprintf((char *)p.name, sizeof(p.name), "%s", name);
	return ioctl(fd, LKRG_IOC_POLICY_SET, &p);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Child: one admin event every 2 ms until killed. */
static void producer(void)
{
	int fd = open("/dev/lkrg", O_RDWR);
	int64_t v = 0;

	if (fd < 0)
		_exit(1);
	for (;;) {
		set_knob(fd, "heartbeat", v);
		v ^= 1;
		usleep(2000);
	}
}

static int latency(void)
{
	static uint64_t lat[SAMPLES];
	static char buf[65536];
	int fd = open("/dev/lkrg", O_RDONLY | O_NONBLOCK);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t n = 0;
	pid_t child;

	if (fd < 0 || lseek(fd, 0, SEEK_END) < 0) {
		perror("bench: open/seek");
		return 1;
	}
	child = fork();
	if (child == 0)
		producer();
	while (n < SAMPLES) {
		ssize_t len, off;

		if (poll(&pfd, 1, 5000) <= 0)
			break;
		len = read(fd, buf, sizeof(buf));
		/* Only the first record of a wake-up measures the wake-up. */
		for (off = 0; len > 0 && off < len; off += ((struct lkrg_event_hdr *)(buf + off))->len) {
			const struct lkrg_event_hdr *h = (const void *)(buf + off);

			if (h->type == LKRG_EV_ADMIN) {
				lat[n++] = now_ns() - h->mono_ns;
				break;
			}
		}
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(fd);
	if (n < SAMPLES) {
		fprintf(stderr, "bench: only %zu latency samples\n", n);
		return 1;
	}
	qsort(lat, n, sizeof(lat[0]), cmp_u64);
	printf("bench: event_latency_us median=%.1f p99=%.1f samples=%zu\n",
	       lat[n / 2] / 1000.0, lat[n * 99 / 100] / 1000.0, n);
	return 0;
}

static int drain(void)
{
	static char buf[65536];
	int wfd = open("/dev/lkrg", O_RDWR);
	int rfd = open("/dev/lkrg", O_RDONLY | O_NONBLOCK);
	const uint64_t produced = 3000;	/* below the default 4096 slots */
	uint64_t t0, t1, got = 0, lost = 0;
	uint64_t i;

	if (wfd < 0 || rfd < 0 || lseek(rfd, 0, SEEK_END) < 0) {
		perror("bench: drain setup");
		return 1;
	}
	/* Fill the ring while nobody reads. */
	for (i = 0; i < produced; i++)
		set_knob(wfd, "heartbeat", i & 1);
	t0 = now_ns();
	for (;;) {
		ssize_t len = read(rfd, buf, sizeof(buf)), off;

		if (len < 0 && errno == EAGAIN)
			break;
		if (len <= 0) {
			perror("bench: read");
			return 1;
		}
		for (off = 0; off < len; off += ((struct lkrg_event_hdr *)(buf + off))->len) {
			const struct lkrg_event_hdr *h = (const void *)(buf + off);

			if (h->type == LKRG_EV_LOST)
				lost++;
			else
				got++;
		}
	}
	t1 = now_ns();
	set_knob(wfd, "heartbeat", 0);
	printf("bench: drain_events_per_s=%.0f events=%llu lost_records=%llu (produced %llu)\n",
	       got / ((t1 - t0) / 1e9), (unsigned long long)got,
	       (unsigned long long)lost, (unsigned long long)produced);
	return got >= produced && !lost ? 0 : 1;
}

int main(void)
{
	int ret = latency();

	ret |= drain();
	return ret;
}
