// SPDX-License-Identifier: GPL-2.0
/*
 * perm_group: /dev/lkrg with clkrg loaded with read_gid=GID. Prints TAP.
 *
 *   perm_group member GID VSEQ    (as root)
 *   perm_group denied UID GID [SUPPLEMENTARY_GID]
 *
 * member: the node is 0640 root:GID. A process that is not root and has no
 * capability but is in group GID (as a supplementary group, then as its
 * primary group) opens the device read-only (read-write is EACCES), and
 * read(), poll() and every lseek() work; every command of the generated
 * table that the header does not mark "Needs CAP_SYS_ADMIN" works, every
 * one it does is EPERM; afterwards the module's state, including the
 * number of events, is what it was. The violation record VSEQ (found with
 * clkrg_tamper.ko by the scenario) reaches this reader with address 0 and
 * LKRG_EVF_REDACTED while a root reader sees the address; with the knob
 * expose_addresses=1 the member sees it too, and after expose_addresses=0
 * it is hidden again.
 * denied: a process with these ids cannot open the device (EACCES).
 */
#include <grp.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "lkrg_ioctls.h"
#include "suite.h"
#include "tap.h"

#define MEMBER_UID	1001

static int become(uid_t uid, gid_t gid, int nsupp, const gid_t *supp)
{
	if (setgroups(nsupp, supp) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid))
		return -1;
	return 0;
}

/* CapEff of this process is zero. */
static int no_caps(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	int none = 0;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapEff:", 7))
			none = strtoull(line + 7, NULL, 16) == 0;
	if (f)
		fclose(f);
	return none;
}

/* Reads record @seq on @fd (seeks there). Returns its header+detail or NULL. */
static const struct lkrg_event_hdr *read_seq(int fd, __u64 seq)
{
	static union {
		unsigned char b[4096];
		struct lkrg_event_hdr h;
	} buf;
	ssize_t n;

	if (lseek(fd, seq, SEEK_SET) != (off_t)seq)
		return NULL;
	n = read(fd, buf.b, LKRG_EVENT_HDR_SIZE + LKRG_EVENT_DETAIL_SIZE_VER0);
	if (n < LKRG_EVENT_HDR_SIZE || buf.h.seq != seq || !sx_detail(&buf.h))
		return NULL;
	return &buf.h;
}

/* A valid argument for table row @d (state-changing ones change state). */
static unsigned long arg_for(const struct lkrg_ioc_def *d, unsigned char *p)
{
	memset(p, 0, 512);
	if (!d->size)
		return 0;
	memcpy(p, &d->size, 4);
	switch (d->nr) {
	case 0x05:
		((struct lkrg_block_modules *)p)->mode = LKRG_BLOCK_ON;
		break;
	case 0x10:
		((struct lkrg_policy_get *)p)->knob_size = LKRG_KNOB_SIZE_VER0;
		break;
	case 0x11:
		strcpy((char *)((struct lkrg_policy_set *)p)->name, "expose_addresses");
		((struct lkrg_policy_set *)p)->value = 1;
		break;
	case 0x12:
	case 0x13:	/* UMH_ADD adds it; UMH_DEL would fail with ENOENT */
		strcpy((char *)((struct lkrg_umh_edit *)p)->path, "/clkrg-perm-group");
		break;
	case 0x14:
		((struct lkrg_umh_list *)p)->entry_size = LKRG_UMH_ENTRY_SIZE_VER0;
		break;
	case 0x15:
	case 0x16:	/* HOOK_ALLOW allows it; HOOK_DENY would fail with ENOENT */
		strcpy((char *)((struct lkrg_hook_allow_edit *)p)->owner,
		       "clkrg_perm_group");
		break;
	case 0x17:
		((struct lkrg_hook_allow_list *)p)->entry_size =
			LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0;
		break;
	case 0x20:
		((struct lkrg_stats *)p)->row_size = LKRG_STATS_ROW_SIZE_VER0;
		break;
	case 0x21:
		((struct lkrg_stats *)p)->row_size = LKRG_HOOK_ROW_SIZE_VER0;
		break;
	}
	return (unsigned long)p;
}

