// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The event stream: read() fills a buffer with whole records, which are
 * handed out one at a time after lkrg_ev_check() and the handle's filter.
 * A record split across reads (possible on a pipe, not on the device) is
 * kept and completed. The cursor (tell/resume) accounts for the records
 * read ahead; the payload copies honour the caller's size.
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

static bool bit_set(uint64_t mask, unsigned int value)
{
	return value < 64 && (mask >> value) & 1;
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

/*
 * Whether @ev passes the handle's filter. A LOST record always does; a
 * malformed detail payload too (the caller is told when it decodes it).
 */
static bool wanted(const struct clkrg *c, const struct lkrg_event_hdr *ev)
{
	const struct clkrg_filter *f = &c->filter;
	struct lkrg_event_detail d;

	if (ev->type == LKRG_EV_LOST)
		return true;
	if (f->types && !bit_set(f->types, ev->type))
		return false;
	if (!f->severities && !f->objects)
		return true;
	if (!lkrg_ev_has_detail(ev->type))
		return false;
	if (lkrg_ev_get_detail(ev, &d))
		return true;
	return (!f->severities || bit_set(f->severities, d.severity)) &&
	       (!f->objects || bit_set(f->objects, d.object));
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
		if (ret == 1 && !wanted(c, *ev))
			continue;
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

/*
 * The sequence number of the next record clkrg_event_next() would return:
 * the first record still buffered (the first of the range a LOST record
 * names, so that resuming there reports the loss again), or the module's
 * cursor for this file when nothing is buffered.
 */
static int next_seq(struct clkrg *c, uint64_t *seq)
{
	const struct lkrg_event_hdr *h;
	struct lkrg_event_lost l;
	off_t pos;

	if (lkrg_ev_check(c->buf + c->start, c->end - c->start) > 0) {
		h = (const struct lkrg_event_hdr *)(c->buf + c->start);
		if (h->type != LKRG_EV_LOST) {
			*seq = h->seq;
			return 0;
		}
		if (!lkrg_ev_get_lost(h, &l)) {
			*seq = l.first_seq;
			return 0;
		}
	}
	pos = lseek(c->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -errno;
	*seq = (uint64_t)pos;
	return 0;
}

CLKRG_API int clkrg_event_tell(struct clkrg *c, struct clkrg_cursor *cur)
{
	struct clkrg_cursor mine = { .size = sizeof(mine) };
	struct lkrg_status st;
	uint32_t size;
	int ret;

	if (!c || !cur)
		return -EINVAL;
	size = cur->size;
	if (!clkrg__size_ok(size, CLKRG_CURSOR_SIZE_VER0))
		return -EINVAL;
	ret = clkrg_status(c, &st);
	if (!ret)
		ret = next_seq(c, &mine.seq);
	if (ret)
		return ret;
	memcpy(mine.instance_uuid, st.instance_uuid, sizeof(mine.instance_uuid));
	memset(cur, 0, size);
	memcpy(cur, &mine, size < sizeof(mine) ? size : sizeof(mine));
	cur->size = size < sizeof(mine) ? size : sizeof(mine);
	return 0;
}

CLKRG_API int clkrg_event_resume(struct clkrg *c,
				 const struct clkrg_cursor *cur)
{
	struct clkrg_cursor w;
	struct lkrg_status st;
	int ret;

	cur = CLKRG_WIDEN(cur, cur ? cur->size : 0, clkrg_cursor,
			  CLKRG_CURSOR_SIZE_VER0, &w);
	if (!c || !cur || cur->flags || cur->seq > INT64_MAX)
		return -EINVAL;
	ret = clkrg_status(c, &st);
	if (ret)
		return ret;
	if (!memcmp(cur->instance_uuid, st.instance_uuid,
		    sizeof(st.instance_uuid)) && cur->seq <= st.events_produced)
		return clkrg_event_seek(c, cur->seq);
	/* Numbers of another module load mean nothing here. */
	ret = clkrg_event_seek(c, 0);
	return ret ? ret : 1;
}

CLKRG_API int clkrg_event_filter(struct clkrg *c,
				 const struct clkrg_filter *f)
{
	struct clkrg_filter w;

	if (!c)
		return -EINVAL;
	if (!f) {
		memset(&c->filter, 0, sizeof(c->filter));
		return 0;
	}
	f = CLKRG_WIDEN(f, f->size, clkrg_filter, CLKRG_FILTER_SIZE_VER0, &w);
	if (!f || f->flags)
		return -EINVAL;
	c->filter = *f;
	return 0;
}

/* Entries of values[] inside the first @n bytes of a payload. */
static unsigned int values_sent(size_t n)
{
	size_t at = offsetof(struct lkrg_event_detail, values);

	return n <= at ? 0 : (unsigned int)((n - at) /
					    sizeof(struct lkrg_event_value));
}

/* The payload as far as @size and the library's struct both go: ->size
 * says how much of it the writer sent; nvalues counts no value it did
 * not send. */
CLKRG_API int clkrg_event_detail_sized(const struct lkrg_event_hdr *ev,
				       struct lkrg_event_detail *out,
				       size_t size)
{
	struct lkrg_event_detail d;
	size_t n = size < sizeof(d) ? size : sizeof(d);
	int ret;

	if (!ev || !out || !clkrg__size_ok(size, LKRG_EVENT_DETAIL_SIZE_VER0))
		return -EINVAL;
	ret = lkrg_ev_get_detail(ev, &d);
	if (ret)
		return ret;
	if (d.size < n)
		n = d.size;
	if (d.nvalues > values_sent(n))
		d.nvalues = (uint16_t)values_sent(n);
	memset(out, 0, size);
	memcpy(out, &d, n);
	out->size = (uint32_t)n;
	return 0;
}

CLKRG_API int clkrg_event_lost_sized(const struct lkrg_event_hdr *ev,
				     struct lkrg_event_lost *out, size_t size)
{
	struct lkrg_event_lost l;
	size_t n = size < sizeof(l) ? size : sizeof(l);
	int ret;

	if (!ev || !out || !clkrg__size_ok(size, LKRG_EVENT_LOST_SIZE_VER0))
		return -EINVAL;
	ret = lkrg_ev_get_lost(ev, &l);
	if (ret)
		return ret;
	if (l.size < n)
		n = l.size;
	memset(out, 0, size);
	memcpy(out, &l, n);
	out->size = (uint32_t)n;
	return 0;
}
