// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli command-line parsing (cli/args.c), no device involved. */
#include "tests.h"
#include "args.h"
#include "exit_codes.h"

#define MAX_ARGS	8

/* Parses a NULL-terminated list of words after "lkrg-cli". */
static int parse(struct cli_args *a, const char *const *words)
{
	static char store[MAX_ARGS][128];
	char *argv[MAX_ARGS + 2] = { "lkrg-cli" };
	int argc = 1;

	for (; *words; words++, argc++) {
		ck_assert_int_lt(argc, MAX_ARGS + 1);
		snprintf(store[argc - 1], sizeof(store[0]), "%s", *words);
		argv[argc] = store[argc - 1];
	}
	argv[argc] = NULL;
	return cli_parse(argc, argv, a);
}

#define PARSE(a, ...) parse(a, (const char *const[]){ __VA_ARGS__, NULL })
#define PARSE_NONE(a) parse(a, (const char *const[]){ NULL })

/* Expects a usage error whose message contains @needle. */
#define USAGE(needle, ...) do {						\
		struct cli_args a_;					\
		ck_assert_int_eq(PARSE(&a_, __VA_ARGS__), CLI_EXIT_USAGE); \
		ck_assert_msg(strstr(a_.err, needle), "'%s' lacks '%s'", \
			      a_.err, needle);				\
	} while (0)

START_TEST(commands)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "status"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_STATUS);
	ck_assert_str_eq(a.name, "status");
	ck_assert(!a.json);
	ck_assert_ptr_null(a.device);
	ck_assert_int_eq(PARSE(&a, "force-run"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_FORCE_RUN);
	ck_assert_int_eq(PARSE(&a, "shutdown"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_SHUTDOWN);
	ck_assert_int_eq(PARSE(&a, "lock"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_LOCK);
	ck_assert_int_eq(PARSE(&a, "lo"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_LOCK);
	ck_assert_int_eq(PARSE(&a, "events"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_EVENTS);
	ck_assert(!a.follow);
	ck_assert_int_eq(PARSE(&a, "stats", "--json"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_STATS);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "help"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
}
END_TEST

START_TEST(global_options)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "-j", "-d", "/tmp/x", "status"), 0);
	ck_assert(a.json);
	ck_assert_str_eq(a.device, "/tmp/x");
	ck_assert_int_eq(PARSE(&a, "--json", "--device=/dev/y", "status"), 0);
	ck_assert(a.json);
	ck_assert_str_eq(a.device, "/dev/y");
	ck_assert_int_eq(PARSE(&a, "-h"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
	ck_assert_int_eq(PARSE(&a, "--version"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_VERSION);
	ck_assert_int_eq(PARSE(&a, "-V", "-h"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_VERSION);
	/* Per-command --json and --help, before or after arguments. */
	ck_assert_int_eq(PARSE(&a, "status", "--json"), 0);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "policy", "get", "interval", "-j"), 0);
	ck_assert(a.json);
	ck_assert_str_eq(a.key, "interval");
	ck_assert_int_eq(PARSE(&a, "events", "--help"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
}
END_TEST

START_TEST(bad_usage)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE_NONE(&a), CLI_EXIT_USAGE);
	ck_assert_ptr_nonnull(strstr(a.err, "missing command"));
	USAGE("unknown command 'frobnicate'", "frobnicate");
	USAGE("unknown option '-x'", "-x", "status");
	USAGE("unknown option '--bogus'", "--bogus", "status");
	USAGE("unknown option '--bogus'", "status", "--bogus");
	USAGE("'-d' needs an argument", "-d");
	USAGE("status: unexpected argument 'now'", "status", "now");
	USAGE("force-run: unexpected argument 'x'", "force-run", "x");
	USAGE("events: unexpected argument 'all'", "events", "all");
	USAGE("shutdown: unexpected argument 'now'", "shutdown", "now");
	USAGE("lock: unexpected argument 'now'", "lock", "now");
	USAGE("stats: unexpected argument 'all'", "stats", "all");
	/* Options that belong to another command. */
	USAGE("status: option '--follow' is not valid here", "status",
	      "--follow");
	USAGE("option '--scope' is not valid here", "events", "--scope",
	      "text");
}
END_TEST

START_TEST(events_follow)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "events", "--follow"), 0);
	ck_assert(a.follow);
	ck_assert_int_eq(PARSE(&a, "events", "-f", "--json"), 0);
	ck_assert(a.follow && a.json);
}
END_TEST

START_TEST(block_modules)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "block-modules"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_BLOCK_MODULES);
	ck_assert_int_eq(a.block_mode, -1);
	ck_assert_int_eq(PARSE(&a, "block-modules", "off"), 0);
	ck_assert_int_eq(a.block_mode, LKRG_BLOCK_OFF);
	ck_assert_int_eq(PARSE(&a, "block-modules", "on"), 0);
	ck_assert_int_eq(a.block_mode, LKRG_BLOCK_ON);
	ck_assert_int_eq(PARSE(&a, "block-modules", "lock"), 0);
	ck_assert_int_eq(a.block_mode, LKRG_BLOCK_LOCK);
	USAGE("bad mode 'maybe'", "block-modules", "maybe");
	USAGE("bad mode 'ON'", "block-modules", "ON");
	USAGE("bad mode '1'", "block-modules", "1");
	USAGE("unexpected argument 'lock'", "block-modules", "on", "lock");
}
END_TEST

