// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz: random calls on /dev/lkrg from several processes at once. Prints TAP.
 *
 *   fuzz [--calls N] [--procs P] [--seed S] [--nobody] [--checks K]
 *
 * P processes (default 4) make N calls in all (default 500000): ioctls
 * with command numbers in and around the magic (the known ones from the
 * generated table lkrg_ioctls.h, other numbers, other direction/size bits,
 * neighbouring magics), structs that are valid, truncated, oversized,
 * flagged, mutated or just random bytes, and pointers that are NULL, kernel
 * addresses, non-canonical, unmapped, read-only or straddle an unmapped
 * page; read() with tiny to huge buffers and bad pointers; lseek() with
 * every whence and odd offsets; poll(); and, as root, close and reopen.
 * Each process uses its own descriptors and one shared with the others.
 *
 * Judged: every errno is one the ABI documents; where the fuzzer built an
 * input whose answer the header fixes (unknown number, bad pointer, short
 * size, nonzero flags, nonzero tail, array protocol, knob bounds) it is
 * exactly that answer; records read are well-formed and contiguous per
 * descriptor (a LOST record names exactly the gap), SEEK_CUR reports the
 * cursor; no ioctl changed the descriptor's flags. --nobody: the processes
 * drop to uid/gid 65534 keeping root-opened descriptors; no state-changing
 * command may succeed and the module's state must be unchanged. As root,
 * commands that end the run are never sent (SHUTDOWN with a zero argument,
 * block_modules lock) and at most K valid FORCE_RUN/REBASELINE (default 2
 * per process) and a bounded number of policy and allow-list changes get
 * through; allow-list paths the fuzzer may add or delete are under /fz/
 * only (others are sent with a flag set), and it removes them at the end.
 * Last, the leak assertion: status.objects, read on one handle held
 * throughout, is back to its start value once the processes closed their
 * descriptors. clkrg loaded with test_leak=1 must fail exactly that one.
 */
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <grp.h>

#include "lkrg_ioctls.h"
#include "suite.h"
#include "tap.h"

#define NOBODY		65534
#define MAX_PROCS	16
#define PAGE		4096
#define BUF_PAGES	3		/* RW area before the guard page */
#define ARR_SIZE	(64 * PAGE)	/* POLICY_GET/STATS rows: 64 at the largest stride */
#define RBUF_SIZE	(1024 * 1024)	/* the huge read buffer */
#define MAX_NOTES	6
#define NFD		3		/* rw, ro, shared */
#define REOPEN_EVERY	4000
#define ADMIN_BUDGET	60		/* successful policy/block changes */

/* Command numbers the fuzzer knows the meaning of. */
#define NR(cmd)		_IOC_NR(LKRG_IOC_##cmd)
#define NR_HELLO	NR(HELLO)
#define NR_FORCE_RUN	NR(FORCE_RUN)
#define NR_REBASELINE	NR(REBASELINE)
#define NR_BLOCK_GET	NR(BLOCK_MODULES_GET)
#define NR_BLOCK_SET	NR(BLOCK_MODULES_SET)
#define NR_STATUS	NR(GET_STATUS)
#define NR_SHUTDOWN	NR(SHUTDOWN)
#define NR_POLICY_GET	NR(POLICY_GET)
#define NR_POLICY_SET	NR(POLICY_SET)
#define NR_STATS	NR(STATS)
#define NR_HOOKS	NR(HOOKS)
#define NR_UMH_ADD	NR(UMH_ADD)
#define NR_UMH_DEL	NR(UMH_DEL)
#define NR_UMH_LIST	NR(UMH_LIST)
#define UMH_PFX		"/fz/"	/* the only allow-list paths root may change */
#define NR_HOOK_ALLOW	NR(HOOK_ALLOW)
#define NR_HOOK_DENY	NR(HOOK_DENY)
#define NR_HOOK_LIST	NR(HOOK_ALLOW_LIST)
#define HOOK_PFX	"fz_"	/* the only hook owners root may allow or deny */
#define RO_SLOT		512	/* read-only structs, one per table row */
#define RO_SIZE		((LKRG_IOC_TABLE_LEN * RO_SLOT + PAGE - 1) / PAGE * PAGE)

/* Pointer kinds for ioctl and read arguments. */
enum argk { A_BUF, A_NULL, A_KERNEL, A_NONCANON, A_HOLE, A_LOW, A_RO,
	    A_STRADDLE, A_INT };

static const char *argk_name[] = { "buf", "null", "kernel", "noncanonical",
				   "unmapped", "low", "read-only", "straddle",
				   "int" };

struct proc_res {
	__u64 calls, ioctls, reads, seeks, polls, opens;
	__u64 ioctl_ok, records, lost_records, read_bytes;
	__u64 oracle_checked, oracle_bad;
	__u64 unexpected;
	__u64 rec_bad, seek_bad, poll_bad, flags_bad;
	__u64 admin_ok;		/* state-changing commands that succeeded */
	__u64 checks_ok;	/* FORCE_RUN/REBASELINE that ran */
	__u64 eperm;
	double secs;
	int done;
	int nnotes;
	char notes[MAX_NOTES][200];
};

struct knobinfo {
	char name[LKRG_KNOB_NAME_LEN];
	__s64 min, max;
	__u64 allowed;
	__u32 flags;
	__u32 names;		/* LKRG_KNOB_NAMES_* */
};

static struct {
	unsigned long calls;
	int procs;
	uint64_t seed;
	int nobody;
	int checks;
} opt = { 500000, 4, 0, 0, 2 };

static struct proc_res *res;
static struct knobinfo knobs[SX_MAX_KNOBS];
static unsigned int nknobs, nrows;	/* POLICY_GET and STATS row counts */
static unsigned int nhooks, numh;	/* HOOKS rows, UMH_LIST entries at start */
static unsigned int nhowner;		/* HOOK_ALLOW_LIST entries at start */
static int shared_fd = -1;

/* Per process. */
static struct proc_res *me;
static uint64_t rng;
static int fds[NFD];
static __u64 cursor[NFD];	/* next seq of own fds; 0 = unknown */
static int fl_want[NFD];
static unsigned char *area;	/* BUF_PAGES RW pages, then the guard page */
static unsigned char *guard, *ro, *hole, *arr, *rbuf;
static int checks_left, admin_left;
static char what[200];

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	va_list ap;

	if (me->nnotes >= MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(me->notes[me->nnotes++], sizeof(me->notes[0]), fmt, ap);
	va_end(ap);
}

static __u64 R(__u64 n)
{
	return sx_below(&rng, n);
}

static const struct lkrg_ioc_def *by_nr(unsigned int nr)
{
	int i;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++)
		if (lkrg_ioc_table[i].nr == nr)
			return &lkrg_ioc_table[i];
	return NULL;
}

