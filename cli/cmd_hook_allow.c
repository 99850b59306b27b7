// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli hooks list | hooks allow OWNER | hooks deny OWNER */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static int put_text(const struct lkrg_hook_allow_entry *e, size_t n,
		    uint64_t gen, uint64_t redirects, uint64_t callbacks)
{
	size_t i;

	printf("%-56s %10s\n", "OWNER", "ALLOWED");
	/* clkrg_hook_allow_list() terminated the names. */
	for (i = 0; i < n; i++)
		printf("%-56s %10" PRIu64 "\n", (const char *)e[i].owner,
		       (uint64_t)e[i].allowed);
	printf("%zu of %d entries, generation %" PRIu64 "; the last check "
	       "found %" PRIu64 " redirecting hooks and walked %" PRIu64
	       " callbacks\n", n, LKRG_HOOK_ALLOW_MAX, gen, redirects,
	       callbacks);
	return CLI_EXIT_OK;
}

/* {"generation":G,"redirects":R,"callbacks":C,"entries":[{"owner":...,
 * "allowed":N},...]}, the entries as libclkrg writes them. */
static int put_json(const struct cli_args *a,
		    const struct lkrg_hook_allow_entry *e, size_t n,
		    uint64_t gen, uint64_t redirects, uint64_t callbacks)
{
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	char buf[CLKRG_JSON_MAX];
	int len = 0;
	size_t i;

	for (i = 0; i < n && len >= 0; i++) {
		len = clkrg_hook_allow_entry_to_json(&e[i], buf, sizeof(buf));
		if (len >= 0 && arr)
			json_object_array_add(arr, json_tokener_parse(buf));
	}
	if (len < 0 || !o || !arr) {
		json_object_put(o);
		json_object_put(arr);
		return cli_fail(a, len < 0 ? len : -ENOMEM, CLI_AT_COMMAND);
	}
	json_object_object_add(o, "generation", json_object_new_uint64(gen));
	json_object_object_add(o, "redirects",
			       json_object_new_uint64(redirects));
	json_object_object_add(o, "callbacks",
			       json_object_new_uint64(callbacks));
	json_object_object_add(o, "entries", arr);
	return cli_put_json(a, o);
}

int cmd_hook_list(struct clkrg *c, const struct cli_args *a)
{
	struct lkrg_hook_allow_entry *e;
	uint64_t gen, redirects, callbacks;
	size_t n;
	int ret = clkrg_hook_allow_list(c, &e, &n, &gen, &redirects,
					&callbacks);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	ret = a->json ? put_json(a, e, n, gen, redirects, callbacks)
		      : put_text(e, n, gen, redirects, callbacks);
	clkrg_hook_allow_free(e);
	return ret;
}

int cmd_hook_edit(struct clkrg *c, const struct cli_args *a)
{
	bool allowing = a->cmd == CLI_CMD_HOOK_ALLOW;
	const char *done = allowing ? "allowed" : "denied";
	char buf[320];
	const char *why;
	uint64_t gen;
	uint32_t count;
	json_object *o;
	int ret = allowing ? clkrg_hook_allow(c, a->owner, &count, &gen)
			   : clkrg_hook_deny(c, a->owner, &count, &gen);

	if (ret == -EPERM)
		return cli_fail_change(c, a, ret);
	if (ret) {
		why = cli_hook_reason(ret, allowing, a->owner, buf,
				      sizeof(buf));
		return why ? cli_failf(a, cli_exit_code(ret, CLI_AT_COMMAND),
				       "%s", why)
			   : cli_fail(a, ret, CLI_AT_COMMAND);
	}
	if (!a->json) {
		printf("%s %s (%" PRIu32 " entries, generation %" PRIu64 ")\n",
		       done, a->owner, count, gen);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "owner", json_object_new_string(a->owner));
	json_object_object_add(o, "action", json_object_new_string(done));
	json_object_object_add(o, "count", json_object_new_uint64(count));
	json_object_object_add(o, "generation", json_object_new_uint64(gen));
	return cli_put_json(a, o);
}
