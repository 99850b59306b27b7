// SPDX-License-Identifier: GPL-2.0
/*
 * The fake module (fake_mod.h) for separately built programs and Python:
 * LD_PRELOAD=libfakelkrg.so puts ioctl(), read() and lseek() in front of
 * libc's, so an unmodified libclkrg.so.1 talks to the fake device it
 * opens (fake_ctl_path()); every other fd goes to libc. The fake_ctl_*()
 * calls drive it (dlsym(RTLD_DEFAULT) in C, ctypes.CDLL(None) in Python).
 * CLKRG_FAKE_OLDER in the environment starts it as an older module.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fake_mod.h"

#define EXPORT	__attribute__((visibility("default")))

static int (*real_ioctl)(int, unsigned long, ...);
static ssize_t (*real_read)(int, void *, size_t);
static off_t (*real_lseek)(int, off_t, int);

static void resolve(void)
{
	if (real_ioctl)
		return;
	real_ioctl = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	real_read = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	real_lseek = (off_t (*)(int, off_t, int))dlsym(RTLD_NEXT, "lseek");
	fake_real_lseek = real_lseek;
	if (!real_ioctl || !real_read || !real_lseek)
		abort();
}

/*
 * A module built before the grown ABI of the compatibility test: every
 * structure, row and event payload at its first version's size (the
 * sizes of the real header).
 */
static void play_older(void)
{
	static const unsigned long cmds[][2] = {
		{ LKRG_IOC_HELLO, LKRG_HELLO_SIZE_VER0 },
		{ LKRG_IOC_FORCE_RUN, LKRG_CHECK_SIZE_VER0 },
		{ LKRG_IOC_GET_STATUS, LKRG_STATUS_SIZE_VER0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fake.ksize[_IOC_NR(cmds[i][0])] = (__u32)cmds[i][1];
	fake.row_size[_IOC_NR(LKRG_IOC_POLICY_GET)] = LKRG_KNOB_SIZE_VER0;
	fake.row_size[_IOC_NR(LKRG_IOC_STATS)] = LKRG_STATS_ROW_SIZE_VER0;
	fake.row_size[_IOC_NR(LKRG_IOC_HOOKS)] = LKRG_HOOK_ROW_SIZE_VER0;
	fake.row_size[_IOC_NR(LKRG_IOC_UMH_LIST)] = LKRG_UMH_ENTRY_SIZE_VER0;
	fake.detail_size = LKRG_EVENT_DETAIL_SIZE_VER0;
}

/* A fresh module (a new instance), older when @older. 0 or -errno. */
EXPORT int fake_ctl_reset(int older)
{
	int ret;

	resolve();
	fake_destroy();
	ret = fake_create();
	if (!ret && older)
		play_older();
	return ret;
}

__attribute__((constructor)) static void start(void)
{
	if (fake_ctl_reset(getenv("CLKRG_FAKE_OLDER") != NULL))
		abort();
}

__attribute__((destructor)) static void stop(void)
{
	fake_destroy();
}

EXPORT const char *fake_ctl_path(void)
{
	return fake.path;
}

EXPORT unsigned long long fake_ctl_emit(unsigned int type,
					unsigned int severity,
					unsigned int object, const char *name)
{
	return fake_emit((__u16)type, (__u16)severity, (__u16)object, name);
}

/* Sets one of the fake's knobs; -1 for a name it does not have. */
EXPORT int fake_ctl_set(const char *what, long long value)
{
	if (!strcmp(what, "violations"))
		fake.violations = (__u32)value;
	else if (!strcmp(what, "ring_slots") && value > 0 &&
		 value <= FAKE_RING_MAX)
		fake.ring_slots = (__u32)value;
	else if (!strcmp(what, "shut_down"))
		fake.shut_down = value != 0;
	else if (!strcmp(what, "fail_req"))
		fake.fail_req = (unsigned long)value;
	else if (!strcmp(what, "fail_errno"))
		fake.fail_errno = (int)value;
	else if (!strcmp(what, "api_version"))
		fake.api_version = (int)value;
	else
		return -1;
	return 0;
}

/* A negative errno as the libc call returns it. */
static long result(long ret)
{
	if (ret >= 0)
		return ret;
	errno = (int)-ret;
	return -1;
}

EXPORT int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	resolve();
	if (!fake_is(fd))
		return real_ioctl(fd, req, arg);
	return (int)result(fake_ioctl(fd, req, arg));
}

EXPORT ssize_t read(int fd, void *buf, size_t len)
{
	resolve();
	if (!fake_is(fd))
		return real_read(fd, buf, len);
	return result(fake_read(fd, buf, len));
}

EXPORT off_t lseek(int fd, off_t off, int whence)
{
	resolve();
	if (!fake_is(fd))
		return real_lseek(fd, off, whence);
	return result(fake_lseek(fd, off, whence));
}

/* The same function under its large-file name (glibc aliases them). */
EXPORT off_t lseek64(int fd, off_t off, int whence)
{
	return lseek(fd, off, whence);
}
