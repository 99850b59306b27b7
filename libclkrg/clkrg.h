/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libclkrg: userspace access to the clkrg runtime guard through /dev/lkrg.
 *
 * Conventions (see libclkrg(3)):
 *  - int functions return 0 (or a count) on success and a negative errno on
 *    failure; nothing prints and nothing exits;
 *  - a handle is not locked: use one handle per thread, or lock around it;
 *  - strings that come from the kernel are shown with bytes outside
 *    printable ASCII replaced by '?', so output is safe for terminals;
 *  - sizes: every call that fills or reads a structure of the ABI is told
 *    the caller's size of it (the *_sized calls, since CLKRG_1.3). The
 *    names without _sized are macros that pass sizeof of the structure as
 *    the caller's header defines it, so a program rebuilt against a later
 *    header is size-correct without a change; a program built before 1.3
 *    calls entry points fixed to the structures of the first ABI version.
 *    Output structures are zeroed to the caller's size first; fields the
 *    module (or an event's writer) did not send read as zero, and
 *    CLKRG_HAS() tells them apart from a zero it sent.
 */
#ifndef CLKRG_H
#define CLKRG_H

#include <errno.h>	/* results are compared with -Exxx */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* The kernel ABI; installed next to this header, not in <linux/>. */
#include <clkrg/lkrg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CLKRG_API	__attribute__((visibility("default")))

#define CLKRG_VERSION		"0.2.0"

#define CLKRG_UUID_STR_LEN	37	/* 36 characters and the NUL */
#define CLKRG_TIME_STR_LEN	32	/* "2026-11-26T10:00:00.123Z" */
#define CLKRG_JSON_MAX		4096	/* fits any *_to_json() object */
#define CLKRG_TEXT_MAX		1024	/* fits any *_to_text() line */

/*
 * Whether the module (or the writer of an event) filled @field of *@ptr:
 * for structures that start with a size the sized calls leave holding the
 * bytes that came from it (status, check, hello, event detail and lost
 * payloads, struct clkrg_cursor). A field appended after the module was
 * built is absent; one that took the place of reserved bytes reads as 0.
 */
#define CLKRG_HAS(ptr, field)						\
	(offsetof(__typeof__(*(ptr)), field) + sizeof((ptr)->field) <=	\
	 (size_t)(ptr)->size)

struct clkrg;

/* ---- handle ------------------------------------------------------------- */

/* Opens @devnode (NULL: LKRG_DEVICE_PATH), checks the API version (-EPROTO
 * on mismatch) and caches HELLO. Read-only access is used when read-write is
 * denied. */
CLKRG_API int clkrg_open(const char *devnode, struct clkrg **out);
CLKRG_API void clkrg_close(struct clkrg *c);
CLKRG_API int clkrg_fd(const struct clkrg *c);
/* HELLO as the module answered it; ->size is the bytes it filled. */
CLKRG_API const struct lkrg_hello *clkrg_hello_info(const struct clkrg *c);
/* True when the module implements ioctl number @nr (_IOC_NR). */
CLKRG_API bool clkrg_has_ioctl(const struct clkrg *c, unsigned int nr);

/* ---- commands: one per ioctl ------------------------------------------- */

/*
 * Since CLKRG_1.3, every output structure or array comes with the caller's
 * @size of it (or of one row, @stride): at least the first version's size
 * (LKRG_*_SIZE_VER0, else -EINVAL) and at most 4096. The macros below pass
 * sizeof for you.
 */
CLKRG_API int clkrg_force_run_sized(struct clkrg *c, struct lkrg_check *out,
				    size_t size);
#define clkrg_force_run(c, out) \
	clkrg_force_run_sized((c), (out), sizeof(struct lkrg_check))
/* @scope: LKRG_SCOPE_* bits, 0 = everything. @generation may be NULL. */
CLKRG_API int clkrg_rebaseline(struct clkrg *c, uint64_t scope,
			       uint64_t *generation);
/* Either output may be NULL. */
CLKRG_API int clkrg_block_modules_get(struct clkrg *c, uint32_t *mode,
				      uint64_t *refused);
CLKRG_API int clkrg_block_modules_set(struct clkrg *c, uint32_t mode);
CLKRG_API int clkrg_status_sized(struct clkrg *c, struct lkrg_status *out,
				 size_t size);
#define clkrg_status(c, out) \
	clkrg_status_sized((c), (out), sizeof(struct lkrg_status))
CLKRG_API int clkrg_shutdown(struct clkrg *c);

/* Every knob, @stride bytes apart; *knobs is allocated, release it with
 * clkrg_knobs_free(). */
CLKRG_API int clkrg_policy_list_sized(struct clkrg *c, struct lkrg_knob **knobs,
				      size_t *count, size_t stride);
#define clkrg_policy_list(c, knobs, count) \
	clkrg_policy_list_sized((c), (knobs), (count), sizeof(struct lkrg_knob))
CLKRG_API void clkrg_knobs_free(struct lkrg_knob *knobs);
/* -ENOENT when the module has no knob @name. */
CLKRG_API int clkrg_policy_get(struct clkrg *c, const char *name,
			       int64_t *value);
/* @old may be NULL. */
CLKRG_API int clkrg_policy_set(struct clkrg *c, const char *name,
			       int64_t value, int64_t *old);

/* Check counters, one row per trigger; free with clkrg_stats_free(). */
CLKRG_API int clkrg_stats_sized(struct clkrg *c, struct lkrg_stats_row **rows,
				size_t *count, size_t stride);
#define clkrg_stats(c, rows, count) \
	clkrg_stats_sized((c), (rows), (count), sizeof(struct lkrg_stats_row))
CLKRG_API void clkrg_stats_free(struct lkrg_stats_row *rows);

/* Kernel functions the module probes, one row each; free with
 * clkrg_hooks_free(). (Since CLKRG_1.1.) */
CLKRG_API int clkrg_hooks_sized(struct clkrg *c, struct lkrg_hook_row **rows,
				size_t *count, size_t stride);
#define clkrg_hooks(c, rows, count) \
	clkrg_hooks_sized((c), (rows), (count), sizeof(struct lkrg_hook_row))
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
CLKRG_API int clkrg_umh_list_sized(struct clkrg *c,
				   struct lkrg_umh_entry **entries,
				   size_t *count, size_t stride,
				   uint64_t *generation, uint64_t *refused);
#define clkrg_umh_list(c, entries, count, generation, refused)		\
	clkrg_umh_list_sized((c), (entries), (count),			\
			     sizeof(struct lkrg_umh_entry), (generation),	\
			     (refused))
CLKRG_API void clkrg_umh_free(struct lkrg_umh_entry *entries);
CLKRG_API int clkrg_umh_add(struct clkrg *c, const char *path,
			    uint32_t *count, uint64_t *generation);
CLKRG_API int clkrg_umh_del(struct clkrg *c, const char *path,
			    uint32_t *count, uint64_t *generation);

/*
 * Owners allowed to redirect kernel functions (since CLKRG_1.5): a module
 * name, "bpf:NAME" or "kernel:SYMBOL", optionally ending in '*' (see
 * <clkrg/lkrg.h>). Listing allocates *entries, release it with
 * clkrg_hook_allow_free(); @generation, @redirects (redirecting hooks the
 * last check found) and @callbacks (callbacks it walked) may be NULL.
 * Allowing and denying need CAP_SYS_ADMIN; a malformed @owner is -EINVAL
 * before any ioctl; -EEXIST already listed, -ENOSPC list full
 * (LKRG_HOOK_ALLOW_MAX), -ENOENT (deny) not listed, -EPERM (allow) once
 * the policy is locked. @count (entries afterwards) and @generation may
 * be NULL.
 */
CLKRG_API int clkrg_hook_allow_list_sized(struct clkrg *c,
					  struct lkrg_hook_allow_entry **entries,
					  size_t *count, size_t stride,
					  uint64_t *generation,
					  uint64_t *redirects,
					  uint64_t *callbacks);
#define clkrg_hook_allow_list(c, entries, count, generation, redirects,	\
			      callbacks)				\
	clkrg_hook_allow_list_sized((c), (entries), (count),		\
				    sizeof(struct lkrg_hook_allow_entry),	\
				    (generation), (redirects), (callbacks))
