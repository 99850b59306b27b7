/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Collects the sites of kernel text that the kernel patches at run time,
 * from the kernel's own tables: jump entries, static call sites and
 * trampolines, ftrace records and the ftrace_caller call sites, and armed
 * kprobes. Each site is checked to hold one of its legitimate forms; the
 * rest of the text is hashed with the sites canonicalized (core/text_sites).
 * A set covers one range: the core kernel's .text or one module's text.
 */
#ifndef CLKRG_PATCH_SITES_H
#define CLKRG_PATCH_SITES_H

#include <linux/types.h>
#include "core/text_sites.h"

struct dyn_ftrace;
struct jump_entry;
struct static_call_site;
struct site_src;

/* Sites a refresh found in no form their state allows, as reported. */
#define CLKRG_BAD_SITES	8

struct clkrg_bad_site {
	u64 addr;
	u64 bytes;		/* the 8 bytes there */
	u64 expect, found;	/* destinations: the state's, the bytes' */
	u8 kind;		/* lkrg_site_kind or SRC_* (site_state.h) */
};

/* What a set knows, first in its vault region (the part the vault hashes). */
struct clkrg_sites_head {
	u64 gen;		/* bumped when out changes */
	size_t nout, nkp;
	bool built, dirty;	/* dirty: out no longer matches the verdicts */
};

/*
 * A set's sites, their last verdicts, the sites in a legitimate form (out)
 * and the kprobes of the last refresh live in one vault region, written
 * only when something changed; the handle's pointers are set once.
 */
struct clkrg_site_set {
	unsigned long start, end;
	struct clkrg_sites_head *h;	/* the vault region */
	struct site_src *src;	/* known sites, sorted by address */
	size_t nsrc, src_cap;
	struct lkrg_site *out;	/* rebuilt when the legitimate set changes */
	size_t cap;
	struct lkrg_site *kp;	/* kprobes of the last refresh */
	struct lkrg_site *kp_now;	/* scratch: kprobes now */
	bool open;		/* the region is open for this call's writes */
	/* bad sites of the last refresh; nbad may exceed what is kept */
	struct clkrg_bad_site bad[CLKRG_BAD_SITES];
	unsigned int nbad;
};

/* The tables a range brings: a module's own, or the core kernel's. */
struct clkrg_site_tables {
	struct jump_entry *jump, *jump_end;
	struct static_call_site *scall, *scall_end;
	unsigned long tramp, tramp_end;	/* static call trampolines */
	bool ftrace_callers;		/* ftrace_caller's own call sites */
};

int clkrg_sites_init(void);

/* Fills @set for [start, end) (@name: whose); process context. */
int clkrg_sites_build(struct clkrg_site_set *set, unsigned long start,
		      unsigned long end, const struct clkrg_site_tables *t,
		      const char *name);
void clkrg_sites_free(const struct clkrg_site_set *set);

/*
 * ftrace's record of the site at @ip (core kernel text: it stays), or
 * NULL; process context.
 */
struct dyn_ftrace *clkrg_sites_ftrace_rec(unsigned long ip);

/* The core kernel's tables, found through kallsyms. */
void clkrg_sites_core_tables(struct clkrg_site_tables *t);

/*
 * Freezes text patching (kprobe_mutex, ftrace_lock, text_mutex, in the
 * kernel's own order) so the sites and the bytes hashed agree.
 */
void clkrg_sites_lock(void);
void clkrg_sites_unlock(void);

/*
 * With the lock held: validates the sites of @set (those whose bytes
 * changed since they were validated, and those whose verdict depends on
 * more than their bytes) and returns the sites in a legitimate form (the
 * others stay plain text, so their change shows in the block hash) and
 * the kprobes, sorted by address.
 */
const struct lkrg_site *clkrg_sites_refresh(struct clkrg_site_set *set,
					    size_t *n);

/*
 * The same in steps, for a check that hashes the unmasked bytes first and
 * looks at sites only where those changed. With the lock held:
 * clkrg_sites_begin() validates only the sites whose verdict depends on
 * more than their bytes (and any never validated) and the kprobes, and
 * returns the generation of the legitimate set; clkrg_sites_validate()
 * validates the sites in [start, end) as clkrg_sites_refresh() does;
 * clkrg_sites_current() returns the sites and their generation, which
 * changes whenever the array does; it ends the refresh (the set's vault
 * region, opened for what changed, is sealed again).
 */
u64 clkrg_sites_begin(struct clkrg_site_set *set);
/* Names a bad site's kind in events. */
const char *clkrg_site_kind_name(u8 kind);
void clkrg_sites_validate(struct clkrg_site_set *set, unsigned long start,
			  unsigned long end);
const struct lkrg_site *clkrg_sites_current(struct clkrg_site_set *set,
					    size_t *n, u64 *gen);

#endif
