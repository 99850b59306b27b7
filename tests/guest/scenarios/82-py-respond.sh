# shellcheck shell=sh
# The clkrg Python package against the real module. lkrg_respond.py, the
# Python twin of lkrg-respond.sh, detects a byte patched in core .text
# (clkrg_tamper), reads the events from its saved cursor with no loss and
# no duplicate, refuses module loads, rebaselines and waits for a clean
# check, then recovers; the README's example runs as shown; the policy
# mapping, the allow-list set, stats and hooks, the filter, a LOST record,
# following the stream to its end, and the exceptions with lkrg-cli's exit
# codes (a reader-group member refused a change, no module).
# plan: 56
# no-autoload
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

R=/lib/tests/lkrg_respond.py
D=/tmp/pyrespond
CRC7=$REAL_MODULE_DIR/crc7.ko

# py CODE: python3 -c CODE, stdout and stderr in $OUT_FILE, its exit code
# in $RC.
py() {
	RC=0
	python3 -c "$1" >"$OUT_FILE" 2>&1 || RC=$?
}

# seqs FILE: the sequence numbers of the JSON lines of FILE.
seqs() {
	sed -n 's/^{"seq":\([0-9]*\),.*/\1/p' "$1"
}

# contiguous FILE FIRST: FILE's records are FIRST, FIRST+1, ... with no gap
# and no repeat, and there is at least one.
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
py 'import clkrg; g = clkrg.Guard(); g.policy["interval"] = 5; print(g.policy["interval"])'
is "$RC:$(cat "$OUT_FILE")" "0:5" "policy[\"interval\"] = 5 through the mapping"
like "$(lkrg-cli policy get interval)" '^5$' "lkrg-cli sees the same knob value"
ok "insmod clkrg_tamper.ko" tamper_load

# ---- detect, act, recover ---------------------------------------------------
expect_exit 0 python3 "$R" check "$D"
first=$(cat "$D/next-seq")
like "$first" '^[1-9][0-9]*$' "the responder saved where it stopped ($first)"
like "$(cat "$D/cursor")" "^$(status_field instance) $first\$" \
	"its cursor is lkrg-cli's cursor line: this instance and $first"
expect_exit 0 lkrg-cli rebaseline
expect_exit 0 python3 "$R" check "$D"
if contiguous "$D/events.jsonl" "$first"; then
	pass "the second run read from $first on, nothing twice"
else
	fail "the second run read from $first on, nothing twice" "$(seqs "$D/events.jsonl" | tr '\n' ' ')"
fi
like "$(cat "$D/events.jsonl")" '"type":"admin".*"object":"baseline"' \
	"among them the rebaseline's admin event"
before=$(cat "$D/next-seq")

ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 10 python3 "$R" check "$D"
diag "$(cat "$OUT_FILE")"
if grep -q '"type":"violation".*"object":"ktext".*"name":".text"' "$D/events.jsonl"; then
	pass "the responder read the .text violation"
else
	fail "the responder read the .text violation" "$(cat "$D/events.jsonl")"
fi
if contiguous "$D/events.jsonl" "$before"; then
	pass "its events run from the saved $before with no gap or repeat"
else
	fail "its events run from the saved $before with no gap or repeat" "$(seqs "$D/events.jsonl" | tr '\n' ' ')"
fi
like "$(cat "$OUT_FILE")" '  ktext \.text at __x64_sys_acct\+0x' \
	"it names the object, region and location"
for step in "force_run -> check #[0-9]+, [1-9][0-9]* violations" \
	"block_modules -> on" "rebaseline -> generation [0-9]+" \
	"wait_clean -> check #[0-9]+ clean"; do
	like "$(tail -n 5 "$D/log")" "$step" "responder log: $step"
done
like "$(lkrg-cli block-modules)" '^on ' "module loads are refused now"
if insmod "$CRC7" 2>/dev/null; then
	fail "insmod crc7.ko is refused"
	rmmod crc7
else
	pass "insmod crc7.ko is refused"
fi
expect_exit 0 python3 "$R" check "$D"
like "$(cat "$D/events.jsonl")" '"type":"block".*"name":"crc7"' \
	"the next run reads the refusal as a block event"
expect_exit 0 python3 "$R" recover "$D"
like "$(lkrg-cli block-modules)" '^off ' "module loads are allowed again"
ok "insmod crc7.ko" insmod "$CRC7"
ok "rmmod crc7" rmmod crc7

# ---- the README's example, as shown -----------------------------------------
ok "restore the byte" tamper_restore
expect_exit 0 python3 /lib/tests/readme_example.py
like "$(sed -n 1p "$OUT_FILE")" '^check #[0-9]+: [1-9][0-9]* violations$' \
	"README example: the check found the restored byte"
like "$(sed 1d "$OUT_FILE")" '^[0-9]+ alert ktext \.text __x64_sys_acct\+0x' \
	"README example: the violation, as fields"
like "$(tail -n 1 "$OUT_FILE")" '^clean again: True$' \
	"README example: rebaselined, clean"

