# shellcheck shell=sh
# shellcheck disable=SC2154 # top, kver and raw are the caller's
# Sourced by tests/bench/run-bench.sh and run-bench-pint.sh: the build and
# the one guest boot they share. The caller sets top, kver, raw and die().
#
#   bench_boot NAME BUILD SCENARIO OUT TIMEOUT HOW_LONG [MAKE_TARGET...]
#
# Checks the prerequisites (tests/vm/prereqs.sh), builds tests/bench
# into BUILD (the MAKE_TARGETs, or everything), an initramfs with SCENARIO,
# boots it with tests/vm/boot-scenario.sh (logs in OUT, the guest's results
# in $raw) and keeps the boot's length and the host's load before and after
# in OUT/boot-seconds and OUT/host-load. NAME prefixes the messages;
# HOW_LONG says what the boot is and how long it takes.

# shellcheck source=tests/vm/prereqs.sh
. "$top/tests/vm/prereqs.sh"

bench_boot() {
	_name=$1 _build=$2 _scenario=$3 _out=$4 _timeout=$5 _how=$6
	shift 6
	vm_prereqs

	mkdir -p "$_build/modules"
	echo "$_name: building the guest side and the initramfs for $kver"
	make -s -C "$top/tests/bench" KVER="$kver" OUT="$_build" "$@" \
		>"$_build/make.log" 2>&1 ||
		{ cat "$_build/make.log" >&2; die "building tests/bench failed"; }
	"$top/tests/vm/build-initramfs.sh" --kver "$kver" --out "$_build/initramfs.cpio.gz" \
		--root "$_build/rootfs" --module "$ko" --cli "$cli" --lib "$lib" \
		--guest-bin "$_build/guest" --test-modules "$_build/modules" \
		--extra-scenario "$_scenario"

	echo "$_name: booting $kver under QEMU ($_how) ..."
	_start=$(date +%s)
	_load0=$(cut -d' ' -f1 /proc/loadavg)
	_rc=0
	"$top/tests/vm/boot-scenario.sh" --kver "$kver" --initrd "$_build/initramfs.cpio.gz" \
		--scenario "$_scenario" --out "$_out" \
		--timeout "$_timeout" >"$_build/boot.log" 2>&1 || _rc=$?
	echo "$(($(date +%s) - _start))" >"$_out/boot-seconds"
	echo "$_load0 $(cut -d' ' -f1 /proc/loadavg)" >"$_out/host-load"
	if [ "$_rc" -ne 0 ] || [ ! -s "$raw" ]; then
		cat "$_build/boot.log" >&2
		die "the bench boot failed (logs in $_out)"
	fi
}