START_TEST(scope)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "rebaseline"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_REBASELINE);
	ck_assert_uint_eq(a.scope, 0);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "--scope", "text"), 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_KTEXT);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "--scope=rodata,extable"), 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_RODATA | LKRG_SCOPE_EXTABLE);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "-s", "text,rodata,extable"),
			 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_KTEXT | LKRG_SCOPE_RODATA |
			  LKRG_SCOPE_EXTABLE);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "--scope", "cpu"), 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_CPU);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "--scope",
			       "text,rodata,extable,cpu"), 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_KTEXT | LKRG_SCOPE_RODATA |
			  LKRG_SCOPE_EXTABLE | LKRG_SCOPE_CPU);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "--scope", "modules,cpu"), 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_MODULES | LKRG_SCOPE_CPU);
	ck_assert_int_eq(PARSE(&a, "rebaseline", "--scope", "ktext,text"), 0);
	ck_assert_uint_eq(a.scope, LKRG_SCOPE_KTEXT);
	USAGE("unknown scope 'data'", "rebaseline", "--scope", "text,data");
	USAGE("unknown scope ''", "rebaseline", "--scope", "text,,rodata");
	USAGE("unknown scope ''", "rebaseline", "--scope", "text,");
	USAGE("unknown scope ''", "rebaseline", "--scope=");
	USAGE("unknown scope 'TEXT'", "rebaseline", "--scope", "TEXT");
	USAGE("'--scope' needs an argument", "rebaseline", "--scope");
	USAGE("unexpected argument 'all'", "rebaseline", "all");
}
END_TEST

START_TEST(policy_get)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "policy", "get"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_POLICY_GET);
	ck_assert_str_eq(a.name, "policy get");
	ck_assert_ptr_null(a.key);
	ck_assert_int_eq(PARSE(&a, "policy", "get", "kint_enforce"), 0);
	ck_assert_str_eq(a.key, "kint_enforce");
	USAGE("policy: missing 'get' or 'set'", "policy");
	USAGE("unknown action 'show'", "policy", "show");
	USAGE("policy get: unexpected argument 'b'", "policy", "get", "a", "b");
	USAGE("bad knob name", "policy", "get",
	      "0123456789abcdef0123456789abcdef");
	USAGE("bad knob name ''", "policy", "get", "");
}
END_TEST

START_TEST(policy_set)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "policy", "set", "interval=30"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_POLICY_SET);
	ck_assert_str_eq(a.key, "interval");
	ck_assert_str_eq(a.value, "30");
	ck_assert_int_eq(PARSE(&a, "policy", "set", "kint_enforce=log_only"), 0);
	ck_assert_str_eq(a.key, "kint_enforce");
	ck_assert_str_eq(a.value, "log_only");
	ck_assert_int_eq(PARSE(&a, "policy", "set", "block_modules=lock"), 0);
	ck_assert_str_eq(a.value, "lock");
	ck_assert_int_eq(PARSE(&a, "policy", "set", "kint_validate=periodic"),
			 0);
	ck_assert_str_eq(a.key, "kint_validate");
	ck_assert_str_eq(a.value, "periodic");
	/* Names of every set pass here; the knob decides later. */
	ck_assert_int_eq(PARSE(&a, "policy", "set", "kint_validate=random"), 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "kint_enforce=panic"), 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "block_modules=off"), 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "x=-5"), 0);
	ck_assert_str_eq(a.value, "-5");
	USAGE("missing KEY=VALUE", "policy", "set");
	USAGE("expected KEY=VALUE, got 'interval'", "policy", "set",
	      "interval");
	USAGE("bad knob name ''", "policy", "set", "=5");
	USAGE("bad value '' for interval", "policy", "set", "interval=");
	USAGE("bad value 'fast' for interval", "policy", "set",
	      "interval=fast");
	USAGE("a name such as log_only, periodic or lock", "policy", "set",
	      "kint_validate=Periodic");
	USAGE("bad value 'unknown' for kint_validate", "policy", "set",
	      "kint_validate=unknown");
	USAGE("bad value '1=2' for a", "policy", "set", "a=1=2");
	USAGE("bad value '5 '", "policy", "set", "a=5 ");
	USAGE("unexpected argument 'b=2'", "policy", "set", "a=1", "b=2");
	USAGE("bad knob name", "policy", "set",
	      "0123456789abcdef0123456789abcdef=1");
}
END_TEST

