/* SPDX-License-Identifier: GPL-2.0 */
/* lkrg-top's command line, parsed without touching the device. */
#ifndef LKRG_TOP_OPTS_H
#define LKRG_TOP_OPTS_H

#include <stdbool.h>
#include <stdio.h>

enum top_run {
	TOP_RUN_SCREEN,
	TOP_RUN_BATCH,
	TOP_RUN_HELP,
	TOP_RUN_VERSION,
};

struct top_opts {
	enum top_run run;
	unsigned long iterations;	/* -n; 0 = until killed */
	long delay_ms;			/* -d */
	bool json;
	bool no_color;
	bool ascii;			/* no UTF-8 sparklines */
	const char *replay;		/* FILE, "-" for stdin */
	const char *device;		/* NULL: /dev/lkrg */
	char err[160];			/* on a usage error */
};

#define TOP_DELAY_DEFAULT_MS	1000
#define TOP_DELAY_MIN_MS	100
#define TOP_DELAY_MAX_MS	3600000

/* 0, or 2 (the usage exit code) with o->err set. Resets getopt. */
int top_opts_parse(int argc, char **argv, struct top_opts *o);
void top_usage(FILE *f);

#endif
