// SPDX-License-Identifier: GPL-2.0
#include <linux/capability.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "compat/compat.h"
#include "core/abi_check.h"
#include "core/lkrg_names.h"
#include "services/events.h"
#include "services/policy.h"
#include "integrity/modblock.h"
#include "engine/check_engine.h"
#include "hooks/hooks.h"
#include "exploit/pint.h"
#include "exploit/umh.h"
#include "integrity/hook_allow.h"
#include "integrity/inventory.h"
#include "services/test_hooks.h"
#include "device/dev.h"

#define CLKRG_VERSION	"0.2.0"

/* Set once by LKRG_IOC_SHUTDOWN; the device stays dead until unload. */
static int shutting_down;

/* Largest command struct of this module; bounds the stack buffer. */
union ioc_buf {
	struct lkrg_hello hello;
	struct lkrg_check check;
	struct lkrg_rebaseline rebaseline;
	struct lkrg_block_modules block;
	struct lkrg_status status;
	struct lkrg_policy_get pget;
	struct lkrg_policy_set pset;
	struct lkrg_stats stats;
	struct lkrg_umh_edit umh_edit;
	struct lkrg_umh_list umh_list;
	struct lkrg_hook_allow_edit hook_edit;
	struct lkrg_hook_allow_list hook_list;
};

/*
 * A command with a size-first struct: the handler sees the struct with
 * copy_struct_from_user() semantics applied and fills it for write-back.
 */
struct ioc_cmd {
	long (*handler)(struct file *file, void *arg);
	size_t ksize;
	size_t ver0;
	bool admin;		/* CAP_SYS_ADMIN at call time */
};

static long do_hello(struct file *file, void *p)
{
	struct lkrg_hello *a = p;
	static const u8 nrs[] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
				  0x07, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
				  0x16, 0x17, 0x20, 0x21 };
	long ret = lkrg_check_hello(a);
	unsigned int i;

	if (ret)
		return ret;
	a->api_version = LKRG_API_VERSION;
	a->schema_version = LKRG_SCHEMA_VERSION;
	a->features = LKRG_FEAT_EVENTS | LKRG_FEAT_KINT_TEXT |
		      LKRG_FEAT_KINT_RODATA | LKRG_FEAT_KINT_EXTABLE |
		      LKRG_FEAT_BLOCK_MODULES | LKRG_FEAT_CPU_STATE |
		      LKRG_FEAT_MODULES | LKRG_FEAT_PINT | LKRG_FEAT_PCFI |
		      LKRG_FEAT_UMH | LKRG_FEAT_REDIRECTS |
		      LKRG_FEAT_CALLBACKS;
	/* What this open file's reads will show, not the caller's rights. */
	if (clkrg_reader_sees_addresses(file->private_data))
		a->features |= LKRG_FEAT_ADDRESSES;
	for (i = 0; i < ARRAY_SIZE(nrs); i++)
		a->ioctls[nrs[i] / 64] |= 1ULL << (nrs[i] % 64);
	a->max_event_size = LKRG_EV_MAX_RECORD_SIZE;
	return 0;
}

static long do_force_run(struct file *file, void *p)
{
	struct lkrg_check *a = p;
	long ret = lkrg_check_check(a);

	return ret ? ret : clkrg_engine_force_run(a);
}

static long do_rebaseline(struct file *file, void *p)
{
	struct lkrg_rebaseline *a = p;
	long ret = lkrg_check_rebaseline(a);

	if (ret)
		return ret;
	/* Accepting the present state would forgive what the lock guards. */
	if (clkrg_policy_locked()) {
		clkrg_policy_refused(LKRG_OBJ_BASELINE, "rebaseline", "");
		return -EPERM;
	}
	a->generation = clkrg_engine_rebaseline(a->scope);
	return 0;
}

static long do_block_get(struct file *file, void *p)
{
	struct lkrg_block_modules *a = p;
	long ret = lkrg_check_block_get(a);

	if (ret)
		return ret;
	a->mode = clkrg_policy(KNOB_BLOCK_MODULES);
	a->refused = clkrg_modblock_refused();
	return 0;
}

static long do_block_set(struct file *file, void *p)
{
	struct lkrg_block_modules *a = p;
	long ret = lkrg_check_block_set(a);
	s64 old;

	if (ret)
		return ret;
	ret = clkrg_policy_set_id(KNOB_BLOCK_MODULES, a->mode, &old);
	a->refused = clkrg_modblock_refused();
	return ret;
}

