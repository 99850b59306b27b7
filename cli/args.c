// SPDX-License-Identifier: GPL-2.0
/*
 * lkrg-cli [-j] [-d PATH] [-h] [-V] COMMAND [ARGS]: global options stop at
 * the command word; each command then has its own options and arguments.
 */
#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "args.h"
#include "exit_codes.h"

#define OPT_FOLLOW	(1u << 0)
#define OPT_SCOPE	(1u << 1)

struct cmd_spec {
	const char *word;
	enum cli_cmd cmd;
	unsigned int opts;	/* OPT_* taken besides --json and --help */
	int (*positional)(struct cli_args *a, int n, char **pos);
};

__attribute__((format(printf, 2, 3)))
static int usage_err(struct cli_args *a, const char *fmt, ...)
{
	size_t n = 0;
	va_list ap;

	if (a->name)
		n = (size_t)snprintf(a->err, sizeof(a->err), "%s: ", a->name);
	va_start(ap, fmt);
	vsnprintf(a->err + n, sizeof(a->err) - n, fmt, ap);
	va_end(ap);
	return CLI_EXIT_USAGE;
}

static int no_args(struct cli_args *a, int n, char **pos)
{
	return n ? usage_err(a, "unexpected argument '%s'", pos[0]) : 0;
}

static int block_args(struct cli_args *a, int n, char **pos)
{
	if (n > 1)
		return usage_err(a, "unexpected argument '%s'", pos[1]);
	a->block_mode = n ? clkrg_name_value(CLKRG_NAMES_BLOCK, pos[0]) : -1;
	if (n && a->block_mode < 0)
		return usage_err(a, "bad mode '%s' (expected on, off or lock)",
				 pos[0]);
	return 0;
}

static int set_key(struct cli_args *a, const char *key, size_t len)
{
	if (!len || len >= sizeof(a->key_buf))
		return usage_err(a, "bad knob name '%.*s'", (int)len, key);
	memcpy(a->key_buf, key, len);
	a->key_buf[len] = 0;
	a->key = a->key_buf;
	return 0;
}

/* The sets of names knob values have (struct lkrg_knob.names). */
static const enum clkrg_name_set knob_name_sets[] = {
	CLKRG_NAMES_ENFORCE, CLKRG_NAMES_BLOCK, CLKRG_NAMES_VALIDATE,
	CLKRG_NAMES_PINT, CLKRG_NAMES_PCFI, CLKRG_NAMES_UMH,
};

/* An integer, or a name that some knob may take. */
static bool knob_value_syntax(const char *s)
{
	int64_t v;
	size_t i;

	if (!clkrg_parse_value(-1, s, &v))
		return true;
	for (i = 0; i < sizeof(knob_name_sets) / sizeof(knob_name_sets[0]); i++)
		if (clkrg_name_value(knob_name_sets[i], s) >= 0)
			return true;
	return false;
}

/* KEY=VALUE; which names VALUE may use depends on the knob, so here it only
 * has to be an integer or a name some knob takes. */
static int parse_assignment(struct cli_args *a, const char *arg)
{
	const char *eq = strchr(arg, '=');
	int ret;

	if (!eq)
		return usage_err(a, "expected KEY=VALUE, got '%s'", arg);
	ret = set_key(a, arg, (size_t)(eq - arg));
	if (ret)
		return ret;
	a->value = eq + 1;
	if (!knob_value_syntax(a->value))
		return usage_err(a, "bad value '%s' for %s (expected an "
				 "integer or a name such as log_only, periodic "
				 "or lock)", a->value, a->key);
	return 0;
}

static int policy_args(struct cli_args *a, int n, char **pos)
{
	if (!n)
		return usage_err(a, "missing 'get' or 'set'");
	if (!strcmp(pos[0], "get")) {
		a->cmd = CLI_CMD_POLICY_GET;
		a->name = "policy get";
		if (n > 2)
			return usage_err(a, "unexpected argument '%s'", pos[2]);
		return n == 2 ? set_key(a, pos[1], strlen(pos[1])) : 0;
	}
	if (!strcmp(pos[0], "set")) {
		a->cmd = CLI_CMD_POLICY_SET;
		a->name = "policy set";
		if (n < 2)
			return usage_err(a, "missing KEY=VALUE");
		if (n > 2)
			return usage_err(a, "unexpected argument '%s'", pos[2]);
		return parse_assignment(a, pos[1]);
	}
	return usage_err(a, "unknown action '%s' (expected get or set)",
			 pos[0]);
}

