# shellcheck shell=sh
# Module guard, attack 4: hooks of a module that then hides. clkrg_modhide
# registers an ftrace_ops filtered on ksys_sync and a kprobe (pre and post
# handlers) on __x64_sys_sync. Listed but not allowed, its ftrace hook is
# a redirecting hook (a module's ftrace handler may rewrite the IP whatever
# its flags say): object redirect, named with owner and function. Allowed
# ("lkrg-cli hooks allow clkrg_modhide"), that is clean (negative twin).
# Hidden, the allow-list does not count: force-run exits 1 with "clkrg_modhide: ftrace
# hook in a hidden module" (object module_list) whose location and address
# are the handler's (taken from /proc/kallsyms before hiding), and with
# "kprobe handler in a hidden module" for the kprobe's pre and post
# handlers; the hook keeps running meanwhile. A hook removed while hidden is
# no longer reported; back on the list everything is clean again.
# Last, a handler in no module and no kernel text: clkrg_modhide
# stale_hook=1 registers from module_init an ftrace_ops whose handler is an
# __init function (filtered on a function nothing calls); once init is done
# force-run exits 1 with object module, "unknown code: hook handler ...", at
# the handler's address. Unloaded, it is clean.
# plan: 45
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

MOD=clkrg_modhide

hits_grew() {	# hits_grew KEY BEFORE: a sync made KEY's count grow
	sync
	[ "$(mh_hits "$1")" -gt "$2" ]
}

kprobe_ran() {	# kprobe_ran BEFORE: a sync ran both kprobe handlers
	sync
	[ "$(mh_hits kprobe_pre)" -gt "$1" ] && [ "$(mh_hits kprobe_post)" -gt "$1" ]
}

# Checks only on demand and on module events; every event passes.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_modhide.ko" mh_load
ftrace_fn=$(ksym_addr mh_ftrace_handler $MOD)
pre_fn=$(ksym_addr mh_kprobe_pre $MOD)
post_fn=$(ksym_addr mh_kprobe_post $MOD)
diag "handlers: ftrace $ftrace_fn, kprobe pre $pre_fn, post $post_fn"

ok "ftrace hook on ksys_sync" mh_set ftrace_hook ksys_sync
ok "sync runs the ftrace hook" hits_grew ftrace "$(mh_hits ftrace)"
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
expect_event "$since" "a listed module's ftrace hook, not allowed, is reported" \
	type=violation category=kernel object=redirect \
	"name=$MOD: redirecting ftrace hook"
# its ftrace site: +0x0, on 6.12 past the ENDBR64 (fn_off)
site=$(fn_off ksys_sync 0 | sed 's/+/\\+/')
like "$(json_field "$EVENT" location)" "^$site/" "the event names the function"
is "$(hex_norm "$(json_field "$EVENT" address)")" "$(hex_norm "$ftrace_fn")" \
	"the event's address is the handler's"
ok "allow $MOD to redirect" lkrg-cli hooks allow $MOD
force_run_clean "ftrace hook of a listed module"
ok "kprobe hook on __x64_sys_sync" mh_set kprobe_hook __x64_sys_sync
ok "sync runs the kprobe handlers" kprobe_ran "$(mh_hits kprobe_pre)"
force_run_clean "kprobe handlers of a listed module"

since=$(next_seq)
ok "hide $MOD" mh_set hidden 1
expect_exit 1 lkrg-cli force-run
expect_hook_event "$since" "$MOD: ftrace hook in a hidden module" \
	mh_ftrace_handler "$ftrace_fn"
expect_hook_event "$since" "$MOD: kprobe handler in a hidden module" \
	mh_kprobe_pre "$pre_fn"
expect_hook_event "$since" "$MOD: kprobe handler in a hidden module" \
	mh_kprobe_post "$post_fn"
expect_module_event "$since" module_list "$MOD: hidden from the module list"
ok "the hidden module's ftrace hook still runs" hits_grew ftrace "$(mh_hits ftrace)"
expect_exit 1 lkrg-cli force-run

since=$(next_seq)
ok "remove the kprobe while hidden" mh_set kprobe_hook -
expect_exit 1 lkrg-cli force-run
expect_hook_event "$since" "$MOD: ftrace hook in a hidden module" \
	mh_ftrace_handler "$ftrace_fn"
expect_no_module_event "$since" "no kprobe handler reported once removed" \
	name="$MOD: kprobe handler in a hidden module"

since=$(next_seq)
ok "remove the ftrace hook while hidden" mh_set ftrace_hook -
expect_exit 1 lkrg-cli force-run
expect_module_event "$since" module_list "$MOD: hidden from the module list"
expect_no_module_event "$since" "no ftrace hook reported once removed" \
	name="$MOD: ftrace hook in a hidden module"

ok "unhide $MOD" mh_set hidden 0
force_run_clean "$MOD back on the list, hooks gone"
ok "ftrace hook on ksys_sync again" mh_set ftrace_hook ksys_sync
force_run_clean "ftrace hook of the listed module again"
ok "remove it" mh_set ftrace_hook -
ok "rmmod $MOD" rmmod $MOD
force_run_clean "$MOD unloaded"

since=$(next_seq)
ok "insmod $MOD stale_hook=1" mh_load stale_hook=1
stale=$(sed -n 's/^handler=//p' "$MH_PARAMS/stale")
diag "stale handler at $stale"
expect_exit 1 lkrg-cli force-run
expect_module_event "$since" module "unknown code: hook handler outside the kernel and modules"
is "$(hex_norm "$(json_field "$MOD_EV" address)")" "$(hex_norm "$stale")" \
	"the event's address is the freed handler's"
expect_no_module_event "$since" "$MOD itself (listed) is not reported" \
	object=module_list
ok "rmmod $MOD" rmmod $MOD
force_run_clean "$MOD and its stale hook gone"
dmesg_clean
