// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli block-modules [on|off|lock] */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static int set_mode(struct clkrg *c, const struct cli_args *a)
{
	uint32_t mode;
	int ret = clkrg_block_modules_set(c, (uint32_t)a->block_mode);

	/* EPERM is either "not root" or "locked": tell which. */
	if (ret == -EPERM && !clkrg_block_modules_get(c, &mode, NULL) &&
	    mode == LKRG_BLOCK_LOCK)
		return cli_failf(a, CLI_EXIT_PERM, CLI_MSG_LOCKED);
	return ret ? cli_fail_change(c, a, ret) : CLI_EXIT_OK;
}

int cmd_block_modules(struct clkrg *c, const struct cli_args *a)
{
	const char *name;
	uint64_t refused;
	uint32_t mode;
	json_object *o;
	int ret = a->block_mode >= 0 ? set_mode(c, a) : CLI_EXIT_OK;

	if (ret)
		return ret;
	ret = clkrg_block_modules_get(c, &mode, &refused);
	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	name = clkrg_name(CLKRG_NAMES_BLOCK, mode);
	if (!a->json) {
		printf("%s (%" PRIu64 " module loads refused since clkrg "
		       "loaded)\n", name, refused);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "block_modules", json_object_new_string(name));
	json_object_object_add(o, "refused", json_object_new_uint64(refused));
	return cli_put_json(a, o);
}
