# shellcheck shell=sh
# Exploit detection, credentials at pint_enforce=log_accept and at
# pint_validate=off (both set with lkrg-cli policy set). log_accept:
# CRED_WRITE, CAPS and COMMIT are reported (task/task_cred, action
# accepted, the attacker's pid and comm) and the task lives with what it
# took: it reads /root/secret and removes /root/canary. pint_validate=off
# (pint_enforce back at kill): CRED_SWAP succeeds and no violation event is
# made at all.
# plan: 24
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
set_knob pint_enforce=log_accept

since=$(next_seq)
attack CRED_WRITE
attack_lived CRED_WRITE
secret_leaked
canary_changed
expect_task_event "$since" task_cred creds accepted
expect_value uid 65534 0

since=$(next_seq)
attack CAPS
attack_lived CAPS
secret_leaked
canary_changed
expect_task_event "$since" task_cred creds accepted
expect_value cap_effective 0 0x1ffffffffff

since=$(next_seq)
attack COMMIT
attack_lived COMMIT
is "$(attack_uid)" "uid=0,0,0" "COMMIT: uid 0 kept"
expect_task_event "$since" task_cred "unexpected commit_creds" accepted
force_run_clean "after the accepted attacks"

set_knob pint_validate=off
set_knob pint_enforce=kill
since=$(next_seq)
attack CRED_SWAP
attack_lived "CRED_SWAP at pint_validate=off"
secret_leaked
canary_changed
expect_no_violation "$since" "pint_validate=off: no violation event"
dmesg_clean
