// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's keys: see ui.h. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

const char *const top_help[] = {
	"lkrg-top: keys",
	"",
	"  ?  h       this help (any key returns)",
	"  q          quit",
	"  space      pause or resume the display (events are kept meanwhile)",
	"  Tab        next pane: events, triggers, hooks",
	"  Up Down    move in the pane (also k j, PgUp PgDn, Home End)",
	"  Enter      the whole record of the selected event (Enter, Esc or q",
	"             returns)",
	"  /          filter the pane: type words, Enter keeps, Esc restores",
	"  s  S       next sort column of the pane, reverse the order",
	"  Ctrl-L     redraw",
	"",
	"State changes ask for confirmation (y) and need CAP_SYS_ADMIN:",
	"  f          force-run: a full check now",
	"  r          rebaseline: accept the running kernel as the baseline",
	"  b          module blocking on, or off again (not once locked)",
	"",
	"Colours: ALERT red, WARN yellow, NOTICE cyan (NO_COLOR turns them off).",
	NULL,
};

void top_ui_init(struct top_ui *ui)
{
	memset(ui, 0, sizeof(*ui));
	ui->focus = TOP_PANE_EVENTS;
	ui->lower = TOP_PANE_TRIGGERS;
	ui->page = 10;
}

const char *top_action_name(enum top_action a)
{
	switch (a) {
	case TOP_ACT_FORCE_RUN:
		return "force-run";
	case TOP_ACT_REBASELINE:
		return "rebaseline";
	case TOP_ACT_BLOCK_ON:
		return "block-modules on";
	case TOP_ACT_BLOCK_OFF:
		return "block-modules off";
	default:
		return "nothing";
	}
}

const char *top_action_question(enum top_action a)
{
	switch (a) {
	case TOP_ACT_FORCE_RUN:
		return "Run a full check now (force-run)? [y/N]";
	case TOP_ACT_REBASELINE:
		return "Accept the running kernel as the new baseline "
		       "(rebaseline)? [y/N]";
	case TOP_ACT_BLOCK_ON:
		return "Refuse module loads from now on (block-modules on)? "
		       "[y/N]";
	case TOP_ACT_BLOCK_OFF:
		return "Allow module loads again (block-modules off)? [y/N]";
	default:
		return "";
	}
}

const struct top_event *top_ui_detail_event(const struct top_ui *ui,
					    const struct top_model *m)
{
	const struct top_event *e;
	size_t i;

	for (i = 0; (e = top_model_event(m, i)); i++)
		if (e->arrival == ui->detail_arrival)
			return e;
	return NULL;
}

/* A state-changing key: the question, or why it cannot run. */
static void ask(struct top_ui *ui, const struct top_env *env,
		enum top_action a)
{
	const char *name = top_action_name(a);

	if (env->replay) {
		snprintf(ui->msg, sizeof(ui->msg), "%s: not in a replay "
			 "(there is no device)", name);
	} else if (!env->connected) {
		snprintf(ui->msg, sizeof(ui->msg), "%s: the clkrg module is "
			 "not loaded", name);
	} else if (!env->cap_admin) {
		snprintf(ui->msg, sizeof(ui->msg), "%s needs CAP_SYS_ADMIN, "
			 "which lkrg-top does not have: run it as root", name);
	} else if (env->busy) {
		snprintf(ui->msg, sizeof(ui->msg), "%s: wait, an earlier "
			 "action is still running", name);
	} else if ((a == TOP_ACT_BLOCK_ON || a == TOP_ACT_BLOCK_OFF) &&
		   env->block_mode == LKRG_BLOCK_LOCK) {
		snprintf(ui->msg, sizeof(ui->msg), "module loading is locked "
			 "until reboot: the mode cannot be changed");
	} else {
		ui->mode = TOP_MODE_CONFIRM;
		ui->confirm = a;
		snprintf(ui->msg, sizeof(ui->msg), "%s",
			 top_action_question(a));
	}
}

static void filter_key(struct top_ui *ui, struct top_model *m, int key)
{
	size_t n = strlen(ui->edit);

	if (key == TOP_KEY_ENTER) {
		ui->mode = TOP_MODE_MAIN;
		snprintf(ui->msg, sizeof(ui->msg), "%s", ui->edit[0] ?
			 "filter kept (/ then Backspace clears it)" :
			 "filter cleared");
		return;
	}
	if (key == TOP_KEY_ESC) {
		ui->mode = TOP_MODE_MAIN;
		top_model_set_filter(m, ui->focus, ui->before);
		ui->msg[0] = 0;
		return;
	}
	if ((key == TOP_KEY_BACKSPACE || key == 127 || key == 8) && n) {
		ui->edit[n - 1] = 0;
	} else if (key >= 0x20 && key < 0x7f && n + 1 < sizeof(ui->edit)) {
		ui->edit[n] = (char)key;
		ui->edit[n + 1] = 0;
	}
	/* The pane follows every keystroke. */
	top_model_set_filter(m, ui->focus, ui->edit);
}

