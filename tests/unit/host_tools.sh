#!/bin/sh
# Host tests of the built tools, without a module: lkrg-top --replay on a
# file recorded in the guest (data/events-recorded.jsonl, the output of
# "lkrg-cli --json events" in scenario 81), on screen in tmux and as batch
# frames; lkrg-cli's exit codes, JSON errors and per-command help; the bash
# completion; make install of libclkrg and the Python package into a
# DESTDIR (where the headers go, pkg-config --cflags, a program built
# against the installed header). Prints TAP; "host_tools.sh RESULT" adds
# its counts to RESULT ("<passed> <failed>", written by run-unit).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CLI=$top/cli/lkrg-cli
TOP=$top/tui/lkrg-top
REC=$here/data/events-recorded.jsonl
OUT=$(mktemp -d /tmp/clkrg-host.XXXXXX)
TUI_SOCK=clkrg-host-$$
TUI_SHOT=$OUT/shot
TUI_DIR=$OUT
N=0
FAILED=0

# shellcheck source=tests/guest/tui.sh
. "$top/tests/guest/tui.sh"

pass() {
	N=$((N + 1))
	echo "ok $N - $1"
}

fail() {
	N=$((N + 1))
	FAILED=$((FAILED + 1))
	echo "not ok $N - $1"
	shift
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}

# expect CODE DESC CMD...: CMD exits CODE; stdout in $OUT/out, stderr in
# $OUT/err.
expect() {
	_want=$1
	_desc=$2
	shift 2
	_got=0
	"$@" >"$OUT/out" 2>"$OUT/err" || _got=$?
	if [ "$_got" -eq "$_want" ]; then
		pass "$_desc (exit $_want)"
	else
		fail "$_desc (exit $_want)" "got exit $_got" "$(head -n 5 "$OUT/err")"
	fi
}

# like FILE ERE DESC
like() {
	if grep -Eq -- "$2" "$1"; then
		pass "$3"
	else
		fail "$3" "no line of $1 matches /$2/:" "$(head -n 12 "$1")"
	fi
}

# see NAME DESC ERE: the pane shows ERE.
see() {
	if tui_wait "$1" "$3" 5; then
		pass "$2"
	else
		fail "$2" "pane $1, waited for /$3/:" "$(sed 's/ *$//' "$TUI_SHOT")"
	fi
}

cleanup() {
	tui_stop replay
	tui_stop colour
	tui_stop plain
	rm -rf "$OUT"
}
trap cleanup EXIT

for f in "$CLI" "$TOP" "$REC"; do
	[ -e "$f" ] || { echo "Bail out! missing $f (make first)"; exit 1; }
done
command -v tmux >/dev/null || { echo "Bail out! tmux missing (make deps)"; exit 1; }

# ---- lkrg-cli without a module --------------------------------------------
expect 3 "lkrg-cli status, no device" "$CLI" -d "$OUT/none" status
like "$OUT/err" "^lkrg-cli: status: module not loaded \\($OUT/none missing\\): run 'modprobe clkrg'\$" \
	"it says to run modprobe"
expect 3 "the same under --json" "$CLI" -d "$OUT/none" --json status
like "$OUT/err" '^\{"error":\{"command":"status","message":"module not loaded .*","exit_code":3,"errno":"ENOENT"\}\}$' \
	"the error is one JSON object on stderr"
: >"$OUT/plain"
expect 5 "a file that is no lkrg device: ABI mismatch" "$CLI" -d "$OUT/plain" status
expect 2 "an ambiguous prefix" "$CLI" st
like "$OUT/err" "ambiguous command 'st' \\(status, stats\\)" "it names the candidates"
expect 2 "a usage error under --json" "$CLI" --json bogus
like "$OUT/err" '^\{"error":\{"command":null,"message":"unknown command .bogus.*","exit_code":2\}\}$' \
	"as a JSON object"
expect 0 "events --help" "$CLI" events --help
like "$OUT/out" '^  --since SEQ ' "events --help lists --since"
expect 0 "help wait-clean" "$CLI" help wait-clean
like "$OUT/out" 'wait-clean \[--timeout SECONDS\]' "its usage"
expect 0 "version --json" "$CLI" version --json
like "$OUT/out" '^\{"lkrg_cli":"[0-9.]+","api_version":1,"schema_version":1\}$' "one object"

# ---- lkrg-top batch frames from the recorded file ----------------------------
expect 3 "lkrg-top -b, no device" "$TOP" -b -n 1 --device "$OUT/none"
like "$OUT/err" "run 'modprobe clkrg'" "lkrg-top names modprobe too"
expect 2 "lkrg-top without a terminal" "$TOP" --replay "$REC" </dev/null
like "$OUT/err" 'needs a terminal; use -b' "it says to use -b"
expect 0 "lkrg-top --replay -b" "$TOP" --replay "$REC" -b
like "$OUT/out" '^replay: 16 events, seq 1\.\.34, lost 16, 0 lines skipped$' \
	"the header counts the file's events and the lost range"
