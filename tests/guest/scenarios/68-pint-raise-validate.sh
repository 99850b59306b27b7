# shellcheck shell=sh
# Exploit detection, pint_validate raised after a forgery. While it is off
# the hooks still follow legitimate changes but verify nothing; turning it
# on accepts nothing. With pint_validate=off pint_attack drops to nobody
# (followed), writes uid 0 into its cred (CRED_WRITE, unreported) and
# waits; pint_validate is raised to current: it goes on and is killed at
# its first hook (canary intact, secret unread, task_cred "creds" uid
# 65534 -> 0). The same raising to paranoid. A task forged while off that
# then commits creds made from its own (prctl(PR_SET_KEEPCAPS), open to
# anyone): its record does not follow a task that no longer matches it,
# so it is still killed after the raise. And a task forged while off that
# forks while off: its child, with the forged cred copied, is held to
# what the parent should have had and is killed when it attacks after the
# raise. A last force-run is clean. 72 is the negative twin.
# plan: 39
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files

GO=/tmp/go
# attack_bg PRIM [ARGS...]: pint_attack in the background, waiting for $GO
attack_bg() {
	rm -f "$GO"
	"$ATTACK" "$@" --wait "$GO" >"$ATTACK_OUT" 2>&1 &
	BG=$!
}
attack_join() {
	ATTACK_RC=0
	wait "$BG" || ATTACK_RC=$?
	ATTACK_PID=$(sed -n 's/^child pid=\([0-9]*\).*/\1/p' "$ATTACK_OUT" | head -n 1)
	[ -n "$ATTACK_PID" ] ||
		ATTACK_PID=$(sed -n 's/^start .* pid=\([0-9]*\).*/\1/p' "$ATTACK_OUT")
	diag "pint_attack (exit $ATTACK_RC):"
	sed -n '1,20s/^/#   /p' "$ATTACK_OUT"
}

for level in current paranoid; do
	set_knob pint_validate=off
	since=$(next_seq)
	attack_bg CRED_WRITE
	ok "off: the primitive ran" wait_for 30 grep -q '^primitive=ok' "$ATTACK_OUT"
	expect_no_violation "$since" "off: nothing reported"
	set_knob "pint_validate=$level"
	touch "$GO"
	attack_join
	judge_killed "$since" "CRED_WRITE, then pint_validate=$level" task_cred creds
	expect_value uid 65534 0
done

set_knob pint_validate=off
since=$(next_seq)
attack_bg CRED_WRITE --then keepcaps
ok "off: the forged task committed creds made from its own" \
	wait_for 30 grep -q '^keepcaps=ok' "$ATTACK_OUT"
set_knob pint_validate=current
touch "$GO"
attack_join
judge_killed "$since" "a forged task that committed its creds while off" task_cred creds
expect_value uid 65534 0

set_knob pint_validate=off
since=$(next_seq)
attack_bg CRED_WRITE --fork-after
ok "off: the forged task forked" wait_for 30 grep -q '^child pid=' "$ATTACK_OUT"
expect_no_violation "$since" "off: nothing reported"
set_knob pint_validate=current
touch "$GO"
attack_join
judge_killed "$since" "the child of a task forged while off" task_cred creds
expect_value uid 65534 0

force_run_clean "after the attacks"
dmesg_clean
