/* SPDX-License-Identifier: GPL-2.0 */
/* Sample records and knobs the tests and the fake module start from; no
 * Check in here, so the LD_PRELOAD fake (fake_preload.c) links it too. */
#ifndef CLKRG_SAMPLES_H
#define CLKRG_SAMPLES_H

#include "event_codec.h"

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

#endif
