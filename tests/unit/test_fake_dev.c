// SPDX-License-Identifier: GPL-2.0
/* libclkrg's success paths and handshake against the fake module. */
#include "fake_dev.h"

static struct clkrg *open_fake(void)
{
	struct clkrg *c = NULL;

	ck_assert_int_eq(clkrg_open(fake.path, &c), 0);
	ck_assert_ptr_nonnull(c);
	return c;
}

START_TEST(open_handshake)
{
	struct clkrg *c = open_fake();

	ck_assert_uint_eq(clkrg_hello_info(c)->api_version, LKRG_API_VERSION);
	ck_assert_uint_eq(clkrg_hello_info(c)->max_event_size, 528);
	ck_assert(clkrg_has_ioctl(c, _IOC_NR(LKRG_IOC_POLICY_SET)));
	ck_assert(!clkrg_has_ioctl(c, 0x20));
	ck_assert_uint_eq(fake.calls, 2);	/* API_VERSION, HELLO */
	clkrg_close(c);
}
END_TEST

START_TEST(open_mismatch)
{
	struct clkrg *c = NULL;

	fake.api_version = 2;
	ck_assert_int_eq(clkrg_open(fake.path, &c), -EPROTO);
	ck_assert_ptr_null(c);
	fake.api_version = LKRG_API_VERSION;
	fake.hello_api = 2;
	ck_assert_int_eq(clkrg_open(fake.path, &c), -EPROTO);
	fake.hello_api = LKRG_API_VERSION;
	fake.fail_req = LKRG_IOC_API_VERSION;
	fake.fail_errno = ENODEV;		/* shut down */
	ck_assert_int_eq(clkrg_open(fake.path, &c), -ENODEV);
	fake.fail_req = LKRG_IOC_HELLO;
	fake.fail_errno = EPERM;
	ck_assert_int_eq(clkrg_open(fake.path, &c), -EPERM);
	ck_assert_ptr_null(c);
}
END_TEST

START_TEST(commands)
{
	struct clkrg *c = open_fake();
	struct lkrg_status st;
	struct lkrg_check ck;
	uint64_t gen = 0, refused = 0;
	uint32_t mode = 9;

	ck_assert_int_eq(clkrg_status(c, &st), 0);
	ck_assert_uint_eq(st.generation, 4);
	ck_assert_uint_eq(strlen((char *)st.module_version),
			  sizeof(st.module_version) - 1);
	ck_assert_int_eq(clkrg_force_run(c, &ck), 0);
	ck_assert_uint_eq(ck.check_id, 5);
	ck_assert_uint_eq(ck.violations, 2);
	ck_assert_int_eq(clkrg_rebaseline(c, LKRG_SCOPE_RODATA, &gen), 0);
	ck_assert_uint_eq(gen, 9);
	ck_assert_uint_eq(fake.last_scope, LKRG_SCOPE_RODATA);
	ck_assert_int_eq(clkrg_shutdown(c), 0);
	ck_assert_int_eq(clkrg_block_modules_get(c, &mode, &refused), 0);
	ck_assert_uint_eq(mode, LKRG_BLOCK_OFF);
	ck_assert_uint_eq(refused, 6);
	clkrg_close(c);
}
END_TEST

START_TEST(block_lock)
{
	struct clkrg *c = open_fake();
	uint32_t mode;

	ck_assert_int_eq(clkrg_block_modules_set(c, LKRG_BLOCK_ON), 0);
	ck_assert_int_eq(clkrg_block_modules_set(c, LKRG_BLOCK_LOCK), 0);
	ck_assert_int_eq(clkrg_block_modules_set(c, LKRG_BLOCK_OFF), -EPERM);
	ck_assert_int_eq(clkrg_block_modules_get(c, &mode, NULL), 0);
	ck_assert_uint_eq(mode, LKRG_BLOCK_LOCK);
	clkrg_close(c);
}
END_TEST

START_TEST(policy_list)
{
	struct clkrg *c = open_fake();
	struct lkrg_knob *k = NULL;
	size_t n = 0;

	ck_assert_int_eq(clkrg_policy_list(c, &k, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq((char *)k[0].name, "kint_enforce");
	ck_assert_str_eq((char *)k[1].name, "interval");
	clkrg_knobs_free(k);
	/* A knob appearing between "how many" and "fill" is retried. */
	fake.grow_once = true;
	ck_assert_int_eq(clkrg_policy_list(c, &k, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq((char *)k[2].name, "heartbeat");
	clkrg_knobs_free(k);
	fake.nknobs = 0;
	ck_assert_int_eq(clkrg_policy_list(c, &k, &n), 0);
	ck_assert_uint_eq(n, 0);
	clkrg_knobs_free(k);
	clkrg_close(c);
}
END_TEST

START_TEST(policy_get_set)
{
	struct clkrg *c = open_fake();
	int64_t v = 0, old = 0;

	ck_assert_int_eq(clkrg_policy_get(c, "interval", &v), 0);
	ck_assert_int_eq(v, 15);
	ck_assert_int_eq(clkrg_policy_get(c, "nope", &v), -ENOENT);
	ck_assert_int_eq(clkrg_policy_set(c, "interval", 30, &old), 0);
	ck_assert_int_eq(old, 15);
	ck_assert_int_eq(clkrg_policy_get(c, "interval", &v), 0);
	ck_assert_int_eq(v, 30);
	ck_assert_int_eq(clkrg_policy_set(c, "interval", 1, &old), -ERANGE);
	ck_assert_int_eq(clkrg_policy_set(c, "kint_enforce",
					  LKRG_ENFORCE_RESTORE, NULL), -ERANGE);
	ck_assert_int_eq(clkrg_policy_set(c, "nope", 1, NULL), -ENOENT);
	clkrg_close(c);
}
END_TEST

START_TEST(stats)
{
	struct clkrg *c = open_fake();
	struct lkrg_stats_row *rows = NULL;
	size_t n = 0;

	ck_assert_int_eq(clkrg_stats(c, &rows, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(rows[2].id, 2);
	ck_assert_uint_eq(rows[2].fired, 12);
	ck_assert_uint_eq(strlen((char *)rows[0].name), LKRG_STATS_NAME_LEN - 1);
	clkrg_stats_free(rows);
	fake.fail_req = LKRG_IOC_STATS;
	fake.fail_errno = ENOTTY;	/* an older module */
	ck_assert_int_eq(clkrg_stats(c, &rows, &n), -ENOTTY);
	ck_assert_int_eq(clkrg_stats(c, NULL, &n), -EINVAL);
	clkrg_close(c);
}
END_TEST

Suite *fake_dev_suite(void)
{
	Suite *s = suite_create("libclkrg/fake-device");
	TCase *tc = tcase_create("ioctls");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, open_handshake);
	tcase_add_test(tc, open_mismatch);
	tcase_add_test(tc, commands);
	tcase_add_test(tc, block_lock);
	tcase_add_test(tc, policy_list);
	tcase_add_test(tc, policy_get_set);
	tcase_add_test(tc, stats);
	suite_add_tcase(s, tc);
	return s;
}
