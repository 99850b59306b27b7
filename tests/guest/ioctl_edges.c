// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_edges: the edges of every /dev/lkrg ioctl that ioctl_contract does
 * not walk, for every command of the table generated from the header
 * (lkrg_ioctls.h), as root. Prints TAP, one result per rule over all
 * commands, so the plan does not change when a command is added.
 *
 * Pointers: NULL, kernel addresses, non-canonical, unmapped, below
 * mmap_min_addr and a struct whose first bytes are mapped but not the rest
 * are EFAULT (EINVAL for the commands whose argument must be 0); a struct
 * ending exactly where the mapping ends is read exactly. Sizes: every size
 * below VER0 is EINVAL; a nonzero byte at each tail position is E2BIG with
 * the module's size written back; a zero tail up to a page is accepted and
 * the bytes past the size are neither read nor written. Every flag bit and
 * every byte of a reserved field (in a struct the command would otherwise
 * act on) is EINVAL. Every unassigned number, with and without direction/size bits,
 * and the table's numbers under other magics are ENOTTY. After each rule
 * the module's state (baseline and policy generation, checks, knobs,
 * blocking, events produced, shutdown) is exactly as before: a refused
 * call changes nothing.
 *
 * Then the commands' own rules where the header fixes them: the usermode
 * helper allow-list's errno table (EINVAL relative, empty or unterminated
 * path, EEXIST, ENOSPC at LKRG_UMH_MAX, ENOENT, EPERM without
 * CAP_SYS_ADMIN), its generation and count, and the array protocol of
 * UMH_LIST and HOOKS (count 0 asks, ENOSPC with the count, stride below
 * VER0, rows written at the caller's stride with the rest of each stride
 * zeroed, nothing past the last row); the list is left as it was found.
 * The same for the owners allowed to redirect kernel functions
 * (HOOK_ALLOW/DENY/ALLOW_LIST: EINVAL for a malformed owner).
 */
#include <stddef.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "lkrg_ioctls.h"
#include "suite.h"
#include "tap.h"

#define PAGE	4096
#define TAILS	64	/* tail positions / sizes tried past the struct */
#define RO_SLOT	512	/* a read-only struct per table row, this far apart */
#define RO_SIZE	(((LKRG_IOC_TABLE_LEN * RO_SLOT) + PAGE - 1) / PAGE * PAGE)
#define UMH_PFX	"/clkrg-edges/"	/* paths this program adds, and removes */
#define HOOK_PFX	"clkrg_edges_"	/* hook owners likewise */

static int fd = -1;
static unsigned char *area;	/* 2 RW pages, then a PROT_NONE page */
static unsigned char *guard, *hole, *ro;
static struct sx_state base;
static char fails[512];
static int nfail;
static __u32 ksize[LKRG_IOC_TABLE_LEN];	/* the module's struct sizes */

#define T(i)	(&lkrg_ioc_table[i])

static void failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failf(const char *fmt, ...)
{
	size_t n = strlen(fails);
	va_list ap;

	nfail++;
	if (n > sizeof(fails) - 80)
		return;
	if (n)
		fails[n++] = ';', fails[n++] = ' ', fails[n] = 0;
	va_start(ap, fmt);
	vsnprintf(fails + n, sizeof(fails) - n, fmt, ap);
	va_end(ap);
}

/*
 * Ends a rule: its calls passed and the module's state is unchanged (with
 * @events, no event was made either; a rule that changes something and
 * puts it back makes events and takes the new counts as its base).
 */
static void rule_ev(const char *desc, int calls, int events)
{
	struct sx_state now;
	char why[256];

	if (sx_snap(fd, &now))
		failf("GET_STATUS after the rule: %s", strerror(errno));
	else if (!sx_same(&base, &now, events, why, sizeof(why)))
		failf("state changed: %s", why);
	else if (!events)
		base = now;
	tap_ok(!nfail, "%s (%d calls), state unchanged", desc, calls);
	if (nfail)
		tap_diag("  %d wrong: %s", nfail, fails);
	nfail = 0;
	fails[0] = 0;
}

static void rule(const char *desc, int calls)
{
	rule_ev(desc, calls, 1);
}

static void expect_err(int ret, int want, const char *name, const char *what)
{
	int err = errno;

	if (ret == -1 && err == want)
		return;
	failf("%s %s: ret %d %s, want %s", name, what, ret,
	      ret == -1 ? strerrorname_np(err) : "", strerrorname_np(want));
}

/* A zeroed struct of @usize bytes for row @i at @p, valid as far as zero is. */
static void *put(unsigned char *p, int i, __u32 usize, size_t clear)
{
	memset(p, 0, clear);
	memcpy(p, &usize, 4);
	/* zero is valid for every field except these (the strides of the
	 * array commands; a zero path is EINVAL, as UMH_ADD/DEL are admin) */
	if (T(i)->nr == _IOC_NR(LKRG_IOC_POLICY_GET))
		((struct lkrg_policy_get *)p)->knob_size = LKRG_KNOB_SIZE_VER0;
	if (T(i)->nr == _IOC_NR(LKRG_IOC_STATS))
		((struct lkrg_stats *)p)->row_size = LKRG_STATS_ROW_SIZE_VER0;
	if (T(i)->nr == _IOC_NR(LKRG_IOC_HOOKS))
		((struct lkrg_stats *)p)->row_size = LKRG_HOOK_ROW_SIZE_VER0;
	if (T(i)->nr == _IOC_NR(LKRG_IOC_UMH_LIST))
		((struct lkrg_umh_list *)p)->entry_size = LKRG_UMH_ENTRY_SIZE_VER0;
	if (T(i)->nr == _IOC_NR(LKRG_IOC_HOOK_ALLOW_LIST))
		((struct lkrg_hook_allow_list *)p)->entry_size =
			LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0;
	return p;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

/* Commands a valid zeroed struct may run without changing anything. */
static int harmless(int i)
{
	return !T(i)->admin && T(i)->size;
}

static void check_table(void)
{
	struct lkrg_hello h = { .size = sizeof(h) };
	__u64 want[4] = { 0 };
	int i, ok = !ioctl(fd, LKRG_IOC_HELLO, &h);

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++)
		want[T(i)->nr / 64] |= 1ULL << (T(i)->nr % 64);
	for (i = 0; i < 4; i++)
		if (h.ioctls[i] != want[i])
			ok = 0;
	tap_ok(ok, "the generated table (%d commands) is exactly HELLO's command bitmask",
	       LKRG_IOC_TABLE_LEN);
	if (!ok)
		tap_diag("  HELLO %016llx %016llx %016llx %016llx, table %016llx %016llx %016llx %016llx",
			 (unsigned long long)h.ioctls[0], (unsigned long long)h.ioctls[1],
			 (unsigned long long)h.ioctls[2], (unsigned long long)h.ioctls[3],
			 (unsigned long long)want[0], (unsigned long long)want[1],
			 (unsigned long long)want[2], (unsigned long long)want[3]);
}

