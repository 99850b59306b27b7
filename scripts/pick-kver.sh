#!/bin/sh
# Prints the kernel release `make` builds the module for when KVER is not
# given: the running kernel, when its headers are installed. Otherwise it
# stops, naming the kernels whose headers are installed: it never picks
# another kernel by itself (make KVER=<release> builds for one of them).
set -eu
run=$(uname -r)
if [ -d "/lib/modules/$run/build" ] || [ -d "/usr/src/linux-headers-$run" ]; then
	echo "$run"
	exit 0
fi
installed=
for d in /usr/src/linux-headers-*; do
	[ -f "$d/.config" ] && installed="$installed ${d#/usr/src/linux-headers-}"
done
echo "pick-kver: the running kernel $run has no headers (apt-get install linux-headers-$run)." >&2
if [ -n "$installed" ]; then
	echo "pick-kver: or build for an installed kernel: make KVER=<release>, one of:$installed" >&2
else
	echo "pick-kver: no kernel headers are installed at all (apt-get install linux-headers-amd64)." >&2
fi
exit 1
