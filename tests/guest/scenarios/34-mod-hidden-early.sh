# shellcheck shell=sh
# Module guard against a module that hid before clkrg was loaded.
# Phase 1: clkrg_modhide.ko hidden at init with an ftrace hook on
# ksys_sync, then clkrg loads: the first force-run exits 1 with
# "clkrg_modhide: in /sys/module but not in the module list" and "ftrace
# hook in a hidden module" (at the handler); the listed crc7, loaded before
# clkrg too, is not named. Unhooked and listed again, it is clean.
# Phase 2, after clkrg is unloaded: the module hooks, hides from the list
# AND removes its /sys/module directory, then clkrg loads again: the list
# and the kset agree, only the hook gives it away, and force-run reports
# it.
# plan: 33
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

MOD=clkrg_modhide

not_listed() {
	! module_loaded "$1"
}

hits_grew() {	# hits_grew BEFORE: a sync ran the ftrace hook
	sync
	[ "$(mh_hits ftrace)" -gt "$1" ]
}

clkrg_setup() {
	ok "insmod clkrg.ko" insmod "$CLKRG_KO"
	# Checks only on demand and on module events; every event passes.
	expect_exit 0 lkrg-cli policy set kint_validate=1
	expect_exit 0 lkrg-cli policy set ratelimit_interval=0
}

# Phase 1
ok "insmod crc7 (listed, before clkrg)" insmod "$(real_ko crc7)"
ok "insmod $MOD hide_at_init=1 (before clkrg)" mh_load hide_at_init=1
ok "$MOD is not in /proc/modules" not_listed $MOD
ok "ftrace hook on ksys_sync" mh_set ftrace_hook ksys_sync
ok "sync runs the hook" hits_grew "$(mh_hits ftrace)"
clkrg_setup
expect_exit 1 lkrg-cli force-run
expect_module_event 0 module_list "$MOD: in /sys/module but not in the module list"
expect_module_event 0 module_list "$MOD: ftrace hook in a hidden module"
expect_location '^mh_ftrace_handler\+0x0/'
expect_no_module_event 0 "crc7 is not reported" name=crc7
expect_exit 1 lkrg-cli force-run
ok "remove the ftrace hook" mh_set ftrace_hook -
ok "unhide $MOD" mh_set hidden 0
ok "$MOD is in /proc/modules" module_loaded $MOD
force_run_clean "$MOD listed, unhooked"

# Phase 2
expect_exit 0 lkrg-cli shutdown
ok "rmmod clkrg" rmmod clkrg
ftrace_fn=$(ksym_addr mh_ftrace_handler $MOD)
ok "ftrace hook on ksys_sync" mh_set ftrace_hook ksys_sync
ok "hide $MOD" mh_set hidden 1
ok "remove /sys/module/$MOD" mh_set sysfs_del 1
ok "/sys/module/$MOD is gone" wait_for 10 test ! -e /sys/module/$MOD
ok "$MOD is not in /proc/modules" not_listed $MOD
clkrg_setup
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
expect_hook_event "$since" "$MOD: ftrace hook in a hidden module" \
	mh_ftrace_handler "$ftrace_fn"
expect_no_module_event "$since" "nothing else is reported" \
	name="$MOD: in /sys/module but not in the module list"
expect_exit 1 lkrg-cli force-run
dmesg_clean