/* umh add|del PATH: the module's rules for PATH, so that a typo is a
 * usage error rather than a round trip. */
static int umh_path(struct cli_args *a, int n, char **pos)
{
	if (n < 2)
		return usage_err(a, "missing PATH");
	if (n > 2)
		return usage_err(a, "unexpected argument '%s'", pos[2]);
	if (pos[1][0] != '/')
		return usage_err(a, "'%s' is not an absolute path", pos[1]);
	if (!pos[1][1])
		return usage_err(a, "'/' is not a helper path");
	if (strlen(pos[1]) >= LKRG_UMH_PATH_LEN)
		return usage_err(a, "path longer than %d bytes",
				 LKRG_UMH_PATH_LEN - 1);
	a->path = pos[1];
	return 0;
}

static int umh_args(struct cli_args *a, int n, char **pos)
{
	static const struct {
		const char *word;
		enum cli_cmd cmd;
		const char *name;
	} actions[] = {
		{ "list", CLI_CMD_UMH_LIST, "umh list" },
		{ "add", CLI_CMD_UMH_ADD, "umh add" },
		{ "del", CLI_CMD_UMH_DEL, "umh del" },
	};
	size_t i;

	if (!n)
		return usage_err(a, "missing 'list', 'add' or 'del'");
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(pos[0], actions[i].word))
			break;
	if (i == sizeof(actions) / sizeof(actions[0]))
		return usage_err(a, "unknown action '%s' (expected list, add "
				 "or del)", pos[0]);
	a->cmd = actions[i].cmd;
	a->name = actions[i].name;
	if (a->cmd != CLI_CMD_UMH_LIST)
		return umh_path(a, n, pos);
	return n > 1 ? usage_err(a, "unexpected argument '%s'", pos[1]) : 0;
}

static const struct {
	const char *name;
	uint64_t bit;
} scopes[] = {
	{ "text", LKRG_SCOPE_KTEXT },
	{ "ktext", LKRG_SCOPE_KTEXT },
	{ "rodata", LKRG_SCOPE_RODATA },
	{ "extable", LKRG_SCOPE_EXTABLE },
	{ "cpu", LKRG_SCOPE_CPU },
	{ "modules", LKRG_SCOPE_MODULES },
};

