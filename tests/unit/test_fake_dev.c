// SPDX-License-Identifier: GPL-2.0
/* libclkrg's success paths and handshake against the fake module. */
#include <stdio.h>

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
	ck_assert_int_eq(clkrg_block_modules_get(c, &mode, &refused), 0);
	ck_assert_uint_eq(mode, LKRG_BLOCK_OFF);
	ck_assert_uint_eq(refused, 6);
	ck_assert_int_eq(clkrg_shutdown(c), 0);
	/* Then only the event stream is left. */
	ck_assert_int_eq(clkrg_status(c, &st), -ENODEV);
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

START_TEST(hooks)
{
	struct clkrg *c = open_fake();
	struct lkrg_hook_row *rows = NULL;
	size_t n = 0;

	ck_assert_int_eq(clkrg_hooks(c, &rows, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(rows[1].hits, 101);
	ck_assert_uint_eq(rows[1].violations, 1);
	ck_assert_uint_eq(rows[1].denied, 2);
	ck_assert_uint_eq(rows[0].active, 0);
	ck_assert_uint_eq(rows[1].active, 1);
	/* The module's strings are terminated by the library. */
	ck_assert_uint_eq(strlen((char *)rows[0].symbol), LKRG_HOOK_NAME_LEN - 1);
	ck_assert_uint_eq(strlen((char *)rows[0].role), LKRG_HOOK_ROLE_LEN - 1);
	clkrg_hooks_free(rows);
	fake.nhooks = 0;
	ck_assert_int_eq(clkrg_hooks(c, &rows, &n), 0);
	ck_assert_uint_eq(n, 0);
	clkrg_hooks_free(rows);
	ck_assert_int_eq(clkrg_hooks(c, NULL, &n), -EINVAL);
	ck_assert_int_eq(clkrg_hooks(c, &rows, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_hooks(NULL, &rows, &n), -EINVAL);
	fake.fail_req = LKRG_IOC_HOOKS;
	fake.fail_errno = ENOTTY;	/* a module without hooks */
	ck_assert_int_eq(clkrg_hooks(c, &rows, &n), -ENOTTY);
	clkrg_hooks_free(NULL);
	clkrg_close(c);
}
END_TEST

START_TEST(umh_list_empty)
{
	struct clkrg *c = open_fake();
	struct lkrg_umh_entry *e = NULL;
	uint64_t gen = 0, refused = 0;
	size_t n = 9;

	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, &gen, &refused), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(gen, 1);
	ck_assert_uint_eq(refused, 4);
	clkrg_umh_free(e);
	/* Both extra outputs are optional. */
	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, NULL, NULL), 0);
	clkrg_umh_free(e);
	ck_assert_int_eq(clkrg_umh_list(c, NULL, &n, NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_list(c, &e, NULL, NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_list(NULL, &e, &n, NULL, NULL), -EINVAL);
	clkrg_umh_free(NULL);
	clkrg_close(c);
}
END_TEST

START_TEST(umh_add_list_del)
{
	struct clkrg *c = open_fake();
	struct lkrg_umh_entry *e = NULL;
	uint64_t gen = 0;
	uint32_t count = 9;
	size_t n = 0;

	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/modprobe", &count, &gen), 0);
	ck_assert_uint_eq(count, 1);
	ck_assert_uint_eq(gen, 2);
	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/hotplug", NULL, NULL), 0);
	ck_assert_int_eq(clkrg_umh_add(c, "/usr/lib/systemd/systemd-coredump",
				       &count, &gen), 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_uint_eq(gen, 4);
	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, &gen, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(gen, 4);
	ck_assert_str_eq((char *)e[0].path, "/sbin/modprobe");
	ck_assert_str_eq((char *)e[2].path, "/usr/lib/systemd/systemd-coredump");
	ck_assert_uint_eq(e[1].allowed, 8);
	clkrg_umh_free(e);
	ck_assert_int_eq(clkrg_umh_del(c, "/sbin/hotplug", &count, &gen), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_uint_eq(gen, 5);
	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, NULL, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq((char *)e[1].path, "/usr/lib/systemd/systemd-coredump");
	clkrg_umh_free(e);
	ck_assert_int_eq(clkrg_umh_del(c, "/sbin/modprobe", NULL, NULL), 0);
	ck_assert_int_eq(clkrg_umh_del(c, "/usr/lib/systemd/systemd-coredump",
				       &count, NULL), 0);
	ck_assert_uint_eq(count, 0);
	clkrg_close(c);
}
END_TEST

START_TEST(umh_module_errors)
{
	struct clkrg *c = open_fake();
	char path[32];
	uint32_t count = 9;
	uint64_t gen = 9;
	int i;

	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/modprobe", NULL, NULL), 0);
	/* A failed call leaves the outputs alone. */
	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/modprobe", &count, &gen),
			 -EEXIST);
	ck_assert_uint_eq(count, 9);
	ck_assert_uint_eq(gen, 9);
	ck_assert_int_eq(clkrg_umh_del(c, "/sbin/nope", &count, &gen), -ENOENT);
	ck_assert_uint_eq(count, 9);
	/* Deleted is not listed any more. */
	ck_assert_int_eq(clkrg_umh_del(c, "/sbin/modprobe", NULL, NULL), 0);
	ck_assert_int_eq(clkrg_umh_del(c, "/sbin/modprobe", NULL, NULL),
			 -ENOENT);
	for (i = 0; i < LKRG_UMH_MAX; i++) {
		snprintf(path, sizeof(path), "/h/%d", i);
		ck_assert_int_eq(clkrg_umh_add(c, path, &count, NULL), 0);
	}
	ck_assert_uint_eq(count, LKRG_UMH_MAX);
	ck_assert_int_eq(clkrg_umh_add(c, "/h/one-more", NULL, NULL), -ENOSPC);
	/* Full, a listed path is still EEXIST, and deleting makes room. */
	ck_assert_int_eq(clkrg_umh_add(c, "/h/3", NULL, NULL), -EEXIST);
	ck_assert_int_eq(clkrg_umh_del(c, "/h/3", NULL, NULL), 0);
	ck_assert_int_eq(clkrg_umh_add(c, "/h/one-more", &count, NULL), 0);
	ck_assert_uint_eq(count, LKRG_UMH_MAX);
	fake.fail_req = LKRG_IOC_UMH_ADD;
	fake.fail_errno = EPERM;	/* without CAP_SYS_ADMIN */
	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/x", NULL, NULL), -EPERM);
	fake.fail_req = LKRG_IOC_UMH_DEL;
	ck_assert_int_eq(clkrg_umh_del(c, "/h/1", NULL, NULL), -EPERM);
	fake.fail_req = LKRG_IOC_UMH_LIST;
	fake.fail_errno = ENOTTY;	/* an older module */
	ck_assert_int_eq(clkrg_umh_list(c, &(struct lkrg_umh_entry *){ NULL },
					&(size_t){ 0 }, NULL, NULL), -ENOTTY);
	clkrg_close(c);
}
END_TEST

START_TEST(hook_allow_list_allow_deny)
{
	struct clkrg *c = open_fake();
	struct lkrg_hook_allow_entry *e = NULL;
	uint64_t gen = 0, redirects = 0, callbacks = 0;
	uint32_t count = 9;
	size_t n = 0;
	char buf[CLKRG_JSON_MAX];

	ck_assert_int_eq(clkrg_hook_allow_list(c, &e, &n, &gen, &redirects,
					       &callbacks), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(gen, 1);
	ck_assert_uint_eq(redirects, 3);
	ck_assert_uint_eq(callbacks, 1234);
	ck_assert_str_eq((char *)e[0].owner, "kernel:klp_*");
	ck_assert_int_gt(clkrg_hook_allow_entry_to_json(&e[0], buf,
							sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"owner\":\"kernel:klp_*\",\"allowed\":10}");
	clkrg_hook_allow_free(e);
	ck_assert_int_eq(clkrg_hook_allow(c, "clkrg_redirect", &count, &gen), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_uint_eq(gen, 2);
	ck_assert_int_eq(clkrg_hook_allow(c, "bpf:clkrg_fmod*", NULL, NULL), 0);
	ck_assert_int_eq(clkrg_hook_allow_list(c, &e, &n, NULL, NULL, NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq((char *)e[2].owner, "bpf:clkrg_fmod*");
	clkrg_hook_allow_free(e);
	/* Errors, outputs left alone. */
	ck_assert_int_eq(clkrg_hook_allow(c, "clkrg_redirect", &count, &gen),
			 -EEXIST);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(clkrg_hook_deny(c, "nope", &count, &gen), -ENOENT);
	ck_assert_int_eq(clkrg_hook_deny(c, "kernel:klp_*", &count, &gen), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_uint_eq(gen, 4);
	/* Malformed: refused before any ioctl. */
	ck_assert_int_eq(clkrg_hook_allow(c, "*", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_hook_allow(c, "a b", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_hook_deny(c, "", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_hook_allow(c, NULL, NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_hook_allow(NULL, "x", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_hook_allow(c,
		"0123456789012345678901234567890123456789012345678901234567890123",
		NULL, NULL), -EINVAL);
	/* The lock refuses additions, not removals. */
	fake.howner_locked = true;
	ck_assert_int_eq(clkrg_hook_allow(c, "x", NULL, NULL), -EPERM);
	ck_assert_int_eq(clkrg_hook_deny(c, "clkrg_redirect", NULL, NULL), 0);
	fake.fail_req = LKRG_IOC_HOOK_ALLOW_LIST;
	fake.fail_errno = ENOTTY;	/* an older module */
	ck_assert_int_eq(clkrg_hook_allow_list(c, &e, &n, NULL, NULL, NULL),
			 -ENOTTY);
	ck_assert_int_eq(clkrg_hook_allow_list(c, NULL, &n, NULL, NULL, NULL),
			 -EINVAL);
	clkrg_hook_allow_free(NULL);
	clkrg_close(c);
}
END_TEST

/* The library refuses what the module would, without asking it. */
START_TEST(umh_bad_paths)
{
	struct clkrg *c = open_fake();
	char longest[LKRG_UMH_PATH_LEN + 1];
	__u32 calls;

	memset(longest, 'a', sizeof(longest));
	longest[0] = '/';
	longest[LKRG_UMH_PATH_LEN] = 0;		/* 256 bytes: no room for NUL */
	calls = fake.calls;
	ck_assert_int_eq(clkrg_umh_add(c, "sbin/modprobe", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_add(c, "", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_add(c, NULL, NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_add(c, longest, NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_del(c, "./x", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_del(c, longest, NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_add(NULL, "/sbin/x", NULL, NULL), -EINVAL);
	ck_assert_uint_eq(fake.calls, calls);
	/* 255 bytes and the NUL fit exactly. */
	longest[LKRG_UMH_PATH_LEN - 1] = 0;
	ck_assert_int_eq(clkrg_umh_add(c, longest, NULL, NULL), 0);
	ck_assert_int_eq(clkrg_umh_del(c, longest, NULL, NULL), 0);
	/* As the module: "/" alone is no helper path. */
	ck_assert_int_eq(clkrg_umh_add(c, "/", NULL, NULL), -EINVAL);
	ck_assert_int_eq(clkrg_umh_add(c, "/x", NULL, NULL), 0);
	clkrg_close(c);
}
END_TEST

START_TEST(umh_list_retry_and_terminators)
{
	struct clkrg *c = open_fake();
	struct lkrg_umh_entry *e = NULL;
	uint64_t gen = 0;
	size_t n = 0;

	ck_assert_int_eq(clkrg_umh_add(c, "/sbin/modprobe", NULL, NULL), 0);
	/* A path added between "how many" and "fill" is retried. */
	fake.umh_grow_once = true;
	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, &gen, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(gen, 3);
	ck_assert_str_eq((char *)e[1].path, "/sbin/grown");
	clkrg_umh_free(e);
	/* A path filling all 256 bytes comes back terminated. */
	memset(fake.umh[0], 'p', sizeof(fake.umh[0]));
	ck_assert_int_eq(clkrg_umh_list(c, &e, &n, NULL, NULL), 0);
	ck_assert_uint_eq(strlen((char *)e[0].path), LKRG_UMH_PATH_LEN - 1);
	clkrg_umh_free(e);
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
	tcase_add_test(tc, hooks);
	tcase_add_test(tc, umh_list_empty);
	tcase_add_test(tc, umh_add_list_del);
	tcase_add_test(tc, umh_module_errors);
	tcase_add_test(tc, umh_bad_paths);
	tcase_add_test(tc, hook_allow_list_allow_deny);
	tcase_add_test(tc, umh_list_retry_and_terminators);
	suite_add_tcase(s, tc);
	return s;
}
