// SPDX-License-Identifier: GPL-2.0
/*
 * pint_legit: legitimate credential, capability, seccomp and task changes
 * for the negative twins of clkrg's exploit detection (scenarios 6x and
 * 70-soak). Each subcommand exits 0 when the kernel did what it should, 1
 * otherwise, with one line per finding on stdout.
 *
 *   pint_legit run-as UID GID CMD...     setgroups(0), setresgid, setresuid,
 *                                        exec CMD (what login does)
 *   pint_legit setxid-threads N UID      N threads, then setresgid/setresuid
 *                                        to UID from the main thread (glibc
 *                                        broadcasts it to every thread);
 *                                        each thread checks its own ids
 *   pint_legit tsync N                   N threads, then an allow-all filter
 *                                        with SECCOMP_FILTER_FLAG_TSYNC; each
 *                                        thread checks Seccomp: 2 and makes
 *                                        syscalls
 *   pint_legit exec-storm N [PROG]       N x (fork, exec PROG (default
 *                                        /bin/true), wait): every child exits 0
 *   pint_legit tasks N READY STOP        N sleeping threads (16 KiB stacks);
 *                                        creates file READY when all run,
 *                                        waits for file STOP, joins them all
 *   pint_legit flood P N READY STOP      P processes of N parked threads each
 *                                        (as "tasks"), made all at once;
 *                                        READY once every process made its
 *                                        threads, STOP ends them
 *   pint_legit clone-ns GO               children made with namespaces by
 *                                        clone(): a new user namespace with
 *                                        mount, UTS, IPC, net, cgroup and PID
 *                                        ones; as root also those without a
 *                                        user namespace, and a plain fork
 *                                        after unshare(CLONE_NEWTIME). Each
 *                                        waits for file GO, then opens
 *                                        /proc/self/status and fork+execs
 *                                        /bin/true
 *   pint_legit stall-write FILE VALUE GO writes "VALUE\n" to FILE from a buffer
 *                                        on a userfaultfd page, so the write
 *                                        stalls in the kernel copying it;
 *                                        prints "stalled" once the fault
 *                                        arrived, serves it when file GO
 *                                        exists; "write=N" or "write=err E"
 *   pint_legit capset [GO]               as root: drops CAP_SYS_MODULE from
 *                                        the bounding set (prctl), clears
 *                                        then restores the effective set
 *                                        (capset), drops CAP_NET_RAW for good;
 *                                        fails unless CapPrm and CapBnd then
 *                                        lack exactly those; with GO prints
 *                                        "capset: holding" and waits (60 s at
 *                                        most) until file GO exists
 *   pint_legit suid [FILE]               as a setuid-root copy run by a user:
 *                                        euid 0, reads FILE (default
 *                                        /root/secret), seteuid(ruid), back to
 *                                        0 (saved uid), then setresuid(ruid)
 *   pint_legit socket FAMILY             socket(FAMILY, SOCK_STREAM, 0): the
 *                                        kernel asks for "net-pf-FAMILY"
 *                                        (usermode helper); any errno is fine
 *   pint_legit timens-exec               as root: unshare(CLONE_NEWTIME), then
 *                                        exec itself as "timens-show" (from
 *                                        6.2 exec moves it into the new time
 *                                        namespace: exec_task_namespaces)
 *   pint_legit timens-show               prints "entered" when its time
 *                                        namespace is its one for children,
 *                                        "outside" otherwise
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void bad(const char *fmt, const char *a, long b)
{
	printf("FAIL: ");
	printf(fmt, a, b);
	printf(" (errno %d: %s)\n", errno, strerror(errno));
	fflush(stdout);
	failures++;
}

static long num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "pint_legit: '%s' is not a number\n", s);
		exit(2);
	}
	return v;
}

/* "KEY:" of /proc/self/task/TID/status (or /proc/self/status for tid 0) */
static int task_status(pid_t tid, const char *key, char *out, size_t len)
{
	char path[64], line[256];
	size_t kl = strlen(key);
	FILE *f;

	if (tid)
		snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
			char *v = line + kl + 1;

			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = '\0';
			snprintf(out, len, "%s", v);
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

/* ---- run-as ------------------------------------------------------------------ */

static int run_as(int argc, char **argv)
{
	uid_t uid;
	gid_t gid;

	if (argc < 5)
		return 2;
	uid = num(argv[2]);
	gid = num(argv[3]);
	if (setgroups(0, NULL) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid)) {
		perror("pint_legit run-as");
		return 1;
	}
	execvp(argv[4], argv + 4);
	perror("pint_legit run-as: exec");
	return 127;
}

