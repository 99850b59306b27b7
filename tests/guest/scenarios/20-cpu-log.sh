# shellcheck shell=sh
# Per-CPU guard at log_only (kint_enforce, smep_enforce, smap_enforce = 1),
# attacks made for real by clkrg_cpu_tamper.ko from CPU 1: one gate of the
# IDT redirected, CPU 1 switched to a private copy of the IDT (IDTR base),
# SYSENTER_EIP moved, CR4.SMEP, CR4.SMAP and CR0.WP cleared with a raw mov.
# Each time one force-run exits 1 with a violation event cpu/<idt|msr|cr>
# "cpu1 <WHAT>", action logged, values[0] = {WHAT, old, new}, for
# SYSENTER_EIP the location and address it now leads to, naming only CPU 1
# (the IDT gate: both CPUs, they share one table); the next force-run
# reports it again; the change is still in place; once the module undoes
# it, a force-run is clean.
# plan: 74
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

# log_round KIND
log_round() {
	_obj=$(cpt_obj "$1")
	_what=$(cpt_what "$1")
	_since=$(next_seq)
	ok "$1: tamper on cpu1" cpt_attack "$1"
	expect_exit 1 lkrg-cli force-run
	expect_cpu_event "$_since" "$_obj" "cpu1 $_what" logged
	expect_value0 "$_what" "$(cpt_old "$1")" "$(cpt_new "$1")"
	expect_location "$1"
	only_cpu1_reported "$_since" "$1"
	_since=$(next_seq)
	expect_exit 1 lkrg-cli force-run
	expect_cpu_event "$_since" "$_obj" "cpu1 $_what" logged
	ok "$1: cpu1 still has the change (log_only leaves it)" cpt_tampered "$1"
	ok "$1: undo on cpu1" cpt_undo "$1"
	expect_exit 0 lkrg-cli force-run
}

# User tasks stay off CPU 1 while its CR0.WP is clear.
cpt_pin_cpu0
# No timer checks, no rate limit: every event comes from our force-runs.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
expect_exit 0 lkrg-cli policy set smep_enforce=1
expect_exit 0 lkrg-cli policy set smap_enforce=1
ok "insmod clkrg_cpu_tamper.ko" cpt_load
expect_exit 0 lkrg-cli force-run
for kind in idt idtbase msr smep smap wp; do
	log_round "$kind"
done
if kernel_log | grep -q 'clkrg: ALERT: DETECT: cpu/cr cpu1 CR0\.WP'; then
	pass "kernel log has 'clkrg: ALERT: DETECT: cpu/cr cpu1 CR0.WP'"
else
	fail "kernel log has 'clkrg: ALERT: DETECT: cpu/cr cpu1 CR0.WP'" \
		"$(kernel_log | grep 'clkrg:' | tail -n 10)"
fi
dmesg_clean
