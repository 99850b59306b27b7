# shellcheck shell=sh
# Exploit detection at the paranoid level against forged tasks that sit in
# the kernel, and what is done to them under their task_lock. clkrg.ko
# loaded with pint_validate=2. Each must end without a hang (a self-
# deadlock here froze the guest), the forged task killed, an event with
# its pid and comm:
# - pint_attack writes uid 0 into its cred and, as its first act, raises
#   its own hard RLIMIT_NOFILE: do_prlimit() asks for CAP_SYS_RESOURCE
#   under its own task_lock;
# - pint_attack writes uid 0 into its cred, then vfork()s a child that
#   sleeps 60 s: the fork hook finds it forged while it then sleeps in the
#   kernel until the child is gone; it must die within seconds, and the
#   child (a copy of the forged task) be reported and killed too;
# - a task parked in pause() (pint_parked target, nobody) is forged from
#   outside (CRED_WRITE_PID) by root, whose first act is prlimit(2) on it
#   (the capability check under the target's task_lock), or reading its
#   /proc/PID/stat opened before, as ps does (ptrace_may_access() under
#   the target's task_lock);
# - a parked task forged from outside, then busybox ps.
# A last force-run is clean. 73 is the negative twin.
# plan: 28
# no-autoload
# timeout: 240
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

ok "insmod clkrg.ko pint_validate=2" insmod "$CLKRG_KO" pint_validate=2
set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files

since=$(next_seq)
attack CRED_WRITE --then prlimit
is "$(grep -c '^prlimit=ok' "$ATTACK_OUT")" 0 "its prlimit did not succeed"
judge_killed "$since" "CRED_WRITE, then prlimit on itself" task_cred creds

since=$(next_seq)
t0=$(date +%s)
attack CRED_WRITE --then vfork --park-seconds 60
took=$(($(date +%s) - t0))
like "$took" '^([0-9]|1[0-9])$' "the vfork parent died within 20 s (took ${took} s; its child sleeps 60 s)"
judge_killed "$since" "CRED_WRITE, then vfork with a sleeping child" task_cred creds
# the child, a copy of the forged task, is killed too (before it runs)
vchild=$(task_events "$since" object=task_cred name=creds action=killed \
	comm=pint_attack | while IFS= read -r _e; do
	_p=$(json_field "$_e" pid)
	[ "$_p" = "$ATTACK_PID" ] || echo "$_p"
done | head -n 1)
ok "the vfork child ${vchild:-?} was reported and killed too" \
	wait_for 20 sh -c "[ -n '$vchild' ] && ! kill -0 '$vchild'"

# parked TARGET_OUT: starts pint_parked target; TPID its pid
parked() {
	"$PARKED" target >"$1" 2>&1 &
	TPID=$!
	wait_for 20 grep -q '^ready' "$1"
}
# target_killed DESC: the parked target died by SIGKILL
target_killed() {
	_trc=0
	wait_for 20 sh -c "! kill -0 $TPID" || true
	kill -0 "$TPID" 2>/dev/null && kill -TERM "$TPID"
	wait "$TPID" || _trc=$?
	is "$_trc" 137 "$1: the parked task died by SIGKILL"
}

for act in prlimit stat; do
	ok "a task parked in pause() as nobody" parked /tmp/target.out
	since=$(next_seq)
	ok "root forges it, then $act on it first" timeout 60 "$PARKED" "$act" "$TPID"
	target_killed "$act"
	expect_event_of "$since" task_cred creds killed "$TPID" pint_parked
done

ok "a task parked in pause() as nobody" parked /tmp/target.out
since=$(next_seq)
ok "root forges it, then ps" sh -c "timeout 60 '$PARKED' forge $TPID && timeout 60 ps >/tmp/ps.out"
target_killed "ps"
expect_event_of "$since" task_cred creds killed "$TPID" pint_parked

force_run_clean "after the attacks"
dmesg_clean
