// SPDX-License-Identifier: GPL-2.0
/*
 * The pure rules of exploit detection: snapshot comparison (which fields,
 * in which order, pointers reported by inode), seccomp only tightening,
 * pCFI's "a call ends here" decoder, and the system calls allowed to
 * commit creds or switch namespaces.
 */
#include "tests.h"
#include "task_snap.h"
#include "call_site.h"
#include "legit_syscalls.h"
#include "abi_check.h"

static struct lkrg_cred_snap user_creds(void)
{
	struct lkrg_cred_snap c;

	memset(&c, 0, sizeof(c));
	c.uid = c.euid = c.suid = c.fsuid = 65534;
	c.gid = c.egid = c.sgid = c.fsgid = 65534;
	c.cap_bset = 0x1ffffffffffULL;
	c.user_ns = 0xffff888000001000ULL;
	c.user_ns_inum = 4026531837U;
	c.group_info = 0xffff888000002000ULL;
	return c;
}

START_TEST(cred_same_is_clean)
{
	struct lkrg_cred_snap a = user_creds(), b = user_creds();
	struct lkrg_snap_diff d[4];

	ck_assert_uint_eq(lkrg_cred_diff(&a, &b, d, 4), 0);
}
END_TEST

START_TEST(cred_root_forged)
{
	struct lkrg_cred_snap e = user_creds(), a = user_creds();
	struct lkrg_snap_diff d[4];

	a.uid = a.euid = a.suid = a.fsuid = 0;
	a.gid = a.egid = a.sgid = a.fsgid = 0;
	a.cap_effective = ~0ULL;
	/* 9 fields differ; the first four are reported, uid first. */
	ck_assert_uint_eq(lkrg_cred_diff(&e, &a, d, 4), 9);
	ck_assert_str_eq(d[0].field, "uid");
	ck_assert_uint_eq(d[0].expected, 65534);
	ck_assert_uint_eq(d[0].actual, 0);
	ck_assert_str_eq(d[1].field, "euid");
	ck_assert_str_eq(d[3].field, "fsuid");
}
END_TEST

START_TEST(cred_caps_and_securebits)
{
	struct lkrg_cred_snap e = user_creds(), a = user_creds();
	struct lkrg_snap_diff d[4];

	a.cap_permitted = 1ULL << 21;
	a.securebits = 0x2f;
	ck_assert_uint_eq(lkrg_cred_diff(&e, &a, d, 4), 2);
	ck_assert_str_eq(d[0].field, "cap_permitted");
	ck_assert_uint_eq(d[0].actual, 1ULL << 21);
	ck_assert_str_eq(d[1].field, "securebits");
}
END_TEST

START_TEST(cred_pointers_by_inode)
{
	struct lkrg_cred_snap e = user_creds(), a = user_creds();
	struct lkrg_snap_diff d[4];

	a.user_ns = 0xffff888000009000ULL;
	a.user_ns_inum = 4026532000U;
	a.group_info = 0xffff888000003000ULL;
	ck_assert_uint_eq(lkrg_cred_diff(&e, &a, d, 4), 2);
	ck_assert_str_eq(d[0].field, "user_ns");
	ck_assert_uint_eq(d[0].expected, 4026531837U);
	ck_assert_uint_eq(d[0].actual, 4026532000U);
	ck_assert_str_eq(d[1].field, "group_info");
	/* No address ever leaves in a value. */
	ck_assert_uint_lt(d[1].expected, 16);
	ck_assert_uint_lt(d[1].actual, 16);
}
END_TEST

START_TEST(cred_max_zero_counts_only)
{
	struct lkrg_cred_snap e = user_creds(), a = user_creds();

	a.uid = 0;
	ck_assert_uint_eq(lkrg_cred_diff(&e, &a, NULL, 0), 1);
}
END_TEST

static struct lkrg_ns_snap some_ns(void)
{
	struct lkrg_ns_snap n;
	int i;

	memset(&n, 0, sizeof(n));
	n.nsproxy = 0xffff888000100000ULL;
	for (i = 0; i < LKRG_NS_COUNT; i++) {
		n.ns[i] = 0xffff888000200000ULL + 0x1000 * i;
		n.inum[i] = 4026531830U + i;
	}
	return n;
}

