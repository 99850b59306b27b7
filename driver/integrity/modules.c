// SPDX-License-Identifier: GPL-2.0
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include "integrity/block_hash.h"
#include "compat/compat.h"
#include "services/events.h"
#include "services/ksyms.h"
#include "integrity/patch_sites.h"
#include "services/policy.h"
#include "integrity/modules.h"

#define MOD_MAX_RUNS	4

struct mod_entry {
	struct list_head node;
	struct module *mod;
	char name[MODULE_NAME_LEN];
	bool hidden_ok;		/* accepted by log_accept or a rebaseline */
	/* clkrg itself: never accepted or rebaselined, rodata hashed too */
	bool self;
	struct clkrg_blocks blocks;
	struct clkrg_site_set sites;
	/* self only: rodata and ro_after_init (apart since 6.4) */
	struct clkrg_blocks ro[2];
	unsigned int nro;
};

static LIST_HEAD(entries);
/* Guards entries; a module's GOING waits on it, so its text stays. */
static DEFINE_MUTEX(mods_lock);

static struct {
	struct list_head *modules;
	struct kset **kset;
	struct mutex *module_mutex;
} K __ro_after_init;

static bool listed(const struct module *mod)
{
	struct module *m;
	bool found = false;

	rcu_read_lock();
	list_for_each_entry_rcu(m, K.modules, list)
		if (m == mod) {
			found = true;
			break;
		}
	rcu_read_unlock();
	return found;
}

static bool in_kset(const struct module *mod)
{
	struct kset *ks = READ_ONCE(*K.kset);
	struct kobject *k;
	bool found = false;

	spin_lock(&ks->list_lock);
	list_for_each_entry(k, &ks->list, entry)
		if (container_of(k, struct module_kobject, kobj)->mod == mod) {
			found = true;
			break;
		}
	spin_unlock(&ks->list_lock);
	return found;
}

static struct mod_entry *find(const struct module *mod)
{
	struct mod_entry *e;

	list_for_each_entry(e, &entries, node)
		if (e->mod == mod)
			return e;
	return NULL;
}

static void report(struct clkrg_check_ctx *ctx, u16 obj, const char *name,
		   const char *what, unsigned long where)
{
	struct lkrg_event_record ev;
	u16 enforce = ctx ? ctx->enforce : clkrg_policy(KNOB_KINT_ENFORCE);

	clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT,
			 LKRG_CAT_MODULE, obj, clkrg_report_action(enforce),
			 !ctx);
	if (ctx) {
		ev.d.trigger = ctx->trigger;
		ev.d.check_id = ctx->check_id;
		ev.d.generation = ctx->generation;
		ctx->violations++;
		if (enforce == LKRG_ENFORCE_PANIC)
			ctx->panic = true;
	}
	snprintf((char *)ev.d.name, sizeof(ev.d.name), "%s: %s", name, what);
	if (where)
		snprintf((char *)ev.d.location, sizeof(ev.d.location), "%pS",
			 (void *)where);
	ev.d.address = where;
	ev.d.count = 1;
	clkrg_ev_emit(&ev);
}

static void hash_entry(struct mod_entry *e)
{
	const struct lkrg_site *sites;
	size_t n;

	clkrg_sites_lock();
	sites = clkrg_sites_refresh(&e->sites, &n);
	clkrg_blocks_hash(&e->blocks, sites, n);
	clkrg_sites_unlock();
}

static void free_entry(struct mod_entry *e)
{
	list_del(&e->node);
	clkrg_blocks_free(&e->blocks);
	clkrg_blocks_free(&e->ro[0]);
	clkrg_blocks_free(&e->ro[1]);
	clkrg_sites_free(&e->sites);
	kfree(e);
	clkrg_objects_add(-1);
}

/* Starts tracking @mod, a LIVE module; mods_lock held. */
static int track(struct module *mod)
{
	unsigned long size, text = clkrg_module_text(mod, &size);
	unsigned long end = text + size;
	struct clkrg_site_tables t = {
		.jump = mod->jump_entries,
		.jump_end = mod->jump_entries + mod->num_jump_entries,
		.scall = mod->static_call_sites,
		.scall_end = mod->static_call_sites +
			     mod->num_static_call_sites,
		/* A module's own trampolines lie somewhere in its text. */
		.tramp = text,
		.tramp_end = end,
	};
	struct mod_entry *e;
	int ret;

	if (find(mod))
		return 0;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	clkrg_objects_add(1);
	INIT_LIST_HEAD(&e->node);
	list_add_tail(&e->node, &entries);
	e->mod = mod;
	strscpy(e->name, mod->name, sizeof(e->name));
	ret = clkrg_blocks_alloc(&e->blocks, text, end, mod->name);
	if (!ret)
		ret = clkrg_sites_build(&e->sites, text, end, &t, e->name);
	if (ret) {
		free_entry(e);
		return ret;
	}
	hash_entry(e);
	return 0;
}

