// SPDX-License-Identifier: GPL-2.0
/* events --new's cursor file: see cursor.h. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "cursor.h"

#define NAME	"lkrg-cli/events.cursor"

int cli_cursor_path(const char *given, char *buf, size_t len)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int n;

	if (given)
		n = snprintf(buf, len, "%s", given);
	else if (state && state[0] == '/')
		n = snprintf(buf, len, "%s/" NAME, state);
	else if (home && home[0] == '/')
		n = snprintf(buf, len, "%s/.local/state/" NAME, home);
	else
		return -ENOENT;
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int cli_cursor_parse(const char *text, struct cli_cursor *c)
{
	char uuid[UUID_STR_LEN], *end;
	unsigned long long next;
	int used = 0;

	if (sscanf(text, "%36s %n", uuid, &used) != 1 || !used ||
	    uuid_parse(uuid, c->instance))
		return -EBADMSG;
	text += used;
	if (*text < '0' || *text > '9')
		return -EBADMSG;
	errno = 0;
	next = strtoull(text, &end, 10);
	if (errno || next > INT64_MAX || (*end && strcmp(end, "\n")))
		return -EBADMSG;
	c->next = next;
	return 0;
}

int cli_cursor_format(const struct cli_cursor *c, char *buf, size_t len)
{
	char uuid[UUID_STR_LEN];
	int n;

	uuid_unparse_lower(c->instance, uuid);
	n = snprintf(buf, len, "%s %" PRIu64 "\n", uuid, c->next);
	return n < 0 || (size_t)n >= len ? -ENOSPC : n;
}

int cli_cursor_load(const char *path, struct cli_cursor *c)
{
	char text[128];
	size_t n;
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = 0;
	if (ferror(f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	return cli_cursor_parse(text, c);
}

/* mkdir -p of @path's directory. */
static int make_dir(const char *path)
{
	char dir[4096], *p;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = 0;
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0700) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return mkdir(dir, 0700) && errno != EEXIST ? -errno : 0;
}

int cli_cursor_save(const char *path, const struct cli_cursor *c)
{
	char tmp[4200], text[128];
	int fd, n, ret;

	n = cli_cursor_format(c, text, sizeof(text));
	if (n < 0)
		return n;
	ret = make_dir(path);
	if (ret)
		return ret;
	if (snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid()) >=
	    (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	ret = write(fd, text, (size_t)n) == n ? 0 : -EIO;
	if (!ret && fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	return ret;
}
