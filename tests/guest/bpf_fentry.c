// SPDX-License-Identifier: GPL-2.0
/*
 * Attaches a BPF fentry program (a BPF trampoline) to a kernel function,
 * with raw bpf(2) calls only: a legitimate runtime change of core text
 * (ftrace turns the function's fentry site into a direct call of the
 * trampoline) for the in-VM kernel suite.
 *
 *   bpf_fentry attach FUNC [SECONDS]
 *       Finds the BTF_KIND_FUNC FUNC in /sys/kernel/btf/vmlinux, loads
 *       "r0 = 0; exit" as BPF_PROG_TYPE_TRACING / BPF_TRACE_FENTRY on it,
 *       attaches it (BPF_LINK_CREATE, else BPF_RAW_TRACEPOINT_OPEN),
 *       enables run statistics (BPF_ENABLE_STATS) and prints
 *       "attached prog_id=N btf_id=N func=FUNC". Then it holds the fds
 *       until SIGTERM, SIGINT or SECONDS (default 600) and detaches:
 *       "detached", exit 0. Any failure: a message with errno, exit 1.
 *   bpf_fentry fmod_ret FUNC ERRNO [SECONDS]
 *       The same with "r0 = -ERRNO; exit" as BPF_MODIFY_RETURN
 *       (program name clkrg_fmodret): FUNC (a security_* function) then
 *       returns -ERRNO without running. This one redirects.
 *   bpf_fentry count PROG_ID [CALLS]
 *       Calls getppid(2) CALLS times (default 0) and prints the program's
 *       run_cnt; exit 0 if it grew by at least CALLS meanwhile.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BTF_PATH "/sys/kernel/btf/vmlinux"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static int die(const char *what)
{
	fprintf(stderr, "bpf_fentry: %s: %s (errno %d)\n", what,
		strerror(errno), errno);
	return 1;
}

static char *read_file(const char *path, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0) {
				close(fd);
				*len = n;
				return buf;
			}
			break;
		}
		n += (size_t)r;
	}
	r = errno;
	close(fd);
	free(buf);
	errno = (int)r;
	return NULL;
}

/* Bytes that follow a struct btf_type of this kind, or -1 if unknown. */
static long btf_extra(const struct btf_type *t)
{
	unsigned int vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return (long)vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return (long)vlen * sizeof(struct btf_enum);
	case BTF_KIND_FUNC_PROTO:
		return (long)vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return (long)vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_ENUM64:
		return (long)vlen * sizeof(struct btf_enum64);
	}
	return -1;
}

/* Type id of the BTF_KIND_FUNC named @name in vmlinux BTF; 0 on error. */
static unsigned int btf_func_id(const char *name)
{
	const struct btf_header *h;
	const char *types, *strs;
	size_t len, off = 0;
	unsigned int id = 1;
	char *buf;

	buf = read_file(BTF_PATH, &len);
	if (!buf) {
		die("read " BTF_PATH " (kernel without CONFIG_DEBUG_INFO_BTF?)");
		return 0;
	}
	h = (const struct btf_header *)buf;
	if (len < sizeof(*h) || h->magic != BTF_MAGIC ||
	    (size_t)h->hdr_len + h->type_off + h->type_len > len ||
	    (size_t)h->hdr_len + h->str_off + h->str_len > len) {
		fprintf(stderr, "bpf_fentry: %s: not BTF (%zu bytes, magic 0x%x)\n",
			BTF_PATH, len, len >= 2 ? h->magic : 0);
		free(buf);
		return 0;
	}
	types = buf + h->hdr_len + h->type_off;
	strs = buf + h->hdr_len + h->str_off;
	while (off + sizeof(struct btf_type) <= h->type_len) {
		const struct btf_type *t = (const void *)(types + off);
		long extra = btf_extra(t);

		if (extra < 0) {
			fprintf(stderr, "bpf_fentry: BTF type %u: unknown kind %u\n",
				id, BTF_INFO_KIND(t->info));
			break;
		}
		if (BTF_INFO_KIND(t->info) == BTF_KIND_FUNC &&
		    t->name_off < h->str_len &&
		    strnlen(strs + t->name_off, h->str_len - t->name_off) <
			    h->str_len - t->name_off &&
		    !strcmp(strs + t->name_off, name)) {
			free(buf);
			return id;
		}
		off += sizeof(struct btf_type) + (size_t)extra;
		id++;
	}
	fprintf(stderr, "bpf_fentry: no BTF_KIND_FUNC '%s' among %u types of %s\n",
		name, id - 1, BTF_PATH);
	free(buf);
	return 0;
}

