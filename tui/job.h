/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State changes run on a thread of their own with a handle of their own
 * (a force-run waits for the whole check), so the screen never waits for
 * the device; the result comes back through a pipe that poll() watches.
 */
#ifndef LKRG_TOP_JOB_H
#define LKRG_TOP_JOB_H

#include <stdbool.h>

#include "ui.h"

struct top_job_result {
	enum top_action act;
	int err;			/* 0 or -errno */
	struct lkrg_check check;	/* force-run */
	uint64_t generation;		/* rebaseline */
	uint32_t mode;			/* block-modules: the mode afterwards */
};

struct top_jobs {
	int rfd, wfd;		/* results: read end polled by the loop */
	bool busy;
	const char *device;	/* NULL: the default */
};

int top_jobs_init(struct top_jobs *j, const char *device);
void top_jobs_close(struct top_jobs *j);
/* Starts @a; -EBUSY while one runs. */
int top_jobs_start(struct top_jobs *j, enum top_action a);
/* 1 with *out set when a result was waiting, 0 when none, -errno. */
int top_jobs_collect(struct top_jobs *j, struct top_job_result *out);
/* The message line for a result. */
void top_job_message(const struct top_job_result *r, char *buf, size_t len);

#endif
