// SPDX-License-Identifier: GPL-2.0
#include <linux/cpu.h>
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
#include "services/ksyms.h"
#include "integrity/patch_sites.h"
#include "integrity/site_state.h"
#include "services/vault.h"

/* A site known at load; its address never changes, its bytes may. */
struct site_src {
	u64 addr;
	u64 aux;	/* jump label target; 1: ftrace_call follows the tracer */
	const void *ref;	/* the kernel's object behind it, or NULL */
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
	struct mutex *jump_label_mutex, *static_call_mutex;
	struct hlist_head *kprobe_table;
} S __ro_after_init;

static bool in_set(const struct clkrg_site_set *set, u64 a, size_t len)
{
	return a >= set->start && a + len <= set->end;
}

/* Grows set->src; sites are collected once, in process context. */
static int add_src(struct clkrg_site_set *set, u64 addr, u64 aux,
		   const void *ref, u8 len, u8 kind)
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
		.addr = addr, .aux = aux, .ref = ref, .len = len, .kind = kind,
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
			ret = add_src(set, code, jump_entry_target(e), e,
				      in.len, LKRG_SITE_JUMP_LABEL);
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
		ret = add_src(set, addr, 0, s,
			      in.kind == LKRG_INSN_JCC32 ? 6 : 5,
			      LKRG_SITE_STATIC_CALL);
	}
	/* Trampolines end in a #UD signature unique to them. */
	for (a = t->tramp; a && a + 8 <= t->tramp_end && !ret; a++)
		if (!memcmp((const u8 *)a + 5, tramp_ud, sizeof(tramp_ud)))
			ret = add_src(set, a, 0, clkrg_site_tramp_key(a), 5,
				      SRC_STATIC_TRAMP);
	return ret;
}

static int collect_ftrace(struct clkrg_site_set *set,
			  const struct clkrg_site_tables *t)
{
	/* aux 1: the site calls the function ftrace traces with. */
	static const struct {
		const char *name;
		u64 follows_tracer;
	} callers[] = {
		{ "ftrace_call", 1 }, { "ftrace_regs_call", 1 },
		{ "ftrace_graph_call", 0 },
	};
	struct ftrace_rec_iter *it;
	struct dyn_ftrace *rec;
	unsigned int i;
	int ret = 0;

	for (i = 0; t->ftrace_callers && i < ARRAY_SIZE(callers) && !ret;
	     i++) {
		unsigned long a = clkrg_ksym(callers[i].name);

		if (a)
			ret = add_src(set, a, callers[i].follows_tracer, NULL,
				      5, SRC_FTRACE_CALLER);
	}
	if (S.ftrace_lock)
		mutex_lock(S.ftrace_lock);
	for (it = clkrg_kfn(ftrace_rec_iter_start)(); it && !ret;
	     it = clkrg_kfn(ftrace_rec_iter_next)(it)) {
		rec = clkrg_kfn(ftrace_rec_iter_record)(it);
		ret = add_src(set, rec->ip, 0, rec, MCOUNT_INSN_SIZE,
			      LKRG_SITE_FTRACE);
	}
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
	RESOLVE(jump_label_mutex, "jump_label_mutex");
	RESOLVE(static_call_mutex, "static_call_mutex");
	RESOLVE(kprobe_table, "kprobe_table");
	if (!S.text_mutex || !S.jump_label_mutex)
		return -ENOENT;
	return clkrg_site_state_init();
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

struct dyn_ftrace *clkrg_sites_ftrace_rec(unsigned long ip)
{
	struct dyn_ftrace *rec = NULL;
	struct ftrace_rec_iter *it;

	if (!S.ftrace_lock)
		return NULL;
	mutex_lock(S.ftrace_lock);
	for (it = clkrg_kfn(ftrace_rec_iter_start)(); it;
	     it = clkrg_kfn(ftrace_rec_iter_next)(it))
		if (clkrg_kfn(ftrace_rec_iter_record)(it)->ip == ip) {
			rec = clkrg_kfn(ftrace_rec_iter_record)(it);
			break;
		}
	mutex_unlock(S.ftrace_lock);
	return rec;
}

/* Moves the collected sites into their vault region, read-only. */
static int seal_set(struct clkrg_site_set *set, const char *name)
{
	size_t src = array_size(set->nsrc, sizeof(*set->src));
	u8 *v;

	/* Room for the kprobes a refresh may add. */
	set->cap = set->nsrc + KP_MAX;
	v = clkrg_vault_alloc(sizeof(*set->h) + src +
			      array_size(set->cap + KP_MAX, sizeof(*set->out)),
			      sizeof(*set->h), name);
	set->kp_now = vmalloc(array_size(KP_MAX, sizeof(*set->kp_now)));
	if (!v || !set->kp_now) {
		clkrg_vault_free(v);
		vfree(set->kp_now);
		return -ENOMEM;
	}
	memcpy(v + sizeof(*set->h), set->src, src);
	vfree(set->src);
	set->h = (struct clkrg_sites_head *)v;
	set->src = (struct site_src *)(v + sizeof(*set->h));
	set->src_cap = set->nsrc;
	set->out = (struct lkrg_site *)(v + sizeof(*set->h) + src);
	set->kp = set->out + set->cap;
	clkrg_vault_close(v);
	return 0;
}

int clkrg_sites_build(struct clkrg_site_set *set, unsigned long start,
		      unsigned long end, const struct clkrg_site_tables *t,
		      const char *name)
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
	if (!ret) {
		sort(set->src, set->nsrc, sizeof(*set->src), cmp_src, NULL);
		ret = seal_set(set, name);
	}
	if (ret) {
		vfree(set->src);
		memset(set, 0, sizeof(*set));
	}
	return ret;
}

