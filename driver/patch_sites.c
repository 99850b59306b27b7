// SPDX-License-Identifier: GPL-2.0
#include <linux/ftrace.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/sort.h>
#include <linux/static_call_types.h>
#include <linux/vmalloc.h>
#include <asm/text-patching.h>
#include "core/x86_insn.h"
#include "ksyms.h"
#include "patch_sites.h"

/* Kinds beyond core/text_sites.h that differ only in how they validate. */
enum { SRC_FTRACE_CALLER = 16, SRC_STATIC_TRAMP };

/* A site known at load; its address never changes, its bytes may. */
struct site_src {
	u64 addr;
	u64 aux;	/* jump label target */
	u8 len;
	u8 kind;	/* lkrg_site_kind or SRC_* */
	bool ok;	/* in a legitimate form at the last refresh */
};

static const u8 tramp_ud[] = { 0x0f, 0xb9, 0xcc };

/* kernel/kprobes.c: 1 << KPROBE_HASH_BITS buckets in kprobe_table */
#define KPROBE_TABLE_SIZE	64

static struct {
	struct mutex *kprobe_mutex, *ftrace_lock, *text_mutex;
	struct hlist_head *kprobe_table;
	unsigned long ftrace_caller, ftrace_regs_caller;
	bool (*is_ftrace_tramp)(unsigned long addr);
	unsigned long (*rec_direct)(unsigned long ip);
	bool (*text_address)(unsigned long addr);
	int (*size_offset)(unsigned long addr, unsigned long *size,
			   unsigned long *off);
	struct ftrace_rec_iter *(*iter_start)(void);
	struct ftrace_rec_iter *(*iter_next)(struct ftrace_rec_iter *it);
	struct dyn_ftrace *(*iter_record)(struct ftrace_rec_iter *it);
} S;

static bool in_set(const struct clkrg_site_set *set, u64 a, size_t len)
{
	return a >= set->start && a + len <= set->end;
}

/* Grows set->src; sites are collected once, in process context. */
static int add_src(struct clkrg_site_set *set, u64 addr, u64 aux, u8 len,
		   u8 kind)
{
	struct site_src *n;

	if (!in_set(set, addr, len))
		return 0;
	if (set->nsrc == set->src_cap) {
		size_t ncap = set->src_cap ? set->src_cap * 2 : 256;

		n = vmalloc(array_size(ncap, sizeof(*n)));
		if (!n)
			return -ENOMEM;
		if (set->src)
			memcpy(n, set->src, set->nsrc * sizeof(*n));
		vfree(set->src);
		set->src = n;
		set->src_cap = ncap;
	}
	set->src[set->nsrc++] = (struct site_src){ addr, aux, len, kind, false };
	return 0;
}

static int collect_jump_labels(struct clkrg_site_set *set,
			       const struct clkrg_site_tables *t)
{
	struct jump_entry *e;
	struct lkrg_insn in;
	int ret = 0;

	for (e = t->jump; e && e < t->jump_end && !ret; e++) {
		u64 code = jump_entry_code(e);

		if (!in_set(set, code, 2))
			continue;
		lkrg_insn_decode((const u8 *)code, set->end - code, code, &in);
		if (in.len == 2 || in.len == 5)
			ret = add_src(set, code, jump_entry_target(e), in.len,
				      LKRG_SITE_JUMP_LABEL);
	}
	return ret;
}

static int collect_static_calls(struct clkrg_site_set *set,
				const struct clkrg_site_tables *t)
{
	struct static_call_site *s;
	struct lkrg_insn in;
	unsigned long a;
	int ret = 0;

	for (s = t->scall; s && s < t->scall_end && !ret; s++) {
		u64 addr = (u64)((long)&s->addr + s->addr);

		if (!in_set(set, addr, 5))
			continue;
		lkrg_insn_decode((const u8 *)addr, set->end - addr, addr, &in);
		ret = add_src(set, addr, 0,
			      in.kind == LKRG_INSN_JCC32 ? 6 : 5,
			      LKRG_SITE_STATIC_CALL);
	}
	/* Trampolines end in a #UD signature unique to them. */
	for (a = t->tramp; a && a + 8 <= t->tramp_end && !ret; a++)
		if (!memcmp((const u8 *)a + 5, tramp_ud, sizeof(tramp_ud)))
			ret = add_src(set, a, 0, 5, SRC_STATIC_TRAMP);
	return ret;
}

