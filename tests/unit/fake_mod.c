// SPDX-License-Identifier: GPL-2.0
/* The fake module: see fake_mod.h. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_mod.h"
#include "abi_check.h"

/* Fields the grown ABI of the compatibility test appends (compat/). */
#ifdef CLKRG_TEST_GROWN
#define FAKE_GROWN	0x67726f776eULL	/* "grown" */
#define SET_GROWN(s)	((s)->grown = FAKE_GROWN)
#else
#define SET_GROWN(s)	((void)(s))
#endif

#define MAX_ARG		4096	/* PAGE_SIZE: larger is -E2BIG */

struct fake_dev fake;
off_t (*fake_real_lseek)(int fd, off_t off, int whence);
static struct stat fake_st;
static __u8 loads;	/* each fake_create() is another module load */

int fake_create(void)
{
	__u32 i;
	int fd;

	memset(&fake, 0, sizeof(fake));
	strcpy(fake.path, "/tmp/clkrg-fake-XXXXXX");
	fd = mkstemp(fake.path);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &fake_st)) {
		close(fd);
		return -errno;
	}
	close(fd);
	fake.owner = getpid();
	fake.api_version = LKRG_API_VERSION;
	fake.hello_api = LKRG_API_VERSION;
	sample_enforce_knob(&fake.knobs[0]);
	sample_interval_knob(&fake.knobs[1]);
	fake.nknobs = 2;
	for (i = 0; i < FAKE_KNOBS_MAX; i++)
		SET_GROWN(&fake.knobs[i]);
	fake.nstats = 3;
	fake.nhooks = 2;
	fake.umh_generation = 1;
	fake.umh_refused = 4;
	strcpy((char *)fake.howner[0], "kernel:klp_*");
	fake.nhowner = 1;
	fake.howner_generation = 1;
	fake.generation = 4;
	fake.violations = 2;
	for (i = 0; i < sizeof(fake.instance) - 1; i++)
		fake.instance[i] = (__u8)(0xc0 + i);
	fake.instance[i] = loads++;
	fake.ring_slots = 16;
	fake.next_seq = 1;
	return 0;
}

void fake_destroy(void)
{
	/* A forked child leaves its parent's file alone. */
	if (fake.path[0] && fake.owner == getpid())
		unlink(fake.path);
	memset(&fake, 0, sizeof(fake));	/* other fds are real again */
}

bool fake_is(int fd)
{
	struct stat st;

	return fake.path[0] && !fstat(fd, &st) && st.st_ino == fake_st.st_ino &&
	       st.st_dev == fake_st.st_dev;
}

/* ---- the event ring ------------------------------------------------------ */

static __u64 oldest(void)
{
	return fake.next_seq > fake.ring_slots ?
	       fake.next_seq - fake.ring_slots : 1;
}

__u64 fake_emit(__u16 type, __u16 severity, __u16 object, const char *name)
{
	struct lkrg_event_record r;
	size_t psize = fake.detail_size ? fake.detail_size : sizeof(r.d);
	__u64 seq = fake.next_seq++;
	unsigned int i;

	lkrg_ev_init(&r, type);
	r.hdr.seq = seq;
	r.hdr.mono_ns = 1000000000ULL * seq;
	r.hdr.real_ns = SAMPLE_REAL_NS + 1000000ULL * seq;
	r.d.severity = severity;
	r.d.category = LKRG_CAT_KERNEL;
	r.d.object = object;
	r.d.action = LKRG_ACT_LOGGED;
	r.d.generation = fake.generation;
	memcpy(r.d.instance_uuid, fake.instance, sizeof(r.d.instance_uuid));
	for (i = 0; i < sizeof(r.d.event_uuid); i++)
		r.d.event_uuid[i] = (__u8)(seq + i);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), name);
	lkrg_ev_add_value(&r.d, "hash", 0x1111, 0x2222 + seq);
	SET_GROWN(&r.d);
	if (psize < sizeof(r.d)) {
		/* An older writer: its payload ends at psize. */
		memset((char *)&r.d + psize, 0, sizeof(r.d) - psize);
		r.d.size = (__u32)psize;
		r.hdr.len = (__u32)(sizeof(r.hdr) + ((psize + 7) & ~(size_t)7));
	}
	memcpy(fake.ring[(seq - 1) % fake.ring_slots], &r, sizeof(r));
	return seq;
}

/* The reader's cursor: the file offset (0 before the handshake: the
 * oldest). */
