/* SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later */
/* Stable lower-case names of the ABI's enumerations (logs, JSON, CLI). */
#ifndef CLKRG_LKRG_NAMES_H
#define CLKRG_LKRG_NAMES_H

#include "core_compat.h"

/* Number of LKRG_TRIGGER_* values; grows with the ABI, so not in it. */
#define LKRG_TRIGGER_COUNT	13

const char *lkrg_name_type(unsigned int type);
const char *lkrg_name_severity(unsigned int sev);
const char *lkrg_name_category(unsigned int cat);
const char *lkrg_name_object(unsigned int obj);
const char *lkrg_name_action(unsigned int act);
const char *lkrg_name_trigger(unsigned int trig);
const char *lkrg_name_block_mode(unsigned int mode);
const char *lkrg_name_enforce(unsigned int level);
const char *lkrg_name_validate(unsigned int level);
const char *lkrg_name_pint(unsigned int level);
const char *lkrg_name_pcfi(unsigned int level);
const char *lkrg_name_umh(unsigned int level);

/* Upper-case words for the kernel-log line: "ALERT", "DETECT"... */
const char *lkrg_log_severity(unsigned int sev);
const char *lkrg_log_action(unsigned int act);

/* Reverse lookup of lkrg_name_block_mode(); -EINVAL when unknown. */
int lkrg_parse_block_mode(const char *s);

#endif
