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
	if (a->json)
		ret = clkrg_check_to_json(&ck, buf, sizeof(buf));
	else
		ret = clkrg_check_to_text(&ck, buf, sizeof(buf));
	ret = cli_put_line(a, ret, buf);
	if (ret)
		return ret;
	return ck.violations ? CLI_EXIT_VIOLATIONS : CLI_EXIT_OK;
}

int cmd_rebaseline(struct clkrg *c, const struct cli_args *a)
{
	uint64_t generation;
	json_object *o;
	int ret = clkrg_rebaseline(c, a->scope, &generation);

	if (ret)
		return cli_fail_change(c, a, ret);
	if (!a->json) {
		printf("new baseline generation %" PRIu64 "\n", generation);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "generation",
			       json_object_new_uint64(generation));
	return cli_put_json(a, o);
}
