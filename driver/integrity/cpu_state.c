// SPDX-License-Identifier: GPL-2.0
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/special_insns.h>
#include "services/events.h"
#include "integrity/cpu_state.h"
#include "services/vault.h"

static const struct {
	u32 msr;
	const char *name;
} msrs[] = {
	{ MSR_IA32_SYSENTER_CS, "SYSENTER_CS" },
	{ MSR_IA32_SYSENTER_ESP, "SYSENTER_ESP" },
	{ MSR_IA32_SYSENTER_EIP, "SYSENTER_EIP" },
	{ MSR_IA32_CR_PAT, "CR_PAT" },
	{ MSR_IA32_APICBASE, "APICBASE" },
	{ MSR_EFER, "EFER" },
	{ MSR_STAR, "STAR" },
	{ MSR_LSTAR, "LSTAR" },
	{ MSR_CSTAR, "CSTAR" },
	{ MSR_SYSCALL_MASK, "SYSCALL_MASK" },
};

#define NMSRS	ARRAY_SIZE(msrs)

struct cpu_snap {
	bool valid;
	u16 idt_limit;
	u32 msr_ok;		/* bit i: msrs[i] could be read */
	u64 idt_base;
	u64 idt_hash;
	u64 msr[NMSRS];
	unsigned long cr0, cr4;
};

/*
 * CPU counts. Hotplug changes them legitimately, so its callbacks only mark
 * them for a fresh baseline at the next check; any other change (a bit
 * flipped in a cpumask to hide a CPU from checks) is a violation.
 */
static const char * const count_names[] = {
	"online CPUs", "possible CPUs", "present CPUs", "active CPUs",
};

/* The baseline, in the vault: opened by checks and hotplug to change it. */
struct cpu_base {
	unsigned int counts[ARRAY_SIZE(count_names)];
	bool counts_stale;
	struct cpu_snap cpu[];	/* indexed by CPU number */
};

static struct cpu_base *vb __ro_after_init;
static struct cpu_snap *base __ro_after_init;	/* vb->cpu */
static struct cpu_snap *cur __ro_after_init;	/* scratch */

static void read_counts(unsigned int *c)
{
	c[0] = num_online_cpus();
	c[1] = num_possible_cpus();
	c[2] = num_present_cpus();
	c[3] = num_active_cpus();
}
static siphash_key_t cpu_key __ro_after_init;
static enum cpuhp_state hp_state __ro_after_init;
static clkrg_cpu_activity on_activity __ro_after_init;

/* Runs on the CPU being described, interrupts off. */
static void collect(void *arr)
{
	struct cpu_snap *s = (struct cpu_snap *)arr + smp_processor_id();
	struct desc_ptr dt;
	unsigned int i;

	store_idt(&dt);
	s->idt_base = dt.address;
	s->idt_limit = dt.size;
	/* 256 gates at most; a larger limit is legal and ignored by the CPU. */
	s->idt_hash = siphash((const void *)dt.address,
			      min_t(size_t, dt.size + 1, IDT_ENTRIES * 16),
			      &cpu_key);
	s->msr_ok = 0;
	for (i = 0; i < NMSRS; i++)
		if (!rdmsrl_safe(msrs[i].msr, &s->msr[i]))
			s->msr_ok |= 1U << i;
	s->cr0 = read_cr0();
	s->cr4 = __read_cr4();
	s->valid = true;
}

/*
 * Sets CR bits back on this CPU. CR4 is written directly: the kernel's
 * writer is not exported, and its shadow copy still holds the bit an
 * attacker cleared with a raw mov.
 */
static void restore_bits(void *arg)
{
	const unsigned long *want = arg;
	unsigned long cr4 = __read_cr4();

	if (want[0] && !(read_cr0() & want[0]))
		native_write_cr0(read_cr0() | want[0]);
	if (want[1] && (cr4 & want[1]) != want[1])
		asm volatile("mov %0, %%cr4" : : "r" (cr4 | want[1]) : "memory");
}

static u16 action_of(u16 enforce)
{
	switch (enforce) {
	case LKRG_ENFORCE_LOG_ACCEPT:
		return LKRG_ACT_ACCEPTED;
	case LKRG_ENFORCE_RESTORE:
		return LKRG_ACT_RESTORED;
	case LKRG_ENFORCE_PANIC:
		return LKRG_ACT_PANIC;
	default:
		return LKRG_ACT_LOGGED;
	}
}

