// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_dev.h"
#include "abi_check.h"

struct fake_dev fake;
static struct stat fake_st;

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);

void fake_setup(void)
{
	int fd;

	memset(&fake, 0, sizeof(fake));
	strcpy(fake.path, "/tmp/clkrg-fake-XXXXXX");
	fd = mkstemp(fake.path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &fake_st), 0);
	close(fd);
	fake.api_version = LKRG_API_VERSION;
	fake.hello_api = LKRG_API_VERSION;
	sample_enforce_knob(&fake.knobs[0]);
	sample_interval_knob(&fake.knobs[1]);
	fake.nknobs = 2;
	fake.nstats = 3;
	fake.nhooks = 2;
	fake.umh_generation = 1;
	fake.umh_refused = 4;
}

void fake_teardown(void)
{
	unlink(fake.path);
	memset(&fake, 0, sizeof(fake));	/* other fds are real again */
}

static bool is_fake(int fd)
{
	struct stat st;

	return fake.path[0] && !fstat(fd, &st) && st.st_ino == fake_st.st_ino &&
	       st.st_dev == fake_st.st_dev;
}

static int hello(struct lkrg_hello *h)
{
	if (lkrg_check_hello(h))
		return -EINVAL;
	h->api_version = fake.hello_api;
	h->schema_version = LKRG_SCHEMA_VERSION;
	h->max_event_size = LKRG_EV_MAX_RECORD_SIZE;
	h->ioctls[0] = 0xff | 1ULL << 0x10 | 1ULL << 0x11;
	return 0;
}

static int status(struct lkrg_status *s)
{
	if (lkrg_check_status(s))
		return -EINVAL;
	/* Unterminated on purpose: libclkrg must not trust it. */
	memset(s->module_version, 'v', sizeof(s->module_version));
	s->block_modules = fake.block_mode;
	s->generation = 4;
	return 0;
}

static int force_run(struct lkrg_check *c)
{
	if (lkrg_check_check(c))
		return -EINVAL;
	c->check_id = 5;
	c->violations = 2;
	c->trigger = LKRG_TRIGGER_MANUAL;
	return 0;
}

static int rebaseline(struct lkrg_rebaseline *r)
{
	if (lkrg_check_rebaseline(r))
		return -EINVAL;
	fake.last_scope = r->scope;
	r->generation = 9;
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

/* The module's array protocol: -ENOSPC with the count when @count is too
 * small, else all @n rows of @size bytes at @src, @stride apart at @dst,
 * the rest of each stride zeroed. */
static int put_rows(__u32 *count, __u64 dst, __u32 stride, const void *src,
		    __u32 n, size_t size)
{
	__u32 i;

	if (*count && *count < n) {
		*count = n;
		return -ENOSPC;
	}
	for (i = 0; *count && i < n; i++) {
		char *row = (char *)(uintptr_t)dst + (size_t)i * stride;

		memcpy(row, (const char *)src + i * size,
		       size < stride ? size : stride);
		if (stride > size)
			memset(row + size, 0, stride - size);
	}
	*count = n;
	return 0;
}

static int policy_get(struct lkrg_policy_get *g)
{
	if (lkrg_check_policy_get(g))
		return -EINVAL;
	if (g->count && fake.grow_once) {
		fake.grow_once = false;
		sample_interval_knob(&fake.knobs[fake.nknobs]);
		lkrg_ev_set_str(fake.knobs[fake.nknobs].name, LKRG_KNOB_NAME_LEN,
				"heartbeat");
		fake.nknobs++;
	}
	return put_rows(&g->count, g->knobs, g->knob_size, fake.knobs,
			fake.nknobs, sizeof(fake.knobs[0]));
}

static int stats(struct lkrg_stats *s)
{
	struct lkrg_stats_row rows[FAKE_ROWS_MAX];
	__u32 i;

	if (lkrg_check_stats(s))
		return -EINVAL;
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < fake.nstats; i++) {
		memset(rows[i].name, 'n', sizeof(rows[i].name));	/* unterminated */
		rows[i].id = i;
		rows[i].fired = 10 + i;
	}
	return put_rows(&s->count, s->rows, s->row_size, rows, fake.nstats,
			sizeof(rows[0]));
}

static int hooks(struct lkrg_stats *s)
{
	struct lkrg_hook_row rows[FAKE_ROWS_MAX];
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
	}
	return put_rows(&s->count, s->rows, s->row_size, rows, fake.nhooks,
			sizeof(rows[0]));
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

static int umh_list(struct lkrg_umh_list *l)
{
	struct lkrg_umh_entry rows[LKRG_UMH_MAX];
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
	}
	l->generation = fake.umh_generation;
	l->refused = fake.umh_refused;
	return put_rows(&l->count, l->entries, l->entry_size, rows, fake.numh,
			sizeof(rows[0]));
}

static int policy_set(struct lkrg_policy_set *s)
{
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

/* Every argument struct must come with ->size = sizeof. */
#define SIZED(type, arg) \
	(((struct type *)(arg))->size == sizeof(struct type) ? \
	 (struct type *)(arg) : NULL)

static int dispatch(unsigned long req, void *arg)
{
	void *s = NULL;

	if (req == fake.fail_req)
		return -fake.fail_errno;
	switch (req) {
	case LKRG_IOC_API_VERSION:
		return fake.api_version;
	case LKRG_IOC_SHUTDOWN:
		return arg ? -EINVAL : 0;
	case LKRG_IOC_HELLO:
		return (s = SIZED(lkrg_hello, arg)) ? hello(s) : -EINVAL;
	case LKRG_IOC_GET_STATUS:
		return (s = SIZED(lkrg_status, arg)) ? status(s) : -EINVAL;
	case LKRG_IOC_FORCE_RUN:
		return (s = SIZED(lkrg_check, arg)) ? force_run(s) : -EINVAL;
	case LKRG_IOC_REBASELINE:
		return (s = SIZED(lkrg_rebaseline, arg)) ? rebaseline(s)
							 : -EINVAL;
	case LKRG_IOC_BLOCK_MODULES_GET:
	case LKRG_IOC_BLOCK_MODULES_SET:
		s = SIZED(lkrg_block_modules, arg);
		return s ? block(s, req == LKRG_IOC_BLOCK_MODULES_SET) : -EINVAL;
	case LKRG_IOC_POLICY_GET:
		return (s = SIZED(lkrg_policy_get, arg)) ? policy_get(s)
							 : -EINVAL;
	case LKRG_IOC_STATS:
		return (s = SIZED(lkrg_stats, arg)) ? stats(s) : -EINVAL;
	case LKRG_IOC_POLICY_SET:
		return (s = SIZED(lkrg_policy_set, arg)) ? policy_set(s)
							 : -EINVAL;
	case LKRG_IOC_HOOKS:
		return (s = SIZED(lkrg_stats, arg)) ? hooks(s) : -EINVAL;
	case LKRG_IOC_UMH_ADD:
	case LKRG_IOC_UMH_DEL:
		s = SIZED(lkrg_umh_edit, arg);
		return s ? umh_edit(s, req == LKRG_IOC_UMH_ADD) : -EINVAL;
	case LKRG_IOC_UMH_LIST:
		return (s = SIZED(lkrg_umh_list, arg)) ? umh_list(s) : -EINVAL;
	}
	return -ENOTTY;
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!is_fake(fd))
		return __real_ioctl(fd, req, arg);
	fake.calls++;
	ret = dispatch(req, arg);
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return ret;
}
