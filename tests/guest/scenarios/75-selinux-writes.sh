# shellcheck shell=sh
# SELinux's enforcing flag and writes to /sys/fs/selinux/enforce that fail
# or stall (booted with security=selinux, no policy loaded). The guard
# takes the expected value from what the kernel reports after its
# permission check, never from the flag once a write returns, and a
# write in flight shields a difference for a moment only. Twins first: a
# failed write (not a number) and a write stalled on a userfaultfd page,
# then released (the flag follows it), raise nothing. Attacks: enforcing
# set by a plain store into selinux_state, then a failed write: still
# reported (log_only); the same store while a write is stalled: reported
# within seconds, not shielded by the write. A kernel without userfaultfd
# (the debug kernel) skips the stalled writes; its enforcing flag is found
# as 49 finds it.
# plan: 27
# append: security=selinux
# timeout: 240
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

ENFORCE=/sys/fs/selinux/enforce
GO=/tmp/go75
mkdir -p /sys/fs/selinux
mount -t selinuxfs selinuxfs /sys/fs/selinux 2>/dev/null || true
ok "selinuxfs is mounted" test -e "$ENFORCE"
is "$(cat "$ENFORCE" 2>/dev/null)" 0 "SELinux starts permissive"

selinux_event() {
	_ev=$(events_since "$1" | select_events type=violation object=selinux action="$2")
	if [ -n "$_ev" ] && printf '%s' "$_ev" | grep -q "\"expected\":\"0x$3\",\"actual\":\"0x$4\""; then
		pass "violation object selinux, action $2, enforcing $3 -> $4"
	else
		fail "violation object selinux, action $2, enforcing $3 -> $4" "$_ev"
		diag_events
	fi
}
# stall VALUE: a write of VALUE stalled on a userfaultfd page (SPID)
stall() {
	rm -f "$GO"
	"$LEGIT" stall-write "$ENFORCE" "$1" "$GO" >/tmp/stall.out 2>&1 &
	SPID=$!
	wait_for 20 grep -q '^stalled' /tmp/stall.out
}

# ---- twins
since=$(next_seq)
expect_exit 1 sh -c "echo x > $ENFORCE"
expect_exit 0 lkrg-cli force-run
if have_userfaultfd; then
	ok "a write of 1 stalls" stall 1
	expect_exit 0 lkrg-cli force-run
	touch "$GO"
	ok "released, the write completes" wait "$SPID"
else
	skip 2 "no userfaultfd in this kernel: a write of 1 stalled, then released"
	ok "echo 1 > enforce" sh -c "echo 1 > $ENFORCE"
fi
is "$(cat "$ENFORCE")" 1 "enforcing now"
expect_exit 0 lkrg-cli force-run
ok "echo 0 > enforce" sh -c "echo 0 > $ENFORCE"
expect_exit 0 lkrg-cli force-run
is "$(events_since "$since" | select_events type=violation)" "" "no violation for failed and stalled writes"

# ---- a store, then a failed write
tamper_load
tamper_find_flag "$ENFORCE" selinux_state
since=$(next_seq)
ok "store enforcing=1 into selinux_state" tamper_patch data selinux_state "$FLAG"
expect_exit 1 sh -c "echo x > $ENFORCE"
expect_exit 1 lkrg-cli force-run
selinux_event "$since" logged 0 1
ok "tamper restore" tamper_restore
expect_exit 0 lkrg-cli force-run

# ---- a store while a write is stalled
if have_userfaultfd; then
	ok "a write of 0 stalls" stall 0
	since=$(next_seq)
	ok "store enforcing=1 into selinux_state" tamper_patch data selinux_state "$FLAG"
	t0=$(date +%s)
	expect_exit 1 lkrg-cli force-run
	took=$(($(date +%s) - t0))
	like "$took" '^[0-9]$' "reported within 10 s (${took} s), the stalled write shields nothing"
	selinux_event "$since" logged 0 1
	ok "tamper restore" tamper_restore
	touch "$GO"
	ok "released, the write completes" wait "$SPID"
else
	skip 7 "no userfaultfd in this kernel: a store while a write is stalled"
fi
dmesg_clean