static void report(struct clkrg_check_ctx *ctx, int cpu, u16 obj,
		   const char *what, u64 expected, u64 actual, u16 act,
		   bool code_pointer)
{
	struct lkrg_event_record ev;

	clkrg_ev_prepare(&ev, LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_CAT_CPU,
			 obj, act, false);
	ev.d.trigger = ctx->trigger;
	ev.d.check_id = ctx->check_id;
	ev.d.generation = ctx->generation;
	if (cpu >= 0)
		snprintf((char *)ev.d.name, sizeof(ev.d.name), "cpu%d %s", cpu,
			 what);
	else
		lkrg_ev_set_str(ev.d.name, sizeof(ev.d.name), what);
	/* Where a redirected entry point now leads. */
	if (code_pointer)
		snprintf((char *)ev.d.location, sizeof(ev.d.location), "%pS",
			 (void *)actual);
	ev.d.address = code_pointer ? actual : 0;
	ev.d.count = 1;
	lkrg_ev_add_value(&ev.d, what, expected, actual);
	clkrg_ev_emit(&ev);
	ctx->violations++;
	if (act == LKRG_ACT_PANIC)
		ctx->panic = true;
}

/* One CR bit: report, then restore or accept as the level says. */
/*
 * A protective bit (CR0.WP, CR4.SMEP, CR4.SMAP) that was cleared is the
 * violation. One set where the baseline has it clear only makes the CPU
 * stricter, and the kernel sets pinned CR4 bits again by itself whenever
 * it rewrites CR4 from its shadow (a global TLB flush does): it is taken
 * into the baseline without a report.
 */
static void check_bit(struct clkrg_check_ctx *ctx, int cpu, const char *what,
		      unsigned long bit, bool cr4, u16 enforce)
{
	struct cpu_snap *b = &base[cpu], *c = &cur[cpu];
	unsigned long bv = cr4 ? b->cr4 : b->cr0, cv = cr4 ? c->cr4 : c->cr0;
	unsigned long want[2] = { 0, 0 };

	if ((bv & bit) == (cv & bit))
		return;
	if (bv & bit) {
		report(ctx, cpu, LKRG_OBJ_CR, what, 1, 0, action_of(enforce),
		       false);
		if (enforce == LKRG_ENFORCE_RESTORE) {
			want[cr4] = bit;
			smp_call_function_single(cpu, restore_bits, want, 1);
			return;
		}
		if (enforce != LKRG_ENFORCE_LOG_ACCEPT)
			return;
	}
	if (cr4)
		b->cr4 = (b->cr4 & ~bit) | (cv & bit);
	else
		b->cr0 = (b->cr0 & ~bit) | (cv & bit);
}

static void check_cpu(struct clkrg_check_ctx *ctx, int cpu,
		      const struct clkrg_cpu_policy *pol)
{
	struct cpu_snap *b = &base[cpu], *c = &cur[cpu];
	u16 act = action_of(pol->enforce == LKRG_ENFORCE_RESTORE ?
			    LKRG_ENFORCE_LOG_ONLY : pol->enforce);
	unsigned int i;

	if (b->idt_base != c->idt_base)
		report(ctx, cpu, LKRG_OBJ_IDT, "IDT base", b->idt_base,
		       c->idt_base, act, false);
	else if (b->idt_limit != c->idt_limit)
		report(ctx, cpu, LKRG_OBJ_IDT, "IDT limit", b->idt_limit,
		       c->idt_limit, act, false);
	else if (b->idt_hash != c->idt_hash)
		report(ctx, cpu, LKRG_OBJ_IDT, "IDT entries", b->idt_hash,
		       c->idt_hash, act, false);
	for (i = 0; pol->msr_validate && i < NMSRS; i++) {
		if (!(b->msr_ok & c->msr_ok & (1U << i)) ||
		    b->msr[i] == c->msr[i])
			continue;
		report(ctx, cpu, LKRG_OBJ_MSR, msrs[i].name, b->msr[i],
		       c->msr[i], act, msrs[i].msr == MSR_LSTAR ||
		       msrs[i].msr == MSR_CSTAR ||
		       msrs[i].msr == MSR_IA32_SYSENTER_EIP);
		if (pol->enforce == LKRG_ENFORCE_LOG_ACCEPT)
			b->msr[i] = c->msr[i];
	}
	check_bit(ctx, cpu, "CR0.WP", X86_CR0_WP, false, pol->enforce);
	if (pol->smep_validate)
		check_bit(ctx, cpu, "CR4.SMEP", X86_CR4_SMEP, true,
			  pol->smep_enforce);
	if (pol->smap_validate)
		check_bit(ctx, cpu, "CR4.SMAP", X86_CR4_SMAP, true,
			  pol->smap_enforce);
	if (pol->enforce == LKRG_ENFORCE_LOG_ACCEPT) {
		b->idt_base = c->idt_base;
		b->idt_limit = c->idt_limit;
		b->idt_hash = c->idt_hash;
	}
}

