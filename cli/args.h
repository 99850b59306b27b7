/* SPDX-License-Identifier: GPL-2.0 */
/* lkrg-cli command line: parsed without touching the device. */
#ifndef LKRG_CLI_ARGS_H
#define LKRG_CLI_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <clkrg.h>

enum cli_cmd {
	CLI_CMD_HELP,
	CLI_CMD_VERSION,
	CLI_CMD_STATUS,
	CLI_CMD_FORCE_RUN,
	CLI_CMD_REBASELINE,
	CLI_CMD_BLOCK_MODULES,
	CLI_CMD_POLICY_GET,
	CLI_CMD_POLICY_SET,
	CLI_CMD_EVENTS,
	CLI_CMD_STATS,
	CLI_CMD_SHUTDOWN,
	CLI_CMD_UMH_LIST,
	CLI_CMD_UMH_ADD,
	CLI_CMD_UMH_DEL,
	CLI_CMD_HOOKS,
	CLI_CMD_WAIT_CLEAN,
	CLI_CMD_LOCK,
	CLI_CMD_HOOK_LIST,
	CLI_CMD_HOOK_ALLOW,
	CLI_CMD_HOOK_DENY,
	CLI_CMD_COUNT,
};

/* events --format */
enum cli_format {
	CLI_FMT_TEXT,
	CLI_FMT_JSON,
	CLI_FMT_SYSLOG,		/* RFC 5424 lines */
};

struct cli_args {
	enum cli_cmd cmd;
	const char *name;	/* the command as shown in messages */
	const char *help_for;	/* CLI_CMD_HELP: a command word, or NULL */
	const char *device;	/* NULL: LKRG_DEVICE_PATH */
	bool json;
	enum cli_format format;	/* events; --json is CLI_FMT_JSON */
	bool follow;		/* events */
	bool since_set;		/* events --since */
	uint64_t since;		/* events --since SEQ (0: the oldest kept) */
	bool new_only;		/* events --new: resume from the cursor file */
	const char *cursor;	/* events --cursor FILE, NULL: the default */
	long timeout_ms;	/* wait-clean --timeout, -1: none */
	uint64_t scope;		/* rebaseline: LKRG_SCOPE_* bits, 0 = all */
	int block_mode;		/* block-modules: LKRG_BLOCK_*, -1 = show */
	const char *key;	/* policy get KEY (NULL: all) and policy set */
	const char *value;	/* policy set: VALUE as typed */
	const char *path;	/* umh add/del: an absolute path */
	const char *owner;	/* hooks allow/deny: NAME, bpf:NAME, kernel:SYM */
	char key_buf[LKRG_KNOB_NAME_LEN];
	char err[192];		/* "<command>: <reason>" on a usage error */
};

/* 0, or CLI_EXIT_USAGE with a->err set. Uses (and resets) getopt state;
 * may permute @argv like getopt_long. Command and action words may be
 * shortened to any unique prefix ("forc", "pol g"). */
int cli_parse(int argc, char **argv, struct cli_args *a);

/* Whether a usage error of this command line should be JSON: --json or -j
 * anywhere before "--". */
bool cli_wants_json(int argc, char **argv);

void cli_usage(FILE *f);
/* "lkrg-cli COMMAND --help": that command's usage, or false when @word
 * names no command. */
bool cli_command_usage(FILE *f, const char *word);

#endif
