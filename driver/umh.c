// SPDX-License-Identifier: GPL-2.0
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "events.h"
#include "policy.h"
#include "umh.h"

/* LKRG's list of helpers a distribution kernel starts. */
static const char * const defaults[] = {
	"/sbin/modprobe", "/usr/sbin/modprobe", "/usr/bin/modprobe",
	"/sbin/hotplug", "/sbin/request-key", "/usr/sbin/request-key",
	"/sbin/poweroff", "/sbin/reboot", "/sbin/bridge-stp",
	"/sbin/critical_overtemp", "/sbin/drbdadm", "/sbin/ocfs2_hb_ctl",
	"/sbin/pnpbios", "/sbin/tomoyo-init", "/sbin/v86d",
	"/lib/systemd/systemd-coredump", "/usr/lib/systemd/systemd-coredump",
	"/lib/systemd/systemd-cgroups-agent",
	"/usr/lib/systemd/systemd-cgroups-agent",
	"/usr/libexec/abrt-hook-ccpp", "/usr/share/apport/apport",
	"/lib/rc/sh/cgroup-release-agent.sh", "/bin/true", "/bin/false",
	"/etc/acpi/events/RadioPower.sh",
	"/etc/acpi/wireless-rtl-ac-dc-power.sh",
};

/* Replaced whole on every edit, so readers need only RCU. */
struct umh_list {
	struct rcu_head rcu;
	u32 n;
	u64 generation;
	char path[LKRG_UMH_MAX][LKRG_UMH_PATH_LEN];
	atomic64_t allowed[LKRG_UMH_MAX];
};

static struct umh_list __rcu *list;
static DEFINE_MUTEX(edit_lock);
static atomic64_t refused;

static int find(const struct umh_list *l, const char *path)
{
	u32 i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->path[i], path))
			return i;
	return -1;
}

static void report(const char *path, u16 act)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_CAT_TASK,
			 LKRG_OBJ_UMH, act, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), path);
	clkrg_ev_emit(&r);
	clkrg_note_hook_violation();
}

enum clkrg_verdict clkrg_umh_exec(const char *path)
{
	s64 level = clkrg_policy(KNOB_UMH_VALIDATE);
	const struct umh_list *l;
	s64 enforce;
	int i = -1;

	if (level == LKRG_UMH_OFF)
		return CLKRG_ALLOW;
	if (level == LKRG_UMH_ALLOWLIST) {
		rcu_read_lock();
		l = rcu_dereference(list);
		i = find(l, path);
		if (i >= 0)
			atomic64_inc((atomic64_t *)&l->allowed[i]);
		rcu_read_unlock();
		if (i >= 0)
			return CLKRG_ALLOW;
	}
	enforce = clkrg_policy(KNOB_UMH_ENFORCE);
	report(path, enforce == LKRG_ENFORCE_DENY ? LKRG_ACT_DENIED :
	       enforce == LKRG_ENFORCE_PANIC ? LKRG_ACT_PANIC :
	       LKRG_ACT_LOGGED);
	if (enforce == LKRG_ENFORCE_PANIC)
		panic("clkrg: usermode helper %s is not allowed", path);
	if (enforce != LKRG_ENFORCE_DENY)
		return CLKRG_ALLOW;
	atomic64_inc(&refused);
	return CLKRG_DENY;
}

static struct umh_list *copy_list(const struct umh_list *old)
{
	struct umh_list *l = kzalloc(sizeof(*l), GFP_KERNEL);
	u32 i;

	if (!l || !old)
		return l;
	l->n = old->n;
	l->generation = old->generation;
	memcpy(l->path, old->path, sizeof(l->path));
	for (i = 0; i < old->n; i++)
		atomic64_set(&l->allowed[i], atomic64_read(&old->allowed[i]));
	return l;
}

static void emit_edit(const char *what, const char *path, u32 count)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_CAT_GUARD,
			 LKRG_OBJ_UMH, LKRG_ACT_CHANGED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), path);
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location), what);
	r.d.count = count;
	clkrg_ev_emit(&r);
}

/* Applies one edit under edit_lock; @add or delete. */
static int edit(const char *path, bool add, u32 *count, u64 *generation)
{
	struct umh_list *old, *l;
	int i, ret = 0;

	mutex_lock(&edit_lock);
	old = rcu_dereference_protected(list, lockdep_is_held(&edit_lock));
	i = find(old, path);
	if (add && i >= 0)
		ret = -EEXIST;
	else if (add && old->n == LKRG_UMH_MAX)
		ret = -ENOSPC;
	else if (!add && i < 0)
		ret = -ENOENT;
	l = ret ? NULL : copy_list(old);
	if (!ret && !l)
		ret = -ENOMEM;
	if (ret) {
		mutex_unlock(&edit_lock);
		return ret;
	}
	if (add) {
		strscpy(l->path[l->n], path, LKRG_UMH_PATH_LEN);
		atomic64_set(&l->allowed[l->n], 0);
		l->n++;
	} else {
		/* Keep the order: admins read the list top to bottom. */
		for (; i + 1 < (int)l->n; i++) {
			memcpy(l->path[i], l->path[i + 1], LKRG_UMH_PATH_LEN);
			atomic64_set(&l->allowed[i],
				     atomic64_read(&l->allowed[i + 1]));
		}
		l->n--;
		memset(l->path[l->n], 0, LKRG_UMH_PATH_LEN);
	}
	l->generation++;
	*count = l->n;
	*generation = l->generation;
	rcu_assign_pointer(list, l);
	mutex_unlock(&edit_lock);
	kfree_rcu(old, rcu);
	emit_edit(add ? "added to the helper allow-list" :
		  "removed from the helper allow-list", path, *count);
	return 0;
}

int clkrg_umh_add(const char *path, u32 *count, u64 *generation)
{
	return edit(path, true, count, generation);
}

int clkrg_umh_del(const char *path, u32 *count, u64 *generation)
{
	return edit(path, false, count, generation);
}

u32 clkrg_umh_list(struct lkrg_umh_entry *out, u32 max, u64 *generation,
		   u64 *refused_out)
{
	const struct umh_list *l;
	u32 i, n;

	rcu_read_lock();
	l = rcu_dereference(list);
	n = l->n;
	for (i = 0; i < n && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		strscpy((char *)out[i].path, l->path[i], LKRG_UMH_PATH_LEN);
		out[i].allowed = atomic64_read(&l->allowed[i]);
	}
	*generation = l->generation;
	rcu_read_unlock();
	*refused_out = atomic64_read(&refused);
	return n;
}

int clkrg_umh_init(void)
{
	struct umh_list *l = kzalloc(sizeof(*l), GFP_KERNEL);
	unsigned int i;

	if (!l)
		return -ENOMEM;
	BUILD_BUG_ON(ARRAY_SIZE(defaults) > LKRG_UMH_MAX);
	for (i = 0; i < ARRAY_SIZE(defaults); i++)
		strscpy(l->path[i], defaults[i], LKRG_UMH_PATH_LEN);
	l->n = ARRAY_SIZE(defaults);
	l->generation = 1;
	RCU_INIT_POINTER(list, l);
	return 0;
}

void clkrg_umh_exit(void)
{
	kfree(rcu_dereference_protected(list, 1));
	RCU_INIT_POINTER(list, NULL);
}
