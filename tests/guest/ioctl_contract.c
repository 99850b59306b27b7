// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_contract: checks the /dev/lkrg ABI contract of include/uapi/linux/
 * lkrg.h from userspace, as root, on a clean system. Prints TAP.
 *
 * For every struct ioctl: the exact size works; a size below VER0 is
 * EINVAL; a larger size with a nonzero tail is E2BIG with ->size set to the
 * kernel's size; a larger size with a zero tail works; nonzero flags and
 * each nonzero reserved field are EINVAL; a NULL argument is EFAULT. Then
 * the command-specific rules: versions, the HELLO bitmask, unknown numbers,
 * POLICY_GET/SET errors, BLOCK_MODULES_SET range, read() and poll().
 */
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/lkrg.h>

#include "tap.h"

#define BUF_SIZE	1024	/* any struct + tail */
#define TAIL		8	/* bytes appended in the "larger" cases */

/* A reserved member: @count elements of @elem bytes at @off. */
struct field {
	size_t off;
	size_t elem;
	size_t count;
	const char *name;
};

struct ioc {
	const char *name;
	unsigned long cmd;
	size_t size;		/* sizeof(struct) of this header */
	size_t ver0;
	void (*prep)(void *buf);	/* valid input beyond size/flags */
	struct field reserved[4];
};

static int fd = -1;
static struct lkrg_knob settable;	/* a knob POLICY_SET may rewrite */
static __u32 block_mode;		/* current BLOCK_MODULES mode */

#define MEMBER(type, m)	(((type *)0)->m)
#define F(type, m)	{ offsetof(type, m), sizeof(MEMBER(type, m)), 1, #m }
#define FA(type, m)	{ offsetof(type, m), sizeof(MEMBER(type, m)[0]), \
			  sizeof(MEMBER(type, m)) / sizeof(MEMBER(type, m)[0]), #m }

static void prep_none(void *buf)
{
	(void)buf;
}

static void prep_block_set(void *buf)
{
	((struct lkrg_block_modules *)buf)->mode = block_mode;
}

static void prep_policy_get(void *buf)
{
	struct lkrg_policy_get *g = buf;

	g->count = 0;
	g->knob_size = sizeof(struct lkrg_knob);
	g->knobs = 0;
}

static void prep_policy_set(void *buf)
{
	struct lkrg_policy_set *s = buf;

	memcpy(s->name, settable.name, sizeof(s->name));
	s->value = settable.value;
}

static const struct ioc iocs[] = {
	{ "HELLO", LKRG_IOC_HELLO, sizeof(struct lkrg_hello),
	  LKRG_HELLO_SIZE_VER0, prep_none,
	  { F(struct lkrg_hello, reserved0),
	    FA(struct lkrg_hello, reserved) } },
	{ "FORCE_RUN", LKRG_IOC_FORCE_RUN, sizeof(struct lkrg_check),
	  LKRG_CHECK_SIZE_VER0, prep_none,
	  { FA(struct lkrg_check, reserved) } },
	{ "REBASELINE", LKRG_IOC_REBASELINE, sizeof(struct lkrg_rebaseline),
	  LKRG_REBASELINE_SIZE_VER0, prep_none,
	  { FA(struct lkrg_rebaseline, reserved) } },
	{ "BLOCK_MODULES_GET", LKRG_IOC_BLOCK_MODULES_GET,
	  sizeof(struct lkrg_block_modules), LKRG_BLOCK_MODULES_SIZE_VER0,
	  prep_none,
	  { F(struct lkrg_block_modules, reserved0),
	    FA(struct lkrg_block_modules, reserved) } },
	{ "BLOCK_MODULES_SET", LKRG_IOC_BLOCK_MODULES_SET,
	  sizeof(struct lkrg_block_modules), LKRG_BLOCK_MODULES_SIZE_VER0,
	  prep_block_set,
	  { F(struct lkrg_block_modules, reserved0),
	    FA(struct lkrg_block_modules, reserved) } },
	{ "GET_STATUS", LKRG_IOC_GET_STATUS, sizeof(struct lkrg_status),
	  LKRG_STATUS_SIZE_VER0, prep_none,
	  { FA(struct lkrg_status, reserved) } },
	{ "POLICY_GET", LKRG_IOC_POLICY_GET, sizeof(struct lkrg_policy_get),
	  LKRG_POLICY_GET_SIZE_VER0, prep_policy_get,
	  { FA(struct lkrg_policy_get, reserved) } },
	{ "POLICY_SET", LKRG_IOC_POLICY_SET, sizeof(struct lkrg_policy_set),
	  LKRG_POLICY_SET_SIZE_VER0, prep_policy_set,
	  { FA(struct lkrg_policy_set, reserved) } },
};

_Static_assert(sizeof(struct lkrg_hello) == LKRG_HELLO_SIZE_VER0, "hello");
_Static_assert(sizeof(struct lkrg_status) == LKRG_STATUS_SIZE_VER0, "status");
_Static_assert(sizeof(struct lkrg_knob) == LKRG_KNOB_SIZE_VER0, "knob");

