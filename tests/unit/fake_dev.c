// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <unistd.h>

#include "fake_dev.h"

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);
ssize_t __real_read(int fd, void *buf, size_t len);
ssize_t __wrap_read(int fd, void *buf, size_t len);
off_t __real_lseek(int fd, off_t off, int whence);
off_t __wrap_lseek(int fd, off_t off, int whence);

void fake_setup(void)
{
	ck_assert_int_eq(fake_create(), 0);
	fake_real_lseek = __real_lseek;
}

void fake_teardown(void)
{
	fake_destroy();
}

/* A negative errno as the libc call returns it. */
static long result(long ret)
{
	if (ret >= 0)
		return ret;
	errno = (int)-ret;
	return -1;
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!fake_is(fd))
		return __real_ioctl(fd, req, arg);
	return (int)result(fake_ioctl(fd, req, arg));
}

ssize_t __wrap_read(int fd, void *buf, size_t len)
{
	if (!fake_is(fd))
		return __real_read(fd, buf, len);
	return result(fake_read(fd, buf, len));
}

off_t __wrap_lseek(int fd, off_t off, int whence)
{
	if (!fake_is(fd))
		return __real_lseek(fd, off, whence);
	return result(fake_lseek(fd, off, whence));
}
