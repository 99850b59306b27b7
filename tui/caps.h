/* SPDX-License-Identifier: GPL-2.0 */
/* lkrg-top keeps only the capabilities it uses (libcap). */
#ifndef LKRG_TOP_CAPS_H
#define LKRG_TOP_CAPS_H

#include <stdbool.h>

#define TOP_KEEP_SYSLOG	(1u << 0)	/* addresses in events, at open */
#define TOP_KEEP_ADMIN	(1u << 1)	/* force-run, rebaseline, blocking */

/*
 * Before any thread starts (capabilities are per thread): clears every
 * capability but those in @keep from the effective, permitted and
 * inheritable sets and the ambient set, drops the others from the
 * bounding set when CAP_SETPCAP allows it, and sets no_new_privs.
 * A capability in @keep that the process does not have stays absent.
 * 0, or -errno with *what naming the step that failed.
 */
int top_caps_drop(unsigned int keep, const char **what);

/* Whether CAP_SYS_ADMIN is in the effective set. */
bool top_caps_admin(void);

#endif
