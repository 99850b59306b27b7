// SPDX-License-Identifier: GPL-2.0
/*
 * pint_attack: an unprivileged "exploit" using one primitive of the
 * test-only driver /dev/clkrg_vuln (tests/modules/clkrg_vuln.c), then
 * attacking root-owned files. Not TAP: one line per step, each written at
 * once (a SIGKILL must not lose what was printed before it).
 *
 *   pint_attack PRIMITIVE [--uid N] [--helper PATH] [--drain]
 *               [--fork-before] [--drop-record]
 *               [--then prlimit|vfork|keepcaps]
 *               [--park-seconds S] [--fork-after] [--wait FILE]
 *   pint_attack PRIMITIVE --act ACT [--path P] [--pid N] [--uid N]
 *               [--deny-mkdir] [--unshare]
 *
 * PRIMITIVE: CRED_WRITE CRED_SWAP COMMIT CAPS SECCOMP_CLEAR NS_INIT
 * NS_SWITCH UMH PCFI PCFI_SP POOL_DRAIN RECORD_DROP (or NONE: no ioctl, the same
 * attack on the files).
 *
 * Steps, as root first:
 *   1. drops to uid/gid N (default 65534): setgroups(0), setresgid,
 *      setresuid; prints "dropped uid=N gid=N"
 *   2. sets up what the primitive undoes: SECCOMP_CLEAR installs an
 *      allow-all seccomp filter ("seccomp=2"); NS_INIT and NS_SWITCH
 *      unshare(CLONE_NEWUSER|CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC) and
 *      print "ns_before mnt=I uts=I ipc=I net=I" (inode numbers)
 *   3. --drain: empties clkrg's record pool (POOL_DRAIN, "drain=ok");
 *      --fork-before: forks, the child ("child pid=P") goes on with the
 *      rest (it has no record if the pool was empty), the parent waits
 *      for it and exits as it did (128+signal when killed: "child_killed
 *      sig=S"); --drop-record: makes clkrg lose the record of the task
 *      going on (RECORD_DROP, "record_drop=ok")
 *   4. the ioctl: "primitive=ok" or "primitive=err errno=E (text)"; UMH
 *      adds "umh_result=R" (request_module's result), PCFI
 *      "pcfi_result=R forged=0xADDR"
 *   5. --then, the first act after the primitive: prlimit raises the
 *      task's own hard RLIMIT_NOFILE (the kernel asks for CAP_SYS_RESOURCE
 *      under the task's task_lock; "prlimit=ok|err errno=E"); vfork makes
 *      a CLONE_VM|CLONE_VFORK child that sleeps S seconds (--park-seconds,
 *      default 60; "vfork_child pid=P"), so the task sleeps in the kernel
 *      until the child is gone ("vfork_returned ms=M"); keepcaps commits
 *      creds made from the task's own (prctl(PR_SET_KEEPCAPS, 1), allowed
 *      to anyone: "keepcaps=ok|err errno=E")
 *   6. --fork-after: forks, the child ("child pid=P") goes on, the parent
 *      waits and exits as it did; --wait FILE: waits (stat(), 60 s at
 *      most) until FILE exists ("waited=ok|timeout")
 *   7. the attack, the first access after the steps above:
 *      open("/root/canary", O_WRONLY|O_TRUNC) and a write
 *      ("canary_open=ok" / "canary_open=err errno=E"), unlink
 *      ("canary_unlink=ok|err ..."), read /root/secret
 *      ("secret=CONTENT" only when it was read, else "secret_read=err ...")
 *   8. "after uid=R,E,S gid=R,E,S capeff=HEX seccomp=M" and
 *      "ns_after mnt=I uts=I ipc=I net=I"
 *   9. "done", exit 0.
 *
 * With --act, the first system call after the primitive's ioctl is the
 * access ACT, and only then are the results printed ("primitive=...",
 * then "act=ACT ok" or "act=ACT err errno=E (text)"), so a task killed at
 * that access dies before it can print anything about it. ACT and its
 * target (--path P instead):
 *   trunc   open(/root/canary, O_WRONLY|O_TRUNC), then a write of "pwned"
 *   read    open(/root/secret), then a read ("secret=CONTENT")
 *   unlink  unlink(/root/canary)
 *   rmdir   rmdir(/root/victim-dir)
 *   rename  rename(/root/canary, P.renamed)
 *   link    link(/root/secret, /root/secret.link)
 *   mkdir   mkdir(/root/attacker-dir, 0755)
 *   chmod   chmod(/root/canary, 0666)
 *   ptrace  ptrace(PTRACE_ATTACH, --pid N)
 *   mount   mount("none", /root/mnt, "tmpfs", 0, NULL)
 *   exec    execve(/root/victim-prog)
 * --deny-mkdir: the seccomp filter of SECCOMP_CLEAR returns EPERM for
 * mkdir(2) (else it allows all). --unshare: unshare(CLONE_NEWUSER |
 * CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC) before the primitive (the
 * namespace primitives do it anyway).
 * Exit 2: a step before the primitive failed (usage, drop, setup).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../modules/clkrg_vuln.h"

#define VULN_DEV	"/dev/clkrg_vuln"
#define CANARY		"/root/canary"
#define SECRET		"/root/secret"

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

static const struct {
	const char *name;
	unsigned long cmd;
} prims[] = {
	{ "CRED_WRITE", CLKRG_VULN_CRED_WRITE },
	{ "CRED_SWAP", CLKRG_VULN_CRED_SWAP },
	{ "COMMIT", CLKRG_VULN_COMMIT },
	{ "CAPS", CLKRG_VULN_CAPS },
	{ "SECCOMP_CLEAR", CLKRG_VULN_SECCOMP_CLEAR },
	{ "NS_INIT", CLKRG_VULN_NS_INIT },
	{ "NS_SWITCH", CLKRG_VULN_NS_SWITCH },
	{ "UMH", CLKRG_VULN_UMH },
	{ "PCFI", CLKRG_VULN_PCFI },
	{ "PCFI_SP", CLKRG_VULN_PCFI_SP },
	{ "POOL_DRAIN", CLKRG_VULN_POOL_DRAIN },
	{ "RECORD_DROP", CLKRG_VULN_RECORD_DROP },
	{ "NONE", 0 },
};

/* Value of "KEY:" in /proc/self/status, or "?" */
static void status_value(const char *key, char *out, size_t len)
{
	char line[256];
	size_t kl = strlen(key);
	FILE *f = fopen("/proc/self/status", "r");

	snprintf(out, len, "?");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
			char *v = line + kl + 1;

			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = '\0';
			snprintf(out, len, "%s", v);
			break;
		}
	}
	fclose(f);
}

