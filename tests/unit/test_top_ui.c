// SPDX-License-Identifier: GPL-2.0
/* lkrg-top's keys (ui.c), options (opts.c) and capability drop (caps.c). */
#include <sys/capability.h>

#include "top_fixtures.h"
#include "caps.h"
#include "opts.h"
#include "ui.h"

static struct top_model m;
static struct top_ui ui;
static struct top_env env;

static void setup(void)
{
	top_model_init(&m);
	top_ui_init(&ui);
	memset(&env, 0, sizeof(env));
	env.connected = true;
	env.cap_admin = true;
	env.block_mode = LKRG_BLOCK_OFF;
}

static void teardown(void)
{
	top_model_free(&m);
}

static enum top_action key(int k)
{
	return top_ui_key(&ui, &m, &env, k);
}

static void type(const char *s)
{
	for (; *s; s++)
		ck_assert_int_eq(key(*s), TOP_ACT_NONE);
}

START_TEST(help_and_quit)
{
	ck_assert_int_eq(key('?'), TOP_ACT_NONE);
	ck_assert_int_eq(ui.mode, TOP_MODE_HELP);
	/* any key returns, even q */
	ck_assert_int_eq(key('q'), TOP_ACT_NONE);
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
	ck_assert_int_eq(key('h'), TOP_ACT_NONE);
	ck_assert_int_eq(ui.mode, TOP_MODE_HELP);
	key(TOP_KEY_ESC);
	ck_assert_int_eq(key(TOP_KEY_RESIZE), TOP_ACT_NONE);
	ck_assert_int_eq(key('q'), TOP_ACT_QUIT);
	ck_assert_ptr_nonnull(top_help[0]);
}
END_TEST

START_TEST(pause_key)
{
	key(' ');
	ck_assert(m.paused);
	ck_assert_str_eq(ui.msg, "paused: space resumes");
	key(' ');
	ck_assert(!m.paused);
	ck_assert_str_eq(ui.msg, "resumed");
}
END_TEST

START_TEST(filter_typing)
{
	top_add(&m, 1, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "");
	top_add(&m, 2, LKRG_SEV_ALERT, LKRG_OBJ_TASK_CRED, LKRG_ACT_KILLED, 7,
		"evil", "uid", "");
	key('/');
	ck_assert_int_eq(ui.mode, TOP_MODE_FILTER);
	type("evx");
	ck_assert_str_eq(m.pane[TOP_PANE_EVENTS].filter, "evx");
	key(TOP_KEY_BACKSPACE);
	ck_assert_str_eq(ui.edit, "ev");
	key(127);
	key('i');
	ck_assert_str_eq(m.pane[TOP_PANE_EVENTS].filter, "ei");
	type("l");
	/* the pane follows the typing */
	ck_assert_uint_eq(top_model_visible(&m, TOP_PANE_EVENTS,
					    (size_t[4]){ 0 }, 4), 0);
	key(TOP_KEY_BACKSPACE);
	key(TOP_KEY_BACKSPACE);
	type("vil");
	ck_assert_uint_eq(top_model_visible(&m, TOP_PANE_EVENTS,
					    (size_t[4]){ 0 }, 4), 1);
	key(TOP_KEY_ENTER);
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
	ck_assert_str_eq(m.pane[TOP_PANE_EVENTS].filter, "evil");
	/* Esc puts the filter back as it was */
	key('/');
	type("xyz");
	key(TOP_KEY_ESC);
	ck_assert_str_eq(m.pane[TOP_PANE_EVENTS].filter, "evil");
	/* q is text while typing */
	key('/');
	type("q");
	ck_assert_int_eq(ui.mode, TOP_MODE_FILTER);
}
END_TEST

START_TEST(sort_and_tab)
{
	key('s');
	ck_assert_str_eq(ui.msg, "sorted by severity");
	key('S');
	ck_assert_str_eq(ui.msg, "sorted by severity, reversed");
	key('\t');
	ck_assert_int_eq(ui.focus, TOP_PANE_TRIGGERS);
	ck_assert_int_eq(ui.lower, TOP_PANE_TRIGGERS);
	key('s');
	ck_assert_str_eq(ui.msg, "sorted by name");
	key('\t');
	ck_assert_int_eq(ui.focus, TOP_PANE_HOOKS);
	ck_assert_int_eq(ui.lower, TOP_PANE_HOOKS);
	key('\t');
	ck_assert_int_eq(ui.focus, TOP_PANE_EVENTS);
	/* the lower pane stays what it was */
	ck_assert_int_eq(ui.lower, TOP_PANE_HOOKS);
	/* a replay has the events pane only */
	env.replay = true;
	key('\t');
	ck_assert_int_eq(ui.focus, TOP_PANE_EVENTS);
}
END_TEST

