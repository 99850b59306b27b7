// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli policy get [KEY] | policy set KEY=VALUE */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct lkrg_knob *find(const struct lkrg_knob *k, size_t n,
				    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp((const char *)k[i].name, name))
			return &k[i];
	return NULL;
}

static int unknown_knob(const struct cli_args *a)
{
	return cli_failf(a, CLI_EXIT_USAGE, "unknown knob '%s' (list them "
			 "with 'lkrg-cli policy get')", a->key);
}

/* One knob, as a line of the table or of JSON. */
static int put_knob(const struct cli_args *a, const struct lkrg_knob *k)
{
	char buf[CLKRG_JSON_MAX];

	return cli_put_line(a, a->json ? clkrg_knob_to_json(k, buf, sizeof(buf))
				       : clkrg_knob_to_text(k, buf, sizeof(buf)),
			    buf);
}

static int knob_json(const void *k, char *buf, size_t len)
{
	return clkrg_knob_to_json(k, buf, len);
}

static int get(const struct cli_args *a, const struct lkrg_knob *k, size_t n)
{
	const struct lkrg_knob *one;
	size_t i;
	int ret = CLI_EXIT_OK;

	if (!a->key && a->json)
		return cli_put_rows(a, knob_json, k, sizeof(*k), n);
	if (!a->key) {
		for (i = 0; i < n && !ret; i++)
			ret = put_knob(a, &k[i]);
		return ret;
	}
	one = find(k, n, a->key);
	if (!one)
		return unknown_knob(a);
	if (a->json)
		return put_knob(a, one);
	printf("%" PRId64 "\n", (int64_t)one->value);
	return CLI_EXIT_OK;
}

/* EPERM from POLICY_SET has four causes; name the one that applies. */
static int set_failed(struct clkrg *c, const struct cli_args *a,
		      const struct lkrg_knob *k, int err)
{
	if (err == -EPERM && (k->flags & LKRG_KNOB_F_LOAD_ONLY))
		return cli_failf(a, CLI_EXIT_PERM, "%s can only be set when "
				 "the module loads (modprobe clkrg %s=...)",
				 a->key, a->key);
	if (err == -EPERM && clkrg_knob_name_set(k) == CLKRG_NAMES_BLOCK &&
	    k->value == LKRG_BLOCK_LOCK)
		return cli_failf(a, CLI_EXIT_PERM, CLI_MSG_LOCKED);
	if (err == -ERANGE)
		return cli_failf(a, CLI_EXIT_ERROR, "%s is not allowed for %s "
				 "(see 'lkrg-cli policy get')", a->value,
				 a->key);
	return cli_fail_change(c, a, err);
}

/* "<key>":"<name>" when @value of @k has a name. */
static void add_name(json_object *o, const char *key,
		     const struct lkrg_knob *k, int64_t value)
{
	const char *name = clkrg_knob_value_name(k, value);

	if (name)
		json_object_object_add(o, key, json_object_new_string(name));
}

static int set(struct clkrg *c, const struct cli_args *a,
	       const struct lkrg_knob *k)
{
	char before[64], after[64];
	int64_t value, old;
	json_object *o;
	int ret;

	if (clkrg_parse_value(clkrg_knob_name_set(k), a->value, &value))
		return cli_failf(a, CLI_EXIT_USAGE, "'%s' is not a value of %s "
				 "(see 'lkrg-cli policy get')", a->value,
				 a->key);
	ret = clkrg_policy_set(c, a->key, value, &old);
	if (ret)
		return set_failed(c, a, k, ret);
	if (!a->json) {
		clkrg_knob_value_text(k, old, before, sizeof(before));
		clkrg_knob_value_text(k, value, after, sizeof(after));
		printf("%s: %s -> %s\n", a->key, before, after);
		return CLI_EXIT_OK;
	}
	o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string(a->key));
	json_object_object_add(o, "old", json_object_new_int64(old));
	add_name(o, "old_name", k, old);
	json_object_object_add(o, "value", json_object_new_int64(value));
	add_name(o, "value_name", k, value);
	return cli_put_json(a, o);
}

static int with_knobs(struct clkrg *c, const struct cli_args *a, bool setting)
{
	const struct lkrg_knob *one;
	struct lkrg_knob *k;
	size_t n;
	int ret = clkrg_policy_list(c, &k, &n);

	if (ret)
		return cli_fail(a, ret, CLI_AT_COMMAND);
	if (!setting)
		ret = get(a, k, n);
	else if ((one = find(k, n, a->key)))
		ret = set(c, a, one);
	else
		ret = unknown_knob(a);
	clkrg_knobs_free(k);
	return ret;
}

int cmd_policy_get(struct clkrg *c, const struct cli_args *a)
{
	return with_knobs(c, a, false);
}

int cmd_policy_set(struct clkrg *c, const struct cli_args *a)
{
	return with_knobs(c, a, true);
}
