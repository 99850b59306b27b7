// SPDX-License-Identifier: GPL-2.0
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "core/knob_defs.h"
#include "events.h"
#include "policy.h"
#include "umh.h"
#include "vault.h"

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

/*
 * The allow-list is policy: it lives in a vault region, read-only but
 * while an edit (under edit_lock) has it open. Readers (the exec hook) go
 * by the sequence count, so an edit made in place is never read half
 * done. How often each entry let a helper run is plain counting.
 */
struct umh_list {
	u32 n;
	u64 generation;
	char path[LKRG_UMH_MAX][LKRG_UMH_PATH_LEN];
};

static struct umh_list *list __ro_after_init;
static seqcount_mutex_t list_seq;
static DEFINE_MUTEX(edit_lock);
static atomic64_t allowed[LKRG_UMH_MAX];
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
	unsigned int seq;
	s64 enforce;
	int i = -1;

	if (level == LKRG_UMH_OFF)
		return CLKRG_ALLOW;
	if (level == LKRG_UMH_ALLOWLIST) {
		do {
			seq = read_seqcount_begin(&list_seq);
			i = find(list, path);
		} while (read_seqcount_retry(&list_seq, seq));
		if (i >= 0) {
			atomic64_inc(&allowed[i]);
			return CLKRG_ALLOW;
		}
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

/* Applies one edit in place, with the list open, readers held off. */
static void apply(struct umh_list *l, const char *path, bool add, int i)
{
	if (add) {
		strscpy(l->path[l->n], path, LKRG_UMH_PATH_LEN);
		atomic64_set(&allowed[l->n], 0);
		l->n++;
	} else {
		/* Keep the order: admins read the list top to bottom. */
		for (; i + 1 < (int)l->n; i++) {
			memcpy(l->path[i], l->path[i + 1], LKRG_UMH_PATH_LEN);
			atomic64_set(&allowed[i], atomic64_read(&allowed[i + 1]));
		}
		l->n--;
		memset(l->path[l->n], 0, LKRG_UMH_PATH_LEN);
	}
	l->generation++;
}

/* One edit under edit_lock; @add or delete. */
static int edit(const char *path, bool add, u32 *count, u64 *generation)
{
	int i, ret = 0;

	mutex_lock(&edit_lock);
	i = find(list, path);
	if (add && i >= 0)
		ret = -EEXIST;
	else if (add && list->n == LKRG_UMH_MAX)
		ret = -ENOSPC;
	else if (!add && i < 0)
		ret = -ENOENT;
	if (ret) {
		mutex_unlock(&edit_lock);
		return ret;
	}
	clkrg_vault_open(list);
	write_seqcount_begin(&list_seq);
	apply(list, path, add, i);
	write_seqcount_end(&list_seq);
	clkrg_vault_close(list);
	*count = list->n;
	*generation = list->generation;
	mutex_unlock(&edit_lock);
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
	u32 i, n;

	/* One consistent copy: edits wait on the same lock. */
	mutex_lock(&edit_lock);
	n = list->n;
	for (i = 0; i < n && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		strscpy((char *)out[i].path, list->path[i], LKRG_UMH_PATH_LEN);
		out[i].allowed = atomic64_read(&allowed[i]);
	}
	*generation = list->generation;
	mutex_unlock(&edit_lock);
	*refused_out = atomic64_read(&refused);
	return n;
}

int clkrg_umh_check_allow(const char *const *paths, unsigned int n)
{
	unsigned int i, j;

	if (n > LKRG_UMH_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		int ret = lkrg_umh_path_check(paths[i]);

		for (j = 0; !ret && j < i; j++)
			if (!strcmp(paths[i], paths[j]))
				ret = -EEXIST;
		if (ret) {
			pr_err("clkrg: FAULT: parameter umh_allow entry %u '%s' is invalid (%s)\n",
			       i + 1, paths[i], ret == -EEXIST ? "listed twice" :
			       "not an absolute path of 2-255 bytes");
			return -EINVAL;
		}
	}
	return 0;
}

int clkrg_umh_init(const char *const *allow, unsigned int n)
{
	const char *const *paths = n ? allow : defaults;
	unsigned int i;
	int ret;

	BUILD_BUG_ON(ARRAY_SIZE(defaults) > LKRG_UMH_MAX);
	if (!n)
		n = ARRAY_SIZE(defaults);
	ret = clkrg_umh_check_allow(paths, n);
	if (ret)
		return ret;
	list = clkrg_vault_alloc(sizeof(*list), sizeof(*list),
				 "helper allow-list");
	if (!list)
		return -ENOMEM;
	seqcount_mutex_init(&list_seq, &edit_lock);
	for (i = 0; i < n; i++)
		strscpy(list->path[i], paths[i], LKRG_UMH_PATH_LEN);
	list->n = n;
	list->generation = 1;
	clkrg_vault_close(list);
	return 0;
}

void clkrg_umh_exit(void)
{
	clkrg_vault_free(list);
}
