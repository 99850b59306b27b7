// SPDX-License-Identifier: GPL-2.0
#include <linux/cred.h>
#include <linux/irq_work.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <linux/uuid.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <net/net_namespace.h>
#include "core/lkrg_names.h"
#include "core/ratelimit.h"
#include "services/knobs.h"
#include "services/events.h"

/*
 * Sequence numbers start at 1 (0 marks synthetic records). Record seq s
 * lives in slot (s - 1) % nslots until overwritten.
 */
#define RL_SLOTS	256

struct clkrg_ring {
	spinlock_t lock;	/* guards the slots and the rate limiter */
	u64 next_seq;
	unsigned int nslots;
	struct lkrg_event_record *slots;
	wait_queue_head_t wq;
	/* Wakes readers from any context, even under foreign locks. */
	struct irq_work wake;
	bool shutdown;
	u64 suppressed_total;
	struct lkrg_rl_slot rl[RL_SLOTS];
	/* Admin and info records are all kept; only their log lines repeat. */
	struct lkrg_rl_slot rl_log[RL_SLOTS];
	u8 instance[16];
	u64 loaded_ns;
};

/* Live allocations of this module, for leak tests (status.objects). */
static atomic64_t objects = ATOMIC64_INIT(0);

struct clkrg_reader {
	/* Serializes read() and lseek() on one open file. */
	struct mutex lock;
	u64 cursor;
	bool privileged;
	union {
		struct lkrg_event_record rec;
		u8 lost[LKRG_EV_LOST_RECORD_SIZE];
	} buf;
};

static struct clkrg_ring ring;

static void ring_wake(struct irq_work *w)
{
	wake_up_interruptible_all(&ring.wq);
}

int clkrg_events_init(unsigned int slots)
{
	ring.slots = vzalloc(array_size(slots, sizeof(*ring.slots)));
	if (!ring.slots)
		return -ENOMEM;
	spin_lock_init(&ring.lock);
	init_waitqueue_head(&ring.wq);
	init_irq_work(&ring.wake, ring_wake);
	ring.nslots = slots;
	ring.next_seq = 1;
	ring.shutdown = false;
	generate_random_uuid(ring.instance);
	ring.loaded_ns = ktime_get_real_ns();
	return 0;
}

void clkrg_events_exit(void)
{
	irq_work_sync(&ring.wake);
	vfree(ring.slots);
	ring.slots = NULL;
}

const u8 *clkrg_instance_uuid(void)
{
	return ring.instance;
}

u64 clkrg_instance_loaded_ns(void)
{
	return ring.loaded_ns;
}

u64 clkrg_ev_suppressed(void)
{
	unsigned long flags;
	u64 n;

	spin_lock_irqsave(&ring.lock, flags);
	n = ring.suppressed_total;
	spin_unlock_irqrestore(&ring.lock, flags);
	return n;
}

void clkrg_objects_add(long n)
{
	atomic64_add(n, &objects);
}

u64 clkrg_objects(void)
{
	return atomic64_read(&objects);
}

static u32 ns_inum_pid(struct task_struct *t)
{
	struct pid_namespace *ns = task_active_pid_ns(t);

	return ns ? ns->ns.inum : 0;
}

/*
 * @t's comm without task_lock, which get_task_comm() takes: a hook may
 * report @t while its lock is held (do_prlimit() checks capabilities under
 * the group leader's, ptrace_may_access() holds the target's). A rename
 * racing with the copy can mix two names, never run past the buffer.
 */
static void copy_comm(char *buf, const struct task_struct *t)
{
	unsigned int i;

	BUILD_BUG_ON(LKRG_EV_COMM_LEN != TASK_COMM_LEN);
	for (i = 0; i < TASK_COMM_LEN - 1; i++) {
		buf[i] = READ_ONCE(t->comm[i]);
		if (!buf[i])
			break;
	}
	memset(buf + i, 0, TASK_COMM_LEN - i);
}

