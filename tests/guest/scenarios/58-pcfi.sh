# shellcheck shell=sh
# Exploit detection, pCFI. pint_attack (uid 65534) makes clkrg_vuln.ko
# enter security_capable, which clkrg probes, by push+jmp: the return
# address follows no call. pcfi_validate full, pcfi_enforce kill: the task
# dies by SIGKILL with a task/task_stack "return address" event (its pid
# and comm), canary intact, secret unread. log_only: logged, the task
# lives and security_capable's result (-EPERM) comes back through the
# forged return. pcfi_validate=sp and off: not reported.
# plan: 20
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
set_knob pcfi_validate=full
set_knob pcfi_enforce=kill

since=$(next_seq)
attack PCFI
judge_killed "$since" PCFI task_stack "return address"

set_knob pcfi_enforce=log_only
since=$(next_seq)
attack PCFI
attack_lived "PCFI at log_only"
is "$(attack_line pcfi_result)" -1 "PCFI: security_capable's -EPERM came back"
expect_task_event "$since" task_stack "return address" logged

set_knob pcfi_validate=sp
since=$(next_seq)
attack PCFI
attack_lived "PCFI at pcfi_validate=sp"
expect_no_violation "$since" "pcfi_validate=sp: no violation event"

set_knob pcfi_validate=off
since=$(next_seq)
attack PCFI
attack_lived "PCFI at pcfi_validate=off"
expect_no_violation "$since" "pcfi_validate=off: no violation event"
force_run_clean "after the attacks"
dmesg_clean
