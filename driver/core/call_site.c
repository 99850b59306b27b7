// SPDX-License-Identifier: GPL-2.0
#include "call_site.h"

/* Length of an FF /r instruction from its ModRM byte on (ModRM..end). */
static int modrm_len(const __u8 *m, int avail)
{
	int mod = m[0] >> 6, rm = m[0] & 7, len = 1;

	if (mod == 3)
		return 1;
	if (rm == 4) {		/* SIB */
		if (avail < 2)
			return -1;
		len++;
		if (mod == 0 && (m[1] & 7) == 5)
			return len + 4;
	}
	if (mod == 0 && rm == 5)	/* RIP-relative */
		return len + 4;
	if (mod == 1)
		return len + 1;
	if (mod == 2)
		return len + 4;
	return len;
}

bool lkrg_call_precedes(const __u8 b[LKRG_CALL_LOOKBACK])
{
	int start;

	if (b[LKRG_CALL_LOOKBACK - 5] == 0xe8)
		return true;
	/* FF /2: opcode at start, optional REX just before it. */
	for (start = LKRG_CALL_LOOKBACK - 2; start >= 0; start--) {
		const __u8 *p = b + start;
		int avail = LKRG_CALL_LOOKBACK - start - 1;
		int len;

		if (p[0] != 0xff || avail < 1 || ((p[1] >> 3) & 7) != 2)
			continue;
		len = modrm_len(p + 1, avail);
		if (len == avail)
			return true;
	}
	return false;
}

bool lkrg_direct_call_to(const __u8 before5[5], __u64 ret_addr,
			 __u64 target)
{
	__s32 rel;

	if (before5[0] != 0xe8)
		return false;
	rel = (__s32)((__u32)before5[1] | (__u32)before5[2] << 8 |
		      (__u32)before5[3] << 16 | (__u32)before5[4] << 24);
	return ret_addr + (__s64)rel == target;
}
