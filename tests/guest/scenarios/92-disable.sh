# shellcheck shell=sh
# clkrg.disable=1 on the kernel command line: the real modprobe passes it
# to clkrg as its "disable" parameter and clkrg refuses to load with one
# kernel-log line; clkrg-load exits 3 and names the command line; nothing
# of clkrg is left (no module, no /dev/lkrg). insmod with disable=1 is
# refused the same way; a bare insmod, which reads no command line, loads
# (what the unit's ConditionKernelCommandLine and modprobe are for).
# plan: 14
# no-autoload
# append: clkrg.disable=1
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/conf.sh
. /lib/tests/conf.sh

not_loaded() {
	! grep -q "^clkrg " /proc/modules && [ ! -e /dev/lkrg ]
}
disabled_lines() {
	kernel_log | grep -c 'clkrg: NOTICE: INFO: guard/guard not loaded: disable=1' || true
}

like "$(cat /proc/cmdline)" "(^| )clkrg.disable=1( |$)" "the kernel command line has clkrg.disable=1"
ok "depmod -a" "$KMOD/depmod" -a
printf 'kint_enforce = log_only\n' >/etc/clkrg.conf
expect_exit 3 clkrg_load
like "$(cat "$OUT_FILE")" "failed: clkrg.disable=1 is on the kernel command line" \
	"clkrg-load says why"
ok "no module, no /dev/lkrg" not_loaded
is "$(disabled_lines)" 1 "one kernel-log line: not loaded, disable=1"
is "$(kernel_log | grep -c 'clkrg: .*loaded, baseline taken' || true)" 0 "no baseline was taken"
expect_exit 1 "$KMOD/modprobe" clkrg
is "$(disabled_lines)" 2 "modprobe clkrg: refused again, one more line"
ok "insmod disable=1 is refused" refused insmod /lib/clkrg/clkrg.ko disable=1
ok "still no module, no /dev/lkrg" not_loaded
# what the parameter does not cover: a bare insmod reads no command line
ok "a bare insmod loads clkrg" insmod /lib/clkrg/clkrg.ko
ok "shutdown and rmmod" unload
dmesg_clean
