// SPDX-License-Identifier: GPL-2.0
/*
 * lkrg-top: options, the capability drop, then either batch frames or the
 * screen. One poll() loop drives the screen: keys, the event stream, the
 * results of state changes and the refresh timer; nothing in it waits for
 * the device.
 */
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "exit_codes.h"
#include "frame.h"
#include "job.h"
#include "opts.h"
#include "replay.h"
#include "screen.h"
#include "source.h"

#define NS_PER_MS	1000000ULL
#define DRAIN_MAX	4096	/* records per wake-up before keys get a turn */
#define DRAW_GAP_NS	(100 * NS_PER_MS)	/* at most 10 redraws a second */

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static struct top_clock now(void)
{
	struct top_clock c = {
		.real_ns = clock_ns(CLOCK_REALTIME),
		.mono_ns = clock_ns(CLOCK_MONOTONIC),
	};

	return c;
}

__attribute__((format(printf, 2, 3)))
static int fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("lkrg-top: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static int load_replay(struct top_model *m, FILE *f, const char *name)
{
	long n = top_replay_load(m, f, name);

	if (f != stdin)
		fclose(f);
	if (n < 0)
		return fail(CLI_EXIT_ERROR, "%s: %s", name, strerror((int)-n));
	if (!n && m->replay_skipped)
		return fail(CLI_EXIT_ERROR, "%s: none of its %llu lines is an "
			    "event saved by 'lkrg-cli events --json'", name,
			    (unsigned long long)m->replay_skipped);
	return 0;
}

/* ---- batch -------------------------------------------------------------- */

/* Reads events for @ms milliseconds (or until the module goes). */
static void batch_wait(struct top_source *src, struct top_model *m, long ms)
{
	uint64_t end = clock_ns(CLOCK_MONOTONIC) + (uint64_t)ms * NS_PER_MS;
	struct pollfd p = { .events = POLLIN };
	uint64_t t;

	for (;;) {
		t = clock_ns(CLOCK_MONOTONIC);
		if (t >= end)
			return;
		p.fd = top_source_fd(src);
		if (p.fd < 0) {
			usleep((useconds_t)((end - t) / 1000));
			return;
		}
		if (poll(&p, 1, (int)((end - t + NS_PER_MS - 1) / NS_PER_MS)) > 0)
			top_source_drain(src, m, DRAIN_MAX);
	}
}

static int batch(const struct top_opts *o, struct top_model *m)
{
	struct top_source src;
	struct top_clock t = now();
	enum top_connect c;
	unsigned long frame;
	int ret;

	top_source_init(&src, o->device);
	if (!o->replay) {
		c = top_source_connect(&src, m, &t);
		if (c == TOP_CONNECT_FAILED) {
			char why[256];

			return fail(cli_exit_code(src.last_err, CLI_AT_OPEN),
				    "%s", cli_reason(src.last_err, CLI_AT_OPEN,
						     o->device, why,
						     sizeof(why)));
		}
	}
	for (frame = 1;; frame++) {
		t = now();
		if (!o->replay) {
			if (top_source_fd(&src) < 0)
				top_source_connect(&src, m, &t);
			top_source_drain(&src, m, TOP_EVENTS_MAX);
			top_source_refresh(&src, m, &t);
		}
		ret = o->json ? top_frame_json(stdout, m, &t, frame)
			      : top_frame_text(stdout, m, &t, frame);
		if (ret)
			return fail(CLI_EXIT_ERROR, "cannot write a frame: %s",
				    strerror(-ret));
		if (o->iterations && frame >= o->iterations)
			break;
		if (o->replay)
			usleep((useconds_t)o->delay_ms * 1000);
		else
			batch_wait(&src, m, o->delay_ms);
	}
	top_source_close(&src, m, "");
	return CLI_EXIT_OK;
}

/* ---- screen ----------------------------------------------------------------- */

struct loop {
	const struct top_opts *o;
	struct top_model *m;
	struct top_ui ui;
	struct top_screen scr;
	struct top_source src;
	struct top_jobs jobs;
	uint64_t next_refresh, last_draw;
	bool dirty;
};

static void refresh_now(struct loop *l, const struct top_clock *t)
{
	enum top_connect c;

	if (l->o->replay)
		return;
	if (top_source_fd(&l->src) < 0) {
		c = top_source_connect(&l->src, l->m, t);
		if (c == TOP_CONNECT_NEW)
			snprintf(l->ui.msg, sizeof(l->ui.msg), "clkrg is back: "
				 "a new instance (sequence numbers start over)");
		else if (c == TOP_CONNECT_SAME && l->m->conn == TOP_CONN_LIVE &&
			 l->ui.msg[0] == 0)
			snprintf(l->ui.msg, sizeof(l->ui.msg), "connected");
		if (c == TOP_CONNECT_FAILED)
			return;
	}
	top_source_refresh(&l->src, l->m, t);
}

static struct top_env env_of(const struct loop *l)
{
	struct top_env e = {
		.replay = l->o->replay != NULL,
		.connected = l->m->conn == TOP_CONN_LIVE,
		.cap_admin = top_caps_admin(),
		.busy = l->jobs.busy,
		.block_mode = l->m->status.block_modules,
	};

	return e;
}

/* Every waiting key; false when q was pressed. */
static bool keys(struct loop *l)
{
	struct top_env env = env_of(l);
	enum top_action a;
	int k, ret;

	while ((k = top_screen_key()) != -1) {
		l->dirty = true;
		a = top_ui_key(&l->ui, l->m, &env, k);
		if (a == TOP_ACT_QUIT)
			return false;
		if (a == TOP_ACT_NONE)
			continue;
		ret = top_jobs_start(&l->jobs, a);
		if (ret)
			snprintf(l->ui.msg, sizeof(l->ui.msg), "%s: cannot "
				 "start: %s", top_action_name(a),
				 strerror(-ret));
		env = env_of(l);
	}
	return true;
}

static void job_done(struct loop *l)
{
	struct top_job_result r;

	if (top_jobs_collect(&l->jobs, &r) != 1)
		return;
	top_job_message(&r, l->ui.msg, sizeof(l->ui.msg));
	if (r.act == TOP_ACT_FORCE_RUN && !r.err) {
		l->m->own_check_id = r.check.check_id;
		l->m->own_check_tasks = r.check.tasks;
	}
	/* Show what changed at once. */
	l->next_refresh = 0;
	l->dirty = true;
}

static int poll_timeout(const struct loop *l, uint64_t t)
{
	uint64_t until = l->next_refresh;

	if (l->dirty && l->last_draw + DRAW_GAP_NS < until)
		until = l->last_draw + DRAW_GAP_NS;
	return until <= t ? 0 : (int)((until - t + NS_PER_MS - 1) / NS_PER_MS);
}

static int screen_loop(struct loop *l)
{
	struct pollfd p[3];
	struct top_clock t;
	int n;

	for (;;) {
		t = now();
		if (!l->o->replay && t.mono_ns >= l->next_refresh) {
			refresh_now(l, &t);
			l->next_refresh = t.mono_ns +
					  (uint64_t)l->o->delay_ms * NS_PER_MS;
			l->dirty = true;
		}
		if (l->dirty && t.mono_ns >= l->last_draw + DRAW_GAP_NS) {
			top_screen_draw(&l->scr, l->m, &l->ui, &t);
			l->last_draw = t.mono_ns;
			l->dirty = false;
		}
		p[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = l->jobs.rfd, .events = POLLIN };
		p[2] = (struct pollfd){ .fd = top_source_fd(&l->src),
					.events = POLLIN };
		n = poll(p, 3, l->o->replay && !l->dirty ? -1
				: poll_timeout(l, t.mono_ns));
		if (n < 0 && errno != EINTR)
			return fail(CLI_EXIT_ERROR, "poll: %s", strerror(errno));
		/* A resize interrupts poll(); ncurses then has KEY_RESIZE. */
		if (!keys(l))
			return CLI_EXIT_OK;
		if (n > 0 && (p[1].revents & POLLIN))
			job_done(l);
		if (n > 0 && p[2].fd >= 0 && p[2].revents) {
			top_source_drain(&l->src, l->m, DRAIN_MAX);
			l->dirty = true;
		}
		if (n > 0 && (p[0].revents & (POLLHUP | POLLERR)))
			return fail(CLI_EXIT_ERROR, "the terminal went away");
	}
}

static int screen(const struct top_opts *o, struct top_model *m)
{
	struct loop l = { .o = o, .m = m, .dirty = true };
	int ret;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail(CLI_EXIT_USAGE, "the screen needs a terminal; "
			    "use -b for frames on a pipe");
	top_ui_init(&l.ui);
	top_source_init(&l.src, o->device);
	ret = top_jobs_init(&l.jobs, o->device);
	if (ret)
		return fail(CLI_EXIT_ERROR, "pipe: %s", strerror(-ret));
	if (o->replay)
		snprintf(l.ui.msg, sizeof(l.ui.msg), "replay: the keys that "
			 "change state do nothing here");
	if (top_screen_open(&l.scr, o->no_color, o->ascii)) {
		top_jobs_close(&l.jobs);
		return fail(CLI_EXIT_ERROR, "cannot set up the terminal "
			    "(TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	}
	ret = screen_loop(&l);
	top_screen_close();
	top_source_close(&l.src, m, "");
	top_jobs_close(&l.jobs);
	return ret;
}

int main(int argc, char **argv)
{
	struct top_opts o;
	struct top_model m;
	const char *what;
	unsigned int keep;
	FILE *f = NULL;
	int ret;

	setlocale(LC_ALL, "");
	ret = top_opts_parse(argc, argv, &o);
	if (ret) {
		fprintf(stderr, "lkrg-top: %s (try 'lkrg-top --help')\n", o.err);
		return ret;
	}
	if (o.run == TOP_RUN_HELP) {
		top_usage(stdout);
		return CLI_EXIT_OK;
	}
	if (o.run == TOP_RUN_VERSION) {
		printf("lkrg-top %s (lkrg API %d, event schema %d)\n",
		       CLKRG_VERSION, LKRG_API_VERSION, LKRG_SCHEMA_VERSION);
		return CLI_EXIT_OK;
	}
	/* The file is opened with the caller's rights, before the drop. */
	if (o.replay) {
		f = strcmp(o.replay, "-") ? fopen(o.replay, "re") : stdin;
		if (!f)
			return fail(CLI_EXIT_ERROR, "%s: %s", o.replay,
				    strerror(errno));
	}
	keep = o.replay ? 0 : o.run == TOP_RUN_BATCH ? TOP_KEEP_SYSLOG
			: TOP_KEEP_SYSLOG | TOP_KEEP_ADMIN;
	ret = top_caps_drop(keep, &what);
	if (ret) {
		if (f && f != stdin)
			fclose(f);
		return fail(CLI_EXIT_ERROR, "%s failed: %s", what,
			    strerror(-ret));
	}
	top_model_init(&m);
	ret = f ? load_replay(&m, f, o.replay) : 0;
	if (!ret)
		ret = o.run == TOP_RUN_BATCH ? batch(&o, &m) : screen(&o, &m);
	top_model_free(&m);
	return ret;
}