like "$OUT/out" '^[0-9:]{8} ALERT  kernel/ktext       logged   -                  \.text at __x64_sys_acct\+0x30/0xa0$' \
	"the violation, one line"
like "$OUT/out" '^[0-9:]{8} LOST   16 events lost \(seq 17\.\.32\)$' "the lost range, one line"
if [ "$(sed -n '/^EVENTS/,/^$/p' "$OUT/out" | sed -n 3p | cut -c 10-13)" = INFO ] &&
	[ "$(sed -n '/^EVENTS/,/^$/p' "$OUT/out" | grep -c .)" -eq 12 ]; then
	pass "newest first, 10 of them"
else
	fail "newest first, 10 of them" "$(sed -n '/^EVENTS/,/^$/p' "$OUT/out")"
fi
expect 0 "lkrg-top --replay --json -n 2" "$TOP" --replay "$REC" --json -n 2 -d 0.1
if [ "$(grep -c '^{"frame":[12],"real_ns":[0-9]*,"state":"replay","note":".*","policy":{},"lost":16,"skipped":0,"events":\[{"seq":34,' "$OUT/out")" -eq 2 ]; then
	pass "two JSON frames, the newest event first"
else
	fail "two JSON frames, the newest event first" "$(cut -c 1-200 "$OUT/out")"
fi
# The recorded line comes back as it was written.
line=$(grep '^{"seq":10,"type":"violation"' "$REC")
if grep -qF -- "$line" "$OUT/out"; then
	pass "a recorded event comes back byte for byte"
else
	fail "a recorded event comes back byte for byte" "$line"
fi
printf '%s\nnot json\n' "$(head -n 1 "$REC")" >"$OUT/mixed"
expect 0 "a file with a bad line" "$TOP" --replay "$OUT/mixed" -b
like "$OUT/out" '^replay: 1 events, .* 1 lines skipped$' "the bad line is counted"
echo "nothing here" >"$OUT/bad"
expect 6 "a file with no event" "$TOP" --replay "$OUT/bad" -b

# ---- lkrg-top --replay on screen ----------------------------------------------
tui_start replay 100 30 "LANG=C.UTF-8 '$TOP' --replay '$REC'"
see replay "the replay header" '^lkrg-top [0-9.]+ \[REPLAY .*events-recorded\.jsonl\]$'
see replay "the events pane takes the body" '^> Events: 16 shown, sorted by time \(newest first\)$'
see replay "the violation is on screen" 'ALERT  kernel/ktext .*\.text at __x64_sys_acct\+0x30/0xa0$'
see replay "and the block events" 'WARN   module/module      blocked  insmod\[[0-9]+\] +crc7$'
tui_keys replay '?'
see replay "? shows the help" '^lkrg-top: keys$'
tui_keys replay x
see replay "a key returns" '^> Events: 16 shown'
tui_keys replay Space
see replay "space: the pause marker" 'PAUSED \(0 new\) *$'
tui_keys replay Space
if tui_gone replay 'PAUSED'; then
	pass "space again: no marker"
else
	fail "space again: no marker" "$(cat "$TUI_SHOT")"
fi
tui_keys replay / k t e x t Enter
see replay "the filter keeps two violations" "^> Events: 2 shown, sorted by time \\(newest first\\), filter 'ktext'$"
tui_keys replay Down Enter
see replay "Enter on the second: its record" '^event #4 violation at '
see replay "with its address and values" '^values +siphash: expected 0xb8394e2a8c2e0e00, actual 0xa6c6346463a7e4c2$'
tui_keys replay Escape
see replay "Esc returns" '^> Events: 2 shown'
tui_keys replay s
see replay "s sorts by severity" '^sorted by severity$'
tui_keys replay f
see replay "f does nothing in a replay, and says so" '^force-run: not in a replay \(there is no device\)$'
tui_resize replay 80 24
see replay "80x24 fits" '^\?:help q:quit space:pause'
tui_resize replay 80 23
see replay "80x23: the message" '^lkrg-top needs at least 80x24; this terminal is 80x23\.$'
tui_resize replay 100 30
see replay "back to 100x30" '^> Events: 2 shown'
tui_keys replay q
ex=$(tui_exit replay)
if [ "$ex" = 0 ] && ! tui_alive replay; then
	pass "q quits, exit 0"
else
	fail "q quits, exit 0" "exit '$ex'"
fi

# ---- colours: ALERT red, none with NO_COLOR (bold instead) ---------------------
esc=$(printf '\033')
tui_start colour 100 30 "'$TOP' --replay '$REC'"
tui_start plain 100 30 "NO_COLOR=1 '$TOP' --replay '$REC'"
if tui_wait colour 'ALERT' && tui_wait plain 'ALERT'; then
	tui_tmux colour capture-pane -e -p -t colour | grep 'ALERT  kernel' >"$OUT/colour"
	tui_tmux plain capture-pane -e -p -t plain | grep 'ALERT  kernel' >"$OUT/plain"
	if grep -q "${esc}\[31m" "$OUT/colour" && ! grep -q "${esc}\[3[0-7]m" "$OUT/plain" &&
		grep -q "^${esc}\[1m[0-9:]* ALERT" "$OUT/plain"; then
		pass "ALERT lines red, and with NO_COLOR bold without colour"
	else
		fail "ALERT lines red, and with NO_COLOR bold without colour" \
			"$(cat -v "$OUT/colour" "$OUT/plain")"
	fi
