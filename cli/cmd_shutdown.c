// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli shutdown */
#include <stdio.h>

#include "cli.h"

int cmd_shutdown(struct clkrg *c, const struct cli_args *a)
{
	json_object *o;
	int ret = clkrg_shutdown(c);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (!a->json) {
		puts("clkrg is shutting down: readers get the remaining events, "
		     "then EOF; 'rmmod clkrg' works once they close");
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "shutdown", json_object_new_boolean(1));
	return cli_put_json(a, o);
}
