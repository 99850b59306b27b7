/* SPDX-License-Identifier: GPL-2.0 */
/* tests/unit/compat: clkrg.h as it was at CLKRG_1.2, before the sized calls,
 * unchanged, for building the program that stands for one built then. */
/*
 * libclkrg: userspace access to the clkrg runtime guard through /dev/lkrg.
 *
 * Conventions (see libclkrg(3)):
 *  - int functions return 0 (or a count) on success and a negative errno on
 *    failure; nothing prints and nothing exits;
 *  - a handle is not locked: use one handle per thread, or lock around it;
 *  - strings that come from the kernel are shown with bytes outside
 *    printable ASCII replaced by '?', so output is safe for terminals.
 */
#ifndef CLKRG_H
#define CLKRG_H

#include <errno.h>	/* results are compared with -Exxx */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/lkrg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CLKRG_API	__attribute__((visibility("default")))

#define CLKRG_VERSION		"0.1.0"

#define CLKRG_UUID_STR_LEN	37	/* 36 characters and the NUL */
#define CLKRG_TIME_STR_LEN	32	/* "2026-11-26T10:00:00.123Z" */
#define CLKRG_JSON_MAX		4096	/* fits any *_to_json() object */
#define CLKRG_TEXT_MAX		1024	/* fits any *_to_text() line */

struct clkrg;

/* ---- handle ------------------------------------------------------------- */

/* Opens @devnode (NULL: LKRG_DEVICE_PATH), checks the API version (-EPROTO
 * on mismatch) and caches HELLO. Read-only access is used when read-write is
 * denied. */
CLKRG_API int clkrg_open(const char *devnode, struct clkrg **out);
CLKRG_API void clkrg_close(struct clkrg *c);
CLKRG_API int clkrg_fd(const struct clkrg *c);
CLKRG_API const struct lkrg_hello *clkrg_hello_info(const struct clkrg *c);
/* True when the module implements ioctl number @nr (_IOC_NR). */
CLKRG_API bool clkrg_has_ioctl(const struct clkrg *c, unsigned int nr);

/* ---- commands: one per ioctl ------------------------------------------- */

CLKRG_API int clkrg_force_run(struct clkrg *c, struct lkrg_check *out);
/* @scope: LKRG_SCOPE_* bits, 0 = everything. @generation may be NULL. */
CLKRG_API int clkrg_rebaseline(struct clkrg *c, uint64_t scope,
			       uint64_t *generation);
/* Either output may be NULL. */
CLKRG_API int clkrg_block_modules_get(struct clkrg *c, uint32_t *mode,
				      uint64_t *refused);
CLKRG_API int clkrg_block_modules_set(struct clkrg *c, uint32_t mode);
CLKRG_API int clkrg_status(struct clkrg *c, struct lkrg_status *out);
CLKRG_API int clkrg_shutdown(struct clkrg *c);

/* Every knob; *knobs is allocated, release it with clkrg_knobs_free(). */
CLKRG_API int clkrg_policy_list(struct clkrg *c, struct lkrg_knob **knobs,
				size_t *count);
CLKRG_API void clkrg_knobs_free(struct lkrg_knob *knobs);
/* -ENOENT when the module has no knob @name. */
CLKRG_API int clkrg_policy_get(struct clkrg *c, const char *name,
			       int64_t *value);
/* @old may be NULL. */
CLKRG_API int clkrg_policy_set(struct clkrg *c, const char *name,
			       int64_t value, int64_t *old);

/* Check counters, one row per trigger; free with clkrg_stats_free(). */
CLKRG_API int clkrg_stats(struct clkrg *c, struct lkrg_stats_row **rows,
			  size_t *count);
CLKRG_API void clkrg_stats_free(struct lkrg_stats_row *rows);

/* Kernel functions the module probes, one row each; free with
 * clkrg_hooks_free(). (Since CLKRG_1.1.) */
