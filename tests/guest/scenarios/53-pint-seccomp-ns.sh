# shellcheck shell=sh
# Exploit detection, seccomp and namespaces. At the defaults (kill):
# SECCOMP_CLEAR (an allow-all filter taken away in place) is reported as
# task/task_seccomp "seccomp" with value mode 2 -> 0; NS_INIT (nsproxy
# pointer stored) as task/task_ns "namespaces" with the namespace inode
# numbers (the task's own mount namespace -> init's); NS_SWITCH
# (switch_task_namespaces from the ioctl) as task/task_ns "namespaces" or
# "unexpected switch_task_namespaces". Each time the task dies by SIGKILL,
# the canary is intact and the secret unread. At log_accept: SECCOMP_CLEAR
# and NS_INIT are reported as accepted and the task keeps what it took
# (Seccomp 0; init's namespaces).
# plan: 25
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

ns_of() {
	readlink "/proc/$1/ns/$2" | sed 's/.*\[\([0-9]*\)\]/\1/'
}

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
init_mnt=$(ns_of 1 mnt)
init_ns="mnt=$init_mnt uts=$(ns_of 1 uts) ipc=$(ns_of 1 ipc) net=$(ns_of 1 net)"

since=$(next_seq)
attack SECCOMP_CLEAR
judge_killed "$since" SECCOMP_CLEAR task_seccomp seccomp
expect_value mode 2 0

since=$(next_seq)
attack NS_INIT
judge_killed "$since" NS_INIT task_ns namespaces
own_mnt=$(sed -n 's/^ns_before mnt=\([0-9]*\).*/\1/p' "$ATTACK_OUT")
expect_value_pair "${own_mnt:-0}" "$init_mnt"

since=$(next_seq)
attack NS_SWITCH
attack_killed NS_SWITCH
canary_intact
secret_kept
TASK_EV=$( { task_events "$since" object=task_ns name=namespaces action=killed \
		pid="$ATTACK_PID" comm=pint_attack
	task_events "$since" object=task_ns name="unexpected switch_task_namespaces" \
		action=killed pid="$ATTACK_PID" comm=pint_attack; } | head -n 1)
if [ -n "$TASK_EV" ]; then
	pass "violation event: task/task_ns '$(json_field "$TASK_EV" name)', action killed, pid $ATTACK_PID"
else
	fail "violation event: task/task_ns 'namespaces' or 'unexpected switch_task_namespaces', action killed, pid $ATTACK_PID"
	diag_events
fi

set_knob pint_enforce=log_accept
since=$(next_seq)
attack SECCOMP_CLEAR
attack_lived "SECCOMP_CLEAR at log_accept"
like "$(grep '^after ' "$ATTACK_OUT")" ' seccomp=0$' "SECCOMP_CLEAR: Seccomp 0 kept"
expect_task_event "$since" task_seccomp seccomp accepted

since=$(next_seq)
attack NS_INIT
attack_lived "NS_INIT at log_accept"
is "$(sed -n 's/^ns_after //p' "$ATTACK_OUT")" "$init_ns" "NS_INIT: in init's namespaces"
expect_task_event "$since" task_ns namespaces accepted

force_run_clean "after the attacks"
dmesg_clean
