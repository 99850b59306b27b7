#!/bin/sh
# In-VM kernel test suite for clkrg.
#
#   tests/kernel-suite.sh [--kver KVER] [--only NAME...]... [--timeout S]
#   tests/kernel-suite.sh --debug [--only NAME...]...
#   tests/kernel-suite.sh --kver KREL --kernel IMAGE --kdir DIR [--kmods DIR]
#   tests/kernel-suite.sh [--kver KVER] --demo
#
# Needs the top-level "make" products: cli/lkrg-cli, libclkrg/libclkrg.so.1
# and clkrg.ko for KVER (override with CLKRG_KO, LKRG_CLI, LIBCLKRG; make
# check passes build/kmod/KVER/driver/clkrg.ko). KVER must be given (--kver
# or --debug). Builds the test-only modules (tests/modules), the static
# guest programs (tests/guest) and one initramfs under build/vm/KVER/, then
# boots every scenario of tests/guest/MANIFEST (or those named by --only:
# "02-tamper",
# "02-tamper.sh" or "02") in its own QEMU guest (TCG, -cpu max).
#
# The manifest lists every scenario with its number of results: a listed
# scenario whose file is missing, a file not listed, a plan that differs
# from the manifest, an --only name that matches no scenario, and a
# "# SKIP" result the manifest does not declare are failures.
#
# Another kernel: --kernel IMAGE boots IMAGE (release --kver KREL) and
# --kdir DIR is the build tree clkrg.ko and the test modules are built
# against (clkrg.ko in build/vm/KREL/src/driver unless CLKRG_KO is set);
# --kmods DIR is where its modules were installed (DIR/lib/modules/KREL,
# for the real modules some scenarios load). --debug does all that with
# the debug kernel of tests/debug/build-kernel.sh (built first if not
# cached): KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP, kmemleak,
# DEBUG_OBJECTS, KFENCE and UBSAN; scenarios with a "# kmemleak:" header
# are scanned for leaks after they ran, and timeouts are multiplied by
# --slow N (default 4 with --debug, else 1). Any kernel's console is
# searched for the debuggers' reports (KASAN, lockdep, RCU, sleeping in
# atomic context, UBSAN, KFENCE, ODEBUG, kmemleak, BUG:, WARNING:): one
# fails the scenario, with the report printed.
#
# Output: TAP, one result per scenario with the guest's results as a
# subtest, then "kernel: N passed, N failed" (guest results; every harness
# problem such as a hang, a panic or a wrong result count is one more
# failure). The counts also go to tests/kernel-result.txt (with --debug
# tests/kernel-debug-result.txt; --result FILE elsewhere). Logs of each
# boot: build/vm/KVER/out/<scenario>/{console.log,results.tap,qemu.log}.
#
# --demo boots tests/guest/demo.sh instead: it flips a byte of kernel .text
# and prints what lkrg-cli and the kernel log report (no result file).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tests=$top/tests
manifest=$tests/guest/MANIFEST
scenario_dir=$tests/guest/scenarios
result=

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
	[ "$demo" -eq 1 ] || echo "0 1" >"${result:-$tests/kernel-result.txt}"
	exit 2
}

kver=${KVER:-}
only=
timeout_s=120
kimage=
kdir=
kmods=
debug=0
slow=
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
	--kernel) kimage=${2:?--kernel needs an image}; shift ;;
	--kdir) kdir=${2:?--kdir needs a directory}; shift ;;
	--kmods) kmods=${2:?--kmods needs a directory}; shift ;;
	--debug) debug=1 ;;
	--slow) slow=${2:?--slow needs a factor}; shift ;;
	--result) result=${2:?--result needs a file}; shift ;;
	--demo) demo=1 ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done
case $slow in
'' | [1-9] | [1-9][0-9]) ;;
*) die "--slow needs a whole factor from 1 to 99" ;;
esac
if [ "$debug" -eq 1 ]; then
	[ -z "$kimage$kdir$kmods" ] || die "--debug picks the kernel itself"
	[ -n "$result" ] || result=$tests/kernel-debug-result.txt
	dk=$("$tests/debug/build-kernel.sh") || die "the debug kernel did not build"
	kver=$(echo "$dk" | sed -n 's/^KREL=//p')
	kimage=$(echo "$dk" | sed -n 's/^KIMAGE=//p')
	kdir=$(echo "$dk" | sed -n 's/^KDIR=//p')
	kmods=$(echo "$dk" | sed -n 's/^KMODS=//p')
	[ -n "$slow" ] || slow=4
