# shellcheck shell=sh
# Guest side of `make bench` (tests/bench/run-bench.sh), one boot: the
# event stream (bench_events), a full check against the time to merely read
# the same bytes (clkrg_readfloor.ko), and a syscall workload with and
# without clkrg in interleaved rounds. Figures go out as "# bench: ..."
# diagnostics for the host to tabulate; the results only say each step ran.
# plan: 9
# no-autoload
# timeout: 480
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

BIN=/lib/tests/bin
FLOOR_KO=/lib/clkrg/test/clkrg_readfloor.ko
FLOOR_PARAMS=/sys/module/clkrg_readfloor/parameters
CHECK_RUNS=15		# force-runs
ROUNDS=6		# syscall rounds per state
ROUND_SECS=8		# length of one syscall round without clkrg
ROUND_INTERVAL=5	# clkrg interval= in the loaded rounds

bench() {
	printf '# bench: %s\n' "$*"
}

# ---- 2b. the read floor, with clkrg not loaded (nothing runs beside it) ----
ok "insmod clkrg_readfloor.ko passes=$CHECK_RUNS" insmod "$FLOOR_KO" passes=$CHECK_RUNS
bench "floor median_ns=$(cat $FLOOR_PARAMS/median_ns) min_ns=$(cat $FLOOR_PARAMS/min_ns)" \
	"max_ns=$(cat $FLOOR_PARAMS/max_ns) bytes=$(cat $FLOOR_PARAMS/bytes) passes=$CHECK_RUNS"
ok "rmmod clkrg_readfloor" rmmod clkrg_readfloor

# ---- 1. event stream ---------------------------------------------------------
# interval=1800: no periodic check runs beside the measurements.
ok "insmod clkrg.ko interval=1800" insmod "$CLKRG_KO" interval=1800
# Every event is also a kernel-log line, which the guest prints on its
# serial console (ttyS0, console loglevel 7): once like that, once with the
# console quiet (dmesg -n 1; the kernel log still gets every line).
rc=0
for console in serial quiet; do
	[ "$console" = serial ] || dmesg -n 1
	"$BIN/bench_events" >/tmp/bench_events.out 2>&1 || rc=$?
	sed "s/^bench: .*/& console=$console/; s/^/# /" /tmp/bench_events.out
done
dmesg -n 7
is "$rc" 0 "bench_events exits 0 (serial console, quiet console)"

# ---- 2a. full checks -----------------------------------------------------------
good=0
i=1
while [ "$i" -le "$CHECK_RUNS" ]; do
	j=$(timeout 60 lkrg-cli --json force-run 2>&1) || true
	d=$(json_field "$j" duration_ns)
	b=$(json_field "$j" bytes)
	v=$(json_field "$j" violations)
	if [ -n "$d" ] && [ -n "$b" ] && [ "$v" = 0 ]; then
		bench "check run=$i duration_ns=$d bytes=$b regions=$(json_field "$j" regions)"
		good=$((good + 1))
	else
		diag "force-run $i: $j"
	fi
	i=$((i + 1))
done
is "$good" "$CHECK_RUNS" "$CHECK_RUNS clean force-runs with a duration"
ok "rmmod clkrg" rmmod clkrg

# ---- 3. syscall workload, interleaved rounds -----------------------------------
iters=$("$BIN/bench_syscalls" calibrate "$ROUND_SECS" | sed -n 's/^iters=//p')
like "$iters" '^[0-9]+$' "bench_syscalls calibrated: ${iters:-?} iterations ~ ${ROUND_SECS} s"
bench "syscalls iters=$iters"

# round STATE N: one timed run; STATE "on" runs it with clkrg loaded.
round_ok=0
round() {
	if [ "$1" = on ]; then
		insmod "$CLKRG_KO" interval=$ROUND_INTERVAL || return 1
	fi
	sleep 1
	_out=$("$BIN/bench_syscalls" run "$iters") || return 1
	_extra=
	if [ "$1" = on ]; then
		_st=$(timeout 10 lkrg-cli --json status 2>/dev/null) || true
		_extra=" checks=$(json_field "$_st" checks) last_check_ns=$(json_field "$_st" last_check_duration_ns)"
		rmmod clkrg || return 1
	fi
	bench "round state=$1 n=$2 ${_out}${_extra}"
	round_ok=$((round_ok + 1))
}

# Pairs in ABBA order (off on, on off, ...): a steady drift of the guest's
# speed (it is often faster later in the boot) favours neither state.
n=1
while [ "$n" -le "$ROUNDS" ]; do
	if [ $((n % 2)) -eq 1 ]; then
		round off "$n" || diag "round off $n failed"
		round on "$n" || diag "round on $n failed"
	else
		round on "$n" || diag "round on $n failed"
		round off "$n" || diag "round off $n failed"
	fi
	n=$((n + 1))
done
is "$round_ok" $((ROUNDS * 2)) "$((ROUNDS * 2)) syscall rounds ran"
dmesg_clean
