// SPDX-License-Identifier: GPL-2.0
#include <linux/ftrace.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/sort.h>
#include <linux/static_call_types.h>
#include <linux/vmalloc.h>
#include <asm/text-patching.h>
#include "compat/compat.h"
#include "core/x86_insn.h"
#include "ksyms.h"
#include "patch_sites.h"

/* Kinds beyond core/text_sites.h that differ only in how they validate. */
enum { SRC_FTRACE_CALLER = 16, SRC_STATIC_TRAMP };

/* A site known at load; its address never changes, its bytes may. */
struct site_src {
	u64 addr;
	u64 aux;	/* jump label target */
	u64 bytes;	/* its bytes when last validated (seen), masked */
	u64 mask;	/* its bytes in the 8 bytes at addr */
	u8 len;
	u8 kind;	/* lkrg_site_kind or SRC_* */
	bool ok;	/* in a legitimate form at the last refresh */
	bool seen;	/* validated at least once */
	bool vol;	/* its verdict depends on more than its bytes */
};

static const u8 tramp_ud[] = { 0x0f, 0xb9, 0xcc };

/* kernel/kprobes.c: 1 << KPROBE_HASH_BITS buckets in kprobe_table */
#define KPROBE_TABLE_SIZE	64
/* Non-ftrace kprobes a set's range may hold (more are left as plain text). */
#define KP_MAX			256

static struct {
	struct mutex *kprobe_mutex, *ftrace_lock, *text_mutex;
	struct hlist_head *kprobe_table;
	unsigned long ftrace_caller, ftrace_regs_caller;
	unsigned long stext, etext;	/* core text: its symbols never change */
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
	set->src[set->nsrc++] = (struct site_src){
		.addr = addr, .aux = aux, .len = len, .kind = kind,
		.mask = len >= 8 ? ~0ULL : (1ULL << (len * 8)) - 1,
	};
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
	if (S.ftrace_lock)
		mutex_lock(S.ftrace_lock);
	for (it = clkrg_kfn(ftrace_rec_iter_start)(); it && !ret;
	     it = clkrg_kfn(ftrace_rec_iter_next)(it))
		ret = add_src(set, clkrg_kfn(ftrace_rec_iter_record)(it)->ip, 0,
			      MCOUNT_INSN_SIZE, LKRG_SITE_FTRACE);
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
	S.ftrace_caller = clkrg_ksym("ftrace_caller");
	S.stext = clkrg_ksym("_stext");
	S.etext = clkrg_ksym("_etext");
	S.ftrace_regs_caller = clkrg_ksym("ftrace_regs_caller");
	return S.text_mutex ? 0 : -ENOENT;
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
	/*
	 * Room for the kprobes a refresh may add, then the kprobes of the
	 * last refresh and those of this one.
	 */
	set->cap = set->nsrc + KP_MAX;
	set->out = vmalloc(array_size(set->cap + 2 * KP_MAX,
				      sizeof(*set->out)));
	if (set->out) {
		set->kp = set->out + set->cap;
		return 0;
	}
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
	set->kp = NULL;
	set->nkp = 0;
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

	return clkrg_kfn(kernel_text_address)(dest) &&
	       clkrg_kfn(kallsyms_lookup_size_offset)(dest, &size, &off) &&
	       off == 0;
}

/*
 * An ftrace site may call ftrace_caller, ftrace_regs_caller, an ftrace
 * trampoline or the direct call registered for it. Only the first two
 * are fixed: the others are checked again at every check (@vol), so a
 * trampoline or direct call taken out of ftrace's lists shows.
 */
static bool ftrace_dest_ok(u64 ip, u64 dest, bool *vol)
{
	if (dest == S.ftrace_caller || dest == S.ftrace_regs_caller)
		return true;
	*vol = true;
	if (clkrg_kfn(is_ftrace_trampoline)(dest))
		return true;
	return clkrg_kfn(ftrace_find_rec_direct)(ip) == dest;
}

/*
 * Whether the site's bytes are in a legitimate form. @vol says whether
 * the verdict may change while the bytes stay: a call into a trampoline,
 * a direct call, or a function outside core text (a module's, whose
 * symbols go with it). Other verdicts depend on the bytes alone.
 */
