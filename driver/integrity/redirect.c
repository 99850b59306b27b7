// SPDX-License-Identifier: GPL-2.0
/*
 * Hooks on kernel functions, for the inventory. With
 * DYNAMIC_FTRACE_WITH_ARGS every ftrace handler's change of the IP is
 * honoured, and any kprobe handler may set it (or the return value), so a
 * hook whose handler is a module's code can redirect the function it is
 * on whatever flags it declares. A core-kernel handler is judged by what
 * it is: a tracer (function tracer, perf, trace kprobes, BPF fentry and
 * fexit) cannot; IPMODIFY (livepatch) and BPF fmod_ret can.
 */
#include <linux/bpf.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include "compat/compat.h"
#include "integrity/inventory.h"
#include "services/ksyms.h"

/* kernel/kprobes.c: 1 << KPROBE_HASH_BITS buckets in kprobe_table */
#define KPROBE_BUCKETS	64

/* kernel/trace/trace.h's struct ftrace_hash, as far as it is read. */
struct ftrace_hash_view {
	unsigned long size_bits;
	struct hlist_head *buckets;
	unsigned long count;
};

/* Resolved through kallsyms: data only (calls go through clkrg_kfn). */
static struct {
	struct ftrace_ops __rcu **ops_list;
	struct ftrace_ops *ops_end;
	struct mutex *ftrace_lock, *kprobe_mutex;
	struct hlist_head *kprobe_table;
	void *aggr_pre_handler, *kretprobe_pre_handler;
	struct ftrace_ops *kprobe_ops, *kprobe_ipmodify_ops;
	void *bpf_ops_func;	/* bpf_tramp_ftrace_ops_func */
	unsigned long stext, etext;
} R __ro_after_init;

#define RESOLVE(field, name)	(R.field = (void *)clkrg_ksym(name))

int clkrg_redirect_init(void)
{
	RESOLVE(ops_list, "ftrace_ops_list");
	RESOLVE(ops_end, "ftrace_list_end");
	RESOLVE(ftrace_lock, "ftrace_lock");
	RESOLVE(kprobe_mutex, "kprobe_mutex");
	RESOLVE(kprobe_table, "kprobe_table");
	RESOLVE(aggr_pre_handler, "aggr_pre_handler");
	RESOLVE(kretprobe_pre_handler, "pre_handler_kretprobe");
	RESOLVE(kprobe_ops, "kprobe_ftrace_ops");
	RESOLVE(kprobe_ipmodify_ops, "kprobe_ipmodify_ops");
	RESOLVE(bpf_ops_func, "bpf_tramp_ftrace_ops_func");
	R.stext = clkrg_stext;
	R.etext = clkrg_etext;
	if (!R.ops_list || !R.ops_end || !R.ftrace_lock || !R.kprobe_mutex ||
	    !R.kprobe_table) {
		pr_err("clkrg: FAULT: cannot locate ftrace's and kprobes' lists\n");
		return -ENOENT;
	}
	return 0;
}

static bool core(unsigned long a)
{
	return a >= R.stext && a < R.etext;
}

/* The functions an ops is filtered on (ftrace_lock held: stable). */
#define for_each_filter_ip(op, hash, i, e)				\
	for ((i) = 0; (hash) && (i) < (1UL << (hash)->size_bits); (i)++)	\
		hlist_for_each_entry(e, &(hash)->buckets[i], hlist)

static const struct ftrace_hash_view *filter_of(struct ftrace_ops *op)
{
	struct ftrace_ops_hash *fh = READ_ONCE(op->func_hash);

	if (!fh)
		return NULL;
	return (const void *)rcu_dereference_protected(fh->filter_hash, 1);
}

/*
 * An ops that can redirect: one item per function it is on, or one for
 * every traced function when its filter is empty.
 */
static void ops_items(struct clkrg_inv_walk *w, struct clkrg_inv_item *it,
		      struct ftrace_ops *op)
{
	const struct ftrace_hash_view *h = filter_of(op);
	struct ftrace_func_entry *e;
	unsigned long i;

	if (!h || !h->count) {
		it->target = 0;
		clkrg_inv_item(w, it);
		return;
	}
	for_each_filter_ip(op, h, i, e) {
		it->target = e->ip;
		clkrg_inv_item(w, it);
	}
}

/*
 * A BPF trampoline: fentry and fexit programs trace, fmod_ret programs
 * decide the function's result. The first fmod_ret program names the
 * owner; its list is read under the trampoline's mutex, only tried (the
 * BPF side takes it before ftrace_lock): busy, the item waits a check.
 */
static void bpf_items(struct clkrg_inv_walk *w, struct clkrg_inv_item *it,
		      struct ftrace_ops *op)
{
	struct bpf_trampoline *tr = op->private;
	const struct ftrace_hash_view *h = filter_of(op);
	char name[BPF_OBJ_NAME_LEN] = "(tracing)";
	struct ftrace_func_entry *e;
	struct bpf_tramp_link *l;
	unsigned long i;

