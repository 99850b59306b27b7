/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events --new: where the last run stopped, as "<instance-uuid> <next-seq>"
 * in a small file. Sequence numbers restart with every module load, so
 * the cursor only applies to the instance that wrote it.
 */
#ifndef LKRG_CLI_CURSOR_H
#define LKRG_CLI_CURSOR_H

#include <stddef.h>
#include <stdint.h>

struct cli_cursor {
	uint8_t instance[16];
	uint64_t next;		/* the first sequence number not printed */
};

/* The file: @given, else $XDG_STATE_HOME/lkrg-cli/events.cursor, else
 * $HOME/.local/state/lkrg-cli/events.cursor. -ENOENT without either. */
int cli_cursor_path(const char *given, char *buf, size_t len);
/* Text form, one line. */
int cli_cursor_parse(const char *text, struct cli_cursor *c);
int cli_cursor_format(const struct cli_cursor *c, char *buf, size_t len);
/* 0; -ENOENT when there is no file yet; -EBADMSG; -errno. */
int cli_cursor_load(const char *path, struct cli_cursor *c);
/* Replaces the file atomically (a temp file renamed over it), creating
 * its directory (0700) when missing. 0 or -errno. */
int cli_cursor_save(const char *path, const struct cli_cursor *c);

#endif
