# shellcheck shell=sh
# SELinux's enforcing flag (booted with security=selinux, no policy loaded,
# so flipping it is harmless). Writing /sys/fs/selinux/enforce both ways is
# legitimate and stays quiet; a direct store into selinux_state (what an
# exploit does) is found by the next check, at each kint_enforce level:
# log_only keeps reporting it, restore writes the old value back (the
# kernel's own view returns to it), log_accept takes the new value once.
# Where the flag sits in selinux_state depends on the kernel's config (after
# a "disabled" bool with SECURITY_SELINUX_DISABLE), so the test finds it by
# watching which byte follows the legitimate writer, not from the config.
# plan: 32
# append: security=selinux
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

ENFORCE=/sys/fs/selinux/enforce
mkdir -p /sys/fs/selinux
mount -t selinuxfs selinuxfs /sys/fs/selinux 2>/dev/null || true
ok "selinuxfs is mounted" test -e "$ENFORCE"
is "$(cat "$ENFORCE" 2>/dev/null)" 0 "SELinux starts permissive"

# selinux_event SINCE ACTION EXPECTED ACTUAL: one result
selinux_event() {
	_ev=$(events_since "$1" | select_events type=violation object=selinux action="$2")
	if [ -n "$_ev" ] && printf '%s' "$_ev" | grep -q "\"expected\":\"0x$3\",\"actual\":\"0x$4\""; then
		pass "violation object selinux, action $2, enforcing $3 -> $4"
	else
		fail "violation object selinux, action $2, enforcing $3 -> $4" "$_ev"
		diag_events
	fi
}

# ---- negative twin: the legitimate writer, both ways
since=$(next_seq)
ok "echo 1 > enforce" sh -c "echo 1 > $ENFORCE"
is "$(cat "$ENFORCE")" 1 "enforcing now"
expect_exit 0 lkrg-cli force-run
ok "echo 0 > enforce" sh -c "echo 0 > $ENFORCE"
expect_exit 0 lkrg-cli force-run
is "$(events_since "$since" | select_events type=violation)" "" "no violation for setenforce"

# ---- where the flag is: the byte that reads 1 while enforcing, 0 after
tamper_load
tamper_find_flag "$ENFORCE" selinux_state
flag=$FLAG
is "$(cat "$ENFORCE")" 0 "permissive again"

# ---- the attack: a plain store into selinux_state, kint_enforce log_only
since=$(next_seq)
ok "store enforcing=1 into selinux_state" tamper_patch data selinux_state "$flag"
expect_exit 1 lkrg-cli force-run
selinux_event "$since" logged 0 1
expect_exit 1 lkrg-cli force-run
ok "tamper restore" tamper_restore
expect_exit 0 lkrg-cli force-run

# ---- restore: clkrg puts the old value back
ok "kint_enforce restore" lkrg-cli policy set kint_enforce=restore
since=$(next_seq)
ok "store enforcing=1 again" tamper_patch data selinux_state "$flag"
expect_exit 1 lkrg-cli force-run
selinux_event "$since" restored 0 1
is "$(cat "$ENFORCE")" 0 "the kernel reads enforcing 0 again"
expect_exit 0 lkrg-cli force-run
ok "tamper forgets its patch (clkrg put the byte back)" tamper_restore

# ---- log_accept: reported once, then the new value is the baseline
ok "kint_enforce log_accept" lkrg-cli policy set kint_enforce=log_accept
since=$(next_seq)
ok "store enforcing=1 a third time" tamper_patch data selinux_state "$flag"
expect_exit 1 lkrg-cli force-run
selinux_event "$since" accepted 0 1
expect_exit 0 lkrg-cli force-run
ok "tamper restore" tamper_restore
expect_exit 1 lkrg-cli force-run
expect_exit 0 lkrg-cli force-run
dmesg_clean
