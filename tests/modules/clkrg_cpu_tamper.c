// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_cpu_tamper: TEST-ONLY module that tampers with the per-CPU state
 * clkrg guards, for real, on one CPU, and puts it back. Never load it on a
 * real system.
 *
 *   echo "1 smep" > /sys/module/clkrg_cpu_tamper/parameters/cr_clear
 *   cat /sys/module/clkrg_cpu_tamper/parameters/cr
 *   echo "1 smep" > /sys/module/clkrg_cpu_tamper/parameters/cr_set
 *   echo 1 > /sys/module/clkrg_cpu_tamper/parameters/msr_tamper
 *   echo 1 > /sys/module/clkrg_cpu_tamper/parameters/msr_restore
 *   echo "1 auto" > /sys/module/clkrg_cpu_tamper/parameters/idt_tamper
 *   echo 1 > /sys/module/clkrg_cpu_tamper/parameters/idt_restore
 *   echo "1 copy" > /sys/module/clkrg_cpu_tamper/parameters/idtr_load
 *   echo 1 > /sys/module/clkrg_cpu_tamper/parameters/idtr_restore
 *
 * cr_clear "CPU wp|smep|smap" clears CR0.WP, CR4.SMEP or CR4.SMAP on CPU
 * with a raw "mov to crN" (the kernel's writers pin these bits and WARN);
 * cr_set "CPU BIT" sets the bit again the same way; cr reads CR0 and CR4
 * on every online CPU.
 *
 * msr_tamper "CPU" moves MSR_IA32_SYSENTER_EIP of CPU 0x10 bytes forward
 * (64-bit user space never executes SYSENTER); msr_restore writes the old
 * value back.
 *
 * idt_tamper "CPU VECTOR|auto" redirects one gate of idt_table, from CPU,
 * to the handler of the next vector. Both vectors must be external vectors
 * no device uses (no system vector, vector_irq empty on every online CPU);
 * "auto" picks the highest such pair. idt_table is read-only after boot:
 * the gate is written with CR0.WP cleared by a raw mov, interrupts off.
 * The IDT is one table shared by all CPUs (each CPU loads the same
 * read-only alias), so every CPU sees the change. idt_restore puts the old
 * gate back.
 *
 * idtr_load "CPU copy" makes CPU load a private copy of the IDT (a page
 * of its own: a new IDT base for that CPU alone); "CPU limit N" reloads
 * the same base with limit N (above 0xfff the CPU ignores the extra
 * bytes: 256 vectors fit in 4 KiB). idtr_restore loads the old IDTR.
 *
 * msr, idt, idtr: the active tamper ("now": the value in force), or "none".
 * Unloading the module undoes what is still tampered.
 *
 * settled: 1 once the kernel freed this module's init memory. Freeing it
 * (a work item some time after the load) resets the direct map and flushes
 * the TLB of every CPU; without INVPCID that flush rewrites CR4 from the
 * kernel's shadow copy, which silently sets a cleared SMEP/SMAP again. A
 * CR4 attack waits for it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/desc.h>
#include <asm/hw_irq.h>
#include <asm/irq_vectors.h>
#include <asm/msr.h>
#include <asm/processor-flags.h>

#include "clkrg_testmod.h"

static DEFINE_MUTEX(cpt_lock);
static tm_lookup_name_t lookup_name;
static gate_desc *idt_tbl;		/* idt_table, the writable IDT */
static unsigned long *sys_vectors;	/* system_vectors bitmap */
static vector_irq_t __percpu *vec_irq;	/* per-CPU vector_irq */

/* CR bits this module cleared and did not set again, per CPU. */
struct cr_cleared {
	unsigned long cr0, cr4;
};

static struct cr_cleared *cleared;
static unsigned long init_text;	/* an address in the init layout */
static bool init_freed;

static struct {
	bool active;
	int cpu;
	u64 old, new;
} msr_t;

static struct {
	bool active;
	int cpu;
	struct desc_ptr old, new;
	unsigned long page;	/* the private copy, or 0 */
} idtr_t;

static struct {
	bool active;
	int cpu;
	unsigned int vector;
	gate_desc old, new;
} idt_t;

/* "CPU" at the start of val, an online CPU; *rest: what follows. */
static int parse_cpu(const char *val, int *cpu, const char **rest)
{
	char num[12];
	int n = 0;

	if (sscanf(val, "%11s%n", num, &n) != 1 || kstrtoint(num, 0, cpu))
		return -EINVAL;
	if (*cpu < 0 || *cpu >= nr_cpu_ids || !cpu_online(*cpu))
		return -ENXIO;
	if (rest)
		*rest = skip_spaces(val + n);
	return 0;
}

/* ---- control registers ---------------------------------------------- */

struct cr_req {
	bool cr4;
	bool set;
	unsigned long bit;
	unsigned long cr0, cr4_val;	/* read back after the write */
};

static int cr_bit(const char *name, bool *cr4, unsigned long *bit)
{
	if (sysfs_streq(name, "wp")) {
		*cr4 = false;
		*bit = X86_CR0_WP;
	} else if (sysfs_streq(name, "smep")) {
		*cr4 = true;
		*bit = X86_CR4_SMEP;
	} else if (sysfs_streq(name, "smap")) {
		*cr4 = true;
		*bit = X86_CR4_SMAP;
	} else {
		return -EINVAL;
	}
	return 0;
}

/* Runs on the target CPU with interrupts off (IPI or local call). */
static void cr_write_fn(void *arg)
{
	struct cr_req *r = arg;
	unsigned long v;

	if (r->cr4) {
		v = tm_read_cr4();
		tm_write_cr4(r->set ? v | r->bit : v & ~r->bit);
	} else {
		v = tm_read_cr0();
		tm_write_cr0(r->set ? v | r->bit : v & ~r->bit);
	}
	r->cr0 = tm_read_cr0();
	r->cr4_val = tm_read_cr4();
}

static void cr_read_fn(void *arg)
{
	struct cr_req *r = arg;

	r->cr0 = tm_read_cr0();
	r->cr4_val = tm_read_cr4();
}

static int cr_change(const char *val, bool set)
{
	struct cr_req r = { .set = set };
	const char *rest;
	unsigned long now;
	int cpu, ret;

	mutex_lock(&cpt_lock);
	cpus_read_lock();
	ret = parse_cpu(val, &cpu, &rest);
	if (!ret)
		ret = cr_bit(rest, &r.cr4, &r.bit);
	if (!ret)
		ret = smp_call_function_single(cpu, cr_write_fn, &r, 1);
	if (ret)
		goto out;
	now = r.cr4 ? r.cr4_val : r.cr0;
	if (!!(now & r.bit) != set) {
		ret = -EIO;
		goto out;
	}
	if (r.cr4)
		cleared[cpu].cr4 = set ? cleared[cpu].cr4 & ~r.bit :
					 cleared[cpu].cr4 | r.bit;
	else
		cleared[cpu].cr0 = set ? cleared[cpu].cr0 & ~r.bit :
					 cleared[cpu].cr0 | r.bit;
	pr_info("cpu%d: %s %s 0x%lx: cr0=0x%lx cr4=0x%lx\n", cpu,
		set ? "set" : "cleared", r.cr4 ? "CR4" : "CR0", r.bit, r.cr0,
		r.cr4_val);
out:
	cpus_read_unlock();
	mutex_unlock(&cpt_lock);
	return ret;
}

/* One line per online CPU: "cpuN cr0=0x.. cr4=0x.. wp=B smep=B smap=B". */
static int cr_get(char *buf, const struct kernel_param *kp)
{
	struct cr_req r;
	int cpu, n = 0;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		if (smp_call_function_single(cpu, cr_read_fn, &r, 1))
			continue;
		n += sysfs_emit_at(buf, n,
				   "cpu%d cr0=0x%lx cr4=0x%lx wp=%d smep=%d smap=%d\n",
				   cpu, r.cr0, r.cr4_val,
				   !!(r.cr0 & X86_CR0_WP),
				   !!(r.cr4_val & X86_CR4_SMEP),
				   !!(r.cr4_val & X86_CR4_SMAP));
	}
	cpus_read_unlock();
	return n;
}

