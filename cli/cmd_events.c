// SPDX-License-Identifier: GPL-2.0
/*
 * lkrg-cli events [--since SEQ | --new [--cursor FILE]] [--follow]
 *                 [--format text|json|syslog]
 * The retained history (or what follows SEQ or the saved cursor), then
 * with --follow live records until the stream ends. A range the reader
 * missed arrives in-band as a LOST record.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cursor.h"
#include "syslog.h"

struct reader {
	const struct cli_args *a;
	char host[256];		/* syslog HOSTNAME */
	char path[4096];	/* --new: the cursor file */
	struct cli_cursor cur;	/* --new: instance and next seq */
	uint64_t saved;		/* cur.next as last written */
};

static int format(struct reader *r, const struct lkrg_event_hdr *ev,
		  char *buf, size_t len)
{
	switch (r->a->format) {
	case CLI_FMT_JSON:
		return clkrg_event_to_json(ev, buf, len);
	case CLI_FMT_SYSLOG:
		return cli_event_to_syslog(ev, r->host, buf, len);
	default:
		return clkrg_event_to_text(ev, buf, len);
	}
}

/* RFC 5424 HOSTNAME: printable ASCII without blanks. */
static void get_host(struct reader *r)
{
	size_t i;

	if (gethostname(r->host, sizeof(r->host) - 1))
		r->host[0] = 0;
	r->host[sizeof(r->host) - 1] = 0;
	for (i = 0; r->host[i]; i++)
		if (!isgraph((unsigned char)r->host[i]))
			r->host[i] = '_';
}

/* The sequence number after @ev: where a resumed reader starts. */
static void advance(struct reader *r, const struct lkrg_event_hdr *ev)
{
	struct lkrg_event_lost l;

	if (ev->type == LKRG_EV_LOST && !clkrg_event_lost(ev, &l)) {
		if (l.first_seq + l.count > r->cur.next)
			r->cur.next = l.first_seq + l.count;
	} else if (ev->seq >= r->cur.next) {
		r->cur.next = ev->seq + 1;
	}
}

/* Records are written out before the cursor moves past them: a crash in
 * between repeats them next time rather than losing them. */
static int save(struct reader *r)
{
	int ret;

	if (!r->a->new_only || r->cur.next == r->saved)
		return 0;
	if (fflush(stdout) || ferror(stdout))
		return cli_failf(r->a, CLI_EXIT_ERROR, "cannot write output: %s",
				 strerror(errno));
	ret = cli_cursor_save(r->path, &r->cur);
	if (ret)
		return cli_failf(r->a, CLI_EXIT_ERROR, "cannot save the cursor "
				 "%s: %s", r->path, strerror(-ret));
	r->saved = r->cur.next;
	return 0;
}

/* --new: the cursor of this instance, or the oldest retained record. */
static int seek_cursor(struct clkrg *c, struct reader *r,
		       const struct lkrg_status *st)
{
	const struct cli_args *a = r->a;
	struct cli_cursor old;
	int ret = cli_cursor_path(a->cursor, r->path, sizeof(r->path));

	if (ret)
		return cli_failf(a, CLI_EXIT_USAGE, "no place for the cursor: "
				 "set HOME or XDG_STATE_HOME, or use --cursor");
	memcpy(r->cur.instance, st->instance_uuid, 16);
	r->cur.next = 0;
	ret = cli_cursor_load(r->path, &old);
	if (ret && ret != -ENOENT)
		return cli_failf(a, CLI_EXIT_ERROR, "cannot read the cursor "
				 "%s: %s", r->path, ret == -EBADMSG ?
				 "not a cursor file" : strerror(-ret));
	if (!ret && !memcmp(old.instance, st->instance_uuid, 16) &&
	    old.next <= st->events_produced) {
		r->cur.next = old.next;
		r->saved = old.next;
	} else if (!ret) {
		cli_note(a, "the cursor belongs to another clkrg instance "
			 "(the module was reloaded): starting at the oldest "
			 "retained event");
	}
	ret = clkrg_event_seek(c, r->cur.next);
	return ret ? cli_fail(a, ret, CLI_AT_COMMAND) : 0;
}

static int seek_since(struct clkrg *c, const struct cli_args *a,
		      const struct lkrg_status *st)
{
	int ret = clkrg_event_seek(c, a->since);

	if (ret == -EINVAL)
		return cli_failf(a, CLI_EXIT_ERROR, "sequence number %" PRIu64
				 " has not been reached (the next is %" PRIu64
				 "): the module was reloaded? ('lkrg-cli "
				 "status' shows its instance)", a->since,
				 (uint64_t)st->events_produced);
	return ret ? cli_fail(a, ret, CLI_AT_COMMAND) : 0;
}

static int start(struct clkrg *c, struct reader *r)
{
	struct lkrg_status st;
	int ret;

	if (!r->a->new_only && !r->a->since_set)
		return 0;
	ret = clkrg_status(c, &st);
	if (ret)
		return cli_fail(r->a, ret, CLI_AT_COMMAND);
	return r->a->new_only ? seek_cursor(c, r, &st)
			      : seek_since(c, r->a, &st);
}

int cmd_events(struct clkrg *c, const struct cli_args *a)
{
	static struct reader r;
	const struct lkrg_event_hdr *ev;
	char buf[CLKRG_JSON_MAX + 1024];
	int ret, code = CLI_EXIT_OK;

	memset(&r, 0, sizeof(r));
	r.a = a;
	if (a->format == CLI_FMT_SYSLOG)
		get_host(&r);
	ret = start(c, &r);
	if (ret)
		return ret;
	for (;;) {
		/* Caught up: save the cursor before waiting (or leaving). */
		ret = clkrg_event_next(c, 0, &ev);
		if (ret == 0) {
			ret = save(&r);
			if (ret || !a->follow)
				return ret ? ret : code;
			fflush(stdout);
			ret = clkrg_event_next(c, -1, &ev);
		}
		if (ret == -ENODEV) {
			cli_note(a, "end of stream: clkrg was shut down");
			ret = save(&r);
			return ret ? ret : code;
		}
		if (ret == 1) {
			advance(&r, ev);
			ret = format(&r, ev, buf, sizeof(buf));
		}
		if (ret == -EBADMSG) {
			/* Keep going: later records are still worth having. */
			cli_note(a, "skipped a malformed record");
			code = CLI_EXIT_ERROR;
			continue;
		}
		if (ret < 0)
			return cli_fail(a, ret, CLI_AT_COMMAND);
		puts(buf);
	}
}