static long do_status(struct file *file, void *p)
{
	struct lkrg_status *a = p;
	struct clkrg_engine_status st;
	long ret = lkrg_check_status(a);

	if (ret)
		return ret;
	clkrg_engine_status(&st);
	lkrg_ev_set_str(a->module_version, sizeof(a->module_version),
			CLKRG_VERSION);
	a->api_version = LKRG_API_VERSION;
	a->schema_version = LKRG_SCHEMA_VERSION;
	memcpy(a->instance_uuid, clkrg_instance_uuid(),
	       sizeof(a->instance_uuid));
	a->generation = st.generation;
	a->loaded_real_ns = clkrg_instance_loaded_ns();
	a->checks = st.checks;
	a->last_check_id = st.last_check_id;
	a->last_check_real_ns = st.last_check_real_ns;
	a->last_check_duration_ns = st.last_check_duration_ns;
	a->last_check_violations = st.last_check_violations;
	a->block_modules = clkrg_policy(KNOB_BLOCK_MODULES);
	a->events_produced = clkrg_ev_next_seq();
	a->events_oldest = clkrg_ev_oldest_seq();
	a->violations_total = st.violations_total +
			      clkrg_pint_hook_violations();
	a->shutting_down = READ_ONCE(shutting_down);
	a->interval_s = clkrg_policy(KNOB_INTERVAL);
	a->events_suppressed = clkrg_ev_suppressed();
	a->objects = clkrg_objects();
	a->tasks = clkrg_pint_tasks();
	a->locked = clkrg_policy_locked();
	return 0;
}

/* Fills one row of an array output; @buf is large enough for the row. */
typedef void (*row_fill)(unsigned int index, void *buf, const void *ctx);

/*
 * The array protocol of POLICY_GET and STATS: @count == 0 asks for the
 * number of rows, a smaller count is -ENOSPC with *@count set; rows are
 * written at @stride bytes with the tail past our row size zeroed.
 */
static long copy_rows(u64 uptr, u32 *count, u32 stride, unsigned int n,
		      row_fill fill, const void *ctx, void *buf,
		      size_t row_size)
{
	u8 __user *base = u64_to_user_ptr(uptr);
	size_t len = min_t(size_t, stride, row_size);
	unsigned int i;

	if (*count && *count < n) {
		*count = n;
		return -ENOSPC;
	}
	for (i = 0; *count && i < n; i++) {
		u8 __user *dst = base + (size_t)i * stride;

		fill(i, buf, ctx);
		if (copy_to_user(dst, buf, len) ||
		    clear_user(dst + len, stride - len))
			return -EFAULT;
	}
	*count = n;
	return 0;
}

static void fill_knob(unsigned int i, void *buf, const void *ctx)
{
	clkrg_policy_describe(i, buf);
}

static long do_policy_get(struct file *file, void *p)
{
	struct lkrg_policy_get *a = p;
	struct lkrg_knob k;
	long ret = lkrg_check_policy_get(a);

	if (ret)
		return ret;
	a->generation = clkrg_policy_generation();
	return copy_rows(a->knobs, &a->count, a->knob_size,
			 clkrg_policy_count(), fill_knob, NULL, &k, sizeof(k));
}

static void fill_stats(unsigned int i, void *buf, const void *ctx)
{
	clkrg_engine_stats(i + 1, buf);
}

static long do_stats(struct file *file, void *p)
{
	struct lkrg_stats *a = p;
	struct lkrg_stats_row row;
	long ret = lkrg_check_stats(a);

	if (ret)
		return ret;
	/* Row i is trigger i + 1: LKRG_TRIGGER_NONE fires nothing. */
	return copy_rows(a->rows, &a->count, a->row_size,
			 LKRG_TRIGGER_COUNT - 1, fill_stats, NULL, &row,
			 sizeof(row));
}

static void fill_hook(unsigned int i, void *buf, const void *ctx)
{
	clkrg_hooks_row(i, buf);
}

static long do_hooks(struct file *file, void *p)
{
	struct lkrg_stats *a = p;
	struct lkrg_hook_row row;
	long ret = lkrg_check_hooks(a);

	if (ret)
		return ret;
	return copy_rows(a->rows, &a->count, a->row_size, clkrg_hooks_count(),
			 fill_hook, NULL, &row, sizeof(row));
}

