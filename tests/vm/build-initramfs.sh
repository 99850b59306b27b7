#!/bin/sh
# Builds the kernel-suite initramfs (gzip -1 newc cpio).
#
#   build-initramfs.sh --kver KVER --out FILE --root DIR \
#       --module clkrg.ko --cli lkrg-cli --lib libclkrg.so.1 \
#       --guest-bin DIR --test-modules DIR [--modroot DIR] \
#       [--extra-scenario FILE]...
#
# --modroot DIR: the real modules come from DIR/lib/modules/KVER (a kernel
# built here, "make modules_install INSTALL_MOD_PATH=DIR"), not /.
# --extra-scenario installs FILE next to tests/guest/scenarios/*.sh (as
# tests/bench/run-bench.sh does with its guest script).
#
# Layout in the guest:
#   /init, /bin/busybox + applet links
#   /lib/tests/{lib.sh,run-scenario.sh,scenarios/*.sh,bin/*}
#   /lib/clkrg/clkrg.ko, /lib/clkrg/test/*.ko   (test-only modules)
#   /lib/modules/KVER/kernel/lib/{crc7,crc-itu-t}.ko   (real Debian modules)
#   /usr/bin/lkrg-cli, /usr/bin/lkrg-top (tui/lkrg-top next to the CLI's
#   tree, or $LKRG_TOP), /usr/bin/tmux, /usr/bin/stress-ng (Debian's),
#   their shared libraries (ldd) and the dynamic loader; terminfo for
#   tmux's panes
#   /usr/bin/python3 (Debian's, or $PYTHON) with only the standard library
#   modules the clkrg package and the guest scripts load, the package where
#   "make -C python install PREFIX=/usr" puts it, /lib/tests/
#   lkrg_respond.py and readme_example.py (the README's Python example)
#   /sbin/modprobe (a script that only logs to /tmp/modprobe.log), users
#   alice (1000) and bob (1001) next to root and nobody
#   as "make install" lays them out: /usr/sbin/clkrg-load and
#   clkrg-journald (loader/ and journald/ next to the CLI's tree),
#   /lib/modules/KVER/updates/clkrg.ko with the kernel's modules.order and
#   modules.builtin*, Debian's kmod as /lib/tests/kmod/{modprobe,depmod}
#   (the real modprobe reads clkrg.disable=1 from the kernel command
#   line), the group clkrg (990) with member dave (1010), and the shipped
#   /etc/clkrg.conf as /lib/tests/clkrg.conf.dist
set -eu

here=$(cd "$(dirname "$0")" && pwd)
guest=$(cd "$here/../guest" && pwd)
REAL_MODULES="kernel/lib/crc7.ko kernel/lib/crc-itu-t.ko"
REAL_MODULES="$REAL_MODULES kernel/lib/crc16.ko kernel/lib/crc8.ko kernel/lib/crypto/libarc4.ko kernel/lib/math/cordic.ko kernel/crypto/md4.ko"
# overlayfs copy-up (override_creds) for the exploit-detection twins
REAL_MODULES="$REAL_MODULES kernel/fs/overlayfs/overlay.ko"
# netfilter and network-device twins of the callback inventory (85)
REAL_MODULES="$REAL_MODULES kernel/crypto/crc32c_generic.ko kernel/lib/libcrc32c.ko"
REAL_MODULES="$REAL_MODULES kernel/net/ipv4/netfilter/nf_defrag_ipv4.ko kernel/net/ipv6/netfilter/nf_defrag_ipv6.ko"
REAL_MODULES="$REAL_MODULES kernel/net/netfilter/nf_conntrack.ko kernel/net/netfilter/x_tables.ko"
REAL_MODULES="$REAL_MODULES kernel/net/ipv4/netfilter/ip_tables.ko kernel/net/ipv4/netfilter/iptable_filter.ko"
REAL_MODULES="$REAL_MODULES kernel/drivers/net/dummy.ko"

die() {
	echo "build-initramfs: $*" >&2
	exit 1
}

