# shellcheck shell=sh
# Module guard, attack 3: a module that is hidden when it goes LIVE.
# clkrg_modhide.ko hide_at_init=1 takes itself off the module list inside
# module_init. Right after insmod, before any force-run, "lkrg-cli --json
# events" holds "clkrg_modhide: entered LIVE state hidden from the module
# list" (category module, object module_list, found by no check). Then
# force-run exits 1 with "hidden from the module list"; back on the list
# it is clean and unloads. A second load with hide_at_init=1 is reported
# the same way.
# plan: 30
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

MOD=clkrg_modhide

not_listed() {
	! module_loaded "$1"
}

# load_hidden N
load_hidden() {
	_since=$(next_seq)
	ok "load $N: insmod $MOD hide_at_init=1" mh_load hide_at_init=1
	ok "load $N: $MOD is not in /proc/modules" not_listed $MOD
	is "$(cat "$MH_PARAMS/hidden")" 1 "load $N: $MOD says it is hidden"
	expect_module_event "$_since" module_list \
		"$MOD: entered LIVE state hidden from the module list"
	is "$(json_field "$MOD_EV" check_id)" 0 "load $N: reported by no check"
	is "$(json_field "$MOD_EV" action)" logged "load $N: action logged"
	expect_exit 1 lkrg-cli force-run
	expect_module_event "$_since" module_list "$MOD: hidden from the module list"
	ok "load $N: unhide $MOD" mh_set hidden 0
	ok "load $N: $MOD is in /proc/modules" module_loaded $MOD
	force_run_clean "load $N: $MOD back on the module list"
	ok "load $N: rmmod $MOD" rmmod $MOD
	force_run_clean "load $N: $MOD unloaded"
}

# Checks only on demand and on module events; every event passes.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
force_run_clean "before the load"
N=1
load_hidden
N=2
load_hidden
dmesg_clean
