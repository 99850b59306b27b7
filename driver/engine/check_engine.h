/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runs the guards. One check at a time, in a worker; triggers arriving
 * while one runs coalesce into a single pending check, so a burst of
 * requests never piles up.
 */
#ifndef CLKRG_CHECK_ENGINE_H
#define CLKRG_CHECK_ENGINE_H

#include <linux/types.h>
#include "core/lkrg_names.h"

struct clkrg_engine_status {
	u64 generation;
	u64 checks;
	u64 last_check_id;
	u64 last_check_real_ns;
	u64 last_check_duration_ns;
	u32 last_check_violations;
	u64 violations_total;
};

/* Takes the load-time baseline (generation 1) and starts the timer. */
int clkrg_engine_init(void);
void clkrg_engine_exit(void);

/* Asks for a check without waiting (timer, module events). */
void clkrg_engine_request(u16 trigger);

/*
 * Runs a check that starts after this call and waits for it. -EINTR on a
 * signal, -EOPNOTSUPP when kint_validate is off.
 */
int clkrg_engine_force_run(struct lkrg_check *out);

/* Accepts the current state; returns the new generation. */
u64 clkrg_engine_rebaseline(u64 scope);

/* Re-arms the periodic timer after interval or kint_validate changed. */
void clkrg_engine_rearm(void);

void clkrg_engine_status(struct clkrg_engine_status *out);

/* Statistics row of trigger @id (0..LKRG_TRIGGER_COUNT-1). */
void clkrg_engine_stats(unsigned int id, struct lkrg_stats_row *out);

#endif
