/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Batch mode (lkrg-top -b): one frame per refresh, as plain text (the
 * header, the newest events, the trigger and hook tables) or as one JSON
 * document on one line (--json).
 */
#ifndef LKRG_TOP_FRAME_H
#define LKRG_TOP_FRAME_H

#include <stdio.h>

#include "fmt.h"

#define TOP_FRAME_EVENTS	10	/* newest events in a frame */

/* 0, or -errno (-ENOMEM, -EIO when @f failed). */
int top_frame_text(FILE *f, const struct top_model *m,
		   const struct top_clock *now, unsigned long frame);
int top_frame_json(FILE *f, const struct top_model *m,
		   const struct top_clock *now, unsigned long frame);

#endif
