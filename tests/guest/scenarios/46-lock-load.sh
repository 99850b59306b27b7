# shellcheck shell=sh
# The lock given at load (insmod clkrg.ko lock=1): locked from the first
# moment; shutdown, a weakening knob change and rmmod are refused, checks
# run clean.
# plan: 9
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

expect_exit 0 insmod "$CLKRG_KO" lock=1
is "$(status_field locked)" true "status: locked from load"
is "$(lkrg-cli policy get lock)" 1 "knob lock is 1"
expect_exit 4 lkrg-cli shutdown
expect_exit 4 lkrg-cli policy set kint_enforce=log_accept
expect_exit 1 rmmod clkrg
if module_loaded clkrg; then pass "clkrg still loaded"; else fail "clkrg still loaded"; fi
expect_exit 0 lkrg-cli force-run
dmesg_clean
