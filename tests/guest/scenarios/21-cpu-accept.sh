# shellcheck shell=sh
# Per-CPU guard at log_accept (kint_enforce, smep_enforce, smap_enforce =
# 0), the attacks of 20-cpu-log: one force-run exits 1 with the violation
# event, action accepted, values[0] = {WHAT, old, new}; the next force-run
# is clean (accepted into the baseline). The IDT and MSR change is still
# in place, and undoing it is a change from the accepted state too: one
# force-run exits 1 with the event, values[0] = {WHAT, new, old},
# accepted, and the next is clean. A protective CR bit set again (WP, SMEP,
# SMAP; the kernel itself sets pinned CR4 bits again whenever it rewrites
# CR4 from its shadow, as a global TLB flush does) only makes the CPU
# stricter: no event, the next force-run is clean.
# plan: 71
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

# accept_round KIND
accept_round() {
	_obj=$(cpt_obj "$1")
	_what=$(cpt_what "$1")
	_since=$(next_seq)
	ok "$1: tamper on cpu1" cpt_attack "$1"
	expect_exit 1 lkrg-cli force-run
	expect_cpu_event "$_since" "$_obj" "cpu1 $_what" accepted
	expect_value0 "$_what" "$(cpt_old "$1")" "$(cpt_new "$1")"
	only_cpu1_reported "$_since" "$1"
	expect_exit 0 lkrg-cli force-run
	_old=$(cpt_old "$1")
	_new=$(cpt_new "$1")
	_since=$(next_seq)
	case $1 in
	smep | smap | wp)
		ok "$1: set again on cpu1" cpt_undo "$1"
		expect_exit 0 lkrg-cli force-run
		is "$(events_since "$_since" | select_events type=violation category=cpu)" "" \
			"$1: set again: no event (stricter)"
		return
		;;
	esac
	ok "$1: cpu1 still has the change (accepted, not undone)" cpt_tampered "$1"
	ok "$1: undo on cpu1" cpt_undo "$1"
	expect_exit 1 lkrg-cli force-run
	expect_cpu_event "$_since" "$_obj" "cpu1 $_what" accepted
	expect_value0 "$_what" "$_new" "$_old"
	expect_exit 0 lkrg-cli force-run
}

# User tasks stay off CPU 1 while its CR0.WP is clear.
cpt_pin_cpu0
# No timer checks, no rate limit: every event comes from our force-runs.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
expect_exit 0 lkrg-cli policy set kint_enforce=0
expect_exit 0 lkrg-cli policy set smep_enforce=0
expect_exit 0 lkrg-cli policy set smap_enforce=0
ok "insmod clkrg_cpu_tamper.ko" cpt_load
expect_exit 0 lkrg-cli force-run
for kind in idt idtbase msr smep smap wp; do
	accept_round "$kind"
done
dmesg_clean