static void bad_pointers(void)
{
	static const struct { unsigned long addr; const char *what; } bad[] = {
		{ 0, "NULL" },
		{ 0xffffffff81000000UL, "kernel text" },
		{ 0xffff888000000000UL, "kernel direct map" },
		{ 0xffffffffff600000UL, "vsyscall page" },
		{ 0xfffffffffffffff8UL, "last kernel word" },
		{ 0x0000800000000000UL, "first non-canonical" },
		{ 0x8000000000000000UL, "non-canonical" },
		{ 0x1000UL, "below mmap_min_addr" },
		{ 0, "unmapped" },
	};
	const size_t nbad = sizeof(bad) / sizeof(bad[0]);
	char what[64];
	int i, calls = 0;
	size_t j;

	for (j = 0; j < nbad; j++) {
		unsigned long a = j == nbad - 1 ? (unsigned long)hole : bad[j].addr;

		for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
			/* SHUTDOWN with 0 would shut down; 0 is API_VERSION's arg */
			if (!T(i)->size && !a)
				continue;
			snprintf(what, sizeof(what), "arg %s 0x%lx", bad[j].what, a);
			expect_err(ioctl(fd, T(i)->cmd, a), T(i)->size ? EFAULT : EINVAL,
				   T(i)->name, what);
			calls++;
		}
	}
	rule("NULL, kernel, non-canonical, low and unmapped pointers: EFAULT (EINVAL where the argument must be 0)",
	     calls);
}

static void partial_mapping(void)
{
	char what[64];
	int i, calls = 0;
	__u32 n;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		__u32 s = T(i)->size;

		if (!s)
			continue;
		/* n bytes mapped before the guard page: the size field or less */
		for (n = 1; n < s; n += n < 8 ? 1 : 13) {
			unsigned char *p = guard - n;
			unsigned char tmp[PAGE];

			put(tmp, i, s, s);
			memcpy(p, tmp, n);
			snprintf(what, sizeof(what), "size %u with %u bytes mapped", s, n);
			expect_err(ioctl(fd, T(i)->cmd, p), EFAULT, T(i)->name, what);
			calls++;
		}
	}
	rule("a struct whose size field is mapped but not all of it: EFAULT", calls);
	calls = 0;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		__u32 s = T(i)->size;
		unsigned char *p = guard - s;
		int ret;

		if (!harmless(i))
			continue;
		put(p, i, s, s);
		ret = ioctl(fd, T(i)->cmd, p);
		calls++;
		if (ret < 0)
			failf("%s ending at the guard page: %s", T(i)->name,
			      strerrorname_np(errno));
	}
	rule("a read-only command's struct ending exactly at an unmapped page is read and written in place",
	     calls);
}

static void short_sizes(void)
{
	char what[64];
	int i, calls = 0;
	__u32 s;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!T(i)->size)
			continue;
		for (s = 0; s < T(i)->size; s++) {
			put(area, i, s, T(i)->size + 8);
			snprintf(what, sizeof(what), "size %u", s);
			expect_err(ioctl(fd, T(i)->cmd, area), EINVAL, T(i)->name, what);
			calls++;
		}
	}
	rule("every size below VER0: EINVAL", calls);
}

static void learn_ksize(void)
{
	int i, calls = 0;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		__u32 got;

		if (!T(i)->size)
			continue;
		put(area, i, PAGE, PAGE);
		area[PAGE - 1] = 0x5a;
		expect_err(ioctl(fd, T(i)->cmd, area), E2BIG, T(i)->name,
			   "size 4096, last byte nonzero");
		calls++;
		memcpy(&got, area, 4);
		ksize[i] = got;
		if (got < T(i)->size || got >= PAGE)
			failf("%s: E2BIG wrote size %u", T(i)->name, got);
	}
	rule("a page-sized struct with its last byte set: E2BIG, ->size set to the module's size (>= VER0)",
	     calls);
}

static void tails(void)
{
	char what[64];
	int i, calls = 0;
	__u32 k, pos, got;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!T(i)->size)
			continue;
		k = ksize[i];
		for (pos = k; pos < k + TAILS; pos++) {
			put(area, i, k + TAILS, k + TAILS + 8);
			area[pos] = 0x80 >> (pos % 8);
			snprintf(what, sizeof(what), "size %u, byte %u nonzero", k + TAILS, pos);
			expect_err(ioctl(fd, T(i)->cmd, area), E2BIG, T(i)->name, what);
			calls++;
			memcpy(&got, area, 4);
			if (got != k)
				failf("%s %s: ->size %u, want %u", T(i)->name, what, got, k);
		}
	}
	rule("a nonzero byte at each position of a larger struct's tail: E2BIG, ->size = the module's size",
	     calls);
	calls = 0;

	/*
	 * Zero tail: accepted. For every command flags = 1 then proves the
	 * tail passed (EINVAL, not E2BIG); read-only commands also run, write
	 * back min(size, module's) and touch nothing past the size.
	 */
	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		__u32 s, one = 1, sizes[TAILS + 2];
		int n = 0, j;

		if (!T(i)->size)
			continue;
		k = ksize[i];
		for (s = k + 1; s <= k + TAILS; s++)
			sizes[n++] = s;
		sizes[n++] = PAGE - 64;
		sizes[n++] = PAGE;
		for (j = 0; j < n; j++) {
			s = sizes[j];
			put(area, i, s, s);
			memset(area + s, 0xa5, 64);	/* canary past the size */
			memcpy(area + 4, &one, 4);
			snprintf(what, sizeof(what), "size %u zero tail, flags 1", s);
			expect_err(ioctl(fd, T(i)->cmd, area), EINVAL, T(i)->name, what);
			calls++;
			if (!harmless(i))
				continue;
			put(area, i, s, s);
			memset(area + s, 0xa5, 64);
			calls++;
			if (ioctl(fd, T(i)->cmd, area)) {
				failf("%s size %u zero tail: %s", T(i)->name, s,
				      strerrorname_np(errno));
				continue;
			}
			memcpy(&got, area, 4);
			if (got != k)
				failf("%s size %u: ->size %u, want %u", T(i)->name, s, got, k);
			if (!all_zero(area + k, s - k) ||
			    area[s] != 0xa5 || area[s + 63] != 0xa5)
				failf("%s size %u: bytes past the module's size or the caller's size written",
				      T(i)->name, s);
		}
	}
	rule("a larger struct with a zero tail (up to a page): accepted, ->size = bytes written, nothing past them touched",
	     calls);
}