static bool legit(const struct site_src *s, bool *vol)
{
	const u8 *p = (const u8 *)s->addr;
	struct lkrg_insn in;

	*vol = false;
	lkrg_insn_decode(p, s->len, s->addr, &in);
	switch (s->kind) {
	case LKRG_SITE_JUMP_LABEL:
		return lkrg_jump_label_site(p, s->len, s->addr, s->aux) ==
		       s->len;
	case LKRG_SITE_FTRACE:
		return in.kind == LKRG_INSN_NOP5 ||
		       (in.kind == LKRG_INSN_CALL32 &&
			ftrace_dest_ok(s->addr, in.dest, vol));
	case LKRG_SITE_STATIC_CALL:
	case SRC_STATIC_TRAMP:
	case SRC_FTRACE_CALLER:
		if (in.kind == LKRG_INSN_NOP5 || in.kind == LKRG_INSN_XOR5RAX ||
		    in.kind == LKRG_INSN_RET5)
			return s->kind != SRC_FTRACE_CALLER;
		if ((in.kind != LKRG_INSN_CALL32 &&
		     in.kind != LKRG_INSN_JMP32 &&
		     in.kind != LKRG_INSN_JCC32) || in.len != s->len)
			return false;
		*vol = in.dest < S.stext || in.dest >= S.etext;
		return function_entry(in.dest);
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

/*
 * Armed, optimized or idle non-ftrace kprobes in the range, with their
 * original bytes, into @kp (KP_MAX at most), sorted by address.
 */
static size_t collect_kprobes(const struct clkrg_site_set *set,
			      struct lkrg_site *kp)
{
	struct kprobe *p;
	unsigned int i;
	size_t n = 0;

	for (i = 0; S.kprobe_table && i < KPROBE_TABLE_SIZE; i++) {
		hlist_for_each_entry(p, &S.kprobe_table[i], hlist) {
			struct lkrg_site *o = &kp[n];
			const u8 *cur = (const u8 *)p->addr;
			struct lkrg_insn in;

			if (n == KP_MAX || (p->flags & KPROBE_FLAG_FTRACE) ||
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
	if (n > 1)
		sort(kp, n, sizeof(*kp), cmp_site, NULL);
	return n;
}

/* The kprobes now; the set is dirty when they differ from the last ones. */
static void update_kprobes(struct clkrg_site_set *set)
{
	struct lkrg_site *kp_now = set->kp + KP_MAX;
	size_t nkp = collect_kprobes(set, kp_now);

	if (nkp == set->nkp && !memcmp(kp_now, set->kp, nkp * sizeof(*kp_now)))
		return;
	memcpy(set->kp, kp_now, nkp * sizeof(*kp_now));
	set->nkp = nkp;
	set->dirty = true;
}

/* The 8 bytes at the site's address, or as many as the range has. */
static u64 site_bytes(const struct clkrg_site_set *set,
		      const struct site_src *s)
{
	u64 v = 0;

	if (s->addr + 8 <= set->end)
		return get_unaligned((const u64 *)s->addr);
	memcpy(&v, (const void *)s->addr, set->end - s->addr);
	return v;
}

/* Validates one site at its bytes @cur; a new verdict makes the set dirty. */
static void validate(struct clkrg_site_set *set, struct site_src *s, u64 cur)
{
	bool vol, ok = legit(s, &vol);

	s->bytes = cur;
	s->seen = true;
	s->vol = vol;
	if (ok != s->ok) {
		s->ok = ok;
		set->dirty = true;
	}
}

/*
 * Validates the sites [from, to) that were never validated, whose
 * verdict is volatile, or whose bytes differ from those of their last
 * validation: comparing the bytes costs a load per site, decoding them
 * several times that.
 */
static void validate_span(struct clkrg_site_set *set, size_t from, size_t to)
{
	struct site_src *s = set->src + from, *end = set->src + to;
	u64 cur;

	/* The sites with 8 readable bytes, then the few at the range's end. */
	for (; s < end && s->addr + 8 <= set->end; s++) {
		cur = get_unaligned((const u64 *)s->addr) & s->mask;
		if (likely(cur == s->bytes && s->seen && !s->vol))
			continue;
		validate(set, s, cur);
	}
	for (; s < end; s++) {
		cur = site_bytes(set, s) & s->mask;
		if (cur != s->bytes || !s->seen || s->vol)
			validate(set, s, cur);
	}
}

/* The sites in a legitimate form and the kprobes, by address. */
static void rebuild(struct clkrg_site_set *set)
{
	size_t i = 0, j = 0, n = 0;

	while (i < set->nsrc || j < set->nkp) {
		const struct site_src *s = &set->src[i];
		struct lkrg_site *o = &set->out[n];

		/* Bytes in no legitimate form stay in the hash as they are. */
		if (i < set->nsrc && !s->ok) {
			i++;
			continue;
		}
		if (j < set->nkp &&
		    (i == set->nsrc || set->kp[j].addr < s->addr)) {
			*o = set->kp[j++];
		} else {
			memset(o, 0, sizeof(*o));
			o->addr = s->addr;
			o->len = s->len;
			o->kind = s->kind;
			i++;
		}
		n++;
	}
	set->nout = n;
	set->gen++;
	set->dirty = false;
	set->built = true;
}

const struct lkrg_site *clkrg_sites_current(struct clkrg_site_set *set,
					    size_t *count, u64 *gen)
{
	/* Usually nothing moved: the last array still describes the text. */
	if (set->dirty || !set->built)
		rebuild(set);
	*count = set->nout;
	if (gen)
		*gen = set->gen;
	return set->out;
}

const struct lkrg_site *clkrg_sites_refresh(struct clkrg_site_set *set,
					    size_t *count)
{
	validate_span(set, 0, set->nsrc);
	update_kprobes(set);
	return clkrg_sites_current(set, count, NULL);
}

u64 clkrg_sites_begin(struct clkrg_site_set *set)
{
	struct site_src *s, *end = set->src + set->nsrc;
	u64 gen;
	size_t n;

	for (s = set->src; s < end; s++)
		if (unlikely(s->vol || !s->seen))
			validate(set, s, site_bytes(set, s) & s->mask);
	update_kprobes(set);
	clkrg_sites_current(set, &n, &gen);
	return gen;
}

void clkrg_sites_validate(struct clkrg_site_set *set, unsigned long start,
			  unsigned long end)
{
	size_t lo = 0, hi = set->nsrc, from;

	/* The first site that ends after @start (sites never overlap). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->src[mid].addr + set->src[mid].len <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	from = lo;
	hi = set->nsrc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->src[mid].addr < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	validate_span(set, from, lo);
}
