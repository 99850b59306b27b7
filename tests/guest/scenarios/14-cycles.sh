# shellcheck shell=sh
# 50 cycles of load, open readers, generate events (clkrg_storm burst and
# a short storm from kthreads and hard irqs), shutdown, close, unload
# (cycles): objects seen from fresh handles return to the same start value,
# readers end with the shutdown record and EOF, unload works at once; two
# more cycles with test_leak=1 must fail that objects check. No oops.
# Under kmemleak the two test_leak=1 cycles leave their deliberate leaks,
# allocated in clkrg's open(); the module that made them is gone by the
# scan, so its own symbols do not resolve and each report must name
# chrdev_open instead. A leak from anywhere else fails the scenario.
# plan: 18
# kmemleak: expect chrdev_open
# no-autoload
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

# clkrg_storm binds to clkrg_test_emit per use, so clkrg can come and go
ok "insmod clkrg_storm.ko before clkrg" insmod /lib/clkrg/test/clkrg_storm.ko
run_tap cycles /lib/tests/bin/cycles --cycles 50 --leak-cycles 2
if module_loaded clkrg; then fail "clkrg is not loaded after the last cycle"; else pass "clkrg is not loaded after the last cycle"; fi
ok "rmmod clkrg_storm" rmmod clkrg_storm
ok "insmod clkrg.ko once more" insmod "$CLKRG_KO"
expect_exit 0 lkrg-cli status
dmesg_clean