static int is_vfs_type(unsigned int type)
{
	/* FIGETBSZ (0), FIONBIO/FIOASYNC/FIOCLEX.. ('T'), FIFREEZE ('X'),
	 * FS_IOC_* ('f'), FICLONE (0x94): the VFS answers those itself. */
	return type == 0 || type == 'T' || type == 'X' || type == 'f' ||
	       type == 0x94;
}

static unsigned int rand_ioc_size(void)
{
	static const unsigned int sizes[] = { 0, 4, 8, 40, 56, 64, 96, 200,
					      256, 4096, 0x3fff };

	return R(3) ? sizes[R(sizeof(sizes) / sizeof(sizes[0]))] : R(0x4000);
}

static unsigned long pick_cmd(void)
{
	unsigned int r = R(100), type;
	const struct lkrg_ioc_def *d = &lkrg_ioc_table[R(LKRG_IOC_TABLE_LEN)];

	if (r < 62)
		return d->cmd;
	if (r < 74)
		return _IOC(R(4), LKRG_IOC_MAGIC, R(256), rand_ioc_size());
	if (r < 84)	/* a known nr, another direction or size encoding */
		return _IOC(R(4), LKRG_IOC_MAGIC, d->nr, rand_ioc_size());
	if (r < 94) {
		type = R(2) ? LKRG_IOC_MAGIC + 1 : LKRG_IOC_MAGIC - 1;
		return _IOC(R(4), type, R(3) ? d->nr : R(256), d->size);
	}
	do
		type = R(256);
	while (type == LKRG_IOC_MAGIC || is_vfs_type(type));
	return _IOC(R(4), type, R(256), rand_ioc_size());
}

/* ---- struct contents ------------------------------------------------------- */

struct built {
	enum argk k;
	unsigned char *p;	/* where the struct is, for A_BUF/A_STRADDLE */
	unsigned long arg;
	__u32 usize;
	size_t avail;		/* readable bytes at p (straddle) */
	int known;		/* the content is exactly as built, no mutation */
	int nonzero_tail;
	__u32 flags;
	/* array commands */
	__u32 count, stride;
	int ptr_ok;		/* rows pointer is a writable array */
	/* policy set */
	int knob;		/* index, -1 unknown name, -2 malformed name */
	__s64 value;
	__u64 scope;
	__u32 mode;
	int bad_path;		/* umh add/del: a path the header refuses */
	int bad_owner;		/* hook allow/deny: an owner it refuses */
};

/* The array commands, their row size and row count. */
static const struct array_cmd {
	unsigned int nr;
	__u32 ver0;
	const unsigned int *rows;
} array_cmds[] = {
	{ NR_POLICY_GET, LKRG_KNOB_SIZE_VER0, &nknobs },
	{ NR_STATS, LKRG_STATS_ROW_SIZE_VER0, &nrows },
	{ NR_HOOKS, LKRG_HOOK_ROW_SIZE_VER0, &nhooks },
	{ NR_UMH_LIST, LKRG_UMH_ENTRY_SIZE_VER0, &numh },
	{ NR_HOOK_LIST, LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0, &nhowner },
};

static const struct array_cmd *array_cmd(unsigned int nr)
{
	size_t i;

	for (i = 0; i < sizeof(array_cmds) / sizeof(array_cmds[0]); i++)
		if (array_cmds[i].nr == nr)
			return &array_cmds[i];
	return NULL;
}

/* Rows array command @a has (as root the allow-list may change: with
 * @room, its maximum, where a pointer must have room for every row). */
static unsigned int array_rows(const struct array_cmd *a, int room)
{
	if (room && a->nr == NR_UMH_LIST && !opt.nobody)
		return LKRG_UMH_MAX;
	if (room && a->nr == NR_HOOK_LIST && !opt.nobody)
		return LKRG_HOOK_ALLOW_MAX;
	return *a->rows;
}

/* UMH_ADD/DEL: mostly a /fz/ path, else one the header refuses. */
static void fill_umh_path(struct built *b, unsigned char *p)
{
	struct lkrg_umh_edit *e = (void *)p;
	unsigned int r = R(10);

	b->bad_path = r >= 6;
	if (r < 6)
		snprintf((char *)e->path, sizeof(e->path), UMH_PFX "%llu",
			 (unsigned long long)R(16));
	else if (r < 7)
		strcpy((char *)e->path, "fz/relative");
	else if (r < 8)
		memset(e->path, 0, sizeof(e->path));		/* empty */
	else {
		memset(e->path, 'z', sizeof(e->path));		/* unterminated */
		memcpy(e->path, UMH_PFX, strlen(UMH_PFX));
	}
}

/* HOOK_ALLOW/DENY: mostly a fz_ owner, else one the header refuses. */
static void fill_hook_owner(struct built *b, unsigned char *p)
{
	struct lkrg_hook_allow_edit *e = (void *)p;
	unsigned int r = R(10);

	b->bad_owner = r >= 6;
	if (r < 6)
		snprintf((char *)e->owner, sizeof(e->owner), HOOK_PFX "%llu",
			 (unsigned long long)R(16));
	else if (r < 7)
		strcpy((char *)e->owner, "*");
	else if (r < 8)
		memset(e->owner, 0, sizeof(e->owner));		/* empty */
	else if (r < 9)
		strcpy((char *)e->owner, HOOK_PFX "a b");
	else {
		memset(e->owner, 'z', sizeof(e->owner));	/* unterminated */
		memcpy(e->owner, HOOK_PFX, strlen(HOOK_PFX));
	}
}

static void fill_policy_set(struct built *b, unsigned char *p)
{
	struct lkrg_policy_set *s = (void *)p;
	unsigned int r = R(10);
	const struct knobinfo *k;

	b->knob = -1;
	if (r < 7 && nknobs) {
		b->knob = R(nknobs);
		k = &knobs[b->knob];
		memcpy(s->name, k->name, sizeof(s->name));
		switch (R(6)) {
		case 0: b->value = k->min; break;
		case 1: b->value = k->max; break;
		case 2: b->value = k->min - 1; break;
		case 3: b->value = k->max + 1; break;
		case 4: b->value = k->min + (__s64)R(k->max - k->min + 1); break;
		default: b->value = (__s64)sx_rand(&rng); break;
		}
	} else if (r < 8) {
		memset(s->name, 'k', sizeof(s->name));	/* unterminated */
		b->knob = -2;
	} else if (r < 9 && nknobs) {
		memcpy(s->name, knobs[R(nknobs)].name, sizeof(s->name));
		s->name[sizeof(s->name) - 1] = 'x';	/* garbage after NUL */
		b->knob = -2;
	} else {
		snprintf((char *)s->name, sizeof(s->name), "fz_%llx",
			 (unsigned long long)R(1 << 20));
	}
	s->value = b->value;
}