static unsigned long ns_inode(const char *ns)
{
	char path[64], link[64];
	ssize_t n;
	unsigned long ino = 0;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", ns);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return 0;
	link[n] = '\0';
	/* "mnt:[4026531841]" */
	if (sscanf(strchr(link, '[') ? strchr(link, '[') + 1 : "", "%lu", &ino) != 1)
		return 0;
	return ino;
}

static void print_ns(const char *label)
{
	say("%s mnt=%lu uts=%lu ipc=%lu net=%lu", label, ns_inode("mnt"),
	    ns_inode("uts"), ns_inode("ipc"), ns_inode("net"));
}

static void install_filter(int deny_mkdir)
{
	struct sock_filter allow_all[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter no_mkdir[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mkdir, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 1, .filter = allow_all };
	char mode[32];

	if (deny_mkdir) {
		prog.len = sizeof(no_mkdir) / sizeof(no_mkdir[0]);
		prog.filter = no_mkdir;
	}

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("prctl(PR_SET_NO_NEW_PRIVS)");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		die("seccomp(SECCOMP_SET_MODE_FILTER)");
	status_value("Seccomp", mode, sizeof(mode));
	say("seccomp=%s%s", mode, deny_mkdir ? " mkdir=EPERM" : "");
}

/* ---- --act: the access right after the primitive ---------------------- */

static const char *const act_names[] = {
	"trunc", "read", "unlink", "rmdir", "rename", "link", "mkdir",
	"chmod", "ptrace", "mount", "exec",
};

static const char *act_path(const char *act, const char *path)
{
	if (path)
		return path;
	if (!strcmp(act, "read") || !strcmp(act, "link"))
		return SECRET;
	if (!strcmp(act, "rmdir"))
		return "/root/victim-dir";
	if (!strcmp(act, "mkdir"))
		return "/root/attacker-dir";
	if (!strcmp(act, "mount"))
		return "/root/mnt";
	if (!strcmp(act, "exec"))
		return "/root/victim-prog";
	return CANARY;
}

/*
 * The access itself: its system call is the first one made, its result
 * is only returned (printing is a system call too). *fd_out gets what
 * open() returned for trunc and read.
 */
static int act_do(const char *act, const char *path, long pid, int *fd_out)
{
	char to[256];

	*fd_out = -1;
	if (!strcmp(act, "trunc"))
		return (*fd_out = open(path, O_WRONLY | O_TRUNC)) < 0 ? -1 : 0;
	if (!strcmp(act, "read"))
		return (*fd_out = open(path, O_RDONLY)) < 0 ? -1 : 0;
	if (!strcmp(act, "unlink"))
		return unlink(path);
	if (!strcmp(act, "rmdir"))
		return rmdir(path);
	if (!strcmp(act, "rename")) {
		snprintf(to, sizeof(to), "%s.renamed", path);
		return rename(path, to);
	}
	if (!strcmp(act, "link")) {
		snprintf(to, sizeof(to), "%s.link", path);
		return link(path, to);
	}
	if (!strcmp(act, "mkdir"))
		return mkdir(path, 0755);
	if (!strcmp(act, "chmod"))
		return chmod(path, 0666);
	if (!strcmp(act, "ptrace"))
		return (int)ptrace(PTRACE_ATTACH, (pid_t)pid, NULL, NULL);
	if (!strcmp(act, "mount"))
		return mount("none", path, "tmpfs", 0, NULL);
	if (!strcmp(act, "exec")) {
		char *const argv[] = { (char *)path, NULL };
		char *const envp[] = { "PATH=/bin:/usr/bin", NULL };

		return execve(path, argv, envp);
	}
	errno = EINVAL;
	return -1;
}

/* What the access got, printed once it is over. */
static void act_report(const char *act, int ret, int err, int fd)
{
	char buf[256];
	ssize_t n;

	if (ret) {
		say("act=%s err errno=%d (%s)", act, err, strerror(err));
		return;
	}
	say("act=%s ok", act);
	if (fd < 0)
		return;
	if (!strcmp(act, "trunc")) {
		n = write(fd, "pwned\n", 6);
		say("canary_write=%zd", n);
	} else {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n >= 0) {
			buf[n] = '\0';
			buf[strcspn(buf, "\n")] = '\0';
			say("secret=%s", buf);
		}
	}
	close(fd);
}

