// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_contract: the generic rules of the /dev/lkrg ABI (include/uapi/
 * linux/lkrg.h), as root on a clean system. Prints TAP.
 *
 * For every struct ioctl: the exact size works; a size below VER0 is
 * EINVAL; a larger size with a nonzero tail is E2BIG with ->size set to the
 * kernel's size; a larger size with a zero tail works and ->size tells the
 * bytes written; nonzero flags and each nonzero reserved field are EINVAL;
 * a NULL argument is EFAULT. Unknown numbers and another magic are ENOTTY;
 * API_VERSION and SHUTDOWN refuse a nonzero argument. The per-command
 * rules are in ioctl_semantics.c.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/lkrg.h>

#include "lkrgt.h"
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

static void prep_stats(void *buf)
{
	struct lkrg_stats *s = buf;

	s->count = 0;
	s->row_size = sizeof(struct lkrg_stats_row);
	s->rows = 0;
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
	{ "STATS", LKRG_IOC_STATS, sizeof(struct lkrg_stats),
	  LKRG_STATS_SIZE_VER0, prep_stats,
	  { FA(struct lkrg_stats, reserved) } },
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

static void check_unknown_commands(void)
{
	static const unsigned int nrs[] = { 0x08, 0x0f, 0x18, 0x22, 0xff };
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

static void check_plain_args(void)
{
	struct lkrg_status st = { .size = sizeof(st) };
	int ret, err;

	ret = ioctl(fd, LKRG_IOC_API_VERSION, 0);
	tap_ok(ret == LKRG_API_VERSION, "API_VERSION returns %d (got %d)",
	       LKRG_API_VERSION, ret);
	ret = ioctl(fd, LKRG_IOC_API_VERSION, 1UL);
	err = errno;
	tap_errno(ret, err, EINVAL, "API_VERSION with arg 1");

	ret = ioctl(fd, LKRG_IOC_SHUTDOWN, 1UL);
	err = errno;
	tap_errno(ret, err, EINVAL, "SHUTDOWN with arg 1");
	ret = ioctl(fd, LKRG_IOC_GET_STATUS, &st);
	tap_ok(ret == 0 && st.shutting_down == 0,
	       "not shutting down after the refused SHUTDOWN");
}

int main(void)
{
	struct lkrg_block_modules b = { .size = sizeof(b) };
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("Bail out! open %s: %s\n", LKRG_DEVICE_PATH, strerror(errno));
		return 1;
	}
	if (ioctl(fd, LKRG_IOC_BLOCK_MODULES_GET, &b) == 0)
		block_mode = b.mode;
	tap_ok(lkrgt_settable(fd, &settable) == 0,
	       "POLICY_GET lists a knob settable at run time (%s)",
	       (const char *)settable.name);

	for (i = 0; i < sizeof(iocs) / sizeof(iocs[0]); i++)
		check_generic(&iocs[i]);
	check_unknown_commands();
	check_plain_args();
	close(fd);
	return tap_done();
}
