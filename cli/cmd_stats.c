// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli stats: check counters, one line (or array row) per trigger. */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

#define NS_PER_MS	1e6

static void print_row(const struct lkrg_stats_row *r)
{
	double avg = r->started ? (double)r->total_ns / (double)r->started : 0;

	/* clkrg_stats() terminated the name. */
	printf("%-8s %8" PRIu64 " %8" PRIu64 " %9" PRIu64 " %10" PRIu64
	       " %10.3f %10.3f\n", (const char *)r->name, (uint64_t)r->fired,
	       (uint64_t)r->started, (uint64_t)r->coalesced,
	       (uint64_t)r->violations, avg / NS_PER_MS,
	       (double)r->max_ns / NS_PER_MS);
}

static int row_json(const void *row, char *buf, size_t len)
{
	return clkrg_stats_row_to_json(row, buf, len);
}

int cmd_stats(struct clkrg *c, const struct cli_args *a)
{
	struct lkrg_stats_row *rows;
	size_t n, i;
	int ret = clkrg_stats(c, &rows, &n);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (a->json) {
		ret = cli_put_rows(a, row_json, rows, sizeof(*rows), n);
	} else {
		printf("%-8s %8s %8s %9s %10s %10s %10s\n", "TRIGGER", "FIRED",
		       "STARTED", "COALESCED", "VIOLATIONS", "AVG_MS",
		       "MAX_MS");
		for (i = 0; i < n; i++)
			print_row(&rows[i]);
	}
	clkrg_stats_free(rows);
	return ret;
}