CLKRG_API int clkrg_hooks(struct clkrg *c, struct lkrg_hook_row **rows,
			  size_t *count);
CLKRG_API void clkrg_hooks_free(struct lkrg_hook_row *rows);

/*
 * The usermode helper allow-list (since CLKRG_1.1). Listing allocates
 * *entries, release it with clkrg_umh_free(); @generation and @refused (the
 * helpers refused since load) may be NULL. Adding and deleting need
 * CAP_SYS_ADMIN; @path must be absolute, not "/" alone, and shorter
 * than LKRG_UMH_PATH_LEN (-EINVAL before any ioctl); -EEXIST already listed,
 * -ENOSPC list full (LKRG_UMH_MAX), -ENOENT (delete) not listed. @count
 * (entries afterwards) and @generation may be NULL.
 */
CLKRG_API int clkrg_umh_list(struct clkrg *c, struct lkrg_umh_entry **entries,
			     size_t *count, uint64_t *generation,
			     uint64_t *refused);
CLKRG_API void clkrg_umh_free(struct lkrg_umh_entry *entries);
CLKRG_API int clkrg_umh_add(struct clkrg *c, const char *path,
			    uint32_t *count, uint64_t *generation);
CLKRG_API int clkrg_umh_del(struct clkrg *c, const char *path,
			    uint32_t *count, uint64_t *generation);

/* ---- event stream ------------------------------------------------------- */

/*
 * Next whole record: 1 and *ev set (valid until the next call on @c), 0 on
 * timeout (@timeout_ms 0 = do not wait, -1 = wait forever), -ENODEV at end
 * of stream (after LKRG_IOC_SHUTDOWN), -EBADMSG for a malformed record (the
 * rest of that read is dropped; the next call reads on).
 */
CLKRG_API int clkrg_event_next(struct clkrg *c, int timeout_ms,
			       const struct lkrg_event_hdr **ev);
/* Moves the stream cursor and drops buffered records: @seq 0 = the oldest
 * retained record, CLKRG_SEQ_END = only records made from now on. Use this,
 * never lseek() on clkrg_fd(), while reading with clkrg_event_next(). */
#define CLKRG_SEQ_END	UINT64_MAX
CLKRG_API int clkrg_event_seek(struct clkrg *c, uint64_t seq);
/* Payload of VIOLATION/ADMIN/BLOCK/INFO records, fields an older writer did
 * not send read as zero; -EINVAL for other types or a bad payload. */
CLKRG_API int clkrg_event_detail(const struct lkrg_event_hdr *ev,
				 struct lkrg_event_detail *out);
CLKRG_API int clkrg_event_lost(const struct lkrg_event_hdr *ev,
			       struct lkrg_event_lost *out);

/* ---- formatting: the same output for every tool ---------------------- */

/* One compact JSON object without newline; length, or -ENOSPC when @len
 * is too small (CLKRG_JSON_MAX always fits), -EBADMSG for a bad payload. */
CLKRG_API int clkrg_event_to_json(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len);
CLKRG_API int clkrg_status_to_json(const struct lkrg_status *st, char *buf,
				   size_t len);
CLKRG_API int clkrg_check_to_json(const struct lkrg_check *ck, char *buf,
				  size_t len);
CLKRG_API int clkrg_knob_to_json(const struct lkrg_knob *k, char *buf,
				 size_t len);
CLKRG_API int clkrg_stats_row_to_json(const struct lkrg_stats_row *r,
				      char *buf, size_t len);
/* Since CLKRG_1.1. */
CLKRG_API int clkrg_hook_row_to_json(const struct lkrg_hook_row *r,
				     char *buf, size_t len);
CLKRG_API int clkrg_umh_entry_to_json(const struct lkrg_umh_entry *e,
				      char *buf, size_t len);
/* One human-readable line without newline, same return convention. */
CLKRG_API int clkrg_event_to_text(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len);
/* A check result: id, start time, violations, what was hashed. */
CLKRG_API int clkrg_check_to_text(const struct lkrg_check *ck, char *buf,
				  size_t len);
