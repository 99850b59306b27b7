// SPDX-License-Identifier: GPL-2.0
/*
 * lkrg-cli [-j] [-d PATH] [-h] [-V] COMMAND [ARGS]: global options stop at
 * the command word; each command then has its own options and arguments.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "../driver/core/hook_owner.h"
#include "exit_codes.h"

#define OPT_FOLLOW	(1u << 0)
#define OPT_SCOPE	(1u << 1)
#define OPT_SINCE	(1u << 2)	/* --since, --new, --cursor, --format */
#define OPT_TIMEOUT	(1u << 3)

struct cmd_spec {
	const char *word;
	enum cli_cmd cmd;
	unsigned int opts;	/* OPT_* taken besides --json and --help */
	int (*positional)(struct cli_args *a, int n, char **pos);
	const char *usage;	/* after "lkrg-cli " */
	const char *help;	/* what it does, its options */
};

#define ARRAY_LEN(x)	(sizeof(x) / sizeof((x)[0]))

/*
 * @word as one of @n words (each @stride bytes apart, starting at @first):
 * its index when it is one of them or the prefix of exactly one, -1 when
 * it is nothing, -2 when it is the prefix of several (listed in @amb).
 */
static int pick_word(const char *word, const void *first, size_t n,
		     size_t stride, char *amb, size_t amb_len)
{
	size_t i, len = strlen(word), pos = 0;
	int found = -1, matches = 0;
	const char *w;

	for (i = 0; i < n; i++) {
		w = *(const char *const *)((const char *)first + i * stride);
		if (!strcmp(w, word))
			return (int)i;
		if (!len || strncmp(w, word, len))
			continue;
		found = (int)i;
		matches++;
		if (pos < amb_len)
			pos += (size_t)snprintf(amb + pos, amb_len - pos, "%s%s",
						matches > 1 ? ", " : "", w);
	}
	return matches > 1 ? -2 : found;
}

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

/* An action word such as "get" or "list", or its unique prefix. */
static int pick_action(struct cli_args *a, const char *word,
		       const char *const *words, size_t n, const char *expect)
{
	char amb[96] = "";
	int i = pick_word(word, words, n, sizeof(*words), amb, sizeof(amb));

	/* Index, or -1 with a->err set. */
	if (i == -2)
		usage_err(a, "ambiguous action '%s' (%s)", word, amb);
	else if (i < 0)
		usage_err(a, "unknown action '%s' (expected %s)", word, expect);
	return i < 0 ? -1 : i;
}

static int policy_args(struct cli_args *a, int n, char **pos)
{
	static const char *const words[] = { "get", "set" };
	int i;

	if (!n)
		return usage_err(a, "missing 'get' or 'set'");
	i = pick_action(a, pos[0], words, ARRAY_LEN(words), "get or set");
	if (i < 0)
		return CLI_EXIT_USAGE;
	if (i == 0) {
		a->cmd = CLI_CMD_POLICY_GET;
		a->name = "policy get";
		if (n > 2)
			return usage_err(a, "unexpected argument '%s'", pos[2]);
		return n == 2 ? set_key(a, pos[1], strlen(pos[1])) : 0;
	}
	a->cmd = CLI_CMD_POLICY_SET;
	a->name = "policy set";
	if (n < 2)
		return usage_err(a, "missing KEY=VALUE");
	if (n > 2)
		return usage_err(a, "unexpected argument '%s'", pos[2]);
	return parse_assignment(a, pos[1]);
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
	static const char *const words[] = { "list", "add", "del" };
	static const struct {
		enum cli_cmd cmd;
		const char *name;
	} actions[] = {
		{ CLI_CMD_UMH_LIST, "umh list" },
		{ CLI_CMD_UMH_ADD, "umh add" },
		{ CLI_CMD_UMH_DEL, "umh del" },
	};
	int i;

	if (!n)
		return usage_err(a, "missing 'list', 'add' or 'del'");
	i = pick_action(a, pos[0], words, ARRAY_LEN(words),
			"list, add or del");
	if (i < 0)
		return CLI_EXIT_USAGE;
	a->cmd = actions[i].cmd;
	a->name = actions[i].name;
	if (a->cmd != CLI_CMD_UMH_LIST)
		return umh_path(a, n, pos);
	return n > 1 ? usage_err(a, "unexpected argument '%s'", pos[1]) : 0;
}

