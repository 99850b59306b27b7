# shellcheck shell=sh
# Helpers for the exploit-detection scenarios (5x attacks, 6x negative
# twins, 70-soak). Sourced after lib.sh and clkrg.sh.
#
#   vuln_load                     insmod clkrg_vuln.ko (/dev/clkrg_vuln)
#   victim_files                  /root (root 0755) with /root/canary (root
#                                 0644, "$CANARY_TEXT") and /root/secret
#                                 (root 0600, "$SECRET_TEXT"); the UMH
#                                 helper script $UMH_HELPER (writes
#                                 $UMH_MARKER and copies the secret there)
#   attack PRIM [ARGS...]         runs pint_attack PRIM as root (it drops
#                                 to 65534 itself); output in $ATTACK_OUT,
#                                 exit status in ATTACK_RC, its pid in
#                                 ATTACK_PID (the child's with --fork-*);
#                                 the output goes to the log
#   attack_line KEY               the value of "KEY=" in its output
#   attack_uid                    "uid=R,E,S" of the "after" line
#   attack_killed DESC            one result: it died by SIGKILL (137)
#   attack_lived DESC             one result: it ran to "done", exit 0
#   canary_intact                 one result: /root/canary unchanged
#   canary_changed                one result: truncated, written or removed
#   secret_kept                   one result: no "secret=" line
#   secret_leaked                 one result: "secret=$SECRET_TEXT" printed
#   task_events SINCE [F=V...]    violation events of category task
#   expect_task_event SINCE OBJ NAME ACTION   one result: such an event of
#                                 the attacking task (pid, comm); sets
#                                 TASK_EV to it
#   expect_event_of SINCE OBJ NAME ACTION PID COMM   the same for any task
#   expect_umh_event SINCE PATH ACTION  the same for object umh, name
#                                 PATH, any task
#   judge_killed SINCE PRIM OBJ NAME    four results: SIGKILL, canary
#                                 intact, secret kept, the event (killed)
#   expect_value_pair EXPECTED ACTUAL   one result: a value of any field
#   expect_value FIELD EXPECTED ACTUAL  one result: TASK_EV has a value
#                                 {FIELD, EXPECTED, ACTUAL} (numbers, any
#                                 base the shell reads; "*" is any)
#   expect_no_violation SINCE DESC      one result: no violation event
#                                 at all since SINCE
#   force_run_clean DESC          one result: lkrg-cli force-run exits 0
#                                 and made no violation event (as in
#                                 modguard.sh)
#   set_knob NAME=VALUE           one result: lkrg-cli policy set
#   pool_dry_event SINCE PID      one result: the "record pool empty"
#                                 event, produced by PID's fork

VULN_KO=/lib/clkrg/test/clkrg_vuln.ko
ATTACK=/lib/tests/bin/pint_attack
# shellcheck disable=SC2034 # used by the scenarios
PARKED=/lib/tests/bin/pint_parked
# shellcheck disable=SC2034 # used by the scenarios
LEGIT=/lib/tests/bin/pint_legit
ATTACK_OUT=/tmp/attack.out
CANARY_TEXT=canary-intact
SECRET_TEXT=s3cr3t-$$-clkrg
UMH_HELPER=/tmp/umh-helper.sh
UMH_MARKER=/tmp/umh-ran
ATTACK_RC=0
ATTACK_PID=
TASK_EV=

vuln_load() {
	[ -c /dev/clkrg_vuln ] || insmod "$VULN_KO"
}

victim_files() {
	mkdir -p /root
	chown 0:0 /root
	chmod 0755 /root
	rm -f /root/canary /root/secret "$UMH_MARKER"
	printf '%s\n' "$CANARY_TEXT" >/root/canary
	chmod 0644 /root/canary
	printf '%s\n' "$SECRET_TEXT" >/root/secret
	chmod 0600 /root/secret
	cat >"$UMH_HELPER" <<-EOF
	#!/bin/sh
	{ id; cat /root/secret; } >$UMH_MARKER 2>&1
	exit 0
	EOF
	chmod 0755 "$UMH_HELPER"
}

attack() {
	ATTACK_RC=0
	"$ATTACK" "$@" >"$ATTACK_OUT" 2>&1 || ATTACK_RC=$?
	ATTACK_PID=$(sed -n 's/^child pid=\([0-9]*\).*/\1/p' "$ATTACK_OUT" | head -n 1)
	[ -n "$ATTACK_PID" ] ||
		ATTACK_PID=$(sed -n 's/^start .* pid=\([0-9]*\).*/\1/p' "$ATTACK_OUT")
	diag "pint_attack $* (exit $ATTACK_RC):"
	sed -n '1,20s/^/#   /p' "$ATTACK_OUT"
}

attack_line() {
	sed -n "s/^.*\\b$1=\\([^ ]*\\).*/\\1/p" "$ATTACK_OUT" | head -n 1
}

attack_uid() {	# "uid=R,E,S" after the primitive
	sed -n 's/^after \(uid=[^ ]*\).*/\1/p' "$ATTACK_OUT"
}

attack_killed() {
	if [ "$ATTACK_RC" -eq 137 ]; then
		pass "$1: killed by SIGKILL"
	else
		fail "$1: killed by SIGKILL" "exit status $ATTACK_RC"
	fi
}

attack_lived() {
	if [ "$ATTACK_RC" -eq 0 ] && grep -q '^done$' "$ATTACK_OUT"; then
		pass "$1: ran to the end, exit 0"
	else
		fail "$1: ran to the end, exit 0" "exit status $ATTACK_RC"
	fi
}

