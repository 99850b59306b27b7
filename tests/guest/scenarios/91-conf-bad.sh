# shellcheck shell=sh
# A bad /etc/clkrg.conf is refused whole: clkrg-load names the line and
# the reason, loads clkrg with its safe defaults (every knob, the default
# allow-list, /dev/lkrg root:root 0600: nothing of the file's good lines
# applied) and exits 1. --check says the same without loading. The module
# refuses a bad allow-list given to it directly, with one kernel-log line.
# plan: 23
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/conf.sh
. /lib/tests/conf.sh

not_loaded() {
	! grep -q "^clkrg " /proc/modules
}

ok "depmod -a" "$KMOD/depmod" -a
# the reference: the module's own defaults
expect_exit 0 clkrg_load --config /etc/none.conf
knob_values >/tmp/defaults.knobs
umh_paths >/tmp/defaults.umh
ok "shutdown and rmmod" unload

printf '%s\n' "kint_enforce = log_accept" "interval = 30" \
	"umh_allow = /tmp/helper-ok.sh" "read_group = clkrg" \
	"pcfi_enforce = restore" "lock = 1" >/etc/clkrg.conf
expect_exit 1 clkrg_load
like "$(cat "$OUT_FILE")" "^clkrg-load: /etc/clkrg.conf:5: restore is not allowed for pcfi_enforce \(log_only[|]kill[|]panic\)$" \
	"the bad line is named with its number and reason"
like "$(cat "$OUT_FILE")" "/etc/clkrg.conf not applied \(1 error\): clkrg loads with its safe defaults" \
	"and the file is not applied"
ok "clkrg is loaded" module_loaded clkrg
knob_values >/tmp/after.knobs
if cmp -s /tmp/defaults.knobs /tmp/after.knobs; then
	pass "every knob at its default: none of the good lines applied"
else
	fail "every knob at its default: none of the good lines applied" \
		"$(diff /tmp/defaults.knobs /tmp/after.knobs | head -n 10)"
fi
umh_paths >/tmp/after.umh
if [ -s /tmp/after.umh ] && cmp -s /tmp/defaults.umh /tmp/after.umh; then
	pass "the default allow-list ($(grep -c . /tmp/after.umh) helpers)"
else
	fail "the default allow-list" "$(diff /tmp/defaults.umh /tmp/after.umh | head -n 10)"
fi
is "$(stat -c '%a %u %g' /dev/lkrg)" "600 0 0" "/dev/lkrg root:root 0600: the group not applied"
is "$(lkrg-cli policy get lock)" 0 "not locked"
ok "shutdown and rmmod (the lock line was not applied)" unload

# --check: the same verdict, nothing loaded
expect_exit 1 clkrg-load --check
like "$(cat "$OUT_FILE")" "/etc/clkrg.conf:5: restore is not allowed" "--check names the line"
ok "--check loaded nothing" not_loaded
printf 'interval = 30\n\nread_group = nosuchgroup\nbogus = 1\n' >/tmp/two.conf
expect_exit 1 clkrg-load --check --config /tmp/two.conf
is "$(grep -c '^clkrg-load: /tmp/two.conf:[34]: ' "$OUT_FILE")" 2 "each bad line reported (3 and 4)"

# The module itself: a bad umh_allow parameter is refused at load.
ok "insmod umh_allow=/sbin/modprobe,relative/helper is refused" \
	refused insmod /lib/clkrg/clkrg.ko umh_allow=/sbin/modprobe,relative/helper
like "$(kernel_log | grep 'clkrg: FAULT' | tail -n 1)" \
	"parameter umh_allow entry 2 'relative/helper' is invalid" "one kernel-log line names the entry"
ok "insmod umh_allow=/bin/true,/bin/true is refused" \
	refused insmod /lib/clkrg/clkrg.ko umh_allow=/bin/true,/bin/true
like "$(kernel_log | grep 'clkrg: FAULT' | tail -n 1)" "entry 2 '/bin/true' is invalid \(listed twice\)" \
	"a helper listed twice is refused too"
ok "clkrg is not loaded" not_loaded
dmesg_clean