/* hooks allow|deny OWNER: what the module checks fully, roughly. */
static int hook_owner(struct cli_args *a, int n, char **pos)
{
	if (n < 2)
		return usage_err(a, "missing OWNER (a module, bpf:NAME or "
				 "kernel:SYMBOL)");
	if (n > 2)
		return usage_err(a, "unexpected argument '%s'", pos[2]);
	if (!pos[1][0] || strlen(pos[1]) >= LKRG_HOOK_OWNER_LEN)
		return usage_err(a, "OWNER must have 1 to %d bytes",
				 LKRG_HOOK_OWNER_LEN - 1);
	if (lkrg_hook_owner_valid(pos[1], LKRG_HOOK_OWNER_LEN))
		return usage_err(a, "'%s' is no owner: a module name, bpf:NAME "
				 "or kernel:SYMBOL (letters, digits, '_', '.', "
				 "'-'), optionally ending in '*'", pos[1]);
	a->owner = pos[1];
	return 0;
}

/* hooks: the probed functions; hooks list|allow|deny: the owner list. */
static int hooks_args(struct cli_args *a, int n, char **pos)
{
	static const char *const words[] = { "list", "allow", "deny" };
	static const struct {
		enum cli_cmd cmd;
		const char *name;
	} actions[] = {
		{ CLI_CMD_HOOK_LIST, "hooks list" },
		{ CLI_CMD_HOOK_ALLOW, "hooks allow" },
		{ CLI_CMD_HOOK_DENY, "hooks deny" },
	};
	int i;

	if (!n)
		return 0;
	i = pick_action(a, pos[0], words, ARRAY_LEN(words),
			"list, allow or deny");
	if (i < 0)
		return CLI_EXIT_USAGE;
	a->cmd = actions[i].cmd;
	a->name = actions[i].name;
	if (a->cmd != CLI_CMD_HOOK_LIST)
		return hook_owner(a, n, pos);
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

static int help_args(struct cli_args *a, int n, char **pos)
{
	if (n > 1)
		return usage_err(a, "unexpected argument '%s'", pos[1]);
	a->help_for = n ? pos[0] : NULL;
	return 0;
}

static const struct cmd_spec cmds[] = {
	{ "status", CLI_CMD_STATUS, 0, no_args, "status",
	  "Versions, instance, baseline generation, checks and the last one,\n"
	  "module blocking, the retained event range, shadowed tasks.\n" },
	{ "force-run", CLI_CMD_FORCE_RUN, 0, no_args, "force-run",
	  "Run a full check now and wait for it; exit 1 when it found\n"
	  "violations. Needs CAP_SYS_ADMIN.\n" },
	{ "rebaseline", CLI_CMD_REBASELINE, OPT_SCOPE, no_args,
	  "rebaseline [--scope LIST]",
	  "Accept the running kernel as the new baseline. Needs CAP_SYS_ADMIN.\n"
	  "  -s, --scope LIST  only these, comma-separated: text, rodata,\n"
	  "                    extable, cpu, modules (default: everything)\n" },
	{ "block-modules", CLI_CMD_BLOCK_MODULES, 0, block_args,
	  "block-modules [on|off|lock]",
	  "Show module-load blocking, or set it (needs CAP_SYS_ADMIN); lock\n"
	  "refuses loads and the unload of clkrg until reboot.\n" },
	{ "policy", CLI_CMD_POLICY_GET, 0, policy_args,
	  "policy get [KEY] | policy set KEY=VALUE",
	  "List the knobs or print one value; set one (needs CAP_SYS_ADMIN).\n"
	  "VALUE is an integer or the value's name (log_only, periodic, ...).\n" },
	{ "events", CLI_CMD_EVENTS, OPT_FOLLOW | OPT_SINCE, no_args,
	  "events [--since SEQ | --new [--cursor FILE]] [--follow]\n"
	  "                [--format text|json|syslog]",
	  "Print the retained events, oldest first, then (with --follow) new\n"
	  "ones as they come. A reader that fell behind gets a LOST record\n"
	  "naming the range it missed, in the stream itself.\n"
	  "  --since SEQ        start at sequence number SEQ (0: the oldest\n"
	  "                     retained); to resume, pass the last seq + 1\n"
	  "  --new              only what the last --new run did not print,\n"
	  "                     from a cursor file (per module instance)\n"
	  "  --cursor FILE      that file (default\n"
	  "                     $XDG_STATE_HOME/lkrg-cli/events.cursor)\n"
	  "  -f, --follow       keep waiting for new events\n"
	  "  --format FORMAT    text (default), json (= --json: one object a\n"
	  "                     line) or syslog (RFC 5424 lines)\n" },
	{ "stats", CLI_CMD_STATS, 0, no_args, "stats",
	  "Check counters per trigger: fired, started, coalesced, violations,\n"
	  "average and longest check.\n" },
	{ "hooks", CLI_CMD_HOOKS, 0, hooks_args,
	  "hooks | hooks list | hooks allow OWNER | hooks deny OWNER",
	  "Alone: clkrg's probed kernel functions (hits, violations, denials).\n"
	  "list: the owners allowed to redirect kernel functions, and what the\n"
	  "last check found; allow and deny change it (need CAP_SYS_ADMIN;\n"
	  "allow is refused while the policy is locked). OWNER is a module's\n"
	  "name, bpf:NAME (a BPF program) or kernel:SYMBOL (a core handler),\n"
	  "optionally ending in '*' (kernel:klp_* is livepatch).\n" },
	{ "umh", CLI_CMD_UMH_LIST, 0, umh_args,
	  "umh list | umh add PATH | umh del PATH",
	  "The usermode helper allow-list; add and del need CAP_SYS_ADMIN.\n" },
	{ "wait-clean", CLI_CMD_WAIT_CLEAN, OPT_TIMEOUT, no_args,
	  "wait-clean [--timeout SECONDS]",
	  "Wait until a check that completes after this command started finds\n"
	  "no violation (after a rebaseline, say); the status is read every\n"
	  "100 ms. Exit 0 then; on timeout 1 when the last such check found\n"
	  "violations, 6 when none completed.\n"
	  "  -t, --timeout SECONDS  give up after this long (default: never)\n" },
	{ "shutdown", CLI_CMD_SHUTDOWN, 0, no_args, "shutdown",
	  "End the event stream so that the module can be unloaded. Needs\n"
	  "CAP_SYS_ADMIN.\n" },
	{ "lock", CLI_CMD_LOCK, 0, no_args, "lock",
	  "Lock the policy until reboot (needs CAP_SYS_ADMIN): from then on no\n"
	  "knob can be weakened, and shutdown, rebaseline, allow-list additions,\n"
	  "lowering module blocking and unloading clkrg are refused (EPERM),\n"
	  "each refusal an event. Also: modprobe clkrg lock=1.\n" },
	{ "version", CLI_CMD_VERSION, 0, no_args, "version",
	  "lkrg-cli's version and the lkrg API and event schema it speaks.\n" },
	{ "help", CLI_CMD_HELP, 0, help_args, "help [COMMAND]",
	  "The list of commands, or one command's usage.\n" },
};

/* The command @word names (a unique prefix will do), or NULL with a->err. */
static const struct cmd_spec *find_cmd(struct cli_args *a, const char *word)
{
	char amb[128] = "";
	int i = pick_word(word, &cmds[0].word, ARRAY_LEN(cmds), sizeof(cmds[0]),
			  amb, sizeof(amb));

	if (i >= 0)
		return &cmds[i];
	if (i == -2)
		usage_err(a, "ambiguous command '%s' (%s)", word, amb);
	else
		usage_err(a, "unknown command '%s' (try 'lkrg-cli help')",
			  word);
	return NULL;
}

bool cli_command_usage(FILE *f, const char *word)
{
	struct cli_args a;
	const struct cmd_spec *c;

	memset(&a, 0, sizeof(a));
	c = find_cmd(&a, word);
	if (!c)
		return false;
	if (f)
		fprintf(f, "Usage: lkrg-cli [-j|--json] [-d|--device PATH] %s\n\n%s"
			"  -j, --json         JSON output (see lkrg-cli(8), "
			"\"JSON\")\n"
			"  -h, --help         this text\n", c->usage, c->help);
	return true;
}

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

enum { OPT_LONG_SINCE = 0x100, OPT_LONG_NEW, OPT_LONG_CURSOR,
       OPT_LONG_FORMAT };

static const struct option cmd_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "follow", no_argument, NULL, 'f' },
	{ "scope", required_argument, NULL, 's' },
	{ "since", required_argument, NULL, OPT_LONG_SINCE },
	{ "new", no_argument, NULL, OPT_LONG_NEW },
	{ "cursor", required_argument, NULL, OPT_LONG_CURSOR },
	{ "format", required_argument, NULL, OPT_LONG_FORMAT },
	{ "timeout", required_argument, NULL, 't' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Which OPT_* bit an option needs, and its name for messages. */
static unsigned int opt_bit(int c, const char **name)
{
	switch (c) {
	case 'f':
		*name = "--follow";
		return OPT_FOLLOW;
	case 's':
		*name = "--scope";
		return OPT_SCOPE;
	case OPT_LONG_SINCE:
		*name = "--since";
		return OPT_SINCE;
	case OPT_LONG_NEW:
		*name = "--new";
		return OPT_SINCE;
	case OPT_LONG_CURSOR:
		*name = "--cursor";
		return OPT_SINCE;
	case OPT_LONG_FORMAT:
		*name = "--format";
		return OPT_SINCE;
	case 't':
		*name = "--timeout";
		return OPT_TIMEOUT;
	}
	return 0;
}

static int parse_since(struct cli_args *a, const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *s == '-' || *end || errno || v > INT64_MAX)
		return usage_err(a, "bad sequence number '%s'", s);
	a->since = v;
	a->since_set = true;
	return 0;
}