/* "text,rodata,extable,cpu,modules" -> LKRG_SCOPE_* bits. */
static int parse_scope(struct cli_args *a, const char *s)
{
	size_t n, i;

	a->scope = 0;
	for (;;) {
		n = strcspn(s, ",");
		for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
			if (strlen(scopes[i].name) == n &&
			    !strncmp(s, scopes[i].name, n))
				break;
		if (i == sizeof(scopes) / sizeof(scopes[0]))
			return usage_err(a, "unknown scope '%.*s' (expected "
					 "text, rodata, extable, cpu, modules, "
					 "comma-separated)",
					 (int)n, s);
		a->scope |= scopes[i].bit;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

static const struct cmd_spec cmds[] = {
	{ "status", CLI_CMD_STATUS, 0, no_args },
	{ "force-run", CLI_CMD_FORCE_RUN, 0, no_args },
	{ "rebaseline", CLI_CMD_REBASELINE, OPT_SCOPE, no_args },
	{ "block-modules", CLI_CMD_BLOCK_MODULES, 0, block_args },
	{ "policy", CLI_CMD_POLICY_GET, 0, policy_args },
	{ "events", CLI_CMD_EVENTS, OPT_FOLLOW, no_args },
	{ "stats", CLI_CMD_STATS, 0, no_args },
	{ "hooks", CLI_CMD_HOOKS, 0, no_args },
	{ "umh", CLI_CMD_UMH_LIST, 0, umh_args },
	{ "shutdown", CLI_CMD_SHUTDOWN, 0, no_args },
	{ "help", CLI_CMD_HELP, 0, no_args },
};

/* getopt's complaint about argv[optind - 1], in our words. */
static int bad_option(struct cli_args *a, int c, char **argv)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		return usage_err(a, "option '%s' needs an argument", arg);
	if (optopt)
		return usage_err(a, "unknown option '-%c'", optopt);
	return usage_err(a, "unknown option '%s'", arg);
}

static const struct option global_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "device", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const struct option cmd_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "follow", no_argument, NULL, 'f' },
	{ "scope", required_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Options after the command word; -1 when help was asked for. */
static int parse_cmd_opts(struct cli_args *a, const struct cmd_spec *spec,
			  int argc, char **argv)
{
	bool help = false;
	int c, ret;

	optind = 0;	/* argv[0] is the command word */
	while ((c = getopt_long(argc, argv, ":jfs:h", cmd_opts, NULL)) != -1) {
		if (c == 'j') {
			a->json = true;
		} else if (c == 'h') {
			help = true;
		} else if (c == 'f' && (spec->opts & OPT_FOLLOW)) {
			a->follow = true;
		} else if (c == 's' && (spec->opts & OPT_SCOPE)) {
			ret = parse_scope(a, optarg);
			if (ret)
				return ret;
		} else if (c == 'f' || c == 's') {
			/* argv[optind - 1] may be the option's argument. */
			return usage_err(a, "option '%s' is not valid here",
					 c == 'f' ? "--follow" : "--scope");
		} else {
			return bad_option(a, c, argv);
		}
	}
	if (help) {
		a->cmd = CLI_CMD_HELP;
		return -1;
	}
	return spec->positional(a, argc - optind, argv + optind);
}

int cli_parse(int argc, char **argv, struct cli_args *a)
{
	const struct cmd_spec *spec = NULL;
	bool early = false;	/* --help or --version: no command needed */
	size_t i;
	int c, ret;

	memset(a, 0, sizeof(*a));
	a->block_mode = -1;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:jd:hV", global_opts,
				NULL)) != -1) {
		if (c == 'j') {
			a->json = true;
		} else if (c == 'd') {
			a->device = optarg;
		} else if (c == 'h' || c == 'V') {
			/* The first one wins, as in "-h -V". */
			if (!early)
				a->cmd = c == 'h' ? CLI_CMD_HELP : CLI_CMD_VERSION;
			early = true;
		} else {
			return bad_option(a, c, argv);
		}
	}
	if (early)
		return 0;
	if (optind >= argc)
		return usage_err(a, "missing command (try 'lkrg-cli help')");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]) && !spec; i++)
		if (!strcmp(argv[optind], cmds[i].word))
			spec = &cmds[i];
	if (!spec)
		return usage_err(a, "unknown command '%s' (try 'lkrg-cli "
				 "help')", argv[optind]);
	a->cmd = spec->cmd;
	a->name = spec->word;
	ret = parse_cmd_opts(a, spec, argc - optind, argv + optind);
	return ret < 0 ? 0 : ret;
}

void cli_usage(FILE *f)
{
	fputs("Usage: lkrg-cli [-j|--json] [-d|--device PATH] COMMAND [ARGS]\n"
	      "       lkrg-cli -h|--help | -V|--version\n"
	      "\n"
	      "Commands (each also takes --json):\n"
	      "  status                         versions, baseline, last check\n"
	      "  force-run                      run a full check now "
	      "(exit 1 on violations)\n"
	      "  rebaseline [--scope LIST]      accept the current kernel; "
	      "LIST: text,rodata,extable,cpu,modules\n"
	      "  block-modules [on|off|lock]    show or set module-load "
	      "blocking\n"
	      "  policy get [KEY]               list knobs, or print one "
	      "value\n"
	      "  policy set KEY=VALUE           VALUE: integer or name "
	      "(log_only, deny, allowlist, ...)\n"
	      "  events [--follow]              print retained events; "
	      "--follow keeps waiting\n"
	      "  stats                          check counters per trigger\n"
	      "  hooks                          probed kernel functions: "
	      "hits, violations, denials\n"
	      "  umh list                       usermode helpers allowed "
	      "to run\n"
	      "  umh add|del PATH               add a helper to, or remove "
	      "it from, that list\n"
	      "  shutdown                       end the event stream so "
	      "the module can unload\n"
	      "  help                           this text\n"
	      "\n"
	      "Exit codes: 0 ok, 1 violations found, 2 usage error, "
	      "3 module not loaded,\n"
	      "4 permission denied, 5 ABI mismatch, 6 other error.\n", f);
}