static void fill_array(struct built *b, unsigned char *p, unsigned int n,
		       unsigned int room, unsigned int elem)
{
	/* POLICY_GET, STATS (and HOOKS), UMH_LIST share this prefix. */
	struct lkrg_stats *a = (void *)p;
	static const __u32 strides_extra[] = { 0, 1, 4096, 4097, 65536 };

	switch (R(6)) {
	case 0: b->count = 0; break;
	case 1: b->count = n ? n - 1 : 0; break;
	case 2: b->count = n + R(8); break;
	case 3: b->count = (__u32)sx_rand(&rng); break;
	default: b->count = n; break;
	}
	switch (R(6)) {
	case 0: b->stride = elem - 1 - R(elem - 1); break;
	case 1: b->stride = elem + 8 * R(64); break;
	case 2: b->stride = strides_extra[R(5)]; break;
	default: b->stride = elem; break;
	}
	a->count = b->count;
	a->row_size = b->stride;
	b->ptr_ok = 0;
	switch (R(8)) {
	case 0: a->rows = 0; break;
	case 1: a->rows = 0xffffffff81000000ULL; break;
	case 2: a->rows = (uintptr_t)hole; break;
	case 3: a->rows = (uintptr_t)ro; break;
	default:
		/* the module writes every row when count >= n: they must fit
		 * (room: the most rows there can be by then) */
		b->ptr_ok = (size_t)room * b->stride <= ARR_SIZE;
		a->rows = b->ptr_ok || b->count < room ? (uintptr_t)arr :
			  0xffffffff81000000ULL;
		break;
	}
}

/* Builds a struct for @d at @p (room for @room bytes). */
static void build_struct(struct built *b, const struct lkrg_ioc_def *d,
			 unsigned char *p, size_t room)
{
	__u32 S = d->size, usize;
	size_t clear = S + 128 < room ? S + 128 : room;
	unsigned int r = R(100);

	memset(p, 0, clear);
	b->known = 1;
	if (r < 60)
		usize = S;
	else if (r < 66)
		usize = 0;
	else if (r < 74)
		usize = S > 1 ? R(S) : 0;
	else if (r < 84)
		usize = S + 1 + R(120);
	else if (r < 94) {
		usize = S + 1 + R(120);
		b->nonzero_tail = 1;
	} else if (r < 97)
		usize = PAGE + 1 + R(PAGE);
	else
		usize = (__u32)sx_rand(&rng);
	if (usize > S && usize <= room && usize - S <= 128 && b->nonzero_tail)
		p[S + R(usize - S)] = 1 + R(255);
	else
		b->nonzero_tail = 0;
	b->usize = usize;
	memcpy(p, &usize, 4);
	b->flags = R(8) ? 0 : (__u32)sx_rand(&rng) | 1;
	memcpy(p + 4, &b->flags, 4);

	switch (d->nr) {
	case NR_REBASELINE:
		b->scope = R(4) ? R(1 << 4) : sx_rand(&rng);
		memcpy(p + 8, &b->scope, 8);
		break;
	case NR_BLOCK_SET:
		b->mode = R(5);
		memcpy(p + 8, &b->mode, 4);
		break;
	case NR_POLICY_GET: case NR_STATS: case NR_HOOKS: case NR_UMH_LIST:
	case NR_HOOK_LIST:
		fill_array(b, p, array_rows(array_cmd(d->nr), 0),
			   array_rows(array_cmd(d->nr), 1), array_cmd(d->nr)->ver0);
		break;
	case NR_UMH_ADD: case NR_UMH_DEL:
		fill_umh_path(b, p);
		break;
	case NR_HOOK_ALLOW: case NR_HOOK_DENY:
		fill_hook_owner(b, p);
		break;
	case NR_POLICY_SET:
		fill_policy_set(b, p);
		break;
	}
	if (!R(5)) {	/* mutate a few bytes anywhere in the struct */
		unsigned int i, n = 1 + R(4);

		for (i = 0; i < n; i++)
			p[R(S + 8 < room ? S + 8 : room)] ^= 1 + R(255);
		b->known = 0;
	}
}

/* ---- the oracle ------------------------------------------------------------ */

#define UNKNOWN	-1000

/* Expected result (0, 1 or -errno) of a struct command as built, or UNKNOWN. */
static int expect_struct(const struct lkrg_ioc_def *d, const struct built *b)
{
	const struct knobinfo *k;

	if (!b->known)
		return UNKNOWN;
	if (b->usize < d->size)
		return -EINVAL;
	if (b->usize > PAGE)
		return -E2BIG;
	if (b->usize > d->size && b->nonzero_tail)
		return -E2BIG;
	if (b->usize > d->size)
		return UNKNOWN;	/* a newer module may know the tail */
	if (b->flags)
		return -EINVAL;
	switch (d->nr) {
	case NR_HELLO: case NR_BLOCK_GET: case NR_STATUS:
		return 0;
	case NR_FORCE_RUN:
		return UNKNOWN;		/* 0 or EOPNOTSUPP (kint_validate 0) */
	case NR_REBASELINE:
		return b->scope & ~0xfULL ? -EINVAL : UNKNOWN;
	case NR_BLOCK_SET:
		return b->mode > LKRG_BLOCK_LOCK ? -EINVAL : 0;
	case NR_POLICY_GET: case NR_STATS: case NR_HOOKS: case NR_UMH_LIST:
	case NR_HOOK_LIST: {
		unsigned int n = array_rows(array_cmd(d->nr), 0);

		if (b->count && b->stride < array_cmd(d->nr)->ver0)
			return -EINVAL;
		if (b->stride > PAGE)
			return -E2BIG;
		if (!b->count)
			return 0;
		/* as root the allow-list changes under the other processes */
		if ((d->nr == NR_UMH_LIST || d->nr == NR_HOOK_LIST) &&
		    !opt.nobody)
			return UNKNOWN;
		if (b->count < n)
			return -ENOSPC;
		return b->ptr_ok ? 0 : UNKNOWN;
	}
	case NR_UMH_ADD: case NR_UMH_DEL:
		/* a valid path: EEXIST, ENOENT, ENOSPC or 0, by the others */
		return b->bad_path ? -EINVAL : UNKNOWN;
	case NR_HOOK_ALLOW: case NR_HOOK_DENY:
		return b->bad_owner ? -EINVAL : UNKNOWN;
	case NR_POLICY_SET:
		if (b->knob == -2)
			return -EINVAL;
		if (b->knob == -1)
			return -ENOENT;
		k = &knobs[b->knob];
		if (k->flags & LKRG_KNOB_F_LOAD_ONLY)
			return -EPERM;
		if (b->value < k->min || b->value > k->max)
			return -ERANGE;
		if ((k->flags & LKRG_KNOB_F_ENUM) &&
		    (b->value < 0 || b->value > 63 ||
		     !(k->allowed & (1ULL << b->value))))
			return -ERANGE;
		return 0;
	}
	return UNKNOWN;
}

