// SPDX-License-Identifier: GPL-2.0
/*
 * Load-time checks of the running kernel. The kernel itself refuses a
 * module whose version magic differs; a forced load (modprobe -f) skips
 * that, and clkrg reads kernel structures whose layout is only known for
 * the kernel it was built against, so it refuses such a kernel too.
 */
#include <linux/string.h>
#include <linux/utsname.h>
#include <generated/utsrelease.h>
#include "compat.h"

/*
 * The release clkrg was built for. The kernel suite (09-refuse) builds a
 * copy that names another one, which is what a forced load looks like.
 */
#ifndef CLKRG_BUILT_FOR
#define CLKRG_BUILT_FOR	UTS_RELEASE
#endif

int clkrg_compat_init(void)
{
	const char *running = init_utsname()->release;

	if (strcmp(running, CLKRG_BUILT_FOR)) {
		pr_err("clkrg: FAULT: cannot guard this kernel: built for %s, running %s\n",
		       CLKRG_BUILT_FOR, running);
		return -ENOEXEC;
	}
	return clkrg_kfn_init();
}
