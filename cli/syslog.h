/* SPDX-License-Identifier: GPL-2.0 */
/* events --format syslog: one RFC 5424 line per record. */
#ifndef LKRG_CLI_SYSLOG_H
#define LKRG_CLI_SYSLOG_H

#include <stddef.h>

#include <clkrg.h>

/* Facility authpriv (10): security messages that may hold addresses. */
#define CLI_SYSLOG_FACILITY	10
/* SD-ID "clkrg@32473": 32473 is the example enterprise number of RFC 5612
 * (clkrg has none of its own). */
#define CLI_SYSLOG_SDID		"clkrg@32473"

/*
 * <PRI>1 TIMESTAMP HOST clkrg - MSGID [clkrg@32473 k="v"...] TEXT
 * with TIMESTAMP in UTC to the microsecond, MSGID the record type in
 * capitals, TEXT the line of clkrg_event_to_text(). @host NULL or empty
 * is "-". Length without the NUL, -ENOSPC, or -EBADMSG.
 */
int cli_event_to_syslog(const struct lkrg_event_hdr *ev, const char *host,
			char *buf, size_t len);

#endif
