/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SELinux's enforcing flag: exploits clear it with one write. Its only
 * legitimate writer is /sys/fs/selinux/enforce (sel_write_enforce): the
 * value it sets, past its permission check, is taken from its status
 * update (a kprobe); a write that fails or stalls changes nothing. Any
 * other change is found by the next check.
 */
#ifndef CLKRG_SELINUX_GUARD_H
#define CLKRG_SELINUX_GUARD_H

struct clkrg_check_ctx;

/* 0 also when this kernel has no SELinux: then nothing is guarded. */
int clkrg_selinux_init(void);
void clkrg_selinux_exit(void);
void clkrg_selinux_check(struct clkrg_check_ctx *ctx);

#endif