static union {
	unsigned char b[BUF_SIZE];
	__u64 align;
} buf;

/* Fills buf with a valid argument of @size bytes (zero beyond). */
static void prepare(const struct ioc *c, __u32 size)
{
	memset(buf.b, 0, sizeof(buf.b));
	c->prep(buf.b);
	memcpy(buf.b, &size, sizeof(size));
}

static int call(const struct ioc *c, int *err)
{
	int ret = ioctl(fd, c->cmd, buf.b);

	*err = errno;
	return ret;
}

static __u32 size_field(void)
{
	__u32 v;

	memcpy(&v, buf.b, sizeof(v));
	return v;
}

static void check_generic(const struct ioc *c)
{
	char what[128];
	__u32 one = 1;
	int ret, err, rsv_ok = 1;
	size_t i, j, nrsv = 0;

	prepare(c, c->size);
	ret = call(c, &err);
	snprintf(what, sizeof(what), "%s exact size %zu", c->name, c->size);
	tap_success(ret, err, what);

	prepare(c, 0);
	ret = call(c, &err);
	snprintf(what, sizeof(what), "%s size 0", c->name);
	tap_errno(ret, err, EINVAL, what);

	prepare(c, c->ver0 - 1);
	ret = call(c, &err);
	snprintf(what, sizeof(what), "%s size VER0-1 (%zu)", c->name, c->ver0 - 1);
	tap_errno(ret, err, EINVAL, what);

	prepare(c, c->size + TAIL);
	buf.b[c->size + TAIL - 1] = 0x5a;
	ret = call(c, &err);
	snprintf(what, sizeof(what), "%s size +%d, nonzero tail", c->name, TAIL);
	tap_errno(ret, err, E2BIG, what);
	tap_ok(size_field() == c->size,
	       "%s E2BIG writes the kernel's size back (%zu, got %u)",
	       c->name, c->size, size_field());

	prepare(c, c->size + TAIL);
	ret = call(c, &err);
	snprintf(what, sizeof(what), "%s size +%d, zero tail", c->name, TAIL);
	tap_success(ret, err, what);
	tap_ok(size_field() == c->size,
	       "%s larger size: ->size is the size written (%zu, got %u)",
	       c->name, c->size, size_field());

	prepare(c, c->size);
	memcpy(buf.b + 4, &one, sizeof(one));
	ret = call(c, &err);
	snprintf(what, sizeof(what), "%s flags 1", c->name);
	tap_errno(ret, err, EINVAL, what);

	for (i = 0; i < 4 && c->reserved[i].name; i++) {
		const struct field *r = &c->reserved[i];

		for (j = 0; j < r->count; j++) {
			prepare(c, c->size);
			buf.b[r->off + j * r->elem] = 1;
			ret = call(c, &err);
			if (ret == -1 && err == EINVAL)
				continue;
			tap_diag("%s %s[%zu] nonzero: ret %d errno %s", c->name,
				 r->name, j, ret, strerrorname_np(err));
			rsv_ok = 0;
		}
		nrsv += r->count;
	}
	tap_ok(rsv_ok && nrsv > 0, "%s each of %zu reserved fields nonzero -> EINVAL",
	       c->name, nrsv);

	ret = ioctl(fd, c->cmd, NULL);
	err = errno;
	snprintf(what, sizeof(what), "%s NULL argument", c->name);
	tap_errno(ret, err, EFAULT, what);
}

static int ioc_bit(const struct lkrg_hello *h, unsigned int nr)
{
	return !!(h->ioctls[nr / 64] & (1ULL << (nr % 64)));
}

static void check_versions(void)
{
	static const unsigned int known[] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11 };
	static const unsigned int unknown[] = { 0x08, 0x0f, 0x12, 0xff };
	struct lkrg_hello h = { .size = sizeof(h) };
	int ret, err, all = 1;
	size_t i;

	ret = ioctl(fd, LKRG_IOC_API_VERSION, 0);
	tap_ok(ret == LKRG_API_VERSION, "API_VERSION returns %d (got %d)",
	       LKRG_API_VERSION, ret);
	ret = ioctl(fd, LKRG_IOC_API_VERSION, 1UL);
	err = errno;
	tap_errno(ret, err, EINVAL, "API_VERSION with arg 1");

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

static void check_unknown_commands(void)
{
	static const unsigned int nrs[] = { 0x08, 0x0f, 0x12, 0xff };
	struct lkrg_hello h = { .size = sizeof(h) };
	char what[64];
	int ret, err;
	size_t i;

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		ret = ioctl(fd, _IO(LKRG_IOC_MAGIC, nrs[i]), 0);
		err = errno;
		snprintf(what, sizeof(what), "unknown nr 0x%02x", nrs[i]);
		tap_errno(ret, err, ENOTTY, what);
	}
	ret = ioctl(fd, _IOWR(LKRG_IOC_MAGIC + 1, 0x01,
			      __u8[LKRG_HELLO_SIZE_VER0]), &h);
	err = errno;
	tap_errno(ret, err, ENOTTY, "HELLO's number with another magic");
}

