/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/*
 * Owners of hooks that can redirect a kernel function, as the allow-list
 * names them: "NAME" a listed module, "bpf:NAME" a BPF program,
 * "kernel:SYMBOL" a core-kernel handler; an entry may end in '*' (a
 * prefix). The kind is part of the match, so a module cannot pass for
 * the kernel by its name.
 */
#ifndef CLKRG_HOOK_OWNER_H
#define CLKRG_HOOK_OWNER_H

#include "core_compat.h"

enum lkrg_owner_kind {
	LKRG_OWNER_MODULE,
	LKRG_OWNER_BPF,
	LKRG_OWNER_KERNEL,
};

/*
 * 0 when the @cap bytes at @s hold a NUL-terminated allow-list entry:
 * an optional "bpf:" or "kernel:" prefix, then at least one of
 * [A-Za-z0-9_.-], then at most one '*' at the very end; else -EINVAL.
 */
int lkrg_hook_owner_valid(const char *s, size_t cap);

/* Whether valid entry @entry allows owner @name of kind @kind. */
bool lkrg_hook_owner_match(const char *entry, enum lkrg_owner_kind kind,
			   const char *name);

/* "", "bpf:" or "kernel:": what an entry for @kind starts with. */
const char *lkrg_hook_owner_prefix(enum lkrg_owner_kind kind);

#endif