/* ---- threads ------------------------------------------------------------------ */

static pthread_barrier_t bar_start, bar_done;
static uid_t want_uid;
static int threads_mode;	/* 0 setxid, 1 tsync */
static atomic_int thread_failures;

static void *worker(void *arg)
{
	char v[64];
	pid_t tid = (pid_t)syscall(SYS_gettid);
	int i;

	(void)arg;
	pthread_barrier_wait(&bar_start);	/* main changes things now */
	pthread_barrier_wait(&bar_done);
	if (threads_mode == 0) {
		uid_t r, e, s;

		/* the raw syscall: this thread's own cred */
		syscall(SYS_getresuid, &r, &e, &s);
		if (r != want_uid || e != want_uid || s != want_uid)
			atomic_fetch_add(&thread_failures, 1);
	} else {
		if (task_status(tid, "Seccomp", v, sizeof(v)) || strcmp(v, "2"))
			atomic_fetch_add(&thread_failures, 1);
		for (i = 0; i < 50; i++)
			(void)getppid();
	}
	return NULL;
}

static int run_threads(long n)
{
	pthread_t *t = calloc(n, sizeof(*t));
	long i;

	if (!t)
		return 1;
	pthread_barrier_init(&bar_start, NULL, n + 1);
	pthread_barrier_init(&bar_done, NULL, n + 1);
	for (i = 0; i < n; i++) {
		if (pthread_create(&t[i], NULL, worker, NULL)) {
			bad("pthread_create %s%ld", "#", i);
			exit(1);
		}
	}
	pthread_barrier_wait(&bar_start);
	if (threads_mode == 0) {
		if (setgroups(0, NULL) || setresgid(want_uid, want_uid, want_uid) ||
		    setresuid(want_uid, want_uid, want_uid))
			bad("setresuid(%s%ld) from the main thread", "", (long)want_uid);
	} else {
		struct sock_filter insn[] = {
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { .len = 1, .filter = insn };
		long r;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			bad("prctl(%s) %ld", "PR_SET_NO_NEW_PRIVS", 0);
		r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_TSYNC, &prog);
		if (r)
			bad("seccomp(%s): %ld", "SECCOMP_FILTER_FLAG_TSYNC", r);
	}
	pthread_barrier_wait(&bar_done);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	free(t);
	if (thread_failures) {
		printf("FAIL: %d threads saw the wrong state\n", thread_failures);
		failures++;
	}
	printf("%s: %ld threads, %d wrong\n",
	       threads_mode ? "tsync" : "setxid-threads", n, thread_failures);
	return failures ? 1 : 0;
}

/* ---- exec storm ----------------------------------------------------------------- */

static int exec_storm(long n, const char *prog)
{
	long i, bad_exit = 0;
	int st;
	pid_t p;

	for (i = 0; i < n; i++) {
		p = fork();
		if (p < 0) {
			bad("fork #%s%ld", "", i);
			return 1;
		}
		if (p == 0) {
			execl(prog, prog, (char *)NULL);
			_exit(127);
		}
		if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st))
			bad_exit++;
	}
	printf("exec-storm: %ld execs of %s, %ld failed\n", n, prog, bad_exit);
	return bad_exit ? 1 : 0;
}

/* ---- many tasks ---------------------------------------------------------------- */

static pthread_mutex_t park_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t park_cond = PTHREAD_COND_INITIALIZER;
static int park_release;
static atomic_long parked;

static void *parker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&park_lock);
	atomic_fetch_add(&parked, 1);
	while (!park_release)
		pthread_cond_wait(&park_cond, &park_lock);
	pthread_mutex_unlock(&park_lock);
	return NULL;
}