/* fentry (@type BPF_TRACE_FENTRY) returns 0; fmod_ret returns @ret. */
static int load_prog(unsigned int btf_id, unsigned int type, int ret)
{
	static char log[65536];
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0,
		  .imm = ret },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_TRACING;
	a.expected_attach_type = type;
	a.attach_btf_id = btf_id;
	a.insns = (uintptr_t)insns;
	a.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	a.license = (uintptr_t)"GPL";
	strncpy(a.prog_name, type == BPF_TRACE_FENTRY ? "clkrg_fentry" :
		"clkrg_fmodret", sizeof(a.prog_name) - 1);
	a.log_buf = (uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	fd = (int)sys_bpf(BPF_PROG_LOAD, &a);
	if (fd < 0) {
		int e = errno;

		if (log[0])
			fprintf(stderr, "bpf_fentry: verifier log:\n%s\n", log);
		errno = e;
	}
	return fd;
}

static int attach(int prog_fd, unsigned int type)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.link_create.prog_fd = prog_fd;
	a.link_create.attach_type = type;
	fd = (int)sys_bpf(BPF_LINK_CREATE, &a);
	if (fd >= 0)
		return fd;
	fprintf(stderr, "bpf_fentry: BPF_LINK_CREATE: %s (errno %d), "
		"trying BPF_RAW_TRACEPOINT_OPEN\n", strerror(errno), errno);
	memset(&a, 0, sizeof(a));
	a.raw_tracepoint.name = 0;
	a.raw_tracepoint.prog_fd = prog_fd;
	return (int)sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &a);
}

static int prog_info(int prog_fd, struct bpf_prog_info *info)
{
	union bpf_attr a;

	memset(info, 0, sizeof(*info));
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = prog_fd;
	a.info.info_len = sizeof(*info);
	a.info.info = (uintptr_t)info;
	return (int)sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a);
}

static int cmd_attach(const char *func, unsigned int type, int ret,
		      long seconds)
{
	struct bpf_prog_info info;
	struct sigaction sa;
	union bpf_attr a;
	unsigned int id;
	int prog, link, stats;
	time_t end;

	id = btf_func_id(func);
	if (!id)
		return 1;
	prog = load_prog(id, type, ret);
	if (prog < 0)
		return die("BPF_PROG_LOAD (tracing)");
	link = attach(prog, type);
	if (link < 0)
		return die("attach (BPF_RAW_TRACEPOINT_OPEN)");
	memset(&a, 0, sizeof(a));
	a.enable_stats.type = BPF_STATS_RUN_TIME;
	stats = (int)sys_bpf(BPF_ENABLE_STATS, &a);
	if (stats < 0)
		fprintf(stderr, "bpf_fentry: BPF_ENABLE_STATS: %s (errno %d)\n",
			strerror(errno), errno);
	if (prog_info(prog, &info))
		return die("BPF_OBJ_GET_INFO_BY_FD");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	printf("attached prog_id=%u btf_id=%u func=%s jited=%u\n", info.id, id,
	       func, info.jited_prog_len);
	fflush(stdout);

	end = time(NULL) + seconds;
	while (!stop && time(NULL) < end)
		usleep(100000);

	if (close(link))
		return die("close link");
	if (stats >= 0)
		close(stats);
	close(prog);
	printf("detached\n");
	return 0;
}

static int run_cnt(unsigned int prog_id, unsigned long long *cnt)
{
	struct bpf_prog_info info;
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.prog_id = prog_id;
	fd = (int)sys_bpf(BPF_PROG_GET_FD_BY_ID, &a);
	if (fd < 0)
		return die("BPF_PROG_GET_FD_BY_ID");
	if (prog_info(fd, &info)) {
		die("BPF_OBJ_GET_INFO_BY_FD");
		close(fd);
		return 1;
	}
	close(fd);
	*cnt = info.run_cnt;
	return 0;
}

static int cmd_count(unsigned int prog_id, long calls)
{
	unsigned long long before, after;
	long i;

	if (run_cnt(prog_id, &before))
		return 1;
	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	if (run_cnt(prog_id, &after))
		return 1;
	printf("run_cnt=%llu (was %llu, %ld getppid calls)\n", after, before,
	       calls);
	return after - before >= (unsigned long long)calls ? 0 : 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: bpf_fentry attach FUNC [SECONDS]\n"
			"       bpf_fentry fmod_ret FUNC ERRNO [SECONDS]\n"
			"       bpf_fentry count PROG_ID [CALLS]\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "attach"))
		return cmd_attach(argv[2], BPF_TRACE_FENTRY, 0,
				  argc > 3 ? atol(argv[3]) : 600);
	if (argc >= 4 && !strcmp(argv[1], "fmod_ret"))
		return cmd_attach(argv[2], BPF_MODIFY_RETURN, -atoi(argv[3]),
				  argc > 4 ? atol(argv[4]) : 600);
	if (argc >= 3 && !strcmp(argv[1], "count"))
		return cmd_count((unsigned int)strtoul(argv[2], NULL, 0),
				 argc > 3 ? atol(argv[3]) : 0);
	return usage();
}
