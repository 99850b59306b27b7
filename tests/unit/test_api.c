// SPDX-License-Identifier: GPL-2.0
/* libclkrg without a device: opening errors, argument checks that come
 * before the ioctl, the handle accessors and the name helpers. */
#include <unistd.h>

#include "tests.h"

START_TEST(open_errors)
{
	struct clkrg *c = (struct clkrg *)1;

	ck_assert_int_eq(clkrg_open("/nonexistent/lkrg", &c), -ENOENT);
	ck_assert_ptr_null(c);
	/* Something that is not an lkrg device is an ABI mismatch. */
	ck_assert_int_eq(clkrg_open("/dev/null", &c), -EPROTO);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(clkrg_open(NULL, NULL), -EINVAL);
	clkrg_close(NULL);
}
END_TEST

/* On a pipe every ioctl is ENOTTY: reaching it means validation passed. */
START_TEST(validation_before_ioctl)
{
	int wfd;
	struct clkrg *c = pipe_handle(&wfd);
	struct lkrg_check ck;
	struct lkrg_status st;
	struct lkrg_umh_entry *e;
	struct lkrg_hook_row *h;
	struct lkrg_knob *k;
	uint64_t gen;
	uint32_t mode;
	int64_t v;
	size_t n;

	ck_assert_int_eq(clkrg_rebaseline(c, LKRG_SCOPE_MODULES << 1, &gen),
			 -EINVAL);
	ck_assert_int_eq(clkrg_rebaseline(c, LKRG_SCOPE_CPU, &gen), -ENOTTY);
	ck_assert_int_eq(clkrg_rebaseline(c, LKRG_SCOPE_KTEXT, &gen), -ENOTTY);
	ck_assert_int_eq(clkrg_rebaseline(c, 0, NULL), -ENOTTY);
	ck_assert_int_eq(clkrg_block_modules_set(c, 3), -EINVAL);
	ck_assert_int_eq(clkrg_block_modules_set(c, LKRG_BLOCK_ON), -ENOTTY);
	ck_assert_int_eq(clkrg_block_modules_get(c, &mode, NULL), -ENOTTY);
	ck_assert_int_eq(clkrg_policy_set(c, "", 1, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_policy_set(c, "0123456789abcdef0123456789abcdef",
					  1, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_policy_set(c, NULL, 1, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_policy_set(c, "interval", 1, NULL), -ENOTTY);
	ck_assert_int_eq(clkrg_policy_list(c, &k, &n), -ENOTTY);
	ck_assert_int_eq(clkrg_policy_list(c, NULL, &n), -EINVAL);
	ck_assert_int_eq(clkrg_policy_get(c, "interval", &v), -ENOTTY);
	ck_assert_int_eq(clkrg_policy_get(c, "interval", NULL), -EINVAL);
	ck_assert_int_eq(clkrg_force_run(c, &ck), -ENOTTY);
	ck_assert_uint_eq(ck.size, sizeof(ck));
	ck_assert_int_eq(clkrg_force_run(c, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_status(c, &st), -ENOTTY);
	ck_assert_int_eq(clkrg_status(c, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_shutdown(c), -ENOTTY);
	ck_assert_int_eq(clkrg_shutdown(NULL), -EINVAL);
	ck_assert_int_eq(clkrg_force_run(NULL, &ck), -EINVAL);
	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/x", NULL, NULL), -ENOTTY);
	ck_assert_int_eq(clkrg_umh_add(c, "x", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_del(c, "/sbin/x", NULL, NULL), -ENOTTY);
	ck_assert_int_eq(clkrg_umh_del(c, "", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, NULL, NULL), -ENOTTY);
	ck_assert_int_eq(clkrg_hooks(c, &h, &n), -ENOTTY);
	clkrg_close(c);
	close(wfd);
}
END_TEST

START_TEST(accessors)
{
	struct lkrg_hello hello = { .size = sizeof(hello),
				    .max_event_size = 528 };
	struct clkrg *c = NULL;
	int p[2];

	hello.ioctls[0] = 1ULL << 2 | 1ULL << 0x11;
	hello.ioctls[3] = 1ULL << 63;
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(clkrg__adopt_fd(p[0], &hello, &c), 0);
	ck_assert_int_eq(clkrg_fd(c), p[0]);
	ck_assert_int_eq(clkrg_fd(NULL), -EINVAL);
	ck_assert_uint_eq(clkrg_hello_info(c)->max_event_size, 528);
	ck_assert_ptr_null(clkrg_hello_info(NULL));
	ck_assert(clkrg_has_ioctl(c, 2));
	ck_assert(clkrg_has_ioctl(c, 0x11));
	ck_assert(!clkrg_has_ioctl(c, 3));
	ck_assert(clkrg_has_ioctl(c, 255));
	ck_assert(!clkrg_has_ioctl(c, 256));
	ck_assert(!clkrg_has_ioctl(NULL, 2));
	clkrg_close(c);
	close(p[1]);
}
END_TEST

/* A huge max_event_size grows the buffer to hold two such records. */
START_TEST(buffer_follows_max_event_size)
{
	struct lkrg_hello hello = { .max_event_size = 100001 };
	struct clkrg *c = NULL;
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(clkrg__adopt_fd(p[0], &hello, &c), 0);
	ck_assert_uint_eq(c->cap, 2 * 100008);
	clkrg_close(c);
	close(p[1]);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_TYPE, LKRG_EV_BLOCK), "block");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_SEVERITY, 0), "alert");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_CATEGORY, 5), "guard");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_OBJECT, 1), "ktext");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_ACTION, 1), "logged");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_TRIGGER, 1), "manual");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_BLOCK, 2), "lock");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_ENFORCE, 4), "panic");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_ENFORCE, 99), "unknown");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_VALIDATE, 0), "off");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_VALIDATE, 3), "random");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_VALIDATE, 4), "unknown");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_ENFORCE, 5), "deny");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_OBJECT, LKRG_OBJ_TASK_SHADOW),
			 "task_shadow");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_ACTION, LKRG_ACT_DENIED),
			 "denied");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_PINT, 1), "current");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_PCFI, 2), "full");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_UMH, 1), "allowlist");
	ck_assert_str_eq(clkrg_name(CLKRG_NAMES_UMH, 3), "unknown");
	ck_assert_str_eq(clkrg_name((enum clkrg_name_set)(CLKRG_NAMES_UMH + 1),
				    0), "unknown");
	ck_assert_str_eq(clkrg_name((enum clkrg_name_set)42, 0), "unknown");
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_ENFORCE, "log_only"), 1);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_BLOCK, "lock"), 2);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_BLOCK, "log_only"),
			 -EINVAL);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_VALIDATE, "periodic"),
			 LKRG_VALIDATE_PERIODIC);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_VALIDATE, "on"),
			 -EINVAL);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_ENFORCE, "deny"),
			 LKRG_ENFORCE_DENY);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_PINT, "paranoid"),
			 LKRG_PINT_PARANOID);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_PCFI, "sp"), LKRG_PCFI_SP);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_UMH, "block_all"),
			 LKRG_UMH_BLOCK_ALL);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_UMH, "current"), -EINVAL);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_TYPE, "unknown"),
			 -EINVAL);
	ck_assert_int_eq(clkrg_name_value(CLKRG_NAMES_TYPE, NULL), -EINVAL);
}
END_TEST

