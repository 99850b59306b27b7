# shellcheck shell=sh
# lkrg-top live, as a person sees it: tmux runs it and capture-pane reads
# the screen. One byte of core .text is patched (clkrg_tamper) and f asks
# for a confirmed force-run: the violation arrives in the events pane and
# the trigger counters move. Also: the capabilities it keeps, the detail
# of an event with its address, the pause marker (an event that arrives
# while paused is held back), the help screen, 80x24 and below, a clean
# check adding nothing, b and r with their confirmations, a member of the
# reader group without CAP_SYS_ADMIN (told what is missing, no address),
# the module shut down and reloaded under a running lkrg-top, batch mode.
# plan: 76
# no-autoload
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh
# shellcheck source=tests/guest/tui.sh
. /lib/tests/tui.sh

T=top
CRC7=$REAL_MODULE_DIR/crc7.ko

# see DESC ERE [SECONDS]: the root pane shows ERE.
see() {
	if tui_wait "$T" "$2" "${3:-10}"; then
		pass "$1"
	else
		fail "$1" "pane of $T, waited for /$2/:" "$(sed 's/ *$//' "$TUI_SHOT")"
	fi
}

# see_in PANE DESC ERE: the same in another pane.
see_in() {
	if tui_wait "$1" "$3" 10; then
		pass "$2"
	else
		fail "$2" "pane of $1, waited for /$3/:" "$(sed 's/ *$//' "$TUI_SHOT")"
	fi
}

# fired NAME: the FIRED column of a trigger row in the last capture.
fired() {
	sed -n "s/^$1 *\\([0-9][0-9]*\\) .*/\\1/p" "$TUI_SHOT" | head -n 1
}

# wait_fired NAME MORE_THAN: the row's FIRED column rose above MORE_THAN.
wait_fired() {
	_t=100
	while [ "$_t" -gt 0 ]; do
		tui_match "$T" "^$1 "
		[ "$(fired "$1")" -gt "$2" ] 2>/dev/null && return 0
		sleep 0.1
		_t=$((_t - 1))
	done
	return 1
}

# ktext_lines: violation lines of .text in a fresh capture.
ktext_lines() {
	tui_capture "$T" >"$TUI_SHOT"
	grep -c 'ALERT  kernel/ktext .*\.text at __x64_sys_acct' "$TUI_SHOT" || true
}

# caps PID: "CapPrm CapEff CapBnd" of PID.
caps() {
	awk '/^Cap(Prm|Eff|Bnd):/ { printf "%s%s", sep, $2; sep = " " }' "/proc/$1/status"
}

ok "insmod clkrg.ko read_gid=1000 kint_validate=1" \
	insmod "$CLKRG_KO" read_gid=1000 kint_validate=1
ok "start lkrg-top in a 120x50 tmux pane" tui_start "$T" 120 50 "lkrg-top -d 0.5"
see "the header says live" '^lkrg-top [0-9.]+ \[live\] clkrg [0-9.]+ api 1 schema 1  instance [0-9a-f-]{36}  up [0-9:]+$'
see "all three panes at 120x50" '^  Hooks: [0-9]+ shown'
pid=$(tui_pid "$T")
# CAP_SYS_ADMIN (21) and CAP_SYSLOG (34) only, in every set
is "$(caps "$pid")" "0000000400200000 0000000400200000 0000000400200000" \
	"lkrg-top kept CAP_SYS_ADMIN and CAP_SYSLOG only"

# ---- the attack, seen live ----------------------------------------------------
tui_match "$T" '^manual '
manual0=$(fired manual)
module0=$(fired module)
like "$manual0.$module0" '^[0-9]+\.[0-9]+$' "trigger rows read: manual $manual0, module $module0"
ok "insmod clkrg_tamper.ko" tamper_load
if wait_fired module "$module0"; then
	pass "the module trigger's counter moved on screen ($module0 -> $(fired module))"
else
	fail "the module trigger's counter moved on screen" "$(grep '^module ' "$TUI_SHOT")"