START_TEST(detail_key)
{
	key(TOP_KEY_ENTER);	/* nothing selected: nothing happens */
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
	top_add(&m, 1, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, LKRG_ACT_LOGGED, -1, "",
		".text", "");
	top_add(&m, 2, LKRG_SEV_INFO, LKRG_OBJ_GUARD, LKRG_ACT_NONE, -1, "",
		"x", "");
	key(TOP_KEY_DOWN);
	key(TOP_KEY_ENTER);
	ck_assert_int_eq(ui.mode, TOP_MODE_DETAIL);
	ck_assert_uint_eq(top_ui_detail_event(&ui, &m)->hdr.seq, 1);
	key(TOP_KEY_DOWN);
	ck_assert_uint_eq(ui.detail_top, 1);
	key(TOP_KEY_UP);
	key(TOP_KEY_UP);
	ck_assert_uint_eq(ui.detail_top, 0);
	key('q');
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
}
END_TEST

START_TEST(confirmations)
{
	ck_assert_int_eq(key('f'), TOP_ACT_NONE);
	ck_assert_int_eq(ui.mode, TOP_MODE_CONFIRM);
	ck_assert_str_eq(ui.msg, "Run a full check now (force-run)? [y/N]");
	ck_assert_int_eq(key('n'), TOP_ACT_NONE);
	ck_assert_str_eq(ui.msg, "force-run: cancelled");
	ck_assert_int_eq(key('f'), TOP_ACT_NONE);
	ck_assert_int_eq(key('y'), TOP_ACT_FORCE_RUN);
	ck_assert_str_eq(ui.msg, "force-run: running...");
	key('r');
	ck_assert_int_eq(key('Y'), TOP_ACT_REBASELINE);
	key('b');
	ck_assert_ptr_nonnull(strstr(ui.msg, "(block-modules on)? [y/N]"));
	/* Enter is not a yes */
	ck_assert_int_eq(key(TOP_KEY_ENTER), TOP_ACT_NONE);
	env.block_mode = LKRG_BLOCK_ON;
	key('b');
	ck_assert_int_eq(key('y'), TOP_ACT_BLOCK_OFF);
}
END_TEST

START_TEST(refusals)
{
	env.cap_admin = false;
	ck_assert_int_eq(key('f'), TOP_ACT_NONE);
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
	ck_assert_str_eq(ui.msg, "force-run needs CAP_SYS_ADMIN, which "
			 "lkrg-top does not have: run it as root");
	key('r');
	ck_assert_ptr_nonnull(strstr(ui.msg, "rebaseline needs CAP_SYS_ADMIN"));
	env.cap_admin = true;
	env.block_mode = LKRG_BLOCK_LOCK;
	key('b');
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
	ck_assert_ptr_nonnull(strstr(ui.msg, "locked until reboot"));
	env.busy = true;
	key('f');
	ck_assert_ptr_nonnull(strstr(ui.msg, "still running"));
	env.busy = false;
	env.connected = false;
	key('f');
	ck_assert_ptr_nonnull(strstr(ui.msg, "not loaded"));
	env.replay = true;
	key('f');
	ck_assert_ptr_nonnull(strstr(ui.msg, "not in a replay"));
	ck_assert_int_eq(ui.mode, TOP_MODE_MAIN);
}
END_TEST

/* ---- options ------------------------------------------------------------ */

static int parse(struct top_opts *o, const char *const *words)
{
	static char store[8][64];
	char *argv[10] = { "lkrg-top" };
	int argc = 1;

	for (; *words; words++, argc++) {
		snprintf(store[argc - 1], sizeof(store[0]), "%s", *words);
		argv[argc] = store[argc - 1];
	}
	return top_opts_parse(argc, argv, o);
}

