/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pCFI: does a return address follow a call instruction? A return
 * address forged by a ROP chain usually does not. Pure, unit-tested.
 */
#ifndef CLKRG_CALL_SITE_H
#define CLKRG_CALL_SITE_H

#include "core_compat.h"

/* Bytes before a return address the decoder looks at. */
#define LKRG_CALL_LOOKBACK	8

/*
 * @before holds the LKRG_CALL_LOOKBACK bytes that end at the return
 * address. True when a near call (E8 rel32, or FF /2 in any addressing
 * form, with or without REX) ends exactly there.
 */
bool lkrg_call_precedes(const __u8 before[LKRG_CALL_LOOKBACK]);

/*
 * True when a direct call ending at @ret_addr (whose 5 preceding bytes are
 * @before5) targets @target: the caller really is a call site of it.
 */
bool lkrg_direct_call_to(const __u8 before5[5], __u64 ret_addr,
			 __u64 target);

#endif