CLKRG_API void clkrg_hook_allow_free(struct lkrg_hook_allow_entry *entries);
CLKRG_API int clkrg_hook_allow(struct clkrg *c, const char *owner,
			       uint32_t *count, uint64_t *generation);
CLKRG_API int clkrg_hook_deny(struct clkrg *c, const char *owner,
			      uint32_t *count, uint64_t *generation);

/* ---- event stream ------------------------------------------------------- */

/*
 * Next whole record: 1 and *ev set (valid until the next call on @c), 0 on
 * timeout (@timeout_ms 0 = do not wait, -1 = wait forever), -ENODEV at end
 * of stream (after LKRG_IOC_SHUTDOWN), -EBADMSG for a malformed record (the
 * rest of that read is dropped; the next call reads on). Records the
 * filter (clkrg_event_filter()) rejects are skipped. The library reads
 * ahead: before poll() on clkrg_fd(), call this with @timeout_ms 0 until it
 * returns 0, or a record already read may wait for the next one.
 */
CLKRG_API int clkrg_event_next(struct clkrg *c, int timeout_ms,
			       const struct lkrg_event_hdr **ev);
/* Moves the stream cursor and drops buffered records: @seq 0 = the oldest
 * retained record, CLKRG_SEQ_END = only records made from now on. Use this,
 * never lseek() on clkrg_fd(), while reading with clkrg_event_next(). */