fi
is "$(ktext_lines)" 0 "no .text violation on screen yet"
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
tui_keys "$T" f
see "f asks for confirmation" '^Run a full check now \(force-run\)\? \[y/N\]'
tui_keys "$T" y
see "the force-run reports the violation it found" \
	'^force-run: check #[0-9]+ found 1 violation in [0-9.]+ ms'
see "the violation arrives in the events pane" \
	'^[0-9:]{8} ALERT  kernel/ktext +logged +- +\.text at __x64_sys_acct\+0x'
if tui_wait "$T" "^manual +$((manual0 + 1)) " 10; then
	pass "the manual trigger's counter moved on screen ($manual0 -> $((manual0 + 1)))"
else
	fail "the manual trigger's counter moved on screen" "$(grep '^manual ' "$TUI_SHOT")"
fi
see "the header counts the violation" '\| violations 1 since load \|'

# ---- the detail of the event --------------------------------------------------
tui_keys "$T" / k t e x t Enter
see "the filter narrows the pane" "Events: 1 shown, .*filter 'ktext'"
tui_keys "$T" Enter
see "Enter opens the record" '^event #[0-9]+ violation at [0-9-]+T[0-9:.]+Z on cpu [0-9]+'
see "the record has the location" '^location +__x64_sys_acct\+0x[0-9a-f]+/0x[0-9a-f]+'
see "root (CAP_SYSLOG kept) sees the address" '^address +0xffffffff[0-9a-f]{8}, 64 bytes'
tui_keys "$T" q
see "q returns from the record" '^> Events: 1 shown'
tui_keys "$T" / BSpace BSpace BSpace BSpace BSpace Enter
see "the filter is cleared" '^> Events: [0-9]+ shown, sorted by time \(newest first\)$'

# ---- pause ---------------------------------------------------------------------
tui_keys "$T" Space
see "space shows the pause marker" 'PAUSED \(0 new\)'
expect_exit 1 lkrg-cli force-run
see "an event read while paused is counted" 'PAUSED \(1 new\)'
is "$(ktext_lines)" 1 "and held back: still one .text line"
tui_keys "$T" Space
tui_gone "$T" 'PAUSED'
is "$(ktext_lines)" 2 "space again: the held event shows, the marker goes"

# ---- help ----------------------------------------------------------------------
tui_keys "$T" '?'
see "? shows the help" '^lkrg-top: keys'
see "the help names the state changes" '^  f +force-run: a full check now'
tui_keys "$T" x
see "any key returns from the help" '^  Triggers: [0-9]+ shown'

# ---- sizes ---------------------------------------------------------------------
ok "resize to 80x24" tui_resize "$T" 80 24
see "80x24: the header" '^lkrg-top [0-9.]+ \[live\] clkrg [0-9.]+ api 1  instance [0-9a-f]{8}  up '
see "80x24: the events pane" '^> Events: [0-9]+ shown'
see "80x24: the key line at the bottom" '^\?:help q:quit space:pause'
diag "the screen at 80x24:" "$(sed 's/ *$//' "$TUI_SHOT")"
ok "resize to 79x24" tui_resize "$T" 79 24
see "79x24: a clear message instead" '^lkrg-top needs at least 80x24; this terminal is 79x24\.'
ok "resize to 80x23" tui_resize "$T" 80 23
see "80x23: the same" 'this terminal is 80x23\.'
ok "resize back to 120x50" tui_resize "$T" 120 50
see "120x50 again: all panes" '^  Hooks: [0-9]+ shown'

# ---- a clean check adds nothing ------------------------------------------------
ok "restore the byte" tamper_restore
tui_keys "$T" f
see "f asks again" '^Run a full check now'
tui_keys "$T" y
see "the clean check says so" '^force-run: check #[0-9]+ found 0 violations'
is "$(ktext_lines)" 2 "and adds no line"

# ---- b and r -------------------------------------------------------------------
tui_keys "$T" b
see "b asks before refusing module loads" '^Refuse module loads from now on \(block-modules on\)\? \[y/N\]'
tui_keys "$T" y
see "module blocking is on" '^module blocking is now on'
see "the header says so" '^policy: modules on  unlocked  kint manual/'
if insmod "$CRC7" 2>/dev/null; then
	fail "insmod crc7.ko is refused"
	rmmod crc7