/* Reserved members: [from, to) byte ranges per command number. */
#define RSV_END(type, m)	{ offsetof(type, m), sizeof(type) }
#define RSV_ONE(type, m)	{ offsetof(type, m), offsetof(type, m) + sizeof(((type *)0)->m) }

static const struct {
	unsigned int nr;
	struct { size_t from, to; } r[2];
} reserved_map[] = {
	{ _IOC_NR(LKRG_IOC_HELLO), { RSV_END(struct lkrg_hello, reserved0) } },
	{ _IOC_NR(LKRG_IOC_FORCE_RUN), { RSV_END(struct lkrg_check, reserved) } },
	{ _IOC_NR(LKRG_IOC_REBASELINE), { RSV_END(struct lkrg_rebaseline, reserved) } },
	{ _IOC_NR(LKRG_IOC_BLOCK_MODULES_GET),
	  { RSV_ONE(struct lkrg_block_modules, reserved0),
	    RSV_END(struct lkrg_block_modules, reserved) } },
	{ _IOC_NR(LKRG_IOC_BLOCK_MODULES_SET),
	  { RSV_ONE(struct lkrg_block_modules, reserved0),
	    RSV_END(struct lkrg_block_modules, reserved) } },
	{ _IOC_NR(LKRG_IOC_GET_STATUS), { RSV_END(struct lkrg_status, reserved) } },
	{ _IOC_NR(LKRG_IOC_POLICY_GET), { RSV_END(struct lkrg_policy_get, reserved) } },
	{ _IOC_NR(LKRG_IOC_POLICY_SET), { RSV_END(struct lkrg_policy_set, reserved) } },
	{ _IOC_NR(LKRG_IOC_STATS), { RSV_END(struct lkrg_stats, reserved) } },
	{ _IOC_NR(LKRG_IOC_HOOKS), { RSV_END(struct lkrg_stats, reserved) } },
	{ _IOC_NR(LKRG_IOC_UMH_ADD),
	  { RSV_ONE(struct lkrg_umh_edit, reserved0),
	    RSV_END(struct lkrg_umh_edit, reserved) } },
	{ _IOC_NR(LKRG_IOC_UMH_DEL),
	  { RSV_ONE(struct lkrg_umh_edit, reserved0),
	    RSV_END(struct lkrg_umh_edit, reserved) } },
	{ _IOC_NR(LKRG_IOC_UMH_LIST), { RSV_END(struct lkrg_umh_list, reserved) } },
	{ _IOC_NR(LKRG_IOC_HOOK_ALLOW),
	  { RSV_ONE(struct lkrg_hook_allow_edit, reserved0),
	    RSV_END(struct lkrg_hook_allow_edit, reserved) } },
	{ _IOC_NR(LKRG_IOC_HOOK_DENY),
	  { RSV_ONE(struct lkrg_hook_allow_edit, reserved0),
	    RSV_END(struct lkrg_hook_allow_edit, reserved) } },
	{ _IOC_NR(LKRG_IOC_HOOK_ALLOW_LIST),
	  { RSV_END(struct lkrg_hook_allow_list, reserved) } },
};

/*
 * A struct the command would act on: state-changing commands get one that
 * changes something (a check, a new baseline, the current blocking mode
 * set again, a knob set to its value, a path added to the allow-list), so
 * a reserved byte that is not refused shows up as a state change. UMH_DEL
 * gets a path that is not listed: ENOENT instead of EINVAL shows that the
 * reserved byte was let through.
 */
static void valid_for(int i, unsigned char *p)
{
	put(p, i, T(i)->size, T(i)->size + 8);
	if (T(i)->nr == _IOC_NR(LKRG_IOC_BLOCK_MODULES_SET))
		((struct lkrg_block_modules *)p)->mode = base.bm.mode;
	if (T(i)->nr == _IOC_NR(LKRG_IOC_POLICY_SET)) {
		const struct lkrg_knob *k = sx_knob(&base, "expose_addresses");

		strcpy((char *)((struct lkrg_policy_set *)p)->name, "expose_addresses");
		((struct lkrg_policy_set *)p)->value = k ? k->value : 0;
	}
	if (T(i)->nr == _IOC_NR(LKRG_IOC_UMH_ADD) || T(i)->nr == _IOC_NR(LKRG_IOC_UMH_DEL))
		strcpy((char *)((struct lkrg_umh_edit *)p)->path, UMH_PFX "reserved");
	if (T(i)->nr == _IOC_NR(LKRG_IOC_HOOK_ALLOW) ||
	    T(i)->nr == _IOC_NR(LKRG_IOC_HOOK_DENY))
		strcpy((char *)((struct lkrg_hook_allow_edit *)p)->owner,
		       HOOK_PFX "reserved");
}

