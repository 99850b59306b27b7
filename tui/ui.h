/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What lkrg-top's keys do, without ncurses: modes (help, detail, filter
 * input, confirmation), focus, and the actions a key asks for. The screen
 * maps curses key codes to TOP_KEY_* and runs what top_ui_key() returns.
 */
#ifndef LKRG_TOP_UI_H
#define LKRG_TOP_UI_H

#include "model.h"

enum top_key {
	TOP_KEY_UP = 0x110000,	/* above every Unicode code point */
	TOP_KEY_DOWN,
	TOP_KEY_PGUP,
	TOP_KEY_PGDN,
	TOP_KEY_HOME,
	TOP_KEY_END,
	TOP_KEY_ENTER,
	TOP_KEY_ESC,
	TOP_KEY_BACKSPACE,
	TOP_KEY_RESIZE,
};

enum top_mode {
	TOP_MODE_MAIN,
	TOP_MODE_HELP,
	TOP_MODE_DETAIL,
	TOP_MODE_FILTER,
	TOP_MODE_CONFIRM,
};

enum top_action {
	TOP_ACT_NONE,
	TOP_ACT_FORCE_RUN,
	TOP_ACT_REBASELINE,
	TOP_ACT_BLOCK_ON,
	TOP_ACT_BLOCK_OFF,
	TOP_ACT_QUIT,
};

/* What the state-changing keys may do right now. */
struct top_env {
	bool replay;
	bool connected;
	bool cap_admin;		/* CAP_SYS_ADMIN is effective */
	bool busy;		/* an action is still running */
	uint32_t block_mode;	/* LKRG_BLOCK_* as last read */
};

#define TOP_MSG_LEN	192

struct top_ui {
	enum top_mode mode;
	enum top_pane focus;
	enum top_pane lower;	/* the table shown when only one fits */
	enum top_action confirm;	/* asked for in TOP_MODE_CONFIRM */
	char edit[TOP_FILTER_LEN];	/* the filter being typed */
	char before[TOP_FILTER_LEN];	/* restored by Esc */
	char msg[TOP_MSG_LEN];	/* the message line */
	size_t detail_top;	/* first detail line shown */
	uint64_t detail_arrival;	/* the event in TOP_MODE_DETAIL */
	size_t page;		/* rows a page key moves */
};

void top_ui_init(struct top_ui *ui);
/* Applies @key (a character or TOP_KEY_*); returns a confirmed action,
 * TOP_ACT_QUIT, or TOP_ACT_NONE. */
enum top_action top_ui_key(struct top_ui *ui, struct top_model *m,
			   const struct top_env *env, int key);
/* "force-run", "rebaseline", "block-modules on"... */
const char *top_action_name(enum top_action a);
/* The question asked before @a runs. */
const char *top_action_question(enum top_action a);
/* The event TOP_MODE_DETAIL shows, or NULL when it left the ring. */
const struct top_event *top_ui_detail_event(const struct top_ui *ui,
					    const struct top_model *m);

/* The help screen, NULL-terminated. */
extern const char *const top_help[];

#endif
