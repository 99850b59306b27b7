// SPDX-License-Identifier: GPL-2.0
/* lkrg-top: placeholder until the live monitor lands. */
#include <getopt.h>
#include <stdio.h>

#include <clkrg.h>

static void usage(FILE *f)
{
	fputs("Usage: lkrg-top [-h|--help] [-V|--version]\n"
	      "The live clkrg monitor comes in a later release.\n", f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		if (c == 'V') {
			printf("lkrg-top %s\n", CLKRG_VERSION);
			return 0;
		}
		usage(stderr);
		return 2;	/* the usage exit code of lkrg-cli */
	}
	puts("lkrg-top: the live monitor comes in a later release; "
	     "meanwhile use 'lkrg-cli events --follow' and 'lkrg-cli status'.");
	return 0;
}
