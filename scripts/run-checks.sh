#!/bin/sh
# Runs lint, unit tests and the kernel suite; the last line sums them up.
#
#   scripts/run-checks.sh [KVER]     lint, unit tests, kernel suite on KVER
#   scripts/run-checks.sh --debug    the kernel suite on the debug kernel
#                                    (tests/debug/build-kernel.sh)
#
# The last line is "N passed, N failed" (nothing is printed after it); the
# exit status is 0 only when nothing failed.
set -u
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

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

mkdir -p build
if [ "${1:-}" = --debug ]; then
	rm -f tests/kernel-debug-result.txt
	echo "== kernel suite on the debug kernel"
	tests/kernel-suite.sh --debug 2>&1
	add tests/kernel-debug-result.txt
	finish
fi

KVER=${1:-$(scripts/pick-kver.sh)}
rm -f build/lint-result.txt tests/unit/result.txt tests/kernel-result.txt \
	build/packaging-result.txt
echo "== lint (checkpatch, sparse, W=1)"
scripts/lint-driver.sh "$KVER"
add build/lint-result.txt
echo "== unit tests"
make --no-print-directory -C tests/unit run
add tests/unit/result.txt
echo "== packaging (make install/uninstall, DKMS, make sign)"
tests/host/packaging.sh "$KVER" build/packaging-result.txt
add build/packaging-result.txt
echo "== kernel suite ($KVER)"
tests/kernel-suite.sh --kver "$KVER" 2>&1
add tests/kernel-result.txt
finish