START_TEST(policy_set_new_names)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "policy", "set", "kint_enforce=deny"), 0);
	ck_assert_str_eq(a.value, "deny");
	ck_assert_int_eq(PARSE(&a, "policy", "set", "pint_validate=current"),
			 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "pint_validate=paranoid"),
			 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "pcfi_validate=sp"), 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "pcfi_validate=full"), 0);
	ck_assert_str_eq(a.key, "pcfi_validate");
	ck_assert_str_eq(a.value, "full");
	ck_assert_int_eq(PARSE(&a, "policy", "set", "umh_validate=allowlist"),
			 0);
	ck_assert_int_eq(PARSE(&a, "policy", "set", "umh_validate=block_all"),
			 0);
	USAGE("bad value 'allow_list' for umh_validate", "policy", "set",
	      "umh_validate=allow_list");
	USAGE("bad value 'Full' for pcfi_validate", "policy", "set",
	      "pcfi_validate=Full");
}
END_TEST

START_TEST(hooks)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "hooks"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HOOKS);
	ck_assert_str_eq(a.name, "hooks");
	ck_assert(!a.json);
	ck_assert_int_eq(PARSE(&a, "hooks", "--json"), 0);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "-j", "hooks"), 0);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "hooks", "-h"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
	USAGE("hooks: unknown action 'show' (expected list, allow or deny)",
	      "hooks", "show");
	USAGE("hooks: option '--follow' is not valid here", "hooks",
	      "--follow");
	USAGE("hooks: option '--scope' is not valid here", "hooks", "--scope",
	      "text");
	USAGE("hooks: unknown option '--bogus'", "hooks", "--bogus");
}
END_TEST

START_TEST(umh)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "umh", "list"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_UMH_LIST);
	ck_assert_str_eq(a.name, "umh list");
	ck_assert_ptr_null(a.path);
	ck_assert_int_eq(PARSE(&a, "umh", "list", "--json"), 0);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "umh", "add", "/sbin/modprobe"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_UMH_ADD);
	ck_assert_str_eq(a.name, "umh add");
	ck_assert_str_eq(a.path, "/sbin/modprobe");
	ck_assert_int_eq(PARSE(&a, "-j", "umh", "del", "/sbin/modprobe"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_UMH_DEL);
	ck_assert_str_eq(a.name, "umh del");
	ck_assert_str_eq(a.path, "/sbin/modprobe");
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "umh", "add", "/x"), 0);
	ck_assert_str_eq(a.path, "/x");
	/* Options may come after the path, and "--" ends them. */
	ck_assert_int_eq(PARSE(&a, "umh", "add", "/x", "--json"), 0);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "umh", "add", "--", "/-x"), 0);
	ck_assert_str_eq(a.path, "/-x");
	ck_assert_int_eq(PARSE(&a, "umh", "--help"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HELP);
}
END_TEST

