// SPDX-License-Identifier: GPL-2.0
/*
 * loader/conf.c, /etc/clkrg.conf as clkrg-load reads it: a good file
 * becomes exactly the module parameters it names; each error path is
 * refused with its line number and reason, and a file with any error
 * gives no parameters at all.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests.h"
#include "conf.h"
#include "knob_defs.h"

/* Groups of the test, so results do not depend on the host's. */
static int fake_group(const char *name, long *gid)
{
	if (!strcmp(name, "clkrg")) {
		*gid = 991;
		return 0;
	}
	if (!strcmp(name, "huge")) {
		*gid = (long)INT32_MAX + 1;
		return 0;
	}
	return -ENOENT;
}

static struct conf c;

static void setup(void)
{
	ck_assert_int_eq(conf_init(&c, "/etc/clkrg.conf"), 0);
	c.group = fake_group;
}

static void teardown(void)
{
	conf_free(&c);
}

static void parse(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(conf_parse_file(&c, f), 0);
	fclose(f);
}

/* The parameters, space-separated; "" for none, "refused" on -EINVAL. */
static const char *params(void)
{
	static char out[8192];
	char **p;
	int n, i;

	out[0] = 0;
	n = conf_params(&c, &p);
	if (n == -EINVAL)
		return "refused";
	ck_assert_int_ge(n, 0);
	for (i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, p[i]);
	}
	conf_params_free(p, n);
	return out;
}

/* The only error is on @line and its message contains @what. */
static void one_error(unsigned int line, const char *what)
{
	char text[CONF_MSG_LEN + 64], want[64];

	ck_assert_msg(c.nerr == 1, "%u errors, want 1 (%s)", c.nerr,
		      c.nerr ? c.err[0].msg : "");
	ck_assert_uint_eq(c.err[0].line, line);
	ck_assert_msg(strstr(c.err[0].msg, what), "'%s' lacks '%s'",
		      c.err[0].msg, what);
	conf_error_text(&c, &c.err[0], text, sizeof(text));
	snprintf(want, sizeof(want), "/etc/clkrg.conf:%u: ", line);
	ck_assert_msg(!strncmp(text, want, strlen(want)), "%s", text);
	ck_assert_str_eq(params(), "refused");
}

START_TEST(good_file_becomes_parameters)
{
	parse("# clkrg policy\n"
	      "\n"
	      "   # indented comment\n"
	      "kint_enforce = log_only\n"
	      "interval=30\n"
	      "\tpint_validate\t=\tparanoid   \n"
	      "block_modules = lock\r\n"
	      "umh_validate = 1\n"
	      "rand_netdev = 0\n"
	      "umh_allow = /sbin/modprobe\n"
	      "umh_allow = /usr/lib/systemd/systemd-coredump\n"
	      "read_group = clkrg\n");
	ck_assert_uint_eq(c.nerr, 0);
	ck_assert_uint_eq(c.settings, 9);
	/* Knob-table order, then the allow-list and the group. */
	ck_assert_str_eq(params(),
			 "interval=30 kint_enforce=1 block_modules=2 "
			 "rand_netdev=0 pint_validate=2 umh_validate=1 "
			 "umh_allow=/sbin/modprobe,/usr/lib/systemd/systemd-coredump "
			 "read_gid=991");
}
END_TEST

START_TEST(empty_file_and_last_line_without_newline)
{
	parse("");
	ck_assert_uint_eq(c.nerr, 0);
	ck_assert_str_eq(params(), "");
	parse("lock = 1");
	ck_assert_uint_eq(c.nerr, 0);
	ck_assert_str_eq(params(), "lock=1");
}
END_TEST

START_TEST(numeric_group)
{
	parse("read_group = 0\n");
	ck_assert_str_eq(params(), "read_gid=0");
}
END_TEST

START_TEST(err_no_equals)
{
	parse("\nkint_enforce log_only\n");
	one_error(2, "expected 'name = value'");
}
END_TEST

START_TEST(err_no_name)
{
	parse("= 3\n");
	one_error(1, "no name before '='");
}
END_TEST

START_TEST(err_no_value)
{
	parse("# x\n#y\nlock =   \n");
	one_error(3, "no value for lock");
}
END_TEST

START_TEST(err_two_values)
{
	parse("pint_enforce = kill # trailing comment\n");
	one_error(1, "takes one value");
}
END_TEST

