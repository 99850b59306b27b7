#!/bin/sh
# Style gate for the module: checkpatch (from linux-source-6.1), sparse
# (make C=2) and a W=1 build must all be clean. Writes
# build/lint-result.txt as "<passed> <failed>".
set -u
KVER=${1:-$(scripts/pick-kver.sh)}
KDIR=/usr/src/linux-headers-$KVER
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
for f in $(ls driver/*.c driver/*.h | grep -v "\.mod\.c$") driver/core/*.c driver/core/*.h \
	 include/uapi/linux/lkrg.h tests/modules/*.c; do
	[ -e "$f" ] || continue
	perl "$cp_dir/scripts/checkpatch.pl" --no-tree --quiet --terse \
		--show-types -f "$f" 2>&1 | grep -v '^total:' \
		>> "$out/checkpatch.log"
done
result "checkpatch --no-tree: no errors or warnings" "$out/checkpatch.log"

make -s -C "$KDIR" M="$PWD/driver" clean >/dev/null 2>&1
make -s -C "$KDIR" M="$PWD/driver" W=1 modules > "$out/w1.full" 2>&1
grep -E "warning:|error:" "$out/w1.full" > "$out/w1.log"
[ -f driver/clkrg.ko ] || echo "clkrg.ko not built" >> "$out/w1.log"
result "W=1 build: zero warnings" "$out/w1.log"

make -s -C "$KDIR" M="$PWD/driver" C=2 modules > "$out/sparse.full" 2>&1
grep -E "warning:|error:" "$out/sparse.full" > "$out/sparse.log"
result "sparse (C=2): zero warnings" "$out/sparse.log"

echo "$passed $failed" > build/lint-result.txt
