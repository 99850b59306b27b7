// SPDX-License-Identifier: GPL-2.0
/*
 * perm_drop: an fd opened by root stays read-only once its owner drops to
 * uid/gid 65534. Every state-changing ioctl is EPERM and changes nothing;
 * the read-only ones (STATS too) still work; a fresh open as 65534 is EACCES. TAP.
 */
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/lkrg.h>

#include "tap.h"

#define NOBODY		65534
#define MAX_KNOBS	64

struct snapshot {
	struct lkrg_status st;
	struct lkrg_block_modules bm;
	struct lkrg_policy_get pg;
	struct lkrg_knob knobs[MAX_KNOBS];
};

static int fd = -1;

static int snap(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->st.size = sizeof(s->st);
	s->bm.size = sizeof(s->bm);
	s->pg.size = sizeof(s->pg);
	s->pg.count = MAX_KNOBS;
	s->pg.knob_size = sizeof(s->knobs[0]);
	s->pg.knobs = (uintptr_t)s->knobs;
	if (ioctl(fd, LKRG_IOC_GET_STATUS, &s->st))
		return -1;
	if (ioctl(fd, LKRG_IOC_BLOCK_MODULES_GET, &s->bm))
		return -1;
	return ioctl(fd, LKRG_IOC_POLICY_GET, &s->pg);
}

/* A knob that may be set at run time and a different allowed value. */
static int pick_change(const struct snapshot *s, struct lkrg_policy_set *set)
{
	__u32 i;

	for (i = 0; i < s->pg.count && i < MAX_KNOBS; i++) {
		const struct lkrg_knob *k = &s->knobs[i];
		__s64 v = k->value == k->min ? k->max : k->min;

		if (k->flags & LKRG_KNOB_F_LOAD_ONLY || k->min == k->max)
			continue;
		if ((k->flags & LKRG_KNOB_F_ENUM) &&
		    (v < 0 || v > 63 || !(k->allowed & (1ULL << v))))
			continue;
		memcpy(set->name, k->name, sizeof(set->name));
		set->value = v;
		return 0;
	}
	return -1;
}

static void expect_eperm(unsigned long cmd, void *arg, const char *what)
{
	int ret = ioctl(fd, cmd, arg);

	tap_errno(ret, errno, EPERM, what);
}

static void expect_ok(unsigned long cmd, void *arg, const char *what)
{
	int ret = ioctl(fd, cmd, arg);

	tap_success(ret, errno, what);
}

static void compare(const struct snapshot *a, const struct snapshot *b)
{
	__u32 i;
	int same = 1;

	tap_ok(a->st.generation == b->st.generation,
	       "baseline generation unchanged (%llu -> %llu)",
	       (unsigned long long)a->st.generation,
	       (unsigned long long)b->st.generation);
	tap_ok(a->st.checks == b->st.checks,
	       "no check ran (checks %llu -> %llu)",
	       (unsigned long long)a->st.checks,
	       (unsigned long long)b->st.checks);
	tap_ok(a->st.shutting_down == 0 && b->st.shutting_down == 0,
	       "not shutting down");
	tap_ok(a->bm.mode == b->bm.mode && a->st.block_modules == b->st.block_modules,
	       "block_modules mode unchanged (%u -> %u)", a->bm.mode, b->bm.mode);
	tap_ok(a->pg.generation == b->pg.generation,
	       "policy generation unchanged (%llu -> %llu)",
	       (unsigned long long)a->pg.generation,
	       (unsigned long long)b->pg.generation);
	for (i = 0; i < a->pg.count && i < MAX_KNOBS; i++)
		if (a->knobs[i].value != b->knobs[i].value) {
			tap_diag("knob %s changed", (const char *)a->knobs[i].name);
			same = 0;
		}
	tap_ok(same && a->pg.count == b->pg.count, "every knob value unchanged");
}

int main(void)
{
	struct snapshot before, after;
	struct lkrg_check chk = { .size = sizeof(chk) };
	struct lkrg_rebaseline rb = { .size = sizeof(rb) };
	struct lkrg_block_modules bm = { .size = sizeof(bm) };
	struct lkrg_policy_set ps = { .size = sizeof(ps) };
	struct lkrg_hello h = { .size = sizeof(h) };
	struct lkrg_stats stats = { .size = sizeof(stats),
				    .row_size = sizeof(struct lkrg_stats_row) };
	int ret, fd2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0 || snap(&before)) {
		printf("Bail out! %s as root: %s\n", LKRG_DEVICE_PATH, strerror(errno));
		return 1;
	}
	tap_ok(pick_change(&before, &ps) == 0, "found a knob to try to change (%s)",
	       (const char *)ps.name);
	bm.mode = before.bm.mode == LKRG_BLOCK_OFF ? LKRG_BLOCK_ON : LKRG_BLOCK_OFF;

	ret = setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	      setresuid(NOBODY, NOBODY, NOBODY);
	tap_ok(ret == 0 && getuid() == NOBODY && geteuid() == NOBODY,
	       "dropped to uid/gid %d, fd kept", NOBODY);

	expect_eperm(LKRG_IOC_FORCE_RUN, &chk, "FORCE_RUN as nobody");
	expect_eperm(LKRG_IOC_REBASELINE, &rb, "REBASELINE as nobody");
	expect_eperm(LKRG_IOC_BLOCK_MODULES_SET, &bm, "BLOCK_MODULES_SET as nobody");
	expect_eperm(LKRG_IOC_POLICY_SET, &ps, "POLICY_SET as nobody");
	expect_eperm(LKRG_IOC_SHUTDOWN, NULL, "SHUTDOWN as nobody");

	ret = ioctl(fd, LKRG_IOC_API_VERSION, 0);
	tap_ok(ret == LKRG_API_VERSION, "API_VERSION as nobody (got %d)", ret);
	expect_ok(LKRG_IOC_HELLO, &h, "HELLO as nobody");
	expect_ok(LKRG_IOC_STATS, &stats, "STATS as nobody");
	tap_ok(snap(&after) == 0, "GET_STATUS, BLOCK_MODULES_GET, POLICY_GET as nobody");
	compare(&before, &after);

	fd2 = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	tap_errno(fd2, errno, EACCES, "open() as nobody");
	if (fd2 >= 0)
		close(fd2);
	close(fd);
	return tap_done();
}
