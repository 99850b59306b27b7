# shellcheck shell=sh
# Negative twin, and its twin: a BPF fentry program on getppid(2)
# (bpf_fentry: raw bpf(2), vmlinux BTF, BPF_TRACE_FENTRY) makes the
# function's fentry site a direct call of a BPF trampoline through ftrace.
# Debian's 6.1 BTF has no __x64_sys_getppid (an alias of the static
# __do_sys_getppid, which pahole keeps): the program attaches to the
# latter, one function and one fentry site under both names.
# While it is attached and running, force-run is clean with no violation
# event. Then, still attached, one byte of __x64_sys_acct is patched with
# clkrg_tamper.ko: force-run exits 1 with exactly one violation, .text at
# __x64_sys_acct, not the trampoline's site. Restored (no rebaseline),
# clean; detached, the site is a NOP again and force-run is clean.
# plan: 22
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

T=/sys/kernel/debug/tracing
B=/lib/tests/bin/bpf_fentry
F=__do_sys_getppid
mount -t tracefs nodev "$T" 2>/dev/null || true

# The ftrace record of $F with its direct call ("direct-->bpf_trampoline_..."),
# listed under either name of the site.
SITE_RE='^(__do_sys|__x64_sys)_getppid '
site_of() {
	grep -E -A1 "$SITE_RE" "$T/enabled_functions" 2>/dev/null || true
}

direct_attached() {
	site_of | grep -q 'direct-->.*bpf_trampoline_'
}

no_violation_since() {	# no_violation_since SEQ DESC
	_evs=$(events_since "$1" | select_events type=violation)
	if [ -z "$_evs" ]; then
		pass "$2"
	else
		fail "$2" "$(printf '%s\n' "$_evs" | grep -c .) violation events"
		diag_events
	fi
}

start=$(next_seq)
expect_exit 0 lkrg-cli force-run

"$B" attach "$F" 300 >/tmp/bpf.out 2>&1 &
bpf=$!
if wait_for 60 grep -q '^attached ' /tmp/bpf.out; then
	pass "bpf_fentry: fentry program attached to $F"
else
	fail "bpf_fentry: fentry program attached to $F" "$(cat /tmp/bpf.out)"
fi
diag "$(cat /tmp/bpf.out)"
id=$(sed -n 's/^attached prog_id=\([0-9][0-9]*\).*/\1/p' /tmp/bpf.out)
ok "the trampoline runs the program (10 getppid: run_cnt +10)" \
	"$B" count "${id:-0}" 10
diag "$(cat "$OUT_FILE")"
if direct_attached; then
	pass "ftrace record of $F: direct call of a bpf_trampoline_"
else
	fail "ftrace record of $F: direct call of a bpf_trampoline_" \
		"$(site_of)" "$(head -n 10 "$T/enabled_functions" 2>&1)"
fi
diag "$(site_of)"
ok "a bpf_trampoline_ symbol in /proc/kallsyms" grep -q ' bpf_trampoline_' /proc/kallsyms

expect_exit 0 lkrg-cli force-run
expect_exit 0 lkrg-cli force-run
no_violation_since "${start:-0}" "no violation event with the trampoline attached"

# The twin: tampering next to the trampoline is still the only report.
ok "insmod clkrg_tamper.ko" tamper_load
since=$(next_seq)
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
diag "patched $(cat "$TAMPER_PARAMS/patched")"
expect_exit 1 lkrg-cli force-run
evs=$(events_since "$since" | select_events type=violation)
n=$(printf '%s\n' "$evs" | grep -c . || true)
is "$n" 1 "exactly one violation event"
is "$(json_field "$evs" name)" .text "the violation names .text"
like "$(json_field "$evs" location)" '^__x64_sys_acct\+' \
	"the violation is at __x64_sys_acct"
[ "$n" -eq 1 ] || diag_events
ok "restore" tamper_restore
expect_exit 0 lkrg-cli force-run
ok "the program still runs (10 getppid: run_cnt +10)" "$B" count "${id:-0}" 10
diag "$(cat "$OUT_FILE")"

# Detach: the site goes back to a NOP, nothing to report.
kill -TERM "$bpf" 2>/dev/null || true
rc=0
wait "$bpf" || rc=$?
is "$rc $(tail -n 1 /tmp/bpf.out)" "0 detached" "bpf_fentry detached, exit 0"
if wait_for 30 sh -c "! grep -Eq '$SITE_RE' $T/enabled_functions"; then
	pass "no ftrace record of $F left"
else
	fail "no ftrace record of $F left" "$(site_of)"
fi
since=$(next_seq)
expect_exit 0 lkrg-cli force-run
no_violation_since "$since" "no violation event after the detach"
dmesg_clean