static long do_umh_add(struct file *file, void *p)
{
	struct lkrg_umh_edit *a = p;
	long ret = lkrg_check_umh_edit(a);

	if (ret)
		return ret;
	/* A longer allow-list is a weaker one. */
	if (clkrg_policy_locked()) {
		clkrg_policy_refused(LKRG_OBJ_UMH, "allow helper",
				     (const char *)a->path);
		return -EPERM;
	}
	return clkrg_umh_add((const char *)a->path, &a->count,
			     &a->generation);
}

static long do_umh_del(struct file *file, void *p)
{
	struct lkrg_umh_edit *a = p;
	long ret = lkrg_check_umh_edit(a);

	if (ret)
		return ret;
	return clkrg_umh_del((const char *)a->path, &a->count,
			     &a->generation);
}

static void fill_umh(unsigned int i, void *buf, const void *ctx)
{
	memcpy(buf, (const struct lkrg_umh_entry *)ctx + i,
	       sizeof(struct lkrg_umh_entry));
}

static long do_umh_list(struct file *file, void *p)
{
	struct lkrg_umh_list *a = p;
	struct lkrg_umh_entry *all, row;
	long ret = lkrg_check_umh_list(a);
	u32 n;

	if (ret)
		return ret;
	/* One consistent copy, then the array protocol. */
	all = kcalloc(LKRG_UMH_MAX, sizeof(*all), GFP_KERNEL);
	if (!all)
		return -ENOMEM;
	n = clkrg_umh_list(all, LKRG_UMH_MAX, &a->generation, &a->refused);
	ret = copy_rows(a->entries, &a->count, a->entry_size, n, fill_umh,
			all, &row, sizeof(row));
	kfree(all);
	return ret;
}

static long do_hook_allow(struct file *file, void *p)
{
	struct lkrg_hook_allow_edit *a = p;
	long ret = lkrg_check_hook_allow_edit(a);

	if (ret)
		return ret;
	/* A longer allow-list is a weaker one. */
	if (clkrg_policy_locked()) {
		clkrg_policy_refused(LKRG_OBJ_REDIRECT, "allow hook owner",
				     (const char *)a->owner);
		return -EPERM;
	}
	return clkrg_hook_allow_add((const char *)a->owner, &a->count,
				    &a->generation);
}

static long do_hook_deny(struct file *file, void *p)
{
	struct lkrg_hook_allow_edit *a = p;
	long ret = lkrg_check_hook_allow_edit(a);

	if (ret)
		return ret;
	return clkrg_hook_allow_del((const char *)a->owner, &a->count,
				    &a->generation);
}

static void fill_hook_allow(unsigned int i, void *buf, const void *ctx)
{
	memcpy(buf, (const struct lkrg_hook_allow_entry *)ctx + i,
	       sizeof(struct lkrg_hook_allow_entry));
}

static long do_hook_allow_list(struct file *file, void *p)
{
	struct lkrg_hook_allow_list *a = p;
	struct lkrg_hook_allow_entry *all, row;
	long ret = lkrg_check_hook_allow_list(a);
	u32 n;

	if (ret)
		return ret;
	all = kcalloc(LKRG_HOOK_ALLOW_MAX, sizeof(*all), GFP_KERNEL);
	if (!all)
		return -ENOMEM;
	n = clkrg_hook_allow_list(all, LKRG_HOOK_ALLOW_MAX, &a->generation);
	clkrg_inventory_counts(&a->redirects, &a->callbacks);
	ret = copy_rows(a->entries, &a->count, a->entry_size, n,
			fill_hook_allow, all, &row, sizeof(row));
	kfree(all);
	return ret;
}

static long do_policy_set(struct file *file, void *p)
{
	struct lkrg_policy_set *a = p;
	long ret = lkrg_check_policy_set(a);

	if (ret)
		return ret;
	ret = clkrg_policy_set((const char *)a->name, a->value,
			       &a->old_value);
	a->generation = clkrg_policy_generation();
	return ret;
}

#define CMD(nr, fn, type, v0, adm) \
	[nr] = { fn, sizeof(type), v0, adm }

