/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the guest test programs: the knob list and a knob that
 * POLICY_SET accepts at run time.
 */
#ifndef CLKRG_GUEST_LKRGT_H
#define CLKRG_GUEST_LKRGT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/lkrg.h>

/* Every knob (calloc'd, *count set), or NULL. */
static inline struct lkrg_knob *lkrgt_knobs(int fd, __u32 *count)
{
	struct lkrg_policy_get g = { .size = sizeof(g),
				     .knob_size = sizeof(struct lkrg_knob) };
	struct lkrg_knob *k;

	if (ioctl(fd, LKRG_IOC_POLICY_GET, &g) || !g.count)
		return NULL;
	k = calloc(g.count, sizeof(*k));
	if (!k)
		return NULL;
	g.knobs = (uintptr_t)k;
	if (ioctl(fd, LKRG_IOC_POLICY_GET, &g)) {
		free(k);
		return NULL;
	}
	*count = g.count;
	return k;
}

/* Copies the first knob settable at run time to *out; 0 or -1. */
static inline int lkrgt_settable(int fd, struct lkrg_knob *out)
{
	__u32 n = 0, i;
	struct lkrg_knob *k = lkrgt_knobs(fd, &n);
	int ret = -1;

	for (i = 0; k && i < n; i++)
		if (!(k[i].flags & LKRG_KNOB_F_LOAD_ONLY)) {
			*out = k[i];
			ret = 0;
			break;
		}
	free(k);
	return ret;
}

#endif
