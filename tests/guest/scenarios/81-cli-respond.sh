# shellcheck shell=sh
# lkrg-cli for scripts. tests/guest/lkrg-respond.sh, which uses lkrg-cli
# and nothing else, detects a byte patched in core .text (clkrg_tamper),
# reads the events from its saved sequence number as JSON with no loss and
# no duplicate, refuses module loads, rebaselines and waits for a clean
# check, checking every exit code; then recovers. Then: the JSON rule (one
# document per command, JSON errors on stderr), RFC 5424 lines, events
# --new and its cursor, a lost range reported in-band, --since past the
# end, wait-clean's timeouts, command prefixes, and the hints for a member
# of the reader group and for a missing module. The exit codes of the
# error classes, each made for real: 2 (usage), 3 (no module), 4 (a
# reader refused a change), 5 (a device of another API version: the
# test-only clkrg_abi_peer.ko, named by -d and then as /dev/lkrg itself;
# /dev/null, no lkrg device at all), 6 (--since past the end).
# plan: 88
# no-autoload
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

R=/lib/tests/lkrg-respond.sh
D=/tmp/respond
CRC7=$REAL_MODULE_DIR/crc7.ko

# json_rows FILE: 0 when FILE is one JSON array with one object a line.
json_rows() {
	[ "$(head -c 2 "$1")" = '[{' ] && tail -n 1 "$1" | grep -q '}]$' &&
		[ "$(grep -c '^\[\{0,1\}{.*}[],]$' "$1")" -eq "$(wc -l <"$1")" ]
}

# seqs FILE: the sequence numbers of the JSON lines of FILE, one a line.
seqs() {
	sed -n 's/^{"seq":\([0-9]*\),.*/\1/p' "$1"
}

# contiguous FILE FIRST: FILE's records are FIRST, FIRST+1, ... with no
# gap and no repeat, and there is at least one.
contiguous() {
	_want=$2
	for _s in $(seqs "$1"); do
		[ "$_s" -eq "$_want" ] || return 1
		_want=$((_want + 1))
	done
	[ "$_want" -gt "$2" ]
}

ok "insmod clkrg.ko read_gid=1000 event_slots=64" \
	insmod "$CLKRG_KO" read_gid=1000 event_slots=64
expect_exit 0 lkrg-cli policy set interval=5
ok "insmod clkrg_tamper.ko" tamper_load

# ---- detect, act, recover ------------------------------------------------
expect_exit 0 "$R" check "$D"
first=$(cat "$D/next-seq")
like "$first" '^[1-9][0-9]*$' "the responder saved where it stopped ($first)"
expect_exit 0 lkrg-cli rebaseline
expect_exit 0 "$R" check "$D"
if contiguous "$D/events.jsonl" "$first"; then
	pass "the second run read the rebaseline's event on from $first, nothing twice"
else
	fail "the second run read the rebaseline's event on from $first, nothing twice" "$(seqs "$D/events.jsonl" | tr '\n' ' ')"
fi
before=$(cat "$D/next-seq")

ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 10 "$R" check "$D"
diag "$(cat "$OUT_FILE")"
if grep -q '"type":"violation".*"object":"ktext".*"name":".text"' "$D/events.jsonl"; then
	pass "the responder read the .text violation as JSON"
else
	fail "the responder read the .text violation as JSON" "$(cat "$D/events.jsonl")"
fi
if contiguous "$D/events.jsonl" "$before"; then
	pass "its events run from the saved $before with no gap or repeat"
else
	fail "its events run from the saved $before with no gap or repeat" "$(seqs "$D/events.jsonl" | tr '\n' ' ')"
fi
for step in "--json force-run -> 1" "block-modules on -> 0" "--json rebaseline -> 0" \
	"wait-clean --timeout 30 -> 0"; do
	if tail -n 6 "$D/log" | grep -qF -- "$step"; then
		pass "responder log: lkrg-cli $step"
	else
		fail "responder log: lkrg-cli $step" "$(tail -n 8 "$D/log")"
	fi
done
like "$(lkrg-cli block-modules)" '^on ' "module loads are refused now"
since=$(next_seq)
if insmod "$CRC7" 2>/dev/null; then
	fail "insmod crc7.ko is refused"
	rmmod crc7