static int expect(unsigned long cmd, const struct lkrg_ioc_def *d,
		  const struct built *b)
{
	if (_IOC_TYPE(cmd) != LKRG_IOC_MAGIC || !d)
		return -ENOTTY;
	if (!d->size) {
		if (d->admin && opt.nobody)
			return -EPERM;
		if (b->arg)
			return -EINVAL;
		return d->nr == 0 ? LKRG_API_VERSION : UNKNOWN;
	}
	if (d->admin && opt.nobody)
		return -EPERM;
	switch (b->k) {
	case A_NULL: case A_KERNEL: case A_NONCANON: case A_HOLE: case A_LOW:
	case A_INT:
		return -EFAULT;
	case A_STRADDLE:
		if (b->avail < 4)
			return -EFAULT;
		if (b->usize < d->size)
			return -EINVAL;
		if (b->usize > PAGE)
			return -E2BIG;
		return b->usize <= b->avail ? expect_struct(d, b) : UNKNOWN;
	case A_RO:
		/* valid structs: handled, then the write-back faults */
		return d->admin ? UNKNOWN : -EFAULT;
	case A_BUF:
		return expect_struct(d, b);
	}
	return UNKNOWN;
}

static int allowed_errno(int e)
{
	switch (e) {
	case EINVAL: case E2BIG: case EFAULT: case ENOTTY: case EPERM:
	case ENOSPC: case ENOENT: case ERANGE: case EOPNOTSUPP: case EEXIST:
		return 1;
	}
	return 0;
}

/* ---- one ioctl ------------------------------------------------------------- */

static void choose_arg(struct built *b, const struct lkrg_ioc_def *d)
{
	unsigned int r = R(100);
	static const unsigned long kaddrs[] = { 0xffffffff81000000UL,
						0xffff888000000000UL,
						0xfffffe0000000000UL,
						0xffffffffffffff00UL };
	__u32 S = d && d->size ? d->size : 64;

	if (d && !d->size && R(2)) {
		b->k = A_NULL;
		b->arg = 0;
		return;
	}
	if (r < 68) {
		b->k = A_BUF;
		b->p = area + 8 * R(8);
		b->avail = (size_t)(guard - b->p);
	} else if (r < 73) {
		b->k = A_NULL;
	} else if (r < 77) {
		b->k = A_KERNEL;
		b->arg = kaddrs[R(4)];
	} else if (r < 79) {
		b->k = A_NONCANON;
		b->arg = 0x0000800000000000UL + 8 * R(1 << 20);
	} else if (r < 83) {
		b->k = A_HOLE;
		b->arg = (unsigned long)hole + 8 * R(PAGE / 8);
	} else if (r < 85) {
		b->k = A_LOW;
		b->arg = 8 * R(PAGE / 8);
	} else if (r < 90) {
		b->k = A_RO;
		b->arg = (unsigned long)ro + (d ? RO_SLOT * (d - lkrg_ioc_table) : 0);
	} else if (r < 97) {
		b->k = A_STRADDLE;
		b->avail = 1 + R(S + 16);
		b->p = guard - b->avail;
	} else {
		b->k = A_INT;
		b->arg = R(2) ? 1 + R(PAGE - 1) : ~0UL;
	}
	if (b->k == A_BUF || b->k == A_STRADDLE)
		b->arg = (unsigned long)b->p;
}

/* A struct for @d, with only the readable part kept for a straddle. */
static void fill_struct(struct built *b, const struct lkrg_ioc_def *d)
{
	unsigned char tmp[PAGE];

	if (b->k == A_BUF) {
		build_struct(b, d, b->p, b->avail);
		return;
	}
	memset(tmp, 0, sizeof(tmp));
	build_struct(b, d, tmp, sizeof(tmp));
	memcpy(b->p, tmp, b->avail);
	if (b->avail < 4 || (b->nonzero_tail && b->usize > b->avail))
		b->known = 0;
}

/* Random bytes, mostly zero, sometimes with a plausible size first. */
static void fill_random(struct built *b, const struct lkrg_ioc_def *d)
{
	size_t i, n = b->k == A_BUF ? 8 + R(512) : b->avail;

	for (i = 0; i < n && i < b->avail; i++)
		b->p[i] = R(4) ? 0 : (unsigned char)sx_rand(&rng);
	if (R(2) && n >= 4 && d && d->size) {
		__u32 s = R(2) ? d->size : R(PAGE);

		memcpy(b->p, &s, 4);
	}
	b->known = 0;
}

static void fill_arg(struct built *b, const struct lkrg_ioc_def *d)
{
	if (b->k != A_BUF && b->k != A_STRADDLE)
		return;
	if (d && d->size && R(10))
		fill_struct(b, d);
	else
		fill_random(b, d);
	/* a mutation may have hit the size field: use what is there */
	b->usize = 0;
	if (b->avail >= 4)
		memcpy(&b->usize, b->p, 4);
}

/* Whether knob @name (as in a POLICY_SET struct) takes enforcement levels. */
static int enforce_knob(const __u8 *name)
{
	unsigned int i;

	for (i = 0; i < nknobs; i++)
		if (!strncmp((const char *)name, knobs[i].name, LKRG_KNOB_NAME_LEN))
			return knobs[i].names == LKRG_KNOB_NAMES_ENFORCE;
	return 0;
}

/*
 * As root: never end the run or flood the log. SHUTDOWN only with a
 * nonzero argument; no block_modules lock, no policy lock (the lock knob:
 * one way until reboot, every later change EPERM), no panic enforcement (of any
 * knob taking enforcement levels: kint_, pint_, pcfi_, umh_enforce...), no info
 * log lines; FORCE_RUN/REBASELINE and successful policy changes within
 * their budgets; a state-changing command the fuzzer does not know (one
 * added to the header later) never gets through. Blocked: flags = 1, which
 * no command accepts, or a nonzero argument for a plain-argument command.
 */
static void root_filter(unsigned long cmd, const struct lkrg_ioc_def *d,
			struct built *b)
{
	unsigned int nr = _IOC_NR(cmd);
	int costly = nr == NR_FORCE_RUN || nr == NR_REBASELINE;
	int umh = nr == NR_UMH_ADD || nr == NR_UMH_DEL;
	int hook = nr == NR_HOOK_ALLOW || nr == NR_HOOK_DENY;
	int change = nr == NR_BLOCK_SET || nr == NR_POLICY_SET || umh || hook;
	int unknown = d && d->admin && !costly && !change && nr != NR_SHUTDOWN;
	__u32 one = 1;

