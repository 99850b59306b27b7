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

/*
 * Seccomp being switched on, not armed yet: a task with none (@expected)
 * seen between the kernel's stores of the filter, the mode and the
 * syscall-work flag (seccomp_assign_mode(), a TSYNC from a sibling
 * thread). Without the flag no system call is filtered, so the state is
 * the harmless one the record holds: neither followed nor a violation,
 * until the flag is set and it is a tightening.
 */
bool lkrg_seccomp_unarmed(const struct lkrg_seccomp_snap *expected,
			  const struct lkrg_seccomp_snap *actual);

/*
 * A change is hooked before the kernel stores it (commit_creds,
 * switch_task_namespaces), so another CPU may see the old pointer for a
 * while. How long is measured in the task's own CPU time: while it waits
 * for a CPU it cannot finish the store, nor do anything else.
 */
#define LKRG_TRANSITION_RUNTIME_NS	(50ULL * 1000 * 1000)

/*
 * Whether a task whose record has a change pending (@pending: hooked at
 * CPU time @since, the task has @now) and that shows pointer @actual is
 * held to the state before the change (@prev) rather than the new one
 * (@expected). Only while it still shows @prev, only to another task
 * (not @self: the task's own hooks all come after the store) and only
 * for LKRG_TRANSITION_RUNTIME_NS of its CPU time. *@over is set when the
 * pending change needs no more tolerance.
 */
bool lkrg_held_to_prev(bool pending, bool self, __u64 since, __u64 now,
		       __u64 actual, __u64 expected, __u64 prev, bool *over);

/*
 * What a task copied from one whose creds are @src holds when nothing
 * changed since the copy: @src itself, or with @new_userns (the copy made
 * a user namespace, @user_ns, a child of @src's) what the kernel gives
 * there: the same ids and groups, full capabilities (@full_caps) in the
 * effective, permitted and bounding sets, none inherited or ambient, no
 * securebits.
 */
void lkrg_cred_expect_child(const struct lkrg_cred_snap *src, bool new_userns,
			    __u64 user_ns, __u32 user_ns_inum, __u64 full_caps,
			    struct lkrg_cred_snap *out);

/*
 * Namespaces of a task copied from one with @src: each is @src's, or the
 * time namespace @src set for its children, or (bit i of @may_be_new) one
 * the copy may have made. The nsproxy itself is not compared (a copy that
 * made a namespace has its own). Fills up to @max differences as
 * lkrg_ns_diff(); returns how many namespaces differ.
 */
unsigned int lkrg_ns_diff_inherited(const struct lkrg_ns_snap *src,
				    const struct lkrg_ns_snap *child,
				    __u32 may_be_new,
				    struct lkrg_snap_diff *out, unsigned int max);

#endif
