// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_semantics: the per-command rules of the /dev/lkrg ABI, as root on a
 * clean system. Prints TAP.
 *
 * HELLO's versions, command bitmask and max_event_size; the array protocol
 * of POLICY_GET and STATS (count 0 asks, too small is ENOSPC with the count,
 * a stride below VER0 is EINVAL); POLICY_SET's ENOENT/ERANGE/EINVAL;
 * BLOCK_MODULES_SET's range; read() and poll() on the event stream.
 */
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/lkrg.h>

#include "lkrgt.h"
#include "tap.h"

static int fd = -1;

/* The prefix POLICY_GET and STATS share. */
struct array_arg {
	__u32 size;
	__u32 flags;
	__u32 count;
	__u32 stride;
	__u64 ptr;
	__u64 rest[5];		/* generation/reserved: zero */
};

_Static_assert(offsetof(struct lkrg_policy_get, knobs) ==
	       offsetof(struct array_arg, ptr), "policy_get layout");
_Static_assert(offsetof(struct lkrg_stats, rows) ==
	       offsetof(struct array_arg, ptr), "stats layout");

struct array_ioc {
	const char *name;
	unsigned long cmd;
	size_t size;		/* sizeof the command struct */
	size_t elem;		/* sizeof an element */
	size_t elem_ver0;
	/* 1 when element i of n is well-formed */
	int (*valid)(const void *elem, __u32 i);
};

static int ioc_bit(const struct lkrg_hello *h, unsigned int nr)
{
	return !!(h->ioctls[nr / 64] & (1ULL << (nr % 64)));
}

static void check_hello(void)
{
	static const unsigned int known[] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11,
		0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x20, 0x21 };
	static const unsigned int unknown[] = { 0x08, 0x0f, 0x18, 0x22, 0xff };
	struct lkrg_hello h = { .size = sizeof(h) };
	int ret, all = 1;
	size_t i;

	ret = ioctl(fd, LKRG_IOC_HELLO, &h);
	tap_ok(ret == 0 && h.api_version == LKRG_API_VERSION &&
	       h.schema_version == LKRG_SCHEMA_VERSION,
	       "HELLO reports api %d schema %d (got %u %u)", LKRG_API_VERSION,
	       LKRG_SCHEMA_VERSION, h.api_version, h.schema_version);
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!ioc_bit(&h, known[i])) {
			tap_diag("ioctl nr 0x%02x missing from HELLO", known[i]);
			all = 0;
		}
	tap_ok(all, "HELLO ioctl bitmask has every defined command");
	all = 1;
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		if (ioc_bit(&h, unknown[i])) {
			tap_diag("unknown nr 0x%02x set in HELLO", unknown[i]);
			all = 0;
		}
	tap_ok(all, "HELLO ioctl bitmask has no undefined command");
	tap_ok(h.max_event_size >= LKRG_EVENT_HDR_SIZE,
	       "HELLO max_event_size >= %d (got %u)", LKRG_EVENT_HDR_SIZE,
	       h.max_event_size);
}

static int knob_valid(const void *elem, __u32 i)
{
	const struct lkrg_knob *k = elem;

	(void)i;
	return k->name[0] && memchr(k->name, 0, sizeof(k->name)) &&
	       k->value >= k->min && k->value <= k->max;
}

static int stats_row_valid(const void *elem, __u32 i)
{
	const struct lkrg_stats_row *r = elem;

	(void)i;
	return r->name[0] && memchr(r->name, 0, sizeof(r->name)) &&
	       r->fired == r->started + r->coalesced &&
	       r->max_ns <= r->total_ns;
}

static const struct array_ioc arrays[] = {
	{ "POLICY_GET", LKRG_IOC_POLICY_GET, sizeof(struct lkrg_policy_get),
	  sizeof(struct lkrg_knob), LKRG_KNOB_SIZE_VER0, knob_valid },
	{ "STATS", LKRG_IOC_STATS, sizeof(struct lkrg_stats),
	  sizeof(struct lkrg_stats_row), LKRG_STATS_ROW_SIZE_VER0,
	  stats_row_valid },
};

static int array_call(const struct array_ioc *a, struct array_arg *arg,
		      __u32 count, __u32 stride, void *ptr, int *err)
{
	int ret;

	memset(arg, 0, sizeof(*arg));
	arg->size = a->size;
	arg->count = count;
	arg->stride = stride;
	arg->ptr = (uintptr_t)ptr;
	ret = ioctl(fd, a->cmd, arg);
	*err = errno;
	return ret;
}

