// SPDX-License-Identifier: GPL-2.0
/* The ABI's layout: sizes, offsets and ioctl numbers never move. The
 * static asserts stop the build; the tests report the same facts. */
#include <linux/ioctl.h>

#include "tests.h"
#include "abi_check.h"

#define SIZE_IS(type, n) \
	_Static_assert(sizeof(struct type) == (n), #type " size")
#define AT(type, field, off) \
	_Static_assert(offsetof(struct type, field) == (off), \
		       #type "." #field " offset")
/* Every command struct starts with size, then flags. */
#define HEAD(type) AT(type, size, 0); AT(type, flags, 4)

SIZE_IS(lkrg_hello, LKRG_HELLO_SIZE_VER0);
SIZE_IS(lkrg_check, LKRG_CHECK_SIZE_VER0);
SIZE_IS(lkrg_rebaseline, LKRG_REBASELINE_SIZE_VER0);
SIZE_IS(lkrg_block_modules, LKRG_BLOCK_MODULES_SIZE_VER0);
SIZE_IS(lkrg_status, LKRG_STATUS_SIZE_VER0);
SIZE_IS(lkrg_knob, LKRG_KNOB_SIZE_VER0);
SIZE_IS(lkrg_policy_get, LKRG_POLICY_GET_SIZE_VER0);
SIZE_IS(lkrg_policy_set, LKRG_POLICY_SET_SIZE_VER0);
SIZE_IS(lkrg_stats, LKRG_STATS_SIZE_VER0);
SIZE_IS(lkrg_stats_row, LKRG_STATS_ROW_SIZE_VER0);
SIZE_IS(lkrg_hook_row, LKRG_HOOK_ROW_SIZE_VER0);
SIZE_IS(lkrg_umh_edit, LKRG_UMH_EDIT_SIZE_VER0);
SIZE_IS(lkrg_umh_entry, LKRG_UMH_ENTRY_SIZE_VER0);
SIZE_IS(lkrg_umh_list, LKRG_UMH_LIST_SIZE_VER0);
SIZE_IS(lkrg_hook_allow_edit, LKRG_HOOK_ALLOW_EDIT_SIZE_VER0);
SIZE_IS(lkrg_hook_allow_entry, LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0);
SIZE_IS(lkrg_hook_allow_list, LKRG_HOOK_ALLOW_LIST_SIZE_VER0);
SIZE_IS(lkrg_event_hdr, LKRG_EVENT_HDR_SIZE);
SIZE_IS(lkrg_event_detail, LKRG_EVENT_DETAIL_SIZE_VER0);
SIZE_IS(lkrg_event_lost, LKRG_EVENT_LOST_SIZE_VER0);
SIZE_IS(lkrg_event_value, 40);

HEAD(lkrg_hello);
HEAD(lkrg_check);
HEAD(lkrg_rebaseline);
HEAD(lkrg_block_modules);
HEAD(lkrg_status);
HEAD(lkrg_policy_get);
HEAD(lkrg_policy_set);
HEAD(lkrg_stats);
HEAD(lkrg_umh_edit);
HEAD(lkrg_umh_list);
HEAD(lkrg_hook_allow_edit);
HEAD(lkrg_hook_allow_list);

AT(lkrg_hello, features, 16);
AT(lkrg_hello, ioctls, 24);
AT(lkrg_hello, max_event_size, 56);
AT(lkrg_check, check_id, 8);
AT(lkrg_check, violations, 48);
AT(lkrg_check, generation, 56);
AT(lkrg_check, start_real_ns, 64);
AT(lkrg_check, tasks, 72);
	AT(lkrg_check, tasks_ns, 80);
	AT(lkrg_check, reserved, 88);
AT(lkrg_rebaseline, scope, 8);
AT(lkrg_block_modules, mode, 8);
AT(lkrg_block_modules, refused, 16);
AT(lkrg_status, module_version, 8);
AT(lkrg_status, instance_uuid, 48);
AT(lkrg_status, block_modules, 116);
AT(lkrg_status, events_produced, 120);
AT(lkrg_status, shutting_down, 144);
AT(lkrg_status, tasks, 168);
AT(lkrg_status, locked, 176);
AT(lkrg_status, reserved0, 180);
AT(lkrg_status, reserved, 184);
AT(lkrg_knob, value, 32);
AT(lkrg_knob, allowed, 56);
AT(lkrg_knob, flags, 64);
AT(lkrg_knob, names, 68);
AT(lkrg_knob, desc, 72);
AT(lkrg_policy_get, count, 8);
AT(lkrg_policy_get, knobs, 16);
AT(lkrg_policy_set, name, 8);
AT(lkrg_policy_set, value, 40);
AT(lkrg_policy_set, old_value, 48);
/* Both array arguments share one layout (see libclkrg/rows.c). */
AT(lkrg_stats, count, 8);
AT(lkrg_stats, row_size, 12);
AT(lkrg_stats, rows, 16);
AT(lkrg_stats_row, fired, 24);
AT(lkrg_hook_row, role, 48);
AT(lkrg_hook_row, hits, 64);
AT(lkrg_hook_row, denied, 80);
AT(lkrg_hook_row, active, 88);
AT(lkrg_hook_row, reserved, 96);
AT(lkrg_umh_edit, path, 8);
AT(lkrg_umh_edit, count, 264);
AT(lkrg_umh_edit, reserved0, 268);
AT(lkrg_umh_edit, generation, 272);
AT(lkrg_umh_edit, reserved, 280);
AT(lkrg_umh_entry, allowed, 256);
/* The same array prefix as POLICY_GET and STATS. */
AT(lkrg_umh_list, count, 8);
AT(lkrg_umh_list, entry_size, 12);
AT(lkrg_umh_list, entries, 16);
AT(lkrg_umh_list, generation, 24);
AT(lkrg_umh_list, refused, 32);
AT(lkrg_umh_list, reserved, 40);
AT(lkrg_hook_allow_edit, owner, 8);
AT(lkrg_hook_allow_edit, count, 72);
AT(lkrg_hook_allow_edit, reserved0, 76);
AT(lkrg_hook_allow_edit, generation, 80);
AT(lkrg_hook_allow_edit, reserved, 88);
AT(lkrg_hook_allow_entry, allowed, 64);
AT(lkrg_hook_allow_entry, reserved, 72);
AT(lkrg_hook_allow_list, count, 8);
AT(lkrg_hook_allow_list, entry_size, 12);
AT(lkrg_hook_allow_list, entries, 16);
AT(lkrg_hook_allow_list, generation, 24);
AT(lkrg_hook_allow_list, redirects, 32);
AT(lkrg_hook_allow_list, callbacks, 40);
AT(lkrg_hook_allow_list, reserved, 48);
AT(lkrg_event_hdr, len, 0);
AT(lkrg_event_hdr, type, 4);
AT(lkrg_event_hdr, seq, 8);
AT(lkrg_event_hdr, real_ns, 24);
AT(lkrg_event_hdr, flags, 36);
AT(lkrg_event_detail, check_id, 16);
AT(lkrg_event_detail, instance_uuid, 32);
AT(lkrg_event_detail, pid, 64);
AT(lkrg_event_detail, comm, 96);
AT(lkrg_event_detail, name, 112);
AT(lkrg_event_detail, location, 176);
AT(lkrg_event_detail, address, 304);
AT(lkrg_event_detail, values, 328);
AT(lkrg_event_lost, first_seq, 8);
AT(lkrg_event_lost, count, 16);
/* Values the module and userspace exchange. */
_Static_assert(LKRG_KNOB_NAMES_NONE == 0 && LKRG_KNOB_NAMES_ENFORCE == 1 &&
	       LKRG_KNOB_NAMES_BLOCK == 2 && LKRG_KNOB_NAMES_VALIDATE == 3 &&
	       LKRG_KNOB_NAMES_PINT == 4 && LKRG_KNOB_NAMES_PCFI == 5 &&
	       LKRG_KNOB_NAMES_UMH == 6, "knob.names values");
_Static_assert(LKRG_PINT_OFF == 0 && LKRG_PINT_CURRENT == 1 &&
	       LKRG_PINT_PARANOID == 2 && LKRG_PCFI_OFF == 0 &&
	       LKRG_PCFI_SP == 1 && LKRG_PCFI_FULL == 2 && LKRG_UMH_OFF == 0 &&
	       LKRG_UMH_ALLOWLIST == 1 && LKRG_UMH_BLOCK_ALL == 2,
	       "pint/pcfi/umh levels");
_Static_assert(LKRG_VALIDATE_OFF == 0 && LKRG_VALIDATE_MANUAL == 1 &&
	       LKRG_VALIDATE_PERIODIC == 2 && LKRG_VALIDATE_RANDOM == 3,
	       "kint_validate levels");
_Static_assert(LKRG_EV_DETAIL_RECORD_SIZE % 8 == 0, "detail record len");
_Static_assert(LKRG_EV_LOST_RECORD_SIZE % 8 == 0, "lost record len");

START_TEST(sizes)
{
	ck_assert_uint_eq(sizeof(struct lkrg_hello), 96);
	ck_assert_uint_eq(sizeof(struct lkrg_check), 96);
	ck_assert_uint_eq(sizeof(struct lkrg_rebaseline), 56);
	ck_assert_uint_eq(sizeof(struct lkrg_block_modules), 40);
	ck_assert_uint_eq(sizeof(struct lkrg_status), 200);
	ck_assert_uint_eq(sizeof(struct lkrg_knob), 168);
	ck_assert_uint_eq(sizeof(struct lkrg_policy_get), 64);
	ck_assert_uint_eq(sizeof(struct lkrg_policy_set), 96);
	ck_assert_uint_eq(sizeof(struct lkrg_stats), 56);
	ck_assert_uint_eq(sizeof(struct lkrg_stats_row), 96);
	ck_assert_uint_eq(sizeof(struct lkrg_hook_row), 112);
	ck_assert_uint_eq(sizeof(struct lkrg_umh_edit), 312);
	ck_assert_uint_eq(sizeof(struct lkrg_umh_entry), 272);
	ck_assert_uint_eq(sizeof(struct lkrg_umh_list), 64);
	ck_assert_uint_eq(sizeof(struct lkrg_hook_allow_edit), 120);
	ck_assert_uint_eq(sizeof(struct lkrg_hook_allow_entry), 80);
	ck_assert_uint_eq(sizeof(struct lkrg_hook_allow_list), 64);
	ck_assert_uint_eq(sizeof(struct lkrg_event_hdr), 40);
	ck_assert_uint_eq(sizeof(struct lkrg_event_detail), 488);
	ck_assert_uint_eq(sizeof(struct lkrg_event_lost), 24);
	ck_assert_uint_eq(LKRG_EV_DETAIL_RECORD_SIZE, 528);
	ck_assert_uint_eq(LKRG_EV_LOST_RECORD_SIZE, 64);
}
END_TEST

struct ioc {
	unsigned long req;
	unsigned int nr;
	unsigned int dir;
	unsigned int size;
};

START_TEST(ioctl_numbers)
{
	static const struct ioc t[] = {
		{ LKRG_IOC_API_VERSION, 0x00, _IOC_NONE, 0 },
		{ LKRG_IOC_HELLO, 0x01, _IOC_READ | _IOC_WRITE, 96 },
		{ LKRG_IOC_FORCE_RUN, 0x02, _IOC_READ | _IOC_WRITE, 96 },
		{ LKRG_IOC_REBASELINE, 0x03, _IOC_READ | _IOC_WRITE, 56 },
		{ LKRG_IOC_BLOCK_MODULES_GET, 0x04, _IOC_READ | _IOC_WRITE, 40 },
		{ LKRG_IOC_BLOCK_MODULES_SET, 0x05, _IOC_READ | _IOC_WRITE, 40 },
		{ LKRG_IOC_GET_STATUS, 0x06, _IOC_READ | _IOC_WRITE, 200 },
		{ LKRG_IOC_SHUTDOWN, 0x07, _IOC_NONE, 0 },
		{ LKRG_IOC_POLICY_GET, 0x10, _IOC_READ | _IOC_WRITE, 64 },
		{ LKRG_IOC_POLICY_SET, 0x11, _IOC_READ | _IOC_WRITE, 96 },
		{ LKRG_IOC_UMH_ADD, 0x12, _IOC_READ | _IOC_WRITE, 312 },
		{ LKRG_IOC_UMH_DEL, 0x13, _IOC_READ | _IOC_WRITE, 312 },
		{ LKRG_IOC_UMH_LIST, 0x14, _IOC_READ | _IOC_WRITE, 64 },
		{ LKRG_IOC_HOOK_ALLOW, 0x15, _IOC_READ | _IOC_WRITE, 120 },
		{ LKRG_IOC_HOOK_DENY, 0x16, _IOC_READ | _IOC_WRITE, 120 },
		{ LKRG_IOC_HOOK_ALLOW_LIST, 0x17, _IOC_READ | _IOC_WRITE, 64 },
		{ LKRG_IOC_STATS, 0x20, _IOC_READ | _IOC_WRITE, 56 },
		{ LKRG_IOC_HOOKS, 0x21, _IOC_READ | _IOC_WRITE, 56 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_uint_eq(_IOC_TYPE(t[i].req), LKRG_IOC_MAGIC);
		ck_assert_uint_eq(_IOC_TYPE(t[i].req), 0xD7);
		ck_assert_uint_eq(_IOC_NR(t[i].req), t[i].nr);
		ck_assert_uint_eq(_IOC_DIR(t[i].req), t[i].dir);
		ck_assert_uint_eq(_IOC_SIZE(t[i].req), t[i].size);
		ck_assert_uint_le(_IOC_NR(t[i].req), LKRG_IOC_NR_MAX);
	}
}
END_TEST

START_TEST(constants)
{
	ck_assert_int_eq(LKRG_API_VERSION, 1);
	ck_assert_int_eq(LKRG_SCHEMA_VERSION, 1);
	ck_assert_str_eq(LKRG_DEVICE_PATH, "/dev/lkrg");
	ck_assert_uint_eq(LKRG_SCOPE_ALL, 31);
	ck_assert_uint_eq(LKRG_SCOPE_MODULES, 16);
	ck_assert_uint_eq(LKRG_SCOPE_CPU, 8);
	ck_assert_uint_eq(LKRG_TRIGGER_CPU, 5);
	ck_assert_uint_eq(LKRG_BLOCK_LOCK, 2);
	ck_assert_uint_eq(LKRG_ENFORCE_PANIC, 4);
	ck_assert_uint_eq(LKRG_ENFORCE_DENY, 5);
	ck_assert_uint_eq(LKRG_ACT_DENIED, 8);
	ck_assert_uint_eq(LKRG_OBJ_TASK_SHADOW, 19);
	ck_assert_uint_eq(LKRG_UMH_MAX, 64);
	ck_assert_uint_eq(LKRG_UMH_PATH_LEN, 256);
	ck_assert_uint_eq(LKRG_FEAT_PINT, 1 << 8);
	ck_assert_uint_eq(LKRG_FEAT_PCFI, 1 << 9);
	ck_assert_uint_eq(LKRG_FEAT_UMH, 1 << 10);
}
END_TEST

Suite *layout_suite(void)
{
	Suite *s = suite_create("abi/layout");
	TCase *tc = tcase_create("layout");

	tcase_add_test(tc, sizes);
	tcase_add_test(tc, ioctl_numbers);
	tcase_add_test(tc, constants);
	suite_add_tcase(s, tc);
	return s;
}
