// SPDX-License-Identifier: GPL-2.0
/*
 * delmod32 NAME [force]: delete_module(2) through the ia32 entry (int
 * $0x80 from this 64-bit process), as a 32-bit program would call it.
 * Prints the raw result ("0" or "-1" for EPERM...) and exits 0 on success,
 * 1 on failure, 2 on a usage error. The name lives in static memory, which
 * this static non-PIE binary maps below 4 GiB, as 32-bit pointers need.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define IA32_NR_DELETE_MODULE	129

static char name[64];

int main(int argc, char **argv)
{
	unsigned int flags = O_NONBLOCK;
	long ret;

	if (argc < 2 || argc > 3 || strlen(argv[1]) >= sizeof(name)) {
		fprintf(stderr, "usage: delmod32 NAME [force]\n");
		return 2;
	}
	if ((uintptr_t)name > 0xffffffffu) {
		fprintf(stderr, "delmod32: name at %p, above 4 GiB\n", name);
		return 2;
	}
	if (argc == 3)
		flags |= O_TRUNC;
	strcpy(name, argv[1]);
	/* int $0x80 from 64-bit mode zeroes r8-r11 on the way back. */
	__asm__ volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(IA32_NR_DELETE_MODULE),
		       "b"((unsigned int)(uintptr_t)name), "c"(flags)
		     : "memory", "r8", "r9", "r10", "r11");
	printf("%ld\n", ret);
	return ret == 0 ? 0 : 1;
}