static void reserved_bytes(void)
{
	char what[64];
	int i, calls = 0, mapped = 0, cmds = 0;
	size_t j, k, b;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!T(i)->size)
			continue;
		cmds++;
		for (j = 0; j < sizeof(reserved_map) / sizeof(reserved_map[0]); j++) {
			if (reserved_map[j].nr != T(i)->nr)
				continue;
			mapped++;
			for (k = 0; k < 2; k++)
				for (b = reserved_map[j].r[k].from; b < reserved_map[j].r[k].to; b++) {
					valid_for(i, area);
					area[b] = 1 << (b % 8);
					snprintf(what, sizeof(what), "reserved byte %zu", b);
					expect_err(ioctl(fd, T(i)->cmd, area), EINVAL,
						   T(i)->name, what);
					calls++;
				}
		}
	}
	if (mapped != cmds)
		tap_diag("  %d of %d struct commands have no reserved map here", cmds - mapped, cmds);
	rule("each byte of every reserved field nonzero, in an otherwise acting struct: EINVAL",
	     calls);
}

static void flag_bits(void)
{
	char what[64];
	int i, b, calls = 0;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!T(i)->size)
			continue;
		for (b = 0; b < 32; b++) {
			__u32 f = 1U << b;

			put(area, i, T(i)->size, T(i)->size + 8);
			memcpy(area + 4, &f, 4);
			snprintf(what, sizeof(what), "flags bit %d", b);
			expect_err(ioctl(fd, T(i)->cmd, area), EINVAL, T(i)->name, what);
			calls++;
		}
	}
	rule("each of the 32 flag bits, alone: EINVAL (no flag is defined)", calls);
}

static void plain_args(void)
{
	static const unsigned long args[] = { 1, 2, 0x1000, 0xffffffff81000000UL, ~0UL };
	char what[64];
	int i, calls = 0;
	size_t j;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (T(i)->size)
			continue;
		for (j = 0; j < sizeof(args) / sizeof(args[0]); j++) {
			snprintf(what, sizeof(what), "arg 0x%lx", args[j]);
			expect_err(ioctl(fd, T(i)->cmd, args[j]), EINVAL, T(i)->name, what);
			calls++;
		}
		snprintf(what, sizeof(what), "arg %p", (void *)area);
		expect_err(ioctl(fd, T(i)->cmd, area), EINVAL, T(i)->name, what);
		calls++;
	}
	rule("plain-argument commands (API_VERSION, SHUTDOWN) with a nonzero argument: EINVAL, no shutdown",
	     calls);
}

static int known_nr(unsigned int nr)
{
	int i;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++)
		if (T(i)->nr == nr)
			return 1;
	return 0;
}

static void unknown_numbers(void)
{
	static const unsigned int sizes[] = { 0, 8, 96, 200, 0x3fff };
	char what[64];
	unsigned int nr, dir;
	int calls = 0, i;
	size_t j;

	put(area, 0, 256, 512);
	for (nr = 0; nr <= LKRG_IOC_NR_MAX; nr++) {
		if (known_nr(nr))
			continue;
		for (dir = 0; dir < 4; dir++)
			for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
				unsigned long cmd = _IOC(dir, LKRG_IOC_MAGIC, nr, sizes[j]);

				snprintf(what, sizeof(what), "cmd 0x%08lx", cmd);
				expect_err(ioctl(fd, cmd, j ? (unsigned long)area : 0),
					   ENOTTY, "unassigned nr", what);
				calls++;
			}
	}
	rule("every unassigned number 0x00-0xff, every direction, sizes 0..0x3fff, arg 0 or a buffer: ENOTTY",
	     calls);
	calls = 0;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		static const unsigned int types[] = { LKRG_IOC_MAGIC - 1,
						      LKRG_IOC_MAGIC + 1, 0x01,
						      0x7f, 0xd0, 0xff };

		for (j = 0; j < sizeof(types) / sizeof(types[0]); j++) {
			unsigned long cmd = (T(i)->cmd & ~(0xffUL << _IOC_TYPESHIFT)) |
					    ((unsigned long)types[j] << _IOC_TYPESHIFT);

			put(area, i, T(i)->size ? T(i)->size : 8, 512);
			snprintf(what, sizeof(what), "cmd 0x%08lx", cmd);
			expect_err(ioctl(fd, cmd, T(i)->size ? (unsigned long)area : 0),
				   ENOTTY, T(i)->name, what);
			calls++;
		}
	}
	rule("every command's number under neighbouring and other magics: ENOTTY", calls);
}

static void other_encodings(void)
{
	struct lkrg_status *st = (void *)area;
	unsigned int dir, sz;
	int calls = 0;

	/* "the size field, not the size encoded in the ioctl number, governs" */
	for (dir = 0; dir < 4; dir++)
		for (sz = 0; sz <= 256; sz += 64) {
			unsigned long cmd = _IOC(dir, LKRG_IOC_MAGIC, _IOC_NR(LKRG_IOC_GET_STATUS), sz);

			memset(area, 0, PAGE);
			st->size = LKRG_STATUS_SIZE_VER0;
			calls++;
			if (ioctl(fd, cmd, area) || st->api_version != LKRG_API_VERSION)
				failf("GET_STATUS as 0x%08lx: %s", cmd, strerrorname_np(errno));
		}
	rule("GET_STATUS's number with any direction/size bits is GET_STATUS (the size field governs)",
	     calls);
}

static void read_only_arg(void)
{
	int i, calls = 0;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!harmless(i))
			continue;
		expect_err(ioctl(fd, T(i)->cmd, ro + RO_SLOT * i), EFAULT, T(i)->name,
			   "read-only struct");
		calls++;
	}
	rule("a read-only command with a valid struct in a read-only page: EFAULT (write-back)",
	     calls);
}

/* ---- the allow-list and the hook table --------------------------------- */

_Static_assert(sizeof(struct lkrg_umh_entry) <= RO_SLOT &&
	       sizeof(struct lkrg_hook_row) <= RO_SLOT, "row fits a slot");
_Static_assert(LKRG_UMH_EDIT_SIZE_VER0 <= RO_SLOT, "edit struct fits a slot");

