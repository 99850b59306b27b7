# shellcheck shell=sh
# Module-load blocking on and off with a real Debian module, and the unload
# protocol: an open reader keeps clkrg loaded, "lkrg-cli shutdown" ends the
# reader on its own, then rmmod works and clkrg loads again.
# plan: 21
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

MOD=crc7
MOD_KO=$REAL_MODULE_DIR/$MOD.ko

# gone PID: the process has exited (a zombie of ours counts as exited)
gone() {
	! kill -0 "$1" 2>/dev/null || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

since=$(next_seq)
expect_exit 0 lkrg-cli block-modules on
is "$(status_field block_modules)" on "status: block_modules on"
expect_exit 1 insmod "$MOD_KO"
if module_loaded $MOD; then fail "$MOD is not loaded"; else pass "$MOD is not loaded"; fi
ev=$(events_since "$since" | select_events type=block object=module name=$MOD)
if [ -n "$ev" ]; then
	pass "block event for module $MOD"
else
	fail "block event for module $MOD" "none with seq >= $since"
	diag_events
fi

expect_exit 0 lkrg-cli block-modules off
ok "insmod $MOD with blocking off" insmod "$MOD_KO"
if module_loaded $MOD; then pass "$MOD is loaded"; else fail "$MOD is loaded"; fi
ok "rmmod $MOD" rmmod $MOD

lkrg-cli --json events --follow >/tmp/follow.out 2>/tmp/follow.err &
follower=$!
sleep 1
if rmmod clkrg >"$OUT_FILE" 2>&1; then
	fail "rmmod clkrg refused while a reader is open"
else
	pass "rmmod clkrg refused while a reader is open"
fi
if module_loaded clkrg; then pass "clkrg still loaded"; else fail "clkrg still loaded"; fi

expect_exit 0 lkrg-cli shutdown
if wait_for 5 gone "$follower"; then
	pass "events --follow exits on its own after shutdown"
else
	fail "events --follow exits on its own after shutdown" "$(tail -n 5 /tmp/follow.err)"
	kill "$follower" 2>/dev/null || true
fi
rc=0
wait "$follower" || rc=$?
is "$rc" 0 "events --follow exit status"
if [ -n "$(select_events type=admin name=shutdown </tmp/follow.out)" ]; then
	pass "the follower's last records include the shutdown admin event"
else
	fail "the follower's last records include the shutdown admin event" \
		"$(tail -n 3 /tmp/follow.out)"
fi

ok "rmmod clkrg after shutdown" rmmod clkrg
if [ -e /dev/lkrg ]; then fail "/dev/lkrg is gone"; else pass "/dev/lkrg is gone"; fi
ok "insmod clkrg.ko again" insmod "$CLKRG_KO"
ok "/dev/lkrg is back" test -c /dev/lkrg
expect_exit 0 lkrg-cli status
dmesg_clean
