# shellcheck shell=sh
# Panic-level CPU enforcement: with smep_enforce=4 (panic) the check that
# finds CR4.SMEP cleared on CPU 1 panics the kernel with clkrg's message.
# plan: 6
# expect: panic
# expect-console: clkrg: ALERT: PANIC: cpu/cr cpu1 CR4\.SMEP count=
# expect-console: Kernel panic - not syncing: clkrg: integrity violation found by check
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/cputamper.sh
. /lib/tests/cputamper.sh

expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set smep_enforce=4
ok "insmod clkrg_cpu_tamper.ko" cpt_load
ok "smep: tamper on cpu1" cpt_attack smep
is "$(cpt_bit 1 smep)" 0 "cpu1 has CR4.SMEP clear before the check"
dmesg_clean
flush_results
lkrg-cli force-run || true
diag "force-run returned: the kernel did not panic"
