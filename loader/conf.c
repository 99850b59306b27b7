// SPDX-License-Identifier: GPL-2.0
/* /etc/clkrg.conf: parsed and checked whole; see conf.h. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

/* Knob values with names are small; lkrg-cli lists the same ones. */
#define SMALL_VALUES	64

void conf_error(struct conf *c, unsigned int line, const char *fmt, ...)
{
	struct conf_error *e;
	va_list ap;

	if (c->nerr++ >= CONF_ERRORS_KEPT)
		return;
	e = &c->err[c->nerr - 1];
	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

static int real_group(const char *name, long *gid)
{
	struct group g, *res = NULL;
	char buf[4096];

	if (getgrnam_r(name, &g, buf, sizeof(buf), &res) || !res)
		return -ENOENT;
	*gid = (long)res->gr_gid;
	return 0;
}

int conf_init(struct conf *c, const char *path)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->path = path;
	c->group = real_group;
	c->gid = -1;
	ret = clkrg_knob_defs(&c->knobs, &c->nknobs);
	if (ret)
		return ret;
	c->value = calloc(c->nknobs, sizeof(*c->value));
	c->knob_line = calloc(c->nknobs, sizeof(*c->knob_line));
	if (!c->value || !c->knob_line) {
		conf_free(c);
		return -ENOMEM;
	}
	return 0;
}

void conf_free(struct conf *c)
{
	clkrg_knobs_free(c->knobs);
	free(c->value);
	free(c->knob_line);
	c->knobs = NULL;
	c->value = NULL;
	c->knob_line = NULL;
}

void conf_allowed_text(const struct lkrg_knob *k, char *buf, size_t len)
{
	const char *sep = "", *name;
	size_t used = 0;
	int v, n;

	buf[0] = 0;
	if (!(k->flags & LKRG_KNOB_F_ENUM) && clkrg_knob_name_set(k) < 0) {
		snprintf(buf, len, "%" PRId64 "..%" PRId64, (int64_t)k->min,
			 (int64_t)k->max);
		return;
	}
	for (v = 0; v < SMALL_VALUES && used < len; v++) {
		if (!clkrg_knob_allows(k, v))
			continue;
		name = clkrg_knob_value_name(k, v);
		if (name)
			n = snprintf(buf + used, len - used, "%s%s", sep, name);
		else
			n = snprintf(buf + used, len - used, "%s%d", sep, v);
		if (n < 0)
			break;
		used += (size_t)n;
		sep = "|";
	}
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = 0;
	return s;
}

static bool has_space(const char *s)
{
	for (; *s; s++)
		if (isspace((unsigned char)*s))
			return true;
	return false;
}

static int find_knob(const struct conf *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nknobs; i++)
		if (!strcmp((const char *)c->knobs[i].name, name))
			return (int)i;
	return -1;
}

static void set_knob(struct conf *c, unsigned int line, int i,
		     const char *text)
{
	const struct lkrg_knob *k = &c->knobs[i];
	char allowed[512];
	int64_t v;

	conf_allowed_text(k, allowed, sizeof(allowed));
	if (c->knob_line[i]) {
		conf_error(c, line, "%s is set twice (first on line %u)", k->name,
		      c->knob_line[i]);
		return;
	}
	if (clkrg_parse_value(clkrg_knob_name_set(k), text, &v)) {
		conf_error(c, line, "'%s' is not a value of %s (%s)", text, k->name,
		      allowed);
		return;
	}
	if (!clkrg_knob_allows(k, v)) {
		conf_error(c, line, "%s is not allowed for %s (%s)", text, k->name,
		      allowed);
		return;
	}
	c->value[i] = v;
	c->knob_line[i] = line;
	c->settings++;
}

static void add_umh(struct conf *c, unsigned int line, const char *path)
{
	int ret = clkrg_umh_path_check(path);
	unsigned int i;

	if (ret == -ENAMETOOLONG) {
		conf_error(c, line, "umh_allow: a path of %d bytes at most",
		      LKRG_UMH_PATH_LEN - 1);
		return;
	}
	if (ret) {
		conf_error(c, line, "umh_allow: '%s' is not an absolute path", path);
		return;
	}
	/* The module parameter is a comma-separated list. */
	if (strchr(path, ',') || strchr(path, '"')) {
		conf_error(c, line, "umh_allow: '%s' holds ',' or '\"', which the "
		      "module parameter cannot carry", path);
		return;
	}
	for (i = 0; i < c->umh_n; i++) {
		if (!strcmp(c->umh[i], path)) {
			conf_error(c, line, "umh_allow: %s is listed twice (first "
			      "on line %u)", path, c->umh_line[i]);
			return;
		}
	}
	if (c->umh_n == LKRG_UMH_MAX) {
		conf_error(c, line, "umh_allow: more than %d entries (the module "
		      "holds %d)", LKRG_UMH_MAX, LKRG_UMH_MAX);
		return;
	}
	snprintf(c->umh[c->umh_n], LKRG_UMH_PATH_LEN, "%s", path);
	c->umh_line[c->umh_n++] = line;
	c->settings++;
}

