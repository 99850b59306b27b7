/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The live device behind lkrg-top: events as they come, the status, knobs
 * and tables at every refresh. When the module goes away (shutdown, end of
 * stream) the handle is closed at once, so that rmmod can proceed, and
 * reopened at a later refresh when the module is back.
 */
#ifndef LKRG_TOP_SOURCE_H
#define LKRG_TOP_SOURCE_H

#include "fmt.h"

struct top_source {
	const char *device;	/* NULL: the default */
	struct clkrg *c;	/* NULL while disconnected */
	uint8_t instance[16];	/* of the last connection */
	bool had_instance;
	int last_err;		/* why the last open failed */
};

enum top_connect {
	TOP_CONNECT_FAILED,	/* still not there (s->last_err says why) */
	TOP_CONNECT_SAME,	/* the instance seen before (or the first) */
	TOP_CONNECT_NEW,	/* a reloaded module: a new instance */
};

void top_source_init(struct top_source *s, const char *device);
/* Opens the device, reads the status and places the event cursor: after
 * the last record seen for the same instance, else at the oldest kept. */
enum top_connect top_source_connect(struct top_source *s, struct top_model *m,
				    const struct top_clock *now);
/* -1 while disconnected. */
int top_source_fd(const struct top_source *s);
/* Reads at most @max ready records; at the end of the stream, closes.
 * Returns the number read. */
int top_source_drain(struct top_source *s, struct top_model *m, int max);
/* Status, knobs, trigger and hook tables. 0, or -errno (the handle is
 * closed when the module has gone). */
int top_source_refresh(struct top_source *s, struct top_model *m,
		       const struct top_clock *now);
void top_source_close(struct top_source *s, struct top_model *m,
		      const char *why);

#endif
