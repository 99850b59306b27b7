/* SPDX-License-Identifier: GPL-2.0 */
/* lkrg-cli exit codes, the same for every command (see lkrg-cli(1)). */
#ifndef LKRG_CLI_EXIT_CODES_H
#define LKRG_CLI_EXIT_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct stat;

enum cli_exit {
	CLI_EXIT_OK = 0,		/* success, or a clean check */
	CLI_EXIT_VIOLATIONS = 1,	/* force-run found violations */
	CLI_EXIT_USAGE = 2,		/* bad command line */
	CLI_EXIT_NOT_LOADED = 3,	/* no module behind /dev/lkrg */
	CLI_EXIT_PERM = 4,		/* EACCES / EPERM */
	CLI_EXIT_ABI = 5,		/* module speaks another API version */
	CLI_EXIT_ERROR = 6,		/* anything else */
};

/* Where an errno came from: opening tells "not loaded" apart from e.g. an
 * unknown knob (ENOENT) later on. */
enum cli_stage {
	CLI_AT_OPEN,
	CLI_AT_COMMAND,
};

/* Exit code for a (negative or positive) errno; 0 maps to CLI_EXIT_OK. */
int cli_exit_code(int err, enum cli_stage stage);

/* The reason shown after "lkrg-cli: <command>: ", written into @buf. */
const char *cli_reason(int err, enum cli_stage stage, const char *devnode,
		       char *buf, size_t len);

/* The hint for a reader refused a state change: when it reads the device
 * (@st) through its group (@egid or @groups, not as the owner), the text
 * names that group (@group_name, or its number when NULL); else NULL. */
const char *cli_group_reason(const struct stat *st, uid_t euid, gid_t egid,
			     const gid_t *groups, int ngroups,
			     const char *group_name, char *buf, size_t len);

/* Why "umh add" (@adding) or "umh del" of @path failed with @err, in
 * @buf; NULL when cli_reason()'s text applies. */
const char *cli_umh_reason(int err, bool adding, const char *path, char *buf,
			   size_t len);
/* The same for hooks allow/deny OWNER. */
const char *cli_hook_reason(int err, bool allowing, const char *owner,
			    char *buf, size_t len);

#endif