# ---- the API against the module ---------------------------------------------
py 'import clkrg
g = clkrg.Guard()
assert dict(g.policy)["interval"] == 5
g.policy["kint_enforce"] = "log_only"
k = g.policy.knob("kint_enforce")
print(k.value_name(), k.enum, g.policy.set("kint_enforce", 1))'
is "$RC:$(cat "$OUT_FILE")" "0:log_only True 1" "policy: a knob by name, its value's name"
py 'import clkrg
g = clkrg.Guard()
try:
    g.policy["nosuch"] = 1
except clkrg.UnknownKnob as e:
    print(e.exit_code, isinstance(e, KeyError))'
is "$RC:$(cat "$OUT_FILE")" "0:2 True" "an unknown knob: UnknownKnob, a KeyError, exit code 2"
expect_exit 2 lkrg-cli policy set nosuch=1
py 'import clkrg
g = clkrg.Guard()
g.umh.add("/sbin/py-helper")
print("/sbin/py-helper" in g.umh, len(g.umh))
g.umh.discard("/sbin/py-helper")
print("/sbin/py-helper" in g.umh)'
like "$RC:$(tr '\n' ' ' <"$OUT_FILE")" '^0:True [1-9][0-9]* False $' \
	"umh: add, in, discard on the real allow-list"
py 'import clkrg
g = clkrg.Guard()
s = {r.name: r.started for r in g.stats()}
h = [r for r in g.hooks() if r.active]
print(s["manual"] > 0, len(h) > 0, all(r.symbol for r in h))'
is "$RC:$(cat "$OUT_FILE")" "0:True True True" "stats rows count manual checks; hooks are active"
py 'import clkrg
g = clkrg.Guard()
evs = list(g.events(since=0, types={"violation"}, severity="alert", objects={"ktext"}))
print(len(evs) > 0, {(e.type, e.severity, e.object) for e in evs})'
is "$RC:$(cat "$OUT_FILE")" "0:True {('violation', 'alert', 'ktext')}" \
	"the filter: only ktext alerts"
py 'import clkrg
g = clkrg.Guard()
a = [e.seq for e in g.events(since=0) if isinstance(e, clkrg.Event)]
print(len(a) == len(set(a)), a == sorted(a))'
is "$RC:$(cat "$OUT_FILE")" "0:True True" "events from the oldest: in order, none twice"

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
py "import clkrg
g = clkrg.Guard()
evs = list(g.events(since=$saved, types={'violation'}))
lost, st = evs[0], g.status()
print(type(lost).__name__, lost.first_seq, lost.first_seq + lost.count == st.events_oldest, len(evs), st.events_produced == $produced)"
like "$RC:$(cat "$OUT_FILE")" "^0:Lost $saved True 1 True\$" \
	"resuming behind the ring: a Lost record first, through a filter"
expect_exit 0 lkrg-cli policy set heartbeat=0

# ---- who may do what, and the end of the stream -----------------------------
RC=0
su alice -c "python3 -c 'import clkrg; print(clkrg.Guard().status().generation)'" \
	>"$OUT_FILE" 2>&1 || RC=$?
like "$RC:$(cat "$OUT_FILE")" '^0:[0-9]+$' "a reader-group member reads the status"
RC=0
su alice -c "python3 -c '
import clkrg
try:
    clkrg.Guard().force_run()
except clkrg.PermissionDenied as e:
    print(e.exit_code, isinstance(e, PermissionError))'" >"$OUT_FILE" 2>&1 || RC=$?
is "$RC:$(cat "$OUT_FILE")" "0:4 True" "and is refused force-run: PermissionDenied, exit code 4"
expect_exit 4 su alice -c "lkrg-cli force-run"

python3 -c 'import clkrg
g = clkrg.Guard()
for e in g.events(follow=True):
    print(e.seq, e.type, e.name, flush=True)
print("end of stream")' >/tmp/follow.out 2>&1 &
fpid=$!
if wait_for 20 grep -q '^[0-9]' /tmp/follow.out; then
	pass "events(follow=True) prints the retained records"
else
	fail "events(follow=True) prints the retained records" "$(cat /tmp/follow.out)"
fi
expect_exit 0 lkrg-cli shutdown
rc=0
wait "$fpid" || rc=$?
is "$rc" 0 "the follower ends when clkrg shuts down"
like "$(tail -n 2 /tmp/follow.out | tr '\n' ' ')" '^[0-9]+ admin shutdown end of stream $' \
	"its last record is the shutdown, then the end"
ok "rmmod clkrg" rmmod clkrg
py 'import clkrg
try:
    clkrg.Guard()
except clkrg.NotLoaded as e:
    print(e.exit_code, e)'
like "$RC:$(cat "$OUT_FILE")" "^0:3 open: module not loaded \(/dev/lkrg missing\): run 'modprobe clkrg'\$" \
	"no module: NotLoaded, exit code 3, modprobe named"
expect_exit 3 lkrg-cli status
expect_exit 3 python3 "$R" check "$D"
dmesg_clean
