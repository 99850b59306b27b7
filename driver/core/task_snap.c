// SPDX-License-Identifier: GPL-2.0
#include "task_snap.h"

struct diff_acc {
	struct lkrg_snap_diff *out;
	unsigned int max, n;
};

static void note(struct diff_acc *a, const char *field, __u64 exp, __u64 act)
{
	if (exp == act)
		return;
	if (a->n < a->max) {
		a->out[a->n].field = field;
		a->out[a->n].expected = exp;
		a->out[a->n].actual = act;
	}
	a->n++;
}

unsigned int lkrg_cred_diff(const struct lkrg_cred_snap *e,
			    const struct lkrg_cred_snap *a,
			    struct lkrg_snap_diff *out, unsigned int max)
{
	struct diff_acc acc = { out, max, 0 };

	/* Identity first: what an exploit changes and a reader wants. */
	note(&acc, "uid", e->uid, a->uid);
	note(&acc, "euid", e->euid, a->euid);
	note(&acc, "suid", e->suid, a->suid);
	note(&acc, "fsuid", e->fsuid, a->fsuid);
	note(&acc, "gid", e->gid, a->gid);
	note(&acc, "egid", e->egid, a->egid);
	note(&acc, "sgid", e->sgid, a->sgid);
	note(&acc, "fsgid", e->fsgid, a->fsgid);
	note(&acc, "cap_effective", e->cap_effective, a->cap_effective);
	note(&acc, "cap_permitted", e->cap_permitted, a->cap_permitted);
	note(&acc, "cap_inheritable", e->cap_inheritable,
	     a->cap_inheritable);
	note(&acc, "cap_bset", e->cap_bset, a->cap_bset);
	note(&acc, "cap_ambient", e->cap_ambient, a->cap_ambient);
	note(&acc, "securebits", e->securebits, a->securebits);
	/* Pointers are reported by namespace inode, never by address. */
	if (e->user_ns != a->user_ns)
		note(&acc, "user_ns", e->user_ns_inum,
		     a->user_ns_inum == e->user_ns_inum ? 0 : a->user_ns_inum);
	if (e->group_info != a->group_info)
		note(&acc, "group_info", 1, 2);
	return acc.n;
}

static const char * const ns_field[LKRG_NS_COUNT] = {
	[LKRG_NS_UTS] = "uts_ns",
	[LKRG_NS_IPC] = "ipc_ns",
	[LKRG_NS_MNT] = "mnt_ns",
	[LKRG_NS_PID_CHILDREN] = "pid_ns_children",
	[LKRG_NS_NET] = "net_ns",
	[LKRG_NS_TIME] = "time_ns",
	[LKRG_NS_TIME_CHILDREN] = "time_ns_children",
	[LKRG_NS_CGROUP] = "cgroup_ns",
};

unsigned int lkrg_ns_diff(const struct lkrg_ns_snap *e,
			  const struct lkrg_ns_snap *a,
			  struct lkrg_snap_diff *out, unsigned int max)
{
	struct diff_acc acc = { out, max, 0 };
	unsigned int i;

	for (i = 0; i < LKRG_NS_COUNT; i++)
		if (e->ns[i] != a->ns[i])
			note(&acc, ns_field[i], e->inum[i],
			     a->inum[i] == e->inum[i] ? 0 : a->inum[i]);
	/* Same namespaces in another nsproxy: still not a legitimate path. */
	if (!acc.n && e->nsproxy != a->nsproxy)
		note(&acc, "nsproxy", 1, 2);
	return acc.n;
}

bool lkrg_held_to_prev(bool pending, bool self, __u64 since, __u64 now,
		       __u64 actual, __u64 expected, __u64 prev, bool *over)
{
	*over = true;
	if (!pending || actual == expected || self ||
	    now - since >= LKRG_TRANSITION_RUNTIME_NS)
		return false;
	if (actual != prev)
		return false;	/* neither: held to the new state */
	*over = false;
	return true;
}

unsigned int lkrg_ns_diff_inherited(const struct lkrg_ns_snap *src,
				    const struct lkrg_ns_snap *child,
				    __u32 may_be_new,
				    struct lkrg_snap_diff *out, unsigned int max)
{
	struct diff_acc acc = { out, max, 0 };
	unsigned int i;

	for (i = 0; i < LKRG_NS_COUNT; i++) {
		if (src->ns[i] == child->ns[i] || (may_be_new & (1U << i)))
			continue;
		if (i == LKRG_NS_TIME &&
		    child->ns[i] == src->ns[LKRG_NS_TIME_CHILDREN])
			continue;
		note(&acc, ns_field[i], src->inum[i],
		     child->inum[i] == src->inum[i] ? 0 : child->inum[i]);
	}
	return acc.n;
}

void lkrg_cred_expect_child(const struct lkrg_cred_snap *src, bool new_userns,
			    __u64 user_ns, __u32 user_ns_inum, __u64 full_caps,
			    struct lkrg_cred_snap *out)
{
	*out = *src;
	if (!new_userns)
		return;
	out->user_ns = user_ns;
	out->user_ns_inum = user_ns_inum;
	out->securebits = 0;
	out->cap_inheritable = 0;
	out->cap_ambient = 0;
	out->cap_permitted = full_caps;
	out->cap_effective = full_caps;
	out->cap_bset = full_caps;
}

unsigned int lkrg_seccomp_diff(const struct lkrg_seccomp_snap *e,
			       const struct lkrg_seccomp_snap *a,
			       struct lkrg_snap_diff *out, unsigned int max)
{
	struct diff_acc acc = { out, max, 0 };

	note(&acc, "mode", e->mode, a->mode);
	note(&acc, "filter", !!e->filter, !!a->filter);
	if (e->filter && a->filter && e->filter != a->filter)
		note(&acc, "filter_replaced", 0, 1);
	note(&acc, "syscall_work", e->work, a->work);
	return acc.n;
}

bool lkrg_seccomp_consistent(const struct lkrg_seccomp_snap *s)
{
	if (s->mode == LKRG_SECCOMP_DISABLED)
		return !s->filter;
	if (s->mode == LKRG_SECCOMP_STRICT || s->mode == LKRG_SECCOMP_FILTER)
		return s->work && (s->mode == LKRG_SECCOMP_STRICT || s->filter);
	return s->mode == LKRG_SECCOMP_DEAD;
}

bool lkrg_seccomp_unarmed(const struct lkrg_seccomp_snap *e,
			  const struct lkrg_seccomp_snap *a)
{
	return e->mode == LKRG_SECCOMP_DISABLED && !e->work && !a->work &&
	       a->mode != LKRG_SECCOMP_DEAD;
}

bool lkrg_seccomp_tightened(const struct lkrg_seccomp_snap *e,
			    const struct lkrg_seccomp_snap *a)
{
	if (!lkrg_seccomp_consistent(a))
		return false;
	if (a->mode == LKRG_SECCOMP_DEAD)
		return true;
	if (e->mode == LKRG_SECCOMP_DISABLED)
		return true;
	if (e->mode != a->mode)
		return false;
	/* Filters only stack: a new head is fine, dropping them is not. */
	return a->mode == LKRG_SECCOMP_STRICT || a->filter;
}
