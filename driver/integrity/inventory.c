// SPDX-License-Identifier: GPL-2.0
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/vmalloc.h>
#include "core/hook_owner.h"
#include "core/inv_table.h"
#include "integrity/addr_owner.h"
#include "services/events.h"
#include "integrity/hook_allow.h"
#include "integrity/inventory.h"
#include "services/ksyms.h"
#include "services/policy.h"
#include "services/vault.h"

/* Items the timeline follows: 3/4 of a table (CPU hotplug states mostly). */
#define INV_SLOTS	1024
/* Violations a rebaseline or log_accept can take into the baseline. */
#define ACCEPT_MAX	500
/* Owners one check names in its "appeared"/"gone" events; more are summed. */
#define GROUPS		8

/* The accepted violations: a baseline, so in the vault. */
struct accepted {
	u32 n;
	u32 reserved;
	u64 key[ACCEPT_MAX];
};

/* What appeared or went for one owner in one check, per class. */
struct group {
	char label[LKRG_INV_OWNER_LEN];
	u32 n[3];
};

struct clkrg_inv_walk {
	struct clkrg_check_ctx *ctx;	/* NULL at load and rebaseline */
	bool collect;		/* rebaseline: every violation is accepted */
	bool track;		/* follow the timeline (not at a rebaseline) */
	bool initial;		/* the inventory at load: nothing is news */
	u64 check_id;
	u32 redirects, callbacks;
	u32 nstage;
	u64 stage[ACCEPT_MAX];	/* keys to accept at the end */
	struct group app[GROUPS], gone[GROUPS];
	u32 napp, ngone, app_more, gone_more;
};

static siphash_key_t key __ro_after_init;
static struct accepted *acc __ro_after_init;
static struct lkrg_inv_slot *slots __ro_after_init;
static struct lkrg_inv_table table;
/* One walk at a time (checks, rebaselines, the start at load). */
static DEFINE_MUTEX(inv_lock);
static struct clkrg_inv_walk W;
static u64 last_redirects, last_callbacks;

static bool core_text(unsigned long a)
{
	return a >= clkrg_stext && a < clkrg_etext;
}

static u64 item_key(const struct clkrg_inv_item *it)
{
	return siphash_4u64(it->cls, it->fn, it->target, it->ident, &key);
}

static bool accepted(u64 k)
{
	u32 i, n = min_t(u32, READ_ONCE(acc->n), ACCEPT_MAX);

	for (i = 0; i < n; i++)
		if (acc->key[i] == k)
			return true;
	return false;
}

static void stage(struct clkrg_inv_walk *w, u64 k)
{
	if (w->nstage < ACCEPT_MAX)
		w->stage[w->nstage++] = k;
}

static void group_add(struct group *g, u32 *n, u32 *more, const char *label,
		      u32 cls)
{
	u32 i;

	for (i = 0; i < *n; i++)
		if (!strcmp(g[i].label, label))
			break;
	if (i == *n) {
		if (*n == GROUPS) {
			(*more)++;
			return;
		}
		memset(&g[i], 0, sizeof(g[i]));
		strscpy(g[i].label, label, sizeof(g[i].label));
		(*n)++;
	}
	if (cls < ARRAY_SIZE(g[i].n))
		g[i].n[cls]++;
}

static void emit(struct clkrg_inv_walk *w, u16 cat, u16 obj,
		 const char *name, const char *loc,
		 const struct clkrg_inv_item *it, u64 appeared)
{
	struct clkrg_check_ctx *ctx = w->ctx;
	struct lkrg_event_record ev;

	clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, cat, obj,
			 clkrg_report_action(ctx->enforce), false);
	ev.d.trigger = ctx->trigger;
	ev.d.check_id = ctx->check_id;
	ev.d.generation = ctx->generation;
	lkrg_ev_set_str(ev.d.name, sizeof(ev.d.name), name);
	lkrg_ev_set_str(ev.d.location, sizeof(ev.d.location), loc);
	ev.d.address = it->fn;
	ev.d.count = 1;
	if (it->cls == INV_CALLBACK)
		lkrg_ev_add_value(&ev.d, "priority", 0, (u64)it->priority);
	else
		lkrg_ev_add_value(&ev.d, "flags", 0, it->flags);
	/* The check it appeared at; 0: there when clkrg was loaded. */
	if (it->track)
		lkrg_ev_add_value(&ev.d, "appeared", 0, appeared);
	clkrg_ev_emit(&ev);
	ctx->violations++;
	if (ctx->enforce == LKRG_ENFORCE_PANIC)
		ctx->panic = true;
}