static void check_array(const struct array_ioc *a)
{
	struct array_arg arg;
	char what[96];
	unsigned char *buf;
	__u32 n, i;
	int ret, err, good = 1;

	ret = array_call(a, &arg, 0, a->elem, NULL, &err);
	n = arg.count;
	tap_ok(ret == 0 && n > 0, "%s count 0 returns the number of entries (%u)",
	       a->name, n);
	buf = calloc(n + 1, a->elem);
	if (!buf)
		abort();

	if (n >= 2) {
		ret = array_call(a, &arg, n - 1, a->elem, buf, &err);
		snprintf(what, sizeof(what), "%s count %u (too small)", a->name, n - 1);
		tap_errno(ret, err, ENOSPC, what);
		tap_ok(arg.count == n, "%s ENOSPC sets count to %u (got %u)",
		       a->name, n, arg.count);
	} else {
		tap_ok(1, "%s count too small # SKIP fewer than 2 entries", a->name);
		tap_ok(1, "%s ENOSPC sets count # SKIP fewer than 2 entries", a->name);
	}

	ret = array_call(a, &arg, n, a->elem_ver0 - 1, buf, &err);
	snprintf(what, sizeof(what), "%s stride VER0-1 (%zu)", a->name,
		 a->elem_ver0 - 1);
	tap_errno(ret, err, EINVAL, what);

	ret = array_call(a, &arg, n, a->elem, buf, &err);
	snprintf(what, sizeof(what), "%s with room for all %u entries", a->name, n);
	tap_success(ret, err, what);
	for (i = 0; ret == 0 && i < n; i++)
		if (!a->valid(buf + (size_t)i * a->elem, i)) {
			tap_diag("%s entry %u malformed", a->name, i);
			good = 0;
		}
	tap_ok(ret == 0 && good, "%s: every entry is well-formed", a->name);
	free(buf);
}

static void check_policy_set(const struct lkrg_knob *settable)
{
	struct lkrg_policy_set s = { .size = sizeof(s) };
	int ret, err;

	strcpy((char *)s.name, "no_such_knob");
	ret = ioctl(fd, LKRG_IOC_POLICY_SET, &s);
	err = errno;
	tap_errno(ret, err, ENOENT, "POLICY_SET unknown name");

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	memcpy(s.name, settable->name, sizeof(s.name));
	if (settable->name[0] && settable->max < INT64_MAX) {
		s.value = settable->max + 1;
		ret = ioctl(fd, LKRG_IOC_POLICY_SET, &s);
		err = errno;
		tap_errno(ret, err, ERANGE, "POLICY_SET value max+1");
	} else {
		tap_ok(1, "POLICY_SET value max+1 # SKIP no bounded knob");
	}

	memset(s.name, 'a', sizeof(s.name));
	s.value = 0;
	ret = ioctl(fd, LKRG_IOC_POLICY_SET, &s);
	err = errno;
	tap_errno(ret, err, EINVAL, "POLICY_SET unterminated name");
}

static void check_block_range(void)
{
	struct lkrg_block_modules b = { .size = sizeof(b), .mode = 3 };
	int ret, err;

	ret = ioctl(fd, LKRG_IOC_BLOCK_MODULES_SET, &b);
	err = errno;
	tap_errno(ret, err, EINVAL, "BLOCK_MODULES_SET mode 3");
}

static int rebaseline(void)
{
	struct lkrg_rebaseline r = { .size = sizeof(r) };

	return ioctl(fd, LKRG_IOC_REBASELINE, &r);
}

static void check_read_poll(void)
{
	static union {
		unsigned char b[65536];
		struct lkrg_event_hdr h;
	} rb;
	struct pollfd p;
	ssize_t n;
	int rfd, err, drained = 0, rounds, ready;

	rfd = open(LKRG_DEVICE_PATH, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	tap_ok(rfd >= 0, "open %s O_RDONLY|O_NONBLOCK", LKRG_DEVICE_PATH);
	if (rfd < 0)
		abort();
	tap_ok(rebaseline() == 0, "REBASELINE (makes an event to read)");

	n = read(rfd, rb.b, LKRG_EVENT_HDR_SIZE - 1);
	err = errno;
	tap_errno((int)n, err, EINVAL, "read() with a buffer smaller than the next record");

	for (rounds = 0; rounds < 10000; rounds++) {
		n = read(rfd, rb.b, sizeof(rb.b));
		if (n <= 0)
			break;
		drained++;
	}
	err = errno;
	tap_ok(drained > 0, "read() returns the pending records (%d reads)", drained);
	tap_errno((int)n, err, EAGAIN, "O_NONBLOCK read() when caught up");

	p = (struct pollfd){ .fd = rfd, .events = POLLIN };
	tap_ok(poll(&p, 1, 0) == 0, "poll() not readable when caught up");
	rebaseline();
	p.revents = 0;
	ready = poll(&p, 1, 2000);
	tap_ok(ready == 1 && (p.revents & POLLIN),
	       "poll() readable after a new event (poll %d, revents 0x%x)",
	       ready, p.revents);
	n = read(rfd, rb.b, sizeof(rb.b));
	tap_ok(n >= LKRG_EVENT_HDR_SIZE && rb.h.len >= LKRG_EVENT_HDR_SIZE &&
	       rb.h.len % 8 == 0 && rb.h.len <= (size_t)n &&
	       rb.h.type >= LKRG_EV_LOST && rb.h.type <= LKRG_EV_INFO &&
	       rb.h.seq > 0,
	       "the new record is well-formed (read %zd, len %u type %u seq %llu)",
	       n, rb.h.len, rb.h.type, (unsigned long long)rb.h.seq);
	close(rfd);
}

int main(void)
{
	struct lkrg_knob settable = { 0 };
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("Bail out! open %s: %s\n", LKRG_DEVICE_PATH, strerror(errno));
		return 1;
	}
	tap_ok(lkrgt_settable(fd, &settable) == 0,
	       "POLICY_GET lists a knob settable at run time (%s)",
	       (const char *)settable.name);

	check_hello();
	for (i = 0; i < sizeof(arrays) / sizeof(arrays[0]); i++)
		check_array(&arrays[i]);
	check_policy_set(&settable);
	check_block_range();
	check_read_poll();
	close(fd);
	return tap_done();
}
