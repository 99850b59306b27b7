# shellcheck shell=sh
# Hooks that stay. "ftrace_enabled=0", which used to turn every hook into a
# NOP, is refused while clkrg is loaded (its ftrace_ops are permanent) and
# a block event says so; the credential overwrite that then went unseen is
# killed. A hook taken out the way ftrace itself would (its record not
# enabled, its call a NOP: consistent, so no patch-site rule sees it), the
# fork hook silenced while tasks fork, and all kprobes disarmed are each
# reported by the next check, named; put back, the check is clean. Twins:
# the function tracer on and off, a static key on and off, a
# livepatch-style permanent IP-modifying ftrace user of a module allowed
# to redirect ("lkrg-cli hooks allow clkrg_selfattack"): all clean.
# plan: 38
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh
# shellcheck source=tests/guest/selfattack.sh
. /lib/tests/selfattack.sh

T=/sys/kernel/debug/tracing
mount -t debugfs nodev /sys/kernel/debug 2>/dev/null || true
mount -t tracefs nodev "$T" 2>/dev/null || true

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files

since=$(next_seq)
if echo 0 >/proc/sys/kernel/ftrace_enabled 2>/dev/null; then
	fail "ftrace_enabled=0 is refused" "the write succeeded"
else
	pass "ftrace_enabled=0 is refused"
fi
is "$(cat /proc/sys/kernel/ftrace_enabled)" 1 "ftrace_enabled is still 1"
expect_event "$since" "a block event names the refused ftrace_enabled=0" \
	type=block object=hook name=ftrace_enabled=0

since=$(next_seq)
attack CRED_WRITE
judge_killed "$since" CRED_WRITE task_cred creds

ok "insmod clkrg_selfattack.ko" sa_load
since=$(next_seq)
ok "take clkrg's hook on security_file_open out" \
	sa_do hook_silence security_file_open
expect_exit 1 lkrg-cli force-run
expect_event "$since" "the check names the disarmed hook" \
	type=violation object=hook name=security_file_open
like "$(json_field "$EVENT" location)" "disarmed|calls nothing" \
	"the event says what is wrong with it"
ok "put the hook back" sa_restore
force_run_clean "hook back"

# While the fork hook is out, every task forked has no record and reports
# that at its first hook: nothing but the forks and the check runs until
# the hook is back (reading events forks too).
since=$(next_seq)
ok "take clkrg's fork hook out" sa_do hook_silence wake_up_new_task
i=0
while [ $i -lt 100 ]; do
	/bin/true
	i=$((i + 1))
done
rc=0
lkrg-cli force-run >/dev/null 2>&1 || rc=$?
ok "put the fork hook back" sa_restore
is "$rc" 1 "the check after 100 unseen forks finds violations"
expect_event "$since" "the check names the silent fork hook" \
	type=violation object=hook name=wake_up_new_task \
	"location=hook silent: tasks forked unseen"
# Tasks forked meanwhile that still live (kworkers) have no record: the
# next check reports each once and adopts it.
lkrg-cli force-run >/dev/null 2>&1 || diag "force-run after the fork gap: $?"

since=$(next_seq)
ok "disarm every kprobe" sh -c 'echo 0 >/sys/kernel/debug/kprobes/enabled'
expect_exit 1 lkrg-cli force-run
expect_event "$since" "the check reports kprobes disarmed" \
	type=violation object=hook name=kprobes
ok "arm kprobes again" sh -c 'echo 1 >/sys/kernel/debug/kprobes/enabled'
force_run_clean "kprobes armed"

ok "function tracer on" sh -c "echo ksys_sync vfs_read >$T/set_ftrace_filter && echo function >$T/current_tracer"
force_run_clean "function tracer on"
ok "function tracer off" sh -c "echo nop >$T/current_tracer && echo >$T/set_ftrace_filter"
force_run_clean "function tracer off"
ok "static key on" sysctl -qw kernel.sched_schedstats=1
ok "static key off" sysctl -qw kernel.sched_schedstats=0
force_run_clean "static key on and off"
ok "allow clkrg_selfattack to redirect" lkrg-cli hooks allow clkrg_selfattack
ok "a livepatch-style permanent ftrace user on ksys_sync" \
	sa_do permanent_ops ksys_sync
force_run_clean "livepatch-style ftrace user"
ok "livepatch-style ftrace user gone" sa_restore
ok "clkrg_selfattack denied again" lkrg-cli hooks deny clkrg_selfattack
dmesg_clean
