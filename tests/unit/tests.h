/* SPDX-License-Identifier: GPL-2.0 */
/* Suites of the host unit tests and the fixtures they share. */
#ifndef CLKRG_TESTS_H
#define CLKRG_TESTS_H

#include <check.h>

#include "clkrg_internal.h"
#include "event_codec.h"

Suite *abi_check_suite(void);
Suite *codec_suite(void);
Suite *names_suite(void);
Suite *ratelimit_suite(void);
Suite *x86_insn_suite(void);
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

/* 2026-11-26T10:00:00.123Z */
#define SAMPLE_REAL_NS	1795687200123000000ULL

/* The violation every formatting test starts from (seq 12, .text). */
void sample_violation(struct lkrg_event_record *r);
/* A knob like the module's kint_enforce: enum, log_accept|log_only|panic. */
void sample_enforce_knob(struct lkrg_knob *k);
/* Like the module's block_modules: enum off|on|lock, block-mode names. */
void sample_block_knob(struct lkrg_knob *k);
/* Like the module's kint_validate: a range 0..2 (not enum), validate names,
 * value 2 (periodic). */
void sample_validate_knob(struct lkrg_knob *k);
/* A plain integer knob like "interval" (5..1800). */
void sample_interval_knob(struct lkrg_knob *k);

/* A handle reading from a fresh pipe; *wfd is its write end. */
struct clkrg *pipe_handle(int *wfd);
/* write() all of it or fail the test. */
void write_all(int fd, const void *buf, size_t len);

#endif
