// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli status */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

#define NS_PER_MS	1e6

static void print_time(const char *label, uint64_t real_ns)
{
	char when[CLKRG_TIME_STR_LEN];

	if (clkrg_time_format(real_ns, when, sizeof(when)) < 0)
		snprintf(when, sizeof(when), "@%" PRIu64, real_ns);
	printf("%-15s %s\n", label, when);
}

static void print_status(const struct lkrg_status *st)
{
	char uuid[CLKRG_UUID_STR_LEN];

	/* clkrg_status() terminated module_version. */
	clkrg_uuid_format(st->instance_uuid, uuid);
	printf("%-15s %s (api %u, event schema %u)\n", "module",
	       (const char *)st->module_version, st->api_version,
	       st->schema_version);
	printf("%-15s %s\n", "instance", uuid);
	print_time("loaded", st->loaded_real_ns);
	printf("%-15s %" PRIu64 "\n", "generation", (uint64_t)st->generation);
	printf("%-15s every %u s\n", "interval", st->interval_s);
	printf("%-15s %" PRIu64 "\n", "checks", (uint64_t)st->checks);
	if (st->last_check_id) {
		printf("%-15s #%" PRIu64 ", %.3f ms, %u violations\n",
		       "last check", (uint64_t)st->last_check_id,
		       (double)st->last_check_duration_ns / NS_PER_MS,
		       st->last_check_violations);
		print_time("last check at", st->last_check_real_ns);
	} else {
		printf("%-15s none yet\n", "last check");
	}
	printf("%-15s %" PRIu64 " since load\n", "violations",
	       (uint64_t)st->violations_total);
	printf("%-15s %s\n", "block-modules",
	       clkrg_name(CLKRG_NAMES_BLOCK, st->block_modules));
	printf("%-15s oldest retained %" PRIu64 ", next %" PRIu64
	       ", %" PRIu64 " suppressed by the rate limit\n", "events",
	       (uint64_t)st->events_oldest, (uint64_t)st->events_produced,
	       (uint64_t)st->events_suppressed);
	printf("%-15s %" PRIu64 " live allocations\n", "objects",
	       (uint64_t)st->objects);
	printf("%-15s %" PRIu64 " with a shadow record\n", "tasks",
	       (uint64_t)st->tasks);
	printf("%-15s %s\n", "state",
	       st->shutting_down ? "shutting down" : "running");
	printf("%-15s %s\n", "policy",
	       st->locked ? "locked until reboot" : "unlocked");
}

int cmd_status(struct clkrg *c, const struct cli_args *a)
{
	char buf[CLKRG_JSON_MAX];
	struct lkrg_status st;
	int ret = clkrg_status(c, &st);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (a->json)
		return cli_put_line(a, clkrg_status_to_json(&st, buf,
							    sizeof(buf)), buf);
	print_status(&st);
	return CLI_EXIT_OK;
}
