#!/bin/sh
# Style gate for the module: checkpatch (from linux-source-6.1) over the
# sources, then for each kernel a W=1 build and sparse (make C=2), all of
# which must be clean. Each kernel's build runs on a copy of driver/ in
# build/lint/KVER/ (scripts/build-module.sh), so driver/ is left alone.
#
#   scripts/lint-driver.sh [KVER...]     default: scripts/test-kvers.sh
#
# Writes build/lint-result.txt as "<passed> <failed>".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
if [ $# -eq 0 ]; then
	# shellcheck disable=SC2046 # one word per kernel
	set -- $(scripts/test-kvers.sh) || exit 2
fi
out=build/lint
mkdir -p "$out"
passed=0
failed=0

result() {	# result NAME LOGFILE: pass when the log is empty
	if [ -s "$2" ]; then
		echo "not ok - $1"
		sed 's/^/#   /' "$2" | head -n 40
		failed=$((failed + 1))
	else
		echo "ok - $1"
		passed=$((passed + 1))
	fi
}

# checkpatch.pl and its data files, extracted once from the source tarball.
cp_dir=$out/checkpatch
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	mkdir -p "$cp_dir"
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$cp_dir" \
		--strip-components=1 --wildcards \
		'linux-source-6.1/scripts/checkpatch.pl' \
		'linux-source-6.1/scripts/spelling.txt' \
		'linux-source-6.1/scripts/const_structs.checkpatch'
fi
: > "$out/checkpatch.log"
for f in driver/*/*.c driver/*/*.h driver/*/*.S \
	 include/uapi/linux/lkrg.h tests/modules/*.c \
	 tests/modules/*.h; do
	case $f in *.mod.c) continue ;; esac
	[ -e "$f" ] || continue
	# Kernel versions are tested in the compatibility layers only
	# (driver/compat/, and clkrg_testmod.h for the test modules):
	# anywhere else checkpatch's LINUX_VERSION_CODE warning fails lint.
	case $f in
	driver/compat/* | tests/modules/clkrg_testmod.h)
		ignore=--ignore=LINUX_VERSION_CODE,CONSTANT_COMPARISON ;;
	*) ignore= ;;
	esac
	# shellcheck disable=SC2086 # $ignore is one word or none
	perl "$cp_dir/scripts/checkpatch.pl" --no-tree --quiet --terse \
		--show-types $ignore -f "$f" 2>&1 | grep -v '^total:' \
		>> "$out/checkpatch.log"
done
result "checkpatch --no-tree: no errors or warnings" "$out/checkpatch.log"

# The layers of driver/ (driver/Kbuild): a file includes its own folder and
# those before it in this order, never one after it.
layers="core compat services integrity exploit hooks engine device"
rank() {
	i=0
	for l in $layers; do
		[ "$l" = "$1" ] && { echo "$i"; return; }
		i=$((i + 1))
	done
	echo -1
}
: > "$out/layers.log"
for f in driver/*/*.[chS]; do
	d=${f#driver/}
	d=${d%%/*}
	rf=$(rank "$d")
	[ "$rf" -ge 0 ] || { echo "$f: folder $d is not a layer" >> "$out/layers.log"; continue; }
	# shellcheck disable=SC2013 # include names have no spaces
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		case $inc in
		../*) continue ;;	# include/uapi
		*/*) l=${inc%%/*} ;;
		*) l=$d ;;
		esac
		ri=$(rank "$l")
		if [ "$ri" -lt 0 ] || [ "$ri" -gt "$rf" ]; then
			echo "$f includes $inc (layer $l after $d)" >> "$out/layers.log"
		fi
	done
done
for f in driver/*.[chS]; do
	case $f in *.mod.c) continue ;; esac	# kbuild's, after an in-tree make
	[ -e "$f" ] && echo "$f: outside the layer folders" >> "$out/layers.log"
done
result "driver/ includes point one way ($layers)" "$out/layers.log"

for kver in "$@"; do
	dir=$out/$kver
	rm -rf "$dir"
	scripts/build-module.sh --out "$dir" "$kver" W=1 > "$out/w1-$kver.full" 2>&1
	grep -E "warning:|error:" "$out/w1-$kver.full" > "$out/w1-$kver.log"
	[ -f "$dir/driver/clkrg.ko" ] || echo "clkrg.ko not built" >> "$out/w1-$kver.log"
	result "W=1 build for $kver: zero warnings" "$out/w1-$kver.log"

	scripts/build-module.sh --out "$dir" "$kver" C=2 > "$out/sparse-$kver.full" 2>&1
	grep -E "warning:|error:" "$out/sparse-$kver.full" > "$out/sparse-$kver.log"
	result "sparse (C=2) for $kver: zero warnings" "$out/sparse-$kver.log"
done

echo "$passed $failed" > build/lint-result.txt