static int collect_ftrace(struct clkrg_site_set *set,
			  const struct clkrg_site_tables *t)
{
	static const char * const callers[] = {
		"ftrace_call", "ftrace_regs_call", "ftrace_graph_call",
	};
	struct ftrace_rec_iter *it;
	unsigned int i;
	int ret = 0;

	for (i = 0; t->ftrace_callers && i < ARRAY_SIZE(callers) && !ret;
	     i++) {
		unsigned long a = clkrg_ksym(callers[i]);

		if (a)
			ret = add_src(set, a, 0, 5, SRC_FTRACE_CALLER);
	}
	if (!S.iter_start || !S.iter_next || !S.iter_record)
		return ret;
	if (S.ftrace_lock)
		mutex_lock(S.ftrace_lock);
	for (it = S.iter_start(); it && !ret; it = S.iter_next(it))
		ret = add_src(set, S.iter_record(it)->ip, 0, MCOUNT_INSN_SIZE,
			      LKRG_SITE_FTRACE);
	if (S.ftrace_lock)
		mutex_unlock(S.ftrace_lock);
	return ret;
}

static int cmp_src(const void *a, const void *b)
{
	const struct site_src *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_site(const void *a, const void *b)
{
	const struct lkrg_site *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

#define RESOLVE(field, name)	(S.field = (void *)clkrg_ksym(name))

int clkrg_sites_init(void)
{
	RESOLVE(kprobe_mutex, "kprobe_mutex");
	RESOLVE(ftrace_lock, "ftrace_lock");
	RESOLVE(text_mutex, "text_mutex");
	RESOLVE(kprobe_table, "kprobe_table");
	RESOLVE(is_ftrace_tramp, "is_ftrace_trampoline");
	RESOLVE(rec_direct, "ftrace_find_rec_direct");
	RESOLVE(text_address, "kernel_text_address");
	RESOLVE(size_offset, "kallsyms_lookup_size_offset");
	RESOLVE(iter_start, "ftrace_rec_iter_start");
	RESOLVE(iter_next, "ftrace_rec_iter_next");
	RESOLVE(iter_record, "ftrace_rec_iter_record");
	S.ftrace_caller = clkrg_ksym("ftrace_caller");
	S.ftrace_regs_caller = clkrg_ksym("ftrace_regs_caller");
	return S.text_address && S.size_offset && S.text_mutex ? 0 : -ENOENT;
}

void clkrg_sites_core_tables(struct clkrg_site_tables *t)
{
	t->jump = (void *)clkrg_ksym("__start___jump_table");
	t->jump_end = (void *)clkrg_ksym("__stop___jump_table");
	t->scall = (void *)clkrg_ksym("__start_static_call_sites");
	t->scall_end = (void *)clkrg_ksym("__stop_static_call_sites");
	t->tramp = clkrg_ksym("__static_call_text_start");
	t->tramp_end = clkrg_ksym("__static_call_text_end");
	t->ftrace_callers = true;
}

int clkrg_sites_build(struct clkrg_site_set *set, unsigned long start,
		      unsigned long end, const struct clkrg_site_tables *t)
{
	int ret;

	memset(set, 0, sizeof(*set));
	set->start = start;
	set->end = end;
	ret = collect_jump_labels(set, t);
	if (!ret)
		ret = collect_static_calls(set, t);
	if (!ret)
		ret = collect_ftrace(set, t);
	if (ret)
		goto fail;
	sort(set->src, set->nsrc, sizeof(*set->src), cmp_src, NULL);
	/* Room for the kprobes a refresh may add. */
	set->cap = set->nsrc + 256;
	set->out = vmalloc(array_size(set->cap, sizeof(*set->out)));
	if (set->out)
		return 0;
	ret = -ENOMEM;
fail:
	clkrg_sites_free(set);
	return ret;
}

void clkrg_sites_free(struct clkrg_site_set *set)
{
	vfree(set->src);
	vfree(set->out);
	set->src = NULL;
	set->out = NULL;
	set->nsrc = 0;
	set->src_cap = 0;
	set->cap = 0;
}

void clkrg_sites_lock(void)
{
	if (S.kprobe_mutex)
		mutex_lock(S.kprobe_mutex);
	if (S.ftrace_lock)
		mutex_lock(S.ftrace_lock);
	mutex_lock(S.text_mutex);
}

void clkrg_sites_unlock(void)
{
	mutex_unlock(S.text_mutex);
	if (S.ftrace_lock)
		mutex_unlock(S.ftrace_lock);
	if (S.kprobe_mutex)
		mutex_unlock(S.kprobe_mutex);
}

/* A call or jump may only land on the first byte of a kernel function. */
static bool function_entry(u64 dest)
{
	unsigned long size, off;

	return S.text_address(dest) && S.size_offset(dest, &size, &off) &&
	       off == 0;
}

static bool ftrace_dest_ok(u64 ip, u64 dest)
{
	if (dest == S.ftrace_caller || dest == S.ftrace_regs_caller)
		return true;
	if (S.is_ftrace_tramp && S.is_ftrace_tramp(dest))
		return true;
	return S.rec_direct && S.rec_direct(ip) == dest;
}

static bool legit(const struct site_src *s)
{
	const u8 *p = (const u8 *)s->addr;
	struct lkrg_insn in;

	lkrg_insn_decode(p, s->len, s->addr, &in);
	switch (s->kind) {
	case LKRG_SITE_JUMP_LABEL:
		return lkrg_jump_label_site(p, s->len, s->addr, s->aux) ==
		       s->len;
	case LKRG_SITE_FTRACE:
		return in.kind == LKRG_INSN_NOP5 ||
		       (in.kind == LKRG_INSN_CALL32 &&
			ftrace_dest_ok(s->addr, in.dest));
	case LKRG_SITE_STATIC_CALL:
	case SRC_STATIC_TRAMP:
	case SRC_FTRACE_CALLER:
		if (in.kind == LKRG_INSN_NOP5 || in.kind == LKRG_INSN_XOR5RAX ||
		    in.kind == LKRG_INSN_RET5)
			return s->kind != SRC_FTRACE_CALLER;
		return (in.kind == LKRG_INSN_CALL32 ||
			in.kind == LKRG_INSN_JMP32 ||
			in.kind == LKRG_INSN_JCC32) && in.len == s->len &&
		       function_entry(in.dest);
	}
	return false;
}

/* An optimized kprobe: a JMP32 to its detour buffer over 5 bytes. */
static bool optprobe_site(struct kprobe *p, const struct lkrg_insn *in,
			  struct lkrg_site *o)
{
#ifdef CONFIG_OPTPROBES
	struct optimized_kprobe *op;

	if (!(p->flags & KPROBE_FLAG_OPTIMIZED) || in->kind != LKRG_INSN_JMP32)
		return false;
	op = container_of(p, struct optimized_kprobe, kp);
	if (in->dest != (u64)op->optinsn.insn)
		return false;
	o->len = JMP32_INSN_SIZE;
	memcpy(o->canon + 1, op->optinsn.copied_insn, JMP32_INSN_SIZE - 1);
	return true;
#else
	return false;
#endif
}

/* Armed, optimized or idle non-ftrace kprobes, with their original bytes. */
static size_t add_kprobes(struct clkrg_site_set *set, size_t n)
{
	struct kprobe *p;
	unsigned int i;

	if (!S.kprobe_table)
		return n;
	for (i = 0; i < KPROBE_TABLE_SIZE; i++) {
		hlist_for_each_entry(p, &S.kprobe_table[i], hlist) {
			struct lkrg_site *o = &set->out[n];
			const u8 *cur = (const u8 *)p->addr;
			struct lkrg_insn in;

			if (n == set->cap || (p->flags & KPROBE_FLAG_FTRACE) ||
			    !in_set(set, (u64)p->addr, 1))
				continue;
			memset(o, 0, sizeof(*o));
			o->addr = (u64)p->addr;
			o->kind = LKRG_SITE_KPROBE;
			o->canon[0] = p->opcode;
			lkrg_insn_decode(cur, set->end - o->addr, o->addr, &in);
			if (cur[0] == p->opcode || in.kind == LKRG_INSN_INT3)
				o->len = 1;
			else if (!optprobe_site(p, &in, o))
				continue;
			n++;
		}
	}
	return n;
}

/* Whether any non-ftrace kprobe sits in the set's range. */
static bool kprobes_in(const struct clkrg_site_set *set)
{
	struct kprobe *p;
	unsigned int i;

	for (i = 0; S.kprobe_table && i < KPROBE_TABLE_SIZE; i++)
		hlist_for_each_entry(p, &S.kprobe_table[i], hlist)
			if (!(p->flags & KPROBE_FLAG_FTRACE) &&
			    in_set(set, (u64)p->addr, 1))
				return true;
	return false;
}

const struct lkrg_site *clkrg_sites_refresh(struct clkrg_site_set *set,
					    size_t *count)
{
	bool changed = !set->built;
	size_t i, n = 0;

	for (i = 0; i < set->nsrc; i++) {
		bool ok = legit(&set->src[i]);

		if (ok != set->src[i].ok) {
			set->src[i].ok = ok;
			changed = true;
		}
	}
	/* Usually nothing moved: the last array still describes the text. */
	if (!changed && !set->had_kprobes && !kprobes_in(set)) {
		*count = set->nout;
		return set->out;
	}
	for (i = 0; i < set->nsrc && n < set->cap; i++) {
		const struct site_src *s = &set->src[i];
		struct lkrg_site *o = &set->out[n];

		/* Bytes in no legitimate form stay in the hash as they are. */
		if (!s->ok)
			continue;
		memset(o, 0, sizeof(*o));
		o->addr = s->addr;
		o->len = s->len;
		o->kind = s->kind;
		n++;
	}
	set->nout = add_kprobes(set, n);
	set->had_kprobes = set->nout > n;
	if (set->had_kprobes)
		sort(set->out, set->nout, sizeof(*set->out), cmp_site, NULL);
	set->built = true;
	*count = set->nout;
	return set->out;
}