START_TEST(parse_value)
{
	int64_t v = 0;

	ck_assert_int_eq(clkrg_parse_value(-1, "15", &v), 0);
	ck_assert_int_eq(v, 15);
	ck_assert_int_eq(clkrg_parse_value(-1, "-3", &v), 0);
	ck_assert_int_eq(v, -3);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_ENFORCE, "panic", &v), 0);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_BLOCK, "on", &v), 0);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_VALIDATE, "manual", &v),
			 0);
	ck_assert_int_eq(v, LKRG_VALIDATE_MANUAL);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_VALIDATE, "lock", &v),
			 -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_ENFORCE, "deny", &v), 0);
	ck_assert_int_eq(v, LKRG_ENFORCE_DENY);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_PINT, "current", &v), 0);
	ck_assert_int_eq(v, LKRG_PINT_CURRENT);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_PCFI, "full", &v), 0);
	ck_assert_int_eq(v, LKRG_PCFI_FULL);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_UMH, "allowlist", &v), 0);
	ck_assert_int_eq(v, LKRG_UMH_ALLOWLIST);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_UMH, "full", &v),
			 -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, "panic", &v), -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(CLKRG_NAMES_ENFORCE, "lock", &v),
			 -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, "", &v), -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, " 5", &v), -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, "5x", &v), -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, "0x10", &v), -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, "99999999999999999999", &v),
			 -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, NULL, &v), -EINVAL);
	ck_assert_int_eq(clkrg_parse_value(-1, "5", NULL), -EINVAL);
}
END_TEST

