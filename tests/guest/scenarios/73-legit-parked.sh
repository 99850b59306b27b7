# shellcheck shell=sh
# Exploit detection, negative twin of 69-pint-parked, at the paranoid
# level: the same acts on tasks that were not forged raise nothing and
# kill nothing. As nobody, raising its own hard RLIMIT_NOFILE (refused by
# the kernel, EPERM) and vfork() with a child that sleeps 3 s (the parent
# sleeps in the kernel until then); as root, prlimit(2) raising a parked
# nobody task's hard limit (CAP_SYS_RESOURCE checked under its
# task_lock), reading its /proc/PID/stat (ptrace_may_access() under its
# task_lock, CAP_SYS_PTRACE), busybox ps, 20 times each while the task
# stays parked. No violation event, the parked task alive until SIGTERM,
# violations_total 0, a clean force-run.
# plan: 16
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

attack NONE --then prlimit
like "$(cat "$ATTACK_OUT")" 'prlimit=err errno=1 ' "nobody's prlimit above its hard limit is refused by the kernel"
attack_lived "prlimit on itself"
attack NONE --then vfork --park-seconds 3
ms=$(sed -n 's/^vfork_returned ms=\([0-9]*\).*/\1/p' "$ATTACK_OUT")
like "${ms:-0}" '^([3-9][0-9]{3}|2[5-9][0-9]{2}|[1-9][0-9]{4,})$' "vfork returned once the child was gone (${ms:-?} ms)"
attack_lived "vfork with a sleeping child"

"$PARKED" target >/tmp/target.out 2>&1 &
TPID=$!
ok "a task parked in pause() as nobody" wait_for 20 grep -q '^ready' /tmp/target.out
round() {
	timeout 60 "$PARKED" prlimit "$TPID" --no-forge >/tmp/p.out 2>&1 &&
		grep -q '^prlimit=ok' /tmp/p.out &&
		timeout 60 "$PARKED" stat "$TPID" --no-forge >/tmp/s.out 2>&1 &&
		grep -q '^stat=ok state=S' /tmp/s.out &&
		timeout 60 ps >/dev/null 2>&1
}
rounds() {
	_i=0
	while [ "$_i" -lt 20 ]; do
		_i=$((_i + 1))
		if ! round; then
			echo "round $_i:"
			cat /tmp/p.out /tmp/s.out
			return 1
		fi
	done
}
ok "20 x (prlimit, /proc/PID/stat, ps) by root against it" rounds
ok "the parked task is alive" kill -0 "$TPID"
kill -TERM "$TPID"
trc=0
wait "$TPID" || trc=$?
is "$trc" 143 "it ends by the SIGTERM sent now"
ok "this shell is alive and the victim files are intact" sh -c \
	"[ \"\$(cat /root/canary)\" = $CANARY_TEXT ]"
expect_no_violation "$since" "paranoid: no violation event"
is "$(status_field violations_total)" 0 "violations_total is 0"
force_run_clean "paranoid, after the acts on parked tasks"
dmesg_clean