fi
[ -n "$result" ] || result=$tests/kernel-result.txt
[ -n "$slow" ] || slow=1
if [ -z "$kver" ]; then
	[ -z "$kimage" ] || die "--kernel needs --kver (the image's release)"
	die "no kernel given: --kver KVER (installed: $(scripts_kvers))"
fi
if [ -n "$kimage" ] && [ -z "$kdir" ]; then
	die "--kernel needs --kdir (the tree modules are built against)"
fi
build=$top/build/vm/$kver

# ---- prerequisites -----------------------------------------------------------
# shellcheck source=tests/vm/prereqs.sh
. "$tests/vm/prereqs.sh"
# shellcheck source=tests/vm/manifest.sh
. "$tests/vm/manifest.sh"
mkdir -p "$build"
# clkrg.ko for a kernel of its own tree: built from a copy of driver/ (out-of-
# tree builds write next to their sources; include/ is where core/ finds it).
if [ -n "$kimage" ] && [ -z "${CLKRG_KO:-}" ]; then
	echo "# building clkrg.ko against $kdir"
	mkdir -p "$build/src"
	ln -sfn "$top/include" "$build/src/include"
	rm -rf "$build/src/driver.new"
	mkdir "$build/src/driver.new"
	(cd "$top/driver" && find . -type f \( -name '*.[chS]' -o -name Kbuild -o -name Makefile \) |
		cpio -pdm --quiet "$build/src/driver.new") || die "copying driver/ failed"
	if [ -d "$build/src/driver" ] &&
		diff -rq -x '*.o' -x '*.ko' -x '.*.cmd' -x '*.mod' -x '*.mod.c' -x 'modules.order' \
			-x 'Module.symvers' -x '.*.d' "$build/src/driver.new" "$build/src/driver" >/dev/null; then
		rm -rf "$build/src/driver.new"	# unchanged: keep the old objects
	else
		rm -rf "$build/src/driver"
		mv "$build/src/driver.new" "$build/src/driver"
	fi
	make -C "$kdir" M="$build/src/driver" modules >"$build/driver.log" 2>&1 ||
		{ cat "$build/driver.log" >&2; die "building clkrg.ko against $kdir failed"; }
	CLKRG_KO=$build/src/driver/clkrg.ko
	export CLKRG_KO
fi
vm_prereqs

# ---- scenarios -----------------------------------------------------------------
# Problems of the manifest and of --only: one failure each.
problems=$(manifest_problems "$manifest" "$scenario_dir")
for want in $only; do
	matched=0
	for n in $(manifest_entries "$manifest" | cut -d' ' -f1); do
		case $want in
		"$n" | "$n.sh" | "${n%%-*}") matched=1 ;;
		esac
	done
	[ "$matched" -eq 1 ] ||
		problems="${problems:+$problems
}--only $want matches no scenario of the manifest"
done
selected=
for n in $(manifest_entries "$manifest" | cut -d' ' -f1); do
	[ -f "$scenario_dir/$n.sh" ] || continue
	if [ -n "$only" ]; then
		keep=0
		for want in $only; do
			case $want in
			"$n" | "$n.sh" | "${n%%-*}") keep=1 ;;
			esac
		done
		[ "$keep" -eq 1 ] || continue
	fi
	selected="$selected $n"
done
[ -n "$selected" ] || [ -n "$problems" ] || die "no scenario to run"

# ---- build -------------------------------------------------------------------
echo "# building test modules, guest programs and initramfs for $kver"
make -s -C "$tests/modules" KVER="$kver" ${kdir:+KDIR="$kdir"} OUT="$build/modules" \
	>"$build/make.log" 2>&1 ||
	{ cat "$build/make.log" >&2; die "building tests/modules failed"; }
# clkrg.ko as built for a kernel it cannot guard (09-refuse): a PREEMPT_RT
# configuration (driver/Kbuild builds only the refusal) and another release.
KDIR=$kdir "$top/scripts/build-module.sh" --out "$build/refuse-config" "$kver" CONFIG_PREEMPT_RT=y \
	>>"$build/make.log" 2>&1 || { cat "$build/make.log" >&2; die "building the PREEMPT_RT clkrg.ko failed"; }
