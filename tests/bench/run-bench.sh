#!/bin/sh
# `make bench`: one QEMU guest boot (TCG, -cpu max, -smp 2 -m 512M, like the
# kernel suite) that measures clkrg and prints a table. Every figure is a
# TCG guest figure: emulated, not what real hardware would show, and only
# comparable with other figures of the same table.
#
#   tests/bench/run-bench.sh [--kver KVER] [--timeout S]
#   tests/bench/run-bench.sh --report     # the table of the last run again
#   tests/bench/run-bench.sh --check-only [--report]
#                                         # part 2 alone, in 4 rounds
#
# Needs the top-level "make" products (cli/lkrg-cli,
# libclkrg/libclkrg.so.1) and builds clkrg.ko for KVER from the sources
# (scripts/build-module.sh); override with CLKRG_KO, LKRG_CLI, LIBCLKRG.
# Builds tests/bench (clkrg_readfloor.ko, static bench_events and
# bench_syscalls) and an initramfs under build/bench/, boots
# tests/bench/bench.sh with the suite's tests/vm/boot-scenario.sh and
# tabulates its "# bench: ..." lines:
#   1. event stream: produced -> reader's poll() wake (median, p99) and the
#      events/s one reader drains without loss (bench_events.c), once with
#      the guest's serial console printing each event's log line, once quiet;
#   2. a full check (lkrg-cli --json force-run, median of 15) next to
#      reading the same regions (clkrg_readfloor.ko, median of 15 passes);
#   3. a getppid + open/close workload, clkrg not loaded vs loaded with
#      interval=5, medians of 6 interleaved rounds each (ABBA order).
# The table goes to stdout and build/bench/results.txt; the boot's logs
# stay in build/bench/out/. Exit 0 when every step ran.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build/bench

die() {
	echo "bench: $*" >&2
	exit 2
}

kver=${KVER:-}
timeout_s=480
report_only=0
check_only=0
while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=${2:?--kver needs a value}; shift ;;
	--timeout) timeout_s=${2:?--timeout needs a value}; shift ;;
	--report) report_only=1 ;;
	--check-only) check_only=1 ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done
[ -n "$kver" ] || kver=$("$top/scripts/pick-kver.sh")
scenario=$top/tests/bench/bench.sh
out=$build/out
if [ "$check_only" -eq 1 ]; then
	scenario=$top/tests/bench/bench-check.sh
	out=$build/check-out
fi
raw=$out/results.clean

# shellcheck source=tests/bench/boot-bench.sh
. "$top/tests/bench/boot-bench.sh"

[ "$report_only" -eq 1 ] ||
	bench_boot bench "$build" "$scenario" "$out" "$timeout_s" \
		"TCG, -smp 2 -m 512M; about 3 minutes on an idle host"
[ -s "$raw" ] || die "no $raw: run the bench first"
secs=$(cat "$out/boot-seconds" 2>/dev/null || echo '?')
load=$(cat "$out/host-load" 2>/dev/null || echo '? ?')

# ---- check-only table: one ratio per round, and their median ----------------------
if [ "$check_only" -eq 1 ]; then
	sed -n 's/^# bench: //p' "$raw" | awk -v kver="$kver" -v secs="$secs" -v load="$load" '
function field(line, key,    n, i, a) {
	n = split(line, a, " ")
	for (i = 1; i <= n; i++)
		if (index(a[i], key "=") == 1)
			return substr(a[i], length(key) + 2)
	return ""
}
function median(v, n,    i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
			t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
		}
	if (n == 0)
		return 0
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
/^floor / { r = field($0, "round"); fl[r] = field($0, "median_ns") + 0; bytes = field($0, "bytes") }
/^check / {
	r = field($0, "round"); nc[r]++; cv[r, nc[r]] = field($0, "duration_ns") + 0
	cbytes = field($0, "bytes"); if (r > nr) nr = r
}
/^phase / { ph[++nph] = $0 }
END {
	printf "clkrg bench --check-only: TCG guest, one boot of %s (%s s), host load %s\n", kver, secs, load
	printf "full check (force-run) vs reading the same bytes (clkrg_readfloor), per round:\n"
	for (r = 1; r <= nr; r++) {
		for (i = 1; i <= nc[r]; i++) t[i] = cv[r, i]
		m = median(t, nc[r])
		ratio[r] = fl[r] > 0 ? m / fl[r] : 0
		printf "  round %d: check median %7.2f ms (min %.2f) of %d, read %6.2f ms, ratio %5.2f x\n",
		    r, m / 1e6, t[1] / 1e6, nc[r], fl[r] / 1e6, ratio[r]
	}
	printf "  bytes: check %s, read %s\n", cbytes, bytes
	printf "  median of %d round ratios: %.2f x\n", nr, median(ratio, nr)
	for (i = 1; i <= nph; i++) print "  " ph[i]
}' | tee "$build/check-results.txt"
	exit 0
fi

# ---- table -----------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
sed -n 's/^# bench: //p' "$raw" | awk -v kver="$kver" -v secs="$secs" -v load="$load" \
	-v host="${cpu:-unknown CPU}, $(nproc) CPUs" -v qemu="$(qemu-system-x86_64 --version | head -n 1)" '