enum verdict { V_OK, V_REDIRECT, V_HIDDEN, V_UNKNOWN, V_CALLBACK };

static void report(struct clkrg_inv_walk *w, const struct clkrg_inv_item *it,
		   enum verdict v, const struct clkrg_owner *o,
		   const char *label, u64 appeared)
{
	char name[LKRG_EV_NAME_LEN], loc[LKRG_EV_LOCATION_LEN];
	char desc[MODULE_NAME_LEN + 32];

	clkrg_owner_describe(o, desc, sizeof(desc));
	switch (v) {
	case V_REDIRECT:
		snprintf(name, sizeof(name), "%s: redirecting %s", label,
			 it->kind);
		if (it->target)
			snprintf(loc, sizeof(loc), "%pS via %s",
				 (void *)it->target, it->via ?: "-");
		else
			snprintf(loc, sizeof(loc), "every traced function via %s",
				 it->via ?: "-");
		emit(w, it->target && !core_text(it->target) ?
		     LKRG_CAT_MODULE : LKRG_CAT_KERNEL, LKRG_OBJ_REDIRECT,
		     name, loc, it, appeared);
		break;
	case V_HIDDEN:
		snprintf(name, sizeof(name), "%s: %s", o->name,
			 it->hidden_what);
		snprintf(loc, sizeof(loc), "%pS", (void *)it->fn);
		emit(w, LKRG_CAT_MODULE, LKRG_OBJ_MODULE_LIST, name, loc, it,
		     appeared);
		break;
	case V_UNKNOWN:
		if (it->target)
			snprintf(loc, sizeof(loc), "%s on %pS", desc,
				 (void *)it->target);
		else
			strscpy(loc, desc, sizeof(loc));
		emit(w, LKRG_CAT_MODULE, LKRG_OBJ_MODULE,
		     "unknown code: hook handler outside the kernel and modules",
		     loc, it, appeared);
		break;
	case V_CALLBACK:
		if (it->indexed)
			snprintf(name, sizeof(name), "%s[%lld]", it->kind,
				 it->priority);
		else
			snprintf(name, sizeof(name), "%s%s%s", it->kind,
				 it->sub ? " " : "", it->sub ?: "");
		/* No %pS of code that has no symbol: it would print the address. */
		if (o->name[0])
			snprintf(loc, sizeof(loc), "%s%s%s: %pS", desc,
				 it->where ? ", " : "", it->where ?: "",
				 (void *)it->fn);
		else
			snprintf(loc, sizeof(loc), "%s%s%s", desc,
				 it->where ? ", " : "", it->where ?: "");
		emit(w, LKRG_CAT_KERNEL, LKRG_OBJ_CALLBACK, name, loc, it,
		     appeared);
		break;
	case V_OK:
		break;
	}
}

/* Who owns @it, what the timeline calls it, and whether that is allowed. */
static enum verdict judge(const struct clkrg_inv_item *it,
			  struct clkrg_owner *o, char *label, size_t len)
{
	bool redirect = it->cls == INV_REDIRECT;
	char sym[KSYM_NAME_LEN];

