/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU guard: each CPU's IDT (base, limit, keyed hash of the table),
 * the MSRs an attacker redirects (SYSCALL/SYSENTER entry points, EFER,
 * PAT, APIC base) and the CR0.WP, CR4.SMEP and CR4.SMAP bits, collected on
 * the CPU itself. CPU hotplug updates the baseline of that CPU only.
 */
#ifndef CLKRG_CPU_STATE_H
#define CLKRG_CPU_STATE_H

#include "integrity/kint.h"

/* Settings the check engine passes from policy. */
struct clkrg_cpu_policy {
	bool msr_validate;
	bool smep_validate, smap_validate;
	u16 smep_enforce, smap_enforce;
	u16 enforce;		/* IDT, MSRs, CR0.WP: kint_enforce */
};

/* Called after a CPU came online or went away. */
typedef void (*clkrg_cpu_activity)(void);

int clkrg_cpu_init(clkrg_cpu_activity activity);
void clkrg_cpu_exit(void);

/* Baseline of every online CPU (rebaseline). */
void clkrg_cpu_rebaseline(void);

void clkrg_cpu_check(struct clkrg_check_ctx *ctx,
		     const struct clkrg_cpu_policy *pol);

#endif
