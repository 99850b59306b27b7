// SPDX-License-Identifier: GPL-2.0
/*
 * lkrg-top [-b] [-n N] [-d SECONDS] [--json] [--replay FILE]
 *          [--device PATH] [-C|--no-color] [--ascii]
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

#define EXIT_USAGE	2	/* lkrg-cli's code for the same */

enum { OPT_JSON = 0x100, OPT_REPLAY, OPT_DEVICE, OPT_ASCII };

static const struct option longopts[] = {
	{ "batch", no_argument, NULL, 'b' },
	{ "iterations", required_argument, NULL, 'n' },
	{ "delay", required_argument, NULL, 'd' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "replay", required_argument, NULL, OPT_REPLAY },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "no-color", no_argument, NULL, 'C' },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int bad(struct top_opts *o, const char *what, const char *arg)
{
	snprintf(o->err, sizeof(o->err), "%s '%s'", what, arg);
	return EXIT_USAGE;
}

static int parse_count(struct top_opts *o, const char *s)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-')
		return bad(o, "bad iteration count", s);
	v = strtoull(s, &end, 10);
	if (*end || !v || v > 1000000000ULL)
		return bad(o, "bad iteration count (1 or more)", s);
	o->iterations = (unsigned long)v;
	return 0;
}

static int parse_delay(struct top_opts *o, const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end || !isfinite(v) || v * 1000 < TOP_DELAY_MIN_MS ||
	    v * 1000 > TOP_DELAY_MAX_MS)
		return bad(o, "bad delay (seconds, 0.1 to 3600)", s);
	o->delay_ms = lround(v * 1000);
	return 0;
}

static int bad_option(struct top_opts *o, int c, char **argv)
{
	if (c == ':')
		return bad(o, "option needs an argument:", argv[optind - 1]);
	if (optopt)
		snprintf(o->err, sizeof(o->err), "unknown option '-%c'",
			 optopt);
	else
		snprintf(o->err, sizeof(o->err), "unknown option '%s'",
			 argv[optind - 1]);
	return EXIT_USAGE;
}

int top_opts_parse(int argc, char **argv, struct top_opts *o)
{
	bool counted = false;
	int c, ret = 0;

	memset(o, 0, sizeof(*o));
	o->delay_ms = TOP_DELAY_DEFAULT_MS;
	opterr = 0;
	optind = 0;
	while (!ret && (c = getopt_long(argc, argv, ":bn:d:ChV", longopts,
					NULL)) != -1) {
		switch (c) {
		case 'b':
			o->run = TOP_RUN_BATCH;
			break;
		case 'n':
			ret = parse_count(o, optarg);
			counted = true;
			break;
		case 'd':
			ret = parse_delay(o, optarg);
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_REPLAY:
			o->replay = optarg;
			break;
		case OPT_DEVICE:
			o->device = optarg;
			break;
		case 'C':
			o->no_color = true;
			break;
		case OPT_ASCII:
			o->ascii = true;
			break;
		case 'h':
		case 'V':
			/* The first one wins, as in lkrg-cli. */
			if (o->run != TOP_RUN_HELP && o->run != TOP_RUN_VERSION)
				o->run = c == 'h' ? TOP_RUN_HELP
						  : TOP_RUN_VERSION;
			break;
		default:
			ret = bad_option(o, c, argv);
		}
	}
	if (ret || o->run == TOP_RUN_HELP || o->run == TOP_RUN_VERSION)
		return ret;
	if (optind < argc)
		return bad(o, "unexpected argument", argv[optind]);
	/* --json is a batch format; -n without -b would be ignored. */
	if (o->json)
		o->run = TOP_RUN_BATCH;
	if (counted && o->run != TOP_RUN_BATCH)
		return bad(o, "-n needs batch mode:", "-b");
	/* The screen reads its keys from stdin. */
	if (o->replay && !strcmp(o->replay, "-") && o->run != TOP_RUN_BATCH)
		return bad(o, "--replay - (stdin) needs batch mode:", "-b");
	if (o->replay && o->device)
		return bad(o, "--device has no use with", "--replay");
	/* A replay does not change: one frame unless asked for more. */
	if (o->run == TOP_RUN_BATCH && o->replay && !counted)
		o->iterations = 1;
	return 0;
}

void top_usage(FILE *f)
{
	fputs("Usage: lkrg-top [--device PATH] [-C|--no-color] [--ascii]\n"
	      "       lkrg-top -b [-n N] [-d SECONDS] [--json] "
	      "[--device PATH]\n"
	      "       lkrg-top --replay FILE [-b [-n N] [--json]]\n"
	      "       lkrg-top -h|--help | -V|--version\n"
	      "\n"
	      "Live monitor of the clkrg kernel runtime guard: header, "
	      "events, triggers, hooks.\n"
	      "  -b, --batch          print frames as text instead of the "
	      "screen (like top -b)\n"
	      "  -n, --iterations N   stop after N frames (batch mode)\n"
	      "  -d, --delay SECONDS  refresh period, 0.1 to 3600 (default "
	      "1)\n"
	      "      --json           batch frames as one JSON document each "
	      "(implies -b)\n"
	      "      --replay FILE    show events saved by 'lkrg-cli events "
	      "--json' (- reads stdin)\n"
	      "      --device PATH    instead of /dev/lkrg\n"
	      "  -C, --no-color       no colours (also when NO_COLOR is set)\n"
	      "      --ascii          ASCII sparklines even in a UTF-8 "
	      "locale\n"
	      "Keys: ? in the screen. Exit codes as lkrg-cli: 0 ok, 2 usage, "
	      "3 module not loaded,\n"
	      "4 permission denied, 5 ABI mismatch, 6 other error.\n", f);
}
