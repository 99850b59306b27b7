// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_selfattack: TEST-ONLY module that attacks clkrg itself and the
 * kernel's patch sites the way a kernel write primitive would, and undoes
 * each attack. Never load it on a real system. One attack at a time:
 *
 *   jump_flip=TRACEPOINT   a disabled tracepoint's jump label in core text
 *                          becomes a jump to its target, key untouched
 *   ftrace_nop=FUNCTION    FUNCTION's fentry call (it must be traced)
 *                          becomes a NOP, ftrace's record untouched
 *   scall_flip=1           this module's static call site is pointed at
 *                          another function, key untouched
 *   poke="SYMBOL OFFSET"   the byte at SYMBOL+OFFSET (clkrg's text) is
 *                          inverted through text_poke()
 *   knob_poke="IDX VALUE"  clkrg's knob IDX (policy order) is set to VALUE
 *                          in its read-only page through text_poke()
 *   knob_write=IDX         a plain (no-fault) write to knob IDX; "last"
 *                          says what the write returned
 *   knob_pte_rw=1          clkrg's knob page mapped writable again
 *   hook_silence=FUNCTION  clkrg's hook on FUNCTION taken out as ftrace
 *                          would: record not enabled, call turned to NOP
 *   kprobe_unarm="SYM OFF" a kprobe (kept INT3: it has a post handler) on
 *                          SYM+OFF gets its original byte back, armed
 *   permanent_ops=FUNCTION a livepatch-style ftrace user (PERMANENT,
 *                          IPMODIFY, SAVE_REGS) on FUNCTION: legitimate
 *   restore=1              undoes the active one
 *   cat last               "action address old new" or "none"
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/static_call.h>
#include <linux/tracepoint-defs.h>
#include <asm/text-patching.h>

#include "clkrg_testmod.h"

#define SA_MAX	8

/* The NOPs the kernel writes at a jump label or ftrace site. */
static const u8 nop2[] = { 0x66, 0x90 };
static const u8 nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

enum sa_kind { SA_NONE, SA_TEXT, SA_DATA, SA_PTE, SA_HOOK, SA_KPROBE,
	       SA_OPS };

struct sa_state {
	enum sa_kind kind;
	char what[32];
	unsigned long addr;
	size_t len;
	u8 old[SA_MAX], new[SA_MAX];
	struct dyn_ftrace *rec;
	unsigned long rec_flags;
	long result;
};

typedef void (*text_poke_bp_t)(void *addr, const void *op, size_t len,
			       const void *emulate);
typedef void *(*text_poke_t)(void *addr, const void *op, size_t len);
typedef int (*set_memory_t)(unsigned long addr, int numpages);
typedef long (*copy_nofault_t)(void *dst, const void *src, size_t size);
typedef struct ftrace_rec_iter *(*rec_iter_t)(struct ftrace_rec_iter *it);
typedef struct ftrace_rec_iter *(*rec_start_t)(void);
typedef struct dyn_ftrace *(*rec_record_t)(struct ftrace_rec_iter *it);
typedef unsigned long (*location_t)(unsigned long ip);

static DEFINE_MUTEX(sa_lock);
static struct sa_state sa;
static tm_lookup_name_t lookup_name;
static tm_lookup_size_offset_t lookup_size_offset;
static struct {
	text_poke_bp_t poke_bp;
	text_poke_t poke;
	set_memory_t set_rw, set_ro;
	copy_nofault_t copy_nofault;
	rec_start_t rec_start;
	rec_iter_t rec_next;
	rec_record_t rec_record;
	location_t location;
	struct mutex *text_mutex, *ftrace_lock;
} K;

/* ---- a static call of our own, never called -------------------------- */
static noinline int sa_fn_a(void)
{
	return 1;
}

static noinline int sa_fn_b(void)
{
	return 2;
}

DEFINE_STATIC_CALL(sa_call, sa_fn_a);

static noinline int __used sa_use_call(void)
{
	return static_call(sa_call)() + 1;
}

/* ---- writing ----------------------------------------------------------- */

/*
 * Writes @len bytes of text: an instruction in live code through the INT3
 * breakpoint protocol, a single byte (atomic to execute) directly.
 */
static void write_text(unsigned long addr, const u8 *bytes, size_t len)
{
	mutex_lock(K.text_mutex);
	if (len == 1)
		K.poke((void *)addr, bytes, len);
	else
		K.poke_bp((void *)addr, bytes, len, NULL);
	mutex_unlock(K.text_mutex);
}

/* Writes read-only data as an attacker who can remap a page would. */
static void write_data(unsigned long addr, const u8 *bytes, size_t len)
{
	mutex_lock(K.text_mutex);
	K.poke((void *)addr, bytes, len);
	mutex_unlock(K.text_mutex);
}

static int apply(enum sa_kind kind, const char *what, unsigned long addr,
		 const u8 *new, size_t len)
{
	sa.kind = kind;
	strscpy(sa.what, what, sizeof(sa.what));
	sa.addr = addr;
	sa.len = len;
	memcpy(sa.old, (const void *)addr, len);
	memcpy(sa.new, new, len);
	if (kind == SA_TEXT)
		write_text(addr, new, len);
	else
		write_data(addr, new, len);
	pr_info("%s at %pS (0x%lx): %*ph -> %*ph\n", what, (void *)addr, addr,
		(int)len, sa.old, (int)len, sa.new);
	return memcmp((const void *)addr, new, len) ? -EIO : 0;
}

/* ---- the attacks ------------------------------------------------------- */

static int jump_flip(const char *tp_name)
{
	struct jump_entry *e = (void *)lookup_name("__start___jump_table");
	struct jump_entry *end = (void *)lookup_name("__stop___jump_table");
	unsigned long tp = lookup_name(tp_name), stext = lookup_name("_stext");
	unsigned long etext = lookup_name("_etext");
	struct static_key *key;
	u8 jmp[5];

	if (!tp || !e || !end)
		return -ENOENT;
	key = &((struct tracepoint *)tp)->key;
	if (static_key_enabled(key))
		return -EBUSY;
	for (; e < end; e++) {
		unsigned long code = jump_entry_code(e);
		s32 rel;

		if (jump_entry_key(e) != key || code < stext || code >= etext ||
		    jump_entry_is_branch(e))
			continue;
		if (!memcmp((void *)code, nop5, 5)) {
			rel = jump_entry_target(e) - (code + 5);
			jmp[0] = 0xe9;
			memcpy(jmp + 1, &rel, 4);
			return apply(SA_TEXT, "jump_flip", code, jmp, 5);
		}
		if (!memcmp((void *)code, nop2, 2)) {
			jmp[0] = 0xeb;
			jmp[1] = jump_entry_target(e) - (code + 2);
			return apply(SA_TEXT, "jump_flip", code, jmp, 2);
		}
	}
	return -ENOENT;
}

static int ftrace_nop(const char *fn)
{
	unsigned long ip = K.location(lookup_name(fn));

	if (!ip || *(u8 *)ip != 0xe8)
		return -ENOENT;	/* not traced: turn the tracer on first */
	return apply(SA_TEXT, "ftrace_nop", ip, nop5, 5);
}

static int scall_flip(void)
{
	struct static_call_site *s = THIS_MODULE->static_call_sites;
	unsigned int i;
	u8 call[5];
	s32 rel;

	for (i = 0; s && i < THIS_MODULE->num_static_call_sites; i++, s++) {
		unsigned long addr = (unsigned long)&s->addr + s->addr;

		if (addr < (unsigned long)sa_use_call ||
		    addr >= (unsigned long)sa_use_call + 64 ||
		    *(u8 *)addr != 0xe8)
			continue;
		rel = (unsigned long)sa_fn_b - (addr + 5);
		call[0] = 0xe8;
		memcpy(call + 1, &rel, 4);
		return apply(SA_TEXT, "scall_flip", addr, call, 5);
	}
	return -ENOENT;
}

static int poke(const char *val)
{
	char sym[KSYM_NAME_LEN];
	unsigned long addr, size, off;
	u8 b;

	if (sscanf(val, "%127s %li", sym, &off) != 2)
		return -EINVAL;
	if (tm_symbol_byte(lookup_name, lookup_size_offset, sym, off, &addr,
			   &size))
		return -ENOENT;
	b = *(u8 *)addr ^ 0xff;
	return apply(SA_DATA, "poke", addr, &b, 1);
}

static s64 *knob(unsigned int idx)
{
	s64 **knobs = (s64 **)lookup_name("clkrg_knobs");

	return knobs && idx < 64 ? &(*knobs)[idx] : NULL;
}

static int knob_poke(const char *val)
{
	unsigned int idx;
	s64 v, *k;

	if (sscanf(val, "%u %lli", &idx, &v) != 2)
		return -EINVAL;
	k = knob(idx);
	if (!k)
		return -ENOENT;
	return apply(SA_DATA, "knob_poke", (unsigned long)k, (u8 *)&v, 8);
}

static int knob_write(unsigned int idx)
{
	s64 v = 0, *k = knob(idx);

	if (!k)
		return -ENOENT;
	sa.result = K.copy_nofault(k, &v, sizeof(v));
	pr_info("plain write to knob %u: %ld\n", idx, sa.result);
	strscpy(sa.what, "knob_write", sizeof(sa.what));
	sa.addr = (unsigned long)k;
	return 0;
}

static int knob_pte_rw(void)
{
	s64 *k = knob(0);
	int ret;

	if (!k)
		return -ENOENT;
	ret = K.set_rw((unsigned long)k & PAGE_MASK, 1);
	if (ret)
		return ret;
	sa.kind = SA_PTE;
	strscpy(sa.what, "knob_pte_rw", sizeof(sa.what));
	sa.addr = (unsigned long)k & PAGE_MASK;
	return 0;
}

static struct dyn_ftrace *find_rec(unsigned long ip)
{
	struct ftrace_rec_iter *it;

	for (it = K.rec_start(); it; it = K.rec_next(it))
		if (K.rec_record(it)->ip == ip)
			return K.rec_record(it);
	return NULL;
}

/* As ftrace itself would turn a site off: its record, then its bytes. */
static int hook_silence(const char *fn)
{
	unsigned long ip = K.location(lookup_name(fn));
	int ret = 0;

	if (!ip)
		return -ENOENT;
	mutex_lock(K.ftrace_lock);
	sa.rec = find_rec(ip);
	if (!sa.rec || !(sa.rec->flags & FTRACE_FL_ENABLED)) {
		ret = -ENOENT;
	} else {
		sa.rec_flags = sa.rec->flags;
		sa.rec->flags &= ~FTRACE_FL_ENABLED;
		ret = apply(SA_TEXT, "hook_silence", ip, nop5, 5);
		sa.kind = SA_HOOK;
	}
	mutex_unlock(K.ftrace_lock);
	return ret;
}

static int post_nop(struct kprobe *p, struct pt_regs *r)
{
	return 0;
}

static void post_done(struct kprobe *p, struct pt_regs *r, unsigned long f)
{
}

/* A post handler keeps the probe an INT3 (no optimization). */
static struct kprobe unarm_kp;

static int kprobe_unarm(const char *val)
{
	char sym[KSYM_NAME_LEN];
	unsigned int off;
	int ret;

	if (sscanf(val, "%127s %i", sym, &off) != 2)
		return -EINVAL;
	memset(&unarm_kp, 0, sizeof(unarm_kp));
	unarm_kp.pre_handler = post_nop;
	unarm_kp.post_handler = post_done;
	unarm_kp.symbol_name = sym;
	unarm_kp.offset = off;
	ret = register_kprobe(&unarm_kp);
	if (ret)
		return ret;
	if (*(u8 *)unarm_kp.addr != 0xcc) {
		unregister_kprobe(&unarm_kp);
		return -EBUSY;
	}
	ret = apply(SA_TEXT, "kprobe_unarm", (unsigned long)unarm_kp.addr,
		    &unarm_kp.opcode, 1);
	sa.kind = SA_KPROBE;
	return ret;
}

static void lp_func(unsigned long ip, unsigned long pip, struct ftrace_ops *op,
		    struct ftrace_regs *fregs)
{
}

static struct ftrace_ops lp_ops = {
	.func = lp_func,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_PERMANENT,
};

static int permanent_ops(const char *fn)
{
	unsigned long ip = K.location(lookup_name(fn));
	int ret;

	if (!ip)
		return -ENOENT;
	ret = ftrace_set_filter_ip(&lp_ops, ip, 0, 0);
	if (!ret)
		ret = register_ftrace_function(&lp_ops);
	if (ret) {
		ftrace_free_filter(&lp_ops);
		return ret;
	}
	sa.kind = SA_OPS;
	strscpy(sa.what, "permanent_ops", sizeof(sa.what));
	sa.addr = ip;
	return 0;
}

/* Caller holds sa_lock. */
static int restore_locked(void)
{
	int ret = 0;

	switch (sa.kind) {
	case SA_NONE:
		return -ENOENT;
	case SA_TEXT:
		write_text(sa.addr, sa.old, sa.len);
		break;
	case SA_DATA:
		write_data(sa.addr, sa.old, sa.len);
		break;
	case SA_PTE:
		ret = K.set_ro(sa.addr, 1);
		break;
	case SA_HOOK:
		mutex_lock(K.ftrace_lock);
		write_text(sa.addr, sa.old, sa.len);
		sa.rec->flags = sa.rec_flags;
		mutex_unlock(K.ftrace_lock);
		break;
	case SA_KPROBE:
		/* The INT3 back, then the kprobe goes the normal way. */
		write_text(sa.addr, sa.old, 1);
		unregister_kprobe(&unarm_kp);
		break;
	case SA_OPS:
		unregister_ftrace_function(&lp_ops);
		ftrace_free_filter(&lp_ops);
		break;
	}
	pr_info("restored %s at 0x%lx (%d)\n", sa.what, sa.addr, ret);
	sa.kind = SA_NONE;
	return ret;
}

/* Runs @fn(@val) with nothing else active. */
static int one(const char *val, int (*fn)(const char *))
{
	char arg[KSYM_NAME_LEN + 32];
	int ret;

	strscpy(arg, val, sizeof(arg));
	strim(arg);
	mutex_lock(&sa_lock);
	ret = sa.kind != SA_NONE ? -EBUSY : fn(arg);
	mutex_unlock(&sa_lock);
	if (ret)
		pr_info("refused: %d\n", ret);
	return ret;
}

static int set_jump_flip(const char *v, const struct kernel_param *kp)
{
	return one(v, jump_flip);
}

static int set_ftrace_nop(const char *v, const struct kernel_param *kp)
{
	return one(v, ftrace_nop);
}

static int scall_flip_str(const char *v)
{
	return scall_flip();
}

static int set_scall_flip(const char *v, const struct kernel_param *kp)
{
	return tm_param_one(v) ?: one(v, scall_flip_str);
}

static int set_poke(const char *v, const struct kernel_param *kp)
{
	return one(v, poke);
}

static int set_knob_poke(const char *v, const struct kernel_param *kp)
{
	return one(v, knob_poke);
}

static int knob_write_str(const char *v)
{
	unsigned int idx;

	return kstrtouint(v, 0, &idx) ?: knob_write(idx);
}

static int set_knob_write(const char *v, const struct kernel_param *kp)
{
	return one(v, knob_write_str);
}

static int knob_pte_rw_str(const char *v)
{
	return knob_pte_rw();
}

static int set_knob_pte_rw(const char *v, const struct kernel_param *kp)
{
	return tm_param_one(v) ?: one(v, knob_pte_rw_str);
}

static int set_hook_silence(const char *v, const struct kernel_param *kp)
{
	return one(v, hook_silence);
}

static int set_kprobe_unarm(const char *v, const struct kernel_param *kp)
{
	return one(v, kprobe_unarm);
}

static int set_permanent_ops(const char *v, const struct kernel_param *kp)
{
	return one(v, permanent_ops);
}

static int set_restore(const char *v, const struct kernel_param *kp)
{
	return tm_param_one_locked(v, &sa_lock, restore_locked);
}

static int get_last(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&sa_lock);
	if (!sa.what[0])
		n = sysfs_emit(buf, "none\n");
	else
		n = sysfs_emit(buf, "%s 0x%lx %*phN %*phN %ld\n", sa.what,
			       sa.addr, (int)sa.len, sa.old, (int)sa.len,
			       sa.new, sa.result);
	mutex_unlock(&sa_lock);
	return n;
}

