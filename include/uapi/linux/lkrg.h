/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * clkrg: the /dev/lkrg ABI shared by the kernel module and userspace.
 *
 * Rules this header keeps (see README "ABI contract"):
 *  - fixed-width types only, no bitfields, no enums in structs;
 *  - every command struct starts with __u32 size, then __u32 flags; the
 *    size field, not the size encoded in the ioctl number, governs how much
 *    the module reads and writes (copy_struct_from_user semantics):
 *      size < *_SIZE_VER0            -> -EINVAL
 *      size > kernel's, tail nonzero -> -E2BIG, and the kernel's size is
 *                                       written back into ->size
 *      over 4096 bytes               -> -E2BIG, likewise
 *      otherwise the missing tail reads as zero and the module writes back
 *      min(size, kernel's) bytes, with ->size set to that count;
 *  - unknown flags or nonzero reserved fields -> -EINVAL;
 *  - unknown command number -> -ENOTTY; numbers are never reused;
 *  - the ioctl numbers below encode the size of the *first* version of each
 *    struct and never change.
 */
#ifndef _UAPI_LINUX_LKRG_H
#define _UAPI_LINUX_LKRG_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define LKRG_DEVICE_PATH	"/dev/lkrg"

/* Bumped only if the ABI breaks; new features never change it. */
#define LKRG_API_VERSION	1
/* Event record layout version; bumped when fields are appended. */
#define LKRG_SCHEMA_VERSION	1

/* 0xD7 is unused in Documentation/userspace-api/ioctl/ioctl-number.rst */
#define LKRG_IOC_MAGIC		0xD7

/*
 * Number ranges (_IOC_NR):
 *   0x00-0x0f  core: handshake, checks, baseline, modules, status, shutdown
 *   0x10-0x1f  policy (named knobs, allow-lists)
 *   0x20-0x2f  statistics
 *   0x30-0x3f  event stream control
 *   0x40-0x7f  reserved for guards (integrity, exploit detection)
 *   0x80-0xff  reserved, never assigned without an ABI review
 */
#define LKRG_IOC_NR_MAX		0xff

/* Returns LKRG_API_VERSION as the ioctl's return value. arg must be 0. */
#define LKRG_IOC_API_VERSION	_IO(LKRG_IOC_MAGIC, 0x00)

/* ---- handshake ---------------------------------------------------------- */

#define LKRG_FEAT_EVENTS		(1ULL << 0)  /* read()/poll() stream */
#define LKRG_FEAT_KINT_TEXT		(1ULL << 1)  /* kernel .text hashed */
#define LKRG_FEAT_KINT_RODATA		(1ULL << 2)  /* kernel .rodata hashed */
#define LKRG_FEAT_KINT_EXTABLE		(1ULL << 3)  /* exception table hashed */
#define LKRG_FEAT_BLOCK_MODULES		(1ULL << 4)
#define LKRG_FEAT_ADDRESSES		(1ULL << 5)  /* this reader sees addresses */
#define LKRG_FEAT_CPU_STATE		(1ULL << 6)  /* IDT, MSRs, CR0/CR4 bits */
#define LKRG_FEAT_MODULES		(1ULL << 7)  /* module text, lists, hooks */
#define LKRG_FEAT_PINT			(1ULL << 8)  /* task credentials shadowed */
#define LKRG_FEAT_PCFI			(1ULL << 9)  /* stack and return checks */
#define LKRG_FEAT_UMH			(1ULL << 10) /* usermode helper allow-list */
/* who may redirect kernel functions (ftrace, kprobes, BPF), owner allow-list */
#define LKRG_FEAT_REDIRECTS		(1ULL << 11)
/* notifier, LSM, packet, netfilter and syscall callbacks point into known code */
#define LKRG_FEAT_CALLBACKS		(1ULL << 12)

struct lkrg_hello {
	__u32 size;		/* in: sizeof(struct lkrg_hello) */
	__u32 flags;		/* in: must be 0 */
	__u32 api_version;	/* out: LKRG_API_VERSION */
	__u32 schema_version;	/* out: LKRG_SCHEMA_VERSION */
	__u64 features;		/* out: LKRG_FEAT_* */
	/* out: bit (nr % 64) of word (nr / 64) set when ioctl nr exists */
	__u64 ioctls[4];
	__u32 max_event_size;	/* out: largest record read() returns */
	__u32 reserved0;	/* must be 0 */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_HELLO_SIZE_VER0	96
#define LKRG_IOC_HELLO		_IOWR(LKRG_IOC_MAGIC, 0x01, __u8[LKRG_HELLO_SIZE_VER0])

/* ---- checks --------------------------------------------------------------- */

/* What started a check (struct lkrg_check.trigger, event detail). */
#define LKRG_TRIGGER_NONE	0
#define LKRG_TRIGGER_MANUAL	1	/* FORCE_RUN */
#define LKRG_TRIGGER_TIMER	2	/* periodic */
#define LKRG_TRIGGER_MODULE	3	/* module notifier */
#define LKRG_TRIGGER_LOAD	4	/* baseline at module load */
#define LKRG_TRIGGER_CPU	5	/* CPU hotplug */
/* random system events (kint_validate 3), each with its probability knob */
#define LKRG_TRIGGER_NETDEV	6
#define LKRG_TRIGGER_NETEVENT	7
#define LKRG_TRIGGER_INETADDR	8
#define LKRG_TRIGGER_INET6ADDR	9
#define LKRG_TRIGGER_CPUFREQ	10
#define LKRG_TRIGGER_USB	11
#define LKRG_TRIGGER_ACPI	12

struct lkrg_check {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u64 check_id;		/* out: id of the check that ran (>= 1) */
	__u64 start_ns;		/* out: CLOCK_MONOTONIC when it started */
	__u64 duration_ns;	/* out */
	__u64 regions;		/* out: regions checked */
	__u64 bytes;		/* out: bytes hashed */
	__u32 violations;	/* out: violations found by this check */
	__u32 trigger;		/* out: LKRG_TRIGGER_* of the check */
	__u64 generation;	/* out: baseline generation checked against */
	__u64 start_real_ns;	/* out: CLOCK_REALTIME when it started */
	__u64 tasks;		/* out: tasks verified against their shadow */
	__u64 tasks_ns;		/* out: time verifying them (part of duration) */
	__u64 reserved[1];	/* must be 0 */
};
#define LKRG_CHECK_SIZE_VER0	96
/*
 * Runs a full check and waits for it. The check always starts after the
 * call: if one is running, the caller waits for the single pending check
 * queued behind it. -EINTR if a signal arrives while waiting (the check
 * still runs). Needs CAP_SYS_ADMIN.
 */
#define LKRG_IOC_FORCE_RUN	_IOWR(LKRG_IOC_MAGIC, 0x02, __u8[LKRG_CHECK_SIZE_VER0])

/* ---- baseline ------------------------------------------------------------- */

#define LKRG_SCOPE_KTEXT	(1ULL << 0)
#define LKRG_SCOPE_RODATA	(1ULL << 1)
#define LKRG_SCOPE_EXTABLE	(1ULL << 2)
#define LKRG_SCOPE_CPU		(1ULL << 3)	/* per-CPU state */
#define LKRG_SCOPE_MODULES	(1ULL << 4)	/* module text and lists, hooks, callbacks */

struct lkrg_rebaseline {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u64 scope;		/* in: LKRG_SCOPE_* bits, 0 = everything */
	__u64 generation;	/* out: the new baseline generation */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_REBASELINE_SIZE_VER0	56
/* Accepts the current state as the new baseline. Needs CAP_SYS_ADMIN. */
#define LKRG_IOC_REBASELINE	_IOWR(LKRG_IOC_MAGIC, 0x03, __u8[LKRG_REBASELINE_SIZE_VER0])

/* ---- module-load blocking --------------------------------------------------- */

#define LKRG_BLOCK_OFF		0	/* modules load normally */
#define LKRG_BLOCK_ON		1	/* loads are refused */
#define LKRG_BLOCK_LOCK		2	/* refused, cannot be unset, no rmmod */

struct lkrg_block_modules {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u32 mode;		/* SET: in; GET: out. LKRG_BLOCK_* */
	__u32 reserved0;	/* must be 0 */
	__u64 refused;		/* out: loads refused since the module loaded */
	__u64 reserved[2];	/* must be 0 */
};
#define LKRG_BLOCK_MODULES_SIZE_VER0	40
#define LKRG_IOC_BLOCK_MODULES_GET	_IOWR(LKRG_IOC_MAGIC, 0x04, __u8[LKRG_BLOCK_MODULES_SIZE_VER0])
/* Needs CAP_SYS_ADMIN; lowering the mode from LKRG_BLOCK_LOCK is -EPERM. */
#define LKRG_IOC_BLOCK_MODULES_SET	_IOWR(LKRG_IOC_MAGIC, 0x05, __u8[LKRG_BLOCK_MODULES_SIZE_VER0])

/* ---- status --------------------------------------------------------------- */

struct lkrg_status {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u8  module_version[32];	/* out: NUL-terminated */
	__u32 api_version;	/* out */
	__u32 schema_version;	/* out */
	__u8  instance_uuid[16];	/* out: random per module load */
	__u64 generation;	/* out: baseline generation */
	__u64 loaded_real_ns;	/* out: CLOCK_REALTIME of module load */
	__u64 checks;		/* out: checks completed */
	__u64 last_check_id;	/* out: 0 = none yet */
	__u64 last_check_real_ns;	/* out */
	__u64 last_check_duration_ns;	/* out */
	__u32 last_check_violations;	/* out */
	__u32 block_modules;	/* out: LKRG_BLOCK_* */
	__u64 events_produced;	/* out: sequence number of the next event */
	__u64 events_oldest;	/* out: oldest retained sequence number */
	__u64 violations_total;	/* out: since load */
	__u32 shutting_down;	/* out: 1 after LKRG_IOC_SHUTDOWN */
	__u32 interval_s;	/* out: periodic check interval */
	__u64 events_suppressed;	/* out: dropped by the rate limit */
	__u64 objects;		/* out: live allocations of the module */
	__u64 tasks;		/* out: tasks with a shadow record */
	__u32 locked;		/* out: 1 once the policy is locked */
	__u32 reserved0;	/* must be 0 */
	__u64 reserved[2];	/* must be 0 */
};
#define LKRG_STATUS_SIZE_VER0	200
#define LKRG_IOC_GET_STATUS	_IOWR(LKRG_IOC_MAGIC, 0x06, __u8[LKRG_STATUS_SIZE_VER0])

/*
 * Prepares for unload: every reader gets the records left, then EOF; later
 * ioctls and opens fail with -ENODEV. arg must be 0. Needs CAP_SYS_ADMIN.
 * -EPERM once the policy is locked (knob "lock"), like REBASELINE and
 * UMH_ADD, and every knob change that weakens the guard.
 */
#define LKRG_IOC_SHUTDOWN	_IO(LKRG_IOC_MAGIC, 0x07)

/* ---- policy: named integer knobs ------------------------------------------ */

/* Enforcement levels. A knob lists the ones it accepts in knob.allowed. */
#define LKRG_ENFORCE_LOG_ACCEPT	0	/* log, then accept as new baseline */
#define LKRG_ENFORCE_LOG_ONLY	1	/* log on every check until fixed */
#define LKRG_ENFORCE_RESTORE	2	/* log and put the old value back */
#define LKRG_ENFORCE_KILL	3	/* deny the access and kill the task */
#define LKRG_ENFORCE_PANIC	4	/* log, then panic() */
#define LKRG_ENFORCE_DENY	5	/* log and refuse the operation */

/* kint_validate levels */
#define LKRG_VALIDATE_OFF	0	/* no integrity checks */
#define LKRG_VALIDATE_MANUAL	1	/* only FORCE_RUN and module events */
#define LKRG_VALIDATE_PERIODIC	2	/* + the periodic timer */
#define LKRG_VALIDATE_RANDOM	3	/* + random system events */

/* pint_validate levels: where task credentials are verified */
#define LKRG_PINT_OFF		0
#define LKRG_PINT_CURRENT	1	/* current task at each hook, all on checks */
#define LKRG_PINT_PARANOID	2	/* all tasks at every hook */

/* pcfi_validate levels */
#define LKRG_PCFI_OFF		0
#define LKRG_PCFI_SP		1	/* stack pointer inside the task stack */
#define LKRG_PCFI_FULL		2	/* + return address follows a call */

/* umh_validate levels */
#define LKRG_UMH_OFF		0
#define LKRG_UMH_ALLOWLIST	1	/* only listed helper paths run */
#define LKRG_UMH_BLOCK_ALL	2	/* no usermode helper runs */

#define LKRG_KNOB_NAME_LEN	32
#define LKRG_KNOB_DESC_LEN	96

#define LKRG_KNOB_F_ENUM	(1U << 0)	/* value must be a bit in allowed */
#define LKRG_KNOB_F_LOAD_ONLY	(1U << 1)	/* read-only at run time */
/*
 * Which way a change weakens the guard, for the policy lock (knob "lock"):
 * once locked, no knob may move the weak way (-EPERM). By default a lower
 * value is weaker; ENFORCE knobs rank log_accept < log_only < restore <
 * kill = deny < panic.
 */
#define LKRG_KNOB_F_HIGHER_WEAKER (1U << 2)	/* a higher value is weaker */
#define LKRG_KNOB_F_FROZEN	(1U << 3)	/* no change at all once locked */

/* Which names a knob's values have (struct lkrg_knob.names). */
#define LKRG_KNOB_NAMES_NONE		0	/* plain numbers */
#define LKRG_KNOB_NAMES_ENFORCE		1	/* LKRG_ENFORCE_* */
#define LKRG_KNOB_NAMES_BLOCK		2	/* LKRG_BLOCK_* */
#define LKRG_KNOB_NAMES_VALIDATE	3	/* LKRG_VALIDATE_* */
#define LKRG_KNOB_NAMES_PINT		4	/* LKRG_PINT_* */
#define LKRG_KNOB_NAMES_PCFI		5	/* LKRG_PCFI_* */
#define LKRG_KNOB_NAMES_UMH		6	/* LKRG_UMH_* */

struct lkrg_knob {
	__u8  name[LKRG_KNOB_NAME_LEN];	/* NUL-terminated */
	__s64 value;
	__s64 min;
	__s64 max;
	__u64 allowed;		/* ENUM knobs: bit v set when v is allowed */
	__u32 flags;		/* LKRG_KNOB_F_* */
	__u32 names;		/* LKRG_KNOB_NAMES_* */
	__u8  desc[LKRG_KNOB_DESC_LEN];	/* NUL-terminated, one line */
};
#define LKRG_KNOB_SIZE_VER0	168

struct lkrg_policy_get {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	/* in: entries the array holds; out: knobs the module has */
	__u32 count;
	__u32 knob_size;	/* in: stride of the array, >= VER0 */
	__u64 knobs;		/* in: user pointer, may be 0 when count is 0 */
	__u64 generation;	/* out: bumped by every POLICY_SET */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_POLICY_GET_SIZE_VER0	64
/*
 * Fills the array. count == 0 only asks for the number of knobs; a count
 * smaller than the number of knobs is -ENOSPC with ->count set; a stride
 * (knob_size) over 4096 is -E2BIG.
 */
#define LKRG_IOC_POLICY_GET	_IOWR(LKRG_IOC_MAGIC, 0x10, __u8[LKRG_POLICY_GET_SIZE_VER0])

struct lkrg_policy_set {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u8  name[LKRG_KNOB_NAME_LEN];	/* in: NUL-terminated */
	__s64 value;		/* in */
	__s64 old_value;	/* out */
	__u64 generation;	/* out */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_POLICY_SET_SIZE_VER0	96
/*
 * Sets one knob. -ENOENT unknown name, -ERANGE value outside min..max or not
 * allowed, -EPERM for a load-only knob or leaving LKRG_BLOCK_LOCK.
 * Needs CAP_SYS_ADMIN.
 */
#define LKRG_IOC_POLICY_SET	_IOWR(LKRG_IOC_MAGIC, 0x11, __u8[LKRG_POLICY_SET_SIZE_VER0])

/* ---- usermode helper allow-list ----------------------------------------- */

#define LKRG_UMH_PATH_LEN	256
#define LKRG_UMH_MAX		64	/* entries the list holds */

struct lkrg_umh_edit {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u8  path[LKRG_UMH_PATH_LEN];	/* in: absolute, NUL-terminated */
	__u32 count;		/* out: entries on the list afterwards */
	__u32 reserved0;	/* must be 0 */
	__u64 generation;	/* out: bumped by every change */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_UMH_EDIT_SIZE_VER0	312
/*
 * Adds a path: -EINVAL not absolute or not terminated, -EEXIST listed,
 * -ENOSPC list full. Deletes one: -ENOENT not listed. Both need
 * CAP_SYS_ADMIN and emit an admin event.
 */
#define LKRG_IOC_UMH_ADD	_IOWR(LKRG_IOC_MAGIC, 0x12, __u8[LKRG_UMH_EDIT_SIZE_VER0])
#define LKRG_IOC_UMH_DEL	_IOWR(LKRG_IOC_MAGIC, 0x13, __u8[LKRG_UMH_EDIT_SIZE_VER0])

struct lkrg_umh_entry {
	__u8  path[LKRG_UMH_PATH_LEN];	/* NUL-terminated */
	__u64 allowed;		/* helpers started from this path */
	__u64 reserved;
};
#define LKRG_UMH_ENTRY_SIZE_VER0	272

struct lkrg_umh_list {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	/* in: entries the array holds; out: entries on the list */
	__u32 count;
	__u32 entry_size;	/* in: stride of the array, >= VER0 */
	__u64 entries;		/* in: user pointer, may be 0 when count is 0 */
	__u64 generation;	/* out */
	__u64 refused;		/* out: helpers refused since load */
	__u64 reserved[3];	/* must be 0 */
};
#define LKRG_UMH_LIST_SIZE_VER0	64
/* Same array protocol as LKRG_IOC_POLICY_GET (count 0 asks, -ENOSPC). */
#define LKRG_IOC_UMH_LIST	_IOWR(LKRG_IOC_MAGIC, 0x14, __u8[LKRG_UMH_LIST_SIZE_VER0])

/* ---- owners allowed to redirect kernel functions ------------------------ */

/*
 * A hook that can redirect a kernel function (an ftrace_ops that declares
 * IPMODIFY or whose handler is a module's code, a direct call, a kprobe or
 * kretprobe with a module's handler, a BPF fmod_ret program) is a
 * violation unless its owner is allowed here. An owner is named
 *   NAME           a module on the module list (and in /sys/module)
 *   bpf:NAME       a BPF program (its name as bpftool shows it)
 *   kernel:SYMBOL  a handler of the core kernel (livepatch: kernel:klp_*)
 * and an entry may end in '*' to match a prefix ("kernel:klp_*"). NAME,
 * SYMBOL: letters, digits, '_', '.', '-'; "*" alone is refused. Hidden
 * modules and code of no module are reported whatever the list says.
 */
#define LKRG_HOOK_OWNER_LEN	64
#define LKRG_HOOK_ALLOW_MAX	64	/* entries the list holds */

struct lkrg_hook_allow_edit {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u8  owner[LKRG_HOOK_OWNER_LEN];	/* in: NUL-terminated */
	__u32 count;		/* out: entries on the list afterwards */
	__u32 reserved0;	/* must be 0 */
	__u64 generation;	/* out: bumped by every change */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_HOOK_ALLOW_EDIT_SIZE_VER0	120
/*
 * Allows an owner (-EINVAL malformed, -EEXIST listed, -ENOSPC full, -EPERM
 * once the policy is locked) or takes one off the list (DENY: -ENOENT not
 * listed). Both need CAP_SYS_ADMIN and emit an admin event.
 */
#define LKRG_IOC_HOOK_ALLOW	_IOWR(LKRG_IOC_MAGIC, 0x15, __u8[LKRG_HOOK_ALLOW_EDIT_SIZE_VER0])
#define LKRG_IOC_HOOK_DENY	_IOWR(LKRG_IOC_MAGIC, 0x16, __u8[LKRG_HOOK_ALLOW_EDIT_SIZE_VER0])

struct lkrg_hook_allow_entry {
	__u8  owner[LKRG_HOOK_OWNER_LEN];	/* NUL-terminated */
	__u64 allowed;		/* redirecting hooks it let pass, summed over checks */
	__u64 reserved;
};
#define LKRG_HOOK_ALLOW_ENTRY_SIZE_VER0	80

struct lkrg_hook_allow_list {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	/* in: entries the array holds; out: entries on the list */
	__u32 count;
	__u32 entry_size;	/* in: stride of the array, >= VER0 */
	__u64 entries;		/* in: user pointer, may be 0 when count is 0 */
	__u64 generation;	/* out */
	__u64 redirects;	/* out: redirecting hooks the last check found */
	__u64 callbacks;	/* out: callbacks the last check walked */
	__u64 reserved[2];	/* must be 0 */
};
#define LKRG_HOOK_ALLOW_LIST_SIZE_VER0	64
/* Same array protocol as LKRG_IOC_POLICY_GET (count 0 asks, -ENOSPC). */
#define LKRG_IOC_HOOK_ALLOW_LIST	_IOWR(LKRG_IOC_MAGIC, 0x17, __u8[LKRG_HOOK_ALLOW_LIST_SIZE_VER0])

/* ---- statistics -------------------------------------------------------------- */

#define LKRG_STATS_NAME_LEN	16

/* One row per trigger; fired == started + coalesced. */
struct lkrg_stats_row {
	__u8  name[LKRG_STATS_NAME_LEN];	/* "manual", "timer", ... */
	__u32 id;		/* LKRG_TRIGGER_* */
	__u32 reserved0;
	__u64 fired;		/* times the trigger asked for a check */
	__u64 started;		/* checks it started */
	__u64 coalesced;	/* requests folded into a pending check */
	__u64 violations;	/* found by the checks it started */
	__u64 last_fired_ns;	/* CLOCK_MONOTONIC, 0 = never */
	__u64 total_ns;		/* summed duration of its checks */
	__u64 max_ns;		/* longest of its checks */
	__u64 reserved[2];
};
#define LKRG_STATS_ROW_SIZE_VER0	96

struct lkrg_stats {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	/* in: rows the array holds; out: rows the module has */
	__u32 count;
	__u32 row_size;		/* in: stride of the array, >= VER0 */
	__u64 rows;		/* in: user pointer, may be 0 when count is 0 */
	__u64 reserved[4];	/* must be 0 */
};
#define LKRG_STATS_SIZE_VER0	56
/* Same array protocol as LKRG_IOC_POLICY_GET (count 0 asks, -ENOSPC). */
#define LKRG_IOC_STATS		_IOWR(LKRG_IOC_MAGIC, 0x20, __u8[LKRG_STATS_SIZE_VER0])

/* Kernel functions clkrg probes, one row each. */
#define LKRG_HOOK_NAME_LEN	48
#define LKRG_HOOK_ROLE_LEN	16

struct lkrg_hook_row {
	__u8  symbol[LKRG_HOOK_NAME_LEN];	/* probed kernel function */
	__u8  role[LKRG_HOOK_ROLE_LEN];	/* "access", "creds", "task", ... */
	__u64 hits;		/* times the probe ran */
	__u64 violations;	/* violations found there */
	__u64 denied;		/* calls made to fail there */
	__u32 active;		/* 1 registered, 0 not on this kernel */
	__u32 reserved0;
	__u64 reserved[2];
};
#define LKRG_HOOK_ROW_SIZE_VER0	112

/* Same array protocol as LKRG_IOC_STATS; struct lkrg_stats as argument. */
#define LKRG_IOC_HOOKS		_IOWR(LKRG_IOC_MAGIC, 0x21, __u8[LKRG_STATS_SIZE_VER0])

/* ---- event stream ----------------------------------------------------------- */

/*
 * read(): whole records, as many as fit; a buffer smaller than the next
 * record is -EINVAL (LKRG_EV_MAX_RECORD_SIZE from HELLO always fits).
 * Each open file has its own cursor, starting at the oldest retained
 * record. Blocking reads wait; O_NONBLOCK gives -EAGAIN; poll() reports
 * EPOLLIN. A reader that fell behind the ring gets one LKRG_EV_LOST record
 * naming the range it missed. After LKRG_IOC_SHUTDOWN readers get what is
 * left, then 0 (EOF), and poll() adds EPOLLHUP.
 * lseek(): SEEK_SET 0 to the oldest retained record, SEEK_SET N to
 * sequence number N (a LOST record first if N is gone; N past the newest
 * is -EINVAL), SEEK_END 0 after the newest, SEEK_CUR 0 returns the cursor.
 * Sequence numbers start at 1 per module load (status.instance_uuid).
 */

/* record types */
#define LKRG_EV_LOST		1	/* this reader missed a range */
#define LKRG_EV_VIOLATION	2	/* something changed that must not */
#define LKRG_EV_ADMIN		3	/* an admin changed the guard's state */
#define LKRG_EV_BLOCK		4	/* an operation was refused by policy */
#define LKRG_EV_INFO		5	/* lifecycle: loaded, baseline, clean */

/* header flags */
#define LKRG_EVF_SYNTHETIC	(1U << 0)	/* made for this reader, no seq */
#define LKRG_EVF_REDACTED	(1U << 1)	/* addresses hidden from reader */

struct lkrg_event_hdr {
	__u32 len;		/* whole record, multiple of 8 */
	__u16 type;		/* LKRG_EV_* */
	__u16 schema;		/* LKRG_SCHEMA_VERSION of the writer */
	__u64 seq;		/* 0 for synthetic records */
	__u64 mono_ns;		/* CLOCK_MONOTONIC */
	__u64 real_ns;		/* CLOCK_REALTIME */
	__u32 cpu;
	__u32 flags;		/* LKRG_EVF_* */
};
#define LKRG_EVENT_HDR_SIZE	40

/* severities */
#define LKRG_SEV_ALERT		0
#define LKRG_SEV_WARN		1
#define LKRG_SEV_NOTICE		2
#define LKRG_SEV_INFO		3

/* categories */
#define LKRG_CAT_KERNEL		1	/* kernel code and data integrity */
#define LKRG_CAT_MODULE		2	/* loadable modules */
#define LKRG_CAT_CPU		3	/* per-CPU state */
#define LKRG_CAT_TASK		4	/* task credentials and state */
#define LKRG_CAT_GUARD		5	/* clkrg itself: admin, lifecycle */

/* object kinds */
#define LKRG_OBJ_NONE		0
#define LKRG_OBJ_KTEXT		1	/* core kernel .text */
#define LKRG_OBJ_RODATA		2	/* core kernel .rodata */
#define LKRG_OBJ_EXTABLE	3	/* exception table */
#define LKRG_OBJ_IDT		4
#define LKRG_OBJ_MSR		5
#define LKRG_OBJ_CR		6	/* CR0/CR4 bits */
#define LKRG_OBJ_MODULE		7	/* one module */
#define LKRG_OBJ_MODULE_LIST	8
#define LKRG_OBJ_TASK_CRED	9
#define LKRG_OBJ_POLICY		10	/* a knob */
#define LKRG_OBJ_BASELINE	11
#define LKRG_OBJ_GUARD		12	/* the clkrg module */
#define LKRG_OBJ_CPUS		13	/* online/possible/present/active counts */
#define LKRG_OBJ_TASK_NS	14	/* a task's namespaces */
#define LKRG_OBJ_TASK_SECCOMP	15	/* a task's seccomp state */
#define LKRG_OBJ_TASK_STACK	16	/* stack pointer, return address (pCFI) */
#define LKRG_OBJ_UMH		17	/* a usermode helper */
#define LKRG_OBJ_SELINUX	18	/* SELinux enforcing state */
#define LKRG_OBJ_TASK_SHADOW	19	/* a task clkrg has no record of */
#define LKRG_OBJ_HOOK		20	/* a hook of clkrg, or what keeps it in */
#define LKRG_OBJ_PATCH_SITE	21	/* a text site the kernel patches */
#define LKRG_OBJ_SELF		22	/* clkrg's own code, data or baselines */
#define LKRG_OBJ_REDIRECT	23	/* a hook that can redirect a function */
#define LKRG_OBJ_CALLBACK	24	/* a kernel callback (notifier, LSM...) */

/* actions taken */
#define LKRG_ACT_NONE		0	/* informational */
#define LKRG_ACT_LOGGED		1	/* logged, baseline kept */
#define LKRG_ACT_ACCEPTED	2	/* logged, new state accepted */
#define LKRG_ACT_RESTORED	3
#define LKRG_ACT_BLOCKED	4	/* operation refused */
#define LKRG_ACT_KILLED		5
#define LKRG_ACT_PANIC		6
#define LKRG_ACT_CHANGED	7	/* admin change applied */
#define LKRG_ACT_DENIED		8	/* operation refused, task left alive */

#define LKRG_EV_VALUES		4
#define LKRG_EV_FIELD_LEN	24

struct lkrg_event_value {
	__u8  field[LKRG_EV_FIELD_LEN];	/* what differs, NUL-terminated */
	__u64 expected;
	__u64 actual;
};

#define LKRG_EV_NAME_LEN	64
#define LKRG_EV_LOCATION_LEN	128
#define LKRG_EV_COMM_LEN	16

/* Payload of VIOLATION, ADMIN, BLOCK and INFO records. */
struct lkrg_event_detail {
	__u32 size;		/* sizeof this payload as written */
	__u16 severity;		/* LKRG_SEV_* */
	__u16 category;		/* LKRG_CAT_* */
	__u16 object;		/* LKRG_OBJ_* */
	__u16 action;		/* LKRG_ACT_* */
	__u16 trigger;		/* LKRG_TRIGGER_* or 0 */
	__u16 nvalues;		/* valid entries in values[] */
	__u64 check_id;		/* 0 when not found by a check */
	__u64 generation;	/* baseline generation */
	__u8  instance_uuid[16];
	__u8  event_uuid[16];
	__s32 pid;		/* initial pid namespace; -1 = no task */
	__s32 tgid;
	__u32 uid;		/* initial user namespace */
	__u32 euid;
	__u32 ns_mnt;		/* namespace inode numbers, 0 unknown */
	__u32 ns_pid;
	__u32 ns_net;
	__u32 ns_user;
	__u8  comm[LKRG_EV_COMM_LEN];
	__u8  name[LKRG_EV_NAME_LEN];		/* object: ".text", module, knob */
	__u8  location[LKRG_EV_LOCATION_LEN];	/* "symbol+0x10/0x80" */
	__u64 address;		/* 0 when redacted or not applicable */
	__u64 length;		/* bytes covered at address/location */
	__u32 count;		/* e.g. blocks changed in the region */
	/* identical records dropped by the rate limit since the last one */
	__u32 suppressed;
	struct lkrg_event_value values[LKRG_EV_VALUES];
};
#define LKRG_EVENT_DETAIL_SIZE_VER0	488

/* Payload of LOST records: seq first..first+count-1 were overwritten. */
struct lkrg_event_lost {
	__u32 size;
	__u32 reserved0;
	__u64 first_seq;
	__u64 count;
};
#define LKRG_EVENT_LOST_SIZE_VER0	24

#endif /* _UAPI_LINUX_LKRG_H */