	it->cls = INV_TRACER;
	it->via = "a BPF trampoline";
	if (tr && READ_ONCE(tr->progs_cnt[BPF_TRAMP_MODIFY_RETURN])) {
		if (!mutex_trylock(&tr->mutex))
			return;
		hlist_for_each_entry(l, &tr->progs_hlist[BPF_TRAMP_MODIFY_RETURN],
				     tramp_hlist) {
			strscpy(name, l->link.prog->aux->name, sizeof(name));
			break;
		}
		mutex_unlock(&tr->mutex);
		it->cls = INV_REDIRECT;
		it->kind = "fmod_ret";
	}
	it->bpf = name;
	for_each_filter_ip(op, h, i, e) {
		it->fn = e->direct;
		it->target = e->ip;
		clkrg_inv_item(w, it);
	}
}

/* Someone else's direct call: its target, the code called, decides. */
static void direct_items(struct clkrg_inv_walk *w, struct clkrg_inv_item *it,
			 struct ftrace_ops *op)
{
	const struct ftrace_hash_view *h = filter_of(op);
	struct ftrace_func_entry *e;
	unsigned long i;

	it->kind = "ftrace direct call";
	it->cls = INV_REDIRECT;
	it->via = "a direct call";
	for_each_filter_ip(op, h, i, e) {
		/* The single-function API keeps its targets elsewhere. */
		it->fn = e->direct ?: clkrg_kfn(ftrace_find_rec_direct)(e->ip);
		it->target = e->ip;
		clkrg_inv_item(w, it);
	}
}

static void ftrace_items(struct clkrg_inv_walk *w)
{
	struct ftrace_ops *op;

	mutex_lock(R.ftrace_lock);
	/* ftrace_lock keeps the list and every filter as they are. */
	for (op = rcu_dereference_protected(*R.ops_list, 1);
	     op && op != R.ops_end;
	     op = rcu_dereference_protected(op->next, 1)) {
		unsigned long flags = READ_ONCE(op->flags);
		struct clkrg_inv_item it = {
			.track = true,
			.kind = "ftrace hook",
			.hidden_what = "ftrace hook in a hidden module",
			.fn = (unsigned long)READ_ONCE(op->func),
			.ident = (unsigned long)op,
			.flags = flags,
			.via = op->trampoline ? "its own ftrace trampoline" :
			       flags & FTRACE_OPS_FL_SAVE_REGS ?
			       "ftrace_regs_caller" : "ftrace_caller",
		};

		/* kprobes on ftrace sites: the kprobe walk names them. */
		if (op == R.kprobe_ops || op == R.kprobe_ipmodify_ops)
			continue;
		if (flags & FTRACE_OPS_FL_DIRECT) {
			if (R.bpf_ops_func && op->ops_func == R.bpf_ops_func) {
				bpf_items(w, &it, op);
				continue;
			}
			direct_items(w, &it, op);
			continue;
		}
		if (core(it.fn) && !(flags & FTRACE_OPS_FL_IPMODIFY)) {
			it.cls = INV_TRACER;
			clkrg_inv_item(w, &it);
			continue;
		}
		it.cls = INV_REDIRECT;
		ops_items(w, &it, op);
	}
	mutex_unlock(R.ftrace_lock);
}

static const char *kprobe_via(const struct kprobe *p)
{
	if (p->flags & KPROBE_FLAG_FTRACE)
		return "ftrace (kprobe_ftrace_handler)";
	if (p->flags & KPROBE_FLAG_OPTIMIZED)
		return "an optimized kprobe jump";
	return "an int3 kprobe";
}

static void handler_item(struct clkrg_inv_walk *w, struct clkrg_inv_item *it,
			 unsigned long fn)
{
	if (!fn)
		return;
	it->fn = fn;
	it->cls = core(fn) ? INV_TRACER : INV_REDIRECT;
	clkrg_inv_item(w, it);
}

static void one_kprobe(struct clkrg_inv_walk *w, struct kprobe *p)
{
	struct clkrg_inv_item it = {
		.track = true,
		.kind = "kprobe",
		.hidden_what = "kprobe handler in a hidden module",
		.target = (unsigned long)p->addr,
		.ident = (unsigned long)p,
		.flags = p->flags,
		.via = kprobe_via(p),
	};
	struct kretprobe *rp;

	/* Its function is gone (a module unloaded): it never runs again. */
	if (p->flags & KPROBE_FLAG_GONE)
		return;
	if (R.kretprobe_pre_handler &&
	    (void *)p->pre_handler == R.kretprobe_pre_handler) {
		/* The kernel's own entry stub; the handlers are the probe's. */
		rp = container_of(p, struct kretprobe, kp);
		it.kind = "kretprobe";
		it.hidden_what = "kretprobe handler in a hidden module";
		handler_item(w, &it, (unsigned long)rp->entry_handler);
		handler_item(w, &it, (unsigned long)rp->handler);
		return;
	}
	handler_item(w, &it, (unsigned long)p->pre_handler);
	handler_item(w, &it, (unsigned long)p->post_handler);
}

static void kprobe_items(struct clkrg_inv_walk *w)
{
	struct kprobe *p, *kp;
	unsigned int i;

	mutex_lock(R.kprobe_mutex);
	for (i = 0; i < KPROBE_BUCKETS; i++) {
		hlist_for_each_entry(p, &R.kprobe_table[i], hlist) {
			if (p->pre_handler != R.aggr_pre_handler) {
				one_kprobe(w, p);
				continue;
			}
			list_for_each_entry(kp, &p->list, list)
				one_kprobe(w, kp);
		}
	}
	mutex_unlock(R.kprobe_mutex);
}

void clkrg_redirect_walk(struct clkrg_inv_walk *w)
{
	ftrace_items(w);
	kprobe_items(w);
}
