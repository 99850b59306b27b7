// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include "services/events.h"
#include "services/check_ctx.h"
#include "compat/compat.h"
#include "services/ksyms.h"
#include "services/vault.h"

/* Regions the vault can hold: core regions and two per module. */
#define VAULT_SLOTS	1024
#define VAULT_NAME_LEN	24
/*
 * Pages of the large regions whose mappings a check walks: all of them
 * every few checks (a page table walk per page and alias costs more than
 * hashing it). Regions hashed whole (knobs, allow-list, CPU state) and
 * the hashed part of every region are checked on every check.
 */
#define VAULT_PTE_PER_CHECK	256

/* What the directory keeps of a region (the directory is a region too). */
struct vault_slot {
	void *p;
	u32 npages;
	u32 digest_len;
	u64 digest;
	char name[VAULT_NAME_LEN];
};

static struct {
	siphash_key_t key;
	struct vault_slot *dir;	/* VAULT_SLOTS entries, read-only */
	u32 dir_pages;
} V __ro_after_init;

/* Open counts are the update paths' business: plain memory, lock held. */
static u32 opened[VAULT_SLOTS];
static DEFINE_MUTEX(vault_lock);
/* Where the next check goes on walking mappings: slot and page. */
static unsigned int pte_slot, pte_page;

static u32 pages_of(size_t size)
{
	return DIV_ROUND_UP(size, PAGE_SIZE);
}

/* Read-only or writable, the vmalloc pages and their direct-map alias. */
static void set_ro(void *p, u32 npages, bool ro)
{
	int ret = ro ? clkrg_kfn(set_memory_ro)((unsigned long)p, npages) :
		       clkrg_kfn(set_memory_rw)((unsigned long)p, npages);

	if (ret)
		pr_err("clkrg: FAULT: cannot make %u pages %s (%d)\n", npages,
		       ro ? "read-only" : "writable", ret);
}

static u64 digest(const struct vault_slot *s)
{
	return s->digest_len ? siphash(s->p, s->digest_len, &V.key) : 0;
}

/* Writes slot @i of the directory; vault_lock held. */
static void dir_store(unsigned int i, const struct vault_slot *s)
{
	set_ro(V.dir, V.dir_pages, false);
	V.dir[i] = *s;
	set_ro(V.dir, V.dir_pages, true);
}

static int slot_of(const void *p)
{
	unsigned int i;

	for (i = 0; i < VAULT_SLOTS; i++)
		if (V.dir[i].p == p)
			return i;
	return -1;
}

void *clkrg_vault_alloc(size_t size, size_t digest_len, const char *name)
{
	struct vault_slot s = { .npages = pages_of(size) };
	int i;

	if (!size || digest_len > size)
		return NULL;
	s.p = vzalloc((size_t)s.npages * PAGE_SIZE);
	if (!s.p)
		return NULL;
	s.digest_len = digest_len;
	strscpy(s.name, name, sizeof(s.name));
	mutex_lock(&vault_lock);
	i = slot_of(NULL);
	if (i >= 0) {
		opened[i] = 1;
		dir_store(i, &s);
	}
	mutex_unlock(&vault_lock);
	if (i < 0) {
		pr_err("clkrg: FAULT: vault full, %s not stored\n", name);
		vfree(s.p);
		return NULL;
	}
	clkrg_objects_add(1);
	return s.p;
}

void clkrg_vault_free(void *p)
{
	struct vault_slot s = { 0 };
	int i;

	if (!p)
		return;
	mutex_lock(&vault_lock);
	i = slot_of(p);
	if (i >= 0) {
		/* vfree() of read-only pages would leave the alias read-only. */
		if (!opened[i])
			set_ro(p, V.dir[i].npages, false);
		opened[i] = 0;
		dir_store(i, &s);
	}
	mutex_unlock(&vault_lock);
	if (WARN_ON_ONCE(i < 0))
		return;
	vfree(p);
	clkrg_objects_add(-1);
}

void clkrg_vault_open(void *p)
{
	int i;

	mutex_lock(&vault_lock);
	i = slot_of(p);
	if (!WARN_ON_ONCE(i < 0) && !opened[i]++)
		set_ro(p, V.dir[i].npages, false);
	mutex_unlock(&vault_lock);
}