/* Aligned columns: name, value, allowed values or range, description. */
CLKRG_API int clkrg_knob_to_text(const struct lkrg_knob *k, char *buf,
				 size_t len);
/* @value of knob @k as "1 (log_only)", or "15" when it has no name. */
CLKRG_API int clkrg_knob_value_text(const struct lkrg_knob *k, int64_t value,
				    char *buf, size_t len);

/*
 * Since CLKRG_1.2. The inverse of clkrg_event_to_json(): rebuilds in @buf
 * the record that one of its objects describes (a line of "lkrg-cli events
 * --json"), so saved events are read with the same calls as live ones.
 * Returns the record's length, -ENOSPC when @len is too small
 * (CLKRG_EVENT_MAX always fits), -EBADMSG when @json is not one such object
 * (a field missing or of the wrong type, a name this library does not know,
 * a string too long for the ABI, text after the object).
 */
#define CLKRG_EVENT_MAX		1024
CLKRG_API int clkrg_event_from_json(const char *json, void *buf, size_t len);

/* Lower-case "8-4-4-4-12" form into @out[CLKRG_UUID_STR_LEN]. */
CLKRG_API void clkrg_uuid_format(const uint8_t uuid[16], char *out);
/* CLOCK_REALTIME ns as UTC "YYYY-MM-DDThh:mm:ss.mmmZ"; length or -ENOSPC. */
CLKRG_API int clkrg_time_format(uint64_t real_ns, char *buf, size_t len);

/* Message for a negative (or positive) errno from this library. */
CLKRG_API const char *clkrg_strerror(int err);

/* ---- names of the ABI's enumerations ------------------------------------ */

enum clkrg_name_set {
	CLKRG_NAMES_TYPE,	/* LKRG_EV_* */
	CLKRG_NAMES_SEVERITY,	/* LKRG_SEV_* */
	CLKRG_NAMES_CATEGORY,	/* LKRG_CAT_* */
	CLKRG_NAMES_OBJECT,	/* LKRG_OBJ_* */
	CLKRG_NAMES_ACTION,	/* LKRG_ACT_* */
	CLKRG_NAMES_TRIGGER,	/* LKRG_TRIGGER_* */
	CLKRG_NAMES_BLOCK,	/* LKRG_BLOCK_* */
	CLKRG_NAMES_ENFORCE,	/* LKRG_ENFORCE_* */
	CLKRG_NAMES_VALIDATE,	/* LKRG_VALIDATE_* */
	/* Since CLKRG_1.1: */
	CLKRG_NAMES_PINT,	/* LKRG_PINT_* */
	CLKRG_NAMES_PCFI,	/* LKRG_PCFI_* */
	CLKRG_NAMES_UMH,	/* LKRG_UMH_* (umh_validate levels) */
};

/* Stable lower-case name, "unknown" when @value has none. */
CLKRG_API const char *clkrg_name(enum clkrg_name_set set, unsigned int value);
/* Reverse lookup: the value, or -EINVAL. */
CLKRG_API int clkrg_name_value(enum clkrg_name_set set, const char *name);
/* Which names a knob's values have (from knob.names), or -ENOENT for plain
 * integers and for a kind of names this library does not know. */
CLKRG_API int clkrg_knob_name_set(const struct lkrg_knob *k);
/* Name of @value of knob @k, or NULL when it has none. */
CLKRG_API const char *clkrg_knob_value_name(const struct lkrg_knob *k,
					    int64_t value);
/* Whether @value passes the knob's min/max and allowed set. */
CLKRG_API bool clkrg_knob_allows(const struct lkrg_knob *k, int64_t value);
/* A decimal integer or, when @set >= 0, a name of @set; else -EINVAL. */
CLKRG_API int clkrg_parse_value(int set, const char *s, int64_t *value);

#ifdef __cplusplus
}
#endif

#endif /* CLKRG_H */