START_TEST(ns_switched_to_init)
{
	struct lkrg_ns_snap e = some_ns(), a = some_ns();
	struct lkrg_snap_diff d[4];

	a.nsproxy = 0xffffffff82000000ULL;
	a.ns[LKRG_NS_MNT] = 0xffff888000900000ULL;
	a.inum[LKRG_NS_MNT] = 4026531840U;
	ck_assert_uint_eq(lkrg_ns_diff(&e, &a, d, 4), 1);
	ck_assert_str_eq(d[0].field, "mnt_ns");
	ck_assert_uint_eq(d[0].expected, 4026531832U);
	ck_assert_uint_eq(d[0].actual, 4026531840U);
}
END_TEST

START_TEST(ns_proxy_only)
{
	struct lkrg_ns_snap e = some_ns(), a = some_ns();
	struct lkrg_snap_diff d[4];

	a.nsproxy++;
	ck_assert_uint_eq(lkrg_ns_diff(&e, &a, d, 4), 1);
	ck_assert_str_eq(d[0].field, "nsproxy");
	ck_assert_uint_eq(lkrg_ns_diff(&e, &e, d, 4), 0);
}
END_TEST

#define MS	(1000ULL * 1000)

START_TEST(transition_held_to_prev)
{
	const __u64 now = 5000 * MS, old = 0x1000, new = 0x2000;
	bool over;

	/* Another CPU sees the old pointer while the store is pending. */
	ck_assert(lkrg_held_to_prev(true, false, now - 49 * MS, now, old, new,
				    old, &over));
	ck_assert(!over);
	/* The task waited for a CPU: wall time does not count, CPU does. */
	ck_assert(lkrg_held_to_prev(true, false, now, now, old, new, old,
				    &over));
	ck_assert(!lkrg_held_to_prev(true, false, now - 50 * MS, now, old,
				     new, old, &over));
	ck_assert(over);
	/* Never at the task's own hooks: they come after the store. */
	ck_assert(!lkrg_held_to_prev(true, true, now, now, old, new, old,
				     &over));
	ck_assert(over);
	/* Stored: over. Neither pointer: held to the new state. */
	ck_assert(!lkrg_held_to_prev(true, false, now, now, new, new, old,
				     &over));
	ck_assert(over);
	ck_assert(!lkrg_held_to_prev(true, false, now, now, 0x3000, new, old,
				     &over));
	ck_assert(over);
	/* Nothing pending: the new state, always. */
	ck_assert(!lkrg_held_to_prev(false, false, now, now, old, new, old,
				     &over));
	ck_assert(over);
}
END_TEST

START_TEST(child_creds_expected)
{
	struct lkrg_cred_snap src = user_creds(), out, a;
	const __u64 full = 0x1ffffffffffULL;

	src.cap_inheritable = 1;
	src.securebits = 0x2f;
	lkrg_cred_expect_child(&src, false, 0x42, 7, full, &out);
	ck_assert_uint_eq(lkrg_cred_diff(&src, &out, NULL, 0), 0);
	/* clone(CLONE_NEWUSER): same ids, full caps in the new namespace */
	lkrg_cred_expect_child(&src, true, 0xffff888000004000ULL, 4026532100U,
			       full, &out);
	ck_assert_uint_eq(out.uid, 65534);
	ck_assert_uint_eq(out.group_info, src.group_info);
	ck_assert_uint_eq(out.user_ns, 0xffff888000004000ULL);
	ck_assert_uint_eq(out.user_ns_inum, 4026532100U);
	ck_assert_uint_eq(out.cap_effective, full);
	ck_assert_uint_eq(out.cap_permitted, full);
	ck_assert_uint_eq(out.cap_bset, full);
	ck_assert_uint_eq(out.cap_inheritable, 0);
	ck_assert_uint_eq(out.cap_ambient, 0);
	ck_assert_uint_eq(out.securebits, 0);
	/* a forged root copy differs from either */
	a = out;
	a.uid = a.euid = 0;
	ck_assert_uint_eq(lkrg_cred_diff(&out, &a, NULL, 0), 2);
}
END_TEST

