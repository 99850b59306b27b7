# shellcheck shell=sh
# 200 back-to-back "lkrg-cli force-run" from 4 concurrent callers on a
# clean system: all exit 0, no violation, and no pile-up: the "manual"
# stats row has fired == 200 == started + coalesced, and a last force-run
# is clean.
# plan: 10
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

CALLERS=4
PER_CALLER=50

# storm_caller N: PER_CALLER force-runs; the exit codes that are not 0 go to
# /tmp/storm.N.
storm_caller() {
	: >"/tmp/storm.$1"
	_i=0
	while [ "$_i" -lt "$PER_CALLER" ]; do
		_rc=0
		lkrg-cli force-run >/dev/null 2>&1 || _rc=$?
		[ "$_rc" -eq 0 ] || echo "$_rc" >>"/tmp/storm.$1"
		_i=$((_i + 1))
	done
}

# No timer checks: every check is asked for by a caller.
expect_exit 0 lkrg-cli policy set kint_validate=1
checks0=$(status_field checks)
since=$(next_seq)
pids=
n=1
while [ "$n" -le "$CALLERS" ]; do
	storm_caller "$n" &
	pids="$pids $!"
	n=$((n + 1))
done
waited=0
for p in $pids; do
	wait "$p" && waited=$((waited + 1))
done
is "$waited" "$CALLERS" "$CALLERS callers finished"
is "$(cat /tmp/storm.*)" "" "$((CALLERS * PER_CALLER)) force-runs from $CALLERS callers all exit 0"

row=$(stats_row manual)
diag "stats manual: $row"
diag "checks run: $(($(status_field checks) - checks0))"
fired=$(json_field "$row" fired)
started=$(json_field "$row" started)
coalesced=$(json_field "$row" coalesced)
is "$fired" "$((CALLERS * PER_CALLER))" "stats manual: fired == $((CALLERS * PER_CALLER))"
is "$((${started:-0} + ${coalesced:-0}))" "$fired" \
	"stats manual: started + coalesced == fired"
is "$(json_field "$row" violations)" 0 "stats manual: no violations"
is "$(events_since "$since" | select_events type=violation)" "" \
	"no violation event"
expect_exit 0 lkrg-cli force-run
expect_exit 0 lkrg-cli --json status
dmesg_clean
