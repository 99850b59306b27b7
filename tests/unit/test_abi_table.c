// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_abi_*(): the table gen-abi.sh makes from the headers, which the
 * Python package builds its view of every structure from. Each structure
 * is here with its sizeof, so a structure added to a header fails until
 * it is listed; each one's fields must cover it byte for byte in order
 * (the ABI has no implicit padding), so a member the generator skipped,
 * or one it misread, fails too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests.h"
#include "abi_table.h"

#define S(t)	{ #t, sizeof(struct t) }
static const struct {
	const char *name;
	size_t size;
} known[] = {
	S(lkrg_hello), S(lkrg_check), S(lkrg_rebaseline),
	S(lkrg_block_modules), S(lkrg_status), S(lkrg_knob),
	S(lkrg_policy_get), S(lkrg_policy_set), S(lkrg_umh_edit),
	S(lkrg_umh_entry), S(lkrg_umh_list), S(lkrg_hook_allow_edit),
	S(lkrg_hook_allow_entry), S(lkrg_hook_allow_list),
	S(lkrg_stats_row), S(lkrg_stats),
	S(lkrg_hook_row), S(lkrg_event_hdr), S(lkrg_event_value),
	S(lkrg_event_detail), S(lkrg_event_lost), S(clkrg_cursor),
	S(clkrg_filter),
};

START_TEST(every_struct_known)
{
	size_t i;

	ck_assert_uint_eq(clkrg__abi_nstructs, sizeof(known) / sizeof(known[0]));
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		ck_assert_int_eq(clkrg_abi_sizeof(known[i].name),
				 (long)known[i].size);
	ck_assert_int_eq(clkrg_abi_sizeof("lkrg_nosuch"), -ENOENT);
	ck_assert_int_eq(clkrg_abi_sizeof(NULL), -ENOENT);
}
END_TEST

START_TEST(fields_cover_each_struct)
{
	size_t i, end, off, len, count;
	const char *name, *type;
	unsigned int j, kind;

	for (i = 0; i < clkrg__abi_nstructs; i++) {
		const char *s = clkrg__abi_structs[i].name;

		end = 0;
		for (j = 0; !clkrg_abi_field(s, j, &name, &kind, &off, &len,
					     &count, &type); j++) {
			ck_assert_msg(off == end, "%s.%s at %zu, expected %zu",
				      s, name, off, end);
			ck_assert(kind >= CLKRG_FIELD_UNSIGNED &&
				  kind <= CLKRG_FIELD_STRUCT);
			ck_assert_uint_gt(count, 0);
			ck_assert_uint_eq(len % count, 0);
			ck_assert(!type == (kind != CLKRG_FIELD_STRUCT));
			if (type)
				ck_assert_int_eq(clkrg_abi_sizeof(type) *
						 (long)count, (long)len);
			end = off + len;
		}
		ck_assert_uint_gt(j, 0);
		ck_assert_msg(end == clkrg__abi_structs[i].size,
			      "%s: fields end at %zu of %zu", s, end,
			      clkrg__abi_structs[i].size);
		ck_assert_int_eq(clkrg_abi_field(s, j, NULL, NULL, NULL, NULL,
						 NULL, NULL), -ENOENT);
	}
	ck_assert_int_eq(clkrg_abi_field("lkrg_nosuch", 0, NULL, NULL, NULL,
					 NULL, NULL, NULL), -ENOENT);
}
END_TEST

/* Field @name of @type, its details out. */
static void field(const char *type, const char *want, unsigned int *kind,
		  size_t *off, size_t *len, size_t *count, const char **etype)
{
	const char *name;
	unsigned int i;

	for (i = 0; !clkrg_abi_field(type, i, &name, kind, off, len, count,
				     etype); i++)
		if (!strcmp(name, want))
			return;
	ck_abort_msg("%s has no field %s", type, want);
}

