# shellcheck shell=sh
# Exploit detection, pint_enforce=panic: CRED_WRITE by pint_attack panics
# the kernel with clkrg's message naming the task.
# plan: 4
# expect: panic
# expect-console: clkrg: ALERT: PANIC: task/task_cred creds.*comm=pint_attack
# expect-console: Kernel panic - not syncing: clkrg
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
set_knob pint_enforce=panic
dmesg_clean
flush_results
attack CRED_WRITE
diag "pint_attack returned: the kernel did not panic"
