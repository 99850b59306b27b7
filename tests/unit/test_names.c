// SPDX-License-Identifier: GPL-2.0
/* driver/core/lkrg_names.c: every table entry, holes and out-of-range. */
#include <limits.h>

#include "tests.h"
#include "lkrg_names.h"

struct row {
	unsigned int v;
	const char *name;
};

static void check_table(const char *(*fn)(unsigned int),
			const struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ck_assert_str_eq(fn(rows[i].v), rows[i].name);
	ck_assert_str_eq(fn(64), "unknown");
	ck_assert_str_eq(fn(UINT_MAX), "unknown");
}

#define CHECK_TABLE(fn, ...) do {					\
		static const struct row rows_[] = { __VA_ARGS__ };	\
		check_table(fn, rows_, sizeof(rows_) / sizeof(rows_[0])); \
	} while (0)

START_TEST(types)
{
	CHECK_TABLE(lkrg_name_type, { 0, "unknown" }, { LKRG_EV_LOST, "lost" },
		    { LKRG_EV_VIOLATION, "violation" },
		    { LKRG_EV_ADMIN, "admin" }, { LKRG_EV_BLOCK, "block" },
		    { LKRG_EV_INFO, "info" }, { 6, "unknown" });
}
END_TEST

START_TEST(severities)
{
	CHECK_TABLE(lkrg_name_severity, { LKRG_SEV_ALERT, "alert" },
		    { LKRG_SEV_WARN, "warn" }, { LKRG_SEV_NOTICE, "notice" },
		    { LKRG_SEV_INFO, "info" }, { 4, "unknown" });
	CHECK_TABLE(lkrg_log_severity, { LKRG_SEV_ALERT, "ALERT" },
		    { LKRG_SEV_WARN, "WARN" }, { LKRG_SEV_NOTICE, "NOTICE" },
		    { LKRG_SEV_INFO, "INFO" }, { 4, "unknown" });
}
END_TEST

START_TEST(categories)
{
	CHECK_TABLE(lkrg_name_category, { 0, "unknown" },
		    { LKRG_CAT_KERNEL, "kernel" }, { LKRG_CAT_MODULE, "module" },
		    { LKRG_CAT_CPU, "cpu" }, { LKRG_CAT_TASK, "task" },
		    { LKRG_CAT_GUARD, "guard" }, { 6, "unknown" });
}
END_TEST

START_TEST(objects)
{
	CHECK_TABLE(lkrg_name_object, { LKRG_OBJ_NONE, "none" },
		    { LKRG_OBJ_KTEXT, "ktext" }, { LKRG_OBJ_RODATA, "rodata" },
		    { LKRG_OBJ_EXTABLE, "extable" }, { LKRG_OBJ_IDT, "idt" },
		    { LKRG_OBJ_MSR, "msr" }, { LKRG_OBJ_CR, "cr" },
		    { LKRG_OBJ_MODULE, "module" },
		    { LKRG_OBJ_MODULE_LIST, "module_list" },
		    { LKRG_OBJ_TASK_CRED, "task_cred" },
		    { LKRG_OBJ_POLICY, "policy" },
		    { LKRG_OBJ_BASELINE, "baseline" },
		    { LKRG_OBJ_GUARD, "guard" }, { LKRG_OBJ_CPUS, "cpus" },
		    { LKRG_OBJ_TASK_NS, "task_ns" },
		    { LKRG_OBJ_TASK_SECCOMP, "task_seccomp" },
		    { LKRG_OBJ_TASK_STACK, "task_stack" },
		    { LKRG_OBJ_UMH, "umh" }, { LKRG_OBJ_SELINUX, "selinux" },
		    { LKRG_OBJ_TASK_SHADOW, "task_shadow" },
		    { LKRG_OBJ_HOOK, "hook" },
		    { LKRG_OBJ_PATCH_SITE, "patch_site" },
		    { LKRG_OBJ_SELF, "self" },
		    { LKRG_OBJ_REDIRECT, "redirect" },
		    { LKRG_OBJ_CALLBACK, "callback" }, { 25, "unknown" });
}
END_TEST

