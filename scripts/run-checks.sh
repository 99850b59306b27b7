#!/bin/sh
# Runs lint, the unit tests, the packaging tests and the kernel suite on
# every kernel given (default: scripts/test-kvers.sh, the newest installed
# 6.1 and 6.12); the last line sums them all up. Each kernel's suite uses
# the module built for it by scripts/build-module.sh (make modules),
# build/kmod/KVER/.
#
#   scripts/run-checks.sh [KVER...]
#   scripts/run-checks.sh --debug    the kernel suite on the debug kernel
#                                    (tests/debug/build-kernel.sh)
#
# The last line is "N passed, N failed" (nothing is printed after it); the
# exit status is 0 only when nothing failed. Everything is also kept in
# build/check.log, and when something failed the lines that say what come
# again just before the sum, since a CI log is often read from its tail.
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0

add() {	# add FILE: a file holding "<passed> <failed>"
	if [ -r "$1" ]; then
		read -r p f < "$1"
	else
		echo "run-checks: $1 missing: the phase did not finish" | tee -a "$log" >&2
		p=0
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

log=build/check.log

run() {	# run CMD...: its output to the terminal and to the log
	"$@" 2>&1 | tee -a "$log"
}

finish() {
	if [ "$failed" -gt 0 ]; then
		echo "== what failed (from $log)"
		grep -E '^ *not ok |^run-checks: |Bail out!|:[0-9]+:[EF]:|^FAILED ' "$log" |
			cut -c 1-300 | head -n 80
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

mkdir -p build
: >"$log"
if [ "${1:-}" = --debug ]; then
	rm -f tests/kernel-debug-result.txt
	echo "== kernel suite on the debug kernel"
	run tests/kernel-suite.sh --debug
	add tests/kernel-debug-result.txt
	finish
fi

if [ $# -eq 0 ]; then
	# shellcheck disable=SC2046 # one word per kernel
	set -- $(scripts/test-kvers.sh) || exit 2
fi
rm -f build/lint-result.txt tests/unit/result.txt build/packaging-result.txt
start=$(date +%s)
echo "== lint (checkpatch, then sparse and W=1 for $*)"
run scripts/lint-driver.sh "$@"
add build/lint-result.txt
echo "== unit tests"
run make --no-print-directory -C tests/unit run
add tests/unit/result.txt
echo "== packaging (make install/uninstall, DKMS, make sign)"
run tests/host/packaging.sh "$1" build/packaging-result.txt
add build/packaging-result.txt
for kver in "$@"; do
	echo "== kernel suite ($kver)"
	rm -f tests/kernel-result.txt
	t=$(date +%s)
	run env CLKRG_KO="build/kmod/$kver/driver/clkrg.ko" tests/kernel-suite.sh --kver "$kver"
	echo "== kernel suite ($kver): $(($(date +%s) - t)) s"
	add tests/kernel-result.txt
done
echo "== all checks: $(($(date +%s) - start)) s"
finish
