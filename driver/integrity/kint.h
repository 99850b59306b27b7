/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel integrity guard: keyed hashes of core .text, .rodata and the
 * exception table in small blocks, so a change is located to
 * symbol+offset. Callers serialize check and rebaseline (check_engine).
 */
#ifndef CLKRG_KINT_H
#define CLKRG_KINT_H

#include <linux/types.h>

#include "services/check_ctx.h"

int clkrg_kint_init(void);
void clkrg_kint_exit(void);

/* Hashes the regions in @scope (LKRG_SCOPE_*) as the new baseline. */
void clkrg_kint_rebaseline(u64 scope);

/* Compares against the baseline, emits one event per changed run. */
void clkrg_kint_check(struct clkrg_check_ctx *ctx);

struct clkrg_run;
struct clkrg_site_set;

/*
 * Reports the sites of @set the last refresh found in a form their
 * kernel state does not allow (one event each, the last folds the rest).
 */
void clkrg_kint_report_sites(struct clkrg_check_ctx *ctx, u16 cat,
			     const char *region,
			     const struct clkrg_site_set *set);


/* Emits the violation event of a changed run (also for module text). */
void clkrg_kint_report(struct clkrg_check_ctx *ctx, u16 cat, u16 obj,
		       const char *name, const struct clkrg_run *run);


#endif