/* Sets the bits this module cleared and that are still clear. */
static void cr_undo_all(void)
{
	struct cr_req r = { .set = true };
	int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		if (cleared[cpu].cr0) {
			r.cr4 = false;
			r.bit = cleared[cpu].cr0;
			smp_call_function_single(cpu, cr_write_fn, &r, 1);
		}
		if (cleared[cpu].cr4) {
			r.cr4 = true;
			r.bit = cleared[cpu].cr4;
			smp_call_function_single(cpu, cr_write_fn, &r, 1);
		}
		cleared[cpu].cr0 = 0;
		cleared[cpu].cr4 = 0;
	}
	cpus_read_unlock();
}

/* ---- SYSENTER_EIP ---------------------------------------------------- */

static int msr_tamper_set(const char *val)
{
	u64 old, now;
	int cpu, ret;

	mutex_lock(&cpt_lock);
	cpus_read_lock();
	ret = msr_t.active ? -EBUSY : parse_cpu(val, &cpu, NULL);
	if (!ret)
		ret = rdmsrl_on_cpu(cpu, MSR_IA32_SYSENTER_EIP, &old);
	if (!ret)
		ret = wrmsrl_on_cpu(cpu, MSR_IA32_SYSENTER_EIP, old + 0x10);
	if (!ret)
		ret = rdmsrl_on_cpu(cpu, MSR_IA32_SYSENTER_EIP, &now);
	if (!ret && now != old + 0x10)
		ret = -EIO;
	if (!ret) {
		msr_t.active = true;
		msr_t.cpu = cpu;
		msr_t.old = old;
		msr_t.new = now;
		pr_info("cpu%d: SYSENTER_EIP 0x%llx -> 0x%llx\n", cpu, old, now);
	}
	cpus_read_unlock();
	mutex_unlock(&cpt_lock);
	return ret;
}