/* The member's checks; runs in a child, results on stdout. */
static void member_checks(const char *how, __u64 vseq)
{
	static unsigned char arg[512], rb[64 * 1024];
	struct lkrg_hello h = { .size = sizeof(h) };
	const struct lkrg_event_hdr *ev;
	const struct lkrg_event_detail *d;
	struct pollfd p;
	int fd, i, bad = 0, ro = 0, adm = 0;
	ssize_t n;
	off_t a, b, c;

	tap_ok(getuid() && geteuid() && no_caps(), "%s: uid %d, no capabilities", how,
	       (int)geteuid());
	fd = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	tap_errno(fd, errno, EACCES, "open O_RDWR as a member of the group");
	if (fd >= 0)
		close(fd);
	fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	tap_ok(fd >= 0, "%s: open O_RDONLY (%s)", how, fd < 0 ? strerror(errno) : "ok");
	if (fd < 0)
		return;

	for (i = 0; i < LKRG_IOC_TABLE_LEN; i++) {
		const struct lkrg_ioc_def *t = &lkrg_ioc_table[i];
		int ret = ioctl(fd, t->cmd, arg_for(t, arg));
		int err = errno;

		if (t->admin) {
			adm++;
			if (ret == -1 && err == EPERM)
				continue;
		} else {
			ro++;
			if (ret >= 0)
				continue;
		}
		bad++;
		tap_diag("  %s: ret %d %s", t->name, ret, ret < 0 ? strerrorname_np(err) : "");
	}
	tap_ok(!bad, "%s: the %d read-only commands work, the %d state-changing ones are EPERM",
	       how, ro, adm);

	a = lseek(fd, 0, SEEK_SET);
	b = lseek(fd, 0, SEEK_END);
	c = lseek(fd, a, SEEK_SET);
	tap_ok(a > 0 && b > a && c == a && lseek(fd, 0, SEEK_CUR) == a,
	       "%s: lseek SEEK_SET 0 (%lld), SEEK_END (%lld), SEEK_SET N, SEEK_CUR", how,
	       (long long)a, (long long)b);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	tap_ok(poll(&p, 1, 0) == 1 && (p.revents & POLLIN), "%s: poll() readable", how);
	n = read(fd, rb, sizeof(rb));
	tap_ok(n >= LKRG_EVENT_HDR_SIZE, "%s: read() returns records (%zd bytes)", how, n);

	ev = read_seq(fd, vseq);
	d = ev ? sx_detail(ev) : NULL;
	tap_ok(d && ev->type == LKRG_EV_VIOLATION && d->address == 0 &&
	       (ev->flags & LKRG_EVF_REDACTED) && d->length,
	       "%s: violation %llu reaches it with address 0 and LKRG_EVF_REDACTED (flags 0x%x, address 0x%llx)",
	       how, (unsigned long long)vseq, ev ? ev->flags : 0,
	       d ? (unsigned long long)d->address : 0ULL);
	tap_ok(ioctl(fd, LKRG_IOC_HELLO, &h) == 0 && !(h.features & LKRG_FEAT_ADDRESSES),
	       "%s: HELLO does not offer LKRG_FEAT_ADDRESSES", how);
	close(fd);
}

