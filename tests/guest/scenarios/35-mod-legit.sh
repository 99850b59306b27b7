# shellcheck shell=sh
# Module guard, negative controls: what the kernel legitimately does to
# module text and to the module list is no violation. Real Debian modules
# without dependencies (crc7, crc_itu_t, crc16, crc8, libarc4, cordic, md4)
# loaded and unloaded for 20 rounds, a force-run in each; 10 more rounds
# while force-runs run back to back; kprobes (from clkrg_modlegit.ko) on
# core and module functions, at function entry (ftrace-based) and inside
# (int3, then optimized into a jump; a module's kprobe handler may rewrite
# the IP, so clkrg_modlegit is allowed to first), then the probed module
# unloaded and
# loaded again (its probes GONE), then removed; the function tracer on and
# off with modules loaded, and modules unloaded and loaded while it traces
# them; a static key of clkrg_modlegit's own toggled (its jump-label site
# is in its text). Each is followed by a clean force-run, and no module
# violation event is made meanwhile.
# plan: 44
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

T=/sys/kernel/debug/tracing
KPROBES=/sys/kernel/debug/kprobes/list

load_all() {
	for _m in $REAL_KOS; do
		insmod "$(real_ko "$_m")" || return 1
	done
}

unload_all() {
	for _m in $REAL_KOS; do
		rmmod "$_m" || return 1
	done
}

# rounds N: load and unload every real module N times, a force-run (exit
# 0) with them loaded each time.
rounds() {
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		load_all || { echo "round $_i: load failed"; return 1; }
		lkrg-cli force-run >/tmp/round.out 2>&1 ||
			{ echo "round $_i: force-run exit $?"; cat /tmp/round.out; return 1; }
		unload_all || { echo "round $_i: unload failed"; return 1; }
	done
}

# busy_rounds N: N rounds with force-runs running back to back meanwhile;
# fails if any of those exits non-zero.
busy_rounds() {
	rm -f /tmp/busy.stop /tmp/busy.fail
	(
		while [ ! -e /tmp/busy.stop ]; do
			lkrg-cli force-run >/dev/null 2>&1 || echo "exit $?" >>/tmp/busy.fail
		done
	) &
	_busy=$!
	_rc=0
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		if ! { load_all && unload_all; }; then
			_rc=1
			break
		fi
	done
	touch /tmp/busy.stop
	wait "$_busy" || true
	[ ! -s /tmp/busy.fail ] || { cat /tmp/busy.fail; _rc=1; }
	return "$_rc"
}

kprobe_state() {	# kprobe_state SYMBOL+OFF FLAG: listed with [FLAG]
	grep -q " $1 .*\\[$2\\]" "$KPROBES"
}

# Checks only on demand and on module events; every event passes.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
force_run_clean "before any module"
since=$(next_seq)

ok "20 rounds: load and unload $REAL_KOS, force-run clean each" rounds 20
force_run_clean "after 20 rounds"
ok "10 rounds with force-runs back to back, all clean" busy_rounds 10
force_run_clean "after 10 busy rounds"

ok "load the real modules" load_all
ok "insmod clkrg_modlegit.ko" ml_load
force_run_clean "real modules and clkrg_modlegit loaded"

# kprobes: entries via ftrace, inside functions via int3 then a jump (the
# same instructions on every stock kernel: fn_off; kprobe_near for the
# debug kernel's)
ok "allow clkrg_modlegit to redirect" lkrg-cli hooks allow clkrg_modlegit
for k in ksys_sync arc4_crypt crc7_be; do
	ok "kprobe on $k" ml_set kprobe_add "$k"
done
in_core=$(kprobe_near ksys_sync 0x5)
ok "kprobe inside ksys_sync (${in_core:-none})" test -n "$in_core"
in_arc4=$(kprobe_near arc4_setkey 0x5)
ok "kprobe inside arc4_setkey (${in_arc4:-none})" test -n "$in_arc4"
in_crc7=$(kprobe_near crc7_be 0xa)
ok "kprobe inside crc7_be (${in_crc7:-none})" test -n "$in_crc7"
force_run_clean "kprobes registered"
ok "$in_core (core) optimized" wait_for 10 kprobe_state "$in_core" OPTIMIZED
ok "$in_arc4 (libarc4) optimized" wait_for 10 kprobe_state "$in_arc4" OPTIMIZED
ok "$in_crc7 (crc7) optimized" wait_for 10 kprobe_state "$in_crc7" OPTIMIZED
diag "$(cat "$KPROBES")"
force_run_clean "kprobes optimized"
ok "rmmod crc7 under its kprobes" rmmod crc7
force_run_clean "crc7's kprobes gone with it"
ok "insmod crc7 again" insmod "$(real_ko crc7)"
force_run_clean "crc7 back, its old kprobes still registered"
ok "remove every kprobe" ml_set kprobe_del all
force_run_clean "kprobes removed"

# tracers over module text
mount -t tracefs nodev "$T" 2>/dev/null || true
ok "function tracer on (__x64_sys_acct, vfs_read)" sh -c "echo __x64_sys_acct vfs_read >$T/set_ftrace_filter && echo function >$T/current_tracer"
force_run_clean "function tracer on, modules loaded"
ok "reload md4 and libarc4 while traced" sh -c \
	"rmmod md4 && rmmod libarc4 && insmod $(real_ko md4) && insmod $(real_ko libarc4)"
force_run_clean "modules reloaded under the function tracer"
ok "function tracer off" sh -c "echo nop >$T/current_tracer && echo >$T/set_ftrace_filter"
force_run_clean "function tracer off"

# a static key of the module's own
ok "clkrg_modlegit's static key on" ml_set key 1
is "$(ml_get key)" "enabled=1 taken=1" "the branch is taken"
force_run_clean "static key on"
ok "clkrg_modlegit's static key off" ml_set key 0
force_run_clean "static key off"

expect_no_module_event "$since" "no module violation event since the first round"
ok "rmmod clkrg_modlegit" rmmod clkrg_modlegit
ok "unload the real modules" unload_all
force_run_clean "all unloaded"
dmesg_clean