else
	pass "insmod crc7.ko is refused"
fi
see "the refusal shows" '^[0-9:]{8} WARN   module/module +blocked .* crc7'
tui_keys "$T" b
see "b again asks to allow them" '\(block-modules off\)\? \[y/N\]'
tui_keys "$T" y
see "module blocking is off" '^module blocking is now off'
gen=$(status_field generation)
tui_keys "$T" r
see "r asks before rebaselining" '^Accept the running kernel as the new baseline \(rebaseline\)\? \[y/N\]'
tui_keys "$T" n
see "n cancels" '^rebaseline: cancelled'
is "$(status_field generation)" "$gen" "nothing was rebaselined"
tui_keys "$T" r y
see "y rebaselines" "^rebaseline: new baseline generation $((gen + 1))\$"

# ---- a member of the reader group ----------------------------------------------
ok "lkrg-top as alice (group 1000, read_gid)" \
	tui_start alice 100 30 "su alice -c 'exec lkrg-top -d 0.5'"
see_in alice "alice's lkrg-top is live" '^lkrg-top [0-9.]+ \[live\]'
apid=$(tui_pid alice)
is "$(caps "$apid")" "0000000000000000 0000000000000000 000001ffffffffff" \
	"alice's lkrg-top has no capability"
tui_keys alice f
see_in alice "f tells alice which capability is missing" \
	'^force-run needs CAP_SYS_ADMIN, which lkrg-top does not have: run it as root'
tui_keys alice / k t e x t Enter Enter
see_in alice "alice sees the record without the address" \
	'^address +hidden from this reader \(CAP_SYSLOG or expose_addresses=1 shows it\)'
tui_keys alice q

# ---- the module goes away and comes back ------------------------------------------
expect_exit 0 lkrg-cli shutdown
see "shutdown: lkrg-top shows the module gone" '\[MODULE GONE: shut down or unloading; retrying\]'
see_in alice "alice's too" '\[MODULE GONE: shut down or unloading; retrying\]'
ok "rmmod clkrg while both run (they closed the device)" rmmod clkrg
see "lkrg-top says it is not loaded" '\[MODULE GONE: not loaded \(modprobe clkrg\); retrying\]'
ok "insmod clkrg.ko again" insmod "$CLKRG_KO" read_gid=1000 kint_validate=1
see "lkrg-top reconnects by itself" '^lkrg-top [0-9.]+ \[live\]'
see "and says it is a new instance" '^clkrg is back: a new instance'
see_in alice "alice's reconnects too" '^lkrg-top [0-9.]+ \[live\]'
tui_keys "$T" q
tui_keys alice q
sleep 1
if tui_alive "$T" || tui_alive alice; then
	fail "q quits both" "$(tui_capture alice)"
else
	pass "q quits both"
fi
st="$(tui_exit "$T") $(tui_exit alice)"
if [ "$st" = "0 0" ]; then
	pass "both exit 0"
else
	fail "both exit 0" "got '$st'" "$(tui_capture "$T" | grep -v '^$')" "$(ps)"
fi
tui_stop "$T"
tui_stop alice

# ---- batch mode ------------------------------------------------------------------
expect_exit 0 lkrg-top -b -n 2 -d 0.5 --json
is "$(grep -c '^{"frame":[12],"real_ns":[0-9]*,"state":"live","status":{' "$OUT_FILE")" 2 \
	"-b -n 2 --json: two JSON frames, live"
like "$(head -n 1 "$OUT_FILE")" '"triggers":\[\{"name":"manual","id":1,"fired":[0-9]+' \
	"a frame has the trigger table"
expect_exit 0 lkrg-top -b -n 1
like "$(grep -c -e '^EVENTS (newest first' -e '^TRIGGERS$' -e '^HOOKS$' "$OUT_FILE")" '^3$' \
	"-b -n 1: header, events, triggers and hooks as text"
dmesg_clean