/* Caller holds cpt_lock. */
static int msr_restore_locked(void)
{
	u64 now;
	int ret;

	if (!msr_t.active)
		return -ENOENT;
	ret = wrmsrl_on_cpu(msr_t.cpu, MSR_IA32_SYSENTER_EIP, msr_t.old);
	if (!ret)
		ret = rdmsrl_on_cpu(msr_t.cpu, MSR_IA32_SYSENTER_EIP, &now);
	if (!ret && now != msr_t.old)
		ret = -EIO;
	if (ret)
		return ret;
	msr_t.active = false;
	pr_info("cpu%d: SYSENTER_EIP restored to 0x%llx\n", msr_t.cpu,
		msr_t.old);
	return 0;
}

static int msr_get(char *buf, const struct kernel_param *kp)
{
	u64 now = 0;
	int n;

	mutex_lock(&cpt_lock);
	if (!msr_t.active) {
		n = sysfs_emit(buf, "none\n");
	} else {
		rdmsrl_on_cpu(msr_t.cpu, MSR_IA32_SYSENTER_EIP, &now);
		n = sysfs_emit(buf,
			       "cpu=%d msr=SYSENTER_EIP old=0x%llx new=0x%llx now=0x%llx\n",
			       msr_t.cpu, msr_t.old, msr_t.new, now);
	}
	mutex_unlock(&cpt_lock);
	return n;
}

/* ---- IDT gate ---------------------------------------------------------- */

static int resolve_idt(void)
{
	struct desc_ptr dt;

	idt_tbl = (gate_desc *)lookup_name("idt_table");
	sys_vectors = (unsigned long *)lookup_name("system_vectors");
	vec_irq = (vector_irq_t __percpu *)lookup_name("vector_irq");
	if (!idt_tbl || !sys_vectors || !vec_irq)
		return -ENOENT;
	/* The loaded IDT (a read-only alias) must show this very table. */
	store_idt(&dt);
	if (dt.size != IDT_ENTRIES * sizeof(gate_desc) - 1 ||
	    memcmp((void *)dt.address, idt_tbl, dt.size + 1))
		return -ENXIO;
	return 0;
}

static bool vector_free(unsigned int v)
{
	int cpu;

	if (v < FIRST_EXTERNAL_VECTOR || v >= FIRST_SYSTEM_VECTOR ||
	    test_bit(v, sys_vectors))
		return false;
	for_each_online_cpu(cpu)
		if ((*per_cpu_ptr(vec_irq, cpu))[v] != VECTOR_UNUSED)
			return false;
	return true;
}

/* Runs on the target CPU with interrupts off: one gate, CR0.WP cleared. */
static void gate_write_fn(void *arg)
{
	const gate_desc *g = arg;
	unsigned int v = idt_t.vector;
	unsigned long cr0 = tm_read_cr0();

	tm_write_cr0(cr0 & ~X86_CR0_WP);
	memcpy(&idt_tbl[v], g, sizeof(*g));
	tm_write_cr0(cr0);
}

