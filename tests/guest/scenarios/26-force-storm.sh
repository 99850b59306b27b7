# shellcheck shell=sh
# 200 concurrent FORCE_RUN calls on a clean system, released together
# (force_storm: 200 processes at a barrier): all return 0; every caller
# gets a check that started after its call (the ABI's promise, coalesced
# or not); fewer checks ran than calls were made. The "manual" stats row
# agrees: fired == 200 == started + coalesced, coalesced > 0, started ==
# the checks the callers saw and the status's check count grew by as
# much; no violation, and a last force-run is clean.
# plan: 16
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

CALLS=200

# No timer checks: every check is asked for by a caller.
expect_exit 0 lkrg-cli policy set kint_validate=1
checks0=$(status_field checks)
since=$(next_seq)
run_tap "force_storm $CALLS" /lib/tests/bin/force_storm "$CALLS"
seen=$(sed -n 's/^# checks \([0-9]*\) calls.*/\1/p' /tmp/run_tap.out)

row=$(stats_row manual)
diag "stats manual: $row"
fired=$(json_field "$row" fired)
started=$(json_field "$row" started)
coalesced=$(json_field "$row" coalesced)
is "$fired" "$CALLS" "stats manual: fired == $CALLS"
is "$((${started:-0} + ${coalesced:-0}))" "$CALLS" "stats manual: started + coalesced == fired"
like "${coalesced:-0}" '^[1-9][0-9]*$' "stats manual: coalesced > 0 (got ${coalesced:-?})"
is "${started:-?}" "${seen:-none}" "stats manual: started == the checks the callers got"
is "$(($(status_field checks) - checks0))" "${started:-?}" "status: checks grew by started"
is "$(json_field "$row" violations)" 0 "stats manual: no violations"
is "$(events_since "$since" | select_events type=violation)" "" \
	"no violation event"
expect_exit 0 lkrg-cli force-run
expect_exit 0 lkrg-cli --json status
dmesg_clean
