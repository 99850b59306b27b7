# shellcheck shell=sh
# block-modules lock: cannot be lowered (CLI exit 4, EPERM) by either
# command, refuses module loads, and pins clkrg: rmmod and rmmod -f fail.
# plan: 13
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

MOD=crc_itu_t
MOD_KO=$REAL_MODULE_DIR/crc-itu-t.ko

expect_exit 0 lkrg-cli block-modules lock
is "$(status_field block_modules)" lock "status: block_modules lock"
expect_exit 4 lkrg-cli block-modules off
expect_exit 4 lkrg-cli block-modules on
expect_exit 4 lkrg-cli policy set block_modules=off
is "$(status_field block_modules)" lock "status: still lock"
expect_exit 1 insmod "$MOD_KO"
if module_loaded $MOD; then fail "$MOD is not loaded"; else pass "$MOD is not loaded"; fi
expect_exit 1 rmmod clkrg
expect_exit 1 rmmod -f clkrg
if module_loaded clkrg; then pass "clkrg still loaded"; else fail "clkrg still loaded"; fi
expect_exit 0 lkrg-cli status
dmesg_clean
