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
#
# The access right after the primitive (pint_attack --act ACT):
#   act_targets                   victim_files, plus /root/victim-dir,
#                                 /root/mnt (empty dirs), /root/victim-prog
#                                 (root 0700; writes /root/exec-ran) and a
#                                 root "sleep" to ptrace (VICTIM_PID); the
#                                 leftovers of an access are removed
#   act_attack PRIM ACT [ARGS...] attack PRIM --act ACT ARGS (ptrace: the
#                                 victim's pid); ACT_PATH is ACT's target
#                                 when ARGS give --path
#   act_untouched ACT             one result: ACT's target as it was
#   act_changed ACT               one result: ACT's target changed by it
#   judge_denied SINCE ACT HOOK OBJ NAME   five results: SIGKILL; the
#                                 target untouched; nothing printed after
#                                 the primitive (it died in the access);
#                                 the violation event (killed); the block
#                                 event of HOOK refusing its access
#   judge_died_at_primitive SINCE ACT OBJ NAME   four results, for a
#                                 primitive found at its own hook (commit,
#                                 switch of namespaces): SIGKILL; target
#                                 untouched; nothing printed after; the
#                                 violation event (killed)
#   judge_accepted SINCE ACT OBJ NAME      four results at log_accept: the
#                                 access succeeded ("act=ACT ok"); the
#                                 target changed; the violation event
#                                 (accepted); no block event
#   expect_block_event SINCE HOOK PID   one result: HOOK refused PID

VULN_KO=/lib/clkrg/test/clkrg_vuln.ko
VICTIM_PID=
ACT_PATH=
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
			"none with seq >= $1"
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
		fail "violation event: task/umh '$2', action $3" "none with seq >= $1"
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
	_fr_ev=$(events_since "$_fr_since" | select_events type=violation)
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

# ---- the access right after the primitive --------------------------------------

act_targets() {
	victim_files
	if grep -q ' /root/mnt ' /proc/mounts; then umount /root/mnt; fi
	rm -rf /root/victim-dir /root/attacker-dir /root/canary.renamed \
		/root/secret.link /root/exec-ran /root/mnt
	mkdir -m 0755 /root/victim-dir /root/mnt
	printf '#!/bin/sh\necho ran >/root/exec-ran\n' >/root/victim-prog
	chmod 0700 /root/victim-prog
	if [ -n "$VICTIM_PID" ]; then
		kill -9 "$VICTIM_PID"
		wait "$VICTIM_PID" || [ $? -eq 137 ]	# SIGKILL's status
	fi
	sleep 1000 &
	VICTIM_PID=$!
}

act_attack() {
	_prim=$1
	_act=$2
	shift 2
	ACT_PATH=
	_prev=
	for _a in "$@"; do
		[ "$_prev" != --path ] || ACT_PATH=$_a
		_prev=$_a
	done
	if [ "$_act" = ptrace ]; then
		attack "$_prim" --act ptrace --pid "$VICTIM_PID" "$@"
	else
		attack "$_prim" --act "$_act" "$@"
	fi
}

# The target of ACT (pint_attack's defaults unless --path gave ACT_PATH).
act_target() {
	if [ -n "$ACT_PATH" ]; then
		echo "$ACT_PATH"
		return
	fi
	case $1 in
	read | link) echo /root/secret ;;
	rmdir) echo /root/victim-dir ;;
	mkdir) echo /root/attacker-dir ;;
	ptrace) echo "pid $VICTIM_PID (root)" ;;
	mount) echo /root/mnt ;;
	exec) echo /root/victim-prog ;;
	*) echo /root/canary ;;
	esac
}

