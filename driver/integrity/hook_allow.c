// SPDX-License-Identifier: GPL-2.0
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/string.h>
#include "services/events.h"
#include "integrity/hook_allow.h"
#include "services/vault.h"

/* Livepatch's ops: klp_ftrace_handler, in core text. */
static const char * const defaults[] = { "kernel:klp_*" };

/*
 * Policy, so in a vault region: read-only but while an edit (under
 * edit_lock) has it open; the check reads it by the sequence count. Use
 * counts are plain counting.
 */
struct allow_list {
	u32 n;
	u64 generation;
	char owner[LKRG_HOOK_ALLOW_MAX][LKRG_HOOK_OWNER_LEN];
};

static struct allow_list *list __ro_after_init;
static seqcount_mutex_t list_seq;
static DEFINE_MUTEX(edit_lock);
static atomic64_t allowed[LKRG_HOOK_ALLOW_MAX];

static int find(const struct allow_list *l, const char *owner)
{
	u32 i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->owner[i], owner))
			return i;
	return -1;
}

bool clkrg_hook_allowed(enum lkrg_owner_kind kind, const char *name)
{
	unsigned int seq;
	int i, hit;

	do {
		seq = read_seqcount_begin(&list_seq);
		hit = -1;
		for (i = 0; i < (int)READ_ONCE(list->n) &&
			    i < LKRG_HOOK_ALLOW_MAX; i++)
			if (lkrg_hook_owner_match(list->owner[i], kind, name)) {
				hit = i;
				break;
			}
	} while (read_seqcount_retry(&list_seq, seq));
	if (hit < 0)
		return false;
	atomic64_inc(&allowed[hit]);
	return true;
}

static void emit_edit(const char *what, const char *owner, u32 count)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_CAT_GUARD,
			 LKRG_OBJ_REDIRECT, LKRG_ACT_CHANGED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), owner);
	lkrg_ev_set_str(r.d.location, sizeof(r.d.location), what);
	r.d.count = count;
	clkrg_ev_emit(&r);
}

/* One edit in place, with the list open and the check held off. */
static void apply(struct allow_list *l, const char *owner, bool add, int i)
{
	if (add) {
		strscpy(l->owner[l->n], owner, LKRG_HOOK_OWNER_LEN);
		atomic64_set(&allowed[l->n], 0);
		l->n++;
	} else {
		/* Keep the order: admins read the list top to bottom. */
		for (; i + 1 < (int)l->n; i++) {
			memcpy(l->owner[i], l->owner[i + 1],
			       LKRG_HOOK_OWNER_LEN);
			atomic64_set(&allowed[i],
				     atomic64_read(&allowed[i + 1]));
		}
		l->n--;
		memset(l->owner[l->n], 0, LKRG_HOOK_OWNER_LEN);
	}
	l->generation++;
}

static int edit(const char *owner, bool add, u32 *count, u64 *generation)
{
	int i, ret = 0;

	mutex_lock(&edit_lock);
	i = find(list, owner);
	if (add && i >= 0)
		ret = -EEXIST;
	else if (add && list->n == LKRG_HOOK_ALLOW_MAX)
		ret = -ENOSPC;
	else if (!add && i < 0)
		ret = -ENOENT;
	if (ret) {
		mutex_unlock(&edit_lock);
		return ret;
	}
	clkrg_vault_open(list);
	write_seqcount_begin(&list_seq);
	apply(list, owner, add, i);
	write_seqcount_end(&list_seq);
	clkrg_vault_close(list);
	*count = list->n;
	*generation = list->generation;
	mutex_unlock(&edit_lock);
	emit_edit(add ? "allowed to redirect kernel functions" :
		  "no longer allowed to redirect kernel functions", owner,
		  *count);
	return 0;
}

int clkrg_hook_allow_add(const char *owner, u32 *count, u64 *generation)
{
	return edit(owner, true, count, generation);
}

int clkrg_hook_allow_del(const char *owner, u32 *count, u64 *generation)
{
	return edit(owner, false, count, generation);
}

u32 clkrg_hook_allow_list(struct lkrg_hook_allow_entry *out, u32 max,
			  u64 *generation)
{
	u32 i, n;

	mutex_lock(&edit_lock);
	n = list->n;
	for (i = 0; i < n && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		strscpy((char *)out[i].owner, list->owner[i],
			LKRG_HOOK_OWNER_LEN);
		out[i].allowed = atomic64_read(&allowed[i]);
	}
	*generation = list->generation;
	mutex_unlock(&edit_lock);
	return n;
}

int clkrg_hook_allow_init(void)
{
	unsigned int i;

	list = clkrg_vault_alloc(sizeof(*list), sizeof(*list),
				 "hook owner allow-list");
	if (!list)
		return -ENOMEM;
	seqcount_mutex_init(&list_seq, &edit_lock);
	for (i = 0; i < ARRAY_SIZE(defaults); i++)
		strscpy(list->owner[i], defaults[i], LKRG_HOOK_OWNER_LEN);
	list->n = ARRAY_SIZE(defaults);
	list->generation = 1;
	clkrg_vault_close(list);
	return 0;
}

void clkrg_hook_allow_exit(void)
{
	clkrg_vault_free(list);
}
