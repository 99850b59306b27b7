/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inventory of what can steer the kernel without changing a hashed
 * byte: hooks on kernel functions (ftrace ops, direct calls, kprobes,
 * BPF trampolines; redirect.c) and the kernel's callbacks (notifier
 * chains, CPU hotplug states, LSM hooks, packet handlers, netfilter hooks,
 * the syscall tables; callbacks.c). Every check walks them (O(items), no
 * allocation), judges each by its owner and the allow-list, reports what
 * is not allowed (following kint_enforce), and tells the timeline: which
 * items appeared or went since the last check, and since which check a
 * reported one exists. Serialized by the check engine.
 */
#ifndef CLKRG_INVENTORY_H
#define CLKRG_INVENTORY_H

#include <linux/types.h>
#include "services/check_ctx.h"

enum clkrg_inv_cls {
	INV_TRACER,	/* a core tracer that cannot redirect (perf, fentry) */
	INV_REDIRECT,	/* a hook that can redirect the function it is on */
	INV_CALLBACK,	/* a callback the kernel calls (notifier, LSM...) */
};

struct clkrg_inv_item {
	u8 cls;			/* enum clkrg_inv_cls */
	bool track;		/* part of the timeline (comes and goes) */
	/* hooks: "ftrace hook", "kprobe"...; callbacks: the chain's name */
	const char *kind;
	const char *sub;	/* callbacks: its part of the chain, or NULL */
	bool indexed;		/* callbacks: named kind[priority] */
	/* hooks: what a hidden owner is reported as (kept from 0.2) */
	const char *hidden_what;
	unsigned long fn;	/* the handler or callback */
	unsigned long target;	/* hooked function; 0: every one, or none */
	unsigned long ident;	/* the registered object (ops, kprobe, nb) */
	u64 flags;		/* ops or kprobe flags */
	s64 priority;		/* callbacks: priority, state or slot */
	const char *via;	/* how it is reached, for the report */
	const char *where;	/* callbacks: namespace or device, or NULL */
	/* A BPF program owns it (its name; "" for fentry/fexit only). */
	const char *bpf;
};

struct clkrg_inv_walk;

/* One item found by a walker. Any context but NMI. */
void clkrg_inv_item(struct clkrg_inv_walk *w, const struct clkrg_inv_item *it);

/* The walkers (redirect.c, callbacks.c). */
int clkrg_redirect_init(void);
void clkrg_redirect_walk(struct clkrg_inv_walk *w);
int clkrg_callbacks_init(void);
void clkrg_callbacks_walk(struct clkrg_inv_walk *w);

int clkrg_inventory_init(void);
void clkrg_inventory_exit(void);
/* The timeline's start: what is there once clkrg is all loaded. */
void clkrg_inventory_start(void);
void clkrg_inventory_check(struct clkrg_check_ctx *ctx);
/* Accepts what is there now (rebaseline, scope modules). */
void clkrg_inventory_rebaseline(void);
/* Redirecting hooks and callbacks the last check found. */
void clkrg_inventory_counts(u64 *redirects, u64 *callbacks);

#endif
