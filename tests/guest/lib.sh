# shellcheck shell=sh
# TAP helpers for in-guest scenarios (busybox ash). Sourced by
# /lib/tests/run-scenario.sh before the scenario; the guest's /init already
# printed the plan line "1..N" taken from the scenario's "# plan: N" header.
# Safe under "set -eu": helpers never fail; assertions record results.
#
#   pass DESC / fail DESC [DIAG...]    record a result directly
#   ok DESC CMD...                     CMD exits 0
#   is ACTUAL EXPECTED DESC            string equality
#   like ACTUAL ERE DESC               ACTUAL matches the extended regexp
#   expect_exit CODE CMD...            CMD exits CODE; output in $OUT_FILE
#   run_tap DESC CMD...                CMD prints TAP; its results are
#                                      renumbered into this stream, plus one
#                                      result "DESC: complete, exit 0"
#   json_field JSON FIELD              value of a top-level field, or ""
#   json_lines_where FIELD VALUE       filter stdin JSON lines on a field
#   dmesg_clean                        no BUG:/WARNING:/Oops/Call Trace
#   flush_results                      before an expected panic
#   done_testing                       summary; exit 1 unless all passed
# and, from kernel.sh, what differs between kernels (fn_off, fn_re).

# shellcheck disable=SC2034 # TAP_DONE is read by run-scenario.sh's trap
TAP_N=0
TAP_FAILED=0
TAP_DONE=0
DMESG_CHECKED=0
OUT_FILE=/tmp/tap.out

# shellcheck source=tests/guest/kernel.sh
. /lib/tests/kernel.sh

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

pass() {
	TAP_N=$((TAP_N + 1))
	printf 'ok %d - %s\n' "$TAP_N" "$1"
}

fail() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	printf 'not ok %d - %s\n' "$TAP_N" "$1"
	shift
	[ $# -eq 0 ] || diag "$@"
}

# skip N REASON: N results that cannot run on this kernel. The manifest
# declares how many a kernel may skip (skip@GLOB=N); more or fewer fail.
skip() {
	_sk=0
	while [ "$_sk" -lt "$1" ]; do
		_sk=$((_sk + 1))
		TAP_N=$((TAP_N + 1))
		printf 'ok %d - skipped # SKIP %s\n' "$TAP_N" "$2"
	done
}

# have_netfilter: 0 when the kernel was built with netfilter (it makes
# /proc/net/netfilter at boot).
have_netfilter() {
	[ -d /proc/net/netfilter ]
}

# have_userfaultfd: 0 when the kernel has userfaultfd (its sysctl).
have_userfaultfd() {
	[ -e /proc/sys/vm/unprivileged_userfaultfd ]
}

# Bails out on the TAP stream (fd 9, opened by run-scenario.sh), so a
# helper that cannot do its job inside $(...) or a pipeline still fails the
# scenario; the harness counts every "Bail out!" as a failure.
bail() {
	if { true >&9; } 2>/dev/null; then
		printf 'Bail out! %s\n' "$*" >&9
	else
		printf 'Bail out! %s\n' "$*"
	fi
	exit 2
}

# Prints the captured output of the last command as diagnostics.
diag_output() {
	[ -s "$OUT_FILE" ] || return 0
	diag "output:"
	sed -n '1,40s/^/#   /p' "$OUT_FILE"
}

ok() {
	_desc=$1
	shift
	_got=0
	"$@" >"$OUT_FILE" 2>&1 || _got=$?
	if [ "$_got" -eq 0 ]; then
		pass "$_desc"
	else
		fail "$_desc" "command failed (exit $_got): $*"
		diag_output
	fi
}

is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "got:      '$1'" "expected: '$2'"
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		pass "$3"
	else
		fail "$3" "got:      '$1'" "expected to match: /$2/"
	fi
}

# expect_exit CODE CMD... : stdout and stderr go to $OUT_FILE.
expect_exit() {
	_want=$1
	shift
	_got=0
	"$@" >"$OUT_FILE" 2>&1 || _got=$?
	if [ "$_got" -eq "$_want" ]; then
		pass "exit $_want: $*"
	else
		fail "exit $_want: $*" "got exit $_got"
		diag_output
	fi
}