static void check_counts(struct clkrg_check_ctx *ctx, u16 enforce)
{
	unsigned int now[ARRAY_SIZE(count_names)], i;
	u16 act = action_of(enforce == LKRG_ENFORCE_RESTORE ?
			    LKRG_ENFORCE_LOG_ONLY : enforce);

	read_counts(now);
	for (i = 0; !vb->counts_stale && i < ARRAY_SIZE(now); i++)
		if (now[i] != vb->counts[i])
			report(ctx, -1, LKRG_OBJ_CPUS, count_names[i],
			       vb->counts[i], now[i], act, false);
	if (!vb->counts_stale && (enforce != LKRG_ENFORCE_LOG_ACCEPT ||
				  !memcmp(vb->counts, now, sizeof(now))))
		return;
	clkrg_vault_open(vb);
	memcpy(vb->counts, now, sizeof(now));
	vb->counts_stale = false;
	clkrg_vault_close(vb);
}

/* Protective bits this CPU has set and its baseline has clear. */
static bool stricter(int cpu)
{
	const unsigned long cr4 = X86_CR4_SMEP | X86_CR4_SMAP;

	return ((cur[cpu].cr0 & ~base[cpu].cr0) & X86_CR0_WP) ||
	       ((cur[cpu].cr4 & ~base[cpu].cr4) & cr4);
}

/*
 * Whether a check may write the baseline: a CPU new to it, a level that
 * accepts, or a protective bit set again.
 */
static bool base_changes(const struct clkrg_cpu_policy *pol)
{
	int cpu;

	if (pol->enforce == LKRG_ENFORCE_LOG_ACCEPT ||
	    pol->smep_enforce == LKRG_ENFORCE_LOG_ACCEPT ||
	    pol->smap_enforce == LKRG_ENFORCE_LOG_ACCEPT)
		return true;
	for_each_online_cpu(cpu)
		if (!base[cpu].valid || stricter(cpu))
			return true;
	return false;
}

void clkrg_cpu_check(struct clkrg_check_ctx *ctx,
		     const struct clkrg_cpu_policy *pol)
{
	bool open;
	int cpu;

	/* No CPU comes or goes while its state is compared. */
	cpus_read_lock();
	check_counts(ctx, pol->enforce);
	memset(cur, 0, nr_cpu_ids * sizeof(*cur));
	on_each_cpu(collect, cur, 1);
	open = base_changes(pol);
	if (open)
		clkrg_vault_open(vb);
	for_each_online_cpu(cpu) {
		if (!base[cpu].valid)
			base[cpu] = cur[cpu];
		else
			check_cpu(ctx, cpu, pol);
		ctx->regions++;
	}
	if (open)
		clkrg_vault_close(vb);
	cpus_read_unlock();
}

void clkrg_cpu_rebaseline(void)
{
	cpus_read_lock();
	clkrg_vault_open(vb);
	memset(base, 0, nr_cpu_ids * sizeof(*base));
	on_each_cpu(collect, base, 1);
	vb->counts_stale = true;
	clkrg_vault_close(vb);
	cpus_read_unlock();
}

/*
 * Hotplug callbacks run on the CPU concerned, serialized with checks. A CPU
 * coming up takes its own MSRs and CR bits as baseline, but the IDT all
 * CPUs share is taken from a CPU already guarded: a gate changed while
 * the CPU was away must not become its baseline.
 */
static int cpu_came_up(unsigned int cpu)
{
	int ref;

	clkrg_vault_open(vb);
	smp_call_function_single(cpu, collect, base, 1);
	for_each_online_cpu(ref) {
		if (ref == cpu || !base[ref].valid)
			continue;
		base[cpu].idt_base = base[ref].idt_base;
		base[cpu].idt_limit = base[ref].idt_limit;
		base[cpu].idt_hash = base[ref].idt_hash;
		break;
	}
	vb->counts_stale = true;
	clkrg_vault_close(vb);
	if (on_activity)
		on_activity();
	return 0;
}

static int cpu_went_down(unsigned int cpu)
{
	clkrg_vault_open(vb);
	base[cpu].valid = false;
	vb->counts_stale = true;
	clkrg_vault_close(vb);
	if (on_activity)
		on_activity();
	return 0;
}

int clkrg_cpu_init(clkrg_cpu_activity activity)
{
	int ret;

	vb = clkrg_vault_alloc(struct_size(vb, cpu, nr_cpu_ids),
			       struct_size(vb, cpu, nr_cpu_ids), "CPU state");
	cur = kcalloc(nr_cpu_ids, sizeof(*cur), GFP_KERNEL);
	if (!vb || !cur) {
		ret = -ENOMEM;
		goto out;
	}
	base = vb->cpu;
	clkrg_vault_close(vb);
	get_random_bytes(&cpu_key, sizeof(cpu_key));
	clkrg_cpu_rebaseline();
	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "clkrg:online",
					cpu_came_up, cpu_went_down);
	if (ret < 0)
		goto out;
	hp_state = ret;
	on_activity = activity;
	return 0;
out:
	clkrg_vault_free(vb);
	kfree(cur);
	return ret;
}

void clkrg_cpu_exit(void)
{
	cpuhp_remove_state_nocalls(hp_state);
	clkrg_vault_free(vb);
	kfree(cur);
}