	if (it->bpf) {
		o->kind = OWN_BPF;
		o->name[0] = 0;
		snprintf(label, len, "bpf:%s", it->bpf);
		if (!redirect || clkrg_hook_allowed(LKRG_OWNER_BPF, it->bpf))
			return V_OK;
		return V_REDIRECT;
	}
	clkrg_owner_of(it->fn, o);
	switch (o->kind) {
	case OWN_GUARD:
		strscpy(label, "clkrg", len);
		return V_OK;
	case OWN_CORE:
		if (!redirect) {
			strscpy(label, "kernel", len);
			return V_OK;
		}
		snprintf(sym, sizeof(sym), "%ps", (void *)it->fn);
		/* Cut in the label only: the allow-list sees the whole name. */
		scnprintf(label, len, "kernel:%s", sym);
		return clkrg_hook_allowed(LKRG_OWNER_KERNEL, sym) ? V_OK :
								    V_REDIRECT;
	case OWN_MODULE:
		strscpy(label, o->name, len);
		if (!redirect || clkrg_hook_allowed(LKRG_OWNER_MODULE, o->name))
			return V_OK;
		return V_REDIRECT;
	case OWN_HIDDEN:
		scnprintf(label, len, "hidden module %s", o->name);
		return it->cls == INV_CALLBACK ? V_CALLBACK : V_HIDDEN;
	default:
		strscpy(label, "unknown code", len);
		return it->cls == INV_CALLBACK ? V_CALLBACK : V_UNKNOWN;
	}
}

void clkrg_inv_item(struct clkrg_inv_walk *w, const struct clkrg_inv_item *it)
{
	char label[LKRG_INV_OWNER_LEN];
	struct clkrg_owner o;
	enum verdict v;
	u64 appeared = 0, k;
	bool fresh = false;

	v = judge(it, &o, label, sizeof(label));
	if (it->cls == INV_CALLBACK)
		w->callbacks++;
	else if (it->cls == INV_REDIRECT)
		w->redirects++;
	if (it->track && w->track) {
		appeared = lkrg_inv_note(&table, lkrg_inv_key(it->fn, it->target,
							     it->ident),
					 it->cls, label, w->check_id, &fresh);
		if (fresh && !w->initial)
			group_add(w->app, &w->napp, &w->app_more, label,
				  it->cls);
	}
	if (v == V_OK)
		return;
	k = item_key(it);
	if (accepted(k))
		return;
	if (w->collect) {
		stage(w, k);
		return;
	}
	if (!w->ctx)
		return;
	report(w, it, v, &o, label, appeared);
	if (w->ctx->enforce == LKRG_ENFORCE_LOG_ACCEPT)
		stage(w, k);
}

static void note_gone(const struct lkrg_inv_slot *s, void *arg)
{
	struct clkrg_inv_walk *w = arg;

	group_add(w->gone, &w->ngone, &w->gone_more, s->owner, s->cls);
}

/* "appeared: OWNER" or "gone: OWNER", one event per owner of a check. */
static void emit_group(const struct clkrg_inv_walk *w, const char *what,
		       const struct group *g, u32 more)
{
	u32 hooks = g ? g->n[INV_REDIRECT] + g->n[INV_TRACER] : 0;
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_INFO,
			 g && g->n[INV_REDIRECT] ? LKRG_SEV_NOTICE :
						   LKRG_SEV_INFO,
			 LKRG_CAT_KERNEL,
			 !g || hooks ? LKRG_OBJ_REDIRECT : LKRG_OBJ_CALLBACK,
			 LKRG_ACT_NONE, false);
	r.d.trigger = w->ctx->trigger;
	r.d.check_id = w->ctx->check_id;
	r.d.generation = w->ctx->generation;
	if (!g) {
		snprintf((char *)r.d.name, sizeof(r.d.name), "%s: others",
			 what);
		snprintf((char *)r.d.location, sizeof(r.d.location),
			 "%u hooks or callbacks of more owners", more);
		r.d.count = more;
		clkrg_ev_emit(&r);
		return;
	}
	snprintf((char *)r.d.name, sizeof(r.d.name), "%s: %s", what, g->label);
	snprintf((char *)r.d.location, sizeof(r.d.location),
		 "%u redirecting hooks, %u tracers, %u callbacks",
		 g->n[INV_REDIRECT], g->n[INV_TRACER], g->n[INV_CALLBACK]);
	lkrg_ev_add_value(&r.d, "redirecting", 0, g->n[INV_REDIRECT]);
	lkrg_ev_add_value(&r.d, "tracers", 0, g->n[INV_TRACER]);
	lkrg_ev_add_value(&r.d, "callbacks", 0, g->n[INV_CALLBACK]);
	r.d.count = hooks + g->n[INV_CALLBACK];
	clkrg_ev_emit(&r);
}

