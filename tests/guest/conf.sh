# shellcheck shell=sh
# Helpers for the scenarios of /etc/clkrg.conf and clkrg-load. clkrg.ko
# sits in /lib/modules/KVER/updates as "make install" leaves it; the real
# modprobe (Debian's kmod) loads it. Sourced after lib.sh and clkrg.sh.
#   KMOD                     directory of kmod's modprobe and depmod
#   clkrg_load ARGS...       clkrg-load with that modprobe
#   knob_values              "name value" of every knob, as loaded
#   umh_paths                the allow-list, one path a line
#   unload                   lkrg-cli shutdown; rmmod clkrg (0 on success)
#   refused CMD...           CMD fails (busybox insmod exits with the errno)

KMOD=/lib/tests/kmod

clkrg_load() {
	clkrg-load --modprobe "$KMOD/modprobe" "$@"
}

knob_values() {
	lkrg-cli policy get | awk '{ print $1, $2 }'
}

umh_paths() {
	lkrg-cli --json umh list | grep -o '"path":"[^"]*"' | sed 's/^"path":"//; s/"$//'
}

unload() {
	lkrg-cli shutdown >/dev/null && rmmod clkrg
}

refused() {
	! "$@"
}
