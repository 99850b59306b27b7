# shellcheck shell=sh
# Integrity detection: one byte of core .text, then of .rodata, is patched
# with clkrg_tamper.ko. Each time: force-run finds it (exit 1) with a
# violation event naming the region and the symbol and covering the byte,
# keeps finding it, accepts it after rebaseline, finds the restore, and
# accepts that after a second rebaseline. Every rebaseline leaves an admin
# event with uid 0 and the caller's pid.
# plan: 34
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

# rebaseline_logged: lkrg-cli rebaseline exits 0 and leaves an admin event.
rebaseline_logged() {
	_since=$(next_seq)
	expect_exit 0 run_as_pid /tmp/rebaseline.pid lkrg-cli rebaseline
	_pid=$(cat /tmp/rebaseline.pid)
	_ev=$(events_since "$_since" | select_events type=admin pid="$_pid" uid=0)
	if [ -n "$_ev" ]; then
		pass "rebaseline made an admin event with uid 0, pid $_pid"
	else
		fail "rebaseline made an admin event with uid 0, pid $_pid" \
			"no such event with seq >= $_since"
		diag_events
	fi
}

# tamper_round REGION SYMBOL OFFSET OBJECT NAME
tamper_round() {
	_since=$(next_seq)
	ok "patch $1 $2+$3" tamper_patch "$1" "$2" "$3"
	_patched=$(tamper_info address)
	diag "patched $(cat "$TAMPER_PARAMS/patched")"
	expect_exit 1 lkrg-cli force-run
	expect_exit 0 lkrg-cli --json events
	_evs=$(events_since "$_since" | select_events type=violation object="$4" name="$5")
	if [ -n "$_evs" ]; then
		pass "violation event: object $4, name $5"
	else
		fail "violation event: object $4, name $5" "none with seq >= $_since"
		diag_events
	fi
	_hit=
	_seen=
	while IFS= read -r _ev; do
		[ -n "$_ev" ] || continue
		_a=$(json_field "$_ev" address)
		_l=$(json_field "$_ev" length)
		_seen="$_seen address=${_a:-none} length=${_l:-none};"
		if [ -z "$_a" ] || [ -z "$_l" ]; then
			continue
		fi
		if hex_le "$_a" "$_patched" && ! hex_le "$(hex_add "$_a" "$_l")" "$_patched"; then
			_hit=$_ev
			break
		fi
	done <<-EOT
	$_evs
	EOT
	if [ -n "$_hit" ]; then
		pass "a $5 event covers the patched address $_patched"
	else
		fail "a $5 event covers the patched address $_patched" "events:$_seen"
	fi
	like "$(json_field "${_hit:-$_evs}" location)" "^$2(\\+|\$)" \
		"the event's location starts with $2"

	expect_exit 1 lkrg-cli force-run
	rebaseline_logged
	expect_exit 0 lkrg-cli force-run
	ok "restore $1 $2+$3" tamper_restore
	expect_exit 1 lkrg-cli force-run
	rebaseline_logged
	expect_exit 0 lkrg-cli force-run
}

ok "insmod clkrg_tamper.ko" tamper_load
expect_exit 0 lkrg-cli force-run
tamper_round text __x64_sys_acct 0x40 ktext .text
# sys_call_table entry 163 (acct): 6.1 dispatches through x64_sys_call
tamper_round rodata sys_call_table 0x518 rodata .rodata
if kernel_log | grep -q 'clkrg: ALERT: DETECT:'; then
	pass "kernel log has 'clkrg: ALERT: DETECT:'"
else
	fail "kernel log has 'clkrg: ALERT: DETECT:'" \
		"$(kernel_log | grep 'clkrg:' | tail -n 10)"
fi
dmesg_clean
