#!/bin/sh
# Prints the kernels `make check` and CI test on, one line: the newest
# installed release of each supported series (Debian 12's 6.1 and the 6.12
# of linux-image-6.12-amd64), each with its image and headers. Stops with
# the packages to install when a series is missing.
set -eu
series="6.1 6.12"
out=
for s in $series; do
	best=
	for d in /usr/src/linux-headers-"$s".*; do
		k=${d#/usr/src/linux-headers-}
		if [ -f "$d/.config" ] && [ -r "/boot/vmlinuz-$k" ]; then
			best="$best $k"
		fi
	done
	best=$(echo "$best" | tr ' ' '\n' | sed '/^$/d' | sort -V | tail -n 1)
	if [ -z "$best" ]; then
		echo "test-kvers: no $s kernel with headers (apt-get install linux-image-$s-amd64 linux-headers-$s-amd64; for 6.1: linux-image-amd64 linux-headers-amd64)" >&2
		exit 1
	fi
	out="$out $best"
done
echo "${out# }"
