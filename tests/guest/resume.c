// SPDX-License-Identifier: GPL-2.0
/*
 * resume: a reader stops, events continue, it comes back with lseek() and
 * gets exactly what it missed. Prints TAP. Needs clkrg loaded with
 * test_hooks=1 and a small ring (event_slots=64), clkrg_storm.ko loaded
 * (its "burst" parameter emits N "test" records with consecutive tags from
 * the writer, so records and tags map one to one), and nothing else
 * producing events.
 *
 * Checked: a checkpoint (SEEK_CUR 0) taken after reading is the next
 * sequence number; a new descriptor that seeks there reads exactly the
 * records emitted meanwhile, in order, then EAGAIN; seeking to the last
 * record read returns it again first; seeking into history that the ring
 * overwrote yields one LOST record naming exactly the overwritten range,
 * then exactly the retained records; the lseek() rules of the header
 * (SEEK_SET 0 oldest, SEEK_END 0 after the newest, N past the newest
 * EINVAL with the cursor kept, SEEK_CUR only 0) and poll() after a seek.
 */
#include <poll.h>

#include "suite.h"
#include "tap.h"

#define STORM	"clkrg_storm"
#define REC	(LKRG_EVENT_HDR_SIZE + LKRG_EVENT_DETAIL_SIZE_VER0)

static unsigned char buf[256 * 1024];
static int ctl = -1;

static __u64 next_tag(void)
{
	return sx_param_read(STORM, "next_tag");
}

static int burst(unsigned int n)
{
	char v[16];

	snprintf(v, sizeof(v), "%u", n);
	return sx_param_write(STORM, "burst", v);
}

static __u64 produced(void)
{
	struct lkrg_status st;

	return sx_status(ctl, &st) ? 0 : st.events_produced;
}

/*
 * Reads @fd (non-blocking) until EAGAIN and checks that it returned:
 * optionally one LOST record for [lost_first, lost_first + lost_count),
 * then exactly @n test records with seq from @seq and tags from @tag.
 * Returns 1 when it did; *why says what differed.
 */
static int expect_stream(int fd, __u64 lost_first, __u64 lost_count, __u64 seq,
			 __u64 tag, __u64 n, char *why, size_t whylen)
{
	__u64 got = 0, t = 0;
	int lost_seen = 0, bad = 0;
	ssize_t r;

	why[0] = 0;
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		const struct lkrg_event_hdr *h;
		size_t off = 0;

		while ((h = sx_next(buf, r, &off, &bad))) {
			const struct lkrg_event_lost *l = sx_lost(h);

			if (l) {
				if (lost_seen || got || !lost_count || l->first_seq != lost_first ||
				    l->count != lost_count) {
					snprintf(why, whylen, "LOST %llu+%llu (want %llu+%llu, before %llu records)",
						 (unsigned long long)l->first_seq,
						 (unsigned long long)l->count,
						 (unsigned long long)lost_first,
						 (unsigned long long)lost_count,
						 (unsigned long long)got);
					return 0;
				}
				lost_seen = 1;
				continue;
			}
			if (!sx_is_test(h, &t) || h->seq != seq + got || t != tag + got) {
				snprintf(why, whylen, "record %llu: seq %llu tag %llu type %u, want seq %llu tag %llu",
					 (unsigned long long)got, (unsigned long long)h->seq,
					 (unsigned long long)t, h->type,
					 (unsigned long long)(seq + got),
					 (unsigned long long)(tag + got));
				return 0;
			}
			got++;
		}
		if (bad) {
			snprintf(why, whylen, "malformed read");
			return 0;
		}
	}
	if (r == 0 || errno != EAGAIN) {
		snprintf(why, whylen, "read ended with %zd %s", r, r ? strerrorname_np(errno) : "EOF");
		return 0;
	}
	if (lost_count && !lost_seen) {
		snprintf(why, whylen, "no LOST record");
		return 0;
	}
	if (got != n) {
		snprintf(why, whylen, "%llu records, want %llu", (unsigned long long)got,
			 (unsigned long long)n);
		return 0;
	}
	return 1;
}

