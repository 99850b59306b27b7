/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The table gen-abi.sh writes (gen/abi_table.c) and abi.c reads. */
#ifndef CLKRG_ABI_TABLE_H
#define CLKRG_ABI_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "clkrg.h"

struct abi_field {
	const char *name;
	unsigned int kind;	/* CLKRG_FIELD_* */
	size_t offset;
	size_t length;		/* bytes of the whole member */
	size_t count;		/* elements: 1, or the array's length */
	const char *type;	/* element struct of CLKRG_FIELD_STRUCT */
};

struct abi_struct {
	const char *name;
	size_t size;
	const struct abi_field *fields;
	size_t nfields;
};

struct abi_const {
	const char *name;
	uint64_t value;
};

#define ABI_MEMBER(s, m)	(((struct s *)0)->m)
#define ABI_FIELD(s, m, kind, elem, etype)				\
	{ #m, CLKRG_FIELD_##kind, offsetof(struct s, m),		\
	  sizeof(ABI_MEMBER(s, m)), sizeof(ABI_MEMBER(s, m)) / sizeof(elem), \
	  etype }
#define ABI_STRUCT(s)							\
	{ #s, sizeof(struct s), s##_fields,				\
	  sizeof(s##_fields) / sizeof(s##_fields[0]) }

extern const struct abi_struct clkrg__abi_structs[];
extern const size_t clkrg__abi_nstructs;
extern const struct abi_const clkrg__abi_consts[];
extern const size_t clkrg__abi_nconsts;

#endif