static void fill_task(struct lkrg_event_detail *d, struct task_struct *t)
{
	const struct cred *cred;
	struct nsproxy *nsp;

	rcu_read_lock();
	cred = rcu_dereference(t->cred);
	d->pid = task_pid_nr(t);
	d->tgid = task_tgid_nr(t);
	d->uid = from_kuid_munged(&init_user_ns, cred->uid);
	d->euid = from_kuid_munged(&init_user_ns, cred->euid);
	d->ns_user = cred->user_ns->ns.inum;
	d->ns_pid = ns_inum_pid(t);
	rcu_read_unlock();
	/* Another task's nsproxy may be switched and freed under us. */
	if (t == current) {
		/* nsproxy is NULL once an exiting task dropped it. */
		nsp = t->nsproxy;
		if (nsp && nsp->net_ns)
			d->ns_net = nsp->net_ns->ns.inum;
	}
	copy_comm((char *)d->comm, t);
}

void clkrg_ev_set_task(struct lkrg_event_record *r, struct task_struct *t)
{
	fill_task(&r->d, t);
}

void clkrg_ev_prepare(struct lkrg_event_record *r, u16 type, u16 sev,
		      u16 cat, u16 obj, u16 act, bool with_task)
{
	lkrg_ev_init(r, type);
	r->d.severity = sev;
	r->d.category = cat;
	r->d.object = obj;
	r->d.action = act;
	if (with_task && !in_interrupt())
		fill_task(&r->d, current);
}

/* The kernel-log twin of an event: "clkrg: <SEV>: <ACTION>: ...". */
static void log_line(const struct lkrg_event_record *r)
{
	const struct lkrg_event_detail *d = &r->d;
	char line[320];
	int n, i;

	if (d->severity > clkrg_policy(KNOB_LOG_LEVEL))
		return;
	n = scnprintf(line, sizeof(line), "%s: %s: %s/%s %s",
		      lkrg_log_severity(d->severity),
		      lkrg_log_action(d->action),
		      lkrg_name_category(d->category),
		      lkrg_name_object(d->object), (const char *)d->name);
	if (d->location[0])
		n += scnprintf(line + n, sizeof(line) - n, " at %s",
			       (const char *)d->location);
	if (d->count)
		n += scnprintf(line + n, sizeof(line) - n, " count=%u",
			       d->count);
	if (d->suppressed)
		n += scnprintf(line + n, sizeof(line) - n, " suppressed=%u",
			       d->suppressed);
	if (d->check_id)
		n += scnprintf(line + n, sizeof(line) - n, " check=%llu",
			       d->check_id);
	/* Hash values mean nothing to a reader of the log; these do. */
	for (i = 0; (r->hdr.type == LKRG_EV_ADMIN ||
		     d->category == LKRG_CAT_TASK) && i < d->nvalues; i++)
		n += scnprintf(line + n, sizeof(line) - n, " %s=%lld->%lld",
			       (const char *)d->values[i].field,
			       (s64)d->values[i].expected,
			       (s64)d->values[i].actual);
	if (d->pid >= 0)
		n += scnprintf(line + n, sizeof(line) - n,
			       " pid=%d comm=%s uid=%u", d->pid,
			       (const char *)d->comm, d->uid);
	scnprintf(line + n, sizeof(line) - n, " seq=%llu", r->hdr.seq);

	switch (d->severity) {
	case LKRG_SEV_ALERT:
		pr_alert("clkrg: %s\n", line);
		break;
	case LKRG_SEV_WARN:
		pr_warn("clkrg: %s\n", line);
		break;
	case LKRG_SEV_NOTICE:
		pr_notice("clkrg: %s\n", line);
		break;
	default:
		pr_info("clkrg: %s\n", line);
	}
}

/* Violations and refusals repeat; admin and info records never do. */
static bool rate_limited_type(u16 type)
{
	return type == LKRG_EV_VIOLATION || type == LKRG_EV_BLOCK;
}

enum { EV_DROPPED, EV_LOGGED, EV_QUIET };

