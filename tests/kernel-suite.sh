#!/bin/sh
# In-VM kernel test suite for clkrg.
#
#   tests/kernel-suite.sh [--kver KVER] [--only NAME...]... [--timeout S]
#   tests/kernel-suite.sh [--kver KVER] --demo
#
# Needs the top-level "make KVER=..." products: driver/clkrg.ko,
# cli/lkrg-cli, libclkrg/libclkrg.so.1 (override with CLKRG_KO, LKRG_CLI,
# LIBCLKRG; make check passes build/kmod/KVER/driver/clkrg.ko). KVER must be
# given (--kver or the environment). Builds the test-only modules
# (tests/modules), the static guest programs (tests/guest) and one
# initramfs under build/vm/KVER/, then boots every
# tests/guest/scenarios/*.sh (or those named by --only: "02-tamper",
# "02-tamper.sh" or "02") in its own QEMU guest (TCG, -cpu max).
#
# Output: TAP, one result per scenario with the guest's results as a
# subtest, then "kernel: N passed, N failed" (guest results; every harness
# problem such as a hang, a panic or a wrong result count is one more
# failure). The counts also go to tests/kernel-result.txt. Logs of each
# boot: build/vm/KVER/out/<scenario>/{console.log,results.tap,qemu.log}.
#
# --demo boots tests/guest/demo.sh instead: it flips a byte of kernel .text
# and prints what lkrg-cli and the kernel log report (no result file).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tests=$top/tests

demo=0
# The kernels whose headers are installed, for messages.
scripts_kvers() {
	for d in /usr/src/linux-headers-*; do
		[ -f "$d/.config" ] && printf ' %s' "${d#/usr/src/linux-headers-}"
	done
}
# A run that stops early still leaves a failing result for scripts/run-checks.sh.
die() {
	echo "kernel-suite: $*" >&2
	[ "$demo" -eq 1 ] || echo "0 1" >"$tests/kernel-result.txt"
	exit 2
}

kver=${KVER:-}
only=
timeout_s=120
while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=${2:?--kver needs a value}; shift ;;
	--only)
		[ -n "${2:-}" ] || die "--only needs a scenario name"
		while [ -n "${2:-}" ] && [ "${2#--}" = "$2" ]; do
			only="$only $2"
			shift
		done
		;;
	--timeout) timeout_s=${2:?--timeout needs a value}; shift ;;
	--demo) demo=1 ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done
[ -n "$kver" ] || die "no kernel given: --kver KVER (installed: $(scripts_kvers))"
build=$top/build/vm/$kver

# ---- prerequisites -----------------------------------------------------------
# shellcheck source=tests/vm/prereqs.sh
. "$tests/vm/prereqs.sh"
vm_prereqs

# ---- scenarios -----------------------------------------------------------------
selected=
for f in "$tests"/guest/scenarios/*.sh; do
	n=$(basename "$f" .sh)
	if [ -n "$only" ]; then
		keep=0
		for want in $only; do
			case $want in
			"$n" | "$n.sh" | "${n%%-*}") keep=1 ;;
			esac
		done
		[ "$keep" -eq 1 ] || continue
	fi
	selected="$selected $f"
done
[ -n "$selected" ] || die "no scenario matches:$only"

# ---- build -------------------------------------------------------------------
mkdir -p "$build"
echo "# building test modules, guest programs and initramfs for $kver"
make -s -C "$tests/modules" KVER="$kver" OUT="$build/modules" >"$build/make.log" 2>&1 ||
	{ cat "$build/make.log" >&2; die "building tests/modules failed"; }
# clkrg.ko as built for a kernel it cannot guard (09-refuse): a PREEMPT_RT
# configuration (driver/Kbuild builds only the refusal) and another release.
"$top/scripts/build-module.sh" --out "$build/refuse-config" "$kver" CONFIG_PREEMPT_RT=y \
	>>"$build/make.log" 2>&1 || { cat "$build/make.log" >&2; die "building the PREEMPT_RT clkrg.ko failed"; }
"$top/scripts/build-module.sh" --out "$build/refuse-release" "$kver" \
	KCFLAGS='-DCLKRG_BUILT_FOR=\"0.0.0-clkrg-elsewhere\"' \
	>>"$build/make.log" 2>&1 || { cat "$build/make.log" >&2; die "building the other-release clkrg.ko failed"; }
cp "$build/refuse-config/driver/clkrg.ko" "$build/modules/clkrg-refuse-config.ko"
cp "$build/refuse-release/driver/clkrg.ko" "$build/modules/clkrg-refuse-release.ko"
make -s -C "$tests/guest" OUT="$build/guest" >>"$build/make.log" 2>&1 ||
	{ cat "$build/make.log" >&2; die "building tests/guest failed"; }
"$tests/vm/build-initramfs.sh" --kver "$kver" --out "$build/initramfs.cpio.gz" \
	--root "$build/rootfs" --module "$ko" --cli "$cli" --lib "$lib" \
	--guest-bin "$build/guest" --test-modules "$build/modules"

# ---- demo ----------------------------------------------------------------------
if [ "$demo" -eq 1 ]; then
	echo "# booting $kver under QEMU (TCG) with clkrg.ko ..."
	rc=0
	"$tests/vm/boot-scenario.sh" --kver "$kver" --initrd "$build/initramfs.cpio.gz" \
		--scenario "$tests/guest/demo.sh" --out "$build/out/demo" \
		--timeout "$timeout_s" >"$build/demo.log" 2>&1 || rc=$?
	sed -n 's/^# \{0,1\}//p' "$build/out/demo/results.clean" | grep -v '^results: '
	if [ "$rc" -ne 0 ]; then
		cat "$build/demo.log"
		die "the demo failed; logs in $build/out/demo"
	fi
	echo
	echo "demo: ok (logs in $build/out/demo)"
	exit 0
fi

# ---- run -----------------------------------------------------------------------
total=$(echo "$selected" | wc -w)
echo "TAP version 13"
echo "1..$total"
passed=0
failed=0
i=0
suite_start=$(date +%s)
for f in $selected; do
	i=$((i + 1))
	n=$(basename "$f" .sh)
	"$tests/vm/boot-scenario.sh" --kver "$kver" --initrd "$build/initramfs.cpio.gz" \
		--scenario "$f" --out "$build/out/$n" --index "$i" --timeout "$timeout_s" || true
	if [ -r "$build/out/$n/counts" ]; then
		read -r p fl <"$build/out/$n/counts"
	else
		p=0 fl=1
	fi
	passed=$((passed + p))
	failed=$((failed + fl))
done
echo "# $total scenarios in $(($(date +%s) - suite_start))s"
echo "$passed $failed" >"$tests/kernel-result.txt"
echo "kernel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