static const struct ioc_cmd cmds[] = {
	CMD(0x01, do_hello, struct lkrg_hello, LKRG_HELLO_SIZE_VER0, false),
	CMD(0x02, do_force_run, struct lkrg_check, LKRG_CHECK_SIZE_VER0, true),
	CMD(0x03, do_rebaseline, struct lkrg_rebaseline,
	    LKRG_REBASELINE_SIZE_VER0, true),
	CMD(0x04, do_block_get, struct lkrg_block_modules,
	    LKRG_BLOCK_MODULES_SIZE_VER0, false),
	CMD(0x05, do_block_set, struct lkrg_block_modules,
	    LKRG_BLOCK_MODULES_SIZE_VER0, true),
	CMD(0x06, do_status, struct lkrg_status, LKRG_STATUS_SIZE_VER0, false),
	CMD(0x10, do_policy_get, struct lkrg_policy_get,
	    LKRG_POLICY_GET_SIZE_VER0, false),
	CMD(0x11, do_policy_set, struct lkrg_policy_set,
	    LKRG_POLICY_SET_SIZE_VER0, true),
	CMD(0x12, do_umh_add, struct lkrg_umh_edit, LKRG_UMH_EDIT_SIZE_VER0,
	    true),
	CMD(0x13, do_umh_del, struct lkrg_umh_edit, LKRG_UMH_EDIT_SIZE_VER0,
	    true),
	CMD(0x14, do_umh_list, struct lkrg_umh_list, LKRG_UMH_LIST_SIZE_VER0,
	    false),
	CMD(0x15, do_hook_allow, struct lkrg_hook_allow_edit,
	    LKRG_HOOK_ALLOW_EDIT_SIZE_VER0, true),
	CMD(0x16, do_hook_deny, struct lkrg_hook_allow_edit,
	    LKRG_HOOK_ALLOW_EDIT_SIZE_VER0, true),
	CMD(0x17, do_hook_allow_list, struct lkrg_hook_allow_list,
	    LKRG_HOOK_ALLOW_LIST_SIZE_VER0, false),
	CMD(0x20, do_stats, struct lkrg_stats, LKRG_STATS_SIZE_VER0, false),
	CMD(0x21, do_hooks, struct lkrg_stats, LKRG_STATS_SIZE_VER0, false),
};

/* Writes back the first and last byte of [@u, @u + @len) as they are. */
static bool writable(void __user *u, u32 len)
{
	u8 __user *first = u, *last = first + len - 1;
	u8 a, b;

	return !get_user(a, first) && !put_user(a, first) &&
	       !get_user(b, last) && !put_user(b, last);
}

/* Runs @c on the size-first struct at @uarg. */
static long struct_ioctl(struct file *file, const struct ioc_cmd *c,
			 void __user *uarg)
{
	u32 __user *usizep = uarg;
	union ioc_buf kbuf;
	u32 usize, osize;
	long ret;

	BUILD_BUG_ON(sizeof(kbuf) > 320);
	if (get_user(usize, usizep))
		return -EFAULT;
	if (usize < c->ver0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		ret = -E2BIG;
	else
		ret = copy_struct_from_user(&kbuf, c->ksize, uarg, usize);
	if (ret == -E2BIG) {
		/* Tell the caller the size this module knows (perf style). */
		if (put_user((u32)c->ksize, usizep))
			return -EFAULT;
		return -E2BIG;
	}
	if (ret)
		return ret;
	osize = min_t(u32, usize, c->ksize);
	/* A command must not act when its result cannot be written back. */
	if (!writable(uarg, osize))
		return -EFAULT;
	ret = c->handler(file, &kbuf);
	/* Results are written back on success and for -ENOSPC counts. */
	if (ret && ret != -ENOSPC)
		return ret;
	*(u32 *)&kbuf = osize;
	if (copy_to_user(uarg, &kbuf, osize))
		return -EFAULT;
	return ret;
}

/* The last record readers get before EOF says who shut the device down. */
static void emit_shutdown(void)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_CAT_GUARD,
			 LKRG_OBJ_GUARD, LKRG_ACT_CHANGED, true);
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "shutdown");
	clkrg_ev_emit(&r);
}