kver='' out='' root='' module='' cli='' lib='' guest_bin='' test_modules=''
modroot=
extra_scenarios=''
while [ $# -gt 0 ]; do
	case $1 in
	--kver) kver=$2 ;;
	--out) out=$2 ;;
	--root) root=$2 ;;
	--module) module=$2 ;;
	--cli) cli=$2 ;;
	--lib) lib=$2 ;;
	--guest-bin) guest_bin=$2 ;;
	--test-modules) test_modules=$2 ;;
	--modroot) modroot=$2 ;;
	--extra-scenario)
		[ -f "$2" ] || die "no scenario $2"
		extra_scenarios="$extra_scenarios $(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
		;;
	*) die "unknown option $1" ;;
	esac
	shift 2
done
for v in kver out root module cli lib guest_bin test_modules; do
	eval "[ -n \"\$$v\" ]" || die "missing --$(echo $v | tr _ -)"
done
# lkrg-top, clkrg-load and clkrg-journald sit in the tree the CLI was
# built in (make builds them all).
top_bin=${LKRG_TOP:-$(dirname "$cli")/../tui/lkrg-top}
load_bin=$(dirname "$cli")/../loader/clkrg-load
journald_bin=$(dirname "$cli")/../journald/clkrg-journald
for f in "$module" "$cli" "$lib" "$top_bin" "$load_bin" "$journald_bin"; do
	[ -f "$f" ] || die "missing $f (run 'make' at the top level first)"
done
tmux_bin=$(command -v tmux) || die "tmux not found (apt-get install tmux)"
kmod_bin=$(command -v kmod) || die "kmod not found (apt-get install kmod)"
# the lkrg-top tests run in tmux panes (default-terminal tmux-256color)
TERMINFO_FILES="t/tmux-256color s/screen"
for t in $TERMINFO_FILES; do
	[ -f "/lib/terminfo/$t" ] || [ -f "/usr/share/terminfo/$t" ] ||
		die "no terminfo entry $t (apt-get install ncurses-base)"
done
# tmux refuses to start without a UTF-8 locale; glibc's C.UTF-8 is a file
C_UTF8=/usr/lib/locale/C.utf8
[ -d "$C_UTF8" ] || die "no $C_UTF8 (apt-get install libc-bin)"
busybox=$(command -v busybox) || die "busybox not found (apt-get install busybox-static)"
top_dir=$(cd "$here/../.." && pwd)
python=$(readlink -f "${PYTHON:-/usr/bin/python3}") || die "no python3 (apt-get install python3)"
case $python in
/usr/bin/python3.*) ;;
*) die "$python is not Debian's python3 (set PYTHON=/usr/bin/python3.X)" ;;
esac
ldd "$busybox" 2>&1 | grep -q "not a dynamic executable" ||
	die "$busybox is not static (apt-get install busybox-static)"

rm -rf "$root"
mkdir -p "$root"
cd "$root"
mkdir -p bin sbin usr/bin usr/sbin proc sys dev tmp root etc \
	lib/tests/scenarios lib/tests/bin lib/clkrg/test \
	usr/lib/x86_64-linux-gnu

# busybox and its applets
cp "$busybox" bin/busybox
for applet in $("$busybox" --list); do
	[ -e "bin/$applet" ] || ln -s busybox "bin/$applet"
done

printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >etc/passwd
printf 'root:x:0:\nnogroup:x:65534:\n' >etc/group
# users of the exploit-detection twins (su, login-style changes, overlayfs)
printf 'alice:x:1000:1000:alice:/tmp:/bin/sh\nbob:x:1001:1001:bob:/tmp:/bin/sh\n' >>etc/passwd
printf 'alice:x:1000:\nbob:x:1001:alice\n' >>etc/group
# the reader group clkrg's sysusers.d file makes, with a member
printf 'dave:x:1010:1010:dave:/tmp:/bin/sh\n' >>etc/passwd
printf 'dave:x:1010:\nclkrg:x:990:dave\n' >>etc/group

