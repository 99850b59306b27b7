/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/*
 * The knobs' definitions: names, ranges, allowed values, flags, value-name
 * sets and descriptions. Pure, so that the module (policy.c) and libclkrg
 * (clkrg-load checks /etc/clkrg.conf before the module is loaded) read one
 * table. Every knob is also a module parameter of the same name.
 */
#ifndef CLKRG_KNOB_DEFS_H
#define CLKRG_KNOB_DEFS_H

#include "core_compat.h"

enum clkrg_knob_id {
	KNOB_INTERVAL,
	KNOB_KINT_VALIDATE,
	KNOB_KINT_ENFORCE,
	KNOB_BLOCK_MODULES,
	KNOB_LOG_LEVEL,
	KNOB_HEARTBEAT,
	KNOB_RATELIMIT_INTERVAL,
	KNOB_RATELIMIT_BURST,
	KNOB_EXPOSE_ADDRESSES,
	KNOB_MSR_VALIDATE,
	KNOB_SMEP_VALIDATE,
	KNOB_SMEP_ENFORCE,
	KNOB_SMAP_VALIDATE,
	KNOB_SMAP_ENFORCE,
	KNOB_RAND_NETDEV,	/* one per random source, in trigger order */
	KNOB_RAND_NETEVENT,
	KNOB_RAND_INETADDR,
	KNOB_RAND_INET6ADDR,
	KNOB_RAND_CPUFREQ,
	KNOB_RAND_USB,
	KNOB_RAND_ACPI,
	KNOB_PINT_VALIDATE,
	KNOB_PINT_ENFORCE,
	KNOB_PCFI_VALIDATE,
	KNOB_PCFI_ENFORCE,
	KNOB_UMH_VALIDATE,
	KNOB_UMH_ENFORCE,
	KNOB_LOCK,		/* one way: 1 until reboot */
	KNOB_COUNT
};

struct lkrg_knob_def {
	const char *name;
	const char *desc;
	__s64 min, max;
	__u64 allowed;	/* LKRG_KNOB_F_ENUM knobs: bit v when v is allowed */
	__u32 flags;	/* LKRG_KNOB_F_* */
	__u32 names;	/* LKRG_KNOB_NAMES_* */
};

extern const struct lkrg_knob_def lkrg_knob_defs[KNOB_COUNT];

/* The ABI's view of knob @id (< KNOB_COUNT), its value set to @value. */
void lkrg_knob_describe(unsigned int id, __s64 value, struct lkrg_knob *k);

/* The id of the knob called @name, or -ENOENT. */
int lkrg_knob_find(const char *name);

/*
 * An entry of the usermode-helper allow-list (the umh_allow parameter, as
 * UMH_ADD's rule): absolute, two bytes at least; -EINVAL, or -ENAMETOOLONG
 * when it does not fit LKRG_UMH_PATH_LEN with its NUL.
 */
int lkrg_umh_path_check(const char *path);

#endif
