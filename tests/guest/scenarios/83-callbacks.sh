# shellcheck shell=sh
# Callbacks that point into unknown code. clkrg_callback.ko registers, one
# at a time, a callback whose code is a trampoline copied into module
# memory that belongs to no module (module_alloc, read-only and
# executable) on each notifier chain (module, reboot, panic, die,
# netdevice, inetaddr, inet6addr, keyboard, pm), as a CPU hotplug state, a
# packet handler and an IPv4 netfilter hook: each is a violation of object
# callback naming the chain and "module memory of no module", with the
# trampoline's address and the callback's priority, and is clean once
# removed. A netfilter hook and a panic notifier from the module while it
# is hidden from the module list name "hidden module clkrg_callback" and
# the function. An LSM hook entry of no module (6.1: a hook list entry
# written through text_poke, as a kernel write primitive would; 6.12: an
# active static call slot retargeted) and a syscall table entry written
# through text_poke are reported as callbacks, besides the .rodata change
# (for 6.12's static call, the patch-site change of its callers).
# A location ERE's @SLOT@ is the LSM whose entry it is (lsm_slot). The
# timeline: "appeared:" and "gone:" events name the check. A kernel without
# netfilter (the debug kernel) skips the two netfilter hooks, and one whose
# LSM lists are writable (SECURITY_SELINUX_DISABLE selects
# SECURITY_WRITABLE_HOOKS: the debug kernel) the .rodata change.
# plan: 109
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh
# shellcheck source=tests/guest/inventory.sh
. /lib/tests/inventory.sh

# plant PARAM VALUE NAME LOCATION_ERE [PRIORITY]: plant, report, remove
plant() {
	_since=$(next_seq)
	ok "$1 $2" cb_set "$1" "$2"
	_addr=$(cb_addr)
	_where=$(printf '%s\n' "$4" | sed "s/@SLOT@/$(cat "$CB_PARAMS/lsm_slot")/")
	expect_exit 1 lkrg-cli force-run
	expect_inv "$_since" violation callback "$3" "$_where"
	is "$(hex_norm "$(json_field "$EVENT" address)")" "$(hex_norm "$_addr")" \
		"$3: the event's address is the callback's"
	if [ -n "${5:-}" ]; then
		is "$(ev_value "$EVENT" priority)" "$5" "$3: priority $5"
	fi
	ok "$1 $2 removed" cb_set unreg 1
}

expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_callback.ko" cb_load
force_run_clean "clkrg_callback loaded, nothing planted"

NOONE='^module memory of no module$'
for c in module reboot panic die netdevice inetaddr inet6addr keyboard pm; do
	plant tramp "$c" "$c notifier" "$NOONE" 0x0
done
plant tramp cpuhp "cpuhp startup clkrg_callback:test" "$NOONE"
if have_netfilter; then
	plant tramp ptype ptype_base "$NOONE" 0x88b5
	since=$(next_seq)
	plant tramp nf "nf_hooks ipv4 input" '^module memory of no module, netns [0-9]+$' 0x7
else
	# "appeared" and "gone" then follow the packet handler
	since=$(next_seq)
	plant tramp ptype ptype_base "$NOONE" 0x88b5
	skip 6 "no netfilter in this kernel: nf_hooks ipv4 input"
fi
check=$(status_field last_check_id)
expect_inv "$since" info callback "appeared: unknown code" '1 callbacks$'
is "$(json_field "$EVENT" check_id)" "$check" "'appeared' names the check that found it"
since=$(next_seq)
force_run_clean "all removed"
expect_inv "$since" info callback "gone: unknown code" '1 callbacks$'

# from a hidden module
ok "hide clkrg_callback" cb_set hidden 1
if have_netfilter; then
	plant own nf "nf_hooks ipv4 input" \
		'^hidden module clkrg_callback, netns [0-9]+: cb_nf_hook\+0x0/' 0x7
else
	skip 6 "no netfilter in this kernel: a hidden module's nf hook"
fi
plant own panic "panic notifier" '^hidden module clkrg_callback: cb_notify\+0x0/'
ok "unhide clkrg_callback" cb_set hidden 0
force_run_clean "unhidden, nothing planted"

# with a write primitive: read-only lists
since=$(next_seq)
plant lsm file_open "LSM hook file_open" '^module memory of no module, @SLOT@$'
if [ "$LSM_STATIC_CALLS" -eq 1 ]; then
	expect_event "$since" "the static call's retargeting is a patch-site change too" \
		type=violation object=patch_site "name=.text: static call"
elif [ "$(cat "$CB_PARAMS/poked_in")" = rodata ]; then
	expect_event "$since" "the LSM list's change is a .rodata change too" \
		type=violation object=rodata
else
	skip 1 "SECURITY_WRITABLE_HOOKS: this kernel's LSM lists are not read-only"
fi
since=$(next_seq)
plant syscall 170 "sys_call_table[170]" "$NOONE"
expect_event "$since" "sys_call_table's change is a .rodata change too" \
	type=violation object=rodata
force_run_clean "restored"
ok "rmmod clkrg_callback" rmmod clkrg_callback
force_run_clean "clkrg_callback unloaded"
dmesg_clean
