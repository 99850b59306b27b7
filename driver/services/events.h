/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event stream: a preallocated ring that producers in any context
 * (except NMI) append to without sleeping or allocating, and readers with
 * their own cursors (as /dev/kmsg). Every event is also one kernel-log line.
 * The knobs log_level, ratelimit_interval, ratelimit_burst and
 * expose_addresses are read where they apply.
 */
#ifndef CLKRG_EVENTS_H
#define CLKRG_EVENTS_H

#include <linux/types.h>
#include <linux/poll.h>
#include "core/event_codec.h"

struct clkrg_reader;

int clkrg_events_init(unsigned int slots);
void clkrg_events_exit(void);

/* Instance UUID of this load, stamped into every event. */
const u8 *clkrg_instance_uuid(void);
/* CLOCK_REALTIME when this instance started. */
u64 clkrg_instance_loaded_ns(void);

/*
 * Prepares @r for @type with severity/category/object/action set and the
 * current task's identity filled in when @with_task.
 */
void clkrg_ev_prepare(struct lkrg_event_record *r, u16 type, u16 sev,
		      u16 cat, u16 obj, u16 act, bool with_task);

/* Identity of @t instead of current (a task found by a check). */
void clkrg_ev_set_task(struct lkrg_event_record *r, struct task_struct *t);

/* Stamps seq, time, cpu and UUIDs, appends @r and logs it. */
void clkrg_ev_emit(struct lkrg_event_record *r);

/* Records dropped by the rate limit since load. */
u64 clkrg_ev_suppressed(void);

/* Live allocations owned by clkrg (readers, ...), for leak tests. */
u64 clkrg_objects(void);
void clkrg_objects_add(long n);

u64 clkrg_ev_next_seq(void);
u64 clkrg_ev_oldest_seq(void);

/* After this, readers drain what is left, then get EOF. */
void clkrg_events_shutdown(void);

struct clkrg_reader *clkrg_reader_new(bool privileged);
void clkrg_reader_free(struct clkrg_reader *rd);
ssize_t clkrg_reader_read(struct clkrg_reader *rd, char __user *buf,
			  size_t count, bool nonblock);
/*
 * SEEK_SET 0: oldest retained; SEEK_SET N: sequence number N (a lost range
 * first if N is gone); SEEK_END 0: after the newest; SEEK_CUR 0: tell.
 * Returns the new cursor or -EINVAL.
 */
/* Whether records read through @rd keep their kernel addresses. */
bool clkrg_reader_sees_addresses(const struct clkrg_reader *rd);

loff_t clkrg_reader_seek(struct clkrg_reader *rd, loff_t offset, int whence);
__poll_t clkrg_reader_poll(struct clkrg_reader *rd, struct file *file,
			   poll_table *wait);

#endif
