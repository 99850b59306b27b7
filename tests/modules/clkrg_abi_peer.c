// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_abi_peer: TEST-ONLY module that speaks another version of the lkrg
 * ABI, for lkrg-cli's exit code 5 (ABI mismatch) end to end: the misc
 * device /dev/clkrg_abi_peer answers LKRG_IOC_API_VERSION with
 * LKRG_API_VERSION + 1 and every other command with -ENOTTY, as a clkrg of
 * a newer API would to an older lkrg-cli.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include <linux/lkrg.h>		/* include/uapi of this tree */

static long peer_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == LKRG_IOC_API_VERSION)
		return arg ? -EINVAL : LKRG_API_VERSION + 1;
	return -ENOTTY;
}

static const struct file_operations peer_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = peer_ioctl,
	.compat_ioctl = peer_ioctl,
};

static struct miscdevice peer_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "clkrg_abi_peer",
	.fops = &peer_fops,
	.mode = 0600,
};

module_misc_device(peer_dev);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test: a /dev/lkrg of another API version");
