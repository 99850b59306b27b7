/* SPDX-License-Identifier: GPL-2.0 */
/* What lkrg-cli's commands share: their signature and the output helpers. */
#ifndef LKRG_CLI_H
#define LKRG_CLI_H

#include <json-c/json.h>

#include "args.h"
#include "exit_codes.h"

#define CLI_MSG_LOCKED \
	"module loading is locked until reboot: the mode cannot be lowered"
#define CLI_MSG_POLICY_LOCKED \
	"refused: the policy is locked until reboot, and this would weaken " \
	"the guard (see 'lkrg-cli status')"

/* Each returns an exit code; errors are already reported on stderr. */
typedef int (*cli_cmd_fn)(struct clkrg *c, const struct cli_args *a);

int cmd_status(struct clkrg *c, const struct cli_args *a);
int cmd_force_run(struct clkrg *c, const struct cli_args *a);
int cmd_rebaseline(struct clkrg *c, const struct cli_args *a);
int cmd_block_modules(struct clkrg *c, const struct cli_args *a);
int cmd_policy_get(struct clkrg *c, const struct cli_args *a);
int cmd_policy_set(struct clkrg *c, const struct cli_args *a);
int cmd_events(struct clkrg *c, const struct cli_args *a);
int cmd_stats(struct clkrg *c, const struct cli_args *a);
int cmd_shutdown(struct clkrg *c, const struct cli_args *a);
int cmd_lock(struct clkrg *c, const struct cli_args *a);
int cmd_umh_list(struct clkrg *c, const struct cli_args *a);
int cmd_umh_edit(struct clkrg *c, const struct cli_args *a);
int cmd_hooks(struct clkrg *c, const struct cli_args *a);
int cmd_hook_list(struct clkrg *c, const struct cli_args *a);
int cmd_hook_edit(struct clkrg *c, const struct cli_args *a);
int cmd_wait_clean(struct clkrg *c, const struct cli_args *a);

/* "lkrg-cli: <command>: <reason for err>"; returns its exit code. */
int cli_fail(const struct cli_args *a, int err, enum cli_stage stage);
/* cli_fail() of a state change, saying so when the policy lock refused it
 * (EPERM is also "not root"). */
int cli_fail_change(struct clkrg *c, const struct cli_args *a, int err);
/* The same with our own reason and exit code. */
__attribute__((format(printf, 3, 4)))
int cli_failf(const struct cli_args *a, int code, const char *fmt, ...);
/* "lkrg-cli: <command>: <note>" on stderr, not an error. */
__attribute__((format(printf, 2, 3)))
void cli_note(const struct cli_args *a, const char *fmt, ...);

/* Prints the result of a clkrg_*_to_json/_to_text call as one line. */
int cli_put_line(const struct cli_args *a, int len, const char *buf);
/* Prints @o as one compact JSON line and releases it. */
int cli_put_json(const struct cli_args *a, json_object *o);

/* A table under --json: one array, one row per line ("[row,\nrow]"), so
 * that it is one document and line tools still find a row. @fn is one of
 * libclkrg's *_to_json() for rows @stride bytes apart. */
typedef int (*cli_row_json_fn)(const void *row, char *buf, size_t len);
int cli_put_rows(const struct cli_args *a, cli_row_json_fn fn,
		 const void *rows, size_t stride, size_t n);

/* A usage error (a->err) on stderr, as JSON when @json. */
void cli_usage_error(const struct cli_args *a, bool json);

#endif
