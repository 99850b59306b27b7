// SPDX-License-Identifier: GPL-2.0
/* Every message goes to stderr as "lkrg-cli: <command>: <text>". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

static void vmsg(const struct cli_args *a, const char *fmt, va_list ap)
{
	fprintf(stderr, "lkrg-cli: %s: ", a->name ? a->name : "error");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_failf(const struct cli_args *a, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, fmt, ap);
	va_end(ap);
	return code;
}

void cli_note(const struct cli_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, fmt, ap);
	va_end(ap);
}

int cli_fail(const struct cli_args *a, int err, enum cli_stage stage)
{
	char buf[256];

	return cli_failf(a, cli_exit_code(err, stage), "%s",
			 cli_reason(err, stage, a->device, buf, sizeof(buf)));
}

int cli_put_line(const struct cli_args *a, int len, const char *buf)
{
	if (len < 0)
		return cli_fail(a, len, CLI_AT_COMMAND);
	puts(buf);
	return CLI_EXIT_OK;
}

int cli_put_json(const struct cli_args *a, json_object *o)
{
	const char *s = o ? json_object_to_json_string_ext(o,
				JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	int ret = s ? cli_put_line(a, 0, s) : cli_fail(a, -ENOMEM,
						       CLI_AT_COMMAND);

	json_object_put(o);
	return ret;
}
