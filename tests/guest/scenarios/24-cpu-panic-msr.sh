# shellcheck shell=sh
# Panic-level integrity enforcement covers the CPU's MSRs: with
# kint_enforce=4 (panic) the check that finds SYSENTER_EIP moved on CPU 1
# panics the kernel with clkrg's message, naming where it now leads.
# plan: 6
# expect: panic
# expect-console: clkrg: ALERT: PANIC: cpu/msr cpu1 SYSENTER_EIP at entry_SYSENTER_compat\+0x10/
# expect-console: Kernel panic - not syncing: clkrg: integrity violation found by check
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set kint_enforce=4
ok "insmod clkrg_cpu_tamper.ko" cpt_load
ok "msr: tamper on cpu1" cpt_attack msr
ok "cpu1 has SYSENTER_EIP moved before the check" cpt_tampered msr
dmesg_clean
flush_results
lkrg-cli force-run || true
diag "force-run returned: the kernel did not panic"
