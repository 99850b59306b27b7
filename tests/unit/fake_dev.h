/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stand-in for the module behind one temp file: the test binary is
 * linked with -Wl,--wrap=ioctl, so libclkrg's ioctl() calls on that file
 * land here (and on any other fd go to the real ioctl).
 */
#ifndef CLKRG_FAKE_DEV_H
#define CLKRG_FAKE_DEV_H

#include "tests.h"

#define FAKE_KNOBS_MAX	8
#define FAKE_ROWS_MAX	8	/* stats and hook rows */

struct fake_dev {
	char path[64];
	int api_version;		/* LKRG_IOC_API_VERSION's answer */
	__u32 hello_api;		/* hello.api_version */
	unsigned long fail_req;		/* this request fails with... */
	int fail_errno;			/* ...this errno */
	struct lkrg_knob knobs[FAKE_KNOBS_MAX];
	__u32 nknobs;
	bool grow_once;			/* a knob appears during a listing */
	__u32 nstats;			/* rows LKRG_IOC_STATS has */
	__u32 nhooks;			/* rows LKRG_IOC_HOOKS has */
	/* The usermode helper allow-list, as the module keeps it. */
	__u8 umh[LKRG_UMH_MAX][LKRG_UMH_PATH_LEN];
	__u32 numh;
	__u64 umh_generation;
	__u64 umh_refused;
	bool umh_grow_once;		/* a path is added during a listing */
	__u32 block_mode;
	__u64 last_scope;
	__u32 calls;
};

extern struct fake_dev fake;

/* Creates the file and a module with kint_enforce and interval, 3 stats
 * rows, 2 hooks and an empty allow-list. */
void fake_setup(void);
void fake_teardown(void);

#endif