static int parse_format(struct cli_args *a, const char *s)
{
	static const char *const words[] = { "text", "json", "syslog" };
	char amb[32];
	int i = pick_word(s, words, ARRAY_LEN(words), sizeof(words[0]), amb,
			  sizeof(amb));

	if (i < 0)
		return usage_err(a, "bad format '%s' (expected text, json or "
				 "syslog)", s);
	a->format = (enum cli_format)i;
	return 0;
}

static int parse_timeout(struct cli_args *a, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !(v > 0) || v > 86400.0 * 365)
		return usage_err(a, "bad timeout '%s' (seconds, more than 0)",
				 s);
	a->timeout_ms = (long)(v * 1000 + 0.5);
	if (!a->timeout_ms)
		a->timeout_ms = 1;
	return 0;
}

static int apply_opt(struct cli_args *a, int c, const char *arg)
{
	switch (c) {
	case 'f':
		a->follow = true;
		return 0;
	case 's':
		return parse_scope(a, arg);
	case OPT_LONG_SINCE:
		return parse_since(a, arg);
	case OPT_LONG_NEW:
		a->new_only = true;
		return 0;
	case OPT_LONG_CURSOR:
		a->cursor = arg;
		return 0;
	case OPT_LONG_FORMAT:
		return parse_format(a, arg);
	case 't':
		return parse_timeout(a, arg);
	}
	return 0;
}