#define CLKRG_SEQ_END	UINT64_MAX
CLKRG_API int clkrg_event_seek(struct clkrg *c, uint64_t seq);

/*
 * Where the stream stands (since CLKRG_1.3): the module load the sequence
 * numbers belong to and the sequence number of the next record
 * clkrg_event_next() returns. Saved anywhere, it resumes a later reader
 * with no loss and no repeat.
 */
struct clkrg_cursor {
	uint32_t size;		/* sizeof(struct clkrg_cursor) */
	uint32_t flags;		/* 0 */
	uint8_t instance_uuid[16];	/* status.instance_uuid */
	uint64_t seq;		/* the next record to read */
};
#define CLKRG_CURSOR_SIZE_VER0	32
/* Fills *@cur (set cur->size first). */
CLKRG_API int clkrg_event_tell(struct clkrg *c, struct clkrg_cursor *cur);
/*
 * Seeks to @cur: 0 when it belongs to the loaded module and its record is
 * still to come or retained (a LOST record first when it is gone), 1 when
 * it does not (the module was reloaded, or the sequence number was never
 * reached): then the reader starts at the oldest retained record.
 */
CLKRG_API int clkrg_event_resume(struct clkrg *c,
				 const struct clkrg_cursor *cur);

/*
 * Which records clkrg_event_next() returns (since CLKRG_1.3), applied in
 * the library: each mask has bit (1 << value) for every value wanted, 0
 * for all. LOST records always pass: a filter never hides a loss. Records
 * without a detail payload pass only filters that ask nothing of severity
 * or object.
 */
struct clkrg_filter {
	uint32_t size;		/* sizeof(struct clkrg_filter) */
	uint32_t flags;		/* 0 */
	uint64_t types;		/* 1 << LKRG_EV_* */
	uint64_t severities;	/* 1 << LKRG_SEV_* */
	uint64_t objects;	/* 1 << LKRG_OBJ_* */
};
#define CLKRG_FILTER_SIZE_VER0	32
/* Replaces the handle's filter; NULL removes it. -EINVAL for unknown
 * flags or a size below the first version's. */
CLKRG_API int clkrg_event_filter(struct clkrg *c,
				 const struct clkrg_filter *f);

/* Payload of VIOLATION/ADMIN/BLOCK/INFO records into @out (@size bytes):
 * fields an older writer did not send read as zero and out->size is the
 * bytes of *out it did send; -EINVAL for other types or a bad payload. */
CLKRG_API int clkrg_event_detail_sized(const struct lkrg_event_hdr *ev,
				       struct lkrg_event_detail *out,
				       size_t size);
#define clkrg_event_detail(ev, out) \
	clkrg_event_detail_sized((ev), (out), sizeof(struct lkrg_event_detail))
CLKRG_API int clkrg_event_lost_sized(const struct lkrg_event_hdr *ev,
				     struct lkrg_event_lost *out, size_t size);
#define clkrg_event_lost(ev, out) \
	clkrg_event_lost_sized((ev), (out), sizeof(struct lkrg_event_lost))

/* ---- formatting: the same output for every tool ---------------------- */

/*
 * One compact JSON object without newline; length, or -ENOSPC when @len
 * is too small (CLKRG_JSON_MAX always fits), -EBADMSG for a bad payload.
 * The structure comes with its @size (the macros pass sizeof).
 */
CLKRG_API int clkrg_event_to_json(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len);
CLKRG_API int clkrg_status_to_json_sized(const struct lkrg_status *st,
					 size_t size, char *buf, size_t len);
#define clkrg_status_to_json(st, buf, len) \
	clkrg_status_to_json_sized((st), sizeof(struct lkrg_status), (buf), (len))
CLKRG_API int clkrg_check_to_json_sized(const struct lkrg_check *ck,
					size_t size, char *buf, size_t len);
#define clkrg_check_to_json(ck, buf, len) \
	clkrg_check_to_json_sized((ck), sizeof(struct lkrg_check), (buf), (len))
CLKRG_API int clkrg_knob_to_json_sized(const struct lkrg_knob *k, size_t size,
				       char *buf, size_t len);
