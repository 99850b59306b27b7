# shellcheck shell=sh
# The twin of the twin: legitimate text changes never make tampering
# acceptable. With one unrelated byte of core .text patched, the kernel
# goes through a series of legitimate changes (a static key on and off,
# the function tracer on and off, a real module loaded and unloaded); after
# each one a force-run reports the patched byte and nothing else. Once the
# byte is restored and rebaselined, the same series is clean.
#
# The changes run one after another from this script, not in background
# loops: under TCG, a jump-label patch racing a module load's TLB-flush IPI
# can stall a vCPU for minutes (seen with and without clkrg loaded), and a
# test that the emulator can hang proves nothing.
# plan: 42
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

T=/sys/kernel/debug/tracing
mount -t tracefs nodev "$T" 2>/dev/null || true

# One legitimate change per step, each undone by a later step.
legit_step() {
	case "$1" in
	key-on) sysctl -qw kernel.sched_schedstats=1 ;;
	key-off) sysctl -qw kernel.sched_schedstats=0 ;;
	tracer-on) echo __x64_sys_acct vfs_read >"$T/set_ftrace_filter" &&
		echo function >"$T/current_tracer" ;;
	tracer-off) echo nop >"$T/current_tracer" &&
		echo >"$T/set_ftrace_filter" ;;
	mod-load) insmod "$REAL_MODULE_DIR/crc7.ko" ;;
	mod-unload) rmmod crc7 ;;
	esac
}

# The static key toggles while the function tracer is off: with the tracer
# on, the guest froze once in seven runs right after the key went off, at
# the force-run, with no soft-lockup or RCU-stall report at all (so the
# watchdogs' timers stopped too: the emulator, most likely).
STEPS="key-on key-off tracer-on mod-load mod-unload tracer-off"

# $1: expected force-run exit; the patched byte, if any, must be the only
# violation after each step.
walk_steps() {
	for step in $STEPS; do
		ok "$step" legit_step "$step"
		since=$(next_seq)
		expect_exit "$1" lkrg-cli force-run
		evs=$(events_since "$since" | select_events type=violation)
		n=$(printf '%s\n' "$evs" | grep -c . || true)
		others=$(printf '%s\n' "$evs" | grep -v '"location":"__x64_sys_acct+' | grep -c . || true)
		if [ "$1" -eq 1 ] && [ "$n" -gt 0 ] && [ "$others" -eq 0 ]; then
			pass "after $step: only the patched byte is reported ($n events)"
		elif [ "$1" -eq 0 ] && [ "$n" -eq 0 ]; then
			pass "after $step: no violation"
		else
			fail "after $step: violations as expected" "$n events, $others elsewhere"
			diag_events
		fi
	done
}

# Every check must report the byte: no event may be rate-limited away.
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_tamper.ko" tamper_load
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
walk_steps 1
ok "restore" tamper_restore
expect_exit 0 lkrg-cli rebaseline
walk_steps 0
dmesg_clean
