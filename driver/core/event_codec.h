/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/*
 * Building and decoding /dev/lkrg event records. The module builds records
 * with these helpers; libclkrg decodes read() buffers with the same code.
 */
#ifndef CLKRG_EVENT_CODEC_H
#define CLKRG_EVENT_CODEC_H

#include "core_compat.h"

/* A detail record as the current writer lays it out. */
struct lkrg_event_record {
	struct lkrg_event_hdr hdr;
	struct lkrg_event_detail d;
};

#define LKRG_EV_DETAIL_RECORD_SIZE	(sizeof(struct lkrg_event_record))
#define LKRG_EV_LOST_RECORD_SIZE \
	(sizeof(struct lkrg_event_hdr) + sizeof(struct lkrg_event_lost))
/* Largest record read() can return. */
#define LKRG_EV_MAX_RECORD_SIZE		LKRG_EV_DETAIL_RECORD_SIZE

/* Zeroes @r and fills the fixed header fields for @type. */
void lkrg_ev_init(struct lkrg_event_record *r, __u16 type);

/* Bounded copy that always NUL-terminates (and zero-fills) @dst. */
void lkrg_ev_set_str(__u8 *dst, size_t cap, const char *src);

/* Appends one expected/actual pair; -ENOSPC when values[] is full. */
int lkrg_ev_add_value(struct lkrg_event_detail *d, const char *field,
		      __u64 expected, __u64 actual);

/* Builds a synthetic LOST record into @buf (LKRG_EV_LOST_RECORD_SIZE). */
size_t lkrg_ev_make_lost(void *buf, __u64 first_seq, __u64 count,
			 __u64 mono_ns, __u64 real_ns, __u32 cpu);

/* Hides the kernel address, if any, from an unprivileged reader. */
void lkrg_ev_redact(struct lkrg_event_record *r);

/*
 * Validates the record at the start of @buf (@avail bytes): header present,
 * length a multiple of 8, inside @avail, payload size inside the record.
 * Returns the record length, or -EINVAL (malformed) / -EMSGSIZE (truncated).
 */
long lkrg_ev_check(const void *buf, size_t avail);

/*
 * Copies the detail payload of a checked record into @out, zero-filling
 * fields a smaller (older) writer did not send. -EINVAL if @h has no
 * detail payload.
 */
int lkrg_ev_get_detail(const struct lkrg_event_hdr *h,
		       struct lkrg_event_detail *out);

/* Same for LOST records. */
int lkrg_ev_get_lost(const struct lkrg_event_hdr *h,
		     struct lkrg_event_lost *out);

/* True for the types that carry struct lkrg_event_detail. */
bool lkrg_ev_has_detail(unsigned int type);

#endif