#define PARSE(o, ...) parse(o, (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(options)
{
	struct top_opts o;

	ck_assert_int_eq(parse(&o, (const char *const[]){ NULL }), 0);
	ck_assert_int_eq(o.run, TOP_RUN_SCREEN);
	ck_assert_int_eq(o.delay_ms, 1000);
	ck_assert_int_eq(PARSE(&o, "-b", "-n", "3", "-d", "0.5"), 0);
	ck_assert_int_eq(o.run, TOP_RUN_BATCH);
	ck_assert_uint_eq(o.iterations, 3);
	ck_assert_int_eq(o.delay_ms, 500);
	ck_assert_int_eq(PARSE(&o, "--json"), 0);	/* implies -b */
	ck_assert_int_eq(o.run, TOP_RUN_BATCH);
	ck_assert(o.json);
	ck_assert_uint_eq(o.iterations, 0);
	ck_assert_int_eq(PARSE(&o, "--replay", "f.jsonl", "-b"), 0);
	ck_assert_str_eq(o.replay, "f.jsonl");
	ck_assert_uint_eq(o.iterations, 1);	/* a replay: one frame */
	ck_assert_int_eq(PARSE(&o, "--replay=f", "-C", "--ascii"), 0);
	ck_assert(o.no_color && o.ascii);
	ck_assert_int_eq(PARSE(&o, "--device", "/x", "-b"), 0);
	ck_assert_str_eq(o.device, "/x");
	ck_assert_int_eq(PARSE(&o, "-V", "--bogus"), 2);
	ck_assert_int_eq(PARSE(&o, "-V", "-h"), 0);
	ck_assert_int_eq(o.run, TOP_RUN_VERSION);
}
END_TEST

#define BAD(needle, ...) do {						\
		struct top_opts o_;					\
		ck_assert_int_eq(PARSE(&o_, __VA_ARGS__), 2);		\
		ck_assert_msg(strstr(o_.err, needle), "'%s' lacks '%s'",\
			      o_.err, needle);				\
	} while (0)

START_TEST(bad_options)
{
	BAD("bad iteration count", "-b", "-n", "0");
	BAD("bad iteration count", "-b", "-n", "-2");
	BAD("bad iteration count", "-b", "-n", "x");
	BAD("bad delay", "-d", "0.05");
	BAD("bad delay", "-d", "nan");
	BAD("bad delay", "-d", "4000");
	BAD("-n needs batch mode", "-n", "2");
	BAD("needs batch mode", "--replay", "-");
	BAD("--device has no use", "--replay", "f", "--device", "/x");
	BAD("unknown option '-x'", "-x");
	BAD("unknown option '--frob'", "--frob");
	BAD("needs an argument", "-d");
	BAD("unexpected argument 'extra'", "extra");
}
END_TEST

/* ---- capabilities (each test runs in its own process) ------------------- */

static bool effective(cap_value_t v)
{
	cap_t c = cap_get_proc();
	cap_flag_value_t f = CAP_CLEAR;

	ck_assert_ptr_nonnull(c);
	cap_get_flag(c, v, CAP_EFFECTIVE, &f);
	cap_free(c);
	return f == CAP_SET;
}

START_TEST(caps_keep_admin)
{
	bool had_admin = effective(CAP_SYS_ADMIN);
	const char *what;
	cap_t c;
	char *text;

	ck_assert_int_eq(top_caps_drop(TOP_KEEP_ADMIN, &what), 0);
	/* kept only if it was there; everything else gone */
	ck_assert_int_eq(effective(CAP_SYS_ADMIN), had_admin);
	ck_assert_int_eq(top_caps_admin(), had_admin);
	ck_assert(!effective(CAP_SYSLOG));
	ck_assert(!effective(CAP_DAC_OVERRIDE));
	ck_assert(!effective(CAP_SETPCAP));
	c = cap_get_proc();
	text = cap_to_text(c, NULL);
	ck_assert_str_eq(text, had_admin ? "cap_sys_admin=ep" : "=");
	cap_free(text);
	cap_free(c);
	if (had_admin)
		ck_assert_int_eq(cap_get_bound(CAP_DAC_OVERRIDE), 0);
}
END_TEST

START_TEST(caps_drop_all)
{
	const char *what;
	cap_t c;
	char *text;

	ck_assert_int_eq(top_caps_drop(0, &what), 0);
	c = cap_get_proc();
	text = cap_to_text(c, NULL);
	ck_assert_str_eq(text, "=");
	cap_free(text);
	cap_free(c);
	ck_assert(!top_caps_admin());
}
END_TEST

Suite *top_ui_suite(void)
{
	Suite *s = suite_create("lkrg-top/ui");
	TCase *tc = tcase_create("keys");
	TCase *to = tcase_create("options");
	TCase *tcap = tcase_create("caps");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, help_and_quit);
	tcase_add_test(tc, pause_key);
	tcase_add_test(tc, filter_typing);
	tcase_add_test(tc, sort_and_tab);
	tcase_add_test(tc, detail_key);
	tcase_add_test(tc, confirmations);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	tcase_add_test(to, options);
	tcase_add_test(to, bad_options);
	suite_add_tcase(s, to);
	tcase_add_test(tcap, caps_keep_admin);
	tcase_add_test(tcap, caps_drop_all);
	suite_add_tcase(s, tcap);
	return s;
}