#define SA_PARAM(name, desc)						\
	static const struct kernel_param_ops sa_##name##_ops = {	\
		.set = set_##name };					\
	module_param_cb(name, &sa_##name##_ops, NULL, 0200);		\
	MODULE_PARM_DESC(name, desc)

SA_PARAM(jump_flip, "TRACEPOINT: flip its core jump label to a jump");
SA_PARAM(ftrace_nop, "FUNCTION: NOP its traced fentry call");
SA_PARAM(scall_flip, "1: retarget this module's static call site");
SA_PARAM(poke, "\"SYMBOL OFFSET\": invert that byte with text_poke()");
SA_PARAM(knob_poke, "\"IDX VALUE\": set clkrg's knob IDX with text_poke()");
SA_PARAM(knob_write, "IDX: a plain no-fault write to clkrg's knob IDX");
SA_PARAM(knob_pte_rw, "1: map clkrg's knob page writable");
SA_PARAM(hook_silence, "FUNCTION: take clkrg's hook there out");
SA_PARAM(kprobe_unarm, "\"SYMBOL OFFSET\": an armed kprobe, byte restored");
SA_PARAM(permanent_ops, "FUNCTION: a livepatch-style ftrace user there");
SA_PARAM(restore, "1: undo the active attack");

static const struct kernel_param_ops last_ops = { .get = get_last };
module_param_cb(last, &last_ops, NULL, 0444);
MODULE_PARM_DESC(last, "the last action: what address old new result");

#define RESOLVE(f, name)	(K.f = (void *)lookup_name(name))

static int __init sa_init(void)
{
	int ret = tm_resolve_kallsyms(&lookup_name, &lookup_size_offset);

	if (ret)
		return ret;
	RESOLVE(poke_bp, "text_poke_bp");
	RESOLVE(poke, "text_poke");
	RESOLVE(set_rw, "set_memory_rw");
	RESOLVE(set_ro, "set_memory_ro");
	RESOLVE(copy_nofault, "copy_to_kernel_nofault");
	RESOLVE(rec_start, "ftrace_rec_iter_start");
	RESOLVE(rec_next, "ftrace_rec_iter_next");
	RESOLVE(rec_record, "ftrace_rec_iter_record");
	RESOLVE(location, "ftrace_location");
	RESOLVE(text_mutex, "text_mutex");
	RESOLVE(ftrace_lock, "ftrace_lock");
	if (!K.poke_bp || !K.poke || !K.set_rw || !K.set_ro ||
	    !K.copy_nofault || !K.rec_start || !K.rec_next || !K.rec_record ||
	    !K.location || !K.text_mutex || !K.ftrace_lock)
		return -ENOENT;
	return 0;
}

static void __exit sa_exit(void)
{
	mutex_lock(&sa_lock);
	if (sa.kind != SA_NONE)
		restore_locked();
	mutex_unlock(&sa_lock);
}

module_init(sa_init);
module_exit(sa_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: attacks on clkrg and on patch sites");
