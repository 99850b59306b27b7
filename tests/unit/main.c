// SPDX-License-Identifier: GPL-2.0
/* Runs every suite (CK_FORK from the environment, fork by default) and
 * writes "<passed> <failed>" to the file named by argv[1]. */
#include <stdio.h>
#include <stdlib.h>

#include "tests.h"

static Suite *(*const suites[])(void) = {
	abi_check_suite, codec_suite, names_suite, ratelimit_suite,
	x86_insn_suite, text_sites_suite, layout_suite, json_suite, text_suite, reader_suite, api_suite,
	fake_dev_suite, cli_args_suite, cli_exit_suite, pint_core_suite,
	json_parse_suite, cli_script_suite, top_model_suite, top_fmt_suite,
	top_frame_suite, top_ui_suite, sized_suite, stream_suite,
	abi_table_suite, inventory_core_suite, knob_defs_suite,
	loader_conf_suite, journal_fields_suite, sip13_suite,
};

int main(int argc, char **argv)
{
	SRunner *sr = srunner_create(NULL);
	int run, failed;
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	run = srunner_ntests_run(sr);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (argc > 1) {
		f = fopen(argv[1], "w");
		if (!f || fprintf(f, "%d %d\n", run - failed, failed) < 0 ||
		    fclose(f)) {
			perror(argv[1]);
			return EXIT_FAILURE;
		}
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
