// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli shutdown, lkrg-cli lock: the guard's lifecycle */
#include <stdio.h>

#include "cli.h"

int cmd_shutdown(struct clkrg *c, const struct cli_args *a)
{
	json_object *o;
	int ret = clkrg_shutdown(c);

	if (ret)
		return cli_fail_change(c, a, ret);
	if (!a->json) {
		puts("clkrg is shutting down: readers get the remaining events, "
		     "then EOF; 'rmmod clkrg' works once they close");
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "shutdown", json_object_new_boolean(1));
	return cli_put_json(a, o);
}

/* lkrg-cli lock: the one-way policy lock (knob "lock"). */
int cmd_lock(struct clkrg *c, const struct cli_args *a)
{
	json_object *o;
	int64_t old;
	int ret = clkrg_policy_set(c, "lock", 1, &old);

	if (ret)
		return cli_fail_change(c, a, ret);
	if (!a->json) {
		puts(old ? "the policy was already locked until reboot"
			 : "the policy is locked until reboot: no knob can be "
			   "weakened; shutdown, rebaseline, allow-list additions "
			   "and unloading clkrg are refused");
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "locked", json_object_new_boolean(1));
	json_object_object_add(o, "was_locked", json_object_new_boolean(old));
	return cli_put_json(a, o);
}
