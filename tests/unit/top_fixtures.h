/* SPDX-License-Identifier: GPL-2.0 */
/* What the lkrg-top suites share: records, tables and a filled model. */
#ifndef CLKRG_TOP_FIXTURES_H
#define CLKRG_TOP_FIXTURES_H

#include <stdio.h>

#include "tests.h"
#include "model.h"

#define S_NS	1000000000ULL

/* A detail record: seq, severity, object (its category follows), action,
 * pid (-1: no task) and comm, name, location. */
void top_rec(struct lkrg_event_record *r, uint64_t seq, unsigned int sev,
	     unsigned int obj, unsigned int act, int pid, const char *comm,
	     const char *name, const char *loc);
/* Adds such a record to @m; fails the test if the model refuses it. */
void top_add(struct top_model *m, uint64_t seq, unsigned int sev,
	     unsigned int obj, unsigned int act, int pid, const char *comm,
	     const char *name, const char *loc);
/* Trigger rows "manual" (id 1), "timer" (2), "module" (3) with @fired. */
void top_triggers(struct top_model *m, uint64_t manual, uint64_t timer,
		  uint64_t module, uint64_t now_ns);
/* A status like a module's after 3 checks, and the usual knobs. */
void top_status(struct top_model *m, uint64_t real_ns);
void top_knobs(struct top_model *m, bool with_lock);
/* Local time is UTC in these suites, so "10:00:00" reads the same. */
void top_utc(void);

#endif