/*
 * Appends @r, rate-limited by @key: a violation or refusal past the limit
 * is dropped and counted (the next one that passes carries the count);
 * any other record is kept, and only its kernel-log line is left out.
 */
static int append(struct lkrg_event_record *r, u64 key)
{
	bool droppable = rate_limited_type(r->hdr.type);
	u64 now_ms = div_u64(r->hdr.mono_ns, NSEC_PER_MSEC);
	unsigned long flags;
	u32 evicted = 0;	/* already in suppressed_total */
	long carried;

	spin_lock_irqsave(&ring.lock, flags);
	carried = lkrg_rl_admit(droppable ? ring.rl : ring.rl_log, RL_SLOTS,
				key, now_ms,
				clkrg_policy(KNOB_RATELIMIT_INTERVAL) * MSEC_PER_SEC,
				clkrg_policy(KNOB_RATELIMIT_BURST),
				&evicted);
	/*
	 * An evicted slot's count was added to the total when its records were
	 * dropped; only the record that would have carried it loses it.
	 */
	if (droppable) {
		if (carried < 0) {
			ring.suppressed_total++;
			spin_unlock_irqrestore(&ring.lock, flags);
			return EV_DROPPED;
		}
		r->d.suppressed = carried;
	}
	r->hdr.seq = ring.next_seq;
	ring.slots[(r->hdr.seq - 1) % ring.nslots] = *r;
	/* Lockless readers of next_seq must see the slot written. */
	smp_store_release(&ring.next_seq, ring.next_seq + 1);
	spin_unlock_irqrestore(&ring.lock, flags);
	return carried < 0 ? EV_QUIET : EV_LOGGED;
}

void clkrg_ev_emit(struct lkrg_event_record *r)
{
	int ret;

	r->hdr.mono_ns = ktime_get_ns();
	r->hdr.real_ns = ktime_get_real_ns();
	r->hdr.cpu = raw_smp_processor_id();
	memcpy(r->d.instance_uuid, ring.instance, sizeof(ring.instance));
	get_random_bytes(r->d.event_uuid, sizeof(r->d.event_uuid));
	/* RFC 4122 version 4, variant 1 */
	r->d.event_uuid[6] = (r->d.event_uuid[6] & 0x0f) | 0x40;
	r->d.event_uuid[8] = (r->d.event_uuid[8] & 0x3f) | 0x80;

	ret = append(r, lkrg_rl_key(&r->hdr, &r->d));
	if (ret == EV_DROPPED)
		return;
	irq_work_queue(&ring.wake);
	/* The kernel-log line is limited with the record it mirrors. */
	if (ret == EV_LOGGED)
		log_line(r);
}

static u64 oldest_locked(void)
{
	return ring.next_seq > ring.nslots ? ring.next_seq - ring.nslots : 1;
}

u64 clkrg_ev_next_seq(void)
{
	/* Pairs with the release in clkrg_ev_emit(): the slot is written. */
	return smp_load_acquire(&ring.next_seq);
}

u64 clkrg_ev_oldest_seq(void)
{
	unsigned long flags;
	u64 seq;

	spin_lock_irqsave(&ring.lock, flags);
	seq = oldest_locked();
	spin_unlock_irqrestore(&ring.lock, flags);
	return seq;
}

void clkrg_events_shutdown(void)
{
	WRITE_ONCE(ring.shutdown, true);
	wake_up_interruptible_all(&ring.wq);
}

struct clkrg_reader *clkrg_reader_new(bool privileged)
{
	struct clkrg_reader *rd = kzalloc(sizeof(*rd), GFP_KERNEL);

	if (!rd)
		return NULL;
	clkrg_objects_add(1);
	mutex_init(&rd->lock);
	rd->privileged = privileged;
	rd->cursor = clkrg_ev_oldest_seq();
	return rd;
}

void clkrg_reader_free(struct clkrg_reader *rd)
{
	if (!rd)
		return;
	clkrg_objects_add(-1);
	kfree(rd);
}