# field(line, key): the value of key=value in a line, or "".
function field(line, key,    n, i, a) {
	n = split(line, a, " ")
	for (i = 1; i <= n; i++)
		if (index(a[i], key "=") == 1)
			return substr(a[i], length(key) + 2)
	return ""
}
# median of v[1..n] (sorted in place); mean of the two middle values if n is even.
function median(v, n,    i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
			t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
		}
	if (n == 0)
		return 0
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function row(label, value) {
	printf "  %-58s %s\n", "TCG guest: " label, value
}
/^event_latency_us / {
	m = field($0, "console")
	lat_med[m] = field($0, "median"); lat_p99[m] = field($0, "p99")
	lat_n[m] = field($0, "samples")
}
/^drain_events_per_s=/ {
	m = field($0, "console")
	drain[m] = field($0, "drain_events_per_s"); drain_n[m] = field($0, "events")
	drain_lost[m] = field($0, "lost_records")
}
/^floor / {
	floor_med = field($0, "median_ns"); floor_min = field($0, "min_ns")
	floor_max = field($0, "max_ns"); floor_bytes = field($0, "bytes")
	floor_n = field($0, "passes")
}
/^check / {
	chk[++nchk] = field($0, "duration_ns") + 0; chk_bytes = field($0, "bytes")
	chk_regions = field($0, "regions")
}
/^syscalls / { iters = field($0, "iters") }
/^round / {
	if (field($0, "state") == "on") {
		on[++non] = field($0, "ns") + 0; checks[non] = field($0, "checks") + 0
		share[non] = on[non] > 0 ? checks[non] * field($0, "last_check_ns") / on[non] : 0
		pair_on[field($0, "n")] = on[non]
	} else {
		off[++noff] = field($0, "ns") + 0
		pair_off[field($0, "n")] = off[noff]
	}
}
END {
	printf "clkrg bench: every figure is from a TCG guest (QEMU -accel tcg -cpu max,\n"
	printf "-smp 2 -m 512M, one boot of %s, %s s), not from real hardware.\n", kver, secs
	printf "Host: %s; %s.\n", host, qemu
	split(load, l, " ")
	printf "Host load average (1 min) before/after the boot: %s / %s; other\n", l[1], l[2]
	printf "work on the host shows up as noise in every TCG figure.\n\n"

	print "1. Event stream (bench_events: an admin event every 2 ms; one reader)"
	print "   Each event is also a kernel-log line: printed on the guest serial"
	print "   console (loglevel 7), and with the console quiet (dmesg -n 1)."
	split("serial quiet", modes, " ")
	for (k = 1; k <= 2; k++) {
		m = modes[k]
		if (lat_n[m] != "") {
			row("latency produced -> reader woken, median, " m, sprintf("%10.1f us", lat_med[m]))
			row("latency produced -> reader woken, p99, " m, sprintf("%10.1f us   (%d samples)", lat_p99[m], lat_n[m]))
		} else
			row("latency produced -> reader woken, " m, "       n/a (bench_events failed)")
		if (drain[m] != "")
			row("drain rate, one reader, no loss, " m, sprintf("%10d events/s   (%d events, %d lost records)", drain[m], drain_n[m], drain_lost[m]))
		else
			row("drain rate, one reader, " m, "       n/a (bench_events failed)")
	}

	printf "\n2. Full integrity check vs reading the same bytes\n"
	for (i = 1; i <= nchk; i++) c[i] = chk[i]
	chk_med = median(c, nchk)
	row(sprintf("full check (lkrg-cli force-run), median of %d", nchk),
	    sprintf("%10.2f ms   (min %.2f, max %.2f; %d bytes, %d regions)",
		    chk_med / 1e6, c[1] / 1e6, c[nchk] / 1e6, chk_bytes, chk_regions))
	row(sprintf("read same regions (clkrg_readfloor), median of %d", floor_n),
	    sprintf("%10.2f ms   (min %.2f, max %.2f; %d bytes)",
		    floor_med / 1e6, floor_min / 1e6, floor_max / 1e6, floor_bytes))
	if (floor_med > 0 && nchk > 0)
		row("ratio full check / read", sprintf("%10.2f x", chk_med / floor_med))
	if (chk_med > 0)
		row("full check throughput", sprintf("%10.1f MB/s", chk_bytes / (chk_med / 1e9) / 1e6))
	if (floor_med > 0)
		row("read throughput", sprintf("%10.1f MB/s", floor_bytes / (floor_med / 1e9) / 1e6))

	printf "\n3. Syscall workload: %d x (getppid + open/close), interleaved rounds\n", iters
	off_med = median(off, noff); on_med = median(on, non); chk_per = median(checks, non)
	row(sprintf("clkrg not loaded, median of %d rounds", noff),
	    sprintf("%10.3f s    (min %.3f, max %.3f; %.0f ns/iteration)",
		    off_med / 1e9, off[1] / 1e9, off[noff] / 1e9, off_med / iters))
	row(sprintf("clkrg loaded, interval=5, median of %d rounds", non),
	    sprintf("%10.3f s    (min %.3f, max %.3f; %.0f ns/iteration)",
		    on_med / 1e9, on[1] / 1e9, on[non] / 1e9, on_med / iters))
	row("periodic checks per loaded round, median", sprintf("%10g", chk_per))
	share_med = median(share, non)
	row("time in periodic checks / loaded round, median", sprintf("%10.1f %%", share_med * 100))
	if (off_med > 0)
		row("ratio of the medians, loaded / not loaded", sprintf("%10.3f    (%+.1f %%)", on_med / off_med, (on_med / off_med - 1) * 100))
	npair = 0
	for (k in pair_on)
		if (k in pair_off && pair_off[k] > 0)
			pr[++npair] = pair_on[k] / pair_off[k]
	if (npair > 0) {
		pr_med = median(pr, npair)
		row(sprintf("median of %d round-pair ratios (on n / off n)", npair),
		    sprintf("%10.3f    (%+.1f %%; min %.3f, max %.3f)", pr_med, (pr_med - 1) * 100, pr[1], pr[npair]))
	}
}' >"$build/results.txt"
cat "$build/results.txt"
echo
echo "bench: table in $build/results.txt; raw figures in $raw"
