# shellcheck shell=sh
# Guest side of `tests/bench/run-bench.sh --check-only`: part 2 of the bench
# alone, repeated. Each round reads the regions (clkrg_readfloor.ko, clkrg
# not loaded), then loads clkrg and times force-runs; every round gives one
# ratio measured a few seconds apart in the same boot, so the host's load
# moves both sides of it alike.
# plan: 13
# no-autoload
# timeout: 480
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

FLOOR_KO=/lib/clkrg/test/clkrg_readfloor.ko
FLOOR_PARAMS=/sys/module/clkrg_readfloor/parameters
ROUNDS=4		# floor + checks, each round
CHECK_RUNS=9		# force-runs per round (and floor passes)

bench() {
	printf '# bench: %s\n' "$*"
}

r=1
while [ "$r" -le "$ROUNDS" ]; do
	ok "round $r: insmod clkrg_readfloor.ko" insmod "$FLOOR_KO" passes=$CHECK_RUNS
	bench "floor round=$r median_ns=$(cat $FLOOR_PARAMS/median_ns)" \
		"min_ns=$(cat $FLOOR_PARAMS/min_ns) max_ns=$(cat $FLOOR_PARAMS/max_ns)" \
		"bytes=$(cat $FLOOR_PARAMS/bytes) passes=$CHECK_RUNS" \
		"sip_ns=$(cat $FLOOR_PARAMS/sip_median_ns) sip13_ns=$(cat $FLOOR_PARAMS/sip13_median_ns)"
	rmmod clkrg_readfloor
	ok "round $r: insmod clkrg.ko interval=1800" insmod "$CLKRG_KO" interval=1800
	good=0
	i=1
	while [ "$i" -le "$CHECK_RUNS" ]; do
		j=$(timeout 60 lkrg-cli --json force-run 2>&1) || true
		d=$(json_field "$j" duration_ns)
		v=$(json_field "$j" violations)
		if [ -n "$d" ] && [ "$v" = 0 ]; then
			bench "check round=$r run=$i duration_ns=$d bytes=$(json_field "$j" bytes)" \
				"regions=$(json_field "$j" regions)"
			good=$((good + 1))
		else
			diag "force-run $i: $j"
		fi
		i=$((i + 1))
	done
	is "$good" "$CHECK_RUNS" "round $r: $CHECK_RUNS clean force-runs"
	rmmod clkrg
	r=$((r + 1))
done
# Phase timings of a debug build, if it prints any.
dmesg | sed -n 's/.*clkrg: PHASE /# bench: phase /p' | tail -n 80
dmesg_clean
