// SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later
#include "hook_owner.h"

static const char * const prefixes[] = {
	[LKRG_OWNER_MODULE] = "",
	[LKRG_OWNER_BPF] = "bpf:",
	[LKRG_OWNER_KERNEL] = "kernel:",
};

const char *lkrg_hook_owner_prefix(enum lkrg_owner_kind kind)
{
	return (unsigned int)kind < ARRAY_SIZE(prefixes) ? prefixes[kind] : "";
}

/* The kind an entry names, and where its pattern starts. */
static enum lkrg_owner_kind entry_kind(const char *s, const char **body)
{
	unsigned int k;

	for (k = LKRG_OWNER_BPF; k < ARRAY_SIZE(prefixes); k++) {
		size_t n = strlen(prefixes[k]);

		if (!strncmp(s, prefixes[k], n)) {
			*body = s + n;
			return (enum lkrg_owner_kind)k;
		}
	}
	*body = s;
	return LKRG_OWNER_MODULE;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

int lkrg_hook_owner_valid(const char *s, size_t cap)
{
	const char *body;
	size_t n = 0, i;

	while (n < cap && s[n])
		n++;
	if (n == cap || !n)
		return -EINVAL;
	entry_kind(s, &body);
	n -= (size_t)(body - s);
	if (n && body[n - 1] == '*')
		n--;
	/* "*" alone would allow every owner of its kind. */
	if (!n)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (!name_char(body[i]))
			return -EINVAL;
	return 0;
}

bool lkrg_hook_owner_match(const char *entry, enum lkrg_owner_kind kind,
			   const char *name)
{
	const char *body;
	size_t n;

	if (entry_kind(entry, &body) != kind)
		return false;
	n = strlen(body);
	if (n && body[n - 1] == '*')
		return !strncmp(body, name, n - 1);
	return !strcmp(body, name);
}