run_tap() {
	_desc=$1
	shift
	_rc=0
	"$@" >/tmp/run_tap.out 2>&1 || _rc=$?
	_planned=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' /tmp/run_tap.out | head -n 1)
	_seen=0
	while IFS= read -r _line; do
		case $_line in
		"ok "*)
			_seen=$((_seen + 1))
			pass "$_desc: $(printf '%s' "$_line" | sed 's/^ok [0-9]* *-* *//')"
			;;
		"not ok "*)
			_seen=$((_seen + 1))
			fail "$_desc: $(printf '%s' "$_line" | sed 's/^not ok [0-9]* *-* *//')"
			;;
		"#"*)
			printf '%s\n' "$_line"
			;;
		1..*)
			;;
		*)
			diag "$_desc: $_line"
			;;
		esac
	done </tmp/run_tap.out
	if [ "$_rc" -eq 0 ] && [ -n "$_planned" ] && [ "$_seen" -eq "$_planned" ]; then
		pass "$_desc: complete, exit 0"
	else
		fail "$_desc: complete, exit 0" \
			"exit $_rc, plan '${_planned:-none}', results $_seen"
	fi
}

# json_field JSON FIELD: prints the first value of "FIELD" in JSON text
# (one object, on one line or many): strings unquoted (escapes kept),
# numbers and literals as written; an absent field prints "". Every key
# starts a line first, so fields of nested objects (values[]) come after
# the top-level ones that precede them.
json_field() {
	printf '%s\n' "$1" | sed 's/\([{,]\)[[:space:]]*"/\1\n"/g' | sed -n \
		-e "s/^[[:space:]]*\"$2\"[[:space:]]*:[[:space:]]*\"\(\([^\"\\\\]\|\\\\.\)*\)\".*/\1/p" \
		-e 't' \
		-e "s/^[[:space:]]*\"$2\"[[:space:]]*:[[:space:]]*\([^,}\"[:space:]][^,}[:space:]]*\).*/\1/p" |
		head -n 1
}

# json_lines_where FIELD VALUE: JSON lines on stdin whose FIELD is VALUE.
json_lines_where() {
	while IFS= read -r _jl; do
		[ "$(json_field "$_jl" "$1")" = "$2" ] && printf '%s\n' "$_jl"
	done
	return 0
}

# hex_le A B: A <= B for 0x... values (64-bit kernel addresses compare as
# unsigned; busybox arithmetic is signed 64-bit, so compare as strings of
# equal width).
hex_norm() {
	printf '%s' "$1" | sed 's/^0[xX]//' | tr 'A-F' 'a-f' | awk '{ printf "%016s\n", $0 }' | tr ' ' 0
}

hex_le() {
	[ "$(printf '%s\n%s\n' "$(hex_norm "$1")" "$(hex_norm "$2")" | sort | head -n 1)" = "$(hex_norm "$1")" ]
}

# hex_add A N: A + N (N decimal, small) as 0x%x; safe for kernel addresses
# because the sum is computed modulo 2^64 by the shell and printed unsigned.
hex_add() {
	printf '0x%x\n' $(($1 + $2))
}

# Current kernel log, also after the ring buffer was read by others.
kernel_log() {
	dmesg 2>/dev/null
}

dmesg_clean() {
	DMESG_CHECKED=1
	if kernel_log | grep -Eq 'BUG:|WARNING:|Oops|Call Trace'; then
		fail "kernel log has no BUG:, WARNING:, Oops, Call Trace" \
			"$(kernel_log | grep -E -A5 'BUG:|WARNING:|Oops|Call Trace' | head -n 30)"
	else
		pass "kernel log has no BUG:, WARNING:, Oops, Call Trace"
	fi
}

# Waits up to SECONDS for CMD to succeed (polling every 0.1 s).
wait_for() {
	_secs=$1
	shift
	_tries=$((_secs * 10))
	while [ "$_tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		usleep 100000
		_tries=$((_tries - 1))
	done
	return 1
}

# The UART drains asynchronously; a panic stops the guest at once. A
# scenario declaring "# expect: panic" calls this after its last result.
flush_results() {
	sleep 1
}

done_testing() {
	[ "$DMESG_CHECKED" -eq 1 ] ||
		fail "scenario asserted a clean kernel log (dmesg_clean)"
	TAP_DONE=1
	diag "results: $TAP_N run, $TAP_FAILED failed, ${PLAN:-?} planned"
	if [ "$TAP_FAILED" -eq 0 ] && [ "$TAP_N" -eq "${PLAN:--1}" ]; then
		exit 0
	fi
	exit 1
}
