// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli: parse, open /dev/lkrg, run one command, map the result. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_cmd_fn handlers[CLI_CMD_COUNT] = {
	[CLI_CMD_STATUS] = cmd_status,
	[CLI_CMD_FORCE_RUN] = cmd_force_run,
	[CLI_CMD_REBASELINE] = cmd_rebaseline,
	[CLI_CMD_BLOCK_MODULES] = cmd_block_modules,
	[CLI_CMD_POLICY_GET] = cmd_policy_get,
	[CLI_CMD_POLICY_SET] = cmd_policy_set,
	[CLI_CMD_EVENTS] = cmd_events,
	[CLI_CMD_STATS] = cmd_stats,
	[CLI_CMD_SHUTDOWN] = cmd_shutdown,
	[CLI_CMD_LOCK] = cmd_lock,
	[CLI_CMD_UMH_LIST] = cmd_umh_list,
	[CLI_CMD_UMH_ADD] = cmd_umh_edit,
	[CLI_CMD_UMH_DEL] = cmd_umh_edit,
	[CLI_CMD_HOOKS] = cmd_hooks,
	[CLI_CMD_HOOK_LIST] = cmd_hook_list,
	[CLI_CMD_HOOK_ALLOW] = cmd_hook_edit,
	[CLI_CMD_HOOK_DENY] = cmd_hook_edit,
	[CLI_CMD_WAIT_CLEAN] = cmd_wait_clean,
};

static int version(const struct cli_args *a)
{
	json_object *o;

	if (!a->json) {
		printf("lkrg-cli %s (lkrg API %d, event schema %d)\n",
		       CLKRG_VERSION, LKRG_API_VERSION, LKRG_SCHEMA_VERSION);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "lkrg_cli", json_object_new_string(
				       CLKRG_VERSION));
	json_object_object_add(o, "api_version",
			       json_object_new_int(LKRG_API_VERSION));
	json_object_object_add(o, "schema_version",
			       json_object_new_int(LKRG_SCHEMA_VERSION));
	return cli_put_json(a, o);
}

static int run(const struct cli_args *a)
{
	struct clkrg *c;
	int ret;

	if (a->cmd == CLI_CMD_HELP) {
		if (!a->help_for || !cli_command_usage(stdout, a->help_for))
			cli_usage(stdout);
		return CLI_EXIT_OK;
	}
	if (a->cmd == CLI_CMD_VERSION)
		return version(a);
	ret = clkrg_open(a->device, &c);
	if (ret)
		return cli_fail(a, ret, CLI_AT_OPEN);
	ret = handlers[a->cmd](c, a);
	clkrg_close(c);
	return ret;
}

int main(int argc, char **argv)
{
	struct cli_args a;
	int ret = cli_parse(argc, argv, &a);

	if (ret) {
		cli_usage_error(&a, cli_wants_json(argc, argv));
		return ret;
	}
	ret = run(&a);
	/* Output that did not reach its reader is a failure too. */
	if (fflush(stdout) || ferror(stdout))
		return cli_failf(&a, CLI_EXIT_ERROR, "cannot write output: %s",
				 strerror(errno));
	return ret;
}
