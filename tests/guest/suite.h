/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the stress/edge guest programs (ioctl_edges, fuzz,
 * storm_reader, cycles, resume, perm_group): the module's observable state
 * and a comparison of two snapshots, walking read() buffers, a small PRNG
 * and sysfs parameter access. Header-only, static.
 */
#ifndef CLKRG_GUEST_SUITE_H
#define CLKRG_GUEST_SUITE_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/lkrg.h>

#define SX_MAX_KNOBS	64

/* Everything a command could change, as an unprivileged reader sees it. */
struct sx_state {
	struct lkrg_status st;
	struct lkrg_block_modules bm;
	struct lkrg_policy_get pg;
	struct lkrg_knob knobs[SX_MAX_KNOBS];
	struct lkrg_umh_list ul;	/* count and generation (0 without UMH_LIST) */
	/* the hook owner allow-list's count and generation, likewise */
	struct lkrg_hook_allow_list hl;
};

static inline int sx_status(int fd, struct lkrg_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return ioctl(fd, LKRG_IOC_GET_STATUS, st);
}

static inline int sx_snap(int fd, struct sx_state *s)
{
	memset(s, 0, sizeof(*s));
	s->bm.size = sizeof(s->bm);
	s->pg.size = sizeof(s->pg);
	s->pg.count = SX_MAX_KNOBS;
	s->pg.knob_size = sizeof(s->knobs[0]);
	s->pg.knobs = (uintptr_t)s->knobs;
	if (sx_status(fd, &s->st))
		return -1;
	if (ioctl(fd, LKRG_IOC_BLOCK_MODULES_GET, &s->bm))
		return -1;
	if (ioctl(fd, LKRG_IOC_POLICY_GET, &s->pg))
		return -1;
	s->ul.size = sizeof(s->ul);
	/* a module without the allow-list: its state is all zero */
	if (ioctl(fd, LKRG_IOC_UMH_LIST, &s->ul) && errno != ENOTTY)
		return -1;
	s->hl.size = sizeof(s->hl);
	if (ioctl(fd, LKRG_IOC_HOOK_ALLOW_LIST, &s->hl) && errno != ENOTTY)
		return -1;
	return 0;
}

/*
 * Compares two snapshots; writes what differs to @why (may be NULL).
 * @events: also require that no event was produced in between.
 */
static inline int sx_same(const struct sx_state *a, const struct sx_state *b,
			  int events, char *why, size_t whylen)
{
	char tmp[256] = "";
	size_t n = 0;
	__u32 i;

#define SX_DIFF(cond, ...) do { \
		if ((cond) && n < sizeof(tmp)) \
			n += snprintf(tmp + n, sizeof(tmp) - n, __VA_ARGS__); \
	} while (0)
	SX_DIFF(a->st.generation != b->st.generation, " generation %llu->%llu",
		(unsigned long long)a->st.generation,
		(unsigned long long)b->st.generation);
	SX_DIFF(a->st.checks != b->st.checks, " checks %llu->%llu",
		(unsigned long long)a->st.checks,
		(unsigned long long)b->st.checks);
	SX_DIFF(a->st.shutting_down != b->st.shutting_down, " shutting_down %u->%u",
		a->st.shutting_down, b->st.shutting_down);
	SX_DIFF(a->st.block_modules != b->st.block_modules ||
		a->bm.mode != b->bm.mode, " block_modules %u->%u",
		a->bm.mode, b->bm.mode);
	SX_DIFF(a->bm.refused != b->bm.refused, " refused %llu->%llu",
		(unsigned long long)a->bm.refused,
		(unsigned long long)b->bm.refused);
	SX_DIFF(a->pg.generation != b->pg.generation, " policy generation %llu->%llu",
		(unsigned long long)a->pg.generation,
		(unsigned long long)b->pg.generation);
	SX_DIFF(a->pg.count != b->pg.count, " knob count %u->%u",
		a->pg.count, b->pg.count);
	for (i = 0; i < a->pg.count && i < SX_MAX_KNOBS; i++)
		SX_DIFF(a->knobs[i].value != b->knobs[i].value, " %s %lld->%lld",
			(const char *)a->knobs[i].name,
			(long long)a->knobs[i].value,
			(long long)b->knobs[i].value);
	SX_DIFF(a->ul.generation != b->ul.generation || a->ul.count != b->ul.count,
		" allow-list generation %llu->%llu count %u->%u",
		(unsigned long long)a->ul.generation,
		(unsigned long long)b->ul.generation, a->ul.count, b->ul.count);
	SX_DIFF(a->hl.generation != b->hl.generation || a->hl.count != b->hl.count,
		" hook owner list generation %llu->%llu count %u->%u",
		(unsigned long long)a->hl.generation,
		(unsigned long long)b->hl.generation, a->hl.count, b->hl.count);
	SX_DIFF(memcmp(a->st.instance_uuid, b->st.instance_uuid,
		       sizeof(a->st.instance_uuid)), " instance changed");
	SX_DIFF(events && a->st.events_produced != b->st.events_produced,
		" events_produced %llu->%llu",
		(unsigned long long)a->st.events_produced,
		(unsigned long long)b->st.events_produced);