static int module_event(struct notifier_block *nb, unsigned long state,
			void *data)
{
	struct module *mod = data;
	struct mod_entry *e;

	if (mod == THIS_MODULE)
		return NOTIFY_DONE;
	mutex_lock(&mods_lock);
	if (state == MODULE_STATE_LIVE) {
		/* Hiding from inside module_init is caught right here. */
		if (!listed(mod))
			report(NULL, LKRG_OBJ_MODULE_LIST, mod->name,
			       "entered LIVE state hidden from the module list",
			       0);
		track(mod);
	} else if (state == MODULE_STATE_GOING) {
		e = find(mod);
		if (e)
			free_entry(e);
	}
	mutex_unlock(&mods_lock);
	return NOTIFY_DONE;
}

static struct notifier_block module_nb = {
	.notifier_call = module_event,
	/* After the module-blocking guard has had its say. */
	.priority = 0,
};

/*
 * Tracks every listed LIVE module not tracked yet: all of them at load,
 * and at a rebaseline those that were hidden then and are listed now.
 * They are pinned under module_mutex and hashed outside it.
 */
static int track_live(void)
{
	struct module **mods, *m;
	size_t i, n = 0, cap = 0;
	int ret = 0;

	mutex_lock(K.module_mutex);
	list_for_each_entry(m, K.modules, list)
		cap++;
	mods = kcalloc(cap ? cap : 1, sizeof(*mods), GFP_KERNEL);
	list_for_each_entry(m, K.modules, list)
		if (mods && m->state == MODULE_STATE_LIVE && m != THIS_MODULE &&
		    try_module_get(m))
			mods[n++] = m;
	mutex_unlock(K.module_mutex);
	if (!mods)
		return -ENOMEM;
	mutex_lock(&mods_lock);
	for (i = 0; i < n; i++) {
		if (!ret)
			ret = track(mods[i]);
		module_put(mods[i]);
	}
	mutex_unlock(&mods_lock);
	kfree(mods);
	return ret;
}

#define RESOLVE(field, name)	(K.field = (void *)clkrg_ksym(name))

int clkrg_modules_init(void)
{
	int ret;

	RESOLVE(modules, "modules");
	RESOLVE(kset, "module_kset");
	RESOLVE(module_mutex, "module_mutex");
	if (!K.modules || !K.kset || !K.module_mutex) {
		pr_err("clkrg: FAULT: cannot locate the module list\n");
		return -ENOENT;
	}
	ret = register_module_notifier(&module_nb);
	if (ret)
		return ret;

	ret = track_live();
	if (ret)
		clkrg_modules_exit();
	return ret;
}

void clkrg_modules_exit(void)
{
	struct mod_entry *e, *tmp;

	unregister_module_notifier(&module_nb);
	mutex_lock(&mods_lock);
	list_for_each_entry_safe(e, tmp, &entries, node)
		free_entry(e);
	mutex_unlock(&mods_lock);
}

/*
 * clkrg's own text (with its patch sites, like any module's) and its
 * read-only data, hashed once the load wrote its last __ro_after_init
 * value. Its code and data never legitimately change: no rebaseline or
 * log_accept takes a change.
 */
int clkrg_modules_track_self(void)
{
	unsigned long start[2], end[2];
	struct mod_entry *e;
	unsigned int i;
	int ret;

	mutex_lock(&mods_lock);
	ret = track(THIS_MODULE);
	e = ret ? NULL : find(THIS_MODULE);
	if (e) {
		e->self = true;
		e->nro = clkrg_module_ro(THIS_MODULE, start, end);
		for (i = 0; i < e->nro && !ret; i++) {
			if (end[i] <= start[i])
				continue;
			ret = clkrg_blocks_alloc(&e->ro[i], start[i], end[i],
						 "clkrg rodata");
			if (!ret)
				clkrg_blocks_hash(&e->ro[i], NULL, 0);
		}
		if (ret)
			free_entry(e);
	}
	mutex_unlock(&mods_lock);
	return ret;
}

