# shellcheck shell=sh
# The /dev/lkrg ABI contract (ioctl_contract: generic rules of every ioctl;
# ioctl_semantics: per-command rules, read/poll), privilege drop on a kept fd
# (perm_drop), lkrg-cli status/force-run on a clean system, the device
# node's mode and clkrg's load messages.
# plan: 165
# kmemleak: clean
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

# No periodic checks: perm_drop asserts that no check runs meanwhile.
expect_exit 0 lkrg-cli policy set kint_validate=1
run_tap ioctl_contract /lib/tests/bin/ioctl_contract
run_tap ioctl_semantics /lib/tests/bin/ioctl_semantics
run_tap perm_drop /lib/tests/bin/perm_drop

expect_exit 0 lkrg-cli status
expect_exit 0 lkrg-cli --json status
st=$(cat "$OUT_FILE")
like "$(json_field "$st" generation)" '^[0-9]+$' "status --json: generation is a number"
like "$(json_field "$st" checks)" '^[0-9]+$' "status --json: checks is a number"
is "$(json_field "$st" block_modules)" off "status --json: block_modules is off"
like "$(json_field "$st" events_produced)" '^[0-9]+$' "status --json: events_produced is a number"
like "$(json_field "$st" shutting_down)" '^(false|0)$' "status --json: shutting_down is false"
checks=$(json_field "$st" checks)

expect_exit 0 lkrg-cli force-run
expect_exit 0 lkrg-cli --json status
after=$(json_field "$(cat "$OUT_FILE")" checks)
if [ -n "$checks" ] && [ -n "$after" ] && [ "$after" -gt "$checks" ]; then
	pass "force-run ran a check (checks $checks -> $after)"
else
	fail "force-run ran a check" "checks before '$checks', after '$after'"
fi

is "$(stat -c '%a %u %g %F' /dev/lkrg)" "600 0 0 character special file" \
	"/dev/lkrg is a char device, mode 0600, owned by root"
own=$(kernel_log | grep 'clkrg: ' | grep -v -e 'taints kernel' -e 'module verification failed' || true)
if [ -n "$own" ]; then
	pass "kernel log has clkrg: lines for the load"
	diag "$own"
else
	fail "kernel log has clkrg: lines for the load"
fi
dmesg_clean