/* Combinations that cannot mean anything. */
static int check_combinations(struct cli_args *a, bool format_set)
{
	if (a->since_set && a->new_only)
		return usage_err(a, "--since and --new exclude each other");
	if (a->cursor && !a->new_only)
		return usage_err(a, "--cursor goes with --new");
	if (format_set && a->json && a->format != CLI_FMT_JSON)
		return usage_err(a, "--json and --format %s exclude each other",
				 a->format == CLI_FMT_TEXT ? "text" : "syslog");
	if (a->json)
		a->format = CLI_FMT_JSON;
	else if (a->format == CLI_FMT_JSON)
		a->json = true;
	return 0;
}

/* Options after the command word; -1 when help was asked for. */
static int parse_cmd_opts(struct cli_args *a, const struct cmd_spec *spec,
			  int argc, char **argv)
{
	bool help = false, format_set = false;
	const char *name;
	unsigned int bit;
	int c, ret;

	optind = 0;	/* argv[0] is the command word */
	while ((c = getopt_long(argc, argv, ":jfs:t:h", cmd_opts, NULL)) !=
	       -1) {
		if (c == 'j') {
			a->json = true;
			continue;
		}
		if (c == 'h') {
			help = true;
			continue;
		}
		bit = opt_bit(c, &name);
		if (!bit)
			return bad_option(a, c, argv);
		/* argv[optind - 1] may be the option's argument. */
		if (!(spec->opts & bit))
			return usage_err(a, "option '%s' is not valid here",
					 name);
		format_set |= c == OPT_LONG_FORMAT;
		ret = apply_opt(a, c, optarg);
		if (ret)
			return ret;
	}
	if (help) {
		a->help_for = spec->word;
		a->cmd = CLI_CMD_HELP;
		return -1;
	}
	ret = spec->positional(a, argc - optind, argv + optind);
	return ret ? ret : check_combinations(a, format_set);
}

