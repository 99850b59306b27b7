# shellcheck shell=sh
# Event storm: clkrg_storm.ko emits "test" records (clkrg_test_emit) at
# full speed from a kthread pinned to each CPU and from pinned hard-irq
# hrtimers into a 64-slot ring while 4 readers read, each differently
# (storm_reader). Every reader sees strictly increasing sequence numbers,
# every gap named by one LOST record, and delivered + lost == produced
# exactly; info records are never rate-limited.
# plan: 27
# no-autoload
# timeout: 90
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

STORM=/sys/module/clkrg_storm/parameters

ok "insmod clkrg.ko test_hooks=1 event_slots=64 log_level=0 kint_validate=1" \
	insmod "$CLKRG_KO" test_hooks=1 event_slots=64 log_level=0 kint_validate=1
ok "insmod clkrg_storm.ko" insmod /lib/clkrg/test/clkrg_storm.ko
echo 0 >"$STORM/thread_delay_us"
echo 200 >"$STORM/timer_period_us"
echo 2 >"$STORM/timer_burst"
suppressed=$(status_field events_suppressed)

run_tap storm_reader /lib/tests/bin/storm_reader --readers 4 --seconds 5

is "$(status_field events_suppressed)" "$suppressed" "no storm record was rate-limited (events_suppressed unchanged)"
is "$(cat "$STORM/run")" 0 "the storm is stopped"
ok "rmmod clkrg_storm" rmmod clkrg_storm
dmesg_clean