/*
 * Copies the reader's next record into its buffer. Returns the record
 * length and the cursor value to commit once the copy to user space
 * succeeded, or 0 when the reader is caught up.
 */
static size_t reader_next(struct clkrg_reader *rd, u64 *new_cursor)
{
	unsigned long flags;
	size_t len = 0;
	u64 oldest;

	spin_lock_irqsave(&ring.lock, flags);
	oldest = oldest_locked();
	if (rd->cursor < oldest) {
		len = lkrg_ev_make_lost(rd->buf.lost, rd->cursor,
					oldest - rd->cursor, ktime_get_ns(),
					ktime_get_real_ns(),
					raw_smp_processor_id());
		*new_cursor = oldest;
	} else if (rd->cursor < ring.next_seq) {
		rd->buf.rec = ring.slots[(rd->cursor - 1) % ring.nslots];
		len = rd->buf.rec.hdr.len;
		*new_cursor = rd->cursor + 1;
	}
	spin_unlock_irqrestore(&ring.lock, flags);

	if (len && rd->buf.rec.hdr.type != LKRG_EV_LOST &&
	    !clkrg_reader_sees_addresses(rd))
		lkrg_ev_redact(&rd->buf.rec);
	return len;
}

static bool reader_ready(struct clkrg_reader *rd)
{
	return rd->cursor < clkrg_ev_next_seq() || READ_ONCE(ring.shutdown);
}

/* Copies whole records while they fit; 0 when none is waiting. */
static ssize_t drain(struct clkrg_reader *rd, char __user *buf, size_t count)
{
	size_t copied = 0, len;
	u64 next;

	while ((len = reader_next(rd, &next))) {
		if (len > count - copied)
			/* Records are never split. */
			return copied ? copied : -EINVAL;
		if (copy_to_user(buf + copied, &rd->buf, len))
			return copied ? copied : -EFAULT;
		copied += len;
		rd->cursor = next;
	}
	return copied;
}

ssize_t clkrg_reader_read(struct clkrg_reader *rd, char __user *buf,
			  size_t count, bool nonblock)
{
	ssize_t ret;

	for (;;) {
		mutex_lock(&rd->lock);
		ret = drain(rd, buf, count);
		mutex_unlock(&rd->lock);
		if (ret)
			return ret;
		if (READ_ONCE(ring.shutdown))
			return 0;
		if (nonblock)
			return -EAGAIN;
		ret = wait_event_interruptible(ring.wq, reader_ready(rd));
		if (ret)
			return ret;
	}
}

bool clkrg_reader_sees_addresses(const struct clkrg_reader *rd)
{
	return rd->privileged || clkrg_policy(KNOB_EXPOSE_ADDRESSES);
}

loff_t clkrg_reader_seek(struct clkrg_reader *rd, loff_t offset, int whence)
{
	unsigned long flags;
	loff_t ret = -EINVAL;

	mutex_lock(&rd->lock);
	spin_lock_irqsave(&ring.lock, flags);
	switch (whence) {
	case SEEK_SET:
		/* 0: the oldest record kept; N: record N, or a lost range. */
		if (offset == 0) {
			rd->cursor = oldest_locked();
			ret = rd->cursor;
		} else if (offset > 0 && offset <= ring.next_seq) {
			rd->cursor = offset;
			ret = offset;
		}
		break;
	case SEEK_END:
		if (offset == 0) {
			rd->cursor = ring.next_seq;
			ret = rd->cursor;
		}
		break;
	case SEEK_CUR:
		/* Only "where am I", for checkpoints. */
		if (offset == 0)
			ret = rd->cursor;
		break;
	}
	spin_unlock_irqrestore(&ring.lock, flags);
	mutex_unlock(&rd->lock);
	return ret;
}

__poll_t clkrg_reader_poll(struct clkrg_reader *rd, struct file *file,
			   poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &ring.wq, wait);
	if (rd->cursor < clkrg_ev_next_seq() ||
	    rd->cursor < clkrg_ev_oldest_seq())
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(ring.shutdown))
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLHUP;
	return mask;
}