static long clkrg_ioctl(struct file *file, unsigned int cmd,
			unsigned long arg)
{
	unsigned int nr = _IOC_NR(cmd);
	const struct ioc_cmd *c;

	if (_IOC_TYPE(cmd) != LKRG_IOC_MAGIC)
		return -ENOTTY;
	if (nr == 0x00 || nr == 0x07) {
		if (nr == 0x07 && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (arg)
			return -EINVAL;
		if (READ_ONCE(shutting_down))
			return -ENODEV;
		if (nr == 0x00)
			return LKRG_API_VERSION;
		if (clkrg_policy_locked()) {
			clkrg_policy_refused(LKRG_OBJ_GUARD, "shutdown", "");
			return -EPERM;
		}
		if (xchg(&shutting_down, 1))
			return -ENODEV;
		emit_shutdown();
		clkrg_events_shutdown();
		return 0;
	}
	if (nr >= ARRAY_SIZE(cmds) || !cmds[nr].handler)
		return -ENOTTY;
	c = &cmds[nr];
	if (c->admin && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (READ_ONCE(shutting_down))
		return -ENODEV;
	return struct_ioctl(file, c, (void __user *)arg);
}

static int clkrg_open(struct inode *inode, struct file *file)
{
	struct clkrg_reader *rd;

	if (READ_ONCE(shutting_down))
		return -ENODEV;
	/*
	 * Like %pK: only CAP_SYSLOG openers see kernel addresses. Asked
	 * without auditing it or marking the task as having used a
	 * privilege: not having it is no failure.
	 */
	rd = clkrg_reader_new(has_capability_noaudit(current, CAP_SYSLOG));
	if (!rd)
		return -ENOMEM;
	file->private_data = rd;
	clkrg_test_on_open();
	return 0;
}

static int clkrg_release(struct inode *inode, struct file *file)
{
	clkrg_reader_free(file->private_data);
	return 0;
}

static ssize_t clkrg_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	return clkrg_reader_read(file->private_data, buf, count,
				 file->f_flags & O_NONBLOCK);
}

static loff_t clkrg_llseek(struct file *file, loff_t offset, int whence)
{
	return clkrg_reader_seek(file->private_data, offset, whence);
}

static __poll_t clkrg_poll(struct file *file, poll_table *wait)
{
	return clkrg_reader_poll(file->private_data, file, wait);
}

static const struct file_operations clkrg_fops = {
	.owner = THIS_MODULE,
	.open = clkrg_open,
	.release = clkrg_release,
	.read = clkrg_read,
	.poll = clkrg_poll,
	.llseek = clkrg_llseek,
	.unlocked_ioctl = clkrg_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/*
 * A class of our own rather than a misc device: its device type names the
 * node's group, so devtmpfs creates /dev/lkrg 0640 root:<read_gid> when a
 * reader group is configured, 0600 root:root otherwise.
 */
static dev_t lkrg_devt;
static struct cdev lkrg_cdev;
static struct class *lkrg_class;
static struct device lkrg_device;
static kgid_t read_group __ro_after_init;

static char *lkrg_devnode(CLKRG_DEVNODE_CONST struct device *dev,
			  umode_t *mode, kuid_t *uid, kgid_t *gid)
{
	if (mode)
		*mode = gid_valid(read_group) ? 0640 : 0600;
	if (gid && gid_valid(read_group))
		*gid = read_group;
	return NULL;
}

static const struct device_type lkrg_type = {
	.name = "lkrg",
	.devnode = lkrg_devnode,
};

/* The device is static; nothing to free when its last reference goes. */
static void lkrg_release(struct device *dev)
{
}

int clkrg_dev_init(int read_gid)
{
	int ret;

	read_group = read_gid >= 0 ? make_kgid(&init_user_ns, read_gid) :
				     INVALID_GID;
	ret = alloc_chrdev_region(&lkrg_devt, 0, 1, "lkrg");
	if (ret)
		return ret;
	cdev_init(&lkrg_cdev, &clkrg_fops);
	lkrg_cdev.owner = THIS_MODULE;
	ret = cdev_add(&lkrg_cdev, lkrg_devt, 1);
	if (ret)
		goto out_region;
	lkrg_class = clkrg_class_create("clkrg");
	if (IS_ERR(lkrg_class)) {
		ret = PTR_ERR(lkrg_class);
		goto out_cdev;
	}
	device_initialize(&lkrg_device);
	lkrg_device.devt = lkrg_devt;
	lkrg_device.class = lkrg_class;
	lkrg_device.type = &lkrg_type;
	lkrg_device.release = lkrg_release;
	ret = dev_set_name(&lkrg_device, "lkrg");
	if (!ret)
		ret = device_add(&lkrg_device);
	if (ret)
		goto out_device;
	return 0;

out_device:
	put_device(&lkrg_device);
	class_destroy(lkrg_class);
out_cdev:
	cdev_del(&lkrg_cdev);
out_region:
	unregister_chrdev_region(lkrg_devt, 1);
	return ret;
}

void clkrg_dev_exit(void)
{
	device_del(&lkrg_device);
	put_device(&lkrg_device);
	class_destroy(lkrg_class);
	cdev_del(&lkrg_cdev);
	unregister_chrdev_region(lkrg_devt, 1);
}