START_TEST(actions)
{
	CHECK_TABLE(lkrg_name_action, { LKRG_ACT_NONE, "none" },
		    { LKRG_ACT_LOGGED, "logged" },
		    { LKRG_ACT_ACCEPTED, "accepted" },
		    { LKRG_ACT_RESTORED, "restored" },
		    { LKRG_ACT_BLOCKED, "blocked" },
		    { LKRG_ACT_KILLED, "killed" }, { LKRG_ACT_PANIC, "panic" },
		    { LKRG_ACT_CHANGED, "changed" },
		    { LKRG_ACT_DENIED, "denied" }, { 9, "unknown" });
	CHECK_TABLE(lkrg_log_action, { LKRG_ACT_NONE, "INFO" },
		    { LKRG_ACT_LOGGED, "DETECT" },
		    { LKRG_ACT_ACCEPTED, "ALLOW" },
		    { LKRG_ACT_RESTORED, "RESTORE" },
		    { LKRG_ACT_BLOCKED, "BLOCK" }, { LKRG_ACT_KILLED, "KILL" },
		    { LKRG_ACT_PANIC, "PANIC" }, { LKRG_ACT_CHANGED, "CHANGE" },
		    { LKRG_ACT_DENIED, "DENY" }, { 9, "unknown" });
}
END_TEST

START_TEST(triggers_modes_levels)
{
	CHECK_TABLE(lkrg_name_trigger, { LKRG_TRIGGER_NONE, "none" },
		    { LKRG_TRIGGER_MANUAL, "manual" },
		    { LKRG_TRIGGER_TIMER, "timer" },
		    { LKRG_TRIGGER_MODULE, "module" },
		    { LKRG_TRIGGER_LOAD, "load" },
		    { LKRG_TRIGGER_CPU, "cpu" },
		    { LKRG_TRIGGER_COUNT, "unknown" });
	CHECK_TABLE(lkrg_name_block_mode, { LKRG_BLOCK_OFF, "off" },
		    { LKRG_BLOCK_ON, "on" }, { LKRG_BLOCK_LOCK, "lock" },
		    { 3, "unknown" });
	CHECK_TABLE(lkrg_name_enforce, { LKRG_ENFORCE_LOG_ACCEPT, "log_accept" },
		    { LKRG_ENFORCE_LOG_ONLY, "log_only" },
		    { LKRG_ENFORCE_RESTORE, "restore" },
		    { LKRG_ENFORCE_KILL, "kill" },
		    { LKRG_ENFORCE_PANIC, "panic" },
		    { LKRG_ENFORCE_DENY, "deny" }, { 6, "unknown" });
	CHECK_TABLE(lkrg_name_validate, { LKRG_VALIDATE_OFF, "off" },
		    { LKRG_VALIDATE_MANUAL, "manual" },
		    { LKRG_VALIDATE_PERIODIC, "periodic" },
		    { LKRG_VALIDATE_RANDOM, "random" }, { 4, "unknown" });
	CHECK_TABLE(lkrg_name_pint, { LKRG_PINT_OFF, "off" },
		    { LKRG_PINT_CURRENT, "current" },
		    { LKRG_PINT_PARANOID, "paranoid" }, { 3, "unknown" });
	CHECK_TABLE(lkrg_name_pcfi, { LKRG_PCFI_OFF, "off" },
		    { LKRG_PCFI_SP, "sp" }, { LKRG_PCFI_FULL, "full" },
		    { 3, "unknown" });
	CHECK_TABLE(lkrg_name_umh, { LKRG_UMH_OFF, "off" },
		    { LKRG_UMH_ALLOWLIST, "allowlist" },
		    { LKRG_UMH_BLOCK_ALL, "block_all" }, { 3, "unknown" });
}
END_TEST

START_TEST(parse_block_mode)
{
	ck_assert_int_eq(lkrg_parse_block_mode("off"), LKRG_BLOCK_OFF);
	ck_assert_int_eq(lkrg_parse_block_mode("on"), LKRG_BLOCK_ON);
	ck_assert_int_eq(lkrg_parse_block_mode("lock"), LKRG_BLOCK_LOCK);
	ck_assert_int_eq(lkrg_parse_block_mode("LOCK"), -EINVAL);
	ck_assert_int_eq(lkrg_parse_block_mode(""), -EINVAL);
	ck_assert_int_eq(lkrg_parse_block_mode("unknown"), -EINVAL);
}
END_TEST

Suite *names_suite(void)
{
	Suite *s = suite_create("core/lkrg_names");
	TCase *tc = tcase_create("tables");

	tcase_add_test(tc, types);
	tcase_add_test(tc, severities);
	tcase_add_test(tc, categories);
	tcase_add_test(tc, objects);
	tcase_add_test(tc, actions);
	tcase_add_test(tc, triggers_modes_levels);
	tcase_add_test(tc, parse_block_mode);
	suite_add_tcase(s, tc);
	return s;
}
