// SPDX-License-Identifier: GPL-2.0
/*
 * lkrg-cli wait-clean [--timeout S]: waits for a check that completes
 * after the command started and finds nothing. It only reads the status
 * (every 100 ms), so read-only users can wait too; it starts no check.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "cli.h"

#define POLL_NS		100000000LL	/* 100 ms */
#define NS_PER_MS	1000000LL

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int report(const struct cli_args *a, const struct lkrg_status *st)
{
	char when[CLKRG_TIME_STR_LEN];
	json_object *o;

	if (!a->json) {
		if (clkrg_time_format(st->last_check_real_ns, when,
				      sizeof(when)) < 0)
			snprintf(when, sizeof(when), "-");
		printf("check #%" PRIu64 " at %s found no violation (%.3f ms, "
		       "baseline generation %" PRIu64 ")\n",
		       (uint64_t)st->last_check_id, when,
		       (double)st->last_check_duration_ns / 1e6,
		       (uint64_t)st->generation);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "clean", json_object_new_boolean(1));
	json_object_object_add(o, "check_id",
			       json_object_new_uint64(st->last_check_id));
	json_object_object_add(o, "real_ns",
			       json_object_new_uint64(st->last_check_real_ns));
	json_object_object_add(o, "duration_ns",
			       json_object_new_uint64(st->last_check_duration_ns));
	json_object_object_add(o, "generation",
			       json_object_new_uint64(st->generation));
	return cli_put_json(a, o);
}

static int timed_out(const struct cli_args *a, uint64_t first, uint64_t seen,
		     uint32_t violations)
{
	double s = (double)a->timeout_ms / 1000;

	if (seen > first)
		return cli_failf(a, CLI_EXIT_VIOLATIONS, "timed out after %g s: "
				 "the last check (#%" PRIu64 ") found %u "
				 "violations", s, seen, violations);
	return cli_failf(a, CLI_EXIT_ERROR, "timed out after %g s: no check "
			 "completed (with kint_validate=manual only "
			 "'lkrg-cli force-run' starts one)", s);
}

int cmd_wait_clean(struct clkrg *c, const struct cli_args *a)
{
	long long end = a->timeout_ms >= 0 ? mono_ns() +
			a->timeout_ms * NS_PER_MS : 0;
	struct timespec nap = { 0, POLL_NS };
	struct lkrg_status st;
	uint64_t first;
	int ret = clkrg_status(c, &st);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	first = st.last_check_id;
	for (;;) {
		if (end && mono_ns() >= end)
			return timed_out(a, first, st.last_check_id,
					 st.last_check_violations);
		nanosleep(&nap, NULL);
		ret = clkrg_status(c, &st);
		if (ret)
			return cli_fail(a, ret, CLI_AT_COMMAND);
		if (st.last_check_id > first && !st.last_check_violations)
			return report(a, &st);
	}
}
