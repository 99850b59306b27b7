// SPDX-License-Identifier: GPL-2.0
/*
 * pint_attack: an unprivileged "exploit" using one primitive of the
 * test-only driver /dev/clkrg_vuln (tests/modules/clkrg_vuln.c), then
 * attacking root-owned files. Not TAP: one line per step, each written at
 * once (a SIGKILL must not lose what was printed before it).
 *
 *   pint_attack PRIMITIVE [--uid N] [--helper PATH]
 *
 * PRIMITIVE: CRED_WRITE CRED_SWAP COMMIT CAPS SECCOMP_CLEAR NS_INIT
 * NS_SWITCH UMH PCFI (or NONE: no ioctl, the same attack on the files).
 *
 * Steps, as root first:
 *   1. drops to uid/gid N (default 65534): setgroups(0), setresgid,
 *      setresuid; prints "dropped uid=N gid=N"
 *   2. sets up what the primitive undoes: SECCOMP_CLEAR installs an
 *      allow-all seccomp filter ("seccomp=2"); NS_INIT and NS_SWITCH
 *      unshare(CLONE_NEWUSER|CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC) and
 *      print "ns_before mnt=I uts=I ipc=I net=I" (inode numbers)
 *   3. the ioctl: "primitive=ok" or "primitive=err errno=E (text)"; UMH
 *      adds "umh_result=R" (request_module's result), PCFI
 *      "pcfi_result=R forged=0xADDR"
 *   4. "after uid=R,E,S gid=R,E,S capeff=HEX seccomp=M" and
 *      "ns_after mnt=I uts=I ipc=I net=I"
 *   5. the attack: open("/root/canary", O_WRONLY|O_TRUNC) and a write
 *      ("canary_open=ok" / "canary_open=err errno=E"), unlink
 *      ("canary_unlink=ok|err ..."), read /root/secret
 *      ("secret=CONTENT" only when it was read, else "secret_read=err ...")
 *   6. "done", exit 0.
 * Exit 2: a step before the primitive failed (usage, drop, setup).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

static void install_allow_all(void)
{
	struct sock_filter insn[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 1, .filter = insn };
	char mode[32];

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("prctl(PR_SET_NO_NEW_PRIVS)");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		die("seccomp(SECCOMP_SET_MODE_FILTER)");
	status_value("Seccomp", mode, sizeof(mode));
	say("seccomp=%s", mode);
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

int main(int argc, char **argv)
{
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
	if (!found) {
		fprintf(stderr, "usage: pint_attack CRED_WRITE|CRED_SWAP|COMMIT|"
			"CAPS|SECCOMP_CLEAR|NS_INIT|NS_SWITCH|UMH|PCFI|NONE "
			"[--uid N] [--helper PATH]\n");
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

	if (cmd == CLKRG_VULN_SECCOMP_CLEAR)
		install_allow_all();
	if (cmd == CLKRG_VULN_NS_INIT || cmd == CLKRG_VULN_NS_SWITCH) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC))
			die("unshare");
		print_ns("ns_before");
	}

	if (cmd) {
		fd = open(VULN_DEV, O_RDWR);
		if (fd < 0)
			die("open " VULN_DEV);
		if (cmd == CLKRG_VULN_UMH) {
			struct clkrg_vuln_umh a;

			memset(&a, 0, sizeof(a));
			snprintf(a.path, sizeof(a.path), "%s", helper);
			ret = ioctl(fd, cmd, &a);
			if (ret == 0)
				say("primitive=ok umh_result=%lld", (long long)a.result);
		} else if (cmd == CLKRG_VULN_PCFI) {
			struct clkrg_vuln_pcfi a;

			memset(&a, 0, sizeof(a));
			ret = ioctl(fd, cmd, &a);
			if (ret == 0)
				say("primitive=ok pcfi_result=%lld forged=0x%llx",
				    (long long)a.result,
				    (unsigned long long)a.forged_ret);
		} else {
			ret = ioctl(fd, cmd);
			if (ret == 0)
				say("primitive=ok");
		}
		if (ret)
			say("primitive=err errno=%d (%s)", errno, strerror(errno));
		close(fd);
	}

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	status_value("CapEff", capeff, sizeof(capeff));
	status_value("Seccomp", secmode, sizeof(secmode));
	say("after uid=%u,%u,%u gid=%u,%u,%u capeff=%s seccomp=%s",
	    (unsigned)r, (unsigned)e, (unsigned)s, (unsigned)gr,
	    (unsigned)ge, (unsigned)gs, capeff, secmode);
	print_ns("ns_after");

	attack_files();
	say("done");
	return 0;
}