static void timeline(const struct clkrg_inv_walk *w)
{
	u32 i;

	for (i = 0; i < w->napp; i++)
		emit_group(w, "appeared", &w->app[i], 0);
	if (w->app_more)
		emit_group(w, "appeared", NULL, w->app_more);
	for (i = 0; i < w->ngone; i++)
		emit_group(w, "gone", &w->gone[i], 0);
	if (w->gone_more)
		emit_group(w, "gone", NULL, w->gone_more);
}

/* Adds the staged keys to the accepted set (@replace: instead of it). */
static void accept_staged(const struct clkrg_inv_walk *w, bool replace)
{
	u32 i;

	if (!replace && !w->nstage)
		return;
	clkrg_vault_open(acc);
	if (replace)
		acc->n = 0;
	for (i = 0; i < w->nstage && acc->n < ACCEPT_MAX; i++)
		if (!accepted(w->stage[i]))
			acc->key[acc->n++] = w->stage[i];
	clkrg_vault_close(acc);
}

static void walk(struct clkrg_inv_walk *w)
{
	clkrg_redirect_walk(w);
	clkrg_callbacks_walk(w);
	WRITE_ONCE(last_redirects, w->redirects);
	WRITE_ONCE(last_callbacks, w->callbacks);
}

void clkrg_inventory_check(struct clkrg_check_ctx *ctx)
{
	mutex_lock(&inv_lock);
	memset(&W, 0, sizeof(W));
	W.ctx = ctx;
	W.check_id = ctx->check_id;
	W.track = true;
	lkrg_inv_begin(&table);
	walk(&W);
	lkrg_inv_gone(&table, note_gone, &W);
	timeline(&W);
	accept_staged(&W, false);
	mutex_unlock(&inv_lock);
}

void clkrg_inventory_rebaseline(void)
{
	mutex_lock(&inv_lock);
	memset(&W, 0, sizeof(W));
	W.collect = true;
	walk(&W);
	accept_staged(&W, true);
	mutex_unlock(&inv_lock);
}

void clkrg_inventory_counts(u64 *redirects, u64 *callbacks)
{
	*redirects = READ_ONCE(last_redirects);
	*callbacks = READ_ONCE(last_callbacks);
}

int clkrg_inventory_init(void)
{
	/* addr_owner.c's lookups are compat/kfn.c's, checked at load. */
	int ret = clkrg_redirect_init();

	if (!ret)
		ret = clkrg_callbacks_init();
	if (ret)
		return ret;
	get_random_bytes(&key, sizeof(key));
	acc = clkrg_vault_alloc(sizeof(*acc), sizeof(*acc),
				"accepted hooks");
	slots = vzalloc(array_size(2 * INV_SLOTS, sizeof(*slots)));
	if (!acc || !slots) {
		clkrg_inventory_exit();
		return -ENOMEM;
	}
	clkrg_vault_close(acc);
	lkrg_inv_init(&table, slots, slots + INV_SLOTS, INV_SLOTS);
	ret = clkrg_hook_allow_init();
	if (ret)
		clkrg_inventory_exit();
	return ret;
}

void clkrg_inventory_start(void)
{
	/* What is there at load, clkrg's own included: no news. */
	mutex_lock(&inv_lock);
	memset(&W, 0, sizeof(W));
	W.track = true;
	W.initial = true;
	lkrg_inv_begin(&table);
	walk(&W);
	mutex_unlock(&inv_lock);
}

void clkrg_inventory_exit(void)
{
	clkrg_hook_allow_exit();
	clkrg_vault_free(acc);
	vfree(slots);
}