START_TEST(kinds)
{
	size_t off, len, count;
	const char *etype;
	unsigned int kind;

	field("lkrg_status", "module_version", &kind, &off, &len, &count,
	      &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_STRING);
	ck_assert_uint_eq(off, offsetof(struct lkrg_status, module_version));
	ck_assert_uint_eq(len, 32);
	field("lkrg_status", "instance_uuid", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_UUID);
	ck_assert_uint_eq(len, 16);
	field("lkrg_status", "locked", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_UNSIGNED);
	ck_assert_uint_eq(off, offsetof(struct lkrg_status, locked));
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_eq(count, 1);
	field("lkrg_hello", "ioctls", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_UNSIGNED);
	ck_assert_uint_eq(count, 4);
	ck_assert_uint_eq(len, 32);
	field("lkrg_event_detail", "pid", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_SIGNED);
	ck_assert_uint_eq(off, offsetof(struct lkrg_event_detail, pid));
	field("lkrg_knob", "value", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_SIGNED);
	ck_assert_uint_eq(len, 8);
	field("lkrg_event_detail", "values", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(kind, CLKRG_FIELD_STRUCT);
	ck_assert_str_eq(etype, "lkrg_event_value");
	ck_assert_uint_eq(count, LKRG_EV_VALUES);
	ck_assert_uint_eq(off, offsetof(struct lkrg_event_detail, values));
	field("clkrg_cursor", "seq", &kind, &off, &len, &count, &etype);
	ck_assert_uint_eq(off, offsetof(struct clkrg_cursor, seq));
}
END_TEST

START_TEST(constants)
{
	uint64_t v = 0;

	ck_assert_int_eq(clkrg_abi_const("LKRG_SCOPE_MODULES", &v), 0);
	ck_assert_uint_eq(v, LKRG_SCOPE_MODULES);
	ck_assert_int_eq(clkrg_abi_const("LKRG_IOC_HELLO", &v), 0);
	ck_assert_uint_eq(v, LKRG_IOC_HELLO);
	ck_assert_int_eq(clkrg_abi_const("LKRG_OBJ_SELF", &v), 0);
	ck_assert_uint_eq(v, LKRG_OBJ_SELF);
	ck_assert_int_eq(clkrg_abi_const("LKRG_STATUS_SIZE_VER0", &v), 0);
	ck_assert_uint_eq(v, LKRG_STATUS_SIZE_VER0);
	ck_assert_int_eq(clkrg_abi_const("CLKRG_NAMES_UMH", &v), 0);
	ck_assert_uint_eq(v, CLKRG_NAMES_UMH);
	ck_assert_int_eq(clkrg_abi_const("CLKRG_FIELD_STRUCT", &v), 0);
	ck_assert_uint_eq(v, CLKRG_FIELD_STRUCT);
	ck_assert_int_eq(clkrg_abi_const("CLKRG_SEQ_END", &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	/* Strings, macros with arguments and attributes are not constants. */
	ck_assert_int_eq(clkrg_abi_const("LKRG_DEVICE_PATH", &v), -ENOENT);
	ck_assert_int_eq(clkrg_abi_const("CLKRG_VERSION", &v), -ENOENT);
	ck_assert_int_eq(clkrg_abi_const("CLKRG_HAS", &v), -ENOENT);
	ck_assert_int_eq(clkrg_abi_const("CLKRG_API", &v), -ENOENT);
	ck_assert_int_eq(clkrg_abi_const(NULL, &v), -ENOENT);
	ck_assert_int_eq(clkrg_abi_const("LKRG_API_VERSION", NULL), 0);
}
END_TEST

/* gen-abi.sh on a header with @member in a struct: its exit status. */
static int gen_on(const char *member)
{
	char path[] = "/tmp/clkrg-gen-XXXXXX", cmd[256];
	int fd = mkstemp(path), ret;
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "struct lkrg_x {\n\t__u32 size; /* a\n\t * comment */\n"
		"\t%s\n};\n", member);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "../../libclkrg/gen-abi.sh %s %s "
		 ">/dev/null 2>&1", path, path);
	ret = system(cmd);
	unlink(path);
	return WEXITSTATUS(ret);
}

/* What the header rules forbid stops the build instead of being left out
 * of the table. */
START_TEST(generator_refuses)
{
	ck_assert_int_eq(gen_on("__u64 fine[2];"), 0);
	ck_assert_int_eq(gen_on("struct lkrg_y nested;"), 0);
	ck_assert_int_ne(gen_on("int bits : 3;"), 0);
	ck_assert_int_ne(gen_on("enum lkrg_e e;"), 0);
	ck_assert_int_ne(gen_on("unsigned long l;"), 0);
	ck_assert_int_ne(gen_on("__u32 a, b;"), 0);
	ck_assert_int_ne(gen_on("union { __u32 a; } u;"), 0);
}
END_TEST

Suite *abi_table_suite(void)
{
	Suite *s = suite_create("libclkrg/abi-table");
	TCase *tc = tcase_create("abi-table");

	tcase_add_test(tc, every_struct_known);
	tcase_add_test(tc, fields_cover_each_struct);
	tcase_add_test(tc, kinds);
	tcase_add_test(tc, constants);
	tcase_add_test(tc, generator_refuses);
	suite_add_tcase(s, tc);
	return s;
}
