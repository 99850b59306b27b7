// SPDX-License-Identifier: GPL-2.0
/* Capability drop at start: see caps.h. */
#include <errno.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "caps.h"

static bool kept(cap_value_t v, unsigned int keep)
{
	return (v == CAP_SYSLOG && (keep & TOP_KEEP_SYSLOG)) ||
	       (v == CAP_SYS_ADMIN && (keep & TOP_KEEP_ADMIN));
}

static bool has(cap_t c, cap_value_t v, cap_flag_t set)
{
	cap_flag_value_t f = CAP_CLEAR;

	return !cap_get_flag(c, v, set, &f) && f == CAP_SET;
}

/* The bounding set only matters across execve(), which lkrg-top never
 * does; without CAP_SETPCAP it cannot be changed and is left alone. */
static int drop_bound(cap_t cur, unsigned int keep)
{
	cap_value_t v;

	if (!has(cur, CAP_SETPCAP, CAP_EFFECTIVE))
		return 0;
	for (v = 0; v < cap_max_bits(); v++)
		if (!kept(v, keep) && cap_get_bound(v) > 0 &&
		    cap_drop_bound(v))
			return -errno;
	return 0;
}

int top_caps_drop(unsigned int keep, const char **what)
{
	static const cap_value_t ours[] = { CAP_SYSLOG, CAP_SYS_ADMIN };
	cap_t cur = cap_get_proc(), next = cap_init();
	int ret = 0;
	size_t i;

	*what = "reading the capabilities";
	if (!cur || !next) {
		ret = -errno;
		goto out;
	}
	for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++) {
		if (!kept(ours[i], keep) || !has(cur, ours[i], CAP_PERMITTED))
			continue;
		if (cap_set_flag(next, CAP_PERMITTED, 1, &ours[i], CAP_SET) ||
		    cap_set_flag(next, CAP_EFFECTIVE, 1, &ours[i], CAP_SET)) {
			ret = -errno;
			goto out;
		}
	}
	*what = "dropping the bounding set";
	ret = drop_bound(cur, keep);
	if (ret)
		goto out;
	*what = "clearing the ambient set";
	if (CAP_AMBIENT_SUPPORTED() && cap_reset_ambient()) {
		ret = -errno;
		goto out;
	}
	*what = "setting the capabilities";
	if (cap_set_proc(next)) {
		ret = -errno;
		goto out;
	}
	*what = "setting no_new_privs";
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		ret = -errno;
out:
	cap_free(cur);
	cap_free(next);
	return ret;
}

bool top_caps_admin(void)
{
	cap_t c = cap_get_proc();
	bool yes = c && has(c, CAP_SYS_ADMIN, CAP_EFFECTIVE);

	cap_free(c);
	return yes;
}
