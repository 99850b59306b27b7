# shellcheck shell=sh
# Guest side of `make bench`'s exploit-detection part
# (tests/bench/run-bench-pint.sh), one boot:
#   1. syscall microbenchmarks (bench_micro: open_close, stat, setresuid,
#      fork_wait, fork_exec, pipe_pingpong, mmap_munmap), each calibrated
#      once to ~1 s with clkrg not loaded, then ROUNDS rounds per state,
#      clkrg not loaded ("off") and loaded with the default policy ("on"),
#      interleaved in ABBA order (off on | on off | off on ...; clkrg stays
#      loaded across two neighbouring "on" rounds). In "on" rounds the hook
#      table (lkrg-cli --json hooks) is read between benchmarks, outside
#      the timed loops, so each benchmark's hook hits are known; a
#      back-to-back pair of reads gives what the reads themselves add
#      (the "off" rounds run the same, failing, lkrg-cli between benchmarks).
#      Before each rmmod the whole hook table is dumped.
#   2. one all-task verification (lkrg-cli --json force-run: tasks,
#      tasks_ns) FORCE_RUNS times with no extra tasks, with 1,000 and with
#      10,000 parked threads (clkrg loaded with interval=1800 so that no
#      periodic check runs beside them).
# Figures go out as "# bench: ..." diagnostics for the host to tabulate; the
# results only say each step ran. Every figure is a TCG guest figure.
# plan: 14
# no-autoload
# qemu-mem: 2G
# timeout: 1500
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

BIN=/lib/tests/bin
MICRO=$BIN/bench_micro
ROUNDS=12		# rounds per state
ROUND_SECS=1			# one benchmark's run, calibrated without clkrg
FORCE_RUNS=5			# force-runs per task count
TASK_COUNTS="1000 10000"

bench() {
	printf '# bench: %s\n' "$*"
}

# hooks_snap FILE: "symbol active hits" per hook row.
hooks_snap() {
	timeout 20 lkrg-cli --json hooks 2>/dev/null |
		sed -n 's/.*"symbol":"\([^"]*\)".*"active":\([a-z]*\).*"hits":\([0-9]*\).*/\1 \2 \3/p' >"$1"
}

# hooks_delta BEFORE AFTER: " symbol=hits" for every hook whose hits grew.
hooks_delta() {
	awk 'NR == FNR { h[$1] = $3; next }
	     { d = $3 - h[$1]; if (d) printf " %s=%d", $1, d }' "$1" "$2"
}

loads=0
loaded=0
set_state() {
	if [ "$1" = on ] && [ "$loaded" -eq 0 ]; then
		insmod "$CLKRG_KO" || return 1
		loaded=1
		loads=$((loads + 1))
		sleep 1
	elif [ "$1" = off ] && [ "$loaded" -eq 1 ]; then
		hooks_snap /tmp/hooks.dump
		while read -r _s _a _h; do
			bench "hookdump load=$loads symbol=$_s active=$_a hits=$_h"
		done </tmp/hooks.dump
		bench "load n=$loads checks=$(status_field checks)"
		rmmod clkrg || return 1
		loaded=0
	fi
}

# ---- 1. microbenchmarks ---------------------------------------------------------
BENCHES=$("$MICRO" list | tr '\n' ' ')
good=0
nb=0
for b in $BENCHES; do
	nb=$((nb + 1))
	it=$("$MICRO" calibrate "$b" "$ROUND_SECS" | sed -n 's/^iters=//p')
	case $it in
	'' | *[!0-9]*) diag "calibrate $b failed" ;;
	*)
		eval "iters_$b=$it"
		bench "calib bench=$b iters=$it secs=$ROUND_SECS"
		good=$((good + 1))
		;;
	esac
done
is "$good" "$nb" "calibrated $nb microbenchmarks to ~${ROUND_SECS} s each"

