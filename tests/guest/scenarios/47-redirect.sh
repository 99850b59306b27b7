# shellcheck shell=sh
# probe
# plan: 2
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
lkrg-cli force-run || true
lkrg-cli events | tail -n 30 | sed 's/^/# /'
dmesg | grep clkrg | tail -n 20 | sed 's/^/# /'
ok "x" true
dmesg_clean