static int idt_tamper_set(const char *val)
{
	unsigned int v = 0, next;
	const char *rest;
	gate_desc g;
	int cpu, ret;

	mutex_lock(&cpt_lock);
	cpus_read_lock();
	ret = idt_t.active ? -EBUSY : parse_cpu(val, &cpu, &rest);
	if (ret)
		goto out;
	if (sysfs_streq(rest, "auto")) {
		for (v = FIRST_SYSTEM_VECTOR - 2; v >= FIRST_EXTERNAL_VECTOR; v--)
			if (vector_free(v) && vector_free(v + 1))
				break;
	} else if (kstrtouint(rest, 0, &v)) {
		ret = -EINVAL;
		goto out;
	}
	if (!vector_free(v) || !vector_free(v + 1)) {
		ret = -EBUSY;
		goto out;
	}
	next = v + 1;
	g = idt_tbl[v];
	g.offset_low = idt_tbl[next].offset_low;
	g.offset_middle = idt_tbl[next].offset_middle;
	g.offset_high = idt_tbl[next].offset_high;
	idt_t.vector = v;
	idt_t.cpu = cpu;
	idt_t.old = idt_tbl[v];
	idt_t.new = g;
	ret = smp_call_function_single(cpu, gate_write_fn, &g, 1);
	if (!ret && memcmp(&idt_tbl[v], &g, sizeof(g)))
		ret = -EIO;
	if (ret)
		goto out;
	idt_t.active = true;
	pr_info("cpu%d: IDT vector 0x%x: handler 0x%lx -> 0x%lx\n", cpu, v,
		gate_offset(&idt_t.old), gate_offset(&idt_t.new));
out:
	cpus_read_unlock();
	mutex_unlock(&cpt_lock);
	return ret;
}

/* Caller holds cpt_lock. */
static int idt_restore_locked(void)
{
	int cpu, ret;

	if (!idt_t.active)
		return -ENOENT;
	cpus_read_lock();
	cpu = cpu_online(idt_t.cpu) ? idt_t.cpu : cpumask_first(cpu_online_mask);
	ret = smp_call_function_single(cpu, gate_write_fn, &idt_t.old, 1);
	cpus_read_unlock();
	if (!ret && memcmp(&idt_tbl[idt_t.vector], &idt_t.old,
			   sizeof(idt_t.old)))
		ret = -EIO;
	if (ret)
		return ret;
	idt_t.active = false;
	pr_info("cpu%d: IDT vector 0x%x restored\n", cpu, idt_t.vector);
	return 0;
}

static int idt_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&cpt_lock);
	if (!idt_t.active)
		n = sysfs_emit(buf, "none\n");
	else
		n = sysfs_emit(buf,
			       "cpu=%d vector=0x%x old=0x%lx new=0x%lx now=0x%lx\n",
			       idt_t.cpu, idt_t.vector,
			       gate_offset(&idt_t.old),
			       gate_offset(&idt_t.new),
			       gate_offset(&idt_tbl[idt_t.vector]));
	mutex_unlock(&cpt_lock);
	return n;
}

/* ---- IDTR (one CPU's IDT base or limit) --------------------------------- */

static void raw_lidt(const struct desc_ptr *dt)
{
	asm volatile("lidt %0" : : "m"(*dt));
}

/* Runs on the target CPU with interrupts off. */
static void idtr_load_fn(void *arg)
{
	raw_lidt(arg);
}

static void idtr_read_fn(void *arg)
{
	store_idt(arg);
}

static int idtr_load_set(const char *val)
{
	struct desc_ptr cur, now;
	unsigned long page = 0;
	unsigned int limit;
	const char *rest;
	char how[8];
	int cpu, ret, n = 0;

	mutex_lock(&cpt_lock);
	cpus_read_lock();
	ret = idtr_t.active ? -EBUSY : parse_cpu(val, &cpu, &rest);
	if (ret)
		goto out;
	if (sscanf(rest, "%7s %n", how, &n) != 1) {
		ret = -EINVAL;
		goto out;
	}
	ret = smp_call_function_single(cpu, idtr_read_fn, &cur, 1);
	if (ret)
		goto out;
	idtr_t.old = cur;
	idtr_t.new = cur;
	if (!strcmp(how, "copy")) {
		page = get_zeroed_page(GFP_KERNEL);
		if (!page) {
			ret = -ENOMEM;
			goto out;
		}
		memcpy((void *)page, (void *)cur.address, cur.size + 1);
		idtr_t.new.address = page;
	} else if (!strcmp(how, "limit") && !kstrtouint(rest + n, 0, &limit) &&
		   limit <= 0xffff) {
		idtr_t.new.size = limit;
	} else {
		ret = -EINVAL;
		goto out;
	}
	ret = smp_call_function_single(cpu, idtr_load_fn, &idtr_t.new, 1);
	if (!ret)
		ret = smp_call_function_single(cpu, idtr_read_fn, &now, 1);
	if (!ret && (now.address != idtr_t.new.address ||
		     now.size != idtr_t.new.size)) {
		smp_call_function_single(cpu, idtr_load_fn, &idtr_t.old, 1);
		ret = -EIO;
	}
	if (ret) {
		free_page(page);
		goto out;
	}
	idtr_t.active = true;
	idtr_t.cpu = cpu;
	idtr_t.page = page;
	pr_info("cpu%d: IDTR 0x%lx/0x%x -> 0x%lx/0x%x\n", cpu,
		idtr_t.old.address, idtr_t.old.size, idtr_t.new.address,
		idtr_t.new.size);
out:
	cpus_read_unlock();
	mutex_unlock(&cpt_lock);
	return ret;
}

