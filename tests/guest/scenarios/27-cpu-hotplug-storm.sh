# shellcheck shell=sh
# CPU hotplug under load: CPU 1 goes offline and online 8 times while 2
# callers run 30 force-runs each. Every hotplug step and force-run
# succeeds, nothing is reported, the "cpu" stats row has fired == 16 ==
# started + coalesced and the "manual" row fired == started + coalesced;
# afterwards a force-run is clean and CPU 1 is still guarded (SYSENTER_EIP
# moved on it is reported).
# plan: 17
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

CPU1=/sys/devices/system/cpu/cpu1/online
CYCLES=8
CALLERS=2
PER_CALLER=30

# hp_caller N: PER_CALLER force-runs; exit codes other than 0 go to
# /tmp/hp.N.
hp_caller() {
	: >"/tmp/hp.$1"
	_i=0
	while [ "$_i" -lt "$PER_CALLER" ]; do
		_rc=0
		lkrg-cli force-run >/dev/null 2>&1 || _rc=$?
		[ "$_rc" -eq 0 ] || echo "$_rc" >>"/tmp/hp.$1"
		_i=$((_i + 1))
	done
}

cpu_row_settled() {
	_r=$(stats_row cpu)
	_f=$(json_field "$_r" fired)
	_s=$(json_field "$_r" started)
	_c=$(json_field "$_r" coalesced)
	[ "$_f" = "$((CYCLES * 2))" ] && [ "$((_s + _c))" -eq "$_f" ]
}

cpt_pin_cpu0
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_cpu_tamper.ko" cpt_load
since=$(next_seq)
pids=
n=1
while [ "$n" -le "$CALLERS" ]; do
	hp_caller "$n" &
	pids="$pids $!"
	n=$((n + 1))
done
hp_failed=
c=1
while [ "$c" -le "$CYCLES" ]; do
	echo 0 >"$CPU1" || hp_failed="$hp_failed offline#$c"
	echo 1 >"$CPU1" || hp_failed="$hp_failed online#$c"
	c=$((c + 1))
done
is "$hp_failed" "" "$CYCLES offline/online cycles of cpu1 succeed"
waited=0
for p in $pids; do
	wait "$p" && waited=$((waited + 1))
done
is "$waited" "$CALLERS" "$CALLERS callers finished"
is "$(cat /tmp/hp.*)" "" "$((CALLERS * PER_CALLER)) force-runs during hotplug all exit 0"
if wait_for 30 cpu_row_settled; then
	pass "stats cpu: fired == $((CYCLES * 2)) == started + coalesced"
else
	fail "stats cpu: fired == $((CYCLES * 2)) == started + coalesced" \
		"row: $(stats_row cpu)"
fi
diag "stats cpu: $(stats_row cpu)"
expect_exit 0 lkrg-cli force-run
row=$(stats_row manual)
diag "stats manual: $row"
is "$(json_field "$row" fired)" "$((CALLERS * PER_CALLER + 1))" \
	"stats manual: fired == $((CALLERS * PER_CALLER + 1))"
is "$(($(json_field "$row" started) + $(json_field "$row" coalesced)))" \
	"$(json_field "$row" fired)" "stats manual: started + coalesced == fired"
is "$(events_since "$since" | select_events type=violation)" "" \
	"no violation event"
since=$(next_seq)
ok "msr: tamper on cpu1" cpt_attack msr
expect_exit 1 lkrg-cli force-run
expect_cpu_event "$since" msr "cpu1 SYSENTER_EIP" logged
ok "msr: undo on cpu1" cpt_undo msr
expect_exit 0 lkrg-cli force-run
dmesg_clean