#define clkrg_knob_to_json(k, buf, len) \
	clkrg_knob_to_json_sized((k), sizeof(struct lkrg_knob), (buf), (len))
CLKRG_API int clkrg_stats_row_to_json_sized(const struct lkrg_stats_row *r,
					    size_t size, char *buf,
					    size_t len);
#define clkrg_stats_row_to_json(r, buf, len)				\
	clkrg_stats_row_to_json_sized((r), sizeof(struct lkrg_stats_row),	\
				      (buf), (len))
CLKRG_API int clkrg_hook_row_to_json_sized(const struct lkrg_hook_row *r,
					   size_t size, char *buf, size_t len);
#define clkrg_hook_row_to_json(r, buf, len)				\
	clkrg_hook_row_to_json_sized((r), sizeof(struct lkrg_hook_row),	\
				     (buf), (len))
CLKRG_API int clkrg_umh_entry_to_json_sized(const struct lkrg_umh_entry *e,
					    size_t size, char *buf,
					    size_t len);
#define clkrg_umh_entry_to_json(e, buf, len)				\
	clkrg_umh_entry_to_json_sized((e), sizeof(struct lkrg_umh_entry),	\
				      (buf), (len))
/* Since CLKRG_1.5. */
CLKRG_API int clkrg_hook_allow_entry_to_json_sized(
	const struct lkrg_hook_allow_entry *e, size_t size, char *buf,
	size_t len);
#define clkrg_hook_allow_entry_to_json(e, buf, len)			\
	clkrg_hook_allow_entry_to_json_sized((e),				\
		sizeof(struct lkrg_hook_allow_entry), (buf), (len))
/* One human-readable line without newline, same return convention. */
CLKRG_API int clkrg_event_to_text(const struct lkrg_event_hdr *ev, char *buf,
				  size_t len);
/* A check result: id, start time, violations, what was hashed. */
CLKRG_API int clkrg_check_to_text_sized(const struct lkrg_check *ck,
					size_t size, char *buf, size_t len);
#define clkrg_check_to_text(ck, buf, len) \
	clkrg_check_to_text_sized((ck), sizeof(struct lkrg_check), (buf), (len))
/* Aligned columns: name, value, allowed values or range, description. */
CLKRG_API int clkrg_knob_to_text_sized(const struct lkrg_knob *k, size_t size,
				       char *buf, size_t len);
#define clkrg_knob_to_text(k, buf, len) \
	clkrg_knob_to_text_sized((k), sizeof(struct lkrg_knob), (buf), (len))
/* @value of knob @k as "1 (log_only)", or "15" when it has no name. */
CLKRG_API int clkrg_knob_value_text_sized(const struct lkrg_knob *k,
					  size_t size, int64_t value,
					  char *buf, size_t len);
#define clkrg_knob_value_text(k, value, buf, len)			\
	clkrg_knob_value_text_sized((k), sizeof(struct lkrg_knob), (value),	\
				    (buf), (len))

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
CLKRG_API int clkrg_knob_name_set_sized(const struct lkrg_knob *k,
					size_t size);
#define clkrg_knob_name_set(k) \
	clkrg_knob_name_set_sized((k), sizeof(struct lkrg_knob))
/* Name of @value of knob @k, or NULL when it has none. */
CLKRG_API const char *clkrg_knob_value_name_sized(const struct lkrg_knob *k,
						  size_t size, int64_t value);
#define clkrg_knob_value_name(k, value) \
	clkrg_knob_value_name_sized((k), sizeof(struct lkrg_knob), (value))
/* Whether @value passes the knob's min/max and allowed set. */
CLKRG_API bool clkrg_knob_allows_sized(const struct lkrg_knob *k, size_t size,
				       int64_t value);
#define clkrg_knob_allows(k, value) \
	clkrg_knob_allows_sized((k), sizeof(struct lkrg_knob), (value))
/*
 * The knobs of the module this library was built with, without asking a
 * module (to check a configuration before loading it), @stride bytes
 * apart, ->value 0; release *knobs with clkrg_knobs_free(). (Since
 * CLKRG_1.4.)
 */
CLKRG_API int clkrg_knob_defs_sized(struct lkrg_knob **knobs, size_t *count,
				    size_t stride);
#define clkrg_knob_defs(knobs, count) \
	clkrg_knob_defs_sized((knobs), (count), sizeof(struct lkrg_knob))
/* Whether @path may be an entry of the usermode-helper allow-list (the
 * module's rule): 0, -EINVAL, or -ENAMETOOLONG. (Since CLKRG_1.4.) */
CLKRG_API int clkrg_umh_path_check(const char *path);
/* A decimal integer or, when @set >= 0, a name of @set; else -EINVAL. */
CLKRG_API int clkrg_parse_value(int set, const char *s, int64_t *value);

