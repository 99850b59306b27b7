#!/bin/sh
# Prints the kernel release to build for: the running kernel when its build
# tree exists (a real host), otherwise the newest installed 6.1 kernel
# headers (Debian 12's default series).
set -eu
run=$(uname -r)
if [ -d "/lib/modules/$run/build" ]; then
	echo "$run"
	exit 0
fi
best=$(ls -d /usr/src/linux-headers-6.1.*-amd64 2>/dev/null |
	sed 's|/usr/src/linux-headers-||' | sort -V | tail -n 1)
if [ -z "$best" ]; then
	echo "pick-kver: no kernel headers; install linux-headers-amd64" >&2
	exit 1
fi
echo "$best"