static int reopen(void)
{
	return open(LKRG_DEVICE_PATH, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

int main(void)
{
	struct lkrg_status st;
	char why[200];
	__u64 c0, t0, cp, t1, cp2, t2, next, oldest;
	off_t pos;
	int fd, ok;
	struct pollfd p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	ctl = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (ctl < 0 || next_tag() == ~0ULL || sx_status(ctl, &st)) {
		printf("Bail out! needs clkrg (test_hooks=1) and %s\n", STORM);
		return 1;
	}

	/* a reader reads 10 records and takes a checkpoint */
	fd = reopen();
	pos = lseek(fd, 0, SEEK_END);
	c0 = pos;
	tap_ok(pos > 0 && (__u64)pos == produced(),
	       "SEEK_END 0 is the next sequence number (%lld)", (long long)pos);
	t0 = next_tag();
	burst(10);
	ok = expect_stream(fd, 0, 0, c0, t0, 10, why, sizeof(why));
	tap_ok(ok, "the reader reads the 10 new records %llu..%llu in order%s%s",
	       (unsigned long long)c0, (unsigned long long)c0 + 9, ok ? "" : ": ", why);
	cp = lseek(fd, 0, SEEK_CUR);
	tap_ok(cp == c0 + 10, "SEEK_CUR 0 checkpoints the next sequence number (%llu)",
	       (unsigned long long)cp);
	close(fd);

	/* it stops; events continue; a new descriptor resumes at the checkpoint */
	t1 = next_tag();
	burst(20);
	fd = reopen();
	pos = lseek(fd, cp, SEEK_SET);
	tap_ok(pos == (off_t)cp, "a new descriptor seeks to the checkpoint %llu (got %lld)",
	       (unsigned long long)cp, (long long)pos);
	ok = expect_stream(fd, 0, 0, cp, t1, 20, why, sizeof(why));
	tap_ok(ok, "it reads exactly the 20 records it missed, then EAGAIN%s%s",
	       ok ? "" : ": ", why);

	/* seeking to the last record read returns it first */
	pos = lseek(fd, cp - 1, SEEK_SET);
	ok = pos == (off_t)(cp - 1) &&
	     expect_stream(fd, 0, 0, cp - 1, t1 - 1, 21, why, sizeof(why));
	tap_ok(ok, "seeking to its last sequence number %llu gives that record again, then the 20 (21 records)%s%s",
	       (unsigned long long)cp - 1, ok ? "" : ": ", why);

	/* the same descriptor stops while the ring wraps; its history is gone */
	cp2 = lseek(fd, 0, SEEK_CUR);
	t2 = next_tag();
	burst(100);
	next = produced();
	sx_status(ctl, &st);
	oldest = st.events_oldest;
	tap_ok(next == cp2 + 100 && oldest == next - 64,
	       "after 100 more records the ring of 64 keeps %llu..%llu (oldest %llu, next %llu)",
	       (unsigned long long)(next - 64), (unsigned long long)(next - 1),
	       (unsigned long long)oldest, (unsigned long long)next);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	tap_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLIN),
	       "poll() on the stopped reader: readable");
	ok = expect_stream(fd, cp2, oldest - cp2, oldest, t2 + (oldest - cp2), 64,
			   why, sizeof(why));
	tap_ok(ok, "it resumes with one LOST record for exactly %llu..%llu (%llu), then exactly the 64 retained%s%s",
	       (unsigned long long)cp2, (unsigned long long)oldest - 1,
	       (unsigned long long)(oldest - cp2), ok ? "" : ": ", why);

	/* a new descriptor seeking into the overwritten past */
	close(fd);
	fd = reopen();
	pos = lseek(fd, cp, SEEK_SET);
	ok = pos == (off_t)cp && expect_stream(fd, cp, oldest - cp, oldest,
					      t2 + (oldest - cp2), 64, why, sizeof(why));
	tap_ok(ok, "a new descriptor seeking to %llu (gone): LOST %llu..%llu, then the 64 retained%s%s",
	       (unsigned long long)cp, (unsigned long long)cp,
	       (unsigned long long)oldest - 1, ok ? "" : ": ", why);

	/* lseek rules */
	pos = lseek(fd, 0, SEEK_SET);
	tap_ok(pos == (off_t)oldest, "SEEK_SET 0 goes to the oldest retained record (%lld, oldest %llu)",
	       (long long)pos, (unsigned long long)oldest);
	pos = lseek(fd, next, SEEK_SET);
	tap_ok(pos == (off_t)next && read(fd, buf, sizeof(buf)) == -1 && errno == EAGAIN,
	       "SEEK_SET to the next sequence number: accepted, nothing to read");
	errno = 0;
	pos = lseek(fd, next + 1, SEEK_SET);
	tap_ok(pos == -1 && errno == EINVAL && lseek(fd, 0, SEEK_CUR) == (off_t)next,
	       "SEEK_SET past the newest: EINVAL, cursor kept");
	ok = lseek(fd, 1, SEEK_CUR) == -1 && errno == EINVAL &&
	     lseek(fd, -1, SEEK_END) == -1 && errno == EINVAL &&
	     lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL &&
	     lseek(fd, 0, SEEK_DATA) == -1 && errno == EINVAL &&
	     lseek(fd, 0, SEEK_CUR) == (off_t)next;
	tap_ok(ok, "SEEK_CUR 1, SEEK_END -1, SEEK_SET -1, SEEK_DATA: EINVAL, cursor kept");

	/* a buffer that fits the LOST record but not the next one */
	pos = lseek(fd, 1, SEEK_SET);
	{
		ssize_t r1 = read(fd, buf, LKRG_EVENT_HDR_SIZE + LKRG_EVENT_LOST_SIZE_VER0);
		const struct lkrg_event_hdr *h = (const void *)buf;
		const struct lkrg_event_lost *l = sx_lost(h);
		ssize_t r2;
		off_t cur;

		tap_ok(pos == 1 && r1 == LKRG_EVENT_HDR_SIZE + LKRG_EVENT_LOST_SIZE_VER0 &&
		       l && l->first_seq == 1 && l->count == oldest - 1,
		       "SEEK_SET 1 then a %d-byte read: just the LOST record 1..%llu",
		       LKRG_EVENT_HDR_SIZE + LKRG_EVENT_LOST_SIZE_VER0,
		       (unsigned long long)oldest - 1);
		errno = 0;
		r2 = read(fd, buf, REC - 8);
		cur = lseek(fd, 0, SEEK_CUR);
		tap_ok(r2 == -1 && errno == EINVAL && cur == (off_t)oldest,
		       "then a buffer smaller than the next record: EINVAL, cursor stays at %llu (got %lld)",
		       (unsigned long long)oldest, (long long)cur);
	}
	close(fd);
	close(ctl);
	return tap_done();
}
