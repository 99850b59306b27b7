# shellcheck shell=sh
# Patch sites held to the state the kernel says they are in. Each attack
# writes a form the kernel could write at that site, but not the one its
# state asks for: a disabled tracepoint's jump label in core text turned
# into a jump (key untouched), a traced function's ftrace call turned into
# a NOP (record untouched), a module's static call site pointed at another
# function (key untouched), an armed kprobe's INT3 taken out. Each is
# reported by the next check as a patch-site violation naming the kind and
# the symbol+offset; put back, the check is clean. Twins: the traced
# function itself, a static key on and off, clean.
# plan: 34
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh
# shellcheck source=tests/guest/selfattack.sh
. /lib/tests/selfattack.sh

T=/sys/kernel/debug/tracing
mount -t tracefs nodev "$T" 2>/dev/null || true

set_knob ratelimit_interval=0
ok "insmod clkrg_selfattack.ko" sa_load
force_run_clean "before any attack"

# site_attack DESC NAME LOCATION_ERE ATTACK ARG: the attack, the event, undo
site_attack() {
	_since=$(next_seq)
	ok "$1" sa_do "$4" "$5"
	expect_exit 1 lkrg-cli force-run
	expect_event "$_since" "$1: a patch-site event" type=violation \
		object=patch_site "name=$2"
	like "$(json_field "$EVENT" location)" "$3" "$1: the event names the site"
	ok "$1: undone" sa_restore
	force_run_clean "$1: undone"
}

site_attack "jump label of a disabled tracepoint made a jump" \
	".text: jump label" "module" jump_flip __tracepoint_module_free

ok "function tracer on ksys_sync" sh -c "echo ksys_sync >$T/set_ftrace_filter && echo function >$T/current_tracer"
force_run_clean "ksys_sync traced"
site_attack "ftrace call of a traced function made a NOP" \
	".text: ftrace call" "^ksys_sync\+0x$((4 * KERNEL_IBT))/" ftrace_nop ksys_sync
ok "function tracer off" sh -c "echo nop >$T/current_tracer && echo >$T/set_ftrace_filter"

site_attack "static call site pointed elsewhere" \
	"clkrg_selfattack: static call" "^sa_use_call\+" scall_flip 1

# the same instruction on every kernel (kernel.sh: fn_off)
kp_off=$((5 + 4 * KERNEL_IBT))
site_attack "armed kprobe's INT3 taken out" \
	".text: kprobe" "^ksys_sync\+0x$kp_off/" kprobe_unarm "ksys_sync $kp_off"

ok "static key on" sysctl -qw kernel.sched_schedstats=1
force_run_clean "static key on"
ok "static key off" sysctl -qw kernel.sched_schedstats=0
dmesg_clean
