// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "jbuild.h"

void jb_add(json_object *o, const char *key, json_object *v, bool *ok)
{
	/* Keys are literals: no copy, and never added twice. */
	if (!o || !v || json_object_object_add_ex(o, key, v,
			JSON_C_OBJECT_ADD_CONSTANT_KEY |
			JSON_C_OBJECT_ADD_KEY_IS_NEW)) {
		json_object_put(v);
		*ok = false;
	}
}

void jb_u64(json_object *o, const char *key, uint64_t v, bool *ok)
{
	jb_add(o, key, json_object_new_uint64(v), ok);
}

void jb_i64(json_object *o, const char *key, int64_t v, bool *ok)
{
	jb_add(o, key, json_object_new_int64(v), ok);
}

void jb_bool(json_object *o, const char *key, bool v, bool *ok)
{
	jb_add(o, key, json_object_new_boolean(v), ok);
}

void jb_str(json_object *o, const char *key, const char *s, bool *ok)
{
	jb_add(o, key, json_object_new_string(s), ok);
}

void jb_hex(json_object *o, const char *key, uint64_t v, bool *ok)
{
	char s[19];

	snprintf(s, sizeof(s), "0x%" PRIx64, v);
	jb_str(o, key, s, ok);
}

void jb_kstr(json_object *o, const char *key, const uint8_t *s, size_t cap,
	     bool *ok)
{
	char clean[KSTR_MAX + 1];

	if (cap >= sizeof(clean))
		cap = sizeof(clean) - 1;
	clkrg__clean_str(clean, s, cap);
	jb_str(o, key, clean, ok);
}

void jb_uuid(json_object *o, const char *key, const uint8_t uuid[16],
	     bool *ok)
{
	char s[CLKRG_UUID_STR_LEN];

	clkrg_uuid_format(uuid, s);
	jb_str(o, key, s, ok);
}

void jb_push(json_object *a, json_object *v, bool *ok)
{
	if (!a || !v || json_object_array_add(a, v)) {
		json_object_put(v);
		*ok = false;
	}
}

int jb_finish(json_object *o, bool ok, char *buf, size_t len)
{
	const char *s = NULL;
	size_t n = 0;
	int ret;

	if (o && ok)
		s = json_object_to_json_string_ext(o,
				JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE);
	if (s)
		n = strlen(s);
	if (!s)
		ret = -ENOMEM;
	else if (!buf || n >= len)
		ret = -ENOSPC;
	else
		ret = (int)n;
	if (ret >= 0)
		memcpy(buf, s, n + 1);
	json_object_put(o);
	return ret;
}