START_TEST(child_ns_inherited)
{
	struct lkrg_ns_snap src = some_ns(), c = some_ns();
	struct lkrg_snap_diff d[4];

	/* its own nsproxy with the same namespaces: handed down */
	c.nsproxy = 0xffff888000500000ULL;
	ck_assert_uint_eq(lkrg_ns_diff_inherited(&src, &c, 0, d, 4), 0);
	/* clone(CLONE_NEWNS): a new mount namespace, allowed when new */
	c.ns[LKRG_NS_MNT] = 0xffff888000600000ULL;
	c.inum[LKRG_NS_MNT] = 4026532200U;
	ck_assert_uint_eq(lkrg_ns_diff_inherited(&src, &c, 0, d, 4), 1);
	ck_assert_str_eq(d[0].field, "mnt_ns");
	ck_assert_uint_eq(d[0].expected, 4026531832U);
	ck_assert_uint_eq(d[0].actual, 4026532200U);
	ck_assert_uint_eq(lkrg_ns_diff_inherited(&src, &c,
						 1U << LKRG_NS_MNT, d, 4), 0);
	/* the time namespace the parent set for its children */
	c = some_ns();
	c.ns[LKRG_NS_TIME] = src.ns[LKRG_NS_TIME_CHILDREN];
	c.inum[LKRG_NS_TIME] = src.inum[LKRG_NS_TIME_CHILDREN];
	ck_assert_uint_eq(lkrg_ns_diff_inherited(&src, &c, 0, d, 4), 0);
	/* init's namespaces in place of the parent's: all reported */
	c = some_ns();
	c.ns[LKRG_NS_NET] = 0xffffffff83000000ULL;
	c.ns[LKRG_NS_CGROUP] = 0xffffffff83001000ULL;
	ck_assert_uint_eq(lkrg_ns_diff_inherited(&src, &c,
						 1U << LKRG_NS_MNT, d, 4), 2);
	ck_assert_str_eq(d[0].field, "net_ns");
	ck_assert_str_eq(d[1].field, "cgroup_ns");
}
END_TEST

static struct lkrg_seccomp_snap sec(__u32 mode, __u64 filter, __u32 work)
{
	struct lkrg_seccomp_snap s = { mode, work, filter };

	return s;
}

START_TEST(seccomp_rules)
{
	struct lkrg_seccomp_snap off = sec(0, 0, 0);
	struct lkrg_seccomp_snap f1 = sec(2, 0x1000, 1), f2 = sec(2, 0x2000, 1);
	struct lkrg_seccomp_snap strict = sec(1, 0, 1), dead = sec(3, 0x1000, 1);

	ck_assert(lkrg_seccomp_tightened(&off, &f1));
	ck_assert(lkrg_seccomp_tightened(&off, &strict));
	ck_assert(lkrg_seccomp_tightened(&f1, &f2));	/* stacked filter */
	ck_assert(lkrg_seccomp_tightened(&f1, &dead));
	ck_assert(!lkrg_seccomp_tightened(&f1, &off));	/* cleared */
	ck_assert(!lkrg_seccomp_tightened(&strict, &off));
	ck_assert(!lkrg_seccomp_tightened(&f1, &strict));
	/* mode kept, flag cleared: syscalls no longer filtered */
	ck_assert(!lkrg_seccomp_tightened(&f1, &(struct lkrg_seccomp_snap){
		2, 0, 0x1000 }));
	ck_assert(!lkrg_seccomp_consistent(&(struct lkrg_seccomp_snap){
		2, 1, 0 }));
	ck_assert(!lkrg_seccomp_consistent(&(struct lkrg_seccomp_snap){
		0, 0, 0x1000 }));
	ck_assert(!lkrg_seccomp_consistent(&(struct lkrg_seccomp_snap){
		7, 1, 0 }));
}
END_TEST

/* Being switched on, the flag not set yet: neither followed nor flagged. */
START_TEST(seccomp_unarmed_window)
{
	struct lkrg_seccomp_snap off = sec(0, 0, 0), f1 = sec(2, 0x1000, 1);
	struct lkrg_seccomp_snap f1_unset = sec(2, 0x1000, 0);
	struct lkrg_seccomp_snap strict = sec(1, 0, 1), strict_unset = sec(1, 0, 0);
	struct lkrg_seccomp_snap filter_only = sec(0, 0x1000, 0);
	struct lkrg_seccomp_snap off_flag = sec(0, 0, 1), dead = sec(3, 0x1000, 0);

	/* seccomp_assign_mode(): filter and mode stored, then the flag */
	ck_assert(lkrg_seccomp_unarmed(&off, &f1_unset));
	ck_assert(!lkrg_seccomp_tightened(&off, &f1_unset));
	ck_assert(lkrg_seccomp_unarmed(&off, &strict_unset));
	/* a TSYNC from a sibling: the filter published before the mode */
	ck_assert(lkrg_seccomp_unarmed(&off, &filter_only));
	/* armed: a tightening, followed; not this rule's */
	ck_assert(!lkrg_seccomp_unarmed(&off, &f1));
	/* an armed task whose flag is cleared escapes its filter */
	ck_assert(!lkrg_seccomp_unarmed(&f1, &f1_unset));
	ck_assert(!lkrg_seccomp_unarmed(&strict, &strict_unset));
	/* a record that says armed is never "being switched on" */
	ck_assert(!lkrg_seccomp_unarmed(&off_flag, &f1_unset));
	ck_assert(!lkrg_seccomp_unarmed(&off, &dead));
}
END_TEST

