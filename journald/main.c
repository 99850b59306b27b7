// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg-journald: every clkrg event into the systemd journal, one entry
 * each with structured fields (fields.h), from where the last run
 * stopped. The cursor ("<instance> <next seq>", the file "lkrg-cli events
 * --new" keeps) is saved only after the records before it were written,
 * and synced when the reader catches up, every SAVE_EVERY records and at
 * SIGTERM: a restart repeats nothing and loses nothing. A range the ring
 * no longer held comes in-band as a LOST record and is logged as one.
 */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <syslog.h>
#include <unistd.h>
#include <systemd/sd-daemon.h>

#include "../cli/cursor.h"
#include "fields.h"
#include "sink.h"

#ifndef CURSOR_PATH
#define CURSOR_PATH	"/var/lib/clkrg/journald.cursor"
#endif
#define SAVE_EVERY	256

enum {
	EXIT_OK = 0,		/* stopped, or the stream ended */
	EXIT_ERROR = 1,		/* the sink or the cursor failed */
	EXIT_USAGE = 2,
	EXIT_NO_MODULE = 3,	/* /dev/lkrg cannot be opened */
};

struct opts {
	const char *cursor;
	const char *output;
	const char *device;
	bool once;
};

struct writer {
	struct clkrg *c;
	struct sink *sink;
	const char *cursor;
	unsigned int unsaved;	/* records written since the last save */
	int sigfd;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: clkrg-journald [--cursor FILE] [--output FILE] "
		"[--once] [--device PATH]\n"
		"Writes every clkrg event to the systemd journal with "
		"structured fields,\nresuming where the last run stopped.\n"
		"  -c, --cursor FILE  where the last run stopped (default "
		CURSOR_PATH ")\n"
		"  -o, --output FILE  append entries to FILE in the journal "
		"export format\n"
		"                     instead of the journal\n"
		"  -1, --once         write what the module holds, then exit\n"
		"  -d, --device PATH  the device (default " LKRG_DEVICE_PATH ")\n"
		"Exit: 0 stopped or end of stream, 1 error, 2 usage, 3 no "
		"module. See clkrg-journald(8).\n");
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "cursor", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "once", no_argument, NULL, '1' },
		{ "device", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	o->cursor = CURSOR_PATH;
	while ((ch = getopt_long(argc, argv, "c:o:1d:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->cursor = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case '1':
			o->once = true;
			break;
		case 'd':
			o->device = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

/* A line of our own, in the sink and on stderr (the unit's log). */
static int note(struct writer *w, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int note(struct writer *w, int prio, const char *fmt, ...)
{
	struct jfields f;
	char msg[512];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "clkrg-journald: %s\n", msg);
	ret = jfields_note(&f, prio, msg);
	return ret ? ret : sink_write(w->sink, &f);
}

/* Everything returned so far is written: the cursor moves past it. */
static int save(struct writer *w)
{
	struct clkrg_cursor cur = { .size = sizeof(cur) };
	struct cli_cursor cc;
	int ret;

	if (!w->unsaved)
		return 0;
	ret = sink_sync(w->sink);
	if (!ret)
		ret = clkrg_event_tell(w->c, &cur);
	if (ret) {
		fprintf(stderr, "clkrg-journald: cannot sync the output or "
			"read the position: %s\n", clkrg_strerror(ret));
		return ret;
	}
	memcpy(cc.instance, cur.instance_uuid, sizeof(cc.instance));
	cc.next = cur.seq;
	ret = cli_cursor_save(w->cursor, &cc);
	if (ret) {
		fprintf(stderr, "clkrg-journald: cannot save the cursor %s: "
			"%s\n", w->cursor, strerror(-ret));
		return ret;
	}
	w->unsaved = 0;
	return 0;
}

static int resume(struct writer *w)
{
	struct clkrg_cursor cur = { .size = sizeof(cur) };
	char old[CLKRG_UUID_STR_LEN];
	struct cli_cursor cc;
	int ret = cli_cursor_load(w->cursor, &cc);

	if (ret == -ENOENT) {
		ret = clkrg_event_seek(w->c, 0);
		return ret ? ret : note(w, LOG_INFO, "no cursor %s: starting "
					"at the oldest retained event",
					w->cursor);
	}
	if (ret) {
		ret = clkrg_event_seek(w->c, 0);
		return ret ? ret : note(w, LOG_WARNING, "cursor %s unreadable: "
					"starting at the oldest retained event",
					w->cursor);
	}
	memcpy(cur.instance_uuid, cc.instance, sizeof(cc.instance));
	cur.seq = cc.next;
	ret = clkrg_event_resume(w->c, &cur);
	if (ret != 1)
		return ret;
	/* Its records after cc.next went with the module that made them. */
	clkrg_uuid_format(cc.instance, old);
	return note(w, LOG_WARNING, "clkrg was reloaded: events of instance "
		    "%s from seq %llu on were not written; starting at the "
		    "oldest event of this instance", old,
		    (unsigned long long)cc.next);
}

static int write_event(struct writer *w, const struct lkrg_event_hdr *ev)
{
	struct jfields f;
	int ret = jfields_event(&f, ev);

	if (ret)
		return note(w, LOG_WARNING, "skipped a malformed record "
			    "(seq %llu)", (unsigned long long)ev->seq);
	ret = sink_write(w->sink, &f);
	if (ret)
		fprintf(stderr, "clkrg-journald: cannot write seq %llu: %s\n",
			(unsigned long long)ev->seq, strerror(-ret));
	return ret;
}

/* Waits for a record or a signal: 1 record, 0 stop, <0 error. */
static int wait_event(const struct writer *w)
{
	struct pollfd p[2] = {
		{ .fd = clkrg_fd(w->c), .events = POLLIN },
		{ .fd = w->sigfd, .events = POLLIN },
	};
	int n;

	do
		n = poll(p, 2, -1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return p[1].revents ? 0 : 1;
}

/* SIGTERM, SIGINT or SIGHUP is pending. */
static bool stop_requested(const struct writer *w)
{
	struct pollfd p = { .fd = w->sigfd, .events = POLLIN };

	return poll(&p, 1, 0) > 0;
}

/* 0 when stopped or caught up (--once), <0 on error. */
static int run(struct writer *w, bool once)
{
	const struct lkrg_event_hdr *ev;
	int ret;

	for (;;) {
		ret = clkrg_event_next(w->c, 0, &ev);
		if (ret == 0) {
			/* Caught up: make it durable, then wait. */
			ret = save(w);
			if (ret || once)
				return ret;
			ret = wait_event(w);
			if (ret <= 0)
				return ret;
			continue;
		}
		if (ret == -ENODEV)
			return note(w, LOG_NOTICE, "end of stream: clkrg was "
				    "shut down");
		if (ret < 0 && ret != -EBADMSG)
			return ret;
		ret = ret == 1 ? write_event(w, ev) :
		      note(w, LOG_WARNING, "skipped a malformed read");
		if (ret)
			return ret;
		/* A long burst: saved and stoppable every SAVE_EVERY. */
		if (++w->unsaved >= SAVE_EVERY) {
			ret = save(w);
			if (ret || stop_requested(w))
				return ret;
		}
	}
}

static int stop_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

int main(int argc, char **argv)
{
	struct writer w = { 0 };
	struct opts o = { 0 };
	int ret;

	if (parse_args(argc, argv, &o))
		return EXIT_USAGE;
	w.cursor = o.cursor;
	w.sigfd = stop_signals();
	if (w.sigfd < 0) {
		perror("clkrg-journald: signalfd");
		return EXIT_ERROR;
	}
	ret = clkrg_open(o.device, &w.c);
	if (ret) {
		fprintf(stderr, "clkrg-journald: cannot open %s: %s\n",
			o.device ? o.device : LKRG_DEVICE_PATH,
			clkrg_strerror(ret));
		return EXIT_NO_MODULE;
	}
	ret = sink_open(o.output, &w.sink);
	if (ret) {
		fprintf(stderr, "clkrg-journald: cannot open %s: %s\n",
			o.output ? o.output : "the journal", strerror(-ret));
		clkrg_close(w.c);
		return EXIT_ERROR;
	}
	ret = resume(&w);
	if (!ret) {
		sd_notify(0, "READY=1");
		ret = run(&w, o.once);
	}
	/* Stopped: what was written so far is where the next run starts. */
	if (!ret)
		ret = save(&w);
	if (ret < 0)
		fprintf(stderr, "clkrg-journald: %s\n", clkrg_strerror(ret));
	sink_close(w.sink);
	clkrg_close(w.c);
	return ret < 0 ? EXIT_ERROR : EXIT_OK;
}
