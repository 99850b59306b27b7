#!/bin/sh
# Builds the kernel-suite initramfs (gzip -1 newc cpio).
#
#   build-initramfs.sh --kver KVER --out FILE --root DIR \
#       --module clkrg.ko --cli lkrg-cli --lib libclkrg.so.1 \
#       --guest-bin DIR --test-modules DIR [--extra-scenario FILE]...
#
# --extra-scenario installs FILE next to tests/guest/scenarios/*.sh (as
# tests/bench/run-bench.sh does with its guest script).
#
# Layout in the guest:
#   /init, /bin/busybox + applet links
#   /lib/tests/{lib.sh,run-scenario.sh,scenarios/*.sh,bin/*}
#   /lib/clkrg/clkrg.ko, /lib/clkrg/test/*.ko   (test-only modules)
#   /lib/modules/KVER/kernel/lib/{crc7,crc-itu-t}.ko   (real Debian modules)
#   /usr/bin/lkrg-cli, its shared libraries (ldd) and the dynamic loader
#   /sbin/modprobe (a script that only logs to /tmp/modprobe.log), users
#   alice (1000) and bob (1001) next to root and nobody
set -eu

here=$(cd "$(dirname "$0")" && pwd)
guest=$(cd "$here/../guest" && pwd)
REAL_MODULES="kernel/lib/crc7.ko kernel/lib/crc-itu-t.ko"
REAL_MODULES="$REAL_MODULES kernel/lib/crc16.ko kernel/lib/crc8.ko kernel/lib/crypto/libarc4.ko kernel/lib/math/cordic.ko kernel/crypto/md4.ko"
# overlayfs copy-up (override_creds) for the exploit-detection twins
REAL_MODULES="$REAL_MODULES kernel/fs/overlayfs/overlay.ko"

die() {
	echo "build-initramfs: $*" >&2
	exit 1
}

kver='' out='' root='' module='' cli='' lib='' guest_bin='' test_modules=''
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
for f in "$module" "$cli" "$lib"; do
	[ -f "$f" ] || die "missing $f (run 'make' at the top level first)"
done
busybox=$(command -v busybox) || die "busybox not found (apt-get install busybox-static)"
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
install -m 0644 "$guest/modguard.sh" "$guest/pint.sh" lib/tests/
install -m 0755 "$guest"/scenarios/*.sh "$guest/demo.sh" lib/tests/scenarios/
for f in $extra_scenarios; do
	install -m 0755 "$f" lib/tests/scenarios/
done
for prog in "$guest_bin"/*; do
	[ -x "$prog" ] && [ -f "$prog" ] && install -m 0755 "$prog" lib/tests/bin/
done

# modules
install -m 0644 "$module" lib/clkrg/clkrg.ko
for ko in "$test_modules"/*.ko; do
	[ -f "$ko" ] && install -m 0644 "$ko" lib/clkrg/test/
done
# 6.12 ships its modules xz-compressed: the guest gets them as plain .ko
# (busybox insmod reads ELF only), at the same paths on every kernel.
for rel in $REAL_MODULES; do
	src=/lib/modules/$kver/$rel
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

# lkrg-cli and every shared library it needs, at the paths ldd reports;
# libclkrg itself goes to a default search directory of the loader.
install -m 0755 "$cli" usr/bin/lkrg-cli
install -m 0755 "$lib" "usr/lib/x86_64-linux-gnu/$(basename "$lib")"
libdir=$(cd "$(dirname "$lib")" && pwd)
LD_LIBRARY_PATH=$libdir ldd "$cli" >ldd.out 2>&1 || die "ldd $cli failed: $(cat ldd.out)"
if grep -q 'not found' ldd.out; then
	die "unresolved libraries for $cli: $(grep 'not found' ldd.out)"
fi
sed -n 's/.*=> \(\/[^ ]*\) (0x.*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (0x.*/\1/p' ldd.out |
	while read -r so; do
		[ "$(basename "$so")" = "$(basename "$lib")" ] && continue
		mkdir -p ".$(dirname "$so")"
		cp -L "$so" ".$so"
	done
rm -f ldd.out

mkdir -p "$(dirname "$out")"
find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
