// SPDX-License-Identifier: GPL-2.0
/*
 * The screen: header (4 lines), the message line, the panes, the key
 * line. Only this file knows ncurses; what is drawn comes from fmt.c and
 * what keys do from ui.c.
 */
#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "screen.h"

enum {
	PAIR_ALERT = 1,
	PAIR_WARN,
	PAIR_NOTICE,
	PAIR_LOST,
};

#define BODY_Y	(TOP_HEADER_LINES + 1)	/* below the message line */

int top_screen_open(struct top_screen *s, bool no_color, bool ascii)
{
	const char *nc = getenv("NO_COLOR");

	if (!newterm(NULL, stdout, stdin))
		return -1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* no-color.org: any non-empty NO_COLOR. */
	s->color = !no_color && !(nc && *nc) && has_colors();
	if (s->color) {
		start_color();
		use_default_colors();
		init_pair(PAIR_ALERT, COLOR_RED, -1);
		init_pair(PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(PAIR_NOTICE, COLOR_CYAN, -1);
		init_pair(PAIR_LOST, COLOR_MAGENTA, -1);
	}
	s->utf8 = !ascii && !strcmp(nl_langinfo(CODESET), "UTF-8");
	return 0;
}

void top_screen_close(void)
{
	endwin();
}

int top_screen_key(void)
{
	int k = getch();

	switch (k) {
	case ERR:
		return -1;
	case KEY_UP:
		return TOP_KEY_UP;
	case KEY_DOWN:
		return TOP_KEY_DOWN;
	case KEY_PPAGE:
		return TOP_KEY_PGUP;
	case KEY_NPAGE:
		return TOP_KEY_PGDN;
	case KEY_HOME:
		return TOP_KEY_HOME;
	case KEY_END:
		return TOP_KEY_END;
	case KEY_ENTER:
	case '\n':
	case '\r':
		return TOP_KEY_ENTER;
	case 27:
		return TOP_KEY_ESC;
	case KEY_BACKSPACE:
		return TOP_KEY_BACKSPACE;
	case 12:	/* Ctrl-L */
		clearok(curscr, TRUE);
		return TOP_KEY_RESIZE;
	case KEY_RESIZE:
		return TOP_KEY_RESIZE;
	default:
		return k;
	}
}

/* @text from column 0 to the right edge, padded with blanks. */
static void line_at(int y, int cols, const char *text, attr_t attr)
{
	attron(attr);
	mvaddnstr(y, 0, text, cols);
	for (int x = getcurx(stdscr); x < cols && getcury(stdscr) == y; x++)
		addch(' ');
	attroff(attr);
}

static attr_t severity_attr(const struct top_screen *s,
			    const struct top_event *e)
{
	int pair = 0;

	if (e->hdr.type == LKRG_EV_LOST)
		pair = PAIR_LOST;
	else if (e->has_detail && e->d.severity == LKRG_SEV_ALERT)
		pair = PAIR_ALERT;
	else if (e->has_detail && e->d.severity == LKRG_SEV_WARN)
		pair = PAIR_WARN;
	else if (e->has_detail && e->d.severity == LKRG_SEV_NOTICE)
		pair = PAIR_NOTICE;
	/* Without colours ALERT and LOST still stand out. */
	if (!s->color)
		return pair == PAIR_ALERT || pair == PAIR_LOST ? A_BOLD
							       : A_NORMAL;
	return pair ? COLOR_PAIR(pair) | (pair == PAIR_ALERT ? A_BOLD : 0)
		    : A_NORMAL;
}

static void too_small(int rows, int cols)
{
	char msg[120];
	int y = rows / 2 - 1;

	snprintf(msg, sizeof(msg), "lkrg-top needs at least %dx%d; this "
		 "terminal is %dx%d.", TOP_MIN_COLS, TOP_MIN_ROWS, cols, rows);
	mvaddnstr(y < 0 ? 0 : y, 0, msg, cols);
	mvaddnstr(y + 1 < rows ? y + 1 : 0, 0,
		  "Enlarge it, or press q to quit.", cols);
}

static void draw_header(const struct top_model *m, const struct top_clock *now,
			int cols)
{
	char line[TOP_LINE_MAX], mark[64];
	int i, len;

	for (i = 0; i < TOP_HEADER_LINES; i++) {
		top_fmt_header(m, now, i, (size_t)cols, line, sizeof(line));
		line_at(i, cols, line, i ? A_NORMAL : A_REVERSE);
	}
	if (!m->paused)
		return;
	/* The pause marker sits at the right end of the title bar. */
	len = snprintf(mark, sizeof(mark), " PAUSED (%llu new) ",
		       (unsigned long long)top_model_pending(m));
	attron(A_BOLD);
	mvaddstr(0, cols > len ? cols - len : 0, mark);
	attroff(A_BOLD);
}

static void draw_message(const struct top_model *m, const struct top_ui *ui,
			 int cols)
{
	static const char *const pane_names[] = { "events", "triggers",
						  "hooks" };
	char line[TOP_LINE_MAX];

	if (ui->mode == TOP_MODE_FILTER) {
		snprintf(line, sizeof(line), "filter %s: %s_",
			 pane_names[ui->focus], ui->edit);
		line_at(TOP_HEADER_LINES, cols, line, A_BOLD);
	} else if (ui->mode == TOP_MODE_CONFIRM) {
		line_at(TOP_HEADER_LINES, cols, ui->msg, A_BOLD | A_REVERSE);
	} else {
		line_at(TOP_HEADER_LINES, cols, ui->msg, A_BOLD);
	}
	(void)m;
}

static void pane_title(const struct top_model *m, const struct top_ui *ui,
		       enum top_pane p, size_t shown, int y, int cols)
{
	static const char *const titles[] = { "Events", "Triggers", "Hooks" };
	const struct top_pane_state *ps = &m->pane[p];
	char line[TOP_LINE_MAX];
	int n;

	n = snprintf(line, sizeof(line), "%s %s: %zu shown, sorted by %s%s",
		     ui->focus == p ? ">" : " ", titles[p], shown,
		     top_model_sort_name(m, p), ps->reverse ? " (reversed)" : "");
	if (p == TOP_PANE_EVENTS && !ps->sort && !ps->reverse)
		snprintf(line + n, sizeof(line) - (size_t)n, " (newest first)");
	n = (int)strlen(line);
	if (ps->filter[0])
		snprintf(line + n, sizeof(line) - (size_t)n, ", filter '%s'",
			 ps->filter);
	line_at(y, cols, line, ui->focus == p ? A_REVERSE | A_BOLD : A_BOLD);
}

/* Keeps the cursor's row inside the @rows lines shown. */
static size_t scroll_to(struct top_pane_state *ps, size_t cursor, size_t n,
			size_t rows)
{
	if (cursor < ps->top)
		ps->top = cursor;
	if (cursor >= ps->top + rows)
		ps->top = cursor - rows + 1;
	if (ps->top + rows > n)
		ps->top = n > rows ? n - rows : 0;
	return ps->top;
}

static void draw_pane(const struct top_screen *s, struct top_model *m,
		      struct top_ui *ui, enum top_pane p, int y, int h,
		      int cols, const struct top_clock *now)
{
	static size_t idx[TOP_EVENTS_MAX];
	const struct top_table *t = top_model_table(m, p);
	size_t n, cursor, first, i, rows;
	char line[TOP_LINE_MAX];
	const struct top_event *e;
	attr_t attr;

	if (h < 3)
		return;
	n = top_model_visible(m, p, idx, TOP_EVENTS_MAX);
	pane_title(m, ui, p, n, y, cols);
	if (p == TOP_PANE_EVENTS)
		top_fmt_event_title(line, sizeof(line));
	else
		top_fmt_row_title(p, line, sizeof(line));
	line_at(y + 1, cols, line, A_UNDERLINE);
	rows = (size_t)h - 2;
	if (ui->focus == p)
		ui->page = rows;
	cursor = top_model_cursor(m, p);
	first = scroll_to(&m->pane[p], cursor, n, rows);
	for (i = 0; i < rows && first + i < n; i++) {
		if (p == TOP_PANE_EVENTS) {
			e = top_model_event(m, idx[first + i]);
			top_fmt_event_line(e, line, sizeof(line));
			attr = severity_attr(s, e);
		} else {
			top_fmt_row(p, &t->shown[idx[first + i]], now,
				    (size_t)cols, s->utf8, line, sizeof(line));
			attr = A_NORMAL;
		}
		if (ui->focus == p && first + i == cursor)
			attr |= A_REVERSE;
		/* Table rows fit by construction (UTF-8 sparklines count
		 * bytes, not columns); event lines are ASCII. */
		if (p == TOP_PANE_EVENTS) {
			line_at(y + 2 + (int)i, cols, line, attr);
		} else {
			attron(attr);
			mvaddstr(y + 2 + (int)i, 0, line);
			attroff(attr);
		}
	}
}

static void draw_panes(const struct top_screen *s, struct top_model *m,
		       struct top_ui *ui, int y, int h, int cols,
		       const struct top_clock *now)
{
	int ev, tr;

	/* A replay has events only. */
	if (m->conn == TOP_CONN_REPLAY) {
		draw_pane(s, m, ui, TOP_PANE_EVENTS, y, h, cols, now);
		return;
	}
	if (h >= 40) {
		/* Room for all three. */
		tr = (int)m->triggers.nshown + 2;
		if (tr > h / 3)
			tr = h / 3;
		ev = (h - tr) / 2;
		draw_pane(s, m, ui, TOP_PANE_EVENTS, y, ev, cols, now);
		draw_pane(s, m, ui, TOP_PANE_TRIGGERS, y + ev, tr, cols, now);
		draw_pane(s, m, ui, TOP_PANE_HOOKS, y + ev + tr, h - ev - tr,
			  cols, now);
		return;
	}
	ev = h / 2;
	draw_pane(s, m, ui, TOP_PANE_EVENTS, y, ev, cols, now);
	draw_pane(s, m, ui, ui->lower, y + ev, h - ev, cols, now);
}

static void draw_text(const char *const *lines, size_t n, size_t first,
		      int y, int h, int cols)
{
	size_t i;

	for (i = 0; (int)i < h && first + i < n; i++)
		line_at(y + (int)i, cols, lines[first + i], A_NORMAL);
}

static void draw_detail(struct top_model *m, struct top_ui *ui, int y, int h,
			int cols)
{
	static char lines[TOP_DETAIL_MAX][TOP_LINE_MAX];
	const char *ptrs[TOP_DETAIL_MAX];
	const struct top_event *e = top_ui_detail_event(ui, m);
	size_t n, i;

	line_at(y, cols, "Event detail (Enter, Esc or q returns; Up/Down "
		"scroll)", A_REVERSE | A_BOLD);
	if (!e) {
		line_at(y + 1, cols, "that event has left the buffer",
			A_NORMAL);
		return;
	}
	n = top_fmt_event_detail(e, lines, TOP_DETAIL_MAX);
	for (i = 0; i < n; i++)
		ptrs[i] = lines[i];
	if (ui->detail_top >= n)
		ui->detail_top = n ? n - 1 : 0;
	draw_text(ptrs, n, ui->detail_top, y + 1, h - 1, cols);
}

static void draw_help(int y, int h, int cols)
{
	size_t n = 0;

	while (top_help[n])
		n++;
	draw_text(top_help, n, 0, y, h, cols);
}

static const char keys_line[] =
	"?:help q:quit space:pause Tab:pane /:filter s:sort Enter:detail "
	"f:force-run r:rebaseline b:block";

void top_screen_draw(const struct top_screen *s, struct top_model *m,
		     struct top_ui *ui, const struct top_clock *now)
{
	int rows, cols, body;

	getmaxyx(stdscr, rows, cols);
	erase();
	if (rows < TOP_MIN_ROWS || cols < TOP_MIN_COLS) {
		too_small(rows, cols);
		refresh();
		return;
	}
	draw_header(m, now, cols);
	draw_message(m, ui, cols);
	body = rows - BODY_Y - 1;
	if (ui->mode == TOP_MODE_HELP)
		draw_help(BODY_Y, body, cols);
	else if (ui->mode == TOP_MODE_DETAIL)
		draw_detail(m, ui, BODY_Y, body, cols);
	else
		draw_panes(s, m, ui, BODY_Y, body, cols, now);
	line_at(rows - 1, cols - 1, keys_line, A_REVERSE);
	refresh();
}
