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
	CLI_CMD_COUNT,
};

struct cli_args {
	enum cli_cmd cmd;
	const char *name;	/* the command as shown in messages */
	const char *device;	/* NULL: LKRG_DEVICE_PATH */
	bool json;
	bool follow;		/* events */
	uint64_t scope;		/* rebaseline: LKRG_SCOPE_* bits, 0 = all */
	int block_mode;		/* block-modules: LKRG_BLOCK_*, -1 = show */
	const char *key;	/* policy get KEY (NULL: all) and policy set */
	const char *value;	/* policy set: VALUE as typed */
	const char *path;	/* umh add/del: an absolute path */
	char key_buf[LKRG_KNOB_NAME_LEN];
	char err[192];		/* "<command>: <reason>" on a usage error */
};

/* 0, or CLI_EXIT_USAGE with a->err set. Uses (and resets) getopt state;
 * may permute @argv like getopt_long. */
int cli_parse(int argc, char **argv, struct cli_args *a);

void cli_usage(FILE *f);

#endif
