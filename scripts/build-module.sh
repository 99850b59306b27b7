#!/bin/sh
# Builds clkrg.ko for one kernel outside the source tree, so that modules
# for several kernels can sit side by side (make check tests each):
#
#   scripts/build-module.sh [--out DIR] KVER [make arguments...]
#
# Copies driver/ and include/uapi/ to DIR (default build/kmod/KVER) and
# builds there; prints the path of the module, DIR/driver/clkrg.ko.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=
if [ "${1:-}" = --out ]; then
	out=${2:?--out needs a directory}
	shift 2
fi
kver=${1:?usage: build-module.sh [--out DIR] KVER [make arguments...]}
shift
out=${out:-$top/build/kmod/$kver}
mkdir -p "$out"
out=$(cd "$out" && pwd)
kdir=${KDIR:-/usr/src/linux-headers-$kver}
[ -d "$kdir" ] || kdir=/lib/modules/$kver/build
[ -d "$kdir" ] || { echo "build-module: no headers for $kver (apt-get install linux-headers-$kver)" >&2; exit 1; }
mkdir -p "$out/driver" "$out/include"
# Sources only: build products of an in-tree build stay where they are.
(cd "$top" && find driver -name '*.[chS]' ! -name '*.mod.c' -o -name Kbuild -o -name Makefile) |
	while read -r f; do
		mkdir -p "$out/$(dirname "$f")"
		cp -p "$f" "$out/$f.new"
		if cmp -s "$out/$f.new" "$out/$f"; then rm "$out/$f.new"; else mv "$out/$f.new" "$out/$f"; fi
	done
rm -rf "$out/include/uapi"
cp -r "$top/include/uapi" "$out/include/uapi"
make -s -C "$kdir" M="$out/driver" "$@" modules >&2
echo "$out/driver/clkrg.ko"
