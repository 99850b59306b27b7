# shellcheck shell=sh
# Exploit detection refuses each access point before the kernel grants
# anything. pint_attack (uid 65534) swaps its cred pointers for a root cred
# (CRED_SWAP), and its next system call is one access, one process each:
# open(O_TRUNC) of /root/canary, a read of /root/secret, unlink, rmdir,
# rename, link, mkdir, chmod, ptrace(PTRACE_ATTACH) of a root process,
# mount of a tmpfs, execve of a root-only program. At pint_enforce=kill
# each time: the task dies by SIGKILL inside that access, before it can
# print what it got; the target is as it was (the canary's text, the
# directory, the mode, no tracer, nothing mounted, the program never ran);
# the violation event (task/task_cred "creds", killed) and a block event
# naming the access point that refused it (security_file_open for the
# opens and execve, security_inode_unlink, _rmdir, _rename, _link, _mkdir,
# _setattr, security_ptrace_access_check, security_sb_mount) with its
# errno. Then the same eleven programs at pint_enforce=log_accept: every
# access succeeds and changes its target, the event says accepted, and
# no block event is made.
# plan: 105
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

# ACT and the hook that refuses it for a task with a root cred
ACTS="trunc:security_file_open read:security_file_open
unlink:security_inode_unlink rmdir:security_inode_rmdir
rename:security_inode_rename link:security_inode_link
mkdir:security_inode_mkdir chmod:security_inode_setattr
ptrace:security_ptrace_access_check mount:security_sb_mount
exec:security_file_open"

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load

for ah in $ACTS; do
	act_targets
	since=$(next_seq)
	act_attack CRED_SWAP "${ah%%:*}"
	judge_denied "$since" "${ah%%:*}" "${ah#*:}" task_cred creds
done

set_knob pint_enforce=log_accept
for ah in $ACTS; do
	act_targets
	since=$(next_seq)
	act_attack CRED_SWAP "${ah%%:*}"
	judge_accepted "$since" "${ah%%:*}" task_cred creds
done
act_targets
set_knob pint_enforce=kill
force_run_clean "after the attacks"
dmesg_clean
