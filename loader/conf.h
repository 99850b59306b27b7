/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /etc/clkrg.conf: the policy clkrg loads with. The whole file is read
 * and checked before anything is applied; a file with any error is not
 * applied at all. Lines are "name = value", '#' starts a comment line:
 *   <knob> = <number or value name>   as "lkrg-cli policy set" takes them
 *   umh_allow = /absolute/path        repeated; replaces the default list
 *   read_group = <group name or gid>  may open /dev/lkrg read-only
 * Knobs come from the library's table (clkrg_knob_defs()), the module's own.
 */
#ifndef CLKRG_LOADER_CONF_H
#define CLKRG_LOADER_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <clkrg.h>

#define CONF_LINE_MAX	4096	/* bytes of a line with its newline */
#define CONF_ERRORS_KEPT 32	/* messages kept; conf.nerr counts them all */
#define CONF_MSG_LEN	320

struct conf_error {
	unsigned int line;	/* 0: the file as a whole */
	char msg[CONF_MSG_LEN];
};

/* Resolves a group name: 0 and *gid, or -ENOENT. */
typedef int (*conf_group_fn)(const char *name, long *gid);

struct conf {
	const char *path;		/* for messages */
	struct lkrg_knob *knobs;	/* clkrg_knob_defs() */
	size_t nknobs;
	int64_t *value;			/* per knob */
	unsigned int *knob_line;	/* per knob: 0 = not set */
	char umh[LKRG_UMH_MAX][LKRG_UMH_PATH_LEN];
	unsigned int umh_line[LKRG_UMH_MAX];
	unsigned int umh_n;
	long gid;
	unsigned int gid_line;		/* 0 = no read_group */
	conf_group_fn group;		/* getgrnam_r() unless set */
	unsigned int settings;		/* lines that set something */
	unsigned int nerr;
	struct conf_error err[CONF_ERRORS_KEPT];
};

/* 0, or a negative errno (-ENOMEM). @path names the file in messages. */
int conf_init(struct conf *c, const char *path);
void conf_free(struct conf *c);

/* Records an error of @line (0: the file as a whole). */
void conf_error(struct conf *c, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One line (@text without its newline; modified in place). */
void conf_parse_line(struct conf *c, unsigned int line, char *text);
/* Every line of @f; 0, or -errno when @f cannot be read to its end. */
int conf_parse_file(struct conf *c, FILE *f);

/*
 * The module parameters of a file without errors, "name=value" each, in
 * knob-table order, then umh_allow and read_gid: *params is allocated
 * (conf_params_free()); returns their number, -ENOMEM, or -EINVAL when
 * the file had any error (nothing of it applies).
 */
int conf_params(const struct conf *c, char ***params);
void conf_params_free(char **params, int n);

/* "path:line: message" (or "path: message"), one line. */
int conf_error_text(const struct conf *c, const struct conf_error *e,
		    char *buf, size_t len);

/* A knob's values as "a|b|c" or "min..max". */
void conf_allowed_text(const struct lkrg_knob *k, char *buf, size_t len);

#endif