round_ok=0
hits_ok=0
# round STATE N: every benchmark once, in a fixed order.
round() {
	set_state "$1" || return 1
	sleep 1
	if [ "$1" = on ]; then
		_c0=$(status_field checks)
		hooks_snap /tmp/h0
		hooks_snap /tmp/h1
		bench "hits n=$2 bench=null iters=1$(hooks_delta /tmp/h0 /tmp/h1)"
	fi
	for _b in $BENCHES; do
		_it=
		eval "_it=\$iters_$_b"
		_out=$("$MICRO" run "$_b" "$_it") || return 1
		bench "run state=$1 n=$2 bench=$_b $_out"
		# Not loaded, lkrg-cli only fails (exit 3): the same exec
		# between benchmarks in both states.
		mv /tmp/h1 /tmp/h0 2>/dev/null || true
		hooks_snap /tmp/h1
		if [ "$1" = on ]; then
			bench "hits n=$2 bench=$_b iters=$_it$(hooks_delta /tmp/h0 /tmp/h1)"
			[ -s /tmp/h1 ] && hits_ok=$((hits_ok + 1))
		fi
	done
	if [ "$1" = on ]; then
		bench "checks n=$2 during=$(($(status_field checks) - _c0))"
	fi
	round_ok=$((round_ok + 1))
}

# ABBA: a steady drift of the guest's speed favours neither state.
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
set_state off || diag "rmmod after the rounds failed"
is "$round_ok" $((ROUNDS * 2)) "$((ROUNDS * 2)) microbenchmark rounds ran ($ROUNDS per state)"
is "$hits_ok" $((ROUNDS * nb)) "hook table read after every benchmark of every loaded round"

# ---- 2. all-task verification with more tasks ------------------------------------
ok "threads-max and pid_max raised" sh -c \
	'echo 200000 >/proc/sys/kernel/threads-max && echo 4194304 >/proc/sys/kernel/pid_max'
ok "insmod clkrg.ko interval=1800" insmod "$CLKRG_KO" interval=1800

# force_runs EXTRA: FORCE_RUNS force-runs; fr_good counts the clean ones.
force_runs() {
	_good=0
	_i=1
	while [ "$_i" -le "$FORCE_RUNS" ]; do
		_j=$(timeout 120 lkrg-cli --json force-run 2>&1) || true
		_t=$(json_field "$_j" tasks)
		_tn=$(json_field "$_j" tasks_ns)
		if [ -n "$_t" ] && [ -n "$_tn" ] && [ "$(json_field "$_j" violations)" = 0 ]; then
			bench "tasks extra=$1 run=$_i tasks=$_t tasks_ns=$_tn duration_ns=$(json_field "$_j" duration_ns)"
			_good=$((_good + 1))
		else
			diag "force-run $_i with $1 extra tasks: $_j"
		fi
		_i=$((_i + 1))
	done
	fr_good=$_good
}

force_runs 0
is "$fr_good" "$FORCE_RUNS" "$FORCE_RUNS clean force-runs with tasks and tasks_ns, no extra tasks"
for N in $TASK_COUNTS; do
	rm -f /tmp/ready /tmp/stop
	t0=$(date +%s)
	"$MICRO" park "$N" /tmp/ready /tmp/stop >/tmp/park.out 2>&1 &
	pid=$!
	ok "$N threads parked" wait_for 600 test -s /tmp/ready
	bench "park extra=$N secs=$(($(date +%s) - t0)) threads=$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$pid/status)"
	force_runs "$N"
	is "$fr_good" "$FORCE_RUNS" "$FORCE_RUNS clean force-runs with $N parked threads"
	touch /tmp/stop
	rc=0
	wait $pid || rc=$?
	is "$rc" 0 "the $N threads ended, the process exited 0"
	[ "$rc" -eq 0 ] || diag "$(cat /tmp/park.out)"
done
ok "rmmod clkrg" rmmod clkrg
dmesg_clean