static int many_tasks(long n, const char *ready, const char *stop)
{
	pthread_t *t = calloc(n, sizeof(*t));
	pthread_attr_t attr;
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	long i, made = 0;
	int fd;

	if (!t)
		return 1;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16384);
	for (i = 0; i < n; i++) {
		int err = pthread_create(&t[i], &attr, parker, NULL);

		if (err) {
			errno = err;
			bad("pthread_create %s%ld", "#", i);
			break;
		}
		made++;
	}
	while (atomic_load(&parked) < made)
		nanosleep(&ts, NULL);
	printf("tasks: %ld threads parked\n", made);
	fflush(stdout);
	fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dprintf(fd, "%ld\n", made);
		close(fd);
	}
	while (access(stop, F_OK))
		nanosleep(&ts, NULL);
	pthread_mutex_lock(&park_lock);
	park_release = 1;
	pthread_cond_broadcast(&park_cond);
	pthread_mutex_unlock(&park_lock);
	for (i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	printf("tasks: %ld threads joined\n", made);
	free(t);
	return made == n && !failures ? 0 : 1;
}

/* ---- thread flood --------------------------------------------------------------- */

/*
 * P processes, each creating N threads as fast as it can (16 KiB stacks)
 * that park until file STOP exists; READY is created once all are made.
 */
static int flood(long procs, long n, const char *ready, const char *stop)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	long i, bad_exit = 0;
	pid_t *kids = calloc(procs, sizeof(*kids));
	char path[256];
	int st, fd;

	if (!kids)
		return 1;
	for (i = 0; i < procs; i++) {
		kids[i] = fork();
		if (kids[i] < 0) {
			bad("fork #%s%ld", "", i);
			return 1;
		}
		if (kids[i] == 0) {
			snprintf(path, sizeof(path), "%s.%ld", ready, i);
			_exit(many_tasks(n, path, stop));
		}
	}
	for (i = 0; i < procs; i++) {
		snprintf(path, sizeof(path), "%s.%ld", ready, i);
		while (access(path, F_OK) && access(stop, F_OK))
			nanosleep(&ts, NULL);
	}
	fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
	for (i = 0; i < procs; i++)
		if (waitpid(kids[i], &st, 0) != kids[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			bad_exit++;
	printf("flood: %ld processes x %ld threads, %ld failed\n", procs, n,
	       bad_exit);
	free(kids);
	return bad_exit ? 1 : 0;
}

/* ---- namespaces made by clone ---------------------------------------------------- */

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif
#define NS_FLAGS	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | \
			 CLONE_NEWCGROUP | CLONE_NEWPID)

static int ns_child(void *arg)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	const char *go = arg;
	char buf[512];
	struct stat st;
	int i, fd, ws;
	pid_t p;

	for (i = 0; i < 2400 && stat(go, &st); i++)
		nanosleep(&ts, NULL);
	fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0)
		return 1;
	close(fd);
	p = fork();
	if (p == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &ws, 0) != p || !WIFEXITED(ws) ||
	    WEXITSTATUS(ws))
		return 1;
	return 0;
}

