/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guard's database: knobs and baselines live in vmalloc'd regions
 * whose pages are read-only (their direct-map alias too) except while the
 * guard's own update path, under its owner's mutex, has them open. When
 * a region closes, the leading part of it that says what is expected
 * (headers, page hashes) is hashed with a per-load key; every check
 * confirms each closed region is still read-only and still has that hash.
 * A write-what-where primitive meets a read-only page; an attacker who
 * remaps the page to write it is caught by the next check.
 */
#ifndef CLKRG_VAULT_H
#define CLKRG_VAULT_H

#include <linux/types.h>

struct clkrg_check_ctx;

int clkrg_vault_init(void);
void clkrg_vault_exit(void);

/*
 * A zeroed region of @size bytes named @name (events say which), open
 * (writable) until its first clkrg_vault_close(); the first @digest_len
 * bytes are hashed at each close. NULL when out of memory or slots.
 * Process context.
 */
void *clkrg_vault_alloc(size_t size, size_t digest_len, const char *name);
void clkrg_vault_free(void *p);

/* Opens @p for writing (nests); closing re-seals and re-hashes it. */
void clkrg_vault_open(void *p);
void clkrg_vault_close(void *p);

/* Reports a closed region that became writable or changed. */
void clkrg_vault_verify(struct clkrg_check_ctx *ctx);

#endif