static void attack_files(void)
{
	char buf[256];
	ssize_t n;
	int fd;

	fd = open(CANARY, O_WRONLY | O_TRUNC);
	if (fd >= 0) {
		n = write(fd, "pwned\n", 6);
		say("canary_open=ok write=%zd", n);
		close(fd);
	} else {
		say("canary_open=err errno=%d (%s)", errno, strerror(errno));
	}
	if (unlink(CANARY) == 0)
		say("canary_unlink=ok");
	else
		say("canary_unlink=err errno=%d (%s)", errno, strerror(errno));
	fd = open(SECRET, O_RDONLY);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n >= 0) {
			buf[n] = '\0';
			buf[strcspn(buf, "\n")] = '\0';
			say("secret=%s", buf);
		} else {
			say("secret_read=err errno=%d (%s)", errno, strerror(errno));
		}
	} else {
		say("secret_read=err errno=%d (%s)", errno, strerror(errno));
	}
}

/* Forks; the child goes on, the parent exits as the child did. */
static void fork_here(void)
{
	pid_t p = fork();
	int st;

	if (p < 0)
		die("fork");
	if (p == 0) {
		say("child pid=%d", (int)getpid());
		return;
	}
	if (waitpid(p, &st, 0) != p)
		die("waitpid");
	if (WIFSIGNALED(st)) {
		say("child_killed sig=%d", WTERMSIG(st));
		_exit(128 + WTERMSIG(st));
	}
	say("child_exit=%d", WEXITSTATUS(st));
	_exit(WEXITSTATUS(st));
}

static void vuln_ioctl(int fd, unsigned long cmd, const char *what)
{
	if (ioctl(fd, cmd))
		say("%s=err errno=%d (%s)", what, errno, strerror(errno));
	else
		say("%s=ok", what);
}

static long park_seconds = 60;

