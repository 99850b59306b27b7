# shellcheck shell=sh
# The periodic timer finds a patched .text byte without any force-run.
# plan: 6
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

timer_event() {
	[ -n "$(events_since "$since" |
		select_events type=violation object=ktext trigger=timer)" ]
}

expect_exit 0 lkrg-cli policy set interval=5
ok "insmod clkrg_tamper.ko" tamper_load
since=$(next_seq)
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
if wait_for 20 timer_event; then
	pass "a timer-triggered ktext violation arrives within 20 s"
else
	fail "a timer-triggered ktext violation arrives within 20 s" \
		"status: $(timeout 10 lkrg-cli --json status 2>&1)"
	diag_events
fi
ok "restore" tamper_restore
dmesg_clean
