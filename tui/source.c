// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's live device: see source.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "source.h"

void top_source_init(struct top_source *s, const char *device)
{
	memset(s, 0, sizeof(*s));
	s->device = device;
}

int top_source_fd(const struct top_source *s)
{
	return s->c ? clkrg_fd(s->c) : -1;
}

void top_source_close(struct top_source *s, struct top_model *m,
		      const char *why)
{
	clkrg_close(s->c);
	s->c = NULL;
	m->conn = TOP_CONN_GONE;
	snprintf(m->conn_note, sizeof(m->conn_note), "%s", why);
}

/* The stream ended (LKRG_IOC_SHUTDOWN), or the node has no driver. */
#define GONE_NOTE	"shut down or unloading; retrying"

static bool gone(int err)
{
	return err == -ENODEV || err == -ENXIO;
}

/* Why the device cannot be opened, as the header says it. */
static void open_note(int err, struct top_model *m)
{
	const char *why;

	switch (-err) {
	case ENOENT:
		why = "not loaded (modprobe clkrg); retrying";
		break;
	case ENODEV:
	case ENXIO:
		why = GONE_NOTE;
		break;
	case EACCES:
	case EPERM:
		why = "permission denied opening the device; retrying";
		break;
	case EPROTO:
		why = "the module speaks another API version";
		break;
	default:
		why = clkrg_strerror(err);
	}
	snprintf(m->conn_note, sizeof(m->conn_note), "%s", why);
}

enum top_connect top_source_connect(struct top_source *s, struct top_model *m,
				    const struct top_clock *now)
{
	struct lkrg_status st;
	bool same;
	int ret;

	if (s->c)
		return TOP_CONNECT_SAME;
	ret = clkrg_open(s->device, &s->c);
	if (!ret)
		ret = clkrg_status(s->c, &st);
	if (ret) {
		clkrg_close(s->c);
		s->c = NULL;
		s->last_err = ret;
		if (m->conn != TOP_CONN_NONE)
			m->conn = TOP_CONN_GONE;
		open_note(ret, m);
		return TOP_CONNECT_FAILED;
	}
	same = s->had_instance && !memcmp(s->instance, st.instance_uuid, 16);
	/* The same instance: go on after the last record read. */
	if (same && m->last_seq)
		clkrg_event_seek(s->c, m->last_seq + 1);
	memcpy(s->instance, st.instance_uuid, 16);
	s->had_instance = true;
	s->last_err = 0;
	m->conn = TOP_CONN_LIVE;
	m->conn_note[0] = 0;
	top_model_set_status(m, &st, now->real_ns, now->mono_ns);
	return same || !m->arrivals ? TOP_CONNECT_SAME : TOP_CONNECT_NEW;
}

int top_source_drain(struct top_source *s, struct top_model *m, int max)
{
	const struct lkrg_event_hdr *ev;
	int n = 0, ret;

	while (s->c && n < max) {
		ret = clkrg_event_next(s->c, 0, &ev);
		if (ret == 0)
			break;
		if (ret == -ENODEV) {
			top_source_close(s, m, GONE_NOTE);
			break;
		}
		if (ret == 1 && !top_model_add_event(m, ev))
			n++;
		/* -EBADMSG: that record is skipped, the next read goes on. */
	}
	return n;
}

static int refresh_tables(struct clkrg *c, struct top_model *m,
			  const struct top_clock *now)
{
	struct lkrg_stats_row *rows;
	struct lkrg_hook_row *hooks;
	struct lkrg_knob *k;
	size_t n;
	int ret;

	ret = clkrg_policy_list(c, &k, &n);
	if (ret)
		return ret;
	top_model_set_knobs(m, k, n);
	clkrg_knobs_free(k);
	ret = clkrg_stats(c, &rows, &n);
	if (ret)
		return ret;
	top_model_set_triggers(m, rows, n, now->mono_ns);
	clkrg_stats_free(rows);
	/* Hooks came with CLKRG_1.1's module; an older one has none. */
	ret = clkrg_hooks(c, &hooks, &n);
	if (ret == -ENOTTY)
		return 0;
	if (ret)
		return ret;
	top_model_set_hooks(m, hooks, n, now->mono_ns);
	clkrg_hooks_free(hooks);
	return 0;
}

int top_source_refresh(struct top_source *s, struct top_model *m,
		       const struct top_clock *now)
{
	struct lkrg_status st;
	int ret;

	if (!s->c)
		return -ENODEV;
	ret = clkrg_status(s->c, &st);
	if (!ret) {
		top_model_set_status(m, &st, now->real_ns, now->mono_ns);
		ret = refresh_tables(s->c, m, now);
	}
	if (gone(ret))
		top_source_close(s, m, GONE_NOTE);
	return ret;
}
