// SPDX-License-Identifier: GPL-2.0
/* --replay: every JSON line back into a record, then into the model as if
 * it had been read from the device. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

long top_replay_load(struct top_model *m, FILE *f, const char *name)
{
	unsigned char rec[CLKRG_EVENT_MAX];
	char *line = NULL;
	size_t cap = 0;
	long added = 0;
	ssize_t n;
	int ret = 0;

	m->conn = TOP_CONN_REPLAY;
	snprintf(m->conn_note, sizeof(m->conn_note), "%s", name);
	errno = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (!line[strspn(line, " \t\r\n")])
			continue;
		ret = clkrg_event_from_json(line, rec, sizeof(rec));
		if (ret > 0)
			ret = top_model_add_event(m, (const void *)rec);
		if (ret == -ENOMEM)
			break;
		if (ret < 0)
			m->replay_skipped++;
		else
			added++;
	}
	free(line);
	if (ret == -ENOMEM)
		return -ENOMEM;
	return ferror(f) ? -(errno ? errno : EIO) : added;
}
