// SPDX-License-Identifier: GPL-2.0
/* clkrg_event_next() walking its buffer, fed through a pipe that stands in
 * for /dev/lkrg's read() stream. */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "tests.h"

static struct clkrg *c;
static int wfd = -1;

static void setup(void)
{
	c = pipe_handle(&wfd);
}

static void teardown(void)
{
	clkrg_close(c);
	if (wfd >= 0)
		close(wfd);
	wfd = -1;
}

static void close_writer(void)
{
	close(wfd);
	wfd = -1;
}

static void write_record(__u64 seq)
{
	struct lkrg_event_record r;

	sample_violation(&r);
	r.hdr.seq = seq;
	write_all(wfd, &r, sizeof(r));
}

static __u64 next_seq(int timeout_ms)
{
	const struct lkrg_event_hdr *ev = NULL;

	ck_assert_int_eq(clkrg_event_next(c, timeout_ms, &ev), 1);
	ck_assert_uint_eq((uintptr_t)ev % 8, 0);
	ck_assert_uint_eq(ev->len, LKRG_EV_DETAIL_RECORD_SIZE);
	return ev->seq;
}

static long long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

START_TEST(several_records_one_read)
{
	struct lkrg_event_record r[3];
	const struct lkrg_event_hdr *ev;
	int i, pending = -1;

	for (i = 0; i < 3; i++) {
		sample_violation(&r[i]);
		r[i].hdr.seq = 100 + (unsigned)i;
	}
	write_all(wfd, r, sizeof(r));
	ck_assert_uint_eq(next_seq(0), 100);
	/* One read() took all three. */
	ck_assert_int_eq(ioctl(clkrg_fd(c), FIONREAD, &pending), 0);
	ck_assert_int_eq(pending, 0);
	ck_assert_uint_eq(next_seq(0), 101);
	ck_assert_uint_eq(next_seq(0), 102);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 0);
}
END_TEST

START_TEST(lost_then_detail)
{
	__u64 w[LKRG_EV_LOST_RECORD_SIZE / 8];
	const struct lkrg_event_hdr *ev;
	struct lkrg_event_lost l;
	struct lkrg_event_detail d;

	lkrg_ev_make_lost(w, 3, 4, 0, 0, 0);
	write_all(wfd, w, sizeof(w));
	write_record(7);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_int_eq(clkrg_event_lost(ev, &l), 0);
	ck_assert_uint_eq(l.first_seq, 3);
	ck_assert_int_eq(clkrg_event_detail(ev, &d), -EINVAL);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 1);
	ck_assert_int_eq(clkrg_event_detail(ev, &d), 0);
	ck_assert_str_eq((char *)d.name, ".text");
	ck_assert_int_eq(clkrg_event_lost(ev, &l), -EINVAL);
	ck_assert_int_eq(clkrg_event_detail(NULL, &d), -EINVAL);
	ck_assert_int_eq(clkrg_event_lost(ev, NULL), -EINVAL);
}
END_TEST

/* More than the 64 KiB buffer: records straddle the buffer's end. */
START_TEST(walk_past_buffer)
{
	const struct lkrg_event_hdr *ev;
	__u64 i, n = 300;

	ck_assert_int_ge(fcntl(wfd, F_SETPIPE_SZ, 1 << 20), (int)(n * 528));
	for (i = 0; i < n; i++)
		write_record(i + 1);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(next_seq(0), i + 1);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 0);
}
END_TEST

START_TEST(split_record)
{
	struct lkrg_event_record r;
	const struct lkrg_event_hdr *ev;

	sample_violation(&r);
	write_all(wfd, &r, 3);		/* not even a length yet */
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 0);
	write_all(wfd, (char *)&r + 3, 100);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 0);
	write_all(wfd, (char *)&r + 103, sizeof(r) - 103);
	ck_assert_uint_eq(next_seq(0), 12);
}
END_TEST

START_TEST(malformed_then_recovers)
{
	struct lkrg_event_record r;
	const struct lkrg_event_hdr *ev;

	sample_violation(&r);
	r.hdr.len = 44;			/* not a multiple of 8 */
	write_all(wfd, &r, sizeof(r));
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), -EBADMSG);
	write_record(13);
	ck_assert_uint_eq(next_seq(0), 13);
}
END_TEST

