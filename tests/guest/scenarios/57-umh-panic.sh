# shellcheck shell=sh
# Exploit detection, umh_enforce=4 (panic) given at insmod: the helper
# pint_attack installs through clkrg_vuln.ko panics the kernel before it
# runs.
# plan: 4
# no-autoload
# expect: panic
# expect-console: clkrg: ALERT: PANIC: task/umh /tmp/umh-helper\.sh
# expect-console: Kernel panic - not syncing: clkrg
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

ok "insmod clkrg.ko umh_validate=1 umh_enforce=4" insmod "$CLKRG_KO" umh_validate=1 umh_enforce=4
set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
dmesg_clean
flush_results
attack UMH --helper "$UMH_HELPER"
diag "pint_attack returned: the kernel did not panic"
