/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stand-in for the module behind one temp file, as the ABI header
 * describes it: ioctls with copy_struct_from_user semantics (the caller's
 * size in, min(caller's, module's) written back with ->size set), the
 * array protocol, and the event stream (read() of whole records, lseek()
 * by sequence number, a LOST record for a reader that fell behind). The
 * per-file cursor lives in the temp file's real offset; it starts at the
 * oldest record kept when the handshake (LKRG_IOC_API_VERSION) comes, as
 * the module's starts at open().
 *
 * It plays an older module when told smaller sizes (ksize[], row_size[],
 * detail_size): then it knows, writes back and sends only that much.
 * No Check in here: fake_dev.c (the unit binary, -Wl,--wrap) and
 * fake_preload.c (an LD_PRELOAD library for programs and Python) wrap it.
 */
#ifndef CLKRG_FAKE_MOD_H
#define CLKRG_FAKE_MOD_H

#include <sys/types.h>

#include "samples.h"

#define FAKE_KNOBS_MAX	8
#define FAKE_ROWS_MAX	8	/* stats and hook rows */
#define FAKE_RING_MAX	32	/* event slots */

struct fake_dev {
	char path[64];
	int api_version;		/* LKRG_IOC_API_VERSION's answer */
	__u32 hello_api;		/* hello.api_version */
	unsigned long fail_req;		/* this request fails with... */
	int fail_errno;			/* ...this errno */
	/* The module's structure sizes by ioctl number, 0: as compiled. */
	__u32 ksize[LKRG_IOC_NR_MAX + 1];
	/* The size of the rows it writes by ioctl number, 0: as compiled. */
	__u32 row_size[LKRG_IOC_NR_MAX + 1];
	__u32 detail_size;		/* event payloads it sends, likewise */
	struct lkrg_knob knobs[FAKE_KNOBS_MAX];
	__u32 nknobs;
	bool grow_once;			/* a knob appears during a listing */
	__u32 nstats;			/* rows LKRG_IOC_STATS has */
	__u32 nhooks;			/* rows LKRG_IOC_HOOKS has */
	/* The usermode helper allow-list, as the module keeps it. */
	__u8 umh[LKRG_UMH_MAX][LKRG_UMH_PATH_LEN];
	__u32 numh;
	__u64 umh_generation;
	__u64 umh_refused;
	bool umh_grow_once;		/* a path is added during a listing */
	/* The hook owner allow-list, likewise. */
	__u8 howner[LKRG_HOOK_ALLOW_MAX][LKRG_HOOK_OWNER_LEN];
	__u32 nhowner;
	__u64 howner_generation;
	bool howner_locked;		/* the policy lock: allowing is EPERM */
	__u32 block_mode;
	__u64 last_scope;
	__u64 generation;		/* baseline generation */
	__u32 violations;		/* what FORCE_RUN finds */
	__u64 checks;
	__u8 instance[16];
	__u32 calls;
	__u32 last_usize;		/* the size the last struct came with */
	__u32 last_stride;		/* the stride of the last array */
	/* The event ring: records seq 1..next_seq-1, the last ring_slots of
	 * them kept. */
	_Alignas(8) unsigned char ring[FAKE_RING_MAX]
				      [sizeof(struct lkrg_event_record)];
	__u32 ring_slots;
	__u64 next_seq;
	bool shut_down;			/* readers get EOF when caught up */
	pid_t owner;			/* the process that made the file */
};

extern struct fake_dev fake;

/* The real lseek() (the glue sets it): the cursor is the file offset. */
extern off_t (*fake_real_lseek)(int fd, off_t off, int whence);

/* Creates the file and a module with kint_enforce and interval, 3 stats
 * rows, 2 hooks, an empty allow-list and 16 event slots. 0 or -errno. */
int fake_create(void);
void fake_destroy(void);
/* Whether @fd is the fake device. */
bool fake_is(int fd);

/* The module's side of ioctl(), read() and lseek() on the fake device:
 * a result, or a negative errno. */
int fake_ioctl(int fd, unsigned long req, void *arg);
ssize_t fake_read(int fd, void *buf, size_t len);
off_t fake_lseek(int fd, off_t off, int whence);

/* Appends a detail record (detail_size bytes of payload) and returns its
 * sequence number. */
__u64 fake_emit(__u16 type, __u16 severity, __u16 object, const char *name);

#endif
