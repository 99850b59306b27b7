#!/bin/sh
# Installs every Debian package the build and the tests need. Idempotent.
set -eu
# Kernels: Debian 12's 6.1 (linux-image-amd64) and 6.12 (linux-image-6.12-amd64),
# both tested by make check; xz-utils unpacks 6.12's compressed modules.
pkgs="build-essential pkg-config check libjson-c-dev uuid-dev libcap-dev
libncurses-dev tmux linux-image-amd64 linux-headers-amd64 linux-image-6.12-amd64
linux-headers-6.12-amd64 linux-source-6.1 qemu-system-x86 busybox-static cpio
xz-utils sparse perl python3 stress-ng python3-pytest mypy"
# installing on a real host: DKMS, libsystemd (clkrg-journald), openssl
# (make sign), systemd-analyze and systemd-sysusers, kmod (the guest's
# modprobe)
pkgs="$pkgs dkms libsystemd-dev openssl systemd kmod"
# make check-debug builds a debug kernel from linux-source-6.1
pkgs="$pkgs bc bison flex libelf-dev libssl-dev pahole"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps: missing packages:$missing" >&2
		echo "install-deps: run as root (sudo make deps) to install them" >&2
		exit 1
	fi
	echo "install-deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
echo "install-deps: all packages present"
