// SPDX-License-Identifier: GPL-2.0
/* errno -> exit code and the message people read for it. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clkrg.h>

#include "exit_codes.h"

int cli_exit_code(int err, enum cli_stage stage)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return CLI_EXIT_OK;
	case ENOENT:
		return stage == CLI_AT_OPEN ? CLI_EXIT_NOT_LOADED
					    : CLI_EXIT_ERROR;
	case ENXIO:
	case ENODEV:	/* after open: the module is shutting down */
		return CLI_EXIT_NOT_LOADED;
	case EACCES:
	case EPERM:
		return CLI_EXIT_PERM;
	case EPROTO:
		return stage == CLI_AT_OPEN ? CLI_EXIT_ABI : CLI_EXIT_ERROR;
	default:
		return CLI_EXIT_ERROR;
	}
}

static const char *open_reason(int err, const char *dev, char *buf,
			       size_t len)
{
	switch (err) {
	case ENOENT:
		snprintf(buf, len, "module not loaded (%s missing): run "
			 "'modprobe clkrg'", dev);
		return buf;
	case ENXIO:
	case ENODEV:
		snprintf(buf, len, "module not loaded (%s has no driver, or "
			 "clkrg is shutting down): run 'modprobe clkrg'", dev);
		return buf;
	case EACCES:
	case EPERM:
		snprintf(buf, len, "permission denied opening %s: run as root",
			 dev);
		return buf;
	case EPROTO:
		snprintf(buf, len, "ABI mismatch: %s does not speak lkrg API "
			 "version %d: install matching clkrg.ko and lkrg-cli",
			 dev, LKRG_API_VERSION);
		return buf;
	}
	return NULL;
}

const char *cli_group_reason(const struct stat *st, uid_t euid, gid_t egid,
			     const gid_t *groups, int ngroups,
			     const char *group_name, char *buf, size_t len)
{
	bool member = egid == st->st_gid;
	int i;

	for (i = 0; i < ngroups && !member; i++)
		member = groups[i] == st->st_gid;
	/* Read access through the group, not as the owner. */
	if (!member || euid == st->st_uid || !(st->st_mode & S_IRGRP))
		return NULL;
	if (group_name)
		snprintf(buf, len, "permission denied: group %s (clkrg's "
			 "read_gid) may read events and status, but this "
			 "command needs CAP_SYS_ADMIN: run it as root",
			 group_name);
	else
		snprintf(buf, len, "permission denied: group %u (clkrg's "
			 "read_gid) may read events and status, but this "
			 "command needs CAP_SYS_ADMIN: run it as root",
			 (unsigned int)st->st_gid);
	return buf;
}

/* Whether the caller reads @dev through its group: then say so. */
static const char *group_hint(const char *dev, char *buf, size_t len)
{
	gid_t groups[256];
	struct group *g;
	struct stat st;
	int n;

	if (stat(dev, &st))
		return NULL;
	n = getgroups(sizeof(groups) / sizeof(groups[0]), groups);
	g = getgrgid(st.st_gid);
	return cli_group_reason(&st, geteuid(), getegid(), groups, n < 0 ? 0 : n,
				g ? g->gr_name : NULL, buf, len);
}

static const char *command_reason(int err, const char *dev, char *buf,
				  size_t len)
{
	const char *hint;

	switch (err) {
	case EACCES:
	case EPERM:
		hint = group_hint(dev, buf, len);
		return hint ? hint : "permission denied: this command needs "
				     "CAP_SYS_ADMIN";
	case ENODEV:
	case ENXIO:
		return "clkrg is shutting down: reload clkrg.ko";
	case ENOTTY:
		return "not supported by the loaded clkrg module";
	}
	return NULL;
}

const char *cli_reason(int err, enum cli_stage stage, const char *devnode,
		       char *buf, size_t len)
{
	const char *s;

	if (err < 0)
		err = -err;
	if (!devnode)
		devnode = LKRG_DEVICE_PATH;
	s = stage == CLI_AT_OPEN ? open_reason(err, devnode, buf, len)
				 : command_reason(err, devnode, buf, len);
	return s ? s : clkrg_strerror(err);
}

const char *cli_umh_reason(int err, bool adding, const char *path, char *buf,
			   size_t len)
{
	if (err < 0)
		err = -err;
	if (err == EEXIST && adding)
		snprintf(buf, len, "%s is already on the allow-list", path);
	else if (err == ENOSPC && adding)
		snprintf(buf, len, "the allow-list is full (%d entries): "
			 "delete one first", LKRG_UMH_MAX);
	else if (err == ENOENT && !adding)
		snprintf(buf, len, "%s is not on the allow-list", path);
	else if (err == EINVAL)
		snprintf(buf, len, "%s was refused: the path must be absolute "
			 "and shorter than %d bytes", path, LKRG_UMH_PATH_LEN);
	else
		return NULL;
	return buf;
}

const char *cli_hook_reason(int err, bool allowing, const char *owner,
			    char *buf, size_t len)
{
	if (err < 0)
		err = -err;
	if (err == EEXIST && allowing)
		snprintf(buf, len, "%s is already allowed", owner);
	else if (err == ENOSPC && allowing)
		snprintf(buf, len, "the owner allow-list is full (%d entries): "
			 "deny one first", LKRG_HOOK_ALLOW_MAX);
	else if (err == ENOENT && !allowing)
		snprintf(buf, len, "%s is not on the owner allow-list", owner);
	else if (err == EINVAL)
		snprintf(buf, len, "%s was refused: expected a module name, "
			 "bpf:NAME or kernel:SYMBOL (letters, digits, '_', '.', "
			 "'-'), optionally ending in '*'", owner);
	else
		return NULL;
	return buf;
}
