// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_modtamper: TEST-ONLY module that corrupts one byte of ANOTHER
 * module's core text and puts it back, so the in-VM suite can check that
 * clkrg's module guard notices. Never load it on a real system.
 *
 *   echo "crc7 crc7_be 0x10" > /sys/module/clkrg_modtamper/parameters/patch
 *   echo "crc_itu_t crc_itu_t 0x10 cr0" > .../parameters/patch
 *   cat /sys/module/clkrg_modtamper/parameters/patched
 *   echo 1 > /sys/module/clkrg_modtamper/parameters/restore
 *
 * patch "MODULE SYMBOL OFFSET [poke|cr0]": SYMBOL is looked up as
 * "MODULE:SYMBOL" through kallsyms; SYMBOL+OFFSET must lie inside SYMBOL and
 * inside MODULE's core text. The byte is inverted (old ^ 0xff), either the
 * way the kernel patches its own text (text_poke() under text_mutex, both
 * found through kallsyms: "poke", the default) or by a raw CR0.WP clear
 * around a plain store ("cr0"). The patched module is pinned (a module
 * reference) until the byte is restored, so it cannot be unloaded with a
 * patched byte. Unloading this module restores a byte still patched.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/string.h>

#include "clkrg_testmod.h"

#define MT_SYM_LEN	128

typedef struct module *(*text_owner_t)(unsigned long addr);
typedef void *(*text_poke_t)(void *addr, const void *opcode, size_t len);

struct mt_state {
	bool active;
	bool poke;		/* text_poke, else CR0.WP */
	struct module *owner;	/* pinned while active */
	char module[MODULE_NAME_LEN];
	char symbol[MT_SYM_LEN];
	unsigned long offset;
	unsigned long size;
	unsigned long address;
	u8 old_byte;
	u8 new_byte;
};

static DEFINE_MUTEX(mt_lock);
static struct mt_state mt;
static tm_lookup_name_t lookup_name;
static tm_lookup_size_offset_t lookup_size_offset;
static text_owner_t text_owner;
static text_poke_t text_poke_fn;
static struct mutex *text_mutex_p;

static int resolve_symbols(void)
{
	int ret = tm_resolve_kallsyms(&lookup_name, &lookup_size_offset);

	if (ret)
		return ret;
	text_owner = (text_owner_t)lookup_name("__module_text_address");
	text_poke_fn = (text_poke_t)lookup_name("text_poke");
	text_mutex_p = (struct mutex *)lookup_name("text_mutex");
	if (!text_owner || !text_poke_fn || !text_mutex_p)
		return -ENOENT;
	return 0;
}

/* Writes one byte of text the way the kernel patches itself. */
static void write_byte_poke(u8 *p, u8 value)
{
	mutex_lock(text_mutex_p);
	text_poke_fn(p, &value, 1);
	mutex_unlock(text_mutex_p);
}

static int write_byte(bool poke, u8 *p, u8 value)
{
	if (poke)
		write_byte_poke(p, value);
	else
		tm_write_ro_byte(p, value);
	return READ_ONCE(*p) == value ? 0 : -EIO;
}

/* Finds and pins the module whose core text holds t->address. */
static int pin_owner(struct mt_state *t)
{
	unsigned long base, size;
	struct module *m;
	int ret = -EFAULT;

	preempt_disable();
	m = text_owner(t->address);
	if (m && m != THIS_MODULE && !strcmp(m->name, t->module)) {
		base = tm_module_text(m, &size);
		if (t->address >= base && t->address - base < size)
			ret = try_module_get(m) ? 0 : -EBUSY;
	}
	if (!ret)
		t->owner = m;
	preempt_enable();
	return ret;
}