START_TEST(err_unknown_setting)
{
	parse("interval = 20\nkint_enforc = panic\n");
	one_error(2, "unknown setting 'kint_enforc'");
}
END_TEST

START_TEST(err_not_a_value)
{
	parse("kint_enforce = loud\n");
	one_error(1, "'loud' is not a value of kint_enforce "
		  "(log_accept|log_only|restore|panic)");
}
END_TEST

START_TEST(err_name_of_another_set)
{
	/* "paranoid" names a pint level, not an umh one. */
	parse("umh_validate = paranoid\n");
	one_error(1, "is not a value of umh_validate");
}
END_TEST

START_TEST(err_not_allowed)
{
	/* kill is an enforcement level, but not one kint_enforce takes. */
	parse("kint_enforce = kill\n");
	one_error(1, "kill is not allowed for kint_enforce");
}
END_TEST

START_TEST(err_out_of_range)
{
	parse("interval = 4\n");
	one_error(1, "4 is not allowed for interval (5..1800)");
}
END_TEST

START_TEST(err_number_too_big)
{
	parse("ratelimit_burst = 99999999999999999999\n");
	one_error(1, "is not a value of ratelimit_burst (1..10000)");
}
END_TEST

START_TEST(err_set_twice)
{
	parse("interval = 20\n\ninterval = 20\n");
	one_error(3, "interval is set twice (first on line 1)");
}
END_TEST

START_TEST(err_umh_relative)
{
	parse("umh_allow = sbin/modprobe\n");
	one_error(1, "'sbin/modprobe' is not an absolute path");
}
END_TEST

START_TEST(err_umh_too_long)
{
	char line[LKRG_UMH_PATH_LEN + 32];

	strcpy(line, "umh_allow = /");
	memset(line + strlen(line), 'p', LKRG_UMH_PATH_LEN - 1);
	line[13 + LKRG_UMH_PATH_LEN - 1] = 0;	/* a 256-byte path */
	parse(line);
	one_error(1, "a path of 255 bytes at most");
}
END_TEST

START_TEST(err_umh_comma_or_quote)
{
	parse("umh_allow = /a,b\n");
	one_error(1, "holds ',' or '\"'");
	conf_free(&c);
	setup();
	parse("umh_allow = /a\"b\n");
	one_error(1, "holds ',' or '\"'");
}
END_TEST

START_TEST(err_umh_twice)
{
	parse("umh_allow = /bin/true\numh_allow = /bin/true\n");
	one_error(2, "/bin/true is listed twice (first on line 1)");
}
END_TEST

START_TEST(err_umh_too_many)
{
	char line[64];
	int i;

	for (i = 0; i < LKRG_UMH_MAX; i++) {
		snprintf(line, sizeof(line), "umh_allow = /h%d", i);
		conf_parse_line(&c, (unsigned int)i + 1, line);
	}
	ck_assert_uint_eq(c.nerr, 0);
	ck_assert_uint_eq(c.umh_n, LKRG_UMH_MAX);
	strcpy(line, "umh_allow = /one-more");
	conf_parse_line(&c, LKRG_UMH_MAX + 1, line);
	one_error(LKRG_UMH_MAX + 1, "more than 64 entries");
}
END_TEST

START_TEST(err_group_unknown)
{
	parse("read_group = wheel\n");
	one_error(1, "no group 'wheel'");
}
END_TEST

START_TEST(err_group_out_of_range)
{
	parse("read_group = huge\n");
	one_error(1, "no group 'huge'");
	conf_free(&c);
	setup();
	parse("read_group = 4294967295\n");
	one_error(1, "is not a group id");
	conf_free(&c);
	setup();
	parse("read_group = 12x\n");
	one_error(1, "'12x' is not a group id");
}
END_TEST

START_TEST(err_group_twice)
{
	parse("read_group = clkrg\nread_group = 0\n");
	one_error(2, "read_group is set twice (first on line 1)");
}
END_TEST

START_TEST(err_long_line)
{
	char *text = malloc(CONF_LINE_MAX + 64);

	ck_assert_ptr_nonnull(text);
	strcpy(text, "lock = 1\n# ");
	memset(text + strlen(text), 'x', CONF_LINE_MAX);
	strcpy(text + 11 + CONF_LINE_MAX, "\n");
	parse(text);
	free(text);
	one_error(2, "line longer than 4095 bytes");
}
END_TEST

