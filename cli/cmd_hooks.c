// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli hooks: one line (or array row) per probed kernel function. */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static void print_row(const struct lkrg_hook_row *r)
{
	/* clkrg_hooks() terminated symbol and role. */
	printf("%-32s %-10s %-6s %12" PRIu64 " %10" PRIu64 " %8" PRIu64 "\n",
	       (const char *)r->symbol, (const char *)r->role,
	       r->active ? "yes" : "no", (uint64_t)r->hits,
	       (uint64_t)r->violations, (uint64_t)r->denied);
}

static int row_json(const void *row, char *buf, size_t len)
{
	return clkrg_hook_row_to_json(row, buf, len);
}

int cmd_hooks(struct clkrg *c, const struct cli_args *a)
{
	struct lkrg_hook_row *rows;
	size_t n, i;
	int ret = clkrg_hooks(c, &rows, &n);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (a->json) {
		ret = cli_put_rows(a, row_json, rows, sizeof(*rows), n);
	} else {
		printf("%-32s %-10s %-6s %12s %10s %8s\n", "SYMBOL", "ROLE",
		       "ACTIVE", "HITS", "VIOLATIONS", "DENIED");
		for (i = 0; i < n; i++)
			print_row(&rows[i]);
	}
	clkrg_hooks_free(rows);
	return ret;
}