/* Rows of UMH_LIST and HOOKS: a full list at a stride past VER0, and more. */
static unsigned char rows[16 * PAGE];

static int umh_edit(unsigned long cmd, const char *path, struct lkrg_umh_edit *e)
{
	memset(e, 0, sizeof(*e));
	e->size = sizeof(*e);
	snprintf((char *)e->path, sizeof(e->path), "%s", path);
	return ioctl(fd, cmd, e);
}

/* One array call at @stride; -1/errno as ioctl. */
static int array_call(unsigned long cmd, __u32 count, __u32 stride, void *arr,
		      struct lkrg_umh_list *out)
{
	struct lkrg_umh_list a;	/* the prefix HOOKS' struct lkrg_stats shares */

	_Static_assert(offsetof(struct lkrg_stats, rows) ==
		       offsetof(struct lkrg_umh_list, entries), "array prefix");
	memset(&a, 0, sizeof(a));
	a.size = cmd == LKRG_IOC_HOOKS ? sizeof(struct lkrg_stats) : sizeof(a);
	a.count = count;
	a.entry_size = stride;
	a.entries = (uintptr_t)arr;
	if (ioctl(fd, cmd, &a))
		return -1;
	*out = a;
	return 0;
}

static void expect_ok(int ret, const char *what)
{
	if (ret)
		failf("%s: %s", what, strerrorname_np(errno));
}

/* The list's paths under UMH_PFX, and its count; -1 on error. */
static int umh_ours(__u32 *count)
{
	const __u32 stride = sizeof(struct lkrg_umh_entry);
	struct lkrg_umh_list l;
	int ours = 0;
	__u32 i;

	if (array_call(LKRG_IOC_UMH_LIST, LKRG_UMH_MAX, stride, rows, &l))
		return -1;
	for (i = 0; i < l.count && i < LKRG_UMH_MAX; i++)
		if (!strncmp((char *)rows + i * stride, UMH_PFX, strlen(UMH_PFX)))
			ours++;
	*count = l.count;
	return ours;
}

/* Everything a caller without CAP_SYS_ADMIN is told, in a child. */
static int umh_unprivileged(void)
{
	struct lkrg_umh_edit e;
	struct lkrg_umh_list l;
	int st = 0, bad = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(9);
		bad |= !(umh_edit(LKRG_IOC_UMH_ADD, UMH_PFX "nobody", &e) == -1 && errno == EPERM);
		bad |= !(umh_edit(LKRG_IOC_UMH_DEL, UMH_PFX "0", &e) == -1 && errno == EPERM) << 1;
		bad |= !!array_call(LKRG_IOC_UMH_LIST, 0, 0, NULL, &l) << 2;
		_exit(bad);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 16;
	return WEXITSTATUS(st);
}