START_TEST(err_nul_byte)
{
	static const char text[] = "lock = 1\ninterval\0= 9\n";
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(conf_parse_file(&c, f), 0);
	fclose(f);
	one_error(2, "a NUL byte");
}
END_TEST

START_TEST(err_unreadable)
{
	char path[] = "/tmp/clkrg-conf.XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");	/* reading a write-only stream fails */
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(conf_parse_file(&c, f), -EIO);
	fclose(f);
	unlink(path);
}
END_TEST

/* Every error is counted; the first CONF_ERRORS_KEPT keep their text. */
START_TEST(many_errors_all_counted)
{
	char line[32];
	unsigned int i;

	for (i = 1; i <= CONF_ERRORS_KEPT + 5; i++) {
		snprintf(line, sizeof(line), "bogus%u = 1", i);
		conf_parse_line(&c, i, line);
	}
	ck_assert_uint_eq(c.nerr, CONF_ERRORS_KEPT + 5);
	ck_assert_uint_eq(c.err[CONF_ERRORS_KEPT - 1].line, CONF_ERRORS_KEPT);
	ck_assert_str_eq(params(), "refused");
}
END_TEST

/* One bad line among good ones: none of the good ones is applied. */
START_TEST(no_half_applied_policy)
{
	parse("kint_enforce = panic\nlock = 1\numh_allow = /x\n"
	      "read_group = clkrg\npcfi_enforce = restore\n");
	one_error(5, "restore is not allowed for pcfi_enforce");
	ck_assert_uint_eq(c.settings, 4);
}
END_TEST

START_TEST(whole_file_error_text)
{
	char text[CONF_MSG_LEN + 64];

	conf_error(&c, 0, "cannot read: %s", "Permission denied");
	conf_error_text(&c, &c.err[0], text, sizeof(text));
	ck_assert_str_eq(text, "/etc/clkrg.conf: cannot read: Permission denied");
	ck_assert_str_eq(params(), "refused");
}
END_TEST

START_TEST(allowed_text)
{
	char buf[256];
	int i;

	i = lkrg_knob_find("kint_validate");
	conf_allowed_text(&c.knobs[i], buf, sizeof(buf));
	ck_assert_str_eq(buf, "off|manual|periodic|random");
	i = lkrg_knob_find("umh_enforce");
	conf_allowed_text(&c.knobs[i], buf, sizeof(buf));
	ck_assert_str_eq(buf, "log_only|panic|deny");
	i = lkrg_knob_find("heartbeat");
	conf_allowed_text(&c.knobs[i], buf, sizeof(buf));
	ck_assert_str_eq(buf, "0..1");
	conf_allowed_text(&c.knobs[i], buf, 3);
	ck_assert_str_eq(buf, "0.");
}
END_TEST

Suite *loader_conf_suite(void)
{
	Suite *s = suite_create("loader_conf");
	TCase *t = tcase_create("parse");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, good_file_becomes_parameters);
	tcase_add_test(t, empty_file_and_last_line_without_newline);
	tcase_add_test(t, numeric_group);
	tcase_add_test(t, err_no_equals);
	tcase_add_test(t, err_no_name);
	tcase_add_test(t, err_no_value);
	tcase_add_test(t, err_two_values);
	tcase_add_test(t, err_unknown_setting);
	tcase_add_test(t, err_not_a_value);
	tcase_add_test(t, err_name_of_another_set);
	tcase_add_test(t, err_not_allowed);
	tcase_add_test(t, err_out_of_range);
	tcase_add_test(t, err_number_too_big);
	tcase_add_test(t, err_set_twice);
	tcase_add_test(t, err_umh_relative);
	tcase_add_test(t, err_umh_too_long);
	tcase_add_test(t, err_umh_comma_or_quote);
	tcase_add_test(t, err_umh_twice);
	tcase_add_test(t, err_umh_too_many);
	tcase_add_test(t, err_group_unknown);
	tcase_add_test(t, err_group_out_of_range);
	tcase_add_test(t, err_group_twice);
	tcase_add_test(t, err_long_line);
	tcase_add_test(t, err_nul_byte);
	tcase_add_test(t, err_unreadable);
	tcase_add_test(t, many_errors_all_counted);
	tcase_add_test(t, no_half_applied_policy);
	tcase_add_test(t, whole_file_error_text);
	tcase_add_test(t, allowed_text);
	suite_add_tcase(s, t);
	return s;
}