void clkrg_modules_rebaseline(void)
{
	struct mod_entry *e;

	track_live();
	mutex_lock(&mods_lock);
	list_for_each_entry(e, &entries, node) {
		if (e->self)
			continue;
		hash_entry(e);
		e->hidden_ok = !listed(e->mod) || !in_kset(e->mod);
	}
	mutex_unlock(&mods_lock);
}

struct mod_report {
	struct clkrg_check_ctx *ctx;
	const struct mod_entry *e;
};

static void report_run(const struct clkrg_run *run, void *arg)
{
	struct mod_report *mr = arg;

	if (mr->e->self)
		clkrg_kint_report(mr->ctx, LKRG_CAT_GUARD, LKRG_OBJ_SELF,
				  "clkrg code", run);
	else
		clkrg_kint_report(mr->ctx, LKRG_CAT_MODULE, LKRG_OBJ_MODULE,
				  mr->e->name, run);
}

static void report_ro_run(const struct clkrg_run *run, void *arg)
{
	struct mod_report *mr = arg;

	clkrg_kint_report(mr->ctx, LKRG_CAT_GUARD, LKRG_OBJ_SELF,
			  "clkrg read-only data", run);
}

static void check_entry(struct mod_entry *e, struct clkrg_check_ctx *ctx)
{
	struct mod_report mr = { ctx, e };
	bool accept = ctx->enforce == LKRG_ENFORCE_LOG_ACCEPT && !e->self;
	const struct lkrg_site *sites;
	unsigned int i;
	size_t n;

	if (e->mod->state == MODULE_STATE_LIVE) {
		bool in_list = listed(e->mod), in_sys = in_kset(e->mod);

		/* Seen whole again: a later hiding is news again. */
		if (in_list && in_sys)
			e->hidden_ok = false;
		else if (!e->hidden_ok)
			report(ctx, LKRG_OBJ_MODULE_LIST, e->name,
			       in_list ? "hidden from /sys/module" :
					 "hidden from the module list", 0);
		if (!in_list || !in_sys)
			e->hidden_ok |= accept;
	}

	clkrg_sites_lock();
	sites = clkrg_sites_refresh(&e->sites, &n);
	clkrg_blocks_compare(&e->blocks, sites, n, accept, MOD_MAX_RUNS,
			     report_run, &mr);
	clkrg_sites_unlock();
	clkrg_kint_report_sites(ctx, e->self ? LKRG_CAT_GUARD : LKRG_CAT_MODULE,
				e->name, &e->sites);
	ctx->regions++;
	ctx->bytes += e->blocks.end - e->blocks.start;
	if (!e->self)
		return;
	for (i = 0; i < e->nro; i++) {
		if (e->ro[i].end <= e->ro[i].start)
			continue;
		clkrg_blocks_compare(&e->ro[i], NULL, 0, false, MOD_MAX_RUNS,
				     report_ro_run, &mr);
		ctx->regions++;
		ctx->bytes += e->ro[i].end - e->ro[i].start;
	}
}

/* A module in /sys/module that the list and our records do not know. */
static void check_kset(struct clkrg_check_ctx *ctx)
{
	struct kset *ks = READ_ONCE(*K.kset);
	char unknown[MODULE_NAME_LEN] = "";
	struct module_kobject *mk;
	struct kobject *k;

	spin_lock(&ks->list_lock);
	list_for_each_entry(k, &ks->list, entry) {
		mk = container_of(k, struct module_kobject, kobj);
		if (mk->mod && mk->mod != THIS_MODULE &&
		    mk->mod->state == MODULE_STATE_LIVE && !find(mk->mod) &&
		    !listed(mk->mod)) {
			strscpy(unknown, mk->mod->name, sizeof(unknown));
			break;
		}
	}
	spin_unlock(&ks->list_lock);
	if (unknown[0])
		report(ctx, LKRG_OBJ_MODULE_LIST, unknown,
		       "in /sys/module but not in the module list", 0);
}

void clkrg_modules_check(struct clkrg_check_ctx *ctx)
{
	struct mod_entry *e;

	mutex_lock(&mods_lock);
	list_for_each_entry(e, &entries, node)
		check_entry(e, ctx);
	check_kset(ctx);
	mutex_unlock(&mods_lock);
}

bool clkrg_module_visible(const struct module *mod)
{
	return listed(mod) && in_kset(mod);
}
