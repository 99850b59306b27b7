# shellcheck shell=sh
# The fuzzer (fuzz): 1,000,000 random calls as root from 4 processes at
# once (ioctls in and around the magic, driven by the table generated from
# the header; read() with tiny to huge buffers and bad pointers; lseek;
# poll; close and reopen), then 1,000,000 as uid 65534 holding root-opened
# descriptors, while clkrg_storm.ko trickles events into a 64-slot ring so
# that reads meet records and LOST ranges. No oops or warning, only
# documented errors, contiguous records, nothing changed by nobody, and
# status.objects back to its start value (12-fuzz-leak shows that this
# assertion fails when the module leaks).
# plan: 29
# kmemleak: clean
# no-autoload
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

STORM=/sys/module/clkrg_storm/parameters

# log_level 2: the storm's info records make no kernel-log lines
ok "insmod clkrg.ko test_hooks=1 event_slots=64 log_level=2 kint_validate=1" \
	insmod "$CLKRG_KO" test_hooks=1 event_slots=64 log_level=2 kint_validate=1
ok "insmod clkrg_storm.ko (about 2000 events/s from kthreads)" \
	insmod /lib/clkrg/test/clkrg_storm.ko thread_delay_us=1000 timer_period_us=0
echo 1 >"$STORM/run"

run_tap "fuzz as root" /lib/tests/bin/fuzz --calls 1000000 --procs 4
# the root run set knobs at random; no periodic checks while nobody runs
expect_exit 0 lkrg-cli policy set kint_validate=1
run_tap "fuzz as nobody" /lib/tests/bin/fuzz --calls 1000000 --procs 4 --nobody

echo 0 >"$STORM/run"
ok "rmmod clkrg_storm" rmmod clkrg_storm
dmesg_clean
