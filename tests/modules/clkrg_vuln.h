/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clkrg_vuln.h: the ioctl interface of the TEST-ONLY "vulnerable driver"
 * clkrg_vuln.ko (/dev/clkrg_vuln, mode 0666), shared by the module and the
 * guest program pint_attack. Each command is one exploit primitive acting
 * on the calling task. Numbers are built with _IO/_IOR/_IOWR on a magic of
 * their own: raw 1 and 2 are FIBMAP/FIGETBSZ, which the VFS intercepts.
 */
#ifndef CLKRG_VULN_H
#define CLKRG_VULN_H

#ifdef __KERNEL__
#include <linux/ioctl.h>
#include <linux/types.h>
#else
#include <linux/ioctl.h>
#include <linux/types.h>
#endif

#define CLKRG_VULN_MAGIC	0xC7
#define CLKRG_VULN_PATH_LEN	256

/* UMH: the helper to install as modprobe_path; out: request_module()'s result. */
struct clkrg_vuln_umh {
	char path[CLKRG_VULN_PATH_LEN];
	__s64 result;
};

/*
 * PCFI, PCFI_SP: out: the probed function's result and the return address
 * it got (forged, or the real one after the pivot's call).
 */
struct clkrg_vuln_pcfi {
	__s64 result;
	__u64 forged_ret;
};

/* CRED_WRITE_PID: the task to write into. */
struct clkrg_vuln_pid {
	__s32 pid;
	__u32 reserved;
};

/* uid/gid/euid/egid/suid/sgid/fsuid/fsgid of current's cred := 0, in place */
#define CLKRG_VULN_CRED_WRITE	_IO(CLKRG_VULN_MAGIC, 'a')
/* current->cred and ->real_cred := a root cred, by pointer store */
#define CLKRG_VULN_CRED_SWAP	_IO(CLKRG_VULN_MAGIC, 'b')
/* commit_creds(prepare_kernel_cred(NULL)) from this ioctl */
#define CLKRG_VULN_COMMIT	_IO(CLKRG_VULN_MAGIC, 'c')
/* cap_effective/permitted/bset of current's cred := full, in place */
#define CLKRG_VULN_CAPS		_IO(CLKRG_VULN_MAGIC, 'd')
/* seccomp mode 0, filter NULL, SYSCALL_WORK_SECCOMP cleared */
#define CLKRG_VULN_SECCOMP_CLEAR _IO(CLKRG_VULN_MAGIC, 'e')
/* current->nsproxy := &init_nsproxy, by pointer store */
#define CLKRG_VULN_NS_INIT	_IO(CLKRG_VULN_MAGIC, 'f')
/* switch_task_namespaces(current, &init_nsproxy) from this ioctl */
#define CLKRG_VULN_NS_SWITCH	_IO(CLKRG_VULN_MAGIC, 'g')
/* modprobe_path := path; request_module("clkrg-no-such-module"); restore */
#define CLKRG_VULN_UMH		_IOWR(CLKRG_VULN_MAGIC, 'h', struct clkrg_vuln_umh)
/* security_capable() entered with a return address after no call */
#define CLKRG_VULN_PCFI		_IOR(CLKRG_VULN_MAGIC, 'i', struct clkrg_vuln_pcfi)

/* clkrg's own data (the guard is a target), found through kallsyms: */
/* its pool of free shadow records emptied (the count := 0; they leak) */
#define CLKRG_VULN_POOL_DRAIN	_IO(CLKRG_VULN_MAGIC, 'j')
/* current's shadow record made unfindable (its task pointer := NULL) */
#define CLKRG_VULN_RECORD_DROP	_IO(CLKRG_VULN_MAGIC, 'k')
/* CRED_WRITE on the task with that pid (in the caller's namespace) */
#define CLKRG_VULN_CRED_WRITE_PID _IOW(CLKRG_VULN_MAGIC, 'l', struct clkrg_vuln_pid)
/* security_capable() called with the stack pointer outside the task's stack */
#define CLKRG_VULN_PCFI_SP	_IOR(CLKRG_VULN_MAGIC, 'm', struct clkrg_vuln_pcfi)

#endif /* CLKRG_VULN_H */