/* Fills @t (not yet active) from "MODULE SYMBOL OFFSET [poke|cr0]". */
static int parse_target(const char *val, struct mt_state *t)
{
	char name[MODULE_NAME_LEN + MT_SYM_LEN + 1];
	char method[8] = "poke";
	int n, ret;

	if (!lookup_name)
		return -EAGAIN;	/* set on the insmod line, before init */
	n = sscanf(val, "%55s %127s %li %7s", t->module, t->symbol,
		   &t->offset, method);
	if (n < 3)
		return -EINVAL;
	if (!strcmp(method, "poke"))
		t->poke = true;
	else if (strcmp(method, "cr0"))
		return -EINVAL;
	snprintf(name, sizeof(name), "%s:%s", t->module, t->symbol);
	ret = tm_symbol_byte(lookup_name, lookup_size_offset, name,
			     t->offset, &t->address, &t->size);
	return ret ? ret : pin_owner(t);
}

static int patch_set(const char *val, const struct kernel_param *kp)
{
	struct mt_state t = { };
	u8 *p;
	int ret;

	mutex_lock(&mt_lock);
	ret = mt.active ? -EBUSY : parse_target(val, &t);
	if (ret)
		goto out;
	p = (u8 *)t.address;
	t.old_byte = READ_ONCE(*p);
	t.new_byte = t.old_byte ^ 0xff;
	ret = write_byte(t.poke, p, t.new_byte);
	if (ret) {
		module_put(t.owner);
		goto out;
	}
	t.active = true;
	mt = t;
	pr_info("patched %s:%s+0x%lx/0x%lx at 0x%lx (%s): 0x%02x -> 0x%02x\n",
		t.module, t.symbol, t.offset, t.size, t.address,
		t.poke ? "text_poke" : "cr0", t.old_byte, t.new_byte);
out:
	mutex_unlock(&mt_lock);
	if (ret)
		pr_info("patch refused: %d\n", ret);
	return ret;
}

/* Caller holds mt_lock. */
static int restore_locked(void)
{
	int ret;

	if (!mt.active)
		return -ENOENT;
	ret = write_byte(mt.poke, (u8 *)mt.address, mt.old_byte);
	if (ret)
		return ret;
	mt.active = false;
	module_put(mt.owner);
	mt.owner = NULL;
	pr_info("restored %s:%s+0x%lx/0x%lx at 0x%lx: 0x%02x\n",
		mt.module, mt.symbol, mt.offset, mt.size, mt.address,
		mt.old_byte);
	return 0;
}

static int restore_set(const char *val, const struct kernel_param *kp)
{
	return tm_param_one_locked(val, &mt_lock, restore_locked);
}

static int patched_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&mt_lock);
	if (!mt.active)
		n = sysfs_emit(buf, "none\n");
	else
		n = sysfs_emit(buf,
			       "module=%s symbol=%s offset=0x%lx size=0x%lx address=0x%lx method=%s old=0x%02x new=0x%02x\n",
			       mt.module, mt.symbol, mt.offset, mt.size,
			       mt.address, mt.poke ? "poke" : "cr0",
			       mt.old_byte, mt.new_byte);
	mutex_unlock(&mt_lock);
	return n;
}

static const struct kernel_param_ops patch_ops = { .set = patch_set };
static const struct kernel_param_ops restore_ops = { .set = restore_set };
static const struct kernel_param_ops patched_ops = { .get = patched_get };

module_param_cb(patch, &patch_ops, NULL, 0200);
MODULE_PARM_DESC(patch, "\"MODULE SYMBOL OFFSET [poke|cr0]\": invert that byte");
module_param_cb(restore, &restore_ops, NULL, 0200);
MODULE_PARM_DESC(restore, "write 1 to put the patched byte back");
module_param_cb(patched, &patched_ops, NULL, 0444);
MODULE_PARM_DESC(patched, "the current patch, or \"none\"");

static int __init modtamper_init(void)
{
	int ret = resolve_symbols();

	if (ret)
		pr_err("cannot resolve kallsyms: %d\n", ret);
	return ret;
}

static void __exit modtamper_exit(void)
{
	mutex_lock(&mt_lock);
	if (mt.active)
		restore_locked();
	mutex_unlock(&mt_lock);
}

module_init(modtamper_init);
module_exit(modtamper_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: patch and restore a byte of another module's text");
