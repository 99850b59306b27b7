# shellcheck shell=sh
# Module guard, attack 2: a module hides itself after load, for real.
# clkrg_modhide.ko takes itself off the module list (list_del_rcu under
# module_mutex): /proc/modules no longer shows it and force-run exits 1
# with "clkrg_modhide: hidden from the module list" (category module,
# object module_list), on every force-run at log_only; back on the list,
# force-run is clean, and hiding again is found again. A hidden module's
# text is still hashed: a byte of it patched by clkrg_modtamper.ko is
# reported as well. A hide accepted by rebaseline is clean, and so is the
# module back on the list. Last (it cannot be undone): the module removes
# its own /sys/module directory (kobject_del of its mkobj) and force-run
# reports "clkrg_modhide: hidden from /sys/module".
# plan: 47
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

MOD=clkrg_modhide
HIDDEN="$MOD: hidden from the module list"

not_listed() {
	! module_loaded "$1"
}

# hide_round N
hide_round() {
	_since=$(next_seq)
	ok "round $1: hide $MOD" mh_set hidden 1
	ok "round $1: $MOD is not in /proc/modules" not_listed $MOD
	expect_exit 1 lkrg-cli force-run
	expect_module_event "$_since" module_list "$HIDDEN"
	expect_exit 1 lkrg-cli force-run
	ok "round $1: unhide $MOD" mh_set hidden 0
	ok "round $1: $MOD is back in /proc/modules" module_loaded $MOD
	force_run_clean "round $1: $MOD back on the module list"
}

# Checks only on demand and on module events; every event passes.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_modhide.ko" mh_load
ok "insmod clkrg_modtamper.ko" mt_load
force_run_clean "$MOD loaded and listed"
hide_round 1
hide_round 2

# Its text is still guarded while it hides.
_since=$(next_seq)
ok "patch $MOD:hits_get+0x8" mt_patch $MOD hits_get 0x8 poke
_addr=$(mt_info address)
ok "hide $MOD with a patched byte" mh_set hidden 1
expect_exit 1 lkrg-cli force-run
expect_module_event "$_since" module_list "$HIDDEN"
expect_module_event "$_since" module $MOD
expect_covers "$_addr"
expect_location " \\[$MOD\\]\$"
ok "restore $MOD:hits_get+0x8 while hidden" mt_restore
ok "unhide $MOD" mh_set hidden 0
force_run_clean "byte restored, $MOD back on the list"

# A hide accepted by rebaseline.
ok "hide $MOD" mh_set hidden 1
expect_exit 1 lkrg-cli force-run
expect_exit 0 lkrg-cli rebaseline
force_run_clean "the hidden $MOD accepted by rebaseline"
ok "unhide $MOD" mh_set hidden 0
force_run_clean "$MOD back on the list after the accepted hide"
expect_exit 0 lkrg-cli rebaseline
force_run_clean "rebaselined with $MOD listed"

# Out of /sys/module, for good (the module stays loaded and listed).
_since=$(next_seq)
ok "remove /sys/module/$MOD" mh_set sysfs_del 1
ok "/sys/module/$MOD is gone" wait_for 10 test ! -e /sys/module/$MOD
ok "$MOD is still in /proc/modules" module_loaded $MOD
expect_exit 1 lkrg-cli force-run
expect_module_event "$_since" module_list "$MOD: hidden from /sys/module"
expect_exit 1 lkrg-cli force-run
expect_no_module_event "$_since" "no other module_list event" \
	object=module_list name="$HIDDEN"
dmesg_clean
