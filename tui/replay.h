/* SPDX-License-Identifier: GPL-2.0 */
/* lkrg-top --replay FILE: events saved by "lkrg-cli events --json". */
#ifndef LKRG_TOP_REPLAY_H
#define LKRG_TOP_REPLAY_H

#include <stdio.h>

#include "model.h"

/* Adds every line of @f to @m (blank lines are ignored, lines libclkrg
 * cannot read are counted in m->replay_skipped) and marks @m as a replay
 * of @name. Returns the number of events read, or -errno from reading. */
long top_replay_load(struct top_model *m, FILE *f, const char *name);

#endif
