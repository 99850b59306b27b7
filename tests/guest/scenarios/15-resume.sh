# shellcheck shell=sh
# Resume (resume): a reader checkpoints with SEEK_CUR, stops, events
# continue, and a seek to the checkpoint gives exactly the records it
# missed; a seek into history the 64-slot ring overwrote gives one LOST
# record naming exactly the overwritten range, then exactly the retained
# records; the lseek() rules of the header. Records come from clkrg_storm's
# burst, one tag per record, so each one is identified.
# plan: 21
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

ok "insmod clkrg.ko test_hooks=1 event_slots=64 log_level=2 kint_validate=1" \
	insmod "$CLKRG_KO" test_hooks=1 event_slots=64 log_level=2 kint_validate=1
ok "insmod clkrg_storm.ko" insmod /lib/clkrg/test/clkrg_storm.ko
run_tap resume /lib/tests/bin/resume
ok "rmmod clkrg_storm" rmmod clkrg_storm
dmesg_clean
