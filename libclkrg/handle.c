// SPDX-License-Identifier: LGPL-2.1-or-later
/* Opening /dev/lkrg: the API-version gate, HELLO, and the handle itself. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clkrg_internal.h"

/* Several records per read(), and never less than two of the largest. */
#define EVBUF_MIN	(64 * 1024)

static int open_dev(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	/* Read-only users can still read status and events. */
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static int handshake(int fd, struct lkrg_hello *h)
{
	int v = ioctl(fd, LKRG_IOC_API_VERSION, 0UL);

	/* ENOTTY: the node is not an lkrg device at all. */
	if (v < 0)
		return errno == ENOTTY ? -EPROTO : -errno;
	if (v != LKRG_API_VERSION)
		return -EPROTO;
	memset(h, 0, sizeof(*h));
	h->size = sizeof(*h);
	if (ioctl(fd, LKRG_IOC_HELLO, h) < 0)
		return -errno;
	return h->api_version == LKRG_API_VERSION ? 0 : -EPROTO;
}

int clkrg__adopt_fd(int fd, const struct lkrg_hello *hello,
		    struct clkrg **out)
{
	size_t cap = EVBUF_MIN;
	size_t largest = ((size_t)hello->max_event_size + 7) & ~(size_t)7;
	struct clkrg *c = calloc(1, sizeof(*c));

	if (2 * largest > cap)
		cap = 2 * largest;
	if (c)
		c->buf = malloc(cap);
	if (!c || !c->buf) {
		free(c);
		return -ENOMEM;
	}
	c->fd = fd;
	c->hello = *hello;
	c->cap = cap;
	*out = c;
	return 0;
}

CLKRG_API int clkrg_open(const char *devnode, struct clkrg **out)
{
	struct lkrg_hello hello;
	int fd, ret;

	if (!out)
		return -EINVAL;
	*out = NULL;
	fd = open_dev(devnode ? devnode : LKRG_DEVICE_PATH);
	if (fd < 0)
		return fd;
	ret = handshake(fd, &hello);
	if (!ret)
		ret = clkrg__adopt_fd(fd, &hello, out);
	if (ret)
		close(fd);
	return ret;
}

CLKRG_API void clkrg_close(struct clkrg *c)
{
	if (!c)
		return;
	close(c->fd);
	free(c->buf);
	free(c);
}

CLKRG_API int clkrg_fd(const struct clkrg *c)
{
	return c ? c->fd : -EINVAL;
}

CLKRG_API const struct lkrg_hello *clkrg_hello_info(const struct clkrg *c)
{
	if (!c) {
		errno = EINVAL;
		return NULL;
	}
	return &c->hello;
}

CLKRG_API bool clkrg_has_ioctl(const struct clkrg *c, unsigned int nr)
{
	if (!c || nr > LKRG_IOC_NR_MAX)
		return false;
	return (c->hello.ioctls[nr / 64] >> (nr % 64)) & 1;
}