/* ---- the ABI as this library was built (since CLKRG_1.3) --------------- */

/*
 * For bindings (the clkrg Python package) that must not copy structures by
 * hand: the structures of <clkrg/lkrg.h> and of this header ("lkrg_status",
 * "clkrg_cursor") and their integer constants ("LKRG_SCOPE_KTEXT",
 * "CLKRG_NAMES_BLOCK"), as the compiler laid them out for this library.
 */
enum clkrg_field_kind {
	CLKRG_FIELD_UNSIGNED = 1,	/* native-endian, @length / @count bytes each */
	CLKRG_FIELD_SIGNED = 2,		/* two's complement, likewise */
	CLKRG_FIELD_STRING = 3,		/* NUL-terminated within @length bytes */
	CLKRG_FIELD_UUID = 4,		/* 16 bytes */
	CLKRG_FIELD_STRUCT = 5,		/* @count structures named @type */
};
/* sizeof(struct @type), or -ENOENT. */
CLKRG_API long clkrg_abi_sizeof(const char *type);
/* Field @index of @type in declaration order: its name, kind
 * (CLKRG_FIELD_*), offset, length in bytes, element count (1 for a
 * scalar) and, for CLKRG_FIELD_STRUCT, the element structure (else NULL).
 * Every output may be NULL. -ENOENT past the last field or for an unknown
 * structure. */
CLKRG_API int clkrg_abi_field(const char *type, unsigned int index,
			      const char **name, unsigned int *kind,
			      size_t *offset, size_t *length, size_t *count,
			      const char **elem_type);
/* The value of integer constant @name, or -ENOENT. */
CLKRG_API int clkrg_abi_const(const char *name, uint64_t *value);

/*
 * The entry points of programs built before CLKRG_1.3: each fixes the
 * structure to its first version's size (LKRG_*_SIZE_VER0). Source that
 * names them through the macros above never calls these; (name)(...) or
 * &name does.
 */
CLKRG_API int (clkrg_force_run)(struct clkrg *c, struct lkrg_check *out);
CLKRG_API int (clkrg_status)(struct clkrg *c, struct lkrg_status *out);
CLKRG_API int (clkrg_policy_list)(struct clkrg *c, struct lkrg_knob **knobs,
				  size_t *count);
CLKRG_API int (clkrg_stats)(struct clkrg *c, struct lkrg_stats_row **rows,
			    size_t *count);
CLKRG_API int (clkrg_hooks)(struct clkrg *c, struct lkrg_hook_row **rows,
			    size_t *count);
CLKRG_API int (clkrg_umh_list)(struct clkrg *c,
			       struct lkrg_umh_entry **entries, size_t *count,
			       uint64_t *generation, uint64_t *refused);
CLKRG_API int (clkrg_event_detail)(const struct lkrg_event_hdr *ev,
				   struct lkrg_event_detail *out);
CLKRG_API int (clkrg_event_lost)(const struct lkrg_event_hdr *ev,
				 struct lkrg_event_lost *out);
CLKRG_API int (clkrg_status_to_json)(const struct lkrg_status *st, char *buf,
				     size_t len);
CLKRG_API int (clkrg_check_to_json)(const struct lkrg_check *ck, char *buf,
				    size_t len);
CLKRG_API int (clkrg_knob_to_json)(const struct lkrg_knob *k, char *buf,
				   size_t len);
CLKRG_API int (clkrg_stats_row_to_json)(const struct lkrg_stats_row *r,
					char *buf, size_t len);
CLKRG_API int (clkrg_hook_row_to_json)(const struct lkrg_hook_row *r,
				       char *buf, size_t len);
CLKRG_API int (clkrg_umh_entry_to_json)(const struct lkrg_umh_entry *e,
					char *buf, size_t len);
CLKRG_API int (clkrg_check_to_text)(const struct lkrg_check *ck, char *buf,
				    size_t len);
CLKRG_API int (clkrg_knob_to_text)(const struct lkrg_knob *k, char *buf,
				   size_t len);
CLKRG_API int (clkrg_knob_value_text)(const struct lkrg_knob *k,
				      int64_t value, char *buf, size_t len);
CLKRG_API int (clkrg_knob_name_set)(const struct lkrg_knob *k);
CLKRG_API const char *(clkrg_knob_value_name)(const struct lkrg_knob *k,
					      int64_t value);
CLKRG_API bool (clkrg_knob_allows)(const struct lkrg_knob *k, int64_t value);

#ifdef __cplusplus
}
#endif

#endif /* CLKRG_H */
