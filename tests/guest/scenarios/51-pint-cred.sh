# shellcheck shell=sh
# Exploit detection, credentials, at the default levels (pint_validate
# current, pint_enforce kill). pint_attack (uid 65534) through
# clkrg_vuln.ko: uid 0 written into its cred in place (CRED_WRITE), its
# cred pointers swapped for a root cred (CRED_SWAP), commit_creds of a root
# cred from the ioctl (COMMIT), full capabilities written in place (CAPS).
# The first system call after each primitive is the access under test, one
# process each: CRED_WRITE open(O_TRUNC) of /root/canary, CRED_SWAP
# unlink of it, CAPS rmdir of /root/victim-dir (the kernel asks
# security_capable for CAP_DAC_OVERRIDE first), COMMIT a read of
# /root/secret. Each time: the task dies by SIGKILL inside that access,
# before it can print what it got; the target is untouched; a violation
# event (task/task_cred, action killed, the attacker's pid and comm) names
# it, "creds" with values uid 65534 -> 0 and cap_effective 0 -> full; a
# block event says which access point refused it. COMMIT is found at
# commit_creds itself ("unexpected commit_creds" at its caller in
# clkrg_vuln): the kill lands when the ioctl returns, before any access.
# Then the same programs at pint_enforce=log_accept: every access
# succeeds, the target changes, the event says accepted, and no block
# event is made (so each check above can fail). 50-vuln-proof shows each
# attack succeeds without clkrg.
# plan: 46
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load

act_targets
since=$(next_seq)
act_attack CRED_WRITE trunc
judge_denied "$since" trunc security_file_open task_cred creds
expect_value uid 65534 0
expect_value euid 65534 0

act_targets
since=$(next_seq)
act_attack CRED_SWAP unlink
judge_denied "$since" unlink security_inode_unlink task_cred creds
expect_value uid 65534 0

act_targets
since=$(next_seq)
act_attack COMMIT read
judge_died_at_primitive "$since" read task_cred "unexpected commit_creds"
like "$(json_field "$TASK_EV" location)" '^vuln_[a-z_]+\+0x[0-9a-f]+/0x[0-9a-f]+ \[clkrg_vuln\]$' \
	"COMMIT: the event's location is the caller in clkrg_vuln (symbol+offset/size [module])"

act_targets
since=$(next_seq)
act_attack CAPS rmdir
judge_denied "$since" rmdir security_capable task_cred creds
expect_value cap_effective 0 0x1ffffffffff

force_run_clean "after the attacks"
# Found at hooks, not by a check: status counts them all the same.
vt=$(status_field violations_total)
like "$vt" '^([4-9]|[1-9][0-9]+)$' "violations_total counts the 4 attacks found at hooks (got ${vt:-?})"

# The same programs where clkrg only reports: each access goes through.
set_knob pint_enforce=log_accept
act_targets
since=$(next_seq)
act_attack CRED_WRITE trunc
judge_accepted "$since" trunc task_cred creds

act_targets
since=$(next_seq)
act_attack CRED_SWAP unlink
judge_accepted "$since" unlink task_cred creds

act_targets
since=$(next_seq)
act_attack COMMIT read
judge_accepted "$since" read task_cred "unexpected commit_creds"

act_targets
since=$(next_seq)
act_attack CAPS rmdir
judge_accepted "$since" rmdir task_cred creds
dmesg_clean
