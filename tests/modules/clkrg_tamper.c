// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_tamper: TEST-ONLY module that corrupts one byte of core-kernel
 * .text or .rodata and puts it back, so the in-VM suite can check that
 * clkrg notices. Never load it on a real system.
 *
 *   echo "text __x64_sys_acct 0x40" > /sys/module/clkrg_tamper/parameters/patch
 *   cat /sys/module/clkrg_tamper/parameters/patched
 *   echo 1 > /sys/module/clkrg_tamper/parameters/restore
 *
 *   echo "data selinux_state 0" > .../patch   (a flag in .data/.bss: bit 0
 *                                           flipped with a plain store)
 *   echo "data selinux_state 1" > .../peek; cat .../peek   (that byte, read
 *                                           only: where a flag lives is found
 *                                           by watching it change)
 *
 * A text or rodata byte is inverted (old ^ 0xff). The write clears CR0.WP with a raw
 * "mov to cr0" (native_write_cr0() pins WP and WARNs) with preemption and
 * interrupts off, and sets it again right after the store. Unloading the
 * module restores a byte that is still patched.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "clkrg_testmod.h"

#define TAMPER_SYM_LEN	128

struct tamper_state {
	bool active;
	const char *region;	/* "text" or "rodata" */
	char symbol[TAMPER_SYM_LEN];
	unsigned long offset;
	unsigned long size;
	unsigned long address;
	u8 old_byte;
	u8 new_byte;
};

static DEFINE_MUTEX(tamper_lock);
static struct tamper_state tamper;
static struct tamper_state peek;	/* only its address is used */
static tm_lookup_name_t lookup_name;
static tm_lookup_size_offset_t lookup_size_offset;

/* The [start, end) bounds of a region, from kallsyms. */
static int region_bounds(const char *region, unsigned long *start,
			 unsigned long *end)
{
	const char *s, *e;

	if (!strcmp(region, "text")) {
		s = "_stext";
		e = "_etext";
	} else if (!strcmp(region, "rodata")) {
		s = "__start_rodata";
		e = "__end_rodata";
	} else if (!strcmp(region, "data")) {
		s = "_sdata";
		e = "_end";
	} else {
		return -EINVAL;
	}
	*start = lookup_name(s);
	*end = lookup_name(e);
	if (!*start || !*end || *end <= *start)
		return -ENOENT;
	return 0;
}

/* Fills tamper (not yet active) from "REGION SYMBOL OFFSET". */
static int parse_target(const char *val, struct tamper_state *t)
{
	char region[8], symbol[TAMPER_SYM_LEN];
	unsigned long start, end;
	int ret;

	if (!lookup_name)
		return -EAGAIN;	/* set on the insmod line, before init */
	if (sscanf(val, "%7s %127s %li", region, symbol, &t->offset) != 3)
		return -EINVAL;
	ret = region_bounds(region, &start, &end);
	if (ret)
		return ret;
	t->region = !strcmp(region, "text") ? "text" :
		    !strcmp(region, "data") ? "data" : "rodata";
	ret = tm_symbol_byte(lookup_name, lookup_size_offset, symbol,
			     t->offset, &t->address, &t->size);
	if (ret)
		return ret;
	if (t->address < start || t->address >= end)
		return -EFAULT;
	if (within_module(t->address, THIS_MODULE))
		return -EFAULT;
	strscpy(t->symbol, symbol, sizeof(t->symbol));
	return 0;
}