START_TEST(hook_allow)
{
	struct cli_args a;

	ck_assert_int_eq(PARSE(&a, "hooks", "list"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HOOK_LIST);
	ck_assert_str_eq(a.name, "hooks list");
	ck_assert_ptr_null(a.owner);
	ck_assert_int_eq(PARSE(&a, "hooks", "l", "--json"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HOOK_LIST);
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "hooks", "allow", "clkrg_redirect"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HOOK_ALLOW);
	ck_assert_str_eq(a.name, "hooks allow");
	ck_assert_str_eq(a.owner, "clkrg_redirect");
	ck_assert_int_eq(PARSE(&a, "-j", "hooks", "deny", "kernel:klp_*"), 0);
	ck_assert_int_eq(a.cmd, CLI_CMD_HOOK_DENY);
	ck_assert_str_eq(a.name, "hooks deny");
	ck_assert_str_eq(a.owner, "kernel:klp_*");
	ck_assert(a.json);
	ck_assert_int_eq(PARSE(&a, "hooks", "allow", "bpf:clkrg_fmod*"), 0);
	ck_assert_str_eq(a.owner, "bpf:clkrg_fmod*");
	ck_assert_int_eq(PARSE(&a, "hooks", "allow", "--", "-mod"), 0);
	ck_assert_str_eq(a.owner, "-mod");
	USAGE("hooks allow: missing OWNER (a module, bpf:NAME or "
	      "kernel:SYMBOL)", "hooks", "allow");
	USAGE("hooks deny: unexpected argument 'b'", "hooks", "deny", "a", "b");
	USAGE("hooks list: unexpected argument 'x'", "hooks", "list", "x");
	USAGE("hooks allow: '*' is no owner", "hooks", "allow", "*");
	USAGE("hooks allow: 'kernel:*' is no owner", "hooks", "allow",
	      "kernel:*");
	USAGE("hooks allow: 'a b' is no owner", "hooks", "allow", "a b");
	USAGE("hooks allow: 'a*b' is no owner", "hooks", "allow", "a*b");
	USAGE("hooks allow: OWNER must have 1 to 63 bytes", "hooks", "allow",
	      "");
	USAGE("hooks allow: OWNER must have 1 to 63 bytes", "hooks", "allow",
	      "0123456789012345678901234567890123456789012345678901234567890123");
}
END_TEST

START_TEST(umh_usage_errors)
{
	USAGE("umh: missing 'list', 'add' or 'del'", "umh");
	USAGE("umh: unknown action 'show' (expected list, add or del)", "umh",
	      "show");
	USAGE("unknown action 'LIST'", "umh", "LIST");
	USAGE("unknown action 'remove'", "umh", "remove", "/x");
	USAGE("umh list: unexpected argument '/x'", "umh", "list", "/x");
	USAGE("umh add: missing PATH", "umh", "add");
	USAGE("umh del: missing PATH", "umh", "del");
	USAGE("umh add: unexpected argument '/y'", "umh", "add", "/x", "/y");
	USAGE("umh del: unexpected argument '/y'", "umh", "del", "/x", "/y");
	USAGE("umh add: 'sbin/modprobe' is not an absolute path", "umh", "add",
	      "sbin/modprobe");
	USAGE("umh del: './x' is not an absolute path", "umh", "del", "./x");
	USAGE("umh add: '' is not an absolute path", "umh", "add", "");
	USAGE("umh add: '/' is not a helper path", "umh", "add", "/");
	USAGE("umh: option '--follow' is not valid here", "umh", "list",
	      "--follow");
	USAGE("umh: unknown option '-x'", "umh", "add", "-x");
}
END_TEST

/* 255 bytes fit the module's 256-byte field with its NUL; 256 do not. */
START_TEST(umh_long_path)
{
	char path[LKRG_UMH_PATH_LEN + 1];
	char *argv[] = { "lkrg-cli", "umh", "add", path, NULL };
	struct cli_args a;

	memset(path, 'p', sizeof(path));
	path[0] = '/';
	path[LKRG_UMH_PATH_LEN - 1] = 0;
	ck_assert_int_eq(cli_parse(4, argv, &a), 0);
	ck_assert_str_eq(a.path, path);
	path[LKRG_UMH_PATH_LEN - 1] = 'p';
	path[LKRG_UMH_PATH_LEN] = 0;
	ck_assert_int_eq(cli_parse(4, argv, &a), CLI_EXIT_USAGE);
	ck_assert_str_eq(a.err, "umh add: path longer than 255 bytes");
}
END_TEST

Suite *cli_args_suite(void)
{
	Suite *s = suite_create("cli/args");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, commands);
	tcase_add_test(tc, global_options);
	tcase_add_test(tc, bad_usage);
	tcase_add_test(tc, events_follow);
	tcase_add_test(tc, block_modules);
	tcase_add_test(tc, scope);
	tcase_add_test(tc, policy_get);
	tcase_add_test(tc, policy_set);
	tcase_add_test(tc, policy_set_new_names);
	tcase_add_test(tc, hooks);
	tcase_add_test(tc, umh);
	tcase_add_test(tc, hook_allow);
	tcase_add_test(tc, umh_usage_errors);
	tcase_add_test(tc, umh_long_path);
	suite_add_tcase(s, tc);
	return s;
}