	if (opt.nobody || !d)
		return;
	if (!d->size && d->admin && !b->arg) {
		b->k = A_INT;
		b->arg = 1;
	}
	if ((costly && checks_left <= 0) || (change && admin_left <= 0) || unknown) {
		if (b->k == A_RO) {
			b->k = A_NULL;
			b->arg = 0;
		} else if ((b->k == A_BUF || b->k == A_STRADDLE) && b->avail >= 8) {
			memcpy(b->p + 4, &one, 4);
			b->flags = 1;
		} else if (b->k == A_STRADDLE) {
			b->k = A_NULL;
			b->arg = 0;
		}
	}
	/* an absolute path the fuzzer did not make (a mutation) stays out */
	if (umh && (b->k == A_BUF || b->k == A_STRADDLE) && b->avail >= 12 &&
	    b->p[8] == '/' && strncmp((char *)b->p + 8, UMH_PFX, strlen(UMH_PFX))) {
		memcpy(b->p + 4, &one, 4);
		b->flags = 1;
	}
	/* an owner the fuzzer did not make (kernel:klp_*, a mutation) stays */
	if (hook && (b->k == A_BUF || b->k == A_STRADDLE) && b->avail >= 12 &&
	    b->p[8] && strncmp((char *)b->p + 8, HOOK_PFX, strlen(HOOK_PFX))) {
		memcpy(b->p + 4, &one, 4);
		b->flags = 1;
	}
	if (nr == NR_BLOCK_SET && (b->k == A_BUF || b->k == A_STRADDLE) && b->avail >= 12) {
		__u32 mode;

		memcpy(&mode, b->p + 8, 4);
		if (mode == LKRG_BLOCK_LOCK) {
			mode = LKRG_BLOCK_OFF;
			memcpy(b->p + 8, &mode, 4);
			b->mode = mode;
		}
	}
	if (nr == NR_POLICY_SET && (b->k == A_BUF || b->k == A_STRADDLE) &&
	    b->avail >= 8 + LKRG_KNOB_NAME_LEN + 8) {
		struct lkrg_policy_set *s = (void *)b->p;
		__s64 v;

		memcpy(&v, &s->value, 8);
		if ((!strncmp((char *)s->name, "block_modules", LKRG_KNOB_NAME_LEN) &&
		     v == LKRG_BLOCK_LOCK) ||
		    (!strncmp((char *)s->name, "lock", LKRG_KNOB_NAME_LEN) && v) ||
		    (enforce_knob(s->name) && v == LKRG_ENFORCE_PANIC) ||
		    (!strncmp((char *)s->name, "log_level", LKRG_KNOB_NAME_LEN) &&
		     v > LKRG_SEV_NOTICE)) {
			v = 0;
			memcpy(&s->value, &v, 8);
			b->value = 0;
		}
	}
}

/*
 * The array commands write rows through the pointer in the struct. A
 * mutated or random pointer that happens to land in this process's own
 * memory (results, stack, the other buffers) would have the module
 * overwrite it, legitimately: keep that field to the pointers chosen on
 * purpose, or make it a kernel-half address (EFAULT) keeping its low bits.
 */
_Static_assert(offsetof(struct lkrg_policy_get, knobs) ==
	       offsetof(struct lkrg_stats, rows) &&
	       offsetof(struct lkrg_umh_list, entries) ==
	       offsetof(struct lkrg_stats, rows) &&
	       offsetof(struct lkrg_hook_allow_list, entries) ==
	       offsetof(struct lkrg_stats, rows), "rows pointer at one offset");

static void sanitize_rows_ptr(const struct lkrg_ioc_def *d, struct built *b)
{
	const size_t off = offsetof(struct lkrg_stats, rows);
	__u64 v;

	if (!d || !array_cmd(d->nr) ||
	    (b->k != A_BUF && b->k != A_STRADDLE) || b->avail < off + 8)
		return;
	memcpy(&v, b->p + off, 8);
	if (v == 0 || v == (uintptr_t)arr || v == (uintptr_t)hole ||
	    v == (uintptr_t)ro || v >= 0xffff800000000000ULL)
		return;
	v |= 0xffff800000000000ULL;
	memcpy(b->p + off, &v, 8);
	b->ptr_ok = 0;
}

static void do_ioctl(void)
{
	unsigned long cmd = pick_cmd();
	const struct lkrg_ioc_def *d = _IOC_TYPE(cmd) == LKRG_IOC_MAGIC ?
				       by_nr(_IOC_NR(cmd)) : NULL;
	struct built b;
	int fi = R(NFD), ret, err, want, flags;
	unsigned int nr = _IOC_NR(cmd);

	memset(&b, 0, sizeof(b));
	choose_arg(&b, d);
	fill_arg(&b, d);
	root_filter(cmd, d, &b);
	sanitize_rows_ptr(d, &b);
	want = expect(cmd, d, &b);

	ret = ioctl(fds[fi], cmd, b.arg);
	err = errno;
	me->ioctls++;
	if (ret >= 0)
		me->ioctl_ok++;
	if (ret == -1 && err == EPERM)
		me->eperm++;
	snprintf(what, sizeof(what), "ioctl 0x%08lx (%s) arg %s 0x%lx usize %u flags %u known %d -> %d %s",
		 cmd, d ? d->name : "-", argk_name[b.k], b.arg, b.usize, b.flags,
		 b.known, ret, ret < 0 ? strerrorname_np(err) : "");
	if (ret < 0 && !allowed_errno(err)) {
		me->unexpected++;
		note("unexpected errno: %s", what);
	}
	if (want != UNKNOWN) {
		me->oracle_checked++;
		if ((want < 0 && !(ret == -1 && err == -want)) ||
		    (want >= 0 && ret != want)) {
			me->oracle_bad++;
			note("expected %s: %s", want < 0 ? strerrorname_np(-want) : "success",
			     what);
		}
	}
	if (d && d->admin && ret >= 0 && _IOC_TYPE(cmd) == LKRG_IOC_MAGIC) {
		me->admin_ok++;
		if (opt.nobody)
			note("state-changing command succeeded as nobody: %s", what);
		if (nr == NR_FORCE_RUN || nr == NR_REBASELINE)
			checks_left--, me->checks_ok++;
		else
			admin_left--;
	}
	/* a read-only argument still ran the command before the write-back */
	if (d && d->admin && !opt.nobody && b.k == A_RO && ret == -1 && err == EFAULT) {
		if (nr == NR_FORCE_RUN || nr == NR_REBASELINE)
			checks_left--, me->checks_ok++;
	}
	/* write-back of ->size */
	if (ret >= 0 && d && d->size && b.k == A_BUF && b.known) {
		__u32 s;

		memcpy(&s, b.p, 4);
		if (s != (b.usize < d->size ? b.usize : d->size) && b.usize <= d->size) {
			me->oracle_bad++;
			note("->size written back %u: %s", s, what);
		}
	}
	/* E2BIG for the struct size (not the handler's) writes ->size back */
	if (ret == -1 && err == E2BIG && d && d->size && b.k == A_BUF && b.known &&
	    (b.nonzero_tail || b.usize > PAGE)) {
		__u32 s;

		memcpy(&s, b.p, 4);
		if (s < d->size || (b.usize <= PAGE && s >= b.usize)) {
			me->oracle_bad++;
			note("E2BIG wrote ->size %u: %s", s, what);
		}
	}
	flags = fcntl(fds[fi], F_GETFL);
	if (flags != fl_want[fi]) {
		me->flags_bad++;
		note("fd flags 0x%x -> 0x%x after %s", fl_want[fi], flags, what);
		fcntl(fds[fi], F_SETFL, fl_want[fi]);
	}
}