START_TEST(knob_helpers)
{
	struct lkrg_knob k;

	sample_enforce_knob(&k);
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_ENFORCE);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 4), "panic");
	ck_assert_ptr_null(clkrg_knob_value_name(&k, 6));
	ck_assert_ptr_null(clkrg_knob_value_name(&k, -1));
	ck_assert_ptr_null(clkrg_knob_value_name(&k, 64));
	ck_assert(clkrg_knob_allows(&k, 4));
	ck_assert(!clkrg_knob_allows(&k, 2));
	/* Load-only does not change which values are valid. */
	k.flags |= LKRG_KNOB_F_LOAD_ONLY;
	ck_assert(clkrg_knob_allows(&k, 1));
	ck_assert(!clkrg_knob_allows(NULL, 1));
	sample_block_knob(&k);
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_BLOCK);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 2), "lock");
	sample_validate_knob(&k);
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_VALIDATE);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 2), "periodic");
	/* Named beyond the knob's range: the name is still the value's. */
	ck_assert_str_eq(clkrg_knob_value_name(&k, 3), "random");
	ck_assert_ptr_null(clkrg_knob_value_name(&k, 4));
	sample_interval_knob(&k);
	ck_assert_int_eq(clkrg_knob_name_set(&k), -ENOENT);
	ck_assert_ptr_null(clkrg_knob_value_name(&k, 1));
	ck_assert_int_eq(clkrg_knob_name_set(NULL), -EINVAL);
	ck_assert_ptr_null(clkrg_knob_value_name(NULL, 1));
}
END_TEST

/* knob.names decides, the knob's name does not. */
START_TEST(knob_names_field)
{
	struct lkrg_knob k;

	sample_enforce_knob(&k);
	k.names = LKRG_KNOB_NAMES_NONE;
	ck_assert_int_eq(clkrg_knob_name_set(&k), -ENOENT);
	ck_assert_ptr_null(clkrg_knob_value_name(&k, LKRG_ENFORCE_PANIC));
	sample_block_knob(&k);
	k.names = LKRG_KNOB_NAMES_NONE;
	ck_assert_int_eq(clkrg_knob_name_set(&k), -ENOENT);
	/* Any knob takes the names the module gives it. */
	sample_interval_knob(&k);
	k.names = LKRG_KNOB_NAMES_BLOCK;
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_BLOCK);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 1), "on");
	k.names = LKRG_KNOB_NAMES_ENFORCE;
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_ENFORCE);
	k.names = LKRG_KNOB_NAMES_VALIDATE;
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_VALIDATE);
	k.names = LKRG_KNOB_NAMES_PINT;
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_PINT);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 1), "current");
	k.names = LKRG_KNOB_NAMES_PCFI;
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_PCFI);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 2), "full");
	k.names = LKRG_KNOB_NAMES_UMH;
	ck_assert_int_eq(clkrg_knob_name_set(&k), CLKRG_NAMES_UMH);
	ck_assert_str_eq(clkrg_knob_value_name(&k, 1), "allowlist");
	ck_assert_ptr_null(clkrg_knob_value_name(&k, 3));
	/* Kinds from a newer module show numbers. */
	k.names = LKRG_KNOB_NAMES_UMH + 1;
	ck_assert_int_eq(clkrg_knob_name_set(&k), -ENOENT);
	ck_assert_ptr_null(clkrg_knob_value_name(&k, 1));
	k.names = ~0u;
	ck_assert_int_eq(clkrg_knob_name_set(&k), -ENOENT);
	/* A name filling all 32 bytes does not matter either. */
	memset(k.name, 'e', sizeof(k.name));
	k.names = LKRG_KNOB_NAMES_NONE;
	ck_assert_int_eq(clkrg_knob_name_set(&k), -ENOENT);
}
END_TEST

START_TEST(strerror_texts)
{
	ck_assert_str_eq(clkrg_strerror(-EPROTO),
			 "ABI mismatch between libclkrg and the clkrg module");
	ck_assert_str_eq(clkrg_strerror(EPROTO), clkrg_strerror(-EPROTO));
	ck_assert_str_eq(clkrg_strerror(-EBADMSG), "malformed event record");
	ck_assert_str_eq(clkrg_strerror(-EINVAL), "Invalid argument");
	ck_assert_str_eq(clkrg_strerror(-99999), "unknown error");
}
END_TEST

Suite *api_suite(void)
{
	Suite *s = suite_create("libclkrg/api");
	TCase *tc = tcase_create("api");

	tcase_add_test(tc, open_errors);
	tcase_add_test(tc, validation_before_ioctl);
	tcase_add_test(tc, accessors);
	tcase_add_test(tc, buffer_follows_max_event_size);
	tcase_add_test(tc, names);
	tcase_add_test(tc, parse_value);
	tcase_add_test(tc, knob_helpers);
	tcase_add_test(tc, knob_names_field);
	tcase_add_test(tc, strerror_texts);
	suite_add_tcase(s, tc);
	return s;
}
