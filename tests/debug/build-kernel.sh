#!/bin/sh
# Builds (once) the debug kernel the kernel suite runs on with "make
# check-debug": Debian's linux-source-6.1 with x86_64_defconfig and
# tests/debug/kernel.config merged over it (KASAN, lockdep, PROVE_RCU,
# DEBUG_ATOMIC_SLEEP, kmemleak, DEBUG_OBJECTS, KFENCE, UBSAN).
#
#   tests/debug/build-kernel.sh [--tarball FILE] [--jobs N] [--print VAR]
#
# The build is cached in build/debug-kernel/<key>/, key = a hash of the
# config fragment, RECIPE below, the source tarball and the compiler, so an
# unchanged recipe never rebuilds (bump RECIPE when the steps change). The source is extracted (never built in
# place) into build/debug-kernel/src-<tarball hash>/. The compile runs under
# "nice -n 19": other guests on the machine keep their CPU.
#
# On success it prints (or, with --print VAR, prints only that value):
#   KREL=<kernel release>      uname -r of the guest
#   KIMAGE=<dir>/bzImage       the image QEMU boots
#   KDIR=<dir>/obj             the tree out-of-tree modules build against
#   KMODS=<dir>/mods           modules_install root (lib/modules/KREL/...)
# Needs: linux-source-6.1, gcc, make, bc, bison, flex, libelf-dev,
# libssl-dev, pahole (for BTF), xz-utils.
set -eu

RECIPE=1
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/debug
fragment=$here/kernel.config
cache=$top/build/debug-kernel
tarball=/usr/src/linux-source-6.1.tar.xz
jobs=$(nproc)
print=

die() {
	echo "build-kernel: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	--tarball) tarball=${2:?--tarball needs a file}; shift ;;
	--jobs) jobs=${2:?--jobs needs a number}; shift ;;
	--print) print=${2:?--print needs KREL, KIMAGE, KDIR or KMODS}; shift ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done

[ -r "$tarball" ] || die "no $tarball (apt-get install linux-source-6.1)"
for tool in gcc make bc bison flex pahole xz; do
	command -v "$tool" >/dev/null ||
		die "$tool not found (apt-get install build-essential bc bison flex libelf-dev libssl-dev pahole xz-utils)"
done

# Key: what decides the bytes of the build.
tar_sum=$(sha256sum "$tarball" | cut -c1-16)
key=$({
	cat "$fragment"
	echo "recipe $RECIPE"
	echo "$tar_sum"
	gcc --version | head -n 1
	pahole --version
} | sha256sum | cut -c1-16)
dir=$cache/$key
src=$cache/src-$tar_sum

report() {
	krel=$(cat "$dir/kernelrelease")
	case $print in
	'')
		echo "KREL=$krel"
		echo "KIMAGE=$dir/bzImage"
		echo "KDIR=$dir/obj"
		echo "KMODS=$dir/mods"
		;;
	KREL) echo "$krel" ;;
	KIMAGE) echo "$dir/bzImage" ;;
	KDIR) echo "$dir/obj" ;;
	KMODS) echo "$dir/mods" ;;
	*) die "--print: no value $print" ;;
	esac
}

if [ -f "$dir/ok" ]; then
	report
	exit 0
fi

log=$cache/build-$key.log
mkdir -p "$cache"
echo "build-kernel: building the debug kernel $key (log: $log)" >&2
start=$(date +%s)

# ---- source: extracted once per tarball ---------------------------------------
if [ ! -f "$src/.extracted" ]; then
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	nice -n 19 tar -xJf "$tarball" -C "$src.tmp" --strip-components=1 ||
		die "extracting $tarball failed"
	touch "$src.tmp/.extracted"
	mv "$src.tmp" "$src"
fi

# ---- config ----------------------------------------------------------------------
mkdir -p "$dir/obj"
kmake() {
	nice -n 19 make -C "$src" O="$dir/obj" "$@" >>"$log" 2>&1
}
kmake x86_64_defconfig || die "defconfig failed (see $log)"
"$src/scripts/kconfig/merge_config.sh" -m -O "$dir/obj" "$dir/obj/.config" "$fragment" \
	>>"$log" 2>&1 || die "merge_config failed (see $log)"
kmake olddefconfig || die "olddefconfig failed (see $log)"
# Every line of the fragment must hold in the final config: a silently
# dropped option (an unmet dependency) would make this kernel test less.
missing=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) want=$line ;;
	'# CONFIG_'*' is not set') want=$line ;;
	*) continue ;;
	esac
	opt=$(echo "$want" | sed 's/^# //; s/[= ].*//')
	got=$(grep -E "^(# )?${opt}[= ]" "$dir/obj/.config" || true)
	case $want in
	'# '*) [ -z "$got" ] || [ "$got" = "$want" ] || missing="$missing $want (got: $got)" ;;
	*) [ "$got" = "$want" ] || missing="$missing $want (got: ${got:-absent})" ;;
	esac
done <"$fragment"
[ -z "$missing" ] || die "the config does not hold:$missing"

# ---- build -------------------------------------------------------------------
kmake -j"$jobs" bzImage modules || die "kernel build failed (see $log)"
rm -rf "$dir/mods"
kmake INSTALL_MOD_PATH="$dir/mods" INSTALL_MOD_STRIP=1 modules_install ||
	die "modules_install failed (see $log)"
nice -n 19 make -s -C "$src" O="$dir/obj" kernelrelease >"$dir/kernelrelease"
cp "$dir/obj/arch/x86/boot/bzImage" "$dir/bzImage"
echo "build-kernel: built $(cat "$dir/kernelrelease") in $(($(date +%s) - start))s" >&2
touch "$dir/ok"
report
