/* SPDX-License-Identifier: GPL-2.0 */
/* lkrg-top's screen: ncursesw drawing of the model and the key codes. */
#ifndef LKRG_TOP_SCREEN_H
#define LKRG_TOP_SCREEN_H

#include "fmt.h"
#include "ui.h"

#define TOP_MIN_COLS	80
#define TOP_MIN_ROWS	24

struct top_screen {
	bool color;
	bool utf8;
};

/* initscr() and the modes lkrg-top needs; 0 or -1 (not a terminal). */
int top_screen_open(struct top_screen *s, bool no_color, bool ascii);
void top_screen_close(void);
/* The next key as a character or TOP_KEY_*, -1 when none is waiting. */
int top_screen_key(void);
void top_screen_draw(const struct top_screen *s, struct top_model *m,
		     struct top_ui *ui, const struct top_clock *now);

#endif