# /sbin/modprobe, the kernel's default modprobe_path: request_module() runs
# it as a usermode helper. It only logs its arguments (and fails like a
# missing module), so a kernel module request never loads anything.
printf '#!/bin/sh\necho "$*" >>/tmp/modprobe.log\nexit 1\n' >sbin/modprobe
chmod 0755 sbin/modprobe
# 70-soak's duration ("make soak" sets SOAK_SECONDS=600)
[ -z "${SOAK_SECONDS:-}" ] || echo "$SOAK_SECONDS" >etc/clkrg-soak-seconds

# guest side of the suite
install -m 0755 "$guest/init" init
install -m 0755 "$guest/run-scenario.sh" lib/tests/run-scenario.sh
install -m 0644 "$guest/lib.sh" "$guest/kernel.sh" "$guest/tamper.sh" "$guest/clkrg.sh" \
	"$guest/cputamper.sh" lib/tests/
install -m 0644 "$guest/modguard.sh" "$guest/pint.sh" "$guest/selfattack.sh" \
	"$guest/inventory.sh" "$guest/journal.sh" "$guest/conf.sh" \
	"$guest/tui.sh" lib/tests/
install -m 0755 "$guest/lkrg-respond.sh" lib/tests/
install -m 0755 "$guest"/scenarios/*.sh "$guest/demo.sh" lib/tests/scenarios/
for f in $extra_scenarios; do
	install -m 0755 "$f" lib/tests/scenarios/
done
for prog in "$guest_bin"/*; do
	[ -x "$prog" ] && [ -f "$prog" ] && install -m 0755 "$prog" lib/tests/bin/
done

# modules
install -m 0644 "$module" lib/clkrg/clkrg.ko
# where "make install" puts it, with what depmod and modprobe read
install -D -m 0644 "$module" "lib/modules/$kver/updates/clkrg.ko"
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$modroot/lib/modules/$kver/$f" ] || die "missing $modroot/lib/modules/$kver/$f"
	cp "$modroot/lib/modules/$kver/$f" "lib/modules/$kver/$f"
done
install -m 0644 "$top_dir/dist/clkrg.conf" lib/tests/clkrg.conf.dist
for ko in "$test_modules"/*.ko; do
	[ -f "$ko" ] && install -m 0644 "$ko" lib/clkrg/test/
done
# 6.12 ships its modules xz-compressed: the guest gets them as plain .ko
# (busybox insmod reads ELF only), at the same paths on every kernel. A
# module its kernel does not build (not in modules.order: the debug
# kernel's configuration has no netfilter) is left out; the scenarios that
# load it fail there.
for rel in $REAL_MODULES; do
	if ! grep -qx "$rel" "$modroot/lib/modules/$kver/modules.order"; then
		echo "build-initramfs: $rel is not a module of $kver: left out" >&2
		continue
	fi
	src=$modroot/lib/modules/$kver/$rel
	mkdir -p "lib/modules/$kver/$(dirname "$rel")"
	if [ -f "$src" ]; then
		cp "$src" "lib/modules/$kver/$rel"
	elif [ -f "$src.xz" ]; then
		xz -dc "$src.xz" >"lib/modules/$kver/$rel" || die "xz -d $src.xz failed"
	elif [ -f "$src.zst" ]; then
		zstd -qdc "$src.zst" >"lib/modules/$kver/$rel" || die "zstd -d $src.zst failed"
	else
		die "missing $src (linux-image-$kver's modules)"
	fi
done

# lkrg-cli, lkrg-top, tmux and every shared library they need, at the
# paths ldd reports; libclkrg itself goes to a default search directory
# of the loader.
install -m 0755 "$lib" "usr/lib/x86_64-linux-gnu/$(basename "$lib")"
libdir=$(cd "$(dirname "$lib")" && pwd)
install_with_libs() {	# install_with_libs BINARY DEST
	install -m 0755 "$1" "$2"
	LD_LIBRARY_PATH=$libdir ldd "$1" >ldd.out 2>&1 || die "ldd $1 failed: $(cat ldd.out)"
	if grep -q 'not found' ldd.out; then
		die "unresolved libraries for $1: $(grep 'not found' ldd.out)"
	fi
	sed -n 's/.*=> \(\/[^ ]*\) (0x.*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (0x.*/\1/p' ldd.out |
		while read -r so; do
			[ "$(basename "$so")" = "$(basename "$lib")" ] && continue
			[ -e ".$so" ] && continue
			mkdir -p ".$(dirname "$so")"
			cp -L "$so" ".$so"
		done
	rm -f ldd.out
}
install_with_libs "$cli" usr/bin/lkrg-cli
install_with_libs "$top_bin" usr/bin/lkrg-top
install_with_libs "$tmux_bin" usr/bin/tmux
install_with_libs "$load_bin" usr/sbin/clkrg-load
install_with_libs "$journald_bin" usr/sbin/clkrg-journald
install_with_libs "$kmod_bin" usr/bin/kmod
mkdir -p lib/tests/kmod
for t in modprobe depmod; do
	ln -s /usr/bin/kmod "lib/tests/kmod/$t"