else
	pass "insmod crc7.ko is refused"
fi
like "$(events_since "$since" | select_events type=block)" '"name":"crc7"' \
	"the refusal is a block event"
expect_exit 0 "$R" check "$D"
expect_exit 0 "$R" recover "$D"
like "$(lkrg-cli block-modules)" '^off ' "module loads are allowed again"
ok "insmod crc7.ko" insmod "$CRC7"
ok "rmmod crc7" rmmod crc7
# putting the byte back is a change from the accepted baseline too
ok "restore the byte" tamper_restore
expect_exit 10 "$R" check "$D"
expect_exit 0 "$R" recover "$D"

# ---- one JSON document per command ------------------------------------------
for cmd in stats hooks "policy get"; do
	# shellcheck disable=SC2086 # cmd is two words for policy get
	expect_exit 0 lkrg-cli --json $cmd
	if json_rows "$OUT_FILE"; then
		pass "$cmd --json: one array, a row a line"
	else
		fail "$cmd --json: one array, a row a line" "$(head -n 3 "$OUT_FILE")"
	fi
done
expect_exit 0 lkrg-cli status --json
like "$(cat "$OUT_FILE")" '^\{"module_version":.*\}$' "status --json: one object"
expect_exit 0 lkrg-cli version --json
like "$(cat "$OUT_FILE")" '^\{"lkrg_cli":"[0-9.]+","api_version":1,"schema_version":1\}$' \
	"version --json"
expect_exit 2 lkrg-cli --json policy set nosuch=1
like "$(cat "$OUT_FILE")" '^\{"error":\{"command":"policy set","message":"unknown knob .nosuch.*","exit_code":2\}\}$' \
	"an error under --json is one JSON object on stderr"
expect_exit 2 lkrg-cli frobnicate --json
like "$(cat "$OUT_FILE")" '^\{"error":\{"command":null,"message":"unknown command .frobnicate.*","exit_code":2\}\}$' \
	"a usage error under --json too"

# ---- formats and resuming -----------------------------------------------------
expect_exit 0 lkrg-cli --json events
njson=$(wc -l <"$OUT_FILE")
expect_exit 0 lkrg-cli events --format syslog
bad=$(grep -cvE '^<8[1-6]>1 [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}Z [!-~]+ clkrg - (VIOLATION|ADMIN|BLOCK|INFO|LOST) \[clkrg@32473 seq="[0-9]+"( [a-z_]+="([^"\\]|\\.)*")*\] ' "$OUT_FILE" || true)
if [ "$bad" -eq 0 ] && [ "$(wc -l <"$OUT_FILE")" -eq "$njson" ]; then
	pass "events --format syslog: $njson RFC 5424 lines"
else
	fail "events --format syslog: $njson RFC 5424 lines" "$bad lines do not match" "$(head -n 2 "$OUT_FILE")"
fi
C=/tmp/cursor
expect_exit 0 lkrg-cli events --new --cursor "$C" --json
is "$(wc -l <"$OUT_FILE")" "$njson" "events --new the first time: every retained event"
expect_exit 0 lkrg-cli events --new --cursor "$C" --json
is "$(wc -l <"$OUT_FILE")" 0 "events --new again: nothing"
expect_exit 0 lkrg-cli rebaseline
expect_exit 0 lkrg-cli events --new --cursor "$C" --json
like "$(cat "$OUT_FILE")" '^\{"seq":[0-9]+,"type":"admin",.*"object":"baseline"' \
	"events --new after a rebaseline: that one admin event"

# A 64-slot ring: 80 clean checks with heartbeat events overwrite it.
expect_exit 0 lkrg-cli policy set kint_validate=manual
expect_exit 0 lkrg-cli policy set heartbeat=1
saved=$(next_seq)
i=0
while [ $i -lt 80 ]; do
	lkrg-cli force-run >/dev/null
	i=$((i + 1))
