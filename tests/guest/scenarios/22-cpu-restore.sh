# shellcheck shell=sh
# Per-CPU guard at restore (kint_enforce, smep_enforce, smap_enforce = 2),
# the attacks of 20-cpu-log. CR4.SMEP, CR4.SMAP, CR0.WP cleared on CPU 1:
# one force-run exits 1 with the violation event, action restored, naming
# only CPU 1; the module reads the bit set again on CPU 1 and the next
# force-run is clean. The IDT gate, the private IDT and SYSENTER_EIP:
# restore means log only for them (action logged), the change stays, the
# next force-run reports it again, and once the module undoes it a
# force-run is clean. No kernel warning from clkrg's CR writes.
# plan: 60
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

# restore_round KIND (smep, smap, wp): clkrg puts the bit back.
restore_round() {
	_obj=$(cpt_obj "$1")
	_what=$(cpt_what "$1")
	_since=$(next_seq)
	ok "$1: tamper on cpu1" cpt_attack "$1"
	expect_exit 1 lkrg-cli force-run
	expect_cpu_event "$_since" "$_obj" "cpu1 $_what" restored
	expect_value0 "$_what" 0x1 0x0
	only_cpu1_reported "$_since" "$1"
	is "$(cpt_bit 1 "$1")" 1 "$1: clkrg set $_what again on cpu1"
	is "$(cpt_bit 0 "$1")" 1 "$1: cpu0 still has $_what"
	expect_exit 0 lkrg-cli force-run
}

# logged_round KIND (idt, msr): restore is log only for them.
logged_round() {
	_obj=$(cpt_obj "$1")
	_what=$(cpt_what "$1")
	_since=$(next_seq)
	ok "$1: tamper on cpu1" cpt_attack "$1"
	expect_exit 1 lkrg-cli force-run
	expect_cpu_event "$_since" "$_obj" "cpu1 $_what" logged
	expect_value0 "$_what" "$(cpt_old "$1")" "$(cpt_new "$1")"
	only_cpu1_reported "$_since" "$1"
	ok "$1: cpu1 still has the change (restore logs only)" cpt_tampered "$1"
	expect_exit 1 lkrg-cli force-run
	ok "$1: undo on cpu1" cpt_undo "$1"
	expect_exit 0 lkrg-cli force-run
}

# User tasks stay off CPU 1 while its CR0.WP is clear.
cpt_pin_cpu0
# No timer checks, no rate limit: every event comes from our force-runs.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
expect_exit 0 lkrg-cli policy set kint_enforce=2
expect_exit 0 lkrg-cli policy set smep_enforce=2
expect_exit 0 lkrg-cli policy set smap_enforce=2
ok "insmod clkrg_cpu_tamper.ko" cpt_load
expect_exit 0 lkrg-cli force-run
for kind in smep smap wp; do
	restore_round "$kind"
done
for kind in idt idtbase msr; do
	logged_round "$kind"
done
if kernel_log | grep -q 'clkrg: ALERT: RESTORE: cpu/cr cpu1 CR0\.WP'; then
	pass "kernel log has 'clkrg: ALERT: RESTORE: cpu/cr cpu1 CR0.WP'"
else
	fail "kernel log has 'clkrg: ALERT: RESTORE: cpu/cr cpu1 CR0.WP'" \
		"$(kernel_log | grep 'clkrg:' | tail -n 10)"
fi
dmesg_clean
