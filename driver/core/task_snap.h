/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What clkrg remembers of a task (its shadow) and how two snapshots are
 * compared. Pure: the module fills snapshots from task_struct; the host
 * unit tests exercise the comparison rules.
 */
#ifndef CLKRG_TASK_SNAP_H
#define CLKRG_TASK_SNAP_H

#include "core_compat.h"

/* Namespaces of a task's nsproxy, in this order. */
enum lkrg_snap_ns {
	LKRG_NS_UTS, LKRG_NS_IPC, LKRG_NS_MNT, LKRG_NS_PID_CHILDREN,
	LKRG_NS_NET, LKRG_NS_TIME, LKRG_NS_TIME_CHILDREN, LKRG_NS_CGROUP,
	LKRG_NS_COUNT
};

/* Seccomp modes as the kernel numbers them. */
#define LKRG_SECCOMP_DISABLED	0
#define LKRG_SECCOMP_STRICT	1
#define LKRG_SECCOMP_FILTER	2
#define LKRG_SECCOMP_DEAD	3

struct lkrg_cred_snap {
	__u32 uid, gid, suid, sgid, euid, egid, fsuid, fsgid;
	__u32 securebits;
	__u32 user_ns_inum;	/* for reports; user_ns is what is compared */
	__u64 cap_inheritable, cap_permitted, cap_effective, cap_bset;
	__u64 cap_ambient;
	__u64 user_ns;		/* pointers, compared as numbers */
	__u64 group_info;
};

struct lkrg_ns_snap {
	__u64 nsproxy;
	__u64 ns[LKRG_NS_COUNT];
	__u32 inum[LKRG_NS_COUNT];	/* for reports */
};

struct lkrg_seccomp_snap {
	__u32 mode;
	__u32 work;		/* SYSCALL_WORK_SECCOMP set */
	__u64 filter;
};

/* One differing field, named as in events. */
struct lkrg_snap_diff {
	const char *field;
	__u64 expected;
	__u64 actual;
};

/*
 * Fills up to @max differences of @actual from @expected into @out;
 * returns how many fields differ in all (may exceed @max).
 */
unsigned int lkrg_cred_diff(const struct lkrg_cred_snap *expected,
			    const struct lkrg_cred_snap *actual,
			    struct lkrg_snap_diff *out, unsigned int max);
unsigned int lkrg_ns_diff(const struct lkrg_ns_snap *expected,
			  const struct lkrg_ns_snap *actual,
			  struct lkrg_snap_diff *out, unsigned int max);
unsigned int lkrg_seccomp_diff(const struct lkrg_seccomp_snap *expected,
			       const struct lkrg_seccomp_snap *actual,
			       struct lkrg_snap_diff *out, unsigned int max);

/*
 * Seccomp only ever tightens: off -> strict or filter, a filter stacked on
 * the old one, or DEAD while a killed task dies. Returns true when @actual
 * can follow @expected without an exploit; the shadow then moves on.
 */
bool lkrg_seccomp_tightened(const struct lkrg_seccomp_snap *expected,
			    const struct lkrg_seccomp_snap *actual);

/* The flag must be set whenever a mode is in force. */
bool lkrg_seccomp_consistent(const struct lkrg_seccomp_snap *s);

#endif