START_TEST(bad_payload_size)
{
	struct lkrg_event_record r;
	const struct lkrg_event_hdr *ev;

	sample_violation(&r);
	r.d.size = sizeof(r.d) + 8;	/* runs past the record */
	write_all(wfd, &r, sizeof(r));
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), -EBADMSG);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), 0);
}
END_TEST

START_TEST(oversized)
{
	struct lkrg_event_hdr h = { .len = 1 << 20, .type = LKRG_EV_INFO };
	const struct lkrg_event_hdr *ev;

	write_all(wfd, &h, sizeof(h));
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), -EBADMSG);
}
END_TEST

START_TEST(eof_is_enodev)
{
	const struct lkrg_event_hdr *ev;

	write_record(1);
	close_writer();
	/* The records left come first, then end of stream, every time. */
	ck_assert_uint_eq(next_seq(-1), 1);
	ck_assert_int_eq(clkrg_event_next(c, -1, &ev), -ENODEV);
	ck_assert_int_eq(clkrg_event_next(c, 0, &ev), -ENODEV);
}
END_TEST

START_TEST(eof_inside_record)
{
	struct lkrg_event_record r;
	const struct lkrg_event_hdr *ev;

	sample_violation(&r);
	write_all(wfd, &r, 200);
	close_writer();
	ck_assert_int_eq(clkrg_event_next(c, 100, &ev), -EBADMSG);
	ck_assert_int_eq(clkrg_event_next(c, 100, &ev), -ENODEV);
}
END_TEST

START_TEST(timeout)
{
	const struct lkrg_event_hdr *ev;
	long long t0 = ms_now();

	ck_assert_int_eq(clkrg_event_next(c, 60, &ev), 0);
	ck_assert_int_ge(ms_now() - t0, 55);
}
END_TEST

static void on_alarm(int sig)
{
	(void)sig;
}

/* A signal in poll() neither ends the wait early nor resets it. */
START_TEST(eintr_keeps_deadline)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { 0, 20000 },
				.it_interval = { 0, 20000 } };
	const struct lkrg_event_hdr *ev;
	long long t0, spent;

	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, NULL), 0);	/* no restart */
	ck_assert_int_eq(setitimer(ITIMER_REAL, &it, NULL), 0);
	t0 = ms_now();
	ck_assert_int_eq(clkrg_event_next(c, 150, &ev), 0);
	spent = ms_now() - t0;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	ck_assert_int_ge(spent, 145);
	ck_assert_int_lt(spent, 1000);
}
END_TEST

START_TEST(seek_and_args)
{
	const struct lkrg_event_hdr *ev;

	ck_assert_int_eq(clkrg_event_next(NULL, 0, &ev), -EINVAL);
	ck_assert_int_eq(clkrg_event_next(c, 0, NULL), -EINVAL);
	/* A pipe cannot seek; the device can. */
	ck_assert_int_eq(clkrg_event_seek(c, 0), -ESPIPE);
	ck_assert_int_eq(clkrg_event_seek(c, CLKRG_SEQ_END), -ESPIPE);
	ck_assert_int_eq(clkrg_event_seek(c, (uint64_t)INT64_MAX + 1), -EINVAL);
	ck_assert_int_eq(clkrg_event_seek(NULL, 0), -EINVAL);
}
END_TEST

Suite *reader_suite(void)
{
	Suite *s = suite_create("libclkrg/reader");
	TCase *tc = tcase_create("stream");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, several_records_one_read);
	tcase_add_test(tc, lost_then_detail);
	tcase_add_test(tc, walk_past_buffer);
	tcase_add_test(tc, split_record);
	tcase_add_test(tc, malformed_then_recovers);
	tcase_add_test(tc, bad_payload_size);
	tcase_add_test(tc, oversized);
	tcase_add_test(tc, eof_is_enodev);
	tcase_add_test(tc, eof_inside_record);
	tcase_add_test(tc, timeout);
	tcase_add_test(tc, eintr_keeps_deadline);
	tcase_add_test(tc, seek_and_args);
	suite_add_tcase(s, tc);
	return s;
}