START_TEST(seccomp_diff_fields)
{
	struct lkrg_seccomp_snap e = sec(2, 0x1000, 1), a = sec(0, 0, 0);
	struct lkrg_snap_diff d[4];

	ck_assert_uint_eq(lkrg_seccomp_diff(&e, &a, d, 4), 3);
	ck_assert_str_eq(d[0].field, "mode");
	ck_assert_uint_eq(d[0].expected, 2);
	ck_assert_uint_eq(d[0].actual, 0);
	ck_assert_str_eq(d[1].field, "filter");
	ck_assert_str_eq(d[2].field, "syscall_work");
	a = sec(2, 0x3000, 1);
	ck_assert_uint_eq(lkrg_seccomp_diff(&e, &a, d, 4), 1);
	ck_assert_str_eq(d[0].field, "filter_replaced");
}
END_TEST

/* Puts @tail at the end of an 8-byte window padded with 0xcc. */
static int precedes(const __u8 *tail, size_t n)
{
	__u8 b[LKRG_CALL_LOOKBACK];

	memset(b, 0xcc, sizeof(b));
	memcpy(b + sizeof(b) - n, tail, n);
	return lkrg_call_precedes(b);
}

START_TEST(call_forms)
{
	static const __u8 e8[] = { 0xe8, 1, 2, 3, 4 };
	static const __u8 reg[] = { 0xff, 0xd0 };		/* call *%rax */
	static const __u8 rex_reg[] = { 0x41, 0xff, 0xd3 };	/* *%r11 */
	static const __u8 mem[] = { 0xff, 0x10 };		/* *(%rax) */
	static const __u8 disp8[] = { 0xff, 0x50, 0x08 };	/* *8(%rax) */
	static const __u8 rip[] = { 0xff, 0x15, 1, 2, 3, 4 };	/* *x(%rip) */
	static const __u8 sib32[] = { 0xff, 0x94, 0xc1, 1, 2, 3, 4 };
	static const __u8 sib8[] = { 0xff, 0x54, 0x24, 0x08 };

	ck_assert(precedes(e8, sizeof(e8)));
	ck_assert(precedes(reg, sizeof(reg)));
	ck_assert(precedes(rex_reg, sizeof(rex_reg)));
	ck_assert(precedes(mem, sizeof(mem)));
	ck_assert(precedes(disp8, sizeof(disp8)));
	ck_assert(precedes(rip, sizeof(rip)));
	ck_assert(precedes(sib32, sizeof(sib32)));
	ck_assert(precedes(sib8, sizeof(sib8)));
}
END_TEST

START_TEST(not_after_call)
{
	static const __u8 nops[] = { 0x90, 0x90, 0x90, 0x90, 0x90 };
	static const __u8 jmp_reg[] = { 0xff, 0xe0 };	/* jmp *%rax: /4 */
	static const __u8 push[] = { 0xff, 0x30 };	/* push (%rax): /6 */
	static const __u8 pop_ret[] = { 0x5d, 0xc3 };
	static const __u8 short_disp[] = { 0xff, 0x90, 1, 2 };	/* cut */

	ck_assert(!precedes(nops, sizeof(nops)));
	ck_assert(!precedes(jmp_reg, sizeof(jmp_reg)));
	ck_assert(!precedes(push, sizeof(push)));
	ck_assert(!precedes(pop_ret, sizeof(pop_ret)));
	ck_assert(!precedes(short_disp, sizeof(short_disp)));
}
END_TEST

START_TEST(direct_call_target)
{
	/* call +0x100 from the call at 0x1000: returns to 0x1005 */
	static const __u8 c[] = { 0xe8, 0x00, 0x01, 0x00, 0x00 };
	static const __u8 back[] = { 0xe8, 0xfb, 0xef, 0xff, 0xff };

	ck_assert(lkrg_direct_call_to(c, 0x1005, 0x1105));
	ck_assert(!lkrg_direct_call_to(c, 0x1005, 0x1106));
	ck_assert(lkrg_direct_call_to(back, 0x1005, 0x1005 - 0x1005));
	ck_assert(!lkrg_direct_call_to((const __u8[]){ 0xe9, 0, 1, 0, 0 },
				       0x1005, 0x1105));
}
END_TEST

