// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli: errno -> exit code, and the messages people read. */
#include "tests.h"
#include "exit_codes.h"

START_TEST(codes_at_open)
{
	ck_assert_int_eq(cli_exit_code(0, CLI_AT_OPEN), 0);
	ck_assert_int_eq(cli_exit_code(-ENOENT, CLI_AT_OPEN), 3);
	ck_assert_int_eq(cli_exit_code(-ENXIO, CLI_AT_OPEN), 3);
	ck_assert_int_eq(cli_exit_code(-ENODEV, CLI_AT_OPEN), 3);
	ck_assert_int_eq(cli_exit_code(-EACCES, CLI_AT_OPEN), 4);
	ck_assert_int_eq(cli_exit_code(-EPERM, CLI_AT_OPEN), 4);
	ck_assert_int_eq(cli_exit_code(-EPROTO, CLI_AT_OPEN), 5);
	ck_assert_int_eq(cli_exit_code(-ENOMEM, CLI_AT_OPEN), 6);
	ck_assert_int_eq(cli_exit_code(-EIO, CLI_AT_OPEN), 6);
	/* Positive errno values mean the same. */
	ck_assert_int_eq(cli_exit_code(ENOENT, CLI_AT_OPEN), 3);
	ck_assert_int_eq(cli_exit_code(EPROTO, CLI_AT_OPEN), 5);
}
END_TEST

START_TEST(codes_in_commands)
{
	ck_assert_int_eq(cli_exit_code(0, CLI_AT_COMMAND), 0);
	ck_assert_int_eq(cli_exit_code(-EPERM, CLI_AT_COMMAND), 4);
	ck_assert_int_eq(cli_exit_code(-EACCES, CLI_AT_COMMAND), 4);
	/* After SHUTDOWN the module is as good as gone. */
	ck_assert_int_eq(cli_exit_code(-ENODEV, CLI_AT_COMMAND), 3);
	ck_assert_int_eq(cli_exit_code(-ENXIO, CLI_AT_COMMAND), 3);
	/* An unknown knob is not a missing module. */
	ck_assert_int_eq(cli_exit_code(-ENOENT, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-EPROTO, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-ERANGE, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-ENOTTY, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-EINTR, CLI_AT_COMMAND), 6);
}
END_TEST

START_TEST(exit_code_values)
{
	ck_assert_int_eq(CLI_EXIT_OK, 0);
	ck_assert_int_eq(CLI_EXIT_VIOLATIONS, 1);
	ck_assert_int_eq(CLI_EXIT_USAGE, 2);
	ck_assert_int_eq(CLI_EXIT_NOT_LOADED, 3);
	ck_assert_int_eq(CLI_EXIT_PERM, 4);
	ck_assert_int_eq(CLI_EXIT_ABI, 5);
	ck_assert_int_eq(CLI_EXIT_ERROR, 6);
}
END_TEST

START_TEST(reasons)
{
	char buf[256];

	ck_assert_str_eq(cli_reason(-ENOENT, CLI_AT_OPEN, NULL, buf,
				    sizeof(buf)),
			 "module not loaded (/dev/lkrg missing): run 'modprobe "
			 "clkrg'");
	ck_assert_ptr_nonnull(strstr(cli_reason(-ENOENT, CLI_AT_OPEN, "/x/y",
						buf, sizeof(buf)), "(/x/y "));
	ck_assert_ptr_nonnull(strstr(cli_reason(-ENXIO, CLI_AT_OPEN, NULL, buf,
						sizeof(buf)),
				     "module not loaded"));
	ck_assert_ptr_nonnull(strstr(cli_reason(-EACCES, CLI_AT_OPEN, NULL,
						buf, sizeof(buf)),
				     "permission denied"));
	ck_assert_ptr_nonnull(strstr(cli_reason(-EPROTO, CLI_AT_OPEN, NULL,
						buf, sizeof(buf)),
				     "ABI mismatch"));
	ck_assert_str_eq(cli_reason(-EPERM, CLI_AT_COMMAND, NULL, buf,
				    sizeof(buf)),
			 "permission denied: this command needs CAP_SYS_ADMIN");
	ck_assert_ptr_nonnull(strstr(cli_reason(-ENODEV, CLI_AT_COMMAND, NULL,
						buf, sizeof(buf)),
				     "shutting down"));
	ck_assert_ptr_nonnull(strstr(cli_reason(-ENOTTY, CLI_AT_COMMAND, NULL,
						buf, sizeof(buf)),
				     "not supported"));
	/* Everything else: the library's text. */
	ck_assert_str_eq(cli_reason(-EIO, CLI_AT_COMMAND, NULL, buf,
				    sizeof(buf)), clkrg_strerror(-EIO));
	ck_assert_str_eq(cli_reason(-EIO, CLI_AT_OPEN, NULL, buf, sizeof(buf)),
			 clkrg_strerror(-EIO));
}
END_TEST

START_TEST(umh_reasons)
{
	char buf[320];

	ck_assert_str_eq(cli_umh_reason(-EEXIST, true, "/sbin/x", buf,
					sizeof(buf)),
			 "/sbin/x is already on the allow-list");
	ck_assert_str_eq(cli_umh_reason(-ENOSPC, true, "/sbin/x", buf,
					sizeof(buf)),
			 "the allow-list is full (64 entries): delete one first");
	ck_assert_str_eq(cli_umh_reason(ENOENT, false, "/sbin/x", buf,
					sizeof(buf)),
			 "/sbin/x is not on the allow-list");
	ck_assert_ptr_nonnull(strstr(cli_umh_reason(-EINVAL, true, "/sbin/x",
						    buf, sizeof(buf)),
				     "must be absolute"));
	/* The errno table is per direction: the rest is the generic text. */
	ck_assert_ptr_null(cli_umh_reason(-ENOENT, true, "/x", buf,
					  sizeof(buf)));
	ck_assert_ptr_null(cli_umh_reason(-EEXIST, false, "/x", buf,
					  sizeof(buf)));
	ck_assert_ptr_null(cli_umh_reason(-ENOSPC, false, "/x", buf,
					  sizeof(buf)));
	ck_assert_ptr_null(cli_umh_reason(-EPERM, true, "/x", buf,
					  sizeof(buf)));
	ck_assert_ptr_null(cli_umh_reason(-ENOTTY, false, "/x", buf,
					  sizeof(buf)));
	/* All of them exit 6 but EPERM (4). */
	ck_assert_int_eq(cli_exit_code(-EEXIST, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-ENOSPC, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-ENOENT, CLI_AT_COMMAND), 6);
	ck_assert_int_eq(cli_exit_code(-EPERM, CLI_AT_COMMAND), 4);
}
END_TEST

Suite *cli_exit_suite(void)
{
	Suite *s = suite_create("cli/exit_codes");
	TCase *tc = tcase_create("mapping");

	tcase_add_test(tc, codes_at_open);
	tcase_add_test(tc, codes_in_commands);
	tcase_add_test(tc, exit_code_values);
	tcase_add_test(tc, reasons);
	tcase_add_test(tc, umh_reasons);
	suite_add_tcase(s, tc);
	return s;
}
