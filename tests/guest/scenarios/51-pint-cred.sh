# shellcheck shell=sh
# Exploit detection, credentials, at the default levels (pint_validate
# current, pint_enforce kill). pint_attack (uid 65534) through
# clkrg_vuln.ko: uid 0 written into its cred in place (CRED_WRITE), its
# cred pointers swapped for a root cred (CRED_SWAP), commit_creds of a root
# cred from the ioctl (COMMIT), full capabilities written in place (CAPS).
# Each time: the task dies by SIGKILL, /root/canary is intact, /root/secret
# was not printed, and a violation event (category task, object task_cred,
# action killed, the attacker's pid and comm) names it: "creds" with
# values uid 65534 -> 0 and cap_effective 0 -> full, or "unexpected
# commit_creds" at a location in clkrg_vuln. 50-vuln-proof shows each
# attack succeeds without clkrg.
# plan: 26
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files

since=$(next_seq)
attack CRED_WRITE
judge_killed "$since" CRED_WRITE task_cred creds
expect_value uid 65534 0
expect_value euid 65534 0

since=$(next_seq)
attack CRED_SWAP
judge_killed "$since" CRED_SWAP task_cred creds
expect_value uid 65534 0

since=$(next_seq)
attack COMMIT
judge_killed "$since" COMMIT task_cred "unexpected commit_creds"
like "$(json_field "$TASK_EV" location)" 'clkrg_vuln|vuln_' \
	"COMMIT: the event's location is the caller in clkrg_vuln"

since=$(next_seq)
attack CAPS
judge_killed "$since" CAPS task_cred creds
expect_value cap_effective 0 0x1ffffffffff

force_run_clean "after the attacks"
# Found at hooks, not by a check: status counts them all the same.
vt=$(status_field violations_total)
like "$vt" '^([4-9]|[1-9][0-9]+)$' "violations_total counts the 4 attacks found at hooks (got ${vt:-?})"
dmesg_clean
