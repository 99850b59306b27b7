# shellcheck shell=sh
# Exploit detection, negative twin at scale: 10,000 tasks. threads-max and
# pid_max raised; one process parks 10,000 threads (16 KiB stacks); a
# force-run with them alive is clean, clkrg's status counts at least
# 10,000 tasks with a shadow record, and no event at all is made; then
# every thread is released and joined, the process exits 0, and a last
# force-run is clean.
# plan: 11
# qemu-mem: 2G
# timeout: 400
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

N=10000
ok "threads-max and pid_max raised" sh -c \
	'echo 200000 >/proc/sys/kernel/threads-max && echo 4194304 >/proc/sys/kernel/pid_max'
rm -f /tmp/ready /tmp/stop
since=$(next_seq)
t0=$(date +%s)
"$LEGIT" tasks $N /tmp/ready /tmp/stop >/tmp/tasks.out 2>&1 &
pid=$!
ok "$N threads parked" wait_for 300 test -s /tmp/ready
diag "parked in $(($(date +%s) - t0)) s"
is "$(cat /tmp/ready)" $N "all $N threads created"
is "$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$pid/status)" $((N + 1)) \
	"the process has $((N + 1)) threads"
t0=$(date +%s)
force_run_clean "with $N more tasks alive"
diag "force-run took $(($(date +%s) - t0)) s"
tasks=$(status_field tasks)
if [ -n "$tasks" ] && [ "$tasks" -ge $N ]; then
	pass "status: $tasks tasks (>= $N)"
else
	fail "status: $tasks tasks (>= $N)" "status: $(lkrg-cli --json status 2>&1)"
fi
touch /tmp/stop
rc=0
wait $pid || rc=$?
is "$rc" 0 "every thread joined, the process exited 0"
diag "$(cat /tmp/tasks.out)"
is "$(events_since "$since" | select_events type=violation)" "" "no violation event"
is "$(events_since "$since" | grep -c . || true)" 0 "no event at all"
force_run_clean "after the tasks exited"
dmesg_clean