static void umh_rules(void)
{
	char path[64];
	const __u32 stride = LKRG_UMH_ENTRY_SIZE_VER0 + 16;
	struct lkrg_umh_list l0 = { 0 }, l = { 0 };
	struct lkrg_umh_edit e;
	struct sx_state after;
	__u32 n0 = 0, n, i, added = 0, found = 0;
	__u64 gen, ev0 = base.st.events_produced, edits = 0;
	int calls = 0, ret;

	/* Start from a list without our paths (a run stopped half-way). */
	ret = umh_ours(&n0);
	if (ret < 0) {
		failf("UMH_LIST: %s", strerrorname_np(errno));
		rule_ev("UMH_ADD/DEL/LIST: errno table, generation, count, array protocol", 1, 0);
		return;
	}
	for (i = 0; ret > 0 && i <= 2 * LKRG_UMH_MAX; i++) {
		if (i < 2 * LKRG_UMH_MAX)
			snprintf(path, sizeof(path), UMH_PFX "%u", i);
		else	/* a reserved byte let through by reserved_bytes() */
			snprintf(path, sizeof(path), UMH_PFX "reserved");
		if (!umh_edit(LKRG_IOC_UMH_DEL, path, &e))
			edits++;
	}
	calls++;
	expect_ok(array_call(LKRG_IOC_UMH_LIST, 0, 0, NULL, &l0), "UMH_LIST count 0");
	n0 = l0.count;

	/* EINVAL: relative, empty, unterminated; the list does not change */
	calls += 4;
	expect_err(umh_edit(LKRG_IOC_UMH_ADD, "clkrg-edges/rel", &e), EINVAL, "UMH_ADD", "relative path");
	expect_err(umh_edit(LKRG_IOC_UMH_ADD, "", &e), EINVAL, "UMH_ADD", "empty path");
	expect_err(umh_edit(LKRG_IOC_UMH_DEL, "", &e), EINVAL, "UMH_DEL", "empty path");
	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	memset(e.path, 'u', sizeof(e.path));
	e.path[0] = '/';
	expect_err(ioctl(fd, LKRG_IOC_UMH_ADD, &e), EINVAL, "UMH_ADD", "path without NUL");

	/* ADD: count and a new generation; again: EEXIST */
	calls += 3;
	ret = umh_edit(LKRG_IOC_UMH_ADD, UMH_PFX "0", &e);
	expect_ok(ret, "UMH_ADD " UMH_PFX "0");
	if (!ret) {
		added++, edits++;
		if (e.count != n0 + 1 || e.generation <= l0.generation)
			failf("UMH_ADD: count %u generation %llu, want %u and > %llu", e.count,
			      (unsigned long long)e.generation, n0 + 1,
			      (unsigned long long)l0.generation);
	}
	gen = e.generation;
	expect_err(umh_edit(LKRG_IOC_UMH_ADD, UMH_PFX "0", &e), EEXIST, "UMH_ADD", "listed path");
	expect_err(umh_edit(LKRG_IOC_UMH_DEL, UMH_PFX "never", &e), ENOENT, "UMH_DEL",
		   "unlisted path");
	ret = umh_edit(LKRG_IOC_UMH_ADD, UMH_PFX "1", &e);
	calls++;
	expect_ok(ret, "UMH_ADD " UMH_PFX "1");
	added += !ret, edits += !ret;

	/* the array protocol: count 0 asks, too small is ENOSPC with the count,
	 * a stride below VER0 is EINVAL, rows at the stride (the rest of each
	 * stride zeroed) and nothing past them */
	calls += 4;
	expect_ok(array_call(LKRG_IOC_UMH_LIST, 0, 0, NULL, &l), "UMH_LIST count 0");
	n = l.count;
	if (n != n0 + added || l.generation <= gen)
		failf("UMH_LIST: %u entries generation %llu, want %u and > %llu", n,
		      (unsigned long long)l.generation, n0 + added, (unsigned long long)gen);
	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	l.count = n - 1;	/* ours made it at least 2 */
	l.entry_size = stride;
	l.entries = (uintptr_t)rows;
	if (n >= 2) {
		expect_err(ioctl(fd, LKRG_IOC_UMH_LIST, &l), ENOSPC, "UMH_LIST",
			   "count one too small");
		if (l.count != n)
			failf("UMH_LIST ENOSPC: count %u, want %u", l.count, n);
	}
	expect_err(array_call(LKRG_IOC_UMH_LIST, n, LKRG_UMH_ENTRY_SIZE_VER0 - 1, rows, &l),
		   EINVAL, "UMH_LIST", "stride VER0-1");
	memset(rows, 0xa5, sizeof(rows));
	calls++;
	expect_ok(array_call(LKRG_IOC_UMH_LIST, n + 1, stride, rows, &l), "UMH_LIST all");
	for (i = 0; i < l.count && i <= n; i++) {
		const struct lkrg_umh_entry *en = (const void *)(rows + i * stride);

		if (en->path[0] != '/' || !memchr(en->path, 0, sizeof(en->path)) ||
		    !all_zero(rows + i * stride + LKRG_UMH_ENTRY_SIZE_VER0,
			      stride - LKRG_UMH_ENTRY_SIZE_VER0))
			failf("UMH_LIST entry %u malformed or the rest of its stride not zeroed", i);
		found += !strcmp((const char *)en->path, UMH_PFX "0") ||
			 !strcmp((const char *)en->path, UMH_PFX "1");
	}
	if (l.count != n || found != added || rows[n * stride] != 0xa5)
		failf("UMH_LIST: %u entries, %u of ours (want %u, %u), row %u written",
		      l.count, found, n, added, n);

	/* fill it: ENOSPC at LKRG_UMH_MAX, also for a new path; then empty ours */
	for (i = 2; n0 + added < LKRG_UMH_MAX && i < 2 * LKRG_UMH_MAX; i++) {
		snprintf(path, sizeof(path), UMH_PFX "%u", i);
		calls++;
		ret = umh_edit(LKRG_IOC_UMH_ADD, path, &e);
		expect_ok(ret, "UMH_ADD while filling");
		added += !ret, edits += !ret;
		if (ret)
			break;
	}
	calls += 3;
	expect_err(umh_edit(LKRG_IOC_UMH_ADD, UMH_PFX "full", &e), ENOSPC, "UMH_ADD",
		   "list full");
	expect_err(umh_edit(LKRG_IOC_UMH_ADD, UMH_PFX "0", &e), EEXIST, "UMH_ADD",
		   "listed path, list full");
	if (umh_ours(&n) != (int)added || n != LKRG_UMH_MAX)
		failf("full list: %u entries, want %d", n, LKRG_UMH_MAX);

	calls++;
	ret = umh_unprivileged();
	if (ret)
		failf("without CAP_SYS_ADMIN: %s%s%s", ret & 1 ? "UMH_ADD not EPERM " : "",
		      ret & 2 ? "UMH_DEL not EPERM " : "",
		      ret & ~3 ? "UMH_LIST failed or the child died" : "");

	for (i = 0; i < 2 * LKRG_UMH_MAX; i++) {
		snprintf(path, sizeof(path), UMH_PFX "%u", i);
		if (!umh_edit(LKRG_IOC_UMH_DEL, path, &e))
			added--, edits++;
		calls++;
	}
	calls += 2;
	expect_err(umh_edit(LKRG_IOC_UMH_DEL, UMH_PFX "0", &e), ENOENT, "UMH_DEL",
		   "deleted path");
	if (added || umh_ours(&n) != 0 || n != n0)
		failf("after deleting ours: %u entries (want %u), %u not deleted", n, n0, added);

	/* The new base: events and the list's generation moved, no more. */
	if (sx_snap(fd, &after)) {
		failf("snapshot: %s", strerrorname_np(errno));
	} else {
		if (after.st.events_produced - ev0 < edits)
			failf("%llu changes made %llu events, want an admin event each",
			      (unsigned long long)edits,
			      (unsigned long long)(after.st.events_produced - ev0));
		if (after.ul.count != base.ul.count)
			failf("allow-list count %u, was %u", after.ul.count, base.ul.count);
		base.st = after.st;
		base.ul = after.ul;
	}
	rule_ev("UMH_ADD/DEL/LIST: EINVAL relative/empty/unterminated path, EEXIST, ENOENT, ENOSPC at LKRG_UMH_MAX, EPERM without CAP_SYS_ADMIN, count and generation, the array protocol; an admin event per change; the list as it was",
		calls, 0);
}

static int hook_edit(unsigned long cmd, const char *owner,
		     struct lkrg_hook_allow_edit *e)
{
	memset(e, 0, sizeof(*e));
	e->size = sizeof(*e);
	snprintf((char *)e->owner, sizeof(e->owner), "%s", owner);
	return ioctl(fd, cmd, e);
}

static int hook_list(__u32 count, __u32 stride, void *arr,
		     struct lkrg_hook_allow_list *out)
{
	memset(out, 0, sizeof(*out));
	out->size = sizeof(*out);
	out->count = count;
	out->entry_size = stride;
	out->entries = (uintptr_t)arr;
	return ioctl(fd, LKRG_IOC_HOOK_ALLOW_LIST, out);
}