/* Frees what @set holds; @set itself may be read-only (module exit). */
void clkrg_sites_free(const struct clkrg_site_set *set)
{
	clkrg_vault_free(set->h);
	vfree(set->kp_now);
}

/* The region open for the writes of one call: opened on first use. */
static void writing(struct clkrg_site_set *set)
{
	if (!set->open)
		clkrg_vault_open(set->h);
	set->open = true;
}

static void written(struct clkrg_site_set *set)
{
	if (set->open)
		clkrg_vault_close(set->h);
	set->open = false;
}

/*
 * The kernel's order: kprobe_mutex, then ftrace_lock (arming an ftrace
 * kprobe), then the CPU hotplug read lock, jump_label_mutex and
 * static_call_mutex (a key update holds them from its state change to
 * its last patched site), and text_mutex last.
 */
void clkrg_sites_lock(void)
{
	if (S.kprobe_mutex)
		mutex_lock(S.kprobe_mutex);
	if (S.ftrace_lock)
		mutex_lock(S.ftrace_lock);
	cpus_read_lock();
	mutex_lock(S.jump_label_mutex);
	if (S.static_call_mutex)
		mutex_lock(S.static_call_mutex);
	mutex_lock(S.text_mutex);
}

void clkrg_sites_unlock(void)
{
	mutex_unlock(S.text_mutex);
	if (S.static_call_mutex)
		mutex_unlock(S.static_call_mutex);
	mutex_unlock(S.jump_label_mutex);
	cpus_read_unlock();
	if (S.ftrace_lock)
		mutex_unlock(S.ftrace_lock);
	if (S.kprobe_mutex)
		mutex_unlock(S.kprobe_mutex);
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

/* Notes a site in no form its state allows, for the check to report. */
static void note_bad(struct clkrg_site_set *set, u64 addr, u8 kind,
		     u64 expect, u64 found)
{
	struct clkrg_bad_site *b = &set->bad[set->nbad];
	unsigned int i;

	/* A volatile site on a changed page is validated twice a check. */
	for (i = 0; i < min_t(unsigned int, set->nbad, CLKRG_BAD_SITES); i++)
		if (set->bad[i].addr == addr)
			return;
	if (set->nbad++ >= CLKRG_BAD_SITES)
		return;
	b->addr = addr;
	b->kind = kind;
	b->expect = expect;
	b->found = found;
	memcpy(&b->bytes, (const void *)addr,
	       min_t(u64, sizeof(b->bytes), set->end - addr));
}

/*
 * The non-ftrace kprobes in the range, into @kp (KP_MAX at most), sorted
 * by address, with their original bytes: an armed one as its INT3, an
 * optimized one (or one still queued to be unoptimized) as its jump, an
 * idle one as the original byte. Any other form stays plain text (its
 * change shows in the hash); an armed kprobe whose INT3 was taken out
 * (the original byte is back, so no hash sees it) is noted as bad.
 */
static size_t collect_kprobes(struct clkrg_site_set *set,
			      struct lkrg_site *kp)
{
	struct kprobe *p;
	unsigned int i;
	size_t n = 0;
	bool armed;

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
			armed = clkrg_site_kprobe_armed(p->flags);
			if (cur[0] == p->opcode && armed)
				note_bad(set, o->addr, LKRG_SITE_KPROBE, 1, 0);
			if (cur[0] == p->opcode ||
			    (armed && in.kind == LKRG_INSN_INT3)) {
				o->len = 1;
			} else if (!optprobe_site(p, &in, o)) {
				note_bad(set, o->addr, LKRG_SITE_KPROBE, armed,
					 in.dest);
				continue;
			}
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
	struct lkrg_site *kp_now = set->kp_now;
	size_t nkp = collect_kprobes(set, kp_now);

	if (nkp == set->h->nkp &&
	    !memcmp(kp_now, set->kp, nkp * sizeof(*kp_now)))
		return;
	writing(set);
	memcpy(set->kp, kp_now, nkp * sizeof(*kp_now));
	set->h->nkp = nkp;
	set->h->dirty = true;
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

/*
 * Validates one site at its bytes @cur; a new verdict makes the set dirty.
 * A bad site is noted, and validated again at every check until it is
 * fixed, so that each check reports it.
 */
static void validate(struct clkrg_site_set *set, struct site_src *s, u64 cur)
{
	struct clkrg_site_verdict v;

	clkrg_site_judge(s->kind, s->addr, s->len, s->aux, s->ref, &v);
	v.vol |= !v.ok;
	if (!v.ok)
		note_bad(set, s->addr, s->kind, v.expect, v.found);
	/* Most validations find what the last one found: no write. */
	if (s->bytes == cur && s->seen && s->vol == v.vol && s->ok == v.ok)
		return;
	writing(set);
	s->bytes = cur;
	s->seen = true;
	s->vol = v.vol;
	if (v.ok != s->ok) {
		s->ok = v.ok;
		set->h->dirty = true;
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

	writing(set);
	while (i < set->nsrc || j < set->h->nkp) {
		const struct site_src *s = &set->src[i];
		struct lkrg_site *o = &set->out[n];

		/* Bytes in no legitimate form stay in the hash as they are. */
		if (i < set->nsrc && !s->ok) {
			i++;
			continue;
		}
		if (j < set->h->nkp &&
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
	set->h->nout = n;
	set->h->gen++;
	set->h->dirty = false;
	set->h->built = true;
}

const struct lkrg_site *clkrg_sites_current(struct clkrg_site_set *set,
					    size_t *count, u64 *gen)
{
	/* Usually nothing moved: the last array still describes the text. */
	if (set->h->dirty || !set->h->built)
		rebuild(set);
	written(set);
	*count = set->h->nout;
	if (gen)
		*gen = set->h->gen;
	return set->out;
}

const struct lkrg_site *clkrg_sites_refresh(struct clkrg_site_set *set,
					    size_t *count)
{
	set->nbad = 0;
	validate_span(set, 0, set->nsrc);
	update_kprobes(set);
	return clkrg_sites_current(set, count, NULL);
}

const char *clkrg_site_kind_name(u8 kind)
{
	switch (kind) {
	case LKRG_SITE_JUMP_LABEL:
		return "jump label";
	case LKRG_SITE_STATIC_CALL:
		return "static call";
	case LKRG_SITE_FTRACE:
		return "ftrace call";
	case LKRG_SITE_KPROBE:
		return "kprobe";
	case SRC_FTRACE_CALLER:
		return "ftrace caller";
	case SRC_STATIC_TRAMP:
		return "static call trampoline";
	default:
		return "patch site";
	}
}

u64 clkrg_sites_begin(struct clkrg_site_set *set)
{
	struct site_src *s, *end = set->src + set->nsrc;
	u64 gen;
	size_t n;

	set->nbad = 0;
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
