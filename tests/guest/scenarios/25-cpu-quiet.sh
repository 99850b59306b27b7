# shellcheck shell=sh
# What the per-CPU guard must not report. CPU 1 goes offline and comes
# back: no violation; the "cpu" trigger fired at least twice and every
# firing started a check or coalesced into one; a force-run is clean, and
# CPU 1 is guarded again (its fresh baseline catches CR4.SMEP cleared and
# SYSENTER_EIP moved). msr_validate=0, smep_validate=0, smap_validate=0 let
# the matching attack pass unreported (and unrestored), each followed by a
# clean force-run; the knob only silences: SYSENTER_EIP moved while
# msr_validate=0 is reported once it is 1 again.
# plan: 59
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

CPU1=/sys/devices/system/cpu/cpu1/online

cpu_row_settled() {
	_r=$(stats_row cpu)
	_f=$(json_field "$_r" fired)
	_s=$(json_field "$_r" started)
	_c=$(json_field "$_r" coalesced)
	[ -n "$_f" ] && [ "$_f" -ge 2 ] && [ "$((_s + _c))" -eq "$_f" ]
}

# silent_round KNOB KIND: KNOB=0 lets the attack KIND pass.
silent_round() {
	expect_exit 0 lkrg-cli policy set "$1=0"
	_since=$(next_seq)
	ok "$2: tamper on cpu1" cpt_attack "$2"
	expect_exit 0 lkrg-cli force-run
	expect_no_cpu_event "$_since" "$1=0: no cpu violation event"
	ok "$2: cpu1 still has the change" cpt_tampered "$2"
	ok "$2: undo on cpu1" cpt_undo "$2"
	expect_exit 0 lkrg-cli force-run
	expect_exit 0 lkrg-cli policy set "$1=1"
	expect_exit 0 lkrg-cli force-run
}

cpt_pin_cpu0
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_cpu_tamper.ko" cpt_load
expect_exit 0 lkrg-cli force-run

# ---- hotplug ----
since=$(next_seq)
ok "cpu1 offline" sh -c "echo 0 >$CPU1"
is "$(cat /sys/devices/system/cpu/online)" 0 "only cpu0 is online"
ok "cpu1 online" sh -c "echo 1 >$CPU1"
is "$(cat /sys/devices/system/cpu/online)" 0-1 "cpu0 and cpu1 are online"
if wait_for 30 cpu_row_settled; then
	pass "stats cpu: fired >= 2, started + coalesced == fired"
else
	fail "stats cpu: fired >= 2, started + coalesced == fired" \
		"row: $(stats_row cpu)"
fi
diag "stats cpu: $(stats_row cpu)"
# Serialized behind the hotplug checks: they are done when it returns.
expect_exit 0 lkrg-cli force-run
is "$(json_field "$(stats_row cpu)" violations)" 0 "stats cpu: no violations"
expect_no_cpu_event "$since" "hotplug: no cpu violation event"
is "$(events_since "$since" | select_events type=violation)" "" \
	"hotplug: no violation event at all"
ok "cpu1 online again: tamper CR4.SMEP" cpt_attack smep
expect_exit 1 lkrg-cli force-run
expect_cpu_event "$since" cr "cpu1 CR4.SMEP" restored
is "$(cpt_bit 1 smep)" 1 "smep: clkrg set CR4.SMEP again on cpu1"
expect_exit 0 lkrg-cli force-run
since=$(next_seq)
ok "cpu1 online again: move SYSENTER_EIP" cpt_attack msr
expect_exit 1 lkrg-cli force-run
expect_cpu_event "$since" msr "cpu1 SYSENTER_EIP" logged
ok "msr: undo on cpu1" cpt_undo msr
expect_exit 0 lkrg-cli force-run

# ---- validate knobs off ----
silent_round msr_validate msr
silent_round smep_validate smep
silent_round smap_validate smap

# msr_validate=0 only silences: the baseline still has the old value.
expect_exit 0 lkrg-cli policy set msr_validate=0
since=$(next_seq)
ok "msr: tamper on cpu1 (msr_validate=0)" cpt_attack msr
expect_exit 0 lkrg-cli force-run
expect_exit 0 lkrg-cli policy set msr_validate=1
expect_exit 1 lkrg-cli force-run
expect_cpu_event "$since" msr "cpu1 SYSENTER_EIP" logged
ok "msr: undo on cpu1" cpt_undo msr
expect_exit 0 lkrg-cli force-run
dmesg_clean
