/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which system calls may legitimately install new credentials or switch
 * namespaces (x86-64 and ia32 numbers). Pure, unit-tested on the host.
 */
#ifndef CLKRG_LEGIT_SYSCALLS_H
#define CLKRG_LEGIT_SYSCALLS_H

#include "core_compat.h"

/* set*id, setgroups, capset, prctl, keyrings, unshare, setns, landlock */
bool lkrg_cred_syscall(bool ia32, long nr);

/* unshare and setns */
bool lkrg_ns_syscall(bool ia32, long nr);

#endif
