# shellcheck shell=sh
# Exploit detection, usermode helpers. pint_attack (uid 65534) points
# modprobe_path at its own script through clkrg_vuln.ko and makes the
# kernel request a module. At the defaults (umh_validate allowlist,
# umh_enforce deny): the helper does not run (no marker), request_module
# fails, a task/umh violation named after the helper path says denied,
# the attacker lives, and the kernel's own /sbin/modprobe (on the
# allow-list) still runs for a legitimate request. umh_enforce=log_only:
# the helper runs, event logged. umh_validate=block_all (deny): even
# /sbin/modprobe is refused and reported. The helper added to the
# allow-list (lkrg-cli umh add) runs with no event; removed again.
# umh_validate=off: the helper runs with no event.
# plan: 30
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

mkdir -p /mnt
legit_request() {	# the kernel asks for a module: runs /sbin/modprobe
	mount -t clkrgnofs none /mnt 2>/dev/null || true
}
modprobe_runs() {
	grep -c fs-clkrgnofs /tmp/modprobe.log 2>/dev/null || echo 0
}

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files
like "$(lkrg-cli umh list 2>&1)" '/sbin/modprobe' "the allow-list holds /sbin/modprobe"
diag "$(lkrg-cli umh list 2>&1)"

# defaults: allowlist + deny
since=$(next_seq)
attack UMH --helper "$UMH_HELPER"
attack_lived "UMH at deny"
like "$(attack_line umh_result)" '^-[0-9]+$' "UMH: request_module failed ($(attack_line umh_result))"
ok "UMH: the helper did not run" test ! -e "$UMH_MARKER"
expect_umh_event "$since" "$UMH_HELPER" denied
is "$(cat /proc/sys/kernel/modprobe)" /sbin/modprobe "modprobe_path put back"
rm -f /tmp/modprobe.log
since=$(next_seq)
legit_request
is "$(modprobe_runs)" 1 "a legitimate request still runs /sbin/modprobe"
expect_no_violation "$since" "no violation event for /sbin/modprobe"

# log_only
set_knob umh_enforce=log_only
since=$(next_seq)
attack UMH --helper "$UMH_HELPER"
is "$(attack_line umh_result)" 0 "UMH at log_only: the helper ran, result 0"
ok "UMH at log_only: marker written" test -s "$UMH_MARKER"
expect_umh_event "$since" "$UMH_HELPER" logged
rm -f "$UMH_MARKER"

# block_all + deny
set_knob umh_enforce=deny
set_knob umh_validate=block_all
rm -f /tmp/modprobe.log
since=$(next_seq)
legit_request
is "$(modprobe_runs)" 0 "block_all: /sbin/modprobe did not run"
expect_umh_event "$since" /sbin/modprobe denied
since=$(next_seq)
attack UMH --helper "$UMH_HELPER"
ok "block_all: the attacker's helper did not run" test ! -e "$UMH_MARKER"

# the helper on the allow-list
set_knob umh_validate=allowlist
ok "lkrg-cli umh add $UMH_HELPER" lkrg-cli umh add "$UMH_HELPER"
since=$(next_seq)
attack UMH --helper "$UMH_HELPER"
is "$(attack_line umh_result)" 0 "listed helper: ran, result 0"
ok "listed helper: marker written" test -s "$UMH_MARKER"
expect_no_violation "$since" "listed helper: no violation event"
ok "lkrg-cli umh del $UMH_HELPER" lkrg-cli umh del "$UMH_HELPER"
rm -f "$UMH_MARKER"

# off
set_knob umh_validate=off
since=$(next_seq)
attack UMH --helper "$UMH_HELPER"
ok "umh_validate=off: the helper ran" test -s "$UMH_MARKER"
expect_no_violation "$since" "umh_validate=off: no violation event"
force_run_clean "after the helpers"
dmesg_clean
