/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One clkrg event as one journal entry: "KEY=value" fields with the
 * record's sequence number, type, severity, object, task, location and
 * expected/actual values (CLKRG_*), the text line as MESSAGE and the whole
 * record as CLKRG_JSON. Pure: the journal and the file sink write the
 * same fields.
 */
#ifndef CLKRG_JOURNALD_FIELDS_H
#define CLKRG_JOURNALD_FIELDS_H

#include <stddef.h>
#include <sys/uio.h>

#include <clkrg.h>

#define JF_MAX		96	/* fields of one entry */
#define JF_BUF		(3 * CLKRG_JSON_MAX)

/* MESSAGE_ID of each kind of entry (journalctl MESSAGE_ID=...). */
#define JF_ID_VIOLATION	"b18d997b8ef1477f8d5c6e508d560fbb"
#define JF_ID_ADMIN	"8902cf47ba7d4e96852aded335701298"
#define JF_ID_BLOCK	"c46bf3fa59b64d0ab5ac81e96e811081"
#define JF_ID_INFO	"63e5eed3df954f3dabc9701fd52ddd25"
#define JF_ID_LOST	"2d8556bb8d0f432ebf1bd4e38f2e8501"
#define JF_ID_NOTE	"f753399d6df742eba583d61bfe067b3c"

struct jfields {
	unsigned int n;
	struct iovec iov[JF_MAX];	/* "KEY=value", no newline, no NUL */
	size_t used;
	char buf[JF_BUF];
};

/* The entry for record @ev: 0, -EBADMSG (bad payload) or -ENOSPC. */
int jfields_event(struct jfields *f, const struct lkrg_event_hdr *ev);

/* An entry of the writer's own (CLKRG_TYPE=note), syslog @priority. */
int jfields_note(struct jfields *f, int priority, const char *message);

/* The value of field @key in @f, or NULL (for tests and the file sink). */
const char *jfields_get(const struct jfields *f, const char *key,
			size_t *len);

#endif