static void set_group(struct conf *c, unsigned int line, const char *name)
{
	char *end;
	long gid;

	if (c->gid_line) {
		conf_error(c, line, "read_group is set twice (first on line %u)",
		      c->gid_line);
		return;
	}
	if (isdigit((unsigned char)name[0])) {
		errno = 0;
		gid = strtol(name, &end, 10);
		if (*end || errno || gid > INT32_MAX) {
			conf_error(c, line, "read_group: '%s' is not a group id "
			      "(0..%d)", name, INT32_MAX);
			return;
		}
	} else if (c->group(name, &gid) || gid < 0 || gid > INT32_MAX) {
		conf_error(c, line, "read_group: no group '%s' (systemd-sysusers "
		      "creates 'clkrg'; a number works too)", name);
		return;
	}
	c->gid = gid;
	c->gid_line = line;
	c->settings++;
}

void conf_parse_line(struct conf *c, unsigned int line, char *text)
{
	char *eq, *key, *value;
	int i;

	text = trim(text);
	if (!*text || *text == '#')
		return;
	eq = strchr(text, '=');
	if (!eq) {
		conf_error(c, line, "expected 'name = value', got '%.60s'", text);
		return;
	}
	*eq = 0;
	key = trim(text);
	value = trim(eq + 1);
	if (!*key) {
		conf_error(c, line, "expected 'name = value': no name before '='");
		return;
	}
	if (!*value) {
		conf_error(c, line, "no value for %.60s", key);
		return;
	}
	if (has_space(value)) {
		conf_error(c, line, "%.60s takes one value, got '%.60s' (comments "
		      "are lines of their own, starting with '#')", key, value);
		return;
	}
	if (!strcmp(key, "umh_allow")) {
		add_umh(c, line, value);
		return;
	}
	if (!strcmp(key, "read_group")) {
		set_group(c, line, value);
		return;
	}
	i = find_knob(c, key);
	if (i < 0) {
		conf_error(c, line, "unknown setting '%.60s' (the knobs of "
		      "'clkrg-load --list', umh_allow or read_group)", key);
		return;
	}
	set_knob(c, line, i, value);
}

int conf_parse_file(struct conf *c, FILE *f)
{
	unsigned int line = 0;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret;

	while ((n = getline(&buf, &cap, f)) >= 0) {
		line++;
		if (n && buf[n - 1] == '\n')
			buf[--n] = 0;
		if (n >= CONF_LINE_MAX)
			conf_error(c, line, "line longer than %d bytes",
			      CONF_LINE_MAX - 1);
		else if (memchr(buf, 0, (size_t)n))
			conf_error(c, line, "a NUL byte: not a text file");
		else
			conf_parse_line(c, line, buf);
	}
	ret = ferror(f) ? -EIO : 0;
	free(buf);
	return ret;
}

int conf_params(const struct conf *c, char ***params)
{
	char **p;
	size_t i, len;
	int n = 0;

	/* Never half a policy: a file with an error gives nothing. */
	if (c->nerr)
		return -EINVAL;
	p = calloc(c->nknobs + 2, sizeof(*p));
	if (!p)
		return -ENOMEM;
	for (i = 0; i < c->nknobs; i++) {
		if (!c->knob_line[i])
			continue;
		if (asprintf(&p[n], "%s=%" PRId64, c->knobs[i].name,
			     c->value[i]) < 0)
			goto nomem;
		n++;
	}
	if (c->umh_n) {
		len = sizeof("umh_allow=") + c->umh_n * LKRG_UMH_PATH_LEN;
		p[n] = malloc(len);
		if (!p[n])
			goto nomem;
		strcpy(p[n], "umh_allow=");
		for (i = 0; i < c->umh_n; i++) {
			if (i)
				strcat(p[n], ",");
			strcat(p[n], c->umh[i]);
		}
		n++;
	}
	if (c->gid_line) {
		if (asprintf(&p[n], "read_gid=%ld", c->gid) < 0)
			goto nomem;
		n++;
	}
	*params = p;
	return n;
nomem:
	p[n] = NULL;
	conf_params_free(p, n);
	return -ENOMEM;
}

void conf_params_free(char **params, int n)
{
	int i;

	for (i = 0; params && i < n; i++)
		free(params[i]);
	free(params);
}

int conf_error_text(const struct conf *c, const struct conf_error *e,
		    char *buf, size_t len)
{
	if (e->line)
		return snprintf(buf, len, "%s:%u: %s", c->path, e->line,
				e->msg);
	return snprintf(buf, len, "%s: %s", c->path, e->msg);
}