/* ---- read/seek/poll ------------------------------------------------------------ */

static void check_records(int fi, const unsigned char *p, size_t n)
{
	const struct lkrg_event_hdr *h;
	size_t off = 0;
	int bad = 0;

	while ((h = sx_next(p, n, &off, &bad))) {
		const struct lkrg_event_lost *l = sx_lost(h);

		me->records++;
		if (h->type == LKRG_EV_LOST) {
			me->lost_records++;
			if (!l || h->seq || !(h->flags & LKRG_EVF_SYNTHETIC) || !l->count) {
				me->rec_bad++;
				note("bad LOST record on fd %d", fi);
				continue;
			}
			if (cursor[fi] && l->first_seq != cursor[fi]) {
				me->rec_bad++;
				note("fd %d: LOST %llu+%llu, cursor was %llu", fi,
				     (unsigned long long)l->first_seq,
				     (unsigned long long)l->count,
				     (unsigned long long)cursor[fi]);
			}
			if (cursor[fi])
				cursor[fi] = l->first_seq + l->count;
			continue;
		}
		if (h->type < LKRG_EV_VIOLATION || h->type > LKRG_EV_INFO ||
		    !h->seq || !sx_detail(h) || (h->flags & LKRG_EVF_SYNTHETIC)) {
			me->rec_bad++;
			note("fd %d: malformed record type %u seq %llu len %u", fi,
			     h->type, (unsigned long long)h->seq, h->len);
			continue;
		}
		if (cursor[fi] && h->seq != cursor[fi]) {
			me->rec_bad++;
			note("fd %d: record seq %llu, cursor was %llu", fi,
			     (unsigned long long)h->seq, (unsigned long long)cursor[fi]);
		}
		if (cursor[fi])
			cursor[fi] = h->seq + 1;
	}
	if (bad) {
		me->rec_bad++;
		note("fd %d: malformed read buffer (%zu bytes)", fi, n);
	}
}

static void do_read(void)
{
	static const size_t sizes[] = { 0, 1, 8, 39, 40, 63, 64, 527, 528, 529,
					4096, 65536, RBUF_SIZE };
	int fi = R(NFD), r = R(100);
	size_t size = sizes[R(sizeof(sizes) / sizeof(sizes[0]))];
	unsigned char *p = rbuf;
	int ours = 1;
	ssize_t n;

	if (r < 6) {
		p = NULL;
		ours = 0;
	} else if (r < 10) {
		p = (unsigned char *)0xffffffff81000000UL;
		ours = 0;
	} else if (r < 13) {
		p = hole;
		ours = 0;
	} else if (r < 16) {
		p = ro;
		ours = 0;
	} else if (r < 22) {
		/* the buffer ends in the guard page */
		p = guard - 8 * (1 + R(128));
		size = 4096 + R(4096);
	} else if (r < 24) {
		size = (size_t)1 << (20 + R(12));	/* larger than the buffer */
	}
	n = read(fds[fi], p, size);
	me->reads++;
	if (n < 0) {
		if (errno != EAGAIN && errno != EINVAL && errno != EFAULT) {
			me->unexpected++;
			note("read(fd %d, %zu) -> %s", fi, size, strerrorname_np(errno));
		}
		return;
	}
	if (n == 0) {
		me->unexpected++;
		note("read(fd %d, %zu) -> EOF without shutdown", fi, size);
		return;
	}
	me->read_bytes += n;
	if (ours)
		check_records(fi, p, n);
	else
		cursor[fi] = 0;
}

static void do_seek(void)
{
	static const int whences[] = { SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA,
				       SEEK_HOLE, 5, -1 };
	int fi = R(NFD), whence = whences[R(7)];
	off_t off, ret;

	switch (R(8)) {
	case 0: case 1: case 2: off = 0; break;
	case 3: off = 1 + R(64); break;
	case 4: off = cursor[fi] ? (off_t)cursor[fi] - 32 + (off_t)R(64) : 1; break;
	case 5: off = -(off_t)(1 + R(100)); break;
	case 6: off = (off_t)(sx_rand(&rng) >> 1); break;
	default: off = (off_t)R(1 << 20); break;
	}
	ret = lseek(fds[fi], off, whence);
	me->seeks++;
	if (ret < 0) {
		if (errno != EINVAL) {
			me->unexpected++;
			note("lseek(fd %d, %lld, %d) -> %s", fi, (long long)off,
			     whence, strerrorname_np(errno));
		}
		if (whence == SEEK_CUR && off == 0) {
			me->seek_bad++;
			note("SEEK_CUR 0 failed on fd %d", fi);
		}
		return;
	}
	if (off < 0 || whence < 0 || whence > SEEK_END ||
	    (whence != SEEK_SET && off != 0)) {
		me->seek_bad++;
		note("lseek(fd %d, %lld, %d) accepted -> %lld", fi, (long long)off,
		     whence, (long long)ret);
	}
	if (whence == SEEK_SET && off > 0 && ret != off) {
		me->seek_bad++;
		note("SEEK_SET %lld returned %lld", (long long)off, (long long)ret);
	}
	if (fi != 2 && whence == SEEK_CUR && cursor[fi] && (__u64)ret != cursor[fi]) {
		me->seek_bad++;
		note("SEEK_CUR on fd %d: %lld, reads say %llu", fi, (long long)ret,
		     (unsigned long long)cursor[fi]);
	}
	cursor[fi] = fi == 2 ? 0 : (__u64)ret;
}

static void do_poll(void)
{
	struct pollfd p = { .fd = fds[R(NFD)], .events = (short)R(0x10000) };
	int ret = poll(&p, 1, 0);

	me->polls++;
	if (ret < 0 || (p.revents & ~(POLLIN | POLLRDNORM | POLLHUP))) {
		me->poll_bad++;
		note("poll(events 0x%x) -> %d revents 0x%x", (unsigned short)p.events,
		     ret, (unsigned short)p.revents);
	}
}

