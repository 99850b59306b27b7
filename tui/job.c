// SPDX-License-Identifier: GPL-2.0
/* State changes off the screen's thread: see job.h. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job.h"

_Static_assert(sizeof(struct top_job_result) <= PIPE_BUF,
	       "a result is written atomically");

struct job_arg {
	enum top_action act;
	const char *device;
	int wfd;
};

static void run(const struct job_arg *a, struct top_job_result *r)
{
	struct clkrg *c;

	r->err = clkrg_open(a->device, &c);
	if (r->err)
		return;
	switch (a->act) {
	case TOP_ACT_FORCE_RUN:
		r->err = clkrg_force_run(c, &r->check);
		break;
	case TOP_ACT_REBASELINE:
		r->err = clkrg_rebaseline(c, 0, &r->generation);
		break;
	case TOP_ACT_BLOCK_ON:
	case TOP_ACT_BLOCK_OFF:
		r->err = clkrg_block_modules_set(c, a->act == TOP_ACT_BLOCK_ON ?
						 LKRG_BLOCK_ON : LKRG_BLOCK_OFF);
		if (!r->err || r->err == -EPERM)
			clkrg_block_modules_get(c, &r->mode, NULL);
		break;
	default:
		r->err = -EINVAL;
	}
	clkrg_close(c);
}

static void *job_main(void *p)
{
	struct job_arg *a = p;
	struct top_job_result r;
	ssize_t n;

	memset(&r, 0, sizeof(r));
	r.act = a->act;
	run(a, &r);
	do
		n = write(a->wfd, &r, sizeof(r));
	while (n < 0 && errno == EINTR);
	free(a);
	return NULL;
}

int top_jobs_init(struct top_jobs *j, const char *device)
{
	int fd[2];

	memset(j, 0, sizeof(*j));
	if (pipe2(fd, O_CLOEXEC | O_NONBLOCK))
		return -errno;
	j->rfd = fd[0];
	j->wfd = fd[1];
	j->device = device;
	return 0;
}

void top_jobs_close(struct top_jobs *j)
{
	close(j->rfd);
	close(j->wfd);
}

int top_jobs_start(struct top_jobs *j, enum top_action a)
{
	struct job_arg *arg;
	pthread_attr_t attr;
	pthread_t t;
	int ret;

	if (j->busy)
		return -EBUSY;
	arg = malloc(sizeof(*arg));
	if (!arg)
		return -ENOMEM;
	arg->act = a;
	arg->device = j->device;
	arg->wfd = j->wfd;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	ret = -pthread_create(&t, &attr, job_main, arg);
	pthread_attr_destroy(&attr);
	if (ret)
		free(arg);
	else
		j->busy = true;
	return ret;
}

int top_jobs_collect(struct top_jobs *j, struct top_job_result *out)
{
	ssize_t n = read(j->rfd, out, sizeof(*out));

	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -errno;
	if (n != sizeof(*out))
		return -EIO;
	j->busy = false;
	return 1;
}

void top_job_message(const struct top_job_result *r, char *buf, size_t len)
{
	const char *name = top_action_name(r->act);

	if (r->err == -EPERM && (r->act == TOP_ACT_BLOCK_OFF) &&
	    r->mode == LKRG_BLOCK_LOCK)
		snprintf(buf, len, "%s: module loading is locked until reboot",
			 name);
	else if (r->err)
		snprintf(buf, len, "%s failed: %s", name,
			 clkrg_strerror(r->err));
	else if (r->act == TOP_ACT_FORCE_RUN)
		snprintf(buf, len, "force-run: check #%" PRIu64 " found %u "
			 "violation%s in %.1f ms (%" PRIu64 " tasks verified)",
			 (uint64_t)r->check.check_id, r->check.violations,
			 r->check.violations == 1 ? "" : "s",
			 (double)r->check.duration_ns / 1e6,
			 (uint64_t)r->check.tasks);
	else if (r->act == TOP_ACT_REBASELINE)
		snprintf(buf, len, "rebaseline: new baseline generation %"
			 PRIu64, r->generation);
	else
		snprintf(buf, len, "module blocking is now %s",
			 clkrg_name(CLKRG_NAMES_BLOCK, r->mode));
}
