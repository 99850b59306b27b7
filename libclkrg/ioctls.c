// SPDX-License-Identifier: LGPL-2.1-or-later
/* One wrapper per command ioctl; arguments are checked with the module's own
 * rules first so that mistakes fail the same way without a round trip. */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "clkrg_internal.h"
#include "../driver/core/abi_check.h"

/* Zeroes an argument struct (reserved fields) and sets ->size. */
#define ARG_INIT(p) \
	do { memset((p), 0, sizeof(*(p))); (p)->size = sizeof(*(p)); } while (0)

static int call(const struct clkrg *c, unsigned long req, void *arg)
{
	if (!c)
		return -EINVAL;
	return ioctl(c->fd, req, arg) < 0 ? -errno : 0;
}

/*
 * An output structure goes to the module at the caller's size, zeroed
 * first: the module writes back what it knows (->size says how much), the
 * rest stays zero.
 */
static void *out_init(void *out, size_t size)
{
	uint32_t sz = (uint32_t)size;

	memset(out, 0, size);
	memcpy(out, &sz, sizeof(sz));
	return out;
}

CLKRG_API int clkrg_force_run_sized(struct clkrg *c, struct lkrg_check *out,
				    size_t size)
{
	if (!out || !clkrg__size_ok(size, LKRG_CHECK_SIZE_VER0))
		return -EINVAL;
	return call(c, LKRG_IOC_FORCE_RUN, out_init(out, size));
}

CLKRG_API int clkrg_rebaseline(struct clkrg *c, uint64_t scope,
			       uint64_t *generation)
{
	struct lkrg_rebaseline r;
	int ret;

	ARG_INIT(&r);
	r.scope = scope;
	ret = lkrg_check_rebaseline(&r);
	if (!ret)
		ret = call(c, LKRG_IOC_REBASELINE, &r);
	if (!ret && generation)
		*generation = r.generation;
	return ret;
}

CLKRG_API int clkrg_block_modules_get(struct clkrg *c, uint32_t *mode,
				      uint64_t *refused)
{
	struct lkrg_block_modules b;
	int ret;

	ARG_INIT(&b);
	ret = call(c, LKRG_IOC_BLOCK_MODULES_GET, &b);
	if (!ret && mode)
		*mode = b.mode;
	if (!ret && refused)
		*refused = b.refused;
	return ret;
}

CLKRG_API int clkrg_block_modules_set(struct clkrg *c, uint32_t mode)
{
	struct lkrg_block_modules b;
	int ret;

	ARG_INIT(&b);
	b.mode = mode;
	ret = lkrg_check_block_set(&b);
	return ret ? ret : call(c, LKRG_IOC_BLOCK_MODULES_SET, &b);
}

CLKRG_API int clkrg_status_sized(struct clkrg *c, struct lkrg_status *out,
				 size_t size)
{
	int ret;

	if (!out || !clkrg__size_ok(size, LKRG_STATUS_SIZE_VER0))
		return -EINVAL;
	ret = call(c, LKRG_IOC_GET_STATUS, out_init(out, size));
	/* Callers print it; do not trust the terminator. */
	out->module_version[sizeof(out->module_version) - 1] = 0;
	return ret;
}

CLKRG_API int clkrg_shutdown(struct clkrg *c)
{
	if (!c)
		return -EINVAL;
	return ioctl(c->fd, LKRG_IOC_SHUTDOWN, 0UL) < 0 ? -errno : 0;
}