static void detail_key(struct top_ui *ui, int key)
{
	switch (key) {
	case TOP_KEY_UP:
	case 'k':
		if (ui->detail_top)
			ui->detail_top--;
		break;
	case TOP_KEY_DOWN:
	case 'j':
		ui->detail_top++;
		break;
	case TOP_KEY_ENTER:
	case TOP_KEY_ESC:
	case 'q':
		ui->mode = TOP_MODE_MAIN;
		break;
	}
}

static bool move_key(struct top_ui *ui, struct top_model *m, int key)
{
	long page = (long)(ui->page ? ui->page : 1);
	long d;

	switch (key) {
	case TOP_KEY_UP:
	case 'k':
		d = -1;
		break;
	case TOP_KEY_DOWN:
	case 'j':
		d = 1;
		break;
	case TOP_KEY_PGUP:
		d = -page;
		break;
	case TOP_KEY_PGDN:
		d = page;
		break;
	case TOP_KEY_HOME:
		d = -TOP_EVENTS_MAX;
		break;
	case TOP_KEY_END:
		d = TOP_EVENTS_MAX;
		break;
	default:
		return false;
	}
	top_model_move(m, ui->focus, d);
	return true;
}

static enum top_action main_key(struct top_ui *ui, struct top_model *m,
				const struct top_env *env, int key)
{
	const struct top_event *e;

	if (move_key(ui, m, key))
		return TOP_ACT_NONE;
	switch (key) {
	case 'q':
	case 'Q':
		return TOP_ACT_QUIT;
	case '?':
	case 'h':
		ui->mode = TOP_MODE_HELP;
		break;
	case ' ':
		top_model_pause(m, !m->paused);
		snprintf(ui->msg, sizeof(ui->msg), "%s", m->paused ?
			 "paused: space resumes" : "resumed");
		break;
	case '\t':
		/* A replay shows the events pane only. */
		if (env->replay)
			break;
		ui->focus = (ui->focus + 1) % TOP_PANES;
		if (ui->focus != TOP_PANE_EVENTS)
			ui->lower = ui->focus;
		break;
	case 's':
		top_model_next_sort(m, ui->focus);
		snprintf(ui->msg, sizeof(ui->msg), "sorted by %s",
			 top_model_sort_name(m, ui->focus));
		break;
	case 'S':
		top_model_reverse(m, ui->focus);
		snprintf(ui->msg, sizeof(ui->msg), "sorted by %s, %s",
			 top_model_sort_name(m, ui->focus),
			 m->pane[ui->focus].reverse ? "reversed" : "normal");
		break;
	case '/':
		ui->mode = TOP_MODE_FILTER;
		snprintf(ui->before, sizeof(ui->before), "%s",
			 m->pane[ui->focus].filter);
		snprintf(ui->edit, sizeof(ui->edit), "%s", ui->before);
		ui->msg[0] = 0;
		break;
	case TOP_KEY_ENTER:
		e = ui->focus == TOP_PANE_EVENTS ? top_model_selected(m) : NULL;
		if (!e)
			break;
		ui->mode = TOP_MODE_DETAIL;
		ui->detail_arrival = e->arrival;
		ui->detail_top = 0;
		break;
	case 'f':
		ask(ui, env, TOP_ACT_FORCE_RUN);
		break;
	case 'r':
		ask(ui, env, TOP_ACT_REBASELINE);
		break;
	case 'b':
		ask(ui, env, env->block_mode == LKRG_BLOCK_OFF ?
			     TOP_ACT_BLOCK_ON : TOP_ACT_BLOCK_OFF);
		break;
	}
	return TOP_ACT_NONE;
}

enum top_action top_ui_key(struct top_ui *ui, struct top_model *m,
			   const struct top_env *env, int key)
{
	enum top_action a;

	if (key == TOP_KEY_RESIZE)
		return TOP_ACT_NONE;
	switch (ui->mode) {
	case TOP_MODE_HELP:
		ui->mode = TOP_MODE_MAIN;
		return TOP_ACT_NONE;
	case TOP_MODE_DETAIL:
		detail_key(ui, key);
		return TOP_ACT_NONE;
	case TOP_MODE_FILTER:
		filter_key(ui, m, key);
		return TOP_ACT_NONE;
	case TOP_MODE_CONFIRM:
		a = ui->confirm;
		ui->mode = TOP_MODE_MAIN;
		ui->confirm = TOP_ACT_NONE;
		if (key == 'y' || key == 'Y') {
			snprintf(ui->msg, sizeof(ui->msg), "%s: running...",
				 top_action_name(a));
			return a;
		}
		snprintf(ui->msg, sizeof(ui->msg), "%s: cancelled",
			 top_action_name(a));
		return TOP_ACT_NONE;
	default:
		return main_key(ui, m, env, key);
	}
}