static void check_shutdown_arg(void)
{
	struct lkrg_status st = { .size = sizeof(st) };
	int ret, err;

	ret = ioctl(fd, LKRG_IOC_SHUTDOWN, 1UL);
	err = errno;
	tap_errno(ret, err, EINVAL, "SHUTDOWN with arg 1");
	ret = ioctl(fd, LKRG_IOC_GET_STATUS, &st);
	tap_ok(ret == 0 && st.shutting_down == 0,
	       "not shutting down after the refused SHUTDOWN");
}

/* Reads the knob list; picks a knob POLICY_SET accepts at run time. */
static struct lkrg_knob *load_knobs(__u32 *count)
{
	struct lkrg_policy_get g = { .size = sizeof(g),
				     .knob_size = sizeof(struct lkrg_knob) };
	struct lkrg_knob *k;
	__u32 i;

	if (ioctl(fd, LKRG_IOC_POLICY_GET, &g) || !g.count)
		return NULL;
	k = calloc(g.count, sizeof(*k));
	if (!k)
		return NULL;
	g.knobs = (uintptr_t)k;
	if (ioctl(fd, LKRG_IOC_POLICY_GET, &g)) {
		free(k);
		return NULL;
	}
	*count = g.count;
	for (i = 0; i < g.count; i++)
		if (!(k[i].flags & LKRG_KNOB_F_LOAD_ONLY)) {
			settable = k[i];
			break;
		}
	return k;
}

static void check_policy_get(void)
{
	struct lkrg_policy_get g = { .size = sizeof(g),
				     .knob_size = sizeof(struct lkrg_knob) };
	struct lkrg_knob *k;
	__u32 n, i;
	int ret, err, good = 1;

	ret = ioctl(fd, LKRG_IOC_POLICY_GET, &g);
	n = g.count;
	tap_ok(ret == 0 && n > 0, "POLICY_GET count 0 returns the number of knobs (%u)", n);
	k = calloc(n + 1, sizeof(*k));
	if (!k)
		abort();

	if (n >= 2) {
		g.count = n - 1;
		g.knobs = (uintptr_t)k;
		ret = ioctl(fd, LKRG_IOC_POLICY_GET, &g);
		err = errno;
		tap_errno(ret, err, ENOSPC, "POLICY_GET count too small");
		tap_ok(g.count == n, "ENOSPC sets count to %u (got %u)", n, g.count);
	} else {
		tap_ok(1, "POLICY_GET count too small # SKIP fewer than 2 knobs");
		tap_ok(1, "ENOSPC sets count # SKIP fewer than 2 knobs");
	}

	g.count = n;
	g.knob_size = LKRG_KNOB_SIZE_VER0 - 1;
	g.knobs = (uintptr_t)k;
	ret = ioctl(fd, LKRG_IOC_POLICY_GET, &g);
	err = errno;
	tap_errno(ret, err, EINVAL, "POLICY_GET knob_size VER0-1");

	g.count = n;
	g.knob_size = sizeof(*k);
	ret = ioctl(fd, LKRG_IOC_POLICY_GET, &g);
	err = errno;
	tap_success(ret, err, "POLICY_GET with room for every knob");
	for (i = 0; ret == 0 && i < n; i++) {
		if (!k[i].name[0] || !memchr(k[i].name, 0, sizeof(k[i].name)) ||
		    k[i].value < k[i].min || k[i].value > k[i].max) {
			tap_diag("knob %u malformed", i);
			good = 0;
		}
	}
	tap_ok(ret == 0 && good, "every knob has a name and a value in min..max");
	free(k);
}

static void check_policy_set(void)
{
	struct lkrg_policy_set s = { .size = sizeof(s) };
	int ret, err;

	strcpy((char *)s.name, "no_such_knob");
	ret = ioctl(fd, LKRG_IOC_POLICY_SET, &s);
	err = errno;
	tap_errno(ret, err, ENOENT, "POLICY_SET unknown name");

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	memcpy(s.name, settable.name, sizeof(s.name));
	if (settable.name[0] && settable.max < INT64_MAX) {
		s.value = settable.max + 1;
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
	struct lkrg_block_modules b = { .size = sizeof(b) };
	__u32 nknobs = 0;
	struct lkrg_knob *k;
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("Bail out! open %s: %s\n", LKRG_DEVICE_PATH, strerror(errno));
		return 1;
	}
	if (ioctl(fd, LKRG_IOC_BLOCK_MODULES_GET, &b) == 0)
		block_mode = b.mode;
	k = load_knobs(&nknobs);
	tap_ok(k && settable.name[0],
	       "POLICY_GET lists %u knobs, one settable at run time (%s)",
	       nknobs, (const char *)settable.name);
	free(k);

	check_versions();
	for (i = 0; i < sizeof(iocs) / sizeof(iocs[0]); i++)
		check_generic(&iocs[i]);
	check_unknown_commands();
	check_shutdown_arg();
	check_policy_get();
	check_policy_set();
	check_block_range();
	check_read_poll();
	close(fd);
	return tap_done();
}