static int patch_set(const char *val, const struct kernel_param *kp)
{
	struct tamper_state t = { };
	u8 *p;
	int ret;

	mutex_lock(&tamper_lock);
	ret = tamper.active ? -EBUSY : parse_target(val, &t);
	if (ret)
		goto out;
	p = (u8 *)t.address;
	t.old_byte = READ_ONCE(*p);
	if (!strcmp(t.region, "data")) {
		/* A flag: the kernel reads it as a bool. */
		t.new_byte = t.old_byte ^ 1;
		WRITE_ONCE(*p, t.new_byte);
	} else {
		t.new_byte = t.old_byte ^ 0xff;
		tm_write_ro_byte(p, t.new_byte);
	}
	if (READ_ONCE(*p) != t.new_byte) {
		ret = -EIO;
		goto out;
	}
	t.active = true;
	tamper = t;
	pr_info("patched %s %s+0x%lx/0x%lx at 0x%lx: 0x%02x -> 0x%02x\n",
		t.region, t.symbol, t.offset, t.size, t.address,
		t.old_byte, t.new_byte);
out:
	mutex_unlock(&tamper_lock);
	if (ret)
		pr_info("patch refused: %d\n", ret);
	return ret;
}

/* Caller holds tamper_lock. */
static int restore_locked(void)
{
	u8 *p = (u8 *)tamper.address;

	if (!tamper.active)
		return -ENOENT;
	if (!strcmp(tamper.region, "data"))
		WRITE_ONCE(*p, tamper.old_byte);
	else
		tm_write_ro_byte(p, tamper.old_byte);
	if (READ_ONCE(*p) != tamper.old_byte)
		return -EIO;
	tamper.active = false;
	pr_info("restored %s %s+0x%lx/0x%lx at 0x%lx: 0x%02x\n",
		tamper.region, tamper.symbol, tamper.offset, tamper.size,
		tamper.address, tamper.old_byte);
	return 0;
}

static int restore_set(const char *val, const struct kernel_param *kp)
{
	return tm_param_one_locked(val, &tamper_lock, restore_locked);
}

static int patched_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&tamper_lock);
	if (!tamper.active)
		n = sysfs_emit(buf, "none\n");
	else
		n = sysfs_emit(buf,
			       "region=%s symbol=%s offset=0x%lx size=0x%lx address=0x%lx old=0x%02x new=0x%02x\n",
			       tamper.region, tamper.symbol, tamper.offset,
			       tamper.size, tamper.address, tamper.old_byte,
			       tamper.new_byte);
	mutex_unlock(&tamper_lock);
	return n;
}

static int peek_set(const char *val, const struct kernel_param *kp)
{
	struct tamper_state t = { };
	int ret;

	mutex_lock(&tamper_lock);
	ret = parse_target(val, &t);
	if (!ret)
		peek = t;
	mutex_unlock(&tamper_lock);
	return ret;
}

static int peek_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&tamper_lock);
	if (!peek.address)
		n = -ENOENT;
	else
		n = sysfs_emit(buf, "0x%02x\n", READ_ONCE(*(u8 *)peek.address));
	mutex_unlock(&tamper_lock);
	return n;
}

static const struct kernel_param_ops patch_ops = { .set = patch_set };
static const struct kernel_param_ops restore_ops = { .set = restore_set };
static const struct kernel_param_ops patched_ops = { .get = patched_get };
static const struct kernel_param_ops peek_ops = {
	.set = peek_set,
	.get = peek_get,
};

module_param_cb(patch, &patch_ops, NULL, 0200);
MODULE_PARM_DESC(patch, "\"text|rodata|data SYMBOL OFFSET\": change that byte");
module_param_cb(restore, &restore_ops, NULL, 0200);
MODULE_PARM_DESC(restore, "write 1 to put the patched byte back");
module_param_cb(patched, &patched_ops, NULL, 0444);
MODULE_PARM_DESC(patched, "the current patch, or \"none\"");
module_param_cb(peek, &peek_ops, NULL, 0600);
MODULE_PARM_DESC(peek, "\"REGION SYMBOL OFFSET\" to pick a byte, read to see it");

static int __init tamper_init(void)
{
	int ret = tm_resolve_kallsyms(&lookup_name, &lookup_size_offset);

	if (ret)
		pr_err("cannot resolve kallsyms: %d\n", ret);
	return ret;
}

static void __exit tamper_exit(void)
{
	mutex_lock(&tamper_lock);
	if (tamper.active)
		restore_locked();
	mutex_unlock(&tamper_lock);
}

module_init(tamper_init);
module_exit(tamper_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: patch and restore a kernel byte");
