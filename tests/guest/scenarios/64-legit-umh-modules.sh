# shellcheck shell=sh
# Exploit detection, negative twin of the usermode-helper attack (56):
# the kernel runs its own modprobe_path (/sbin/modprobe, which only logs
# here) for a filesystem type it does not know (mount -t, as root) and
# for a socket family it does not have (AF_VSOCK, as root and as nobody);
# userland modprobe of a missing module; 10 rounds of that; 10 rounds of
# real modules and clkrg_vuln.ko loaded and unloaded. The helper ran each
# time, no violation event, and a clean force-run afterwards.
# plan: 9
# timeout: 240
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

LIBDIR=/lib/modules/$(uname -r)/kernel
MODS="lib/crc7.ko lib/crc8.ko lib/crypto/libarc4.ko crypto/md4.ko"
mkdir -p /mnt
rm -f /tmp/modprobe.log
since=$(next_seq)

helper_logged() {	# helper_logged N WORD: WORD logged at least N times
	[ "$(grep -c -- "$2" /tmp/modprobe.log 2>/dev/null)" -ge "$1" ]
}

mount -t clkrgnofs none /mnt 2>/dev/null || true
ok "mount -t clkrgnofs: the kernel ran /sbin/modprobe for fs-clkrgnofs" helper_logged 1 fs-clkrgnofs
"$LEGIT" socket 40 >/dev/null
ok "socket(AF_VSOCK) as root: /sbin/modprobe ran for net-pf-40" helper_logged 1 net-pf-40
"$LEGIT" run-as 65534 65534 "$LEGIT" socket 40 >/dev/null
ok "socket(AF_VSOCK) as nobody: /sbin/modprobe ran again" helper_logged 2 net-pf-40
expect_exit 1 modprobe clkrg-no-such-module
umh_rounds() {
	_i=0
	while [ "$_i" -lt 10 ]; do
		_i=$((_i + 1))
		mount -t clkrgnofs none /mnt 2>/dev/null || true
		"$LEGIT" socket 40 >/dev/null
		"$LEGIT" run-as 65534 65534 "$LEGIT" socket 40 >/dev/null
		modprobe clkrg-no-such-module 2>/dev/null || true
	done
	helper_logged 11 fs-clkrgnofs && helper_logged 22 net-pf-40
}
ok "10 rounds of kernel module requests, each ran the helper" umh_rounds
diag "/sbin/modprobe ran $(wc -l </tmp/modprobe.log) times"
mod_rounds() {
	_i=0
	while [ "$_i" -lt 10 ]; do
		_i=$((_i + 1))
		for _m in $MODS; do insmod "$LIBDIR/$_m" || return 1; done
		insmod "$VULN_KO" || return 1
		rmmod clkrg_vuln md4 libarc4 crc8 crc7 || return 1
	done
}
ok "10 rounds: load and unload crc7, crc8, libarc4, md4, clkrg_vuln" mod_rounds
expect_no_violation "$since" "no violation event since the first request"
force_run_clean "after the helpers and module rounds"
dmesg_clean
