/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * json-c helpers that remember the first failure in *ok, so builders can
 * add fields in a row and check once, in jb_finish().
 */
#ifndef CLKRG_JBUILD_H
#define CLKRG_JBUILD_H

#include <json-c/json.h>

#include "clkrg_internal.h"

void jb_add(json_object *o, const char *key, json_object *v, bool *ok);
void jb_u64(json_object *o, const char *key, uint64_t v, bool *ok);
void jb_i64(json_object *o, const char *key, int64_t v, bool *ok);
void jb_bool(json_object *o, const char *key, bool v, bool *ok);
void jb_str(json_object *o, const char *key, const char *s, bool *ok);
/* "0x..." so 64-bit values survive JSON readers that use doubles. */
void jb_hex(json_object *o, const char *key, uint64_t v, bool *ok);
/* A kernel string of at most @cap bytes, cleaned for display. */
void jb_kstr(json_object *o, const char *key, const uint8_t *s, size_t cap,
	     bool *ok);
void jb_uuid(json_object *o, const char *key, const uint8_t uuid[16],
	     bool *ok);
/* Appends @v to array @a. */
void jb_push(json_object *a, json_object *v, bool *ok);

/* Serialises @o compactly into @buf and releases it: length or -errno. */
int jb_finish(json_object *o, bool ok, char *buf, size_t len);

#endif
