// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli force-run and rebaseline */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

int cmd_force_run(struct clkrg *c, const struct cli_args *a)
{
	char buf[CLKRG_JSON_MAX];
	struct lkrg_check ck;
	int ret = clkrg_force_run(c, &ck);

	if (ret == -EINTR)
		return cli_failf(a, CLI_EXIT_ERROR, "interrupted while "
				 "waiting (the check still runs)");
	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (a->json) {
		ret = cli_put_line(a, clkrg_check_to_json(&ck, buf, sizeof(buf)),
				   buf);
		if (ret)
			return ret;
	} else {
		printf("check #%" PRIu64 ": %u violations (%" PRIu64
		       " regions, %" PRIu64 " bytes, %.3f ms, baseline "
		       "generation %" PRIu64 ")\n", (uint64_t)ck.check_id,
		       ck.violations, (uint64_t)ck.regions, (uint64_t)ck.bytes,
		       (double)ck.duration_ns / 1e6, (uint64_t)ck.generation);
	}
	return ck.violations ? CLI_EXIT_VIOLATIONS : CLI_EXIT_OK;
}

int cmd_rebaseline(struct clkrg *c, const struct cli_args *a)
{
	uint64_t generation;
	json_object *o;
	int ret = clkrg_rebaseline(c, a->scope, &generation);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (!a->json) {
		printf("new baseline generation %" PRIu64 "\n", generation);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "generation",
			       json_object_new_uint64(generation));
	return cli_put_json(a, o);
}
