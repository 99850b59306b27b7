# shellcheck shell=sh
# Exploit detection, knobs given as module parameters. clkrg.ko loaded
# with pint_validate=2 (paranoid: every task at every hook) and
# pint_enforce=3 (kill): policy get shows them; CRED_WRITE followed at once
# by chmod of /root/canary, and CAPS followed at once by mkdir in /root
# (the kernel asks security_capable for CAP_DAC_OVERRIDE first), are
# killed inside that access: mode and directory untouched, a task/task_cred
# "creds" event with uid 65534 -> 0 or cap_effective 0 -> full, a block
# event of the refusing hook. Then clkrg reloaded with pint_validate=1
# pint_enforce=0 (current, log_accept): the same CRED_WRITE program is
# reported as accepted (uid 65534 -> 0) and its chmod succeeds.
# plan: 27
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
act_targets
since=$(next_seq)
act_attack CRED_WRITE chmod
judge_denied "$since" chmod security_inode_setattr task_cred creds
expect_value uid 65534 0
act_targets
since=$(next_seq)
act_attack CAPS mkdir
judge_denied "$since" mkdir security_capable task_cred creds
expect_value cap_effective 0 0x1ffffffffff
force_run_clean "paranoid, after the attacks"

ok "rmmod clkrg" rmmod clkrg
ok "insmod clkrg.ko pint_validate=1 pint_enforce=0" insmod "$CLKRG_KO" pint_validate=1 pint_enforce=0
set_knob ratelimit_interval=0
act_targets
since=$(next_seq)
act_attack CRED_WRITE chmod
judge_accepted "$since" chmod task_cred creds
expect_value uid 65534 0
dmesg_clean