static int clone_ns(const char *go)
{
	static char stacks[2][64 * 1024] __attribute__((aligned(16)));
	const int flags[2] = { CLONE_NEWUSER | NS_FLAGS, NS_FLAGS };
	int n = geteuid() == 0 ? 2 : 1, i, ws, bad_exit = 0;
	pid_t kids[3];

	for (i = 0; i < n; i++) {
		kids[i] = clone(ns_child, stacks[i] + sizeof(stacks[i]),
				flags[i] | SIGCHLD, (void *)go);
		if (kids[i] < 0) {
			bad("clone(%s) #%ld", "CLONE_NEW*", (long)i);
			return 1;
		}
	}
	if (geteuid() == 0) {
		if (unshare(CLONE_NEWTIME)) {
			bad("unshare(%s) %ld", "CLONE_NEWTIME", 0);
			return 1;
		}
		kids[n] = fork();
		if (kids[n] == 0)
			_exit(ns_child((void *)go));
		if (kids[n] < 0) {
			bad("fork %s%ld", "", 0);
			return 1;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		if (waitpid(kids[i], &ws, 0) != kids[i] || !WIFEXITED(ws) ||
		    WEXITSTATUS(ws))
			bad_exit++;
	printf("clone-ns: %d children, %d failed\n", n, bad_exit);
	return bad_exit ? 1 : 0;
}

/* ---- a write stalled by userfaultfd ----------------------------------------------- */

struct stall {
	int fd;
	char *page;
	size_t len;
	ssize_t ret;
	int err;
};

static void *stall_writer(void *arg)
{
	struct stall *st = arg;

	st->ret = write(st->fd, st->page, st->len);
	st->err = errno;
	return NULL;
}

static int stall_write(const char *file, const char *value, const char *go)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	long psz = sysconf(_SC_PAGESIZE);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffd_msg msg;
	struct stall st;
	struct stat sb;
	pthread_t th;
	char *src;
	int uffd, i;

	memset(&st, 0, sizeof(st));
	uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	st.page = mmap(NULL, psz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	src = mmap(NULL, psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (uffd < 0 || st.page == MAP_FAILED || src == MAP_FAILED ||
	    ioctl(uffd, UFFDIO_API, &api)) {
		bad("userfaultfd setup for %s%ld", file, 0);
		return 1;
	}
	reg.range.start = (unsigned long)st.page;
	reg.range.len = psz;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg)) {
		bad("UFFDIO_REGISTER %s%ld", "", 0);
		return 1;
	}
	st.len = (size_t)snprintf(src, psz, "%s\n", value);
	st.fd = open(file, O_WRONLY);
	if (st.fd < 0 || pthread_create(&th, NULL, stall_writer, &st)) {
		bad("open %s (%ld)", file, 0);
		return 1;
	}
	if (read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT) {
		bad("no page fault from the write %s%ld", "", 0);
		return 1;
	}
	printf("stalled\n");
	fflush(stdout);
	for (i = 0; i < 6000 && stat(go, &sb); i++)
		nanosleep(&ts, NULL);
	copy.dst = (unsigned long)st.page;
	copy.src = (unsigned long)src;
	copy.len = psz;
	copy.mode = 0;
	if (ioctl(uffd, UFFDIO_COPY, &copy)) {
		bad("UFFDIO_COPY %s%ld", "", 0);
		return 1;
	}
	pthread_join(th, NULL);
	if (st.ret < 0)
		printf("write=err %d\n", st.err);
	else
		printf("write=%zd\n", st.ret);
	return st.ret == (ssize_t)st.len ? 0 : 1;
}

/* ---- capabilities ---------------------------------------------------------------- */

static int capget_v3(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capget, &h, d);
}

static int capset_v3(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capset, &h, d);
}

static int caps(void)
{
	struct __user_cap_data_struct d[2], saved[2];
	char v[64];

	if (prctl(PR_CAPBSET_DROP, CAP_SYS_MODULE, 0, 0, 0))
		bad("prctl(PR_CAPBSET_DROP, %s) %ld", "CAP_SYS_MODULE", 0);
	if (capget_v3(d))
		bad("capget %s%ld", "", 0);
	memcpy(saved, d, sizeof(d));
	d[0].effective = 0;
	d[1].effective = 0;
	if (capset_v3(d))
		bad("capset(%s) %ld", "effective 0", 0);
	task_status(0, "CapEff", v, sizeof(v));
	printf("capset: effective cleared, CapEff %s\n", v);
	if (strcmp(v, "0000000000000000"))
		bad("CapEff is %s, not 0 (%ld)", v, 0);
	if (capset_v3(saved))
		bad("capset(%s) %ld", "effective restored", 0);
	task_status(0, "CapEff", v, sizeof(v));
	printf("capset: effective restored, CapEff %s\n", v);
	d[0] = saved[0];
	d[1] = saved[1];
	d[CAP_NET_RAW / 32].effective &= ~(1U << (CAP_NET_RAW % 32));
	d[CAP_NET_RAW / 32].permitted &= ~(1U << (CAP_NET_RAW % 32));
	d[CAP_NET_RAW / 32].inheritable &= ~(1U << (CAP_NET_RAW % 32));
	if (capset_v3(d))
		bad("capset(%s) %ld", "drop CAP_NET_RAW", 0);
	task_status(0, "CapPrm", v, sizeof(v));
	printf("capset: CAP_NET_RAW dropped, CapPrm %s\n", v);
	if (strtoull(v, NULL, 16) != (((unsigned long long)saved[1].permitted << 32 |
					saved[0].permitted) & ~(1ULL << CAP_NET_RAW)))
		bad("CapPrm %s is not the permitted set less CAP_NET_RAW (%ld)", v, 0);
	task_status(0, "CapBnd", v, sizeof(v));
	printf("capset: CapBnd %s\n", v);
	if (strtoull(v, NULL, 16) & (1ULL << CAP_SYS_MODULE))
		bad("CapBnd %s still has CAP_SYS_MODULE (%ld)", v, 0);
	return failures ? 1 : 0;
}

