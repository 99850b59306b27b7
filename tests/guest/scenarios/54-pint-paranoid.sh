# shellcheck shell=sh
# Exploit detection, knobs given as module parameters. clkrg.ko loaded
# with pint_validate=2 (paranoid: every task at every hook) and
# pint_enforce=3 (kill): policy get shows them; CRED_WRITE and CAPS are
# killed with a task/task_cred "creds" event, canary intact, secret
# unread. Then clkrg reloaded with pint_validate=1 pint_enforce=0
# (current, log_accept): CRED_WRITE is reported as accepted and succeeds.
# plan: 20
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

ok "insmod clkrg.ko pint_validate=2 pint_enforce=3" insmod "$CLKRG_KO" pint_validate=2 pint_enforce=3
like "$(lkrg-cli policy get pint_validate 2>&1)" 'paranoid|2' "policy get pint_validate: paranoid"
like "$(lkrg-cli policy get pint_enforce 2>&1)" 'kill|3' "policy get pint_enforce: kill"
set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files

since=$(next_seq)
attack CRED_WRITE
judge_killed "$since" CRED_WRITE task_cred creds
since=$(next_seq)
attack CAPS
judge_killed "$since" CAPS task_cred creds
force_run_clean "paranoid, after the attacks"

ok "rmmod clkrg" rmmod clkrg
ok "insmod clkrg.ko pint_validate=1 pint_enforce=0" insmod "$CLKRG_KO" pint_validate=1 pint_enforce=0
set_knob ratelimit_interval=0
since=$(next_seq)
attack CRED_WRITE
attack_lived "CRED_WRITE at pint_enforce=0"
expect_task_event "$since" task_cred creds accepted
dmesg_clean