/* Caller holds cpt_lock. */
static int idtr_restore_locked(void)
{
	int ret;

	if (!idtr_t.active)
		return -ENOENT;
	cpus_read_lock();
	ret = smp_call_function_single(idtr_t.cpu, idtr_load_fn, &idtr_t.old,
				       1);
	cpus_read_unlock();
	/* An offline CPU loads the kernel's IDT when it comes back. */
	if (ret && ret != -ENXIO)
		return ret;
	free_page(idtr_t.page);
	idtr_t.page = 0;
	idtr_t.active = false;
	pr_info("cpu%d: IDTR restored to 0x%lx/0x%x\n", idtr_t.cpu,
		idtr_t.old.address, idtr_t.old.size);
	return 0;
}

static int idtr_get(char *buf, const struct kernel_param *kp)
{
	struct desc_ptr now = { };
	int n;

	mutex_lock(&cpt_lock);
	if (!idtr_t.active) {
		n = sysfs_emit(buf, "none\n");
	} else {
		smp_call_function_single(idtr_t.cpu, idtr_read_fn, &now, 1);
		n = sysfs_emit(buf,
			       "cpu=%d old_base=0x%lx old_limit=0x%x new_base=0x%lx new_limit=0x%x now_base=0x%lx now_limit=0x%x\n",
			       idtr_t.cpu, idtr_t.old.address, idtr_t.old.size,
			       idtr_t.new.address, idtr_t.new.size,
			       now.address, now.size);
	}
	mutex_unlock(&cpt_lock);
	return n;
}

/* ---- settled -------------------------------------------------------------- */

static int settled_get(char *buf, const struct kernel_param *kp)
{
	mutex_lock(&cpt_lock);
	if (!init_freed && init_text && !vmalloc_to_page((void *)init_text))
		init_freed = true;
	mutex_unlock(&cpt_lock);
	return sysfs_emit(buf, "%d\n", init_freed);
}

/* ---- parameters --------------------------------------------------------- */

/* Parameters set on the insmod line run before init resolved anything. */
static bool ready(void)
{
	return cleared && idt_tbl;
}

static int cr_clear_op(const char *val, const struct kernel_param *kp)
{
	return ready() ? cr_change(val, false) : -EAGAIN;
}

static int cr_set_op(const char *val, const struct kernel_param *kp)
{
	return ready() ? cr_change(val, true) : -EAGAIN;
}

static int msr_tamper_op(const char *val, const struct kernel_param *kp)
{
	return ready() ? msr_tamper_set(val) : -EAGAIN;
}

static int idt_tamper_op(const char *val, const struct kernel_param *kp)
{
	return ready() ? idt_tamper_set(val) : -EAGAIN;
}

/* "1": undo the active tamper. */
static int restore_op(const char *val, int (*undo)(void))
{
	int ret = tm_param_one(val);

	if (ret)
		return ret;
	if (!ready())
		return -EAGAIN;
	mutex_lock(&cpt_lock);
	ret = undo();
	mutex_unlock(&cpt_lock);
	return ret;
}

static int msr_restore_op(const char *val, const struct kernel_param *kp)
{
	return restore_op(val, msr_restore_locked);
}

static int idt_restore_op(const char *val, const struct kernel_param *kp)
{
	return restore_op(val, idt_restore_locked);
}

static int idtr_load_op(const char *val, const struct kernel_param *kp)
{
	return ready() ? idtr_load_set(val) : -EAGAIN;
}

