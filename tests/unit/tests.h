/* SPDX-License-Identifier: GPL-2.0 */
/* Suites of the host unit tests and the fixtures they share. */
#ifndef CLKRG_TESTS_H
#define CLKRG_TESTS_H

#include <check.h>

#include "clkrg_internal.h"
#include "event_codec.h"
#include "samples.h"

Suite *abi_check_suite(void);
Suite *codec_suite(void);
Suite *names_suite(void);
Suite *ratelimit_suite(void);
Suite *x86_insn_suite(void);
Suite *sip13_suite(void);
Suite *text_sites_suite(void);
Suite *layout_suite(void);
Suite *json_suite(void);
Suite *text_suite(void);
Suite *reader_suite(void);
Suite *api_suite(void);
Suite *fake_dev_suite(void);
Suite *cli_args_suite(void);
Suite *cli_exit_suite(void);
Suite *pint_core_suite(void);
Suite *json_parse_suite(void);
Suite *cli_script_suite(void);
Suite *top_model_suite(void);
Suite *top_fmt_suite(void);
Suite *top_frame_suite(void);
Suite *top_ui_suite(void);
Suite *sized_suite(void);
Suite *stream_suite(void);
Suite *abi_table_suite(void);
Suite *inventory_core_suite(void);
Suite *knob_defs_suite(void);
Suite *loader_conf_suite(void);
Suite *journal_fields_suite(void);

/* A handle reading from a fresh pipe; *wfd is its write end. */
struct clkrg *pipe_handle(int *wfd);
/* write() all of it or fail the test. */
void write_all(int fd, const void *buf, size_t len);

#endif