static int open_own(int fi)
{
	fl_want[fi] = (fi == 0 ? O_RDWR : O_RDONLY) | O_NONBLOCK;
	fds[fi] = open(LKRG_DEVICE_PATH, fl_want[fi] | O_CLOEXEC);
	if (fds[fi] < 0)
		return -1;
	fl_want[fi] = fcntl(fds[fi], F_GETFL);
	me->opens++;
	me->calls++;
	cursor[fi] = lseek(fds[fi], 0, SEEK_CUR);
	me->calls++;
	return 0;
}

/* ---- one process --------------------------------------------------------------- */

static int setup_memory(void)
{
	unsigned char *m;
	unsigned int i;

	area = mmap(NULL, (BUF_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, RO_SIZE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	arr = mmap(NULL, ARR_SIZE + PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rbuf = mmap(NULL, RBUF_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	m = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || ro == MAP_FAILED || arr == MAP_FAILED ||
	    rbuf == MAP_FAILED || m == MAP_FAILED)
		return -1;
	guard = area + BUF_PAGES * PAGE;
	/* guard pages: an overrun faults instead of hitting other memory */
	if (mprotect(guard, PAGE, PROT_NONE) || mprotect(arr + ARR_SIZE, PAGE, PROT_NONE))
		return -1;
	/* read-only: a valid struct per table row at RO_SLOT * row */
	_Static_assert(LKRG_UMH_EDIT_SIZE_VER0 <= RO_SLOT, "structs fit a slot");
	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		const struct lkrg_ioc_def *d = &lkrg_ioc_table[i];
		unsigned char *p = ro + RO_SLOT * i;
		__u32 s = d->size;

		memcpy(p, &s, 4);
		if (d->nr == NR_BLOCK_SET) {
			__u32 mode = 3;	/* out of range: EINVAL */

			memcpy(p + 8, &mode, 4);
		}
		if (d->nr == NR_POLICY_SET)
			strcpy((char *)p + 8, "fz_no_such_knob");
		if (array_cmd(d->nr))
			memcpy(p + 12, &array_cmd(d->nr)->ver0, 4);
		if (d->nr == NR_UMH_ADD || d->nr == NR_UMH_DEL)
			strcpy((char *)p + 8, UMH_PFX "ro");
		if (d->nr == NR_HOOK_ALLOW || d->nr == NR_HOOK_DENY)
			strcpy((char *)p + 8, HOOK_PFX "ro");
	}
	if (mprotect(ro, RO_SIZE, PROT_READ))
		return -1;
	/* a hole: mapped, then unmapped; nothing is mapped later */
	hole = m;
	return munmap(m, PAGE);
}

static int child(int idx, unsigned long calls)
{
	unsigned long i;
	double t0;

	me = &res[idx];
	rng = opt.seed * 0x9E3779B97F4A7C15ULL + idx + 1;
	checks_left = opt.checks;
	admin_left = ADMIN_BUDGET;
	if (setup_memory()) {
		note("memory setup: %s", strerror(errno));
		return 1;
	}
	fds[2] = shared_fd;
	fl_want[2] = fcntl(shared_fd, F_GETFL);
	cursor[2] = 0;
	if (open_own(0) || open_own(1)) {
		note("open: %s", strerror(errno));
		return 1;
	}
	if (opt.nobody && (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
			   setresuid(NOBODY, NOBODY, NOBODY))) {
		note("dropping to %d: %s", NOBODY, strerror(errno));
		return 1;
	}
	t0 = sx_now();
	for (i = 0; me->calls < calls; i++) {
		unsigned int r = R(100);

		if (!opt.nobody && i && !(i % REOPEN_EVERY)) {
			int fi = R(2);

			close(fds[fi]);
			me->calls++;
			if (open_own(fi)) {
				note("reopen: %s", strerror(errno));
				return 1;
			}
			continue;
		}
		if (r < 70)
			do_ioctl();
		else if (r < 85)
			do_read();
		else if (r < 94)
			do_seek();
		else
			do_poll();
		me->calls++;
	}
	me->secs = sx_now() - t0;
	close(fds[0]);
	close(fds[1]);
	close(shared_fd);
	me->done = 1;
	return 0;
}

/* ---- the parent ------------------------------------------------------------------ */

static int learn(int fd)
{
	struct sx_state s;
	struct lkrg_stats st = { .size = sizeof(st),
				 .row_size = sizeof(struct lkrg_stats_row) };
	struct lkrg_stats hk = { .size = sizeof(hk) };
	__u32 i;

	if (sx_snap(fd, &s) || ioctl(fd, LKRG_IOC_STATS, &st) ||
	    ioctl(fd, LKRG_IOC_HOOKS, &hk))
		return -1;
	nrows = st.count;
	nhooks = hk.count;
	numh = s.ul.count;
	nhowner = s.hl.count;
	nknobs = s.pg.count < SX_MAX_KNOBS ? s.pg.count : SX_MAX_KNOBS;
	for (i = 0; i < nknobs; i++) {
		memcpy(knobs[i].name, s.knobs[i].name, sizeof(knobs[i].name));
		knobs[i].min = s.knobs[i].min;
		knobs[i].max = s.knobs[i].max;
		knobs[i].allowed = s.knobs[i].allowed;
		knobs[i].flags = s.knobs[i].flags;
		knobs[i].names = s.knobs[i].names;
	}
	return 0;
}

/* Root's run leaves no /fz/ path on the allow-list; how many it removed. */
static int umh_cleanup(int fd)
{
	static struct lkrg_umh_entry e[LKRG_UMH_MAX];
	struct lkrg_umh_list l = { .size = sizeof(l), .count = LKRG_UMH_MAX,
				   .entry_size = sizeof(e[0]),
				   .entries = (uintptr_t)e };
	struct lkrg_umh_edit d;
	int n = 0;
	__u32 i;

	if (ioctl(fd, LKRG_IOC_UMH_LIST, &l))
		return -1;
	for (i = 0; i < l.count && i < LKRG_UMH_MAX; i++) {
		if (strncmp((char *)e[i].path, UMH_PFX, strlen(UMH_PFX)))
			continue;
		memset(&d, 0, sizeof(d));
		d.size = sizeof(d);
		memcpy(d.path, e[i].path, sizeof(d.path));
		if (ioctl(fd, LKRG_IOC_UMH_DEL, &d))
			return -1;
		n++;
	}
	return n;
}

/* Root's run leaves no fz_ hook owner on the list; how many it removed. */
static int hook_cleanup(int fd)
{
	static struct lkrg_hook_allow_entry e[LKRG_HOOK_ALLOW_MAX];
	struct lkrg_hook_allow_list l = { .size = sizeof(l),
					  .count = LKRG_HOOK_ALLOW_MAX,
					  .entry_size = sizeof(e[0]),
					  .entries = (uintptr_t)e };
	struct lkrg_hook_allow_edit d;
	int n = 0;
	__u32 i;

	if (ioctl(fd, LKRG_IOC_HOOK_ALLOW_LIST, &l))
		return -1;
	for (i = 0; i < l.count && i < LKRG_HOOK_ALLOW_MAX; i++) {
		if (strncmp((char *)e[i].owner, HOOK_PFX, strlen(HOOK_PFX)))
			continue;
		memset(&d, 0, sizeof(d));
		d.size = sizeof(d);
		memcpy(d.owner, e[i].owner, sizeof(d.owner));
		if (ioctl(fd, LKRG_IOC_HOOK_DENY, &d))
			return -1;
		n++;
	}
	return n;
}

#define SUM(f) ({ __u64 _s = 0; for (i = 0; i < opt.procs; i++) _s += res[i].f; _s; })

int main(int argc, char **argv)
{
	struct sx_state before, after;
	pid_t pids[MAX_PROCS];
	int i, mfd, status, exited = 1, n;
	double t0, secs;
	__u64 calls, opens;
	char why[256];

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--calls"))
			opt.calls = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--procs"))
			opt.procs = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			opt.seed = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--checks"))
			opt.checks = atoi(argv[i + 1]);
	}
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--nobody"))
			opt.nobody = 1;
	if (opt.procs < 1 || opt.procs > MAX_PROCS)
		opt.procs = 4;
	if (!opt.seed)
		opt.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_diag("seed %llu (rerun: fuzz --seed %llu --calls %lu --procs %d%s)",
		 (unsigned long long)opt.seed, (unsigned long long)opt.seed,
		 opt.calls, opt.procs, opt.nobody ? " --nobody" : "");

	res = mmap(NULL, sizeof(*res) * MAX_PROCS, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	/* The measuring handle: held throughout, never used by the fuzz. */
	mfd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	n = res != MAP_FAILED && mfd >= 0 && !sx_snap(mfd, &before) && !learn(mfd);
	tap_ok(n,
	       "measuring handle open: objects %llu, %u knobs, %u stats rows, %u hooks, %u allow-list entries, %d commands in the generated table",
	       (unsigned long long)before.st.objects, nknobs, nrows, nhooks, numh,
	       LKRG_IOC_TABLE_LEN);
	if (res == MAP_FAILED || mfd < 0)
		return tap_done();

	shared_fd = open(LKRG_DEVICE_PATH, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	opens = 1;
	if (shared_fd < 0) {
		printf("Bail out! open: %s\n", strerror(errno));
		return 1;
	}
	t0 = sx_now();
	for (i = 0; i < opt.procs; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(child(i, (opt.calls + opt.procs - 1) / opt.procs));
	}
	close(shared_fd);
	for (i = 0; i < opt.procs; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) || !res[i].done) {
			exited = 0;
			tap_diag("process %d: wait status 0x%x", i, status);
		}
	}
	secs = sx_now() - t0;
	calls = SUM(calls);
	opens += SUM(opens);

	tap_ok(calls >= opt.calls,
	       "%d processes made %llu calls as %s in %.1f s: %.0f calls/s (%llu ioctl, %llu read, %llu lseek, %llu poll, %llu open)",
	       opt.procs, (unsigned long long)calls, opt.nobody ? "nobody" : "root",
	       secs, calls / secs, (unsigned long long)SUM(ioctls),
	       (unsigned long long)SUM(reads), (unsigned long long)SUM(seeks),
	       (unsigned long long)SUM(polls), (unsigned long long)SUM(opens));
	tap_ok(exited, "every process exited 0 (no signal, no setup failure)");
	tap_ok(SUM(unexpected) == 0, "every errno is one the ABI documents (%llu unexpected)",
	       (unsigned long long)SUM(unexpected));
	tap_ok(SUM(oracle_bad) == 0 && SUM(oracle_checked) > 0,
	       "the documented result wherever the input fixed it (%llu checked, %llu wrong)",
	       (unsigned long long)SUM(oracle_checked), (unsigned long long)SUM(oracle_bad));
	tap_ok(SUM(rec_bad) == 0,
	       "records read are well-formed and contiguous per descriptor (%llu records, %llu LOST, %llu bytes)",
	       (unsigned long long)SUM(records), (unsigned long long)SUM(lost_records),
	       (unsigned long long)SUM(read_bytes));
	tap_ok(SUM(seek_bad) == 0 && SUM(poll_bad) == 0,
	       "lseek() accepts only what the header allows and SEEK_CUR tells the cursor; poll() reports only IN/RDNORM/HUP (%llu, %llu bad)",
	       (unsigned long long)SUM(seek_bad), (unsigned long long)SUM(poll_bad));
	tap_ok(SUM(flags_bad) == 0, "no ioctl changed a descriptor's file flags");

	if (!opt.nobody) {
		n = umh_cleanup(mfd);
		tap_diag("allow-list: %d /fz/ paths removed%s", n, n < 0 ? " (failed)" : "");
		n = hook_cleanup(mfd);
		tap_diag("hook owners: %d fz_ owners denied%s", n, n < 0 ? " (failed)" : "");
	}
	if (sx_snap(mfd, &after)) {
		printf("Bail out! GET_STATUS after the fuzz: %s\n", strerror(errno));
		return 1;
	}
	if (opt.nobody) {
		tap_ok(SUM(admin_ok) == 0 && SUM(eperm) > 0,
		       "no state-changing command succeeded as nobody (%llu EPERM)",
		       (unsigned long long)SUM(eperm));
		n = sx_same(&before, &after, 0, why, sizeof(why));
		tap_ok(n, "the module's state is unchanged%s%s", n ? "" : ": ", why);
	} else {
		tap_ok(SUM(checks_ok) <= (__u64)opt.checks * opt.procs + opt.procs,
		       "root: %llu FORCE_RUN/REBASELINE ran, %llu policy/block changes (bounded)",
		       (unsigned long long)SUM(checks_ok),
		       (unsigned long long)(SUM(admin_ok) - SUM(checks_ok)));
		tap_ok(!after.st.shutting_down && after.bm.mode != LKRG_BLOCK_LOCK &&
		       !memcmp(before.st.instance_uuid, after.st.instance_uuid, 16),
		       "root: the module is alive, not shutting down, blocking not locked");
	}
	for (i = 0; i < opt.procs; i++) {
		int j;

		for (j = 0; j < res[i].nnotes; j++)
			tap_diag("process %d: %s", i, res[i].notes[j]);
	}
	tap_diag("objects: start %llu end %llu opens %llu",
		 (unsigned long long)before.st.objects,
		 (unsigned long long)after.st.objects, (unsigned long long)opens);
	tap_ok(after.st.objects == before.st.objects,
	       "objects back to the start value after %llu opens and closes (%llu -> %llu)",
	       (unsigned long long)opens, (unsigned long long)before.st.objects,
	       (unsigned long long)after.st.objects);
	close(mfd);
	return tap_done();
}