static __u64 cursor(int fd)
{
	off_t pos = fake_real_lseek(fd, 0, SEEK_CUR);

	return pos > 0 ? (__u64)pos : oldest();
}

ssize_t fake_read(int fd, void *buf, size_t len)
{
	unsigned char lost[LKRG_EV_LOST_RECORD_SIZE];
	__u64 cur = cursor(fd), next;
	size_t copied = 0, n;
	const void *rec;

	for (;;) {
		if (cur < oldest()) {
			n = lkrg_ev_make_lost(lost, cur, oldest() - cur, 0, 0, 0);
			rec = lost;
			next = oldest();
		} else if (cur < fake.next_seq) {
			rec = fake.ring[(cur - 1) % fake.ring_slots];
			n = ((const struct lkrg_event_hdr *)rec)->len;
			next = cur + 1;
		} else {
			break;
		}
		if (n > len - copied) {
			if (!copied)
				return -EINVAL;	/* records are never split */
			break;
		}
		memcpy((char *)buf + copied, rec, n);
		copied += n;
		cur = next;
	}
	fake_real_lseek(fd, (off_t)cur, SEEK_SET);
	if (copied)
		return (ssize_t)copied;
	return fake.shut_down ? 0 : -EAGAIN;
}

off_t fake_lseek(int fd, off_t off, int whence)
{
	__u64 to;

	if (whence == SEEK_SET && off == 0)
		to = oldest();
	else if (whence == SEEK_SET && off > 0 && (__u64)off <= fake.next_seq)
		to = (__u64)off;
	else if (whence == SEEK_END && off == 0)
		to = fake.next_seq;
	else if (whence == SEEK_CUR && off == 0)
		return (off_t)cursor(fd);
	else
		return -EINVAL;
	fake_real_lseek(fd, (off_t)to, SEEK_SET);
	return (off_t)to;
}

/* ---- commands ------------------------------------------------------------- */

static int hello(void *arg)
{
	struct lkrg_hello *h = arg;

	if (lkrg_check_hello(h))
		return -EINVAL;
	h->api_version = fake.hello_api;
	h->schema_version = LKRG_SCHEMA_VERSION;
	h->max_event_size = LKRG_EV_MAX_RECORD_SIZE;
	h->ioctls[0] = 0xff | 1ULL << 0x10 | 1ULL << 0x11;
	h->features = LKRG_FEAT_EVENTS;
	SET_GROWN(h);
	return 0;
}

static int status(void *arg)
{
	struct lkrg_status *s = arg;

	if (lkrg_check_status(s))
		return -EINVAL;
	/* Unterminated on purpose: libclkrg must not trust it. */
	memset(s->module_version, 'v', sizeof(s->module_version));
	s->api_version = LKRG_API_VERSION;
	s->schema_version = LKRG_SCHEMA_VERSION;
	memcpy(s->instance_uuid, fake.instance, sizeof(s->instance_uuid));
	s->block_modules = fake.block_mode;
	s->generation = fake.generation;
	s->checks = fake.checks;
	s->last_check_id = fake.checks ? 4 + fake.checks : 0;
	s->last_check_violations = fake.checks ? fake.violations : 0;
	s->events_produced = fake.next_seq;
	s->events_oldest = oldest();
	s->shutting_down = fake.shut_down;
	s->interval_s = 15;
	SET_GROWN(s);
	return 0;
}

static int force_run(void *arg)
{
	struct lkrg_check *c = arg;

	if (lkrg_check_check(c))
		return -EINVAL;
	fake.checks++;
	c->check_id = 4 + fake.checks;
	c->violations = fake.violations;
	c->trigger = LKRG_TRIGGER_MANUAL;
	c->generation = fake.generation;
	SET_GROWN(c);
	return 0;
}

static int rebaseline(void *arg)
{
	struct lkrg_rebaseline *r = arg;

	if (lkrg_check_rebaseline(r))
		return -EINVAL;
	fake.last_scope = r->scope;
	/* The running state is the baseline now: checks find nothing. */
	fake.violations = 0;
	fake.generation += 5;
	r->generation = fake.generation;
	return 0;
}

static int block(struct lkrg_block_modules *b, bool set)
{
	int ret = set ? lkrg_check_block_set(b) : lkrg_check_block_get(b);

	if (!ret && set)
		ret = lkrg_block_transition(fake.block_mode, b->mode);
	if (!ret && set)
		fake.block_mode = b->mode;
	b->mode = fake.block_mode;
	b->refused = 6;
	return ret;
}

