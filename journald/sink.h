/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the entries go: the systemd journal (sd_journal_sendv), or a file
 * in the journal export format (one "KEY=value" line per field, a blank
 * line after each entry), the stand-in where there is no journald.
 */
#ifndef CLKRG_JOURNALD_SINK_H
#define CLKRG_JOURNALD_SINK_H

#include "fields.h"

struct sink;

/* @path NULL: the journal. 0 or -errno. */
int sink_open(const char *path, struct sink **out);
/* 0 or -errno. */
int sink_write(struct sink *s, const struct jfields *f);
/* What was written is durable (file: fsync): 0 or -errno. */
int sink_sync(struct sink *s);
void sink_close(struct sink *s);

#endif
