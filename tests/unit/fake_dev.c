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

static int policy_get(struct lkrg_policy_get *g)
{
	__u32 i;

	if (lkrg_check_policy_get(g))
		return -EINVAL;
	if (g->count && fake.grow_once) {
		fake.grow_once = false;
		sample_interval_knob(&fake.knobs[fake.nknobs]);
		lkrg_ev_set_str(fake.knobs[fake.nknobs].name, LKRG_KNOB_NAME_LEN,
				"heartbeat");
		fake.nknobs++;
	}
	if (g->count && g->count < fake.nknobs) {
		g->count = fake.nknobs;
		return -ENOSPC;
	}
	for (i = 0; g->count && i < fake.nknobs; i++)
		memcpy((char *)(uintptr_t)g->knobs + i * g->knob_size,
		       &fake.knobs[i], sizeof(fake.knobs[i]));
	g->count = fake.nknobs;
	return 0;
}

static int stats(struct lkrg_stats *s)
{
	struct lkrg_stats_row row;
	__u32 i;

	if (lkrg_check_stats(s))
		return -EINVAL;
	if (s->count && s->count < fake.nstats) {
		s->count = fake.nstats;
		return -ENOSPC;
	}
	for (i = 0; s->count && i < fake.nstats; i++) {
		memset(&row, 0, sizeof(row));
		memset(row.name, 'n', sizeof(row.name));	/* unterminated */
		row.id = i;
		row.fired = 10 + i;
		memcpy((char *)(uintptr_t)s->rows + i * s->row_size, &row,
		       sizeof(row));
	}
	s->count = fake.nstats;
	return 0;
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