canary_intact() {
	if [ "$(cat /root/canary 2>/dev/null)" = "$CANARY_TEXT" ]; then
		pass "/root/canary intact"
	else
		fail "/root/canary intact" \
			"now: $(ls -l /root/canary 2>&1) '$(cat /root/canary 2>&1)'"
	fi
	# the next attack gets a fresh canary either way
	printf '%s\n' "$CANARY_TEXT" >/root/canary
	chmod 0644 /root/canary
}

canary_changed() {
	if [ "$(cat /root/canary 2>/dev/null)" != "$CANARY_TEXT" ]; then
		pass "/root/canary changed or removed by the attack"
	else
		fail "/root/canary changed or removed by the attack"
	fi
	printf '%s\n' "$CANARY_TEXT" >/root/canary
	chmod 0644 /root/canary
}

secret_kept() {
	if grep -q '^secret=' "$ATTACK_OUT"; then
		fail "/root/secret not read" "$(grep '^secret=' "$ATTACK_OUT")"
	else
		pass "/root/secret not read"
	fi
}

secret_leaked() {
	if grep -qx "secret=$SECRET_TEXT" "$ATTACK_OUT"; then
		pass "/root/secret read by the attack"
	else
		fail "/root/secret read by the attack"
	fi
}

task_events() {
	_te_since=$1
	shift
	events_since "$_te_since" | select_events type=violation category=task "$@"
}

expect_task_event() {
	expect_event_of "$1" "$2" "$3" "$4" "$ATTACK_PID" pint_attack
}

expect_event_of() {
	TASK_EV=$(task_events "$1" object="$2" name="$3" action="$4" \
		pid="$5" comm="$6" | head -n 1)
	if [ -n "$TASK_EV" ]; then
		pass "violation event: task/$2 '$3', action $4, pid $5, comm $6"
	else
		fail "violation event: task/$2 '$3', action $4, pid $5, comm $6" \
			"none with seq >= ${1:-?}"
		diag_events
	fi
}

# expect_umh_event SINCE PATH ACTION: any task (the kernel starts helpers
# from its own threads).
expect_umh_event() {
	TASK_EV=$(task_events "$1" object=umh name="$2" action="$3" | head -n 1)
	if [ -n "$TASK_EV" ]; then
		pass "violation event: task/umh '$2', action $3"
	else
		fail "violation event: task/umh '$2', action $3" "none with seq >= ${1:-?}"
		diag_events
	fi
}

# judge_killed SINCE PRIM OBJ NAME: four results for an attack at kill
judge_killed() {
	attack_killed "$2"
	canary_intact
	secret_kept
	expect_task_event "$1" "$3" "$4" killed
}

# expect_value_pair EXPECTED ACTUAL: some value of TASK_EV, any field
expect_value_pair() {
	_vals=$(task_ev_values)
	_found=
	while IFS= read -r _v; do
		[ -n "$_v" ] || continue
		if num_eq "$(json_field "$_v" expected)" "$1" &&
			num_eq "$(json_field "$_v" actual)" "$2"; then
			_found=$_v
			break
		fi
	done <<-EOT
	$_vals
	EOT
	if [ -n "$_found" ]; then
		pass "a value: expected $1, actual $2 ($(json_field "$_found" field))"
	else
		fail "a value: expected $1, actual $2" "values: $_vals"
	fi
}

# The values[] objects of TASK_EV, one per line.
task_ev_values() {
	printf '%s\n' "$TASK_EV" | sed -n 's/.*"values":[[:space:]]*\[\(.*\)\].*/\1/p' |
		sed 's/}[[:space:]]*,[[:space:]]*{/}\n{/g'
}

num_eq() {
	[ "$2" = "*" ] || { [ -n "$1" ] && [ "$(($1))" = "$(($2))" ]; }
}

expect_value() {
	_found=
	_vals=$(task_ev_values)
	while IFS= read -r _v; do
		[ -n "$_v" ] || continue
		[ "$(json_field "$_v" field)" = "$1" ] || continue
		if num_eq "$(json_field "$_v" expected)" "$2" &&
			num_eq "$(json_field "$_v" actual)" "$3"; then
			_found=$_v
			break
		fi
	done <<-EOT
	$_vals
	EOT
	if [ -n "$_found" ]; then
		pass "value $1: expected $2, actual $3"
	else
		fail "value $1: expected $2, actual $3" "values: $_vals"
	fi
}

expect_no_violation() {
	_nv=$(events_since "$1" | select_events type=violation)
	if [ -z "$_nv" ]; then
		pass "$2"
	else
		fail "$2" "$(printf '%s\n' "$_nv" | head -n 5)"
	fi
}

force_run_clean() {
	_fr_since=$(next_seq)
	_fr=0
	lkrg-cli force-run >/tmp/force-run.out 2>&1 || _fr=$?
	_fr_ev=$(events_since "${_fr_since:-0}" | select_events type=violation)
	if [ "$_fr" -eq 0 ] && [ -z "$_fr_ev" ]; then
		pass "force-run clean: $1"
	else
		fail "force-run clean: $1" "exit $_fr" "$(head -n 10 /tmp/force-run.out)" \
			"$(printf '%s\n' "$_fr_ev" | head -n 5)"
	fi
}

set_knob() {
	ok "policy set $1" lkrg-cli policy set "$1"
}

pool_dry_event() {
	_pd=$(events_since "$1" | select_events type=info object=task_shadow \
		name="record pool empty" pid="$2" | head -n 1)
	if [ -n "$_pd" ]; then
		pass "the record pool ran dry at the fork of pid $2"
	else
		fail "the record pool ran dry at the fork of pid $2" \
			"no task_shadow 'record pool empty' event of pid $2"
		diag_events
	fi
}
