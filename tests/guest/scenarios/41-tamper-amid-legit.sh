# shellcheck shell=sh
# The twin of the twin: legitimate text changes running at the same time
# never make tampering acceptable. While a static key toggles in a loop,
# with the function tracer on, and while a real module loads and unloads in
# a loop, one unrelated byte of core .text is patched: every force-run in
# that window reports it, and nothing else; once restored and rebaselined,
# force-runs are clean again with the loops still running.
# plan: 12
# timeout: 240
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

T=/sys/kernel/debug/tracing
mount -t tracefs nodev "$T" 2>/dev/null || true

toggle_loop() {
	while [ ! -e /tmp/stop ]; do
		sysctl -qw kernel.sched_schedstats=1
		sysctl -qw kernel.sched_schedstats=0
		# Paced: a tight loop starves the scenario itself under TCG.
		usleep 100000
	done
}

module_loop() {
	while [ ! -e /tmp/stop ]; do
		insmod "$REAL_MODULE_DIR/crc7.ko" 2>/dev/null
		rmmod crc7 2>/dev/null
		usleep 200000
	done
}

ok "insmod clkrg_tamper.ko" tamper_load
ok "function tracer on (__x64_sys_acct, vfs_read)" sh -c "echo __x64_sys_acct vfs_read >$T/set_ftrace_filter && echo function >$T/current_tracer"
toggle_loop &
toggle=$!
module_loop &
modloop=$!

since=$(next_seq)
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 1 lkrg-cli force-run
expect_exit 1 lkrg-cli force-run
evs=$(events_since "${since:-0}" | select_events type=violation)
others=$(printf '%s\n' "$evs" | grep -v '"location":"__x64_sys_acct+' | grep -c . || true)
if [ -n "$evs" ] && [ "$others" -eq 0 ]; then
	pass "only the patched byte is reported ($(printf '%s\n' "$evs" | grep -c .) events)"
else
	fail "only the patched byte is reported" "other violations: $others"
	diag_events
fi
ok "restore" tamper_restore
expect_exit 0 lkrg-cli rebaseline
expect_exit 0 lkrg-cli force-run
expect_exit 0 lkrg-cli force-run

touch /tmp/stop
wait "$toggle" "$modloop" 2>/dev/null || true
ok "function tracer off" sh -c "echo nop >$T/current_tracer && echo >$T/set_ftrace_filter"
dmesg_clean
