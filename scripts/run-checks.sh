#!/bin/sh
# Runs lint, the unit tests and the kernel suite on every kernel given
# (default: scripts/test-kvers.sh, the newest installed 6.1 and 6.12); the
# last line sums them all up. Each kernel's suite uses the module built for
# it by scripts/build-module.sh (make modules), build/kmod/KVER/.
#
#   scripts/run-checks.sh [KVER...]
set -u
cd "$(dirname "$0")/.." || exit 2
if [ $# -eq 0 ]; then
	# shellcheck disable=SC2046 # one word per kernel
	set -- $(scripts/test-kvers.sh) || exit 2
fi
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

rm -f build/lint-result.txt tests/unit/result.txt
mkdir -p build
start=$(date +%s)
echo "== lint (checkpatch, then sparse and W=1 for $*)"
scripts/lint-driver.sh "$@"
add build/lint-result.txt
echo "== unit tests"
make -C tests/unit run
add tests/unit/result.txt
for kver in "$@"; do
	echo "== kernel suite ($kver)"
	rm -f tests/kernel-result.txt
	t=$(date +%s)
	CLKRG_KO=build/kmod/$kver/driver/clkrg.ko tests/kernel-suite.sh --kver "$kver"
	echo "== kernel suite ($kver): $(($(date +%s) - t)) s"
	add tests/kernel-result.txt
done
echo "== all checks: $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
