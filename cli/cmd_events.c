// SPDX-License-Identifier: GPL-2.0
/* lkrg-cli events [--follow]: the retained history from the oldest record,
 * then (with --follow) live records until the stream ends. */
#include <errno.h>
#include <stdio.h>

#include "cli.h"

static int format(const struct cli_args *a, const struct lkrg_event_hdr *ev,
		  char *buf, size_t len)
{
	return a->json ? clkrg_event_to_json(ev, buf, len)
		       : clkrg_event_to_text(ev, buf, len);
}

int cmd_events(struct clkrg *c, const struct cli_args *a)
{
	const struct lkrg_event_hdr *ev;
	char buf[CLKRG_JSON_MAX];
	int ret, code = CLI_EXIT_OK;

	for (;;) {
		/* Without --follow, "nothing ready" means caught up. */
		ret = clkrg_event_next(c, a->follow ? -1 : 0, &ev);
		if (ret == 0)
			return code;
		if (ret == -ENODEV) {
			cli_note(a, "end of stream: clkrg was shut down");
			return code;
		}
		if (ret == 1)
			ret = format(a, ev, buf, sizeof(buf));
		if (ret == -EBADMSG) {
			/* Keep going: later records are still worth having. */
			cli_note(a, "skipped a malformed record");
			code = CLI_EXIT_ERROR;
			continue;
		}
		if (ret < 0)
			return cli_fail(a, ret, CLI_AT_COMMAND);
		puts(buf);
		if (a->follow)
			fflush(stdout);
	}
}
