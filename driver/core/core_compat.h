/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/*
 * Lets the pure core compile in the module and on the host (libclkrg, unit
 * tests) from the same source: only types, string and errno functions.
 */
#ifndef CLKRG_CORE_COMPAT_H
#define CLKRG_CORE_COMPAT_H

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <linux/types.h>
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

#include "../../include/uapi/linux/lkrg.h"

#endif