done
produced=$(next_seq)
expect_exit 0 lkrg-cli --json events --since "$saved"
head -n 1 "$OUT_FILE" >/tmp/lost.json
like "$(cat /tmp/lost.json)" "^\{\"seq\":0,\"type\":\"lost\",.*\"first_seq\":$saved,\"count\":[1-9]" \
	"resuming from $saved after the ring wrapped: a LOST record first"
lost=$(json_field "$(cat /tmp/lost.json)" count)
sed 1d "$OUT_FILE" >/tmp/after.json
if contiguous /tmp/after.json $((saved + ${lost:-0})) &&
	[ $((${lost:-0} + $(wc -l </tmp/after.json))) -eq $((produced - saved)) ]; then
	pass "then every retained record: lost + read = $((produced - saved))"
else
	fail "then every retained record: lost + read = $((produced - saved))" "lost ${lost:-?}, read $(wc -l </tmp/after.json)"
fi
expect_exit 0 lkrg-cli events --new --cursor "$C"
like "$(head -n 1 "$OUT_FILE")" '^LOST [0-9]+ events \(seq [0-9]+\.\.[0-9]+\)$' \
	"events --new behind the ring: the lost range first, in text"
expect_exit 6 lkrg-cli events --since $((produced + 1000))
like "$(cat "$OUT_FILE")" 'has not been reached' "--since past the end says so"
expect_exit 0 lkrg-cli policy set heartbeat=0

# ---- wait-clean -------------------------------------------------------------------
expect_exit 6 lkrg-cli wait-clean --timeout 1
like "$(cat "$OUT_FILE")" 'no check completed' "wait-clean with no check: exit 6 and why"
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
lkrg-cli wait-clean --timeout 4 >/tmp/wait.out 2>&1 &
wpid=$!
sleep 1
expect_exit 1 lkrg-cli force-run
rc=0
wait "$wpid" || rc=$?
is "$rc" 1 "wait-clean across a check that found violations: exit 1"
ok "restore the byte" tamper_restore
expect_exit 0 lkrg-cli force-run

# ---- prefixes, hints ------------------------------------------------------------------
expect_exit 0 lkrg-cli wait-clean --help
like "$(cat "$OUT_FILE")" 'wait-clean \[--timeout SECONDS\]' "wait-clean --help: its own usage"
expect_exit 2 lkrg-cli st
like "$(cat "$OUT_FILE")" "ambiguous command 'st' \(status, stats\)" "an ambiguous prefix is named"
expect_exit 0 lkrg-cli forc
expect_exit 4 su alice -c "lkrg-cli force-run"
like "$(cat "$OUT_FILE")" "group alice \(clkrg's read_gid\) may read events and status, but this command needs CAP_SYS_ADMIN" \
	"a member of the reader group is told what it may do"
expect_exit 0 su alice -c "lkrg-cli status"
expect_exit 0 lkrg-cli shutdown
ok "rmmod clkrg" rmmod clkrg
expect_exit 3 lkrg-cli --json status
like "$(cat "$OUT_FILE")" "run 'modprobe clkrg'.*\"exit_code\":3,\"errno\":\"ENOENT\"" \
	"no module: exit 3, modprobe named, as JSON"

# ---- exit 5: a device that speaks another API version ---------------------
ok "insmod clkrg_abi_peer.ko" insmod /lib/clkrg/test/clkrg_abi_peer.ko
expect_exit 5 lkrg-cli -d /dev/clkrg_abi_peer status
like "$(cat "$OUT_FILE")" 'ABI mismatch: /dev/clkrg_abi_peer does not speak lkrg API version 1' \
	"exit 5 says which device does not speak which API version"
ok "/dev/lkrg made a node of clkrg_abi_peer" \
	mknod /dev/lkrg c "$(cut -d: -f1 /sys/class/misc/clkrg_abi_peer/dev)" \
	"$(cut -d: -f2 /sys/class/misc/clkrg_abi_peer/dev)"
expect_exit 5 lkrg-cli --json status
like "$(cat "$OUT_FILE")" '"message":"ABI mismatch: /dev/lkrg .*","exit_code":5' \
	"/dev/lkrg of another API: exit 5, as JSON"
expect_exit 5 lkrg-cli -d /dev/null status
rm /dev/lkrg
dmesg_clean
