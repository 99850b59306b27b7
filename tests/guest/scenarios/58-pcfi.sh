# shellcheck shell=sh
# Exploit detection, pCFI. pint_attack, as root (so the capability check
# it reaches would grant CAP_SYS_ADMIN), makes clkrg_vuln.ko enter
# security_capable, which clkrg probes, two ways: PCFI by push+jmp (the
# return address follows no call), PCFI_SP by a real call with the stack
# pointer moved into a buffer of the module (a stack pivot). The forged
# entry is itself the access under test.
# pcfi_validate full, pcfi_enforce kill: PCFI dies by SIGKILL inside it,
# before it can print what it got, with a task/task_stack "return address"
# event at "vuln_pcfi_call+... [clkrg_vuln] into security_capable" (the
# address the module logged) and a block event of security_capable (EPERM).
# log_only: logged, the task lives and security_capable's 0 (granted)
# comes back through the forged return. pcfi_validate=sp: PCFI_SP is
# killed the same way with a "stack pointer" event at security_capable,
# and at log_only lives with 0 and a logged event; PCFI (a sane stack) is
# not reported. full also reports the pivot. off: neither is reported.
# plan: 39
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

# died_in_access PRIM: one result, nothing printed after the ioctl
died_in_access() {
	if grep -q '^primitive=' "$ATTACK_OUT"; then
		fail "$1: it died in the access, before it could print its result" \
			"$(grep '^primitive=' "$ATTACK_OUT")"
	else
		pass "$1: it died in the access, before it could print its result"
	fi
}

# no_block_event SINCE DESC
no_block_event() {
	is "$(events_since "$1" | select_events type=block pid="$ATTACK_PID")" "" "$2: no block event"
}

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
set_knob pcfi_validate=full
set_knob pcfi_enforce=kill

since=$(next_seq)
attack PCFI --uid 0
attack_killed PCFI
died_in_access PCFI
expect_task_event "$since" task_stack "return address" killed
loc=$(json_field "$TASK_EV" location)
like "$loc" '^vuln_pcfi_call\+0x[0-9a-f]+/0x[0-9a-f]+ \[clkrg_vuln\] into security_capable$' \
	"PCFI: the event's location is the forged return into security_capable"
logged=$(dmesg | sed -n 's/.*security_capable entered with return address \(.*\): -\{0,1\}[0-9]*$/\1/p' | tail -n 1)
is "${loc% into security_capable}" "$logged" "PCFI: that is the return address clkrg_vuln pushed"
expect_block_event "$since" security_capable "$ATTACK_PID"

set_knob pcfi_enforce=log_only
since=$(next_seq)
attack PCFI --uid 0
attack_lived "PCFI at log_only"
is "$(attack_line pcfi_result)" 0 "PCFI at log_only: security_capable's 0 (granted) came back"
expect_task_event "$since" task_stack "return address" logged
is "$(json_field "$TASK_EV" address)" "$(attack_line forged)" "PCFI at log_only: the event's address is the forged return"
no_block_event "$since" "PCFI at log_only"

set_knob pcfi_validate=sp
set_knob pcfi_enforce=kill
since=$(next_seq)
attack PCFI_SP --uid 0
attack_killed PCFI_SP
died_in_access PCFI_SP
expect_task_event "$since" task_stack "stack pointer" killed
is "$(json_field "$TASK_EV" location)" security_capable "PCFI_SP: the event names security_capable"
expect_block_event "$since" security_capable "$ATTACK_PID"

set_knob pcfi_enforce=log_only
since=$(next_seq)
attack PCFI_SP --uid 0
attack_lived "PCFI_SP at log_only"
is "$(attack_line pcfi_result)" 0 "PCFI_SP at log_only: security_capable's 0 came back"
expect_task_event "$since" task_stack "stack pointer" logged
no_block_event "$since" "PCFI_SP at log_only"

since=$(next_seq)
attack PCFI --uid 0
attack_lived "PCFI at pcfi_validate=sp"
expect_no_violation "$since" "pcfi_validate=sp: a forged return on a sane stack is not looked at"

set_knob pcfi_validate=full
since=$(next_seq)
attack PCFI_SP --uid 0
attack_lived "PCFI_SP at pcfi_validate=full, log_only"
expect_task_event "$since" task_stack "stack pointer" logged

set_knob pcfi_validate=off
since=$(next_seq)
attack PCFI --uid 0
attack_lived "PCFI at pcfi_validate=off"
attack PCFI_SP --uid 0
attack_lived "PCFI_SP at pcfi_validate=off"
expect_no_violation "$since" "pcfi_validate=off: no violation event"
force_run_clean "after the attacks"
dmesg_clean