/* Allowing and denying without CAP_SYS_ADMIN: EPERM; listing works. */
static int hook_unprivileged(void)
{
	struct lkrg_hook_allow_edit e;
	struct lkrg_hook_allow_list l;
	int st = 0, bad = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			_exit(9);
		bad |= !(hook_edit(LKRG_IOC_HOOK_ALLOW, HOOK_PFX "nobody", &e) == -1 &&
			 errno == EPERM);
		bad |= !(hook_edit(LKRG_IOC_HOOK_DENY, "kernel:klp_*", &e) == -1 &&
			 errno == EPERM) << 1;
		bad |= !!hook_list(0, 0, NULL, &l) << 2;
		_exit(bad);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 16;
	return WEXITSTATUS(st);
}

static void hook_allow_rules(void)
{
	const __u32 stride = LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0 + 16;
	static const char *const bad[] = { "", "*", "kernel:*", "a b", "a*b",
					   "x:y", "mod/x" };
	struct lkrg_hook_allow_list l0, l;
	struct lkrg_hook_allow_edit e;
	struct sx_state after;
	char owner[64];
	__u32 n0, i, added = 0, found = 0;
	__u64 ev0 = base.st.events_produced, edits = 0;
	int calls = 0, ret;
	size_t j;

	/* Ours from a run stopped half-way go first. */
	for (i = 0; i <= LKRG_HOOK_ALLOW_MAX; i++) {
		if (i < LKRG_HOOK_ALLOW_MAX)
			snprintf(owner, sizeof(owner), HOOK_PFX "%u", i);
		else
			snprintf(owner, sizeof(owner), HOOK_PFX "reserved");
		if (!hook_edit(LKRG_IOC_HOOK_DENY, owner, &e))
			edits++;
	}
	calls++;
	expect_ok(hook_list(0, 0, NULL, &l0), "HOOK_ALLOW_LIST count 0");
	n0 = l0.count;

	for (j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
		calls += 2;
		expect_err(hook_edit(LKRG_IOC_HOOK_ALLOW, bad[j], &e), EINVAL,
			   "HOOK_ALLOW", bad[j]);
		expect_err(hook_edit(LKRG_IOC_HOOK_DENY, bad[j], &e), EINVAL,
			   "HOOK_DENY", bad[j]);
	}
	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	memset(e.owner, 'u', sizeof(e.owner));
	calls++;
	expect_err(ioctl(fd, LKRG_IOC_HOOK_ALLOW, &e), EINVAL, "HOOK_ALLOW",
		   "owner without NUL");

	calls += 3;
	ret = hook_edit(LKRG_IOC_HOOK_ALLOW, HOOK_PFX "0", &e);
	expect_ok(ret, "HOOK_ALLOW " HOOK_PFX "0");
	if (!ret) {
		added++, edits++;
		if (e.count != n0 + 1 || e.generation <= l0.generation)
			failf("HOOK_ALLOW: count %u generation %llu, want %u and > %llu",
			      e.count, (unsigned long long)e.generation, n0 + 1,
			      (unsigned long long)l0.generation);
	}
	expect_err(hook_edit(LKRG_IOC_HOOK_ALLOW, HOOK_PFX "0", &e), EEXIST,
		   "HOOK_ALLOW", "listed owner");
	expect_err(hook_edit(LKRG_IOC_HOOK_DENY, HOOK_PFX "never", &e), ENOENT,
		   "HOOK_DENY", "unlisted owner");

	/* the array protocol */
	calls += 4;
	expect_ok(hook_list(0, 0, NULL, &l), "HOOK_ALLOW_LIST count 0");
	if (l.count != n0 + added)
		failf("HOOK_ALLOW_LIST: %u entries, want %u", l.count, n0 + added);
	if (l.count >= 2) {
		__u32 want = l.count;

		expect_err(hook_list(want - 1, stride, rows, &l), ENOSPC,
			   "HOOK_ALLOW_LIST", "count one too small");
		if (l.count != want)
			failf("HOOK_ALLOW_LIST ENOSPC: count %u, want %u", l.count, want);
	}
	expect_err(hook_list(n0 + added, LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0 - 1, rows, &l),
		   EINVAL, "HOOK_ALLOW_LIST", "stride VER0-1");
	memset(rows, 0xa5, sizeof(rows));
	expect_ok(hook_list(n0 + added + 1, stride, rows, &l), "HOOK_ALLOW_LIST all");
	for (i = 0; i < l.count && i <= n0 + added; i++) {
		const struct lkrg_hook_allow_entry *en = (const void *)(rows + i * stride);

		if (!en->owner[0] || !memchr(en->owner, 0, sizeof(en->owner)) ||
		    en->reserved ||
		    !all_zero(rows + i * stride + LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0,
			      stride - LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0))
			failf("HOOK_ALLOW_LIST entry %u malformed or its stride not zeroed", i);
		found += !strcmp((const char *)en->owner, HOOK_PFX "0");
	}
	if (l.count != n0 + added || found != added ||
	    rows[(n0 + added) * stride] != 0xa5)
		failf("HOOK_ALLOW_LIST: %u entries, %u of ours, the row past them written",
		      l.count, found);

	/* fill it: ENOSPC at LKRG_HOOK_ALLOW_MAX */
	for (i = 1; n0 + added < LKRG_HOOK_ALLOW_MAX && i < LKRG_HOOK_ALLOW_MAX; i++) {
		snprintf(owner, sizeof(owner), HOOK_PFX "%u", i);
		calls++;
		ret = hook_edit(LKRG_IOC_HOOK_ALLOW, owner, &e);
		expect_ok(ret, "HOOK_ALLOW while filling");
		added += !ret, edits += !ret;
		if (ret)
			break;
	}
	calls++;
	expect_err(hook_edit(LKRG_IOC_HOOK_ALLOW, HOOK_PFX "full", &e), ENOSPC,
		   "HOOK_ALLOW", "list full");

	calls++;
	ret = hook_unprivileged();
	if (ret)
		failf("without CAP_SYS_ADMIN: %s%s%s", ret & 1 ? "HOOK_ALLOW not EPERM " : "",
		      ret & 2 ? "HOOK_DENY not EPERM " : "",
		      ret & ~3 ? "HOOK_ALLOW_LIST failed or the child died" : "");

	for (i = 0; i < LKRG_HOOK_ALLOW_MAX; i++) {
		snprintf(owner, sizeof(owner), HOOK_PFX "%u", i);
		if (!hook_edit(LKRG_IOC_HOOK_DENY, owner, &e))
			added--, edits++;
		calls++;
	}
	if (added || hook_list(0, 0, NULL, &l) || l.count != n0)
		failf("after denying ours: %u entries (want %u), %u not denied",
		      l.count, n0, added);
	if (sx_snap(fd, &after)) {
		failf("snapshot: %s", strerrorname_np(errno));
	} else {
		if (after.st.events_produced - ev0 < edits)
			failf("%llu changes made %llu events, want an admin event each",
			      (unsigned long long)edits,
			      (unsigned long long)(after.st.events_produced - ev0));
		base.st = after.st;
		base.hl = after.hl;
	}
	rule_ev("HOOK_ALLOW/DENY/ALLOW_LIST: EINVAL malformed or unterminated owner, EEXIST, ENOENT, ENOSPC at LKRG_HOOK_ALLOW_MAX, EPERM without CAP_SYS_ADMIN, count and generation, the array protocol; an admin event per change; the list as it was",
		calls, 0);
}

