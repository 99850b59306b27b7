// SPDX-License-Identifier: GPL-2.0
/*
 * pint_parked: a task parked in the kernel, forged from outside through
 * /dev/clkrg_vuln (CRED_WRITE_PID), and what root then does to it as its
 * first act, under the target's task_lock. For clkrg's exploit detection
 * at the paranoid level (scenario 69) and its negative twin (73). Not TAP:
 * one line per step, each written at once.
 *
 *   pint_parked target [--uid N]   drops to N (default 65534; setresuid
 *                                  makes it non-dumpable), prints "ready
 *                                  pid=P", then sleeps in pause() until
 *                                  a signal ends it
 *   pint_parked prlimit PID [--no-forge]
 *                                  as root: reads PID's RLIMIT_NOFILE, then
 *                                  writes uid 0 into PID's creds and, as
 *                                  the first act after it, raises PID's
 *                                  hard limit by one with prlimit(2): the
 *                                  kernel checks CAP_SYS_RESOURCE under
 *                                  the target's task_lock ("prlimit=ok"
 *                                  or "prlimit=err errno=E")
 *   pint_parked stat PID [--no-forge]
 *                                  as root: opens /proc/PID/stat, forges
 *                                  PID's creds, then reads it as ps does
 *                                  (ptrace_may_access() holds the target's
 *                                  task_lock and checks CAP_SYS_PTRACE):
 *                                  "stat=ok state=S" or "stat=err ..."
 *   pint_parked forge PID          as root: only the write
 *   --no-forge                     the same without the write (the twin)
 * Exit 0 when every step ran, 2 on a setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../modules/clkrg_vuln.h"

static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(STDOUT_FILENO, buf, n) < 0)
		_exit(3);
}

static void __attribute__((noreturn)) die(const char *what)
{
	say("error %s: errno=%d (%s)", what, errno, strerror(errno));
	_exit(2);
}

static int target(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		die("drop");
	say("ready pid=%d", (int)getpid());
	for (;;)
		pause();
}

/* CRED_WRITE_PID on @pid; the caller's next syscall is the act. */
static void forge(int fd, pid_t pid)
{
	struct clkrg_vuln_pid a = { .pid = pid };

	if (ioctl(fd, CLKRG_VULN_CRED_WRITE_PID, &a))
		die("ioctl CRED_WRITE_PID");
}

static int act(const char *what, pid_t pid, int do_forge)
{
	struct rlimit r;
	char path[64], buf[512];
	int fd = open("/dev/clkrg_vuln", O_RDWR), pfd;
	ssize_t n;

	if (fd < 0)
		die("open /dev/clkrg_vuln");
	if (strcmp(what, "prlimit") == 0) {
		if (prlimit(pid, RLIMIT_NOFILE, NULL, &r))
			die("prlimit read");
		if (r.rlim_max != RLIM_INFINITY)
			r.rlim_max++;
		if (do_forge)
			forge(fd, pid);
		if (prlimit(pid, RLIMIT_NOFILE, &r, NULL))
			say("prlimit=err errno=%d (%s)", errno, strerror(errno));
		else
			say("prlimit=ok");
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	pfd = open(path, O_RDONLY);
	if (pfd < 0)
		die("open /proc/PID/stat");
	if (do_forge)
		forge(fd, pid);
	n = read(pfd, buf, sizeof(buf) - 1);
	if (n < 0) {
		say("stat=err errno=%d (%s)", errno, strerror(errno));
	} else {
		char *p;

		buf[n] = '\0';
		p = strrchr(buf, ')');
		say("stat=ok state=%c", p && p[1] && p[2] ? p[2] : '?');
	}
	return 0;
}

int main(int argc, char **argv)
{
	int do_forge = 1, i;
	uid_t uid = 65534;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--no-forge") == 0)
			do_forge = 0;
		else if (strcmp(argv[i], "--uid") == 0 && i + 1 < argc)
			uid = (uid_t)strtoul(argv[++i], NULL, 10);
	}
	if (argc >= 2 && strcmp(argv[1], "target") == 0) {
		if (argc == 4 && strcmp(argv[2], "--uid") == 0)
			uid = (uid_t)strtoul(argv[3], NULL, 10);
		return target(uid);
	}
	if (argc == 3 && strcmp(argv[1], "forge") == 0) {
		int fd = open("/dev/clkrg_vuln", O_RDWR);

		if (fd < 0)
			die("open /dev/clkrg_vuln");
		forge(fd, (pid_t)strtol(argv[2], NULL, 10));
		say("forged");
		return 0;
	}
	if (argc >= 3 && (strcmp(argv[1], "prlimit") == 0 ||
			  strcmp(argv[1], "stat") == 0))
		return act(argv[1], (pid_t)strtol(argv[2], NULL, 10), do_forge);
	fprintf(stderr, "usage: see the header of tests/guest/pint_parked.c\n");
	return 2;
}
