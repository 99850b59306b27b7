// SPDX-License-Identifier: GPL-2.0
/*
 * The event stream: read() fills a buffer with whole records, which are
 * handed out one at a time after lkrg_ev_check(). A record split across
 * reads (possible on a pipe, not on the device) is kept and completed.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clkrg_internal.h"
#include "../driver/core/event_codec.h"

#define NS_PER_MS	1000000LL
#define NS_PER_S	1000000000LL

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

/* poll() timeout for what is left until @deadline; -1 and 0 pass through. */
static int left_ms(int timeout_ms, long long deadline)
{
	long long left;

	if (timeout_ms <= 0)
		return timeout_ms < 0 ? -1 : 0;
	left = deadline - now_ns();
	return left <= 0 ? 0 : (int)((left + NS_PER_MS - 1) / NS_PER_MS);
}

/* 1 when the fd has something (data, EOF or an error) for read(). */
static int wait_readable(int fd, int timeout_ms, long long deadline)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;

	for (;;) {
		n = poll(&p, 1, left_ms(timeout_ms, deadline));
		if (n > 0)
			return p.revents & POLLNVAL ? -EBADF : 1;
		if (n == 0)
			return 0;
		if (errno != EINTR)
			return -errno;
	}
}

static void drop_buffer(struct clkrg *c)
{
	c->start = 0;
	c->end = 0;
}

/* 1 with *ev set, 0 when more bytes are needed, -EBADMSG. */
static int take_record(struct clkrg *c, const struct lkrg_event_hdr **ev)
{
	size_t avail = c->end - c->start;
	long len = lkrg_ev_check(c->buf + c->start, avail);
	uint32_t want;

	if (len == -EMSGSIZE) {
		if (avail < sizeof(want))
			return 0;
		memcpy(&want, c->buf + c->start, sizeof(want));
		if (want <= c->cap)
			return 0;
		len = -EINVAL;	/* can never fit: oversized */
	}
	if (len < 0) {
		/* No way to find the next record boundary in this read. */
		drop_buffer(c);
		return -EBADMSG;
	}
	*ev = (const struct lkrg_event_hdr *)(c->buf + c->start);
	c->start += (size_t)len;
	return 1;
}

/* Appends one read() behind the bytes kept: 1 read, 0 timeout, <0 error. */
static int fill(struct clkrg *c, int timeout_ms, long long deadline)
{
	ssize_t n;
	int ret;

	/* Keep a partial record at the (aligned) front. */
	memmove(c->buf, c->buf + c->start, c->end - c->start);
	c->end -= c->start;
	c->start = 0;
	ret = wait_readable(c->fd, timeout_ms, deadline);
	if (ret <= 0)
		return ret;
	do
		n = read(c->fd, c->buf + c->end, c->cap - c->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN ? 0 : -errno;
	if (n == 0) {
		ret = c->end ? -EBADMSG : -ENODEV;	/* cut-off record */
		drop_buffer(c);
		return ret;
	}
	c->end += (size_t)n;
	return 1;
}

CLKRG_API int clkrg_event_next(struct clkrg *c, int timeout_ms,
			       const struct lkrg_event_hdr **ev)
{
	long long deadline = 0;
	int ret;

	if (!c || !ev)
		return -EINVAL;
	if (timeout_ms > 0)
		deadline = now_ns() + timeout_ms * NS_PER_MS;
	for (;;) {
		ret = take_record(c, ev);
		if (ret)
			return ret;
		ret = fill(c, timeout_ms, deadline);
		if (ret <= 0)
			return ret;
	}
}

CLKRG_API int clkrg_event_seek(struct clkrg *c, uint64_t seq)
{
	off_t ret;

	if (!c || (seq > INT64_MAX && seq != CLKRG_SEQ_END))
		return -EINVAL;
	if (seq == CLKRG_SEQ_END)
		ret = lseek(c->fd, 0, SEEK_END);
	else
		ret = lseek(c->fd, (off_t)seq, SEEK_SET);
	if (ret < 0)
		return -errno;
	drop_buffer(c);
	return 0;
}

CLKRG_API int clkrg_event_detail(const struct lkrg_event_hdr *ev,
				 struct lkrg_event_detail *out)
{
	if (!ev || !out)
		return -EINVAL;
	return lkrg_ev_get_detail(ev, out);
}

CLKRG_API int clkrg_event_lost(const struct lkrg_event_hdr *ev,
			       struct lkrg_event_lost *out)
{
	if (!ev || !out)
		return -EINVAL;
	return lkrg_ev_get_lost(ev, out);
}
