# shellcheck shell=sh
# shellcheck disable=SC2034,SC2154 # sets ko/cli/lib; top and kver are the caller's
# Sourced by tests/kernel-suite.sh and tests/bench/boot-bench.sh: what a
# guest boot needs on the host. The caller sets top, kver and die(), and
# for a kernel not installed in /boot kimage (its image) and kdir (its
# build tree).
#
#   vm_prereqs    dies with the apt-get line that fixes what is missing;
#                 sets ko, cli and lib (CLKRG_KO, LKRG_CLI, LIBCLKRG
#                 override the top-level "make" products; without
#                 CLKRG_KO, a stock kernel's module is built from the
#                 sources into build/kmod/KVER)

vm_prereqs() {
	for tool in qemu-system-x86_64 busybox cpio gzip timeout make gcc awk stress-ng; do
		command -v "$tool" >/dev/null ||
			die "$tool not found (apt-get install qemu-system-x86 busybox-static cpio gcc make stress-ng)"
	done
	if [ -n "${kimage:-}" ]; then
		[ -r "$kimage" ] || die "cannot read the kernel image $kimage"
		[ -d "${kdir:-}" ] || die "no kernel build tree '${kdir:-}'"
	else
		[ -r "/boot/vmlinuz-$kver" ] || die "no /boot/vmlinuz-$kver (apt-get install linux-image-$kver)"
		[ -d "/usr/src/linux-headers-$kver" ] || die "no /usr/src/linux-headers-$kver"
	fi
	# Without CLKRG_KO the module is built from the sources as they are
	# (an in-tree driver/clkrg.ko may be older than them).
	if [ -z "${CLKRG_KO:-}" ] && [ -z "${kimage:-}" ]; then
		ko=$("$top/scripts/build-module.sh" "$kver") ||
			die "clkrg.ko did not build for $kver"
	else
		ko=${CLKRG_KO:-$top/driver/clkrg.ko}
	fi
	cli=${LKRG_CLI:-$top/cli/lkrg-cli}
	lib=${LIBCLKRG:-$top/libclkrg/libclkrg.so.1}
	for f in "$ko" "$cli" "$lib"; do
		[ -f "$f" ] || die "missing $f: run 'make' at the top level first"
	done
	# Absolute: the initramfs is assembled from another directory.
	ko=$(cd "$(dirname "$ko")" && pwd)/$(basename "$ko")
	cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
	lib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)
	[ "$vermagic" = "$kver" ] ||
		die "$ko is built for '$vermagic', not $kver (make KVER=$kver)"
}