KDIR=$kdir "$top/scripts/build-module.sh" --out "$build/refuse-release" "$kver" \
	KCFLAGS='-DCLKRG_BUILT_FOR=\"0.0.0-clkrg-elsewhere\"' \
	>>"$build/make.log" 2>&1 || { cat "$build/make.log" >&2; die "building the other-release clkrg.ko failed"; }
cp "$build/refuse-config/driver/clkrg.ko" "$build/modules/clkrg-refuse-config.ko"
cp "$build/refuse-release/driver/clkrg.ko" "$build/modules/clkrg-refuse-release.ko"
make -s -C "$tests/guest" OUT="$top/build/vm/guest" >>"$build/make.log" 2>&1 ||
	{ cat "$build/make.log" >&2; die "building tests/guest failed"; }
"$tests/vm/build-initramfs.sh" --kver "$kver" --out "$build/initramfs.cpio.gz" \
	--root "$build/rootfs" --module "$ko" --cli "$cli" --lib "$lib" \
	--guest-bin "$top/build/vm/guest" --test-modules "$build/modules" \
	${kmods:+--modroot "$kmods"}

boot() {	# boot SCENARIO-FILE OUT-DIR [boot-scenario.sh options]
	_f=$1
	_o=$2
	shift 2
	"$tests/vm/boot-scenario.sh" --kver "$kver" --initrd "$build/initramfs.cpio.gz" \
		${kimage:+--kernel "$kimage"} --scenario "$_f" --out "$_o" \
		--timeout "$timeout_s" --slow "$slow" --kmemleak "$debug" "$@"
}

# ---- demo ----------------------------------------------------------------------
if [ "$demo" -eq 1 ]; then
	echo "# booting $kver under QEMU (TCG) with clkrg.ko ..."
	rc=0
	boot "$tests/guest/demo.sh" "$build/out/demo" >"$build/demo.log" 2>&1 || rc=$?
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
nproblems=0
[ -z "$problems" ] || nproblems=$(printf '%s\n' "$problems" | wc -l)
total=$(($(echo "$selected" | wc -w) + nproblems))
echo "TAP version 13"
echo "1..$total"
passed=0
failed=0
i=0
if [ -n "$problems" ]; then
	while IFS= read -r p; do
		i=$((i + 1))
		echo "not ok $i - manifest: $p"
		failed=$((failed + 1))
	done <<-EOT
	$problems
	EOT
fi
suite_start=$(date +%s)
boot_retries=0
for n in $selected; do
	i=$((i + 1))
	if ! manifest_runs "$manifest" "$n" "$kver"; then
		echo "ok $i - $n # SKIP declared in the manifest: runs on $(manifest_kver "$manifest" "$n") only"
		continue
	fi
	want=$(manifest_entries "$manifest" | sed -n "s/^$n //p")
	skips=$(manifest_skips "$manifest" "$n" "$kver")
	rc=0
	boot "$scenario_dir/$n.sh" "$build/out/$n" --index "$i" \
		--results "$want" --skips "$skips" --boot-retry 1 || rc=$?
	# The kernel failed before /init ran, trapped on an int3 no longer in
	# memory, or froze without a report (boot-scenario.sh --boot-retry:
	# TCG faults): booted once more; a second such failure is a failure.
	if [ "$rc" -eq 75 ]; then
		boot_retries=$((boot_retries + 1))
		boot "$scenario_dir/$n.sh" "$build/out/$n" --index "$i" \
			--results "$want" --skips "$skips" || true
	fi
	if [ -r "$build/out/$n/counts" ]; then
		read -r p fl <"$build/out/$n/counts"
	else
		# boot-scenario.sh itself died (killed, say): still one line.
		echo "not ok $i - $n # the harness stopped before its verdict (no $build/out/$n/counts)"
		p=0 fl=1
	fi
	passed=$((passed + p))
	failed=$((failed + fl))
done
echo "# $((i - nproblems)) scenarios in $(($(date +%s) - suite_start))s on $kver"
[ "$boot_retries" -eq 0 ] ||
	echo "# booted again after a TCG fault (the kernel failed before /init, a stale int3, or a silent freeze): $boot_retries scenario(s)"
echo "$passed $failed" >"$result"
echo "kernel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