static void hooks_rules(void)
{
	const __u32 stride = LKRG_HOOK_ROW_SIZE_VER0 + 8;
	struct lkrg_umh_list a;
	int calls = 4, ret;
	__u32 n, i;

	ret = array_call(LKRG_IOC_HOOKS, 0, 0, NULL, &a);
	expect_ok(ret, "HOOKS count 0");
	n = ret ? 0 : a.count;
	if ((n + 1) * stride > sizeof(rows)) {
		failf("HOOKS: %u rows do not fit the test's buffer", n);
		n = 0;
	}
	if (n >= 2) {
		calls++;
		memset(&a, 0, sizeof(a));
		expect_err(array_call(LKRG_IOC_HOOKS, n - 1, stride, rows, &a), ENOSPC,
			   "HOOKS", "count one too small");
	}
	expect_err(array_call(LKRG_IOC_HOOKS, n + 1, LKRG_HOOK_ROW_SIZE_VER0 - 1, rows, &a),
		   EINVAL, "HOOKS", "stride VER0-1");
	expect_err(array_call(LKRG_IOC_HOOKS, n + 1, PAGE + 8, rows, &a), E2BIG, "HOOKS",
		   "stride above a page");
	memset(rows, 0xa5, sizeof(rows));
	ret = array_call(LKRG_IOC_HOOKS, n + 1, stride, rows, &a);
	expect_ok(ret, "HOOKS all rows");
	if (!ret && a.count != n)
		failf("HOOKS: %u rows, count 0 said %u", a.count, n);
	for (i = 0; !ret && i < n; i++) {
		const struct lkrg_hook_row *r = (const void *)(rows + i * stride);

		if (!r->symbol[0] || !memchr(r->symbol, 0, sizeof(r->symbol)) ||
		    !r->role[0] || !memchr(r->role, 0, sizeof(r->role)) || r->active > 1 ||
		    r->reserved0 || r->reserved[0] || r->reserved[1] ||
		    !all_zero(rows + i * stride + LKRG_HOOK_ROW_SIZE_VER0,
			      stride - LKRG_HOOK_ROW_SIZE_VER0))
			failf("HOOKS row %u malformed or the rest of its stride not zeroed", i);
	}
	if (!ret && rows[n * stride] != 0xa5)
		failf("HOOKS: row %u (past the count) written", n);
	tap_diag("HOOKS: %u rows", n);
	rule("HOOKS: count 0 asks, ENOSPC, stride below VER0 EINVAL and above a page E2BIG, rows at the stride (symbol and role terminated, active 0 or 1, reserved 0, the rest of the stride zeroed), nothing past them",
	     calls);
}

/*
 * Observed, not asserted (the header does not say): a zero tail past a
 * page, and admin commands with a valid struct in read-only memory.
 */
static void observations(void)
{
	struct sx_state a, b;
	char why[256];
	int i, ret;
	__u32 got;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!harmless(i))
			continue;
		put(area, i, PAGE + 8, PAGE + 8);
		ret = ioctl(fd, T(i)->cmd, area);
		memcpy(&got, area, 4);
		tap_diag("note: %s size %d with a zero tail -> %d %s, ->size %u", T(i)->name,
			 PAGE + 8, ret, ret < 0 ? strerrorname_np(errno) : "", got);
		break;
	}

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		if (!T(i)->admin || !T(i)->size || T(i)->nr == 0x05 || T(i)->nr == 0x11)
			continue;
		sx_snap(fd, &a);
		ret = ioctl(fd, T(i)->cmd, ro + RO_SLOT * i);
		sx_snap(fd, &b);
		sx_same(&a, &b, 1, why, sizeof(why));
		tap_diag("note: %s with a valid struct in read-only memory -> %d %s; changed: %s",
			 T(i)->name, ret, ret < 0 ? strerrorname_np(errno) : "",
			 why[0] ? why : "nothing");
	}
}

int main(void)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, RO_SIZE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fd < 0 || area == MAP_FAILED || ro == MAP_FAILED || hole == MAP_FAILED) {
		printf("Bail out! setup: %s\n", strerror(errno));
		return 1;
	}
	guard = area + 2 * PAGE;
	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++)
		if (T(i)->size)
			put(ro + RO_SLOT * i, i, T(i)->size, T(i)->size);
	if (mprotect(guard, PAGE, PROT_NONE) || mprotect(ro, RO_SIZE, PROT_READ) ||
	    munmap(hole, PAGE) || sx_snap(fd, &base)) {
		printf("Bail out! setup: %s\n", strerror(errno));
		return 1;
	}

	check_table();
	bad_pointers();
	partial_mapping();
	short_sizes();
	learn_ksize();
	tails();
	reserved_bytes();
	flag_bits();
	plain_args();
	unknown_numbers();
	other_encodings();
	read_only_arg();
	umh_rules();
	hook_allow_rules();
	hooks_rules();
	observations();
	close(fd);
	return tap_done();
}