static int block_get(void *arg)
{
	return block(arg, false);
}

static int block_set(void *arg)
{
	return block(arg, true);
}

/* The module's array protocol: -ENOSPC with the count when @count is too
 * small, else all @n rows, as much of each as the module knows (row_size)
 * at @stride, the rest of each stride zeroed. */
static int put_rows(unsigned long req, __u32 *count, __u64 dst, __u32 stride,
		    const void *src, __u32 n, size_t size)
{
	__u32 known = fake.row_size[_IOC_NR(req)];
	size_t len = known && known < size ? known : size;
	__u32 i;

	fake.last_stride = stride;
	if (*count && *count < n) {
		*count = n;
		return -ENOSPC;
	}
	for (i = 0; *count && i < n; i++) {
		char *row = (char *)(uintptr_t)dst + (size_t)i * stride;

		memcpy(row, (const char *)src + i * size,
		       len < stride ? len : stride);
		if (stride > len)
			memset(row + len, 0, stride - len);
	}
	*count = n;
	return 0;
}

static int policy_get(void *arg)
{
	struct lkrg_policy_get *g = arg;

	if (lkrg_check_policy_get(g))
		return -EINVAL;
	if (g->count && fake.grow_once) {
		fake.grow_once = false;
		sample_interval_knob(&fake.knobs[fake.nknobs]);
		lkrg_ev_set_str(fake.knobs[fake.nknobs].name, LKRG_KNOB_NAME_LEN,
				"heartbeat");
		SET_GROWN(&fake.knobs[fake.nknobs]);
		fake.nknobs++;
	}
	return put_rows(LKRG_IOC_POLICY_GET, &g->count, g->knobs, g->knob_size,
			fake.knobs, fake.nknobs, sizeof(fake.knobs[0]));
}

static int stats(void *arg)
{
	struct lkrg_stats_row rows[FAKE_ROWS_MAX];
	struct lkrg_stats *s = arg;
	__u32 i;

	if (lkrg_check_stats(s))
		return -EINVAL;
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < fake.nstats; i++) {
		memset(rows[i].name, 'n', sizeof(rows[i].name));	/* unterminated */
		rows[i].id = i;
		rows[i].fired = 10 + i;
		SET_GROWN(&rows[i]);
	}
	return put_rows(LKRG_IOC_STATS, &s->count, s->rows, s->row_size, rows,
			fake.nstats, sizeof(rows[0]));
}

static int hooks(void *arg)
{
	struct lkrg_hook_row rows[FAKE_ROWS_MAX];
	struct lkrg_stats *s = arg;
	__u32 i;

	if (lkrg_check_hooks(s))
		return -EINVAL;
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < fake.nhooks; i++) {
		/* unterminated, as a module must not be trusted to */
		memset(rows[i].symbol, 's', sizeof(rows[i].symbol));
		memset(rows[i].role, 'r', sizeof(rows[i].role));
		rows[i].hits = 100 + i;
		rows[i].violations = i;
		rows[i].denied = 2 * i;
		rows[i].active = i % 2;
		SET_GROWN(&rows[i]);
	}
	return put_rows(LKRG_IOC_HOOKS, &s->count, s->rows, s->row_size, rows,
			fake.nhooks, sizeof(rows[0]));
}

static int umh_find(const __u8 *path)
{
	__u32 i;

	for (i = 0; i < fake.numh; i++)
		if (!strncmp((const char *)fake.umh[i], (const char *)path,
			     LKRG_UMH_PATH_LEN))
			return (int)i;
	return -1;
}

/* LKRG_IOC_UMH_ADD and _DEL with the header's errno table. */
static int umh_edit(struct lkrg_umh_edit *e, bool add)
{
	int at;

	if (lkrg_check_umh_edit(e))
		return -EINVAL;
	at = umh_find(e->path);
	if (add && at >= 0)
		return -EEXIST;
	if (add && fake.numh == LKRG_UMH_MAX)
		return -ENOSPC;
	if (!add && at < 0)
		return -ENOENT;
	if (add) {
		memcpy(fake.umh[fake.numh++], e->path, sizeof(e->path));
	} else {
		memmove(fake.umh[at], fake.umh[at + 1],
			(fake.numh - (__u32)at - 1) * sizeof(fake.umh[0]));
		fake.numh--;
	}
	fake.umh_generation++;
	e->count = fake.numh;
	e->generation = fake.umh_generation;
	return 0;
}