START_TEST(legit_syscall_tables)
{
	/* x86-64: setresuid, capset, prctl, unshare, setns, execve no */
	ck_assert(lkrg_cred_syscall(false, 117));
	ck_assert(lkrg_cred_syscall(false, 126));
	ck_assert(lkrg_cred_syscall(false, 157));
	ck_assert(lkrg_cred_syscall(false, 250));
	ck_assert(!lkrg_cred_syscall(false, 16));	/* ioctl */
	ck_assert(!lkrg_cred_syscall(false, 1));	/* write */
	ck_assert(!lkrg_cred_syscall(false, -1));
	/* ia32: setresuid32 208, but 117 is ipc there */
	ck_assert(lkrg_cred_syscall(true, 208));
	ck_assert(!lkrg_cred_syscall(true, 117));
	ck_assert(lkrg_ns_syscall(false, 272));
	ck_assert(lkrg_ns_syscall(false, 308));
	ck_assert(!lkrg_ns_syscall(false, 117));
	ck_assert(lkrg_ns_syscall(true, 346));
	ck_assert(!lkrg_ns_syscall(true, 308));
}
END_TEST

START_TEST(umh_edit_checks)
{
	struct lkrg_umh_edit e;

	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	strcpy((char *)e.path, "/sbin/modprobe");
	ck_assert_int_eq(lkrg_check_umh_edit(&e), 0);
	strcpy((char *)e.path, "sbin/modprobe");
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	strcpy((char *)e.path, "/");
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	memset(e.path, 0, sizeof(e.path));
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	memset(e.path, 'a', sizeof(e.path));
	e.path[0] = '/';
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);	/* no NUL */
	e.path[sizeof(e.path) - 1] = 0;
	ck_assert_int_eq(lkrg_check_umh_edit(&e), 0);		/* 255 */
	e.flags = 1;
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	e.flags = 0;
	e.reserved0 = 1;
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
	e.reserved0 = 0;
	e.reserved[3] = 1;
	ck_assert_int_eq(lkrg_check_umh_edit(&e), -EINVAL);
}
END_TEST

START_TEST(umh_list_and_hooks_checks)
{
	struct lkrg_umh_list l;
	struct lkrg_stats h;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	ck_assert_int_eq(lkrg_check_umh_list(&l), 0);	/* count 0 asks */
	l.count = 4;
	l.entry_size = LKRG_UMH_ENTRY_SIZE_VER0 - 8;
	ck_assert_int_eq(lkrg_check_umh_list(&l), -EINVAL);
	l.entry_size = LKRG_UMH_ENTRY_SIZE_VER0;
	ck_assert_int_eq(lkrg_check_umh_list(&l), 0);
	l.reserved[0] = 1;
	ck_assert_int_eq(lkrg_check_umh_list(&l), -EINVAL);
	memset(&h, 0, sizeof(h));
	h.size = sizeof(h);
	h.count = 1;
	h.row_size = LKRG_STATS_ROW_SIZE_VER0;	/* 96 < a hook row */
	ck_assert_int_eq(lkrg_check_hooks(&h), -EINVAL);
	h.row_size = LKRG_HOOK_ROW_SIZE_VER0;
	ck_assert_int_eq(lkrg_check_hooks(&h), 0);
	h.flags = 2;
	ck_assert_int_eq(lkrg_check_hooks(&h), -EINVAL);
}
END_TEST

Suite *pint_core_suite(void)
{
	Suite *s = suite_create("pint_core");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, cred_same_is_clean);
	tcase_add_test(tc, cred_root_forged);
	tcase_add_test(tc, cred_caps_and_securebits);
	tcase_add_test(tc, cred_pointers_by_inode);
	tcase_add_test(tc, cred_max_zero_counts_only);
	tcase_add_test(tc, ns_switched_to_init);
	tcase_add_test(tc, ns_proxy_only);
	tcase_add_test(tc, transition_held_to_prev);
	tcase_add_test(tc, child_creds_expected);
	tcase_add_test(tc, child_ns_inherited);
	tcase_add_test(tc, seccomp_rules);
	tcase_add_test(tc, seccomp_unarmed_window);
	tcase_add_test(tc, seccomp_diff_fields);
	tcase_add_test(tc, call_forms);
	tcase_add_test(tc, not_after_call);
	tcase_add_test(tc, direct_call_target);
	tcase_add_test(tc, legit_syscall_tables);
	tcase_add_test(tc, umh_edit_checks);
	tcase_add_test(tc, umh_list_and_hooks_checks);
	suite_add_tcase(s, tc);
	return s;
}