void clkrg_vault_close(void *p)
{
	struct vault_slot s;
	int i;

	mutex_lock(&vault_lock);
	i = slot_of(p);
	if (!WARN_ON_ONCE(i < 0 || !opened[i]) && !--opened[i]) {
		s = V.dir[i];
		s.digest = digest(&s);
		set_ro(p, s.npages, true);
		dir_store(i, &s);
	}
	mutex_unlock(&vault_lock);
}

/* Whether the page at @addr is mapped writable. */
static bool writable(unsigned long addr)
{
	unsigned int level;
	pte_t *pte = lookup_address(addr, &level);

	return pte && pte_write(*pte);
}

/*
 * The first writable page (or alias) of @s among @n pages from *@page,
 * or 0; *@page moves past what was walked.
 */
static unsigned long writable_page(const struct vault_slot *s, u32 *page,
				   u32 n)
{
	unsigned long a = (unsigned long)s->p + (unsigned long)*page * PAGE_SIZE;

	for (; n && *page < s->npages; n--, (*page)++, a += PAGE_SIZE) {
		struct page *pg = vmalloc_to_page((void *)a);

		if (writable(a) ||
		    (pg && writable((unsigned long)page_address(pg))))
			return a;
	}
	return 0;
}

static void report(struct clkrg_check_ctx *ctx, const struct vault_slot *s,
		   const char *what, u64 expected, u64 actual)
{
	clkrg_report_one(ctx, LKRG_CAT_GUARD, LKRG_OBJ_SELF, s->name, what,
			 "value", expected, actual);
}

static bool hashed_whole(const struct vault_slot *s)
{
	return s->digest_len > (size_t)(s->npages - 1) * PAGE_SIZE;
}

/* Walks the next VAULT_PTE_PER_CHECK pages of large regions; lock held. */
static void verify_mappings(struct clkrg_check_ctx *ctx)
{
	u32 budget = VAULT_PTE_PER_CHECK, n, steps;
	unsigned long page;

	for (steps = 0; budget && steps <= VAULT_SLOTS; steps++) {
		const struct vault_slot *s = &V.dir[pte_slot];
		u32 from = pte_page;

		if (s->p && !opened[pte_slot] && !hashed_whole(s) &&
		    pte_page < s->npages) {
			n = min(budget, s->npages - pte_page);
			page = writable_page(s, &pte_page, n);
			budget -= pte_page - from;
			if (page)
				report(ctx, s, "read-only page made writable", 0,
				       page);
			if (pte_page < s->npages)
				break;
		}
		pte_page = 0;
		pte_slot = (pte_slot + 1) % VAULT_SLOTS;
	}
}

void clkrg_vault_verify(struct clkrg_check_ctx *ctx)
{
	struct vault_slot dir = {
		.p = V.dir, .npages = V.dir_pages, .name = "vault directory",
	};
	unsigned long page;
	unsigned int i;
	u32 first = 0;
	u64 d;

	mutex_lock(&vault_lock);
	page = writable_page(&dir, &first, dir.npages);
	if (page)
		report(ctx, &dir, "read-only page made writable", 0, page);
	for (i = 0; i < VAULT_SLOTS; i++) {
		const struct vault_slot *s = &V.dir[i];

		if (!s->p || opened[i])
			continue;
		first = 0;
		page = writable_page(s, &first, hashed_whole(s) ? s->npages :
				     PAGE_ALIGN(s->digest_len) >> PAGE_SHIFT);
		if (page)
			report(ctx, s, "read-only page made writable", 0, page);
		d = digest(s);
		if (d != s->digest)
			report(ctx, s, "changed outside clkrg's update path",
			       s->digest, d);
	}
	verify_mappings(ctx);
	mutex_unlock(&vault_lock);
}

int clkrg_vault_init(void)
{
	/* set_memory_ro/rw are resolved with the others (compat/kfn.c). */
	get_random_bytes(&V.key, sizeof(V.key));
	V.dir_pages = pages_of(VAULT_SLOTS * sizeof(struct vault_slot));
	V.dir = vzalloc((size_t)V.dir_pages * PAGE_SIZE);
	if (!V.dir)
		return -ENOMEM;
	set_ro(V.dir, V.dir_pages, true);
	return 0;
}

/* Every region was freed by its owner; the directory goes last. */
void clkrg_vault_exit(void)
{
	if (!V.dir)
		return;
	set_ro(V.dir, V.dir_pages, false);
	vfree(V.dir);
}