static int umh_add(void *arg)
{
	return umh_edit(arg, true);
}

static int umh_del(void *arg)
{
	return umh_edit(arg, false);
}

static int umh_list(void *arg)
{
	struct lkrg_umh_entry rows[LKRG_UMH_MAX];
	struct lkrg_umh_list *l = arg;
	__u32 i;

	if (lkrg_check_umh_list(l))
		return -EINVAL;
	if (l->count && fake.umh_grow_once && fake.numh < LKRG_UMH_MAX) {
		fake.umh_grow_once = false;
		strcpy((char *)fake.umh[fake.numh++], "/sbin/grown");
		fake.umh_generation++;
	}
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < fake.numh; i++) {
		memcpy(rows[i].path, fake.umh[i], sizeof(rows[i].path));
		rows[i].allowed = 7 + i;
		SET_GROWN(&rows[i]);
	}
	l->generation = fake.umh_generation;
	l->refused = fake.umh_refused;
	return put_rows(LKRG_IOC_UMH_LIST, &l->count, l->entries, l->entry_size,
			rows, fake.numh, sizeof(rows[0]));
}

static int policy_set(void *arg)
{
	struct lkrg_policy_set *s = arg;
	__u32 i;
	int ret;

	if (lkrg_check_policy_set(s))
		return -EINVAL;
	for (i = 0; i < fake.nknobs; i++) {
		if (strcmp((char *)fake.knobs[i].name, (char *)s->name))
			continue;
		ret = lkrg_knob_check(&fake.knobs[i], s->value);
		if (ret)
			return ret;
		s->old_value = fake.knobs[i].value;
		fake.knobs[i].value = s->value;
		return 0;
	}
	return -ENOENT;
}

/* LKRG_IOC_HOOK_ALLOW and _DENY with the header's errno table. */
static int hook_edit(struct lkrg_hook_allow_edit *e, bool allow)
{
	int at = -1;
	__u32 i;

	if (lkrg_check_hook_allow_edit(e))
		return -EINVAL;
	if (allow && fake.howner_locked)
		return -EPERM;
	for (i = 0; i < fake.nhowner; i++)
		if (!strcmp((const char *)fake.howner[i], (const char *)e->owner))
			at = (int)i;
	if (allow && at >= 0)
		return -EEXIST;
	if (allow && fake.nhowner == LKRG_HOOK_ALLOW_MAX)
		return -ENOSPC;
	if (!allow && at < 0)
		return -ENOENT;
	if (allow) {
		memcpy(fake.howner[fake.nhowner++], e->owner, sizeof(e->owner));
	} else {
		memmove(fake.howner[at], fake.howner[at + 1],
			(fake.nhowner - (__u32)at - 1) * sizeof(fake.howner[0]));
		fake.nhowner--;
	}
	fake.howner_generation++;
	e->count = fake.nhowner;
	e->generation = fake.howner_generation;
	return 0;
}

static int hook_allow(void *arg)
{
	return hook_edit(arg, true);
}

static int hook_deny(void *arg)
{
	return hook_edit(arg, false);
}

static int hook_allow_list(void *arg)
{
	struct lkrg_hook_allow_entry rows[LKRG_HOOK_ALLOW_MAX];
	struct lkrg_hook_allow_list *l = arg;
	__u32 i;

	if (lkrg_check_hook_allow_list(l))
		return -EINVAL;
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < fake.nhowner; i++) {
		memcpy(rows[i].owner, fake.howner[i], sizeof(rows[i].owner));
		rows[i].allowed = 10 + i;
	}
	l->generation = fake.howner_generation;
	l->redirects = 3;
	l->callbacks = 1234;
	return put_rows(LKRG_IOC_HOOK_ALLOW_LIST, &l->count, l->entries,
			l->entry_size, rows, fake.nhowner, sizeof(rows[0]));
}

typedef int (*handler_fn)(void *kbuf);

