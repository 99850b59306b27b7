// SPDX-License-Identifier: GPL-2.0
#include "legit_syscalls.h"

/* arch/x86/entry/syscalls/syscall_64.tbl */
static const short cred_64[] = {
	105, 106, 113, 114, 116, 117, 119, 122, 123,	/* set*id, groups */
	126,			/* capset */
	157,			/* prctl: securebits, ambient, bounding set */
	248, 249, 250,		/* add_key, request_key, keyctl */
	272, 308,		/* unshare, setns */
	446,			/* landlock_restrict_self */
};

/* arch/x86/entry/syscalls/syscall_32.tbl */
static const short cred_32[] = {
	23, 46, 70, 71, 81, 138, 139, 164, 170,
	203, 204, 206, 208, 210, 213, 214, 215, 216,
	185, 172,
	286, 287, 288,
	310, 346,
	446,
};

static const short ns_64[] = { 272, 308 };
static const short ns_32[] = { 310, 346 };

static bool in_table(const short *t, size_t n, long nr)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] == nr)
			return true;
	return false;
}

bool lkrg_cred_syscall(bool ia32, long nr)
{
	return ia32 ? in_table(cred_32, ARRAY_SIZE(cred_32), nr) :
		      in_table(cred_64, ARRAY_SIZE(cred_64), nr);
}

bool lkrg_ns_syscall(bool ia32, long nr)
{
	return ia32 ? in_table(ns_32, ARRAY_SIZE(ns_32), nr) :
		      in_table(ns_64, ARRAY_SIZE(ns_64), nr);
}