static int park_child(void *arg)
{
	struct timespec ts = { park_seconds, 0 };

	(void)arg;
	say("vfork_child pid=%d", (int)getpid());
	nanosleep(&ts, NULL);
	_exit(0);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Raises the hard limit by one (prepared before the primitive). */
static struct rlimit raised;

static void then_act(const char *then)
{
	static char stack[64 * 1024] __attribute__((aligned(16)));
	struct timespec t0;
	pid_t p;

	if (!then)
		return;
	if (strcmp(then, "keepcaps") == 0) {
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
			say("keepcaps=err errno=%d (%s)", errno, strerror(errno));
		else
			say("keepcaps=ok");
		return;
	}
	if (strcmp(then, "prlimit") == 0) {
		if (prlimit(0, RLIMIT_NOFILE, &raised, NULL))
			say("prlimit=err errno=%d (%s)", errno, strerror(errno));
		else
			say("prlimit=ok");
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	p = clone(park_child, stack + sizeof(stack),
		  CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	if (p < 0)
		say("vfork=err errno=%d (%s)", errno, strerror(errno));
	else
		say("vfork_returned ms=%ld", ms_since(&t0));
}

static void wait_file(const char *file)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	struct stat st;
	int i;

	for (i = 0; i < 1200; i++) {
		if (stat(file, &st) == 0) {
			say("waited=ok");
			return;
		}
		nanosleep(&ts, NULL);
	}
	say("waited=timeout");
}

int main(int argc, char **argv)
{
	const char *then = NULL, *wait = NULL, *act = NULL, *path = NULL;
	int deny_mkdir = 0, do_unshare = 0, act_ret = 0, act_err = 0, act_fd = -1;
	int prim_ret = 0, prim_err = 0;
	long target_pid = 0;
	int drain = 0, fork_before = 0, fork_after = 0, drop_record = 0;
	const char *prim = NULL, *helper = "/tmp/umh-helper.sh";
	unsigned long cmd = 0;
	uid_t uid = 65534;
	gid_t gid;
	char capeff[64], secmode[32];
	uid_t r, e, s;
	gid_t gr, ge, gs;
	size_t i;
	int fd, ret, found = 0;

	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--uid") == 0 && i + 1 < (size_t)argc)
			uid = (uid_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--helper") == 0 && i + 1 < (size_t)argc)
			helper = argv[++i];
		else if (strcmp(argv[i], "--then") == 0 && i + 1 < (size_t)argc)
			then = argv[++i];
		else if (strcmp(argv[i], "--park-seconds") == 0 && i + 1 < (size_t)argc)
			park_seconds = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--wait") == 0 && i + 1 < (size_t)argc)
			wait = argv[++i];
		else if (strcmp(argv[i], "--act") == 0 && i + 1 < (size_t)argc)
			act = argv[++i];
		else if (strcmp(argv[i], "--path") == 0 && i + 1 < (size_t)argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--pid") == 0 && i + 1 < (size_t)argc)
			target_pid = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--deny-mkdir") == 0)
			deny_mkdir = 1;
		else if (strcmp(argv[i], "--unshare") == 0)
			do_unshare = 1;
		else if (strcmp(argv[i], "--drain") == 0)
			drain = 1;
		else if (strcmp(argv[i], "--fork-before") == 0)
			fork_before = 1;
		else if (strcmp(argv[i], "--fork-after") == 0)
			fork_after = 1;
		else if (strcmp(argv[i], "--drop-record") == 0)
			drop_record = 1;
		else if (!prim)
			prim = argv[i];
		else
			prim = NULL, i = argc;
	}
	for (i = 0; prim && i < sizeof(prims) / sizeof(prims[0]); i++) {
		if (strcmp(prim, prims[i].name) == 0) {
			cmd = prims[i].cmd;
			found = 1;
		}
	}
	if (then && strcmp(then, "prlimit") && strcmp(then, "vfork") &&
	    strcmp(then, "keepcaps"))
		found = 0;
	if (act) {
		int known = 0;

		for (i = 0; i < sizeof(act_names) / sizeof(act_names[0]); i++)
			known |= !strcmp(act, act_names[i]);
		/* the act is the first thing after the primitive */
		if (!known || then || fork_after || wait)
			found = 0;
	}
	if (!found) {
		fprintf(stderr, "usage: pint_attack CRED_WRITE|CRED_SWAP|COMMIT|"
			"CAPS|SECCOMP_CLEAR|NS_INIT|NS_SWITCH|UMH|PCFI|PCFI_SP|"
			"POOL_DRAIN|RECORD_DROP|NONE [--uid N] [--helper PATH] "
			"[--drain] [--fork-before] [--drop-record] "
			"[--then prlimit|vfork|keepcaps] [--park-seconds S] "
			"[--fork-after] [--wait FILE]\n"
			"       pint_attack PRIMITIVE --act trunc|read|unlink|"
			"rmdir|rename|link|mkdir|chmod|ptrace|mount|exec "
			"[--path P] [--pid N] [--uid N] [--deny-mkdir] "
			"[--unshare]\n");
		return 2;
	}
	gid = uid;
	say("start primitive=%s pid=%d", prim, (int)getpid());

	if (setgroups(0, NULL))
		die("setgroups");
	if (setresgid(gid, gid, gid))
		die("setresgid");
	if (setresuid(uid, uid, uid))
		die("setresuid");
	say("dropped uid=%u gid=%u", (unsigned)getuid(), (unsigned)getgid());

	if (cmd == CLKRG_VULN_SECCOMP_CLEAR || deny_mkdir)
		install_filter(deny_mkdir);
	if (cmd == CLKRG_VULN_NS_INIT || cmd == CLKRG_VULN_NS_SWITCH ||
	    do_unshare) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC))
			die("unshare");
		print_ns("ns_before");
	}

	if (getrlimit(RLIMIT_NOFILE, &raised))
		die("getrlimit");
	if (raised.rlim_max != RLIM_INFINITY)
		raised.rlim_max++;
	fd = -1;
	/* Opened before any fork: the child's first hook is the attack's. */
	if (cmd || drain || drop_record) {
		fd = open(VULN_DEV, O_RDWR);
		if (fd < 0)
			die("open " VULN_DEV);
	}
	if (drain)
		vuln_ioctl(fd, CLKRG_VULN_POOL_DRAIN, "drain");
	if (fork_before)
		fork_here();
	if (drop_record)
		vuln_ioctl(fd, CLKRG_VULN_RECORD_DROP, "record_drop");
	if (cmd) {
		struct clkrg_vuln_umh ua;
		struct clkrg_vuln_pcfi pa;

		memset(&ua, 0, sizeof(ua));
		memset(&pa, 0, sizeof(pa));
		snprintf(ua.path, sizeof(ua.path), "%s", helper);
		if (cmd == CLKRG_VULN_UMH)
			ret = ioctl(fd, cmd, &ua);
		else if (cmd == CLKRG_VULN_PCFI || cmd == CLKRG_VULN_PCFI_SP)
			ret = ioctl(fd, cmd, &pa);
		else
			ret = ioctl(fd, cmd);
		prim_ret = ret;
		prim_err = errno;
		if (act) {
			act_ret = act_do(act, act_path(act, path), target_pid,
					 &act_fd);
			act_err = errno;
		}
		if (prim_ret)
			say("primitive=err errno=%d (%s)", prim_err,
			    strerror(prim_err));
		else if (cmd == CLKRG_VULN_UMH)
			say("primitive=ok umh_result=%lld", (long long)ua.result);
		else if (cmd == CLKRG_VULN_PCFI || cmd == CLKRG_VULN_PCFI_SP)
			say("primitive=ok pcfi_result=%lld forged=0x%llx",
			    (long long)pa.result,
			    (unsigned long long)pa.forged_ret);
		else
			say("primitive=ok");
	} else if (act) {
		act_ret = act_do(act, act_path(act, path), target_pid, &act_fd);
		act_err = errno;
	}
	if (act) {
		act_report(act, act_ret, act_err, act_fd);
		if (fd >= 0)
			close(fd);
		getresuid(&r, &e, &s);
		status_value("CapEff", capeff, sizeof(capeff));
		status_value("Seccomp", secmode, sizeof(secmode));
		say("after uid=%u,%u,%u capeff=%s seccomp=%s", (unsigned)r,
		    (unsigned)e, (unsigned)s, capeff, secmode);
		print_ns("ns_after");
		say("done");
		return 0;
	}
	then_act(then);
	if (fd >= 0)
		close(fd);
	if (fork_after)
		fork_here();
	if (wait)
		wait_file(wait);

	/* The files first: no other access comes between the steps and them. */
	attack_files();
	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	status_value("CapEff", capeff, sizeof(capeff));
	status_value("Seccomp", secmode, sizeof(secmode));
	say("after uid=%u,%u,%u gid=%u,%u,%u capeff=%s seccomp=%s",
	    (unsigned)r, (unsigned)e, (unsigned)s, (unsigned)gr,
	    (unsigned)ge, (unsigned)gs, capeff, secmode);
	print_ns("ns_after");
	say("done");
	return 0;
}