static const struct cmd {
	unsigned long req;
	size_t size;		/* as compiled: the newest module */
	size_t ver0;
	handler_fn fn;
} cmds[] = {
	{ LKRG_IOC_HELLO, sizeof(struct lkrg_hello), LKRG_HELLO_SIZE_VER0,
	  hello },
	{ LKRG_IOC_FORCE_RUN, sizeof(struct lkrg_check), LKRG_CHECK_SIZE_VER0,
	  force_run },
	{ LKRG_IOC_REBASELINE, sizeof(struct lkrg_rebaseline),
	  LKRG_REBASELINE_SIZE_VER0, rebaseline },
	{ LKRG_IOC_BLOCK_MODULES_GET, sizeof(struct lkrg_block_modules),
	  LKRG_BLOCK_MODULES_SIZE_VER0, block_get },
	{ LKRG_IOC_BLOCK_MODULES_SET, sizeof(struct lkrg_block_modules),
	  LKRG_BLOCK_MODULES_SIZE_VER0, block_set },
	{ LKRG_IOC_GET_STATUS, sizeof(struct lkrg_status),
	  LKRG_STATUS_SIZE_VER0, status },
	{ LKRG_IOC_POLICY_GET, sizeof(struct lkrg_policy_get),
	  LKRG_POLICY_GET_SIZE_VER0, policy_get },
	{ LKRG_IOC_POLICY_SET, sizeof(struct lkrg_policy_set),
	  LKRG_POLICY_SET_SIZE_VER0, policy_set },
	{ LKRG_IOC_UMH_ADD, sizeof(struct lkrg_umh_edit),
	  LKRG_UMH_EDIT_SIZE_VER0, umh_add },
	{ LKRG_IOC_UMH_DEL, sizeof(struct lkrg_umh_edit),
	  LKRG_UMH_EDIT_SIZE_VER0, umh_del },
	{ LKRG_IOC_UMH_LIST, sizeof(struct lkrg_umh_list),
	  LKRG_UMH_LIST_SIZE_VER0, umh_list },
	{ LKRG_IOC_HOOK_ALLOW, sizeof(struct lkrg_hook_allow_edit),
	  LKRG_HOOK_ALLOW_EDIT_SIZE_VER0, hook_allow },
	{ LKRG_IOC_HOOK_DENY, sizeof(struct lkrg_hook_allow_edit),
	  LKRG_HOOK_ALLOW_EDIT_SIZE_VER0, hook_deny },
	{ LKRG_IOC_HOOK_ALLOW_LIST, sizeof(struct lkrg_hook_allow_list),
	  LKRG_HOOK_ALLOW_LIST_SIZE_VER0, hook_allow_list },
	{ LKRG_IOC_STATS, sizeof(struct lkrg_stats), LKRG_STATS_SIZE_VER0,
	  stats },
	{ LKRG_IOC_HOOKS, sizeof(struct lkrg_stats), LKRG_STATS_SIZE_VER0,
	  hooks },
};

/*
 * copy_struct_from_user() and the write-back, as the module's
 * struct_ioctl() does them, with the module's size for this command.
 */
static int struct_call(const struct cmd *c, void *uarg)
{
	_Alignas(8) unsigned char kbuf[MAX_ARG];
	size_t ksize = fake.ksize[_IOC_NR(c->req)] ?
		       fake.ksize[_IOC_NR(c->req)] : c->size;
	__u32 usize, osize;
	int ret;

	memcpy(&usize, uarg, sizeof(usize));
	fake.last_usize = usize;
	if (usize < c->ver0)
		return -EINVAL;
	if (usize > MAX_ARG ||
	    (usize > ksize && !lkrg_all_zero((char *)uarg + ksize,
					     usize - ksize))) {
		osize = (__u32)ksize;
		memcpy(uarg, &osize, sizeof(osize));
		return -E2BIG;
	}
	osize = usize < ksize ? usize : (__u32)ksize;
	memset(kbuf, 0, sizeof(kbuf));
	memcpy(kbuf, uarg, osize);
	ret = c->fn(kbuf);
	if (ret && ret != -ENOSPC)
		return ret;
	memcpy(kbuf, &osize, sizeof(osize));
	memcpy(uarg, kbuf, osize);
	return ret;
}

int fake_ioctl(int fd, unsigned long req, void *arg)
{
	size_t i;

	fake.calls++;
	if (req == fake.fail_req)
		return -fake.fail_errno;
	/* After SHUTDOWN only the event stream is left. */
	if (fake.shut_down)
		return -ENODEV;
	switch (req) {
	case LKRG_IOC_API_VERSION:
		if (arg)
			return -EINVAL;
		if (fake_real_lseek(fd, 0, SEEK_CUR) == 0)
			fake_real_lseek(fd, (off_t)oldest(), SEEK_SET);
		return fake.api_version;
	case LKRG_IOC_SHUTDOWN:
		if (arg)
			return -EINVAL;
		fake.shut_down = true;
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (cmds[i].req == req)
			return struct_call(&cmds[i], arg);
	return -ENOTTY;
}
