# shellcheck shell=sh
# Exploit detection, seccomp and namespaces, each primitive followed at
# once by the access it is judged by, one process each. SECCOMP_CLEAR: the
# attacker's filter refuses mkdir(2) with EPERM (without the primitive the
# same program gets EPERM and no event); the primitive takes the filter
# away in place and its next call is mkdir of /tmp/pint-seccomp-dir:
# killed inside it, no directory, task/task_seccomp "seccomp" (mode 2 ->
# 0) and a block event of security_inode_mkdir. NS_INIT (nsproxy pointer
# stored: init's namespaces instead of its own user/mount/uts/ipc ones)
# then rename of its own /tmp/pint-ns/a: killed inside it, not renamed,
# task/task_ns "namespaces" with the mount namespace numbers (own ->
# init's) and a block event of security_inode_rename. NS_SWITCH
# (switch_task_namespaces from the ioctl) then link of /tmp/pint-ns/b: found
# at switch_task_namespaces itself, "unexpected switch_task_namespaces" at
# its caller in clkrg_vuln, killed when the ioctl returns: no link. Then the
# same three programs at log_accept: each access succeeds (the directory,
# the rename, the link), the events say accepted, no block event, and the
# task keeps what it took (Seccomp 0; init's namespaces).
# plan: 39
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

SDIR=/tmp/pint-seccomp-dir
ns_of() {
	readlink "/proc/$1/ns/$2" | sed 's/.*\[\([0-9]*\)\]/\1/'
}

# /tmp/pint-ns, the attacker's own (uid 65534) directory with files a and b
ns_files() {
	rm -rf /tmp/pint-ns "$SDIR"
	mkdir /tmp/pint-ns
	echo a >/tmp/pint-ns/a
	echo b >/tmp/pint-ns/b
	chown -R 65534:65534 /tmp/pint-ns
}

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
act_targets
init_mnt=$(ns_of 1 mnt)
init_ns="mnt=$init_mnt uts=$(ns_of 1 uts) ipc=$(ns_of 1 ipc) net=$(ns_of 1 net)"

ns_files
since=$(next_seq)
act_attack NONE mkdir --deny-mkdir --path "$SDIR"
like "$(grep '^act=' "$ATTACK_OUT")" '^act=mkdir err errno=1 ' \
	"no primitive: the filter refuses mkdir with EPERM"
act_untouched mkdir
expect_no_violation "$since" "no primitive: no violation event"

ns_files
since=$(next_seq)
act_attack SECCOMP_CLEAR mkdir --deny-mkdir --path "$SDIR"
judge_denied "$since" mkdir security_inode_mkdir task_seccomp seccomp
expect_value mode 2 0

ns_files
since=$(next_seq)
act_attack NS_INIT rename --path /tmp/pint-ns/a
judge_denied "$since" rename security_inode_rename task_ns namespaces
own_mnt=$(sed -n 's/^ns_before mnt=\([0-9]*\).*/\1/p' "$ATTACK_OUT")
expect_value_pair "${own_mnt:-0}" "$init_mnt"

ns_files
since=$(next_seq)
act_attack NS_SWITCH link --path /tmp/pint-ns/b
judge_died_at_primitive "$since" link task_ns "unexpected switch_task_namespaces"
like "$(json_field "$TASK_EV" location)" '^vuln_[a-z_]+\+0x[0-9a-f]+/0x[0-9a-f]+ \[clkrg_vuln\]$' \
	"NS_SWITCH: the event's location is the caller in clkrg_vuln"
force_run_clean "after the attacks"

set_knob pint_enforce=log_accept
ns_files
since=$(next_seq)
act_attack SECCOMP_CLEAR mkdir --deny-mkdir --path "$SDIR"
judge_accepted "$since" mkdir task_seccomp seccomp
like "$(grep '^after ' "$ATTACK_OUT")" ' seccomp=0$' "SECCOMP_CLEAR at log_accept: Seccomp 0 kept"

ns_files
since=$(next_seq)
act_attack NS_INIT rename --path /tmp/pint-ns/a
judge_accepted "$since" rename task_ns namespaces
is "$(sed -n 's/^ns_after //p' "$ATTACK_OUT")" "$init_ns" "NS_INIT at log_accept: in init's namespaces"

ns_files
since=$(next_seq)
act_attack NS_SWITCH link --path /tmp/pint-ns/b
judge_accepted "$since" link task_ns "unexpected switch_task_namespaces"
dmesg_clean