static int run_member(int gid, __u64 vseq)
{
	struct sx_state before, after;
	const struct lkrg_event_hdr *ev;
	const struct lkrg_event_detail *d;
	struct lkrg_hello h = { .size = sizeof(h) };
	struct stat sb;
	__u64 real_addr = 0;
	gid_t g = gid;
	char why[256];
	int ctl, fd, st, ok;
	pid_t pid;

	ok = stat(LKRG_DEVICE_PATH, &sb) == 0;
	tap_ok(ok && S_ISCHR(sb.st_mode) && (sb.st_mode & 07777) == 0640 &&
	       sb.st_uid == 0 && sb.st_gid == (gid_t)gid,
	       "%s is a char device 0640 root:%d (got %o %d:%d)", LKRG_DEVICE_PATH, gid,
	       ok ? sb.st_mode & 07777 : 0, ok ? (int)sb.st_uid : -1,
	       ok ? (int)sb.st_gid : -1);

	ctl = open(LKRG_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	ev = fd >= 0 ? read_seq(fd, vseq) : NULL;
	d = ev ? sx_detail(ev) : NULL;
	if (d)
		real_addr = d->address;
	tap_ok(d && ev->type == LKRG_EV_VIOLATION && d->address &&
	       !(ev->flags & LKRG_EVF_REDACTED),
	       "root (CAP_SYSLOG) reads violation %llu with its address 0x%llx, not redacted",
	       (unsigned long long)vseq, (unsigned long long)real_addr);
	tap_ok(ioctl(fd, LKRG_IOC_HELLO, &h) == 0 && (h.features & LKRG_FEAT_ADDRESSES),
	       "root: HELLO offers LKRG_FEAT_ADDRESSES");
	if (ctl < 0 || sx_snap(ctl, &before)) {
		printf("Bail out! root handle: %s\n", strerror(errno));
		return 1;
	}

	/* a member by a supplementary group, then by its primary group */
	pid = fork();
	if (pid == 0) {
		if (become(MEMBER_UID, MEMBER_UID, 1, &g))
			_exit(1);
		member_checks("supplementary member", vseq);
		_exit(tap_failed ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	fflush(stdout);
	/* the child numbered its own results: continue after them */
	tap_count += 9;
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the supplementary member's checks all passed (exit 0x%x)", st);

	pid = fork();
	if (pid == 0) {
		if (become(MEMBER_UID + 1, gid, 0, NULL))
			_exit(1);
		member_checks("primary-group member", vseq);
		_exit(tap_failed ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	fflush(stdout);
	tap_count += 9;
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "the primary-group member's checks all passed (exit 0x%x)", st);

	ok = sx_snap(ctl, &after) == 0 && sx_same(&before, &after, 1, why, sizeof(why));
	tap_ok(ok, "the refused commands changed nothing (state and event count)%s%s",
	       ok ? "" : ": ", why);

	/* expose_addresses=1 lifts the redaction for every reader */
	tap_ok(sx_policy_set(ctl, "expose_addresses", 1) == 0, "root sets expose_addresses=1");
	pid = fork();
	if (pid == 0) {
		int mfd;

		if (become(MEMBER_UID, MEMBER_UID, 1, &g))
			_exit(2);
		mfd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
		ev = mfd >= 0 ? read_seq(mfd, vseq) : NULL;
		d = ev ? sx_detail(ev) : NULL;
		if (!d || d->address != real_addr || (ev->flags & LKRG_EVF_REDACTED))
			_exit(1);
		if (ioctl(mfd, LKRG_IOC_HELLO, &h) == 0)
			tap_diag("note: with expose_addresses=1 this reader sees addresses; HELLO %s LKRG_FEAT_ADDRESSES",
				 h.features & LKRG_FEAT_ADDRESSES ? "offers" : "does not offer");
		/* the switch applies at read time, also to an open descriptor */
		if (sx_policy_set(ctl, "expose_addresses", 0) != -1 || errno != EPERM)
			_exit(3);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "with expose_addresses=1 the member reads the real address, no LKRG_EVF_REDACTED (exit 0x%x)",
	       st);
	tap_ok(sx_policy_set(ctl, "expose_addresses", 0) == 0, "root sets expose_addresses=0");
	pid = fork();
	if (pid == 0) {
		int mfd;

		if (become(MEMBER_UID, MEMBER_UID, 1, &g))
			_exit(2);
		mfd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
		ev = mfd >= 0 ? read_seq(mfd, vseq) : NULL;
		d = ev ? sx_detail(ev) : NULL;
		_exit(d && !d->address && (ev->flags & LKRG_EVF_REDACTED) ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "with expose_addresses=0 again it is redacted again (exit 0x%x)", st);
	close(fd);
	close(ctl);
	return tap_done();
}

static int run_denied(uid_t uid, gid_t gid, int nsupp, gid_t supp)
{
	char what[96];
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (become(uid, gid, nsupp, &supp)) {
		printf("Bail out! cannot become %d:%d\n", (int)uid, (int)gid);
		return 1;
	}
	fd = open(LKRG_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	snprintf(what, sizeof(what), "open O_RDONLY as uid %d gid %d%s%.0d", (int)uid,
		 (int)gid, nsupp ? " groups " : "", nsupp ? (int)supp : 0);
	tap_errno(fd, errno, EACCES, what);
	return tap_done();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && !strcmp(argv[1], "member"))
		return run_member(atoi(argv[2]), strtoull(argv[3], NULL, 0));
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "denied"))
		return run_denied(atoi(argv[2]), atoi(argv[3]), argc == 5,
				  argc == 5 ? (gid_t)atoi(argv[4]) : 0);
	fprintf(stderr, "usage: perm_group member GID VSEQ | denied UID GID [SUPP]\n");
	return 2;
}
