// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli umh list | umh add PATH | umh del PATH */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static int put_text(const struct lkrg_umh_entry *e, size_t n, uint64_t gen,
		    uint64_t refused)
{
	size_t i;

	printf("%-56s %10s\n", "PATH", "ALLOWED");
	/* clkrg_umh_list() terminated the paths. */
	for (i = 0; i < n; i++)
		printf("%-56s %10" PRIu64 "\n", (const char *)e[i].path,
		       (uint64_t)e[i].allowed);
	printf("%zu of %d entries, generation %" PRIu64 ", %" PRIu64
	       " helpers refused since clkrg loaded\n", n, LKRG_UMH_MAX, gen,
	       refused);
	return CLI_EXIT_OK;
}

/* {"generation":G,"refused":R,"entries":[{"path":...,"allowed":N},...]},
 * the entries as libclkrg writes them. */
static int put_json(const struct cli_args *a, const struct lkrg_umh_entry *e,
		    size_t n, uint64_t gen, uint64_t refused)
{
	json_object *o = json_object_new_object();
	json_object *arr = json_object_new_array();
	char buf[CLKRG_JSON_MAX];
	int len = 0;
	size_t i;

	for (i = 0; i < n && len >= 0; i++) {
		len = clkrg_umh_entry_to_json(&e[i], buf, sizeof(buf));
		if (len >= 0 && arr)
			json_object_array_add(arr, json_tokener_parse(buf));
	}
	if (len < 0 || !o || !arr) {
		json_object_put(o);
		json_object_put(arr);
		return cli_fail(a, len < 0 ? len : -ENOMEM, CLI_AT_COMMAND);
	}
	json_object_object_add(o, "generation", json_object_new_uint64(gen));
	json_object_object_add(o, "refused", json_object_new_uint64(refused));
	json_object_object_add(o, "entries", arr);
	return cli_put_json(a, o);
}

int cmd_umh_list(struct clkrg *c, const struct cli_args *a)
{
	struct lkrg_umh_entry *e;
	uint64_t gen, refused;
	size_t n;
	int ret = clkrg_umh_list(c, &e, &n, &gen, &refused);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	ret = a->json ? put_json(a, e, n, gen, refused)
		      : put_text(e, n, gen, refused);
	clkrg_umh_free(e);
	return ret;
}

int cmd_umh_edit(struct clkrg *c, const struct cli_args *a)
{
	bool adding = a->cmd == CLI_CMD_UMH_ADD;
	const char *done = adding ? "added" : "removed";
	char buf[320];
	const char *why;
	uint64_t gen;
	uint32_t count;
	json_object *o;
	int ret = adding ? clkrg_umh_add(c, a->path, &count, &gen)
			 : clkrg_umh_del(c, a->path, &count, &gen);

	if (ret == -EPERM)
		return cli_fail_change(c, a, ret);
	if (ret) {
		why = cli_umh_reason(ret, adding, a->path, buf, sizeof(buf));
		return why ? cli_failf(a, cli_exit_code(ret, CLI_AT_COMMAND),
				       "%s", why)
			   : cli_fail(a, ret, CLI_AT_COMMAND);
	}
	if (!a->json) {
		printf("%s %s (%" PRIu32 " entries, generation %" PRIu64 ")\n",
		       done, a->path, count, gen);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "path", json_object_new_string(a->path));
	json_object_object_add(o, "action", json_object_new_string(done));
	json_object_object_add(o, "count", json_object_new_uint64(count));
	json_object_object_add(o, "generation", json_object_new_uint64(gen));
	return cli_put_json(a, o);
}