done

# python3 for scenario 82: the interpreter, and of the standard library
# what the host's same python3 loads for the clkrg package and the guest
# scripts (site included), .py with their compiled .pyc (TCG is slow to
# compile) and extension modules with their libraries.
install_with_libs "$python" "usr/bin/$(basename "$python")"
pytag=cpython-$(echo "${python##*/python}" | tr -d .)
ln -s "$(basename "$python")" usr/bin/python3
env -i PATH=/usr/bin:/bin LC_ALL=C PYTHONPATH="$top_dir/python:$guest" "$python" -c '
import sys, clkrg, clkrg.guard, lkrg_respond
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None)
    if f and f.startswith(sys.base_prefix + "/lib/python3."):
        print(f)' >pymods.txt || die "python3 cannot import clkrg: $(cat pymods.txt)"
sort -u pymods.txt | while read -r f; do
	mkdir -p ".$(dirname "$f")"
	case $f in
	*.so) install_with_libs "$f" ".$f" ;;
	*.py)
		cp -pL "$f" ".$f"
		pyc=$(dirname "$f")/__pycache__/$(basename "$f" .py).$pytag.pyc
		if [ -f "$pyc" ]; then
			mkdir -p ".$(dirname "$pyc")"
			cp -p "$pyc" ".$pyc"
		fi
		;;
	esac
done
rm -f pymods.txt
make -s -C "$top_dir/python" install PREFIX=/usr DESTDIR="$root" PYTHON="$python" ||
	die "make -C python install failed"
# compiled here, with the paths the guest has, so the guest does not
pkg=usr/lib/python3/dist-packages/clkrg
"$python" -m compileall -q -d "/$pkg" "$pkg" >/dev/null || die "compileall $pkg failed"
install -m 0755 "$guest/lkrg_respond.py" lib/tests/
awk '/^## Python/ { sect = 1 } sect && /^```python$/ { code = 1; next }
	code && /^```$/ { exit } code { print }' "$top_dir/README.md" \
	>lib/tests/readme_example.py
[ -s lib/tests/readme_example.py ] || die "no Python example in README.md"
# The guest's python3 with nothing but what was copied here.
env -i LC_ALL=C PYTHONHOME="$root/usr" PYTHONPATH="$root/lib/tests" \
	"$root/usr/bin/$(basename "$python")" -B -c 'import clkrg, lkrg_respond' >pycheck.txt 2>&1 ||
	die "the guest's python3 lacks a module: $(cat pycheck.txt)"
rm -f pycheck.txt

mkdir -p "./$(dirname "$C_UTF8")"
cp -R "$C_UTF8" "./$C_UTF8"
for t in $TERMINFO_FILES; do
	mkdir -p "lib/terminfo/$(dirname "$t")"
	if [ -f "/lib/terminfo/$t" ]; then
		cp "/lib/terminfo/$t" "lib/terminfo/$t"
	else
		cp "/usr/share/terminfo/$t" "lib/terminfo/$t"
	fi
done
# Debian's stress-ng: the stress workload of the exploit-detection twins
stress_ng=$(command -v stress-ng) || die "stress-ng not found (apt-get install stress-ng)"
install_with_libs "$stress_ng" usr/bin/stress-ng

mkdir -p "$(dirname "$out")"
find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
