# shellcheck shell=sh
# Panic-level enforcement: with kint_enforce=4 (panic) the check that finds
# a patched .text byte panics the kernel with clkrg's message.
# plan: 4
# expect: panic
# expect-console: clkrg: ALERT: PANIC: kernel/ktext \.text at __x64_sys_acct\+
# expect-console: Kernel panic - not syncing: clkrg: integrity violation found by check
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

expect_exit 0 lkrg-cli policy set kint_enforce=4
ok "insmod clkrg_tamper.ko" tamper_load
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
dmesg_clean
flush_results
lkrg-cli force-run || true
diag "force-run returned: the kernel did not panic"
