# shellcheck shell=sh
# Exploit detection, pcfi_enforce=4 (panic) given at insmod with
# pcfi_validate=2: the forged return address into security_capable
# panics the kernel.
# plan: 4
# no-autoload
# expect: panic
# expect-console: clkrg: ALERT: PANIC: task/task_stack return address
# expect-console: Kernel panic - not syncing: clkrg
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

ok "insmod clkrg.ko pcfi_validate=2 pcfi_enforce=4" insmod "$CLKRG_KO" pcfi_validate=2 pcfi_enforce=4
set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
dmesg_clean
flush_results
attack PCFI
diag "pint_attack returned: the kernel did not panic"
