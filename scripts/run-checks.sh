#!/bin/sh
# Runs lint, unit tests and the kernel suite; the last line sums them up.
set -u
KVER=${1:-$(scripts/pick-kver.sh)}
passed=0
failed=0

add() {	# add FILE: a file holding "<passed> <failed>"
	if [ -r "$1" ]; then
		read -r p f < "$1"
	else
		echo "run-checks: $1 missing: the phase did not finish" >&2
		p=0
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

rm -f build/lint-result.txt tests/unit/result.txt tests/kernel-result.txt \
	build/packaging-result.txt
mkdir -p build
echo "== lint (checkpatch, sparse, W=1)"
scripts/lint-driver.sh "$KVER"
add build/lint-result.txt
echo "== unit tests"
make -C tests/unit run
add tests/unit/result.txt
echo "== packaging (make install/uninstall, DKMS, make sign)"
tests/host/packaging.sh "$KVER" build/packaging-result.txt
add build/packaging-result.txt
echo "== kernel suite ($KVER)"
tests/kernel-suite.sh --kver "$KVER"
add tests/kernel-result.txt
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