# act_state ACT: "untouched" or "changed", with what was seen after ":".
act_state() {
	_t=$(act_target "$1")
	case $1 in
	trunc)
		_c=$(cat "$_t")
		[ "$_c" = "$CANARY_TEXT" ] && echo "untouched: '$_c'" || echo "changed: '$_c'"
		;;
	read)
		if grep -qx "secret=$SECRET_TEXT" "$ATTACK_OUT"; then
			echo "changed: the secret was printed"
		else
			echo "untouched: no secret printed"
		fi
		;;
	unlink | rmdir)
		[ -e "$_t" ] && echo "untouched: $_t exists" || echo "changed: $_t is gone"
		;;
	rename)
		if [ -e "$_t" ] && [ ! -e "$_t.renamed" ]; then
			echo "untouched: $_t in place"
		else
			echo "changed: $_t $([ -e "$_t" ] || echo gone), $_t.renamed $([ -e "$_t.renamed" ] && echo exists)"
		fi
		;;
	link)
		[ -e "$_t.link" ] && echo "changed: $_t.link exists" || echo "untouched: no $_t.link"
		;;
	mkdir)
		[ -d "$_t" ] && echo "changed: $_t exists" || echo "untouched: no $_t"
		;;
	chmod)
		_m=$(stat -c %a "$_t")
		[ "$_m" = 644 ] && echo "untouched: mode $_m" || echo "changed: mode $_m"
		;;
	ptrace)
		_tp=$(sed -n 's/^TracerPid:[[:space:]]*//p' "/proc/$VICTIM_PID/status")
		_st=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$VICTIM_PID/status")
		if grep -q '^act=ptrace ok' "$ATTACK_OUT" || [ "$_tp" != 0 ] ||
			[ "$_st" = T ] || [ "$_st" = t ]; then
			echo "changed: TracerPid $_tp, state $_st, $(grep '^act=' "$ATTACK_OUT")"
		else
			echo "untouched: TracerPid $_tp, state $_st"
		fi
		;;
	mount)
		if grep -q " $_t tmpfs " /proc/mounts; then
			echo "changed: tmpfs mounted on $_t"
		else
			echo "untouched: nothing mounted on $_t"
		fi
		;;
	exec)
		[ -e /root/exec-ran ] && echo "changed: $_t ran" || echo "untouched: $_t never ran"
		;;
	*)
		echo "unknown act $1"
		;;
	esac
}

act_untouched() {
	_as=$(act_state "$1")
	case $_as in
	untouched:*) pass "$1: target $(act_target "$1") untouched (${_as#untouched: })" ;;
	*) fail "$1: target $(act_target "$1") untouched" "$_as" ;;
	esac
}

act_changed() {
	_as=$(act_state "$1")
	case $_as in
	changed:*) pass "$1: target $(act_target "$1") changed by the access (${_as#changed: })" ;;
	*) fail "$1: target $(act_target "$1") changed by the access" "$_as" ;;
	esac
}

# The errno clkrg's hook table makes HOOK fail with.
hook_errno() {
	case $1 in
	security_capable | security_inode_setattr | security_ptrace_access_check | \
		security_sb_mount) echo 1 ;;
	*) echo 13 ;;
	esac
}

# The "actual" of field FIELD in the values of the event JSON $1.
event_value() {
	printf '%s\n' "$1" | sed -n 's/.*"values":[[:space:]]*\[\(.*\)\].*/\1/p' |
		sed 's/}[[:space:]]*,[[:space:]]*{/}\n{/g' | while IFS= read -r _v; do
		[ "$(json_field "$_v" field)" = "$2" ] && json_field "$_v" actual
	done | head -n 1
}

expect_block_event() {
	_be=$(events_since "$1" | select_events type=block category=task object=hook \
		name="$2" action=blocked pid="$3" | head -n 1)
	_want=$(hook_errno "$2")
	if [ -n "$_be" ] && num_eq "$(event_value "$_be" errno)" "$_want"; then
		pass "block event: $2 refused pid $3 with errno $_want"
	else
		fail "block event: $2 refused pid $3 with errno $_want" \
			"${_be:-none with seq >= $1}"
		diag_events
	fi
}

no_act_line() {
	if grep -q '^act=' "$ATTACK_OUT"; then
		fail "$1: it died in the access, before it could print its result" \
			"$(grep '^act=' "$ATTACK_OUT")"
	else
		pass "$1: it died in the access, before it could print its result"
	fi
}

judge_denied() {
	attack_killed "$2"
	act_untouched "$2"
	no_act_line "$2"
	expect_task_event "$1" "$4" "$5" killed
	expect_block_event "$1" "$3" "$ATTACK_PID"
}

judge_died_at_primitive() {
	attack_killed "$2"
	act_untouched "$2"
	no_act_line "$2"
	expect_task_event "$1" "$3" "$4" killed
}

judge_accepted() {
	if grep -q "^act=$2 ok" "$ATTACK_OUT" || { [ "$2" = exec ] && [ "$ATTACK_RC" -eq 0 ]; }; then
		pass "$2 at log_accept: the access succeeded"
	else
		fail "$2 at log_accept: the access succeeded" "exit $ATTACK_RC" \
			"$(grep '^act=' "$ATTACK_OUT")"
	fi
	act_changed "$2"
	expect_task_event "$1" "$3" "$4" accepted
	_nb=$(events_since "$1" | select_events type=block pid="$ATTACK_PID")
	if [ -z "$_nb" ]; then
		pass "$2 at log_accept: no block event"
	else
		fail "$2 at log_accept: no block event" "$_nb"
	fi
}