else
	fail "ALERT lines red, and with NO_COLOR bold without colour" "no ALERT line"
fi
tui_stop colour
tui_stop plain

# ---- bash completion ------------------------------------------------------------
if command -v bash >/dev/null; then
	comp=$(bash -c '. "$1"
		c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _lkrg_cli
			echo "${COMPREPLY[*]}"; }
		c lkrg-cli st; c lkrg-cli events --f; c lkrg-cli events --format s
		c lkrg-cli rebaseline --scope text,r; c lkrg-cli block-modules o
		c lkrg-cli umh a; c lkrg-cli help wa; c lkrg-cli -d /x wait-clean --t' \
		_ "$top/cli/lkrg-cli.bash-completion" 2>&1)
	want='status stats
--follow --format
syslog
text,rodata
on off
add
wait-clean
--timeout'
	if [ "$comp" = "$want" ]; then
		pass "bash completion of commands, options and values"
	else
		fail "bash completion of commands, options and values" "$comp"
	fi
else
	fail "bash completion of commands, options and values" "no bash"
fi

# ---- make install into a DESTDIR: headers, pkg-config, Python package ------
inst=$OUT/inst
if make -s -C "$top/libclkrg" install PREFIX=/usr DESTDIR="$inst" >"$OUT/out" 2>&1 &&
	make -s -C "$top/python" install PREFIX=/usr DESTDIR="$inst" >>"$OUT/out" 2>&1; then
	pass "make install of libclkrg and the Python package (PREFIX=/usr, DESTDIR)"
else
	fail "make install of libclkrg and the Python package (PREFIX=/usr, DESTDIR)" "$(tail -n 5 "$OUT/out")"
fi
if [ -f "$inst/usr/include/clkrg.h" ] && [ -f "$inst/usr/include/clkrg/lkrg.h" ] &&
	[ ! -e "$inst/usr/include/linux" ]; then
	pass "the ABI header goes to include/clkrg/, nothing into include/linux/"
else
	fail "the ABI header goes to include/clkrg/, nothing into include/linux/" "$(cd "$inst" && find usr/include)"
fi
# Debian's multiarch library directory for PREFIX=/usr
libdir=$inst/usr/lib/$(cc -print-multiarch)
pc() {
	PKG_CONFIG_PATH=$libdir/pkgconfig pkg-config \
		--define-variable=prefix="$inst/usr" "$@" libclkrg
}
if [ "$(pc --cflags | sed "s/ *$//")" = "-I$inst/usr/include" ]; then
	pass "pkg-config --cflags libclkrg: only the include directory"
else
	fail "pkg-config --cflags libclkrg: only the include directory" "$(pc --cflags)"
fi
printf '#include <clkrg.h>\nint main(void) { struct clkrg_cursor c = { .size = sizeof(c) };\n\treturn clkrg_event_tell(0, &c) == -EINVAL && CLKRG_HAS(&c, seq) ? 0 : 1; }\n' >"$OUT/user.c"
# shellcheck disable=SC2046 # pkg-config's words are separate flags
if cc -std=c11 -Wall -Wextra -Werror -o "$OUT/user" "$OUT/user.c" $(pc --cflags --libs) \
	>"$OUT/out" 2>&1 && LD_LIBRARY_PATH=$libdir "$OUT/user"; then
	pass "a program builds against the installed header with pkg-config and runs"
else
	fail "a program builds against the installed header with pkg-config and runs" "$(head -n 5 "$OUT/out")"
fi
if [ -f "$inst/usr/lib/python3/dist-packages/clkrg/guard.py" ] &&
	[ -f "$inst/usr/lib/python3/dist-packages/clkrg/py.typed" ]; then
	pass "the Python package goes to Debian's dist-packages"
else
	fail "the Python package goes to Debian's dist-packages" "$(cd "$inst" && find usr/lib -name '*.py')"
fi
if [ -e "$inst/usr/share/man/man3/clkrg_event_tell.3" ] &&
	[ -e "$inst/usr/share/man/man3/clkrg_status_sized.3" ]; then
	pass "every exported call has a man page link, the 1.3 ones too"
else
	fail "every exported call has a man page link, the 1.3 ones too"
fi

echo "1..$N"
echo "# host tools: $((N - FAILED)) passed, $FAILED failed"
if [ $# -ge 1 ] && [ -r "$1" ]; then
	read -r p f <"$1"
	echo "$((p + N - FAILED)) $((f + FAILED))" >"$1"
fi
[ "$FAILED" -eq 0 ]