bool cli_wants_json(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			return true;
	return false;
}

int cli_parse(int argc, char **argv, struct cli_args *a)
{
	const struct cmd_spec *spec;
	bool early = false;	/* --help or --version: no command needed */
	int c, ret;

	memset(a, 0, sizeof(*a));
	a->block_mode = -1;
	a->timeout_ms = -1;
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
	spec = find_cmd(a, argv[optind]);
	if (!spec)
		return CLI_EXIT_USAGE;
	a->cmd = spec->cmd;
	a->name = spec->word;
	ret = parse_cmd_opts(a, spec, argc - optind, argv + optind);
	if (ret > 0)
		return ret;
	if (a->cmd == CLI_CMD_HELP && a->help_for &&
	    !cli_command_usage(NULL, a->help_for))
		return usage_err(a, "unknown command '%s'", a->help_for);
	return 0;
}

void cli_usage(FILE *f)
{
	size_t i;

	fputs("Usage: lkrg-cli [-j|--json] [-d|--device PATH] COMMAND [ARGS]\n"
	      "       lkrg-cli -h|--help | -V|--version\n"
	      "\n"
	      "Commands (a unique prefix will do; 'lkrg-cli COMMAND --help' "
	      "tells more):\n", f);
	for (i = 0; i < ARRAY_LEN(cmds); i++)
		fprintf(f, "  %s\n", cmds[i].usage);
	fputs("\n"
	      "--json: a command prints one JSON document, a stream (events) "
	      "one per line;\n"
	      "errors are then a JSON object on stderr too.\n"
	      "Exit codes: 0 ok, 1 violations found, 2 usage error, "
	      "3 module not loaded,\n"
	      "4 permission denied, 5 ABI mismatch, 6 other error.\n", f);
}
