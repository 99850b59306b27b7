// SPDX-License-Identifier: GPL-2.0
/*
 * Every message goes to stderr: "lkrg-cli: <command>: <text>", or under
 * --json one object {"error":{...}} or {"note":{...}} on one line, so that
 * a script reading JSON never has to parse prose.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* {"<kind>":{"command":...,"message":...,["exit_code":N,]["errno":...]}} */
static void json_msg(const struct cli_args *a, const char *kind, int code,
		     int err, const char *text)
{
	json_object *o = json_object_new_object();
	json_object *m = json_object_new_object();
	const char *s;

	if (!o || !m) {
		json_object_put(o);
		json_object_put(m);
		fprintf(stderr, "lkrg-cli: %s\n", text);
		return;
	}
	json_object_object_add(m, "command", a->name ?
			       json_object_new_string(a->name) : NULL);
	json_object_object_add(m, "message", json_object_new_string(text));
	if (code >= 0)
		json_object_object_add(m, "exit_code", json_object_new_int(code));
	if (err && strerrorname_np(err < 0 ? -err : err))
		json_object_object_add(m, "errno", json_object_new_string(
				strerrorname_np(err < 0 ? -err : err)));
	json_object_object_add(o, kind, m);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	fprintf(stderr, "%s\n", s ? s : "{\"error\":{}}");
	json_object_put(o);
}

static void vmsg(const struct cli_args *a, const char *kind, int code,
		 int err, const char *fmt, va_list ap)
{
	char text[512];

	vsnprintf(text, sizeof(text), fmt, ap);
	if (a->json)
		json_msg(a, kind, code, err, text);
	else
		fprintf(stderr, "lkrg-cli: %s: %s\n",
			a->name ? a->name : "error", text);
}

int cli_failf(const struct cli_args *a, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, "error", code, 0, fmt, ap);
	va_end(ap);
	return code;
}

void cli_note(const struct cli_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, "note", -1, 0, fmt, ap);
	va_end(ap);
}

static int fail_errno(const struct cli_args *a, int code, int err,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, "error", code, err, fmt, ap);
	va_end(ap);
	return code;
}

int cli_fail(const struct cli_args *a, int err, enum cli_stage stage)
{
	char buf[320];

	return fail_errno(a, cli_exit_code(err, stage), err, "%s",
			  cli_reason(err, stage, a->device, buf, sizeof(buf)));
}

int cli_fail_change(struct clkrg *c, const struct cli_args *a, int err)
{
	struct lkrg_status st;

	if (err == -EPERM && !clkrg_status(c, &st) && st.locked)
		return cli_failf(a, CLI_EXIT_PERM, CLI_MSG_POLICY_LOCKED);
	return cli_fail(a, err, CLI_AT_COMMAND);
}

void cli_usage_error(const struct cli_args *a, bool json)
{
	if (json)
		json_msg(a, "error", CLI_EXIT_USAGE, 0, a->err);
	else
		fprintf(stderr, "lkrg-cli: %s\n", a->err);
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

int cli_put_rows(const struct cli_args *a, cli_row_json_fn fn,
		 const void *rows, size_t stride, size_t n)
{
	char buf[CLKRG_JSON_MAX];
	size_t i;
	int len;

	/* Format every row first: an error must not leave half an array. */
	for (i = 0; i < n; i++) {
		len = fn((const char *)rows + i * stride, buf, sizeof(buf));
		if (len < 0)
			return cli_fail(a, len, CLI_AT_COMMAND);
	}
	fputc('[', stdout);
	for (i = 0; i < n; i++) {
		fn((const char *)rows + i * stride, buf, sizeof(buf));
		printf("%s%s", buf, i + 1 < n ? ",\n" : "");
	}
	puts("]");
	return CLI_EXIT_OK;
}