/* ---- setuid-root binary ------------------------------------------------------------ */

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

static int timens_exec(void)
{
	char *const args[] = { "pint_legit", "timens-show", NULL };

	if (unshare(CLONE_NEWTIME)) {
		bad("unshare(%s): %ld", "CLONE_NEWTIME", -1);
		return 1;
	}
	execv("/proc/self/exe", args);
	bad("exec(%s): %ld", "/proc/self/exe", -1);
	return 1;
}

static int timens_show(void)
{
	char now[64] = "", children[64] = "";

	if (readlink("/proc/self/ns/time", now, sizeof(now) - 1) < 0 ||
	    readlink("/proc/self/ns/time_for_children", children,
		     sizeof(children) - 1) < 0) {
		bad("readlink(%s): %ld", "/proc/self/ns/time", -1);
		return 1;
	}
	puts(strcmp(now, children) ? "outside" : "entered");
	return 0;
}

static int suid(const char *file)
{
	uid_t r, e, s;
	char buf[128];
	ssize_t n;
	int fd;

	getresuid(&r, &e, &s);
	printf("suid: uid=%u,%u,%u\n", (unsigned)r, (unsigned)e, (unsigned)s);
	if (e != 0)
		bad("euid is %s%ld, not 0", "", (long)e);
	fd = open(file, O_RDONLY);
	if (fd < 0) {
		bad("open %s (%ld)", file, 0);
	} else {
		n = read(fd, buf, sizeof(buf));
		printf("suid: read %zd bytes of %s\n", n, file);
		close(fd);
	}
	if (seteuid(r))
		bad("seteuid(%s%ld)", "", (long)r);
	if (open(file, O_RDONLY) >= 0 && r != 0)
		bad("%s readable after seteuid(%ld)", file, (long)r);
	if (seteuid(0))
		bad("seteuid(%s%ld) back through the saved uid", "", 0);
	if (setresuid(r, r, r))
		bad("setresuid(%s%ld)", "", (long)r);
	getresuid(&r, &e, &s);
	printf("suid: dropped to uid=%u,%u,%u\n", (unsigned)r, (unsigned)e,
	       (unsigned)s);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "run-as"))
		return run_as(argc, argv);
	if (!strcmp(cmd, "setxid-threads") && argc == 4) {
		threads_mode = 0;
		want_uid = num(argv[3]);
		return run_threads(num(argv[2]));
	}
	if (!strcmp(cmd, "tsync") && argc == 3) {
		threads_mode = 1;
		return run_threads(num(argv[2]));
	}
	if (!strcmp(cmd, "exec-storm") && (argc == 3 || argc == 4))
		return exec_storm(num(argv[2]), argc == 4 ? argv[3] : "/bin/true");
	if (!strcmp(cmd, "tasks") && argc == 5)
		return many_tasks(num(argv[2]), argv[3], argv[4]);
	if (!strcmp(cmd, "stall-write") && argc == 5)
		return stall_write(argv[2], argv[3], argv[4]);
	if (!strcmp(cmd, "clone-ns") && argc == 3)
		return clone_ns(argv[2]);
	if (!strcmp(cmd, "flood") && argc == 6)
		return flood(num(argv[2]), num(argv[3]), argv[4], argv[5]);
	if (!strcmp(cmd, "capset") && (argc == 2 || argc == 3)) {
		int ret = caps();
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		struct stat st;
		int i;

		if (argc == 2 || ret)
			return ret;
		printf("capset: holding\n");
		fflush(stdout);
		for (i = 0; i < 1200 && stat(argv[2], &st); i++)
			nanosleep(&ts, NULL);
		return i < 1200 ? 0 : 1;
	}
	if (!strcmp(cmd, "suid") && argc <= 3)
		return suid(argc == 3 ? argv[2] : "/root/secret");
	if (!strcmp(cmd, "timens-exec") && argc == 2)
		return timens_exec();
	if (!strcmp(cmd, "timens-show") && argc == 2)
		return timens_show();
	if (!strcmp(cmd, "socket") && argc == 3) {
		int fd = socket((int)num(argv[2]), SOCK_STREAM, 0);

		printf("socket(%s): %s\n", argv[2], fd >= 0 ? "ok" : strerror(errno));
		return 0;
	}
	fprintf(stderr, "usage: see the header of tests/guest/pint_legit.c\n");
	return 2;
}