static int idtr_restore_op(const char *val, const struct kernel_param *kp)
{
	return restore_op(val, idtr_restore_locked);
}

static const struct kernel_param_ops cr_clear_ops = { .set = cr_clear_op };
static const struct kernel_param_ops cr_set_ops = { .set = cr_set_op };
static const struct kernel_param_ops cr_ops = { .get = cr_get };
static const struct kernel_param_ops msr_tamper_ops = { .set = msr_tamper_op };
static const struct kernel_param_ops msr_restore_ops = { .set = msr_restore_op };
static const struct kernel_param_ops msr_ops = { .get = msr_get };
static const struct kernel_param_ops idt_tamper_ops = { .set = idt_tamper_op };
static const struct kernel_param_ops idt_restore_ops = { .set = idt_restore_op };
static const struct kernel_param_ops idt_ops = { .get = idt_get };
static const struct kernel_param_ops idtr_load_ops = { .set = idtr_load_op };
static const struct kernel_param_ops idtr_restore_ops = { .set = idtr_restore_op };
static const struct kernel_param_ops idtr_ops = { .get = idtr_get };
static const struct kernel_param_ops settled_ops = { .get = settled_get };

module_param_cb(cr_clear, &cr_clear_ops, NULL, 0200);
MODULE_PARM_DESC(cr_clear, "\"CPU wp|smep|smap\": clear that bit on CPU");
module_param_cb(cr_set, &cr_set_ops, NULL, 0200);
MODULE_PARM_DESC(cr_set, "\"CPU wp|smep|smap\": set that bit on CPU");
module_param_cb(cr, &cr_ops, NULL, 0444);
MODULE_PARM_DESC(cr, "CR0 and CR4 of each online CPU");
module_param_cb(msr_tamper, &msr_tamper_ops, NULL, 0200);
MODULE_PARM_DESC(msr_tamper, "\"CPU\": move SYSENTER_EIP of CPU by 0x10");
module_param_cb(msr_restore, &msr_restore_ops, NULL, 0200);
MODULE_PARM_DESC(msr_restore, "write 1 to put SYSENTER_EIP back");
module_param_cb(msr, &msr_ops, NULL, 0444);
MODULE_PARM_DESC(msr, "the active MSR tamper, or \"none\"");
module_param_cb(idt_tamper, &idt_tamper_ops, NULL, 0200);
MODULE_PARM_DESC(idt_tamper, "\"CPU VECTOR|auto\": redirect an unused gate");
module_param_cb(idt_restore, &idt_restore_ops, NULL, 0200);
MODULE_PARM_DESC(idt_restore, "write 1 to put the gate back");
module_param_cb(idt, &idt_ops, NULL, 0444);
MODULE_PARM_DESC(idt, "the active IDT tamper, or \"none\"");
module_param_cb(idtr_load, &idtr_load_ops, NULL, 0200);
MODULE_PARM_DESC(idtr_load, "\"CPU copy|limit N\": CPU loads another IDTR");
module_param_cb(idtr_restore, &idtr_restore_ops, NULL, 0200);
MODULE_PARM_DESC(idtr_restore, "write 1 to load the old IDTR again");
module_param_cb(idtr, &idtr_ops, NULL, 0444);
MODULE_PARM_DESC(idtr, "the active IDTR tamper, or \"none\"");
module_param_cb(settled, &settled_ops, NULL, 0444);
MODULE_PARM_DESC(settled, "1 once this module's init memory is freed");

static int __init cpt_init(void)
{
	int ret = tm_resolve_lookup_name(&lookup_name);

	/* This function lives in the init layout, freed after the load. */
	init_text = (unsigned long)cpt_init;
	if (!ret)
		ret = resolve_idt();
	if (ret) {
		pr_err("cannot resolve kernel symbols: %d\n", ret);
		idt_tbl = NULL;
		return ret;
	}
	cleared = kcalloc(nr_cpu_ids, sizeof(*cleared), GFP_KERNEL);
	return cleared ? 0 : -ENOMEM;
}

static void __exit cpt_exit(void)
{
	mutex_lock(&cpt_lock);
	if (idt_t.active)
		idt_restore_locked();
	if (msr_t.active)
		msr_restore_locked();
	if (idtr_t.active)
		idtr_restore_locked();
	cr_undo_all();
	mutex_unlock(&cpt_lock);
	kfree(cleared);
}

module_init(cpt_init);
module_exit(cpt_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: tamper with one CPU's IDT, MSRs, CR bits");