#undef SX_DIFF
	if (why && whylen)
		snprintf(why, whylen, "%s", n ? tmp + 1 : "");
	return n == 0;
}

/* The first knob named @name, or NULL. */
static inline const struct lkrg_knob *sx_knob(const struct sx_state *s,
					      const char *name)
{
	__u32 i;

	for (i = 0; i < s->pg.count && i < SX_MAX_KNOBS; i++)
		if (!strcmp((const char *)s->knobs[i].name, name))
			return &s->knobs[i];
	return NULL;
}

static inline int sx_policy_set(int fd, const char *name, __s64 value)
{
	struct lkrg_policy_set s = { .size = sizeof(s), .value = value };

	snprintf((char *)s.name, sizeof(s.name), "%s", name);
	return ioctl(fd, LKRG_IOC_POLICY_SET, &s);
}

/*
 * Walks the records of a read() buffer: returns the record at *@off and
 * advances, or NULL at the end. A malformed record (len not a multiple of
 * 8, shorter than a header or past the end) sets *@bad and ends the walk.
 */
static inline const struct lkrg_event_hdr *sx_next(const void *buf, size_t len,
						   size_t *off, int *bad)
{
	const struct lkrg_event_hdr *h;

	if (*off >= len)
		return NULL;
	if (len - *off < LKRG_EVENT_HDR_SIZE) {
		*bad = 1;
		return NULL;
	}
	h = (const void *)((const char *)buf + *off);
	if (h->len < LKRG_EVENT_HDR_SIZE || h->len % 8 || h->len > len - *off) {
		*bad = 1;
		return NULL;
	}
	*off += h->len;
	return h;
}

static inline const struct lkrg_event_detail *sx_detail(const struct lkrg_event_hdr *h)
{
	if (h->type < LKRG_EV_VIOLATION || h->type > LKRG_EV_INFO ||
	    h->len < LKRG_EVENT_HDR_SIZE + LKRG_EVENT_DETAIL_SIZE_VER0)
		return NULL;
	return (const void *)(h + 1);
}

static inline const struct lkrg_event_lost *sx_lost(const struct lkrg_event_hdr *h)
{
	if (h->type != LKRG_EV_LOST ||
	    h->len < LKRG_EVENT_HDR_SIZE + LKRG_EVENT_LOST_SIZE_VER0)
		return NULL;
	return (const void *)(h + 1);
}

/* A "test" record of clkrg_test_emit(); its tag in *@tag. */
static inline int sx_is_test(const struct lkrg_event_hdr *h, __u64 *tag)
{
	const struct lkrg_event_detail *d = sx_detail(h);

	if (!d || h->type != LKRG_EV_INFO || strcmp((const char *)d->name, "test") ||
	    d->nvalues < 1 || strcmp((const char *)d->values[0].field, "tag"))
		return 0;
	if (tag)
		*tag = d->values[0].actual;
	return 1;
}

/* xorshift64*: fast, seedable, good enough to pick test inputs. */
static inline uint64_t sx_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static inline uint64_t sx_below(uint64_t *s, uint64_t n)
{
	return n ? sx_rand(s) % n : 0;
}

static inline double sx_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Writes @val to /sys/module/@mod/parameters/@param; 0 or -1. */
static inline int sx_param_write(const char *mod, const char *param,
				 const char *val)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod, param);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/* Reads an unsigned parameter; ~0ULL on error. */
static inline unsigned long long sx_param_read(const char *mod, const char *param)
{
	char path[256], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/module/%s/parameters/%s", mod, param);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ~0ULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return ~0ULL;
	buf[n] = 0;
	return strtoull(buf, NULL, 0);
}

#endif
