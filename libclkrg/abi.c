// SPDX-License-Identifier: LGPL-2.1-or-later
/* clkrg_abi_*(): lookups in the table gen-abi.sh made from the headers. */
#include <errno.h>
#include <string.h>

#include "abi_table.h"

static const struct abi_struct *find(const char *type)
{
	size_t i;

	for (i = 0; type && i < clkrg__abi_nstructs; i++)
		if (!strcmp(clkrg__abi_structs[i].name, type))
			return &clkrg__abi_structs[i];
	return NULL;
}

CLKRG_API long clkrg_abi_sizeof(const char *type)
{
	const struct abi_struct *s = find(type);

	return s ? (long)s->size : -ENOENT;
}

CLKRG_API int clkrg_abi_field(const char *type, unsigned int index,
			      const char **name, unsigned int *kind,
			      size_t *offset, size_t *length, size_t *count,
			      const char **elem_type)
{
	const struct abi_struct *s = find(type);
	const struct abi_field *f;

	if (!s || index >= s->nfields)
		return -ENOENT;
	f = &s->fields[index];
	if (name)
		*name = f->name;
	if (kind)
		*kind = f->kind;
	if (offset)
		*offset = f->offset;
	if (length)
		*length = f->length;
	if (count)
		*count = f->count;
	if (elem_type)
		*elem_type = f->type;
	return 0;
}

CLKRG_API int clkrg_abi_const(const char *name, uint64_t *value)
{
	size_t i;

	for (i = 0; name && i < clkrg__abi_nconsts; i++) {
		if (!strcmp(clkrg__abi_consts[i].name, name)) {
			if (value)
				*value = clkrg__abi_consts[i].value;
			return 0;
		}
	}
	return -ENOENT;
}
