#!/bin/sh
# Host tests of the install on a real host, without touching this host:
#  - "make install DESTDIR=" lays out exactly the files listed below, in
#    Debian's places, with their modes; the units pass systemd-analyze
#    verify; the sysusers.d file makes the group; the shipped
#    /etc/clkrg.conf is valid with every default uncommented; an edited
#    /etc/clkrg.conf is kept by install and uninstall; "make uninstall"
#    removes every file; the same for "make install-dkms";
#  - "dkms build" of the installed source for every installed kernel
#    series (6.1 and 6.12), in private DKMS trees, signing with a
#    throwaway key;
#  - "make sign" with a throwaway key: modinfo shows the signer, the
#    PKCS#7 signature verifies against the key's certificate (and not
#    against another), a signed module is not signed twice;
#  - every knob is a module parameter of the same name.
# Prints TAP; "packaging.sh KVER RESULT" writes "<passed> <failed>" to
# RESULT. Needs root only for dkms (its trees are private here).
set -u
# Run from "make check", the top Makefile's exports (SBINDIR=/usr/local/sbin
# of its PREFIX...) and its MAKEFLAGS would reach every make below and win
# over the PREFIX=/usr given here: each make starts from a clean slate.
unset PREFIX DESTDIR SBINDIR SYSCONFDIR LOCALSTATEDIR MAKEFLAGS MFLAGS MAKELEVEL
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
KVER=${1:-$("$top/scripts/pick-kver.sh")}
RESULT=${2:-}
OUT=$(mktemp -d /tmp/clkrg-pkg.XXXXXX)
N=0
FAILED=0
VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
MULTIARCH=$(cc -print-multiarch)

pass() {
	N=$((N + 1))
	echo "ok $N - $1"
}

fail() {
	N=$((N + 1))
	FAILED=$((FAILED + 1))
	echo "not ok $N - $1"
	shift
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}

# check DESC CMD...: CMD exits 0 (its output in $OUT/log).
check() {
	_desc=$1
	shift
	if "$@" >"$OUT/log" 2>&1; then
		pass "$_desc"
	else
		fail "$_desc" "failed: $*" "$(tail -n 15 "$OUT/log")"
	fi
}

cleanup() {
	rm -rf "$OUT"
}
trap cleanup EXIT

mk() {	# mk TARGET DESTDIR [VAR=...]: make at the top, quietly
	_t=$1
	_d=$2
	shift 2
	make -s -C "$top" "$_t" DESTDIR="$_d" PREFIX=/usr KVER="$KVER" "$@"
}

# The files "make install PREFIX=/usr" lays out, "mode path".
expected_user() {
	cat <<EOF
0644 etc/clkrg.conf
0755 usr/bin/lkrg-cli
0755 usr/bin/lkrg-top
0755 usr/sbin/clkrg-load
0755 usr/sbin/clkrg-journald
0644 usr/include/clkrg.h
0644 usr/include/clkrg/lkrg.h
0755 usr/lib/$MULTIARCH/libclkrg.so.1
0777 usr/lib/$MULTIARCH/libclkrg.so
0644 usr/lib/$MULTIARCH/pkgconfig/libclkrg.pc
0644 usr/lib/systemd/system/clkrg.service
0644 usr/lib/systemd/system/clkrg-journald.service
0644 usr/lib/sysusers.d/clkrg.conf
0644 usr/share/bash-completion/completions/lkrg-cli
0644 usr/share/man/man3/libclkrg.3
0644 usr/share/man/man5/clkrg.conf.5
0644 usr/share/man/man8/clkrg-journald.8
0644 usr/share/man/man8/clkrg-load.8
0644 usr/share/man/man8/lkrg-cli.8
0644 usr/share/man/man8/lkrg-top.8
EOF
	for f in "$top"/python/clkrg/*.py "$top/python/clkrg/py.typed"; do
		echo "0644 usr/lib/python3/dist-packages/clkrg/$(basename "$f")"
	done
	# one man page link per exported function
	sed -n 's/^[[:space:]]*\(clkrg_[a-z_0-9]*\);/\1/p' "$top/libclkrg/libclkrg.sym" |
		while read -r fn; do
			echo "0644 usr/share/man/man3/$fn.3"
		done
}

expected_dkms_src() {
	echo "0644 usr/src/clkrg-$VERSION/dkms.conf"
	echo "0644 usr/src/clkrg-$VERSION/include/uapi/linux/lkrg.h"
	(cd "$top" && find driver -name '*.[chS]' ! -name '*.mod.c' -o \
		-name Kbuild -o -name Makefile) | sed "s|^|0644 usr/src/clkrg-$VERSION/|"
}

# What is there: "mode path" of every file and symlink.
laid_out() {
	(cd "$1" && find . \( -type f -o -type l \) -printf '%m %P\n' |
		awk '{ printf "%04d %s\n", $1, $2 }') | LC_ALL=C sort
}

# same_list DESC WANT GOT
same_list() {
	LC_ALL=C sort "$2" >"$OUT/want.sorted"
	if diff -u "$OUT/want.sorted" "$3" >"$OUT/diff"; then
		pass "$1 ($(wc -l <"$3") files)"
	else
		fail "$1" "$(grep '^[-+][0-9]' "$OUT/diff" | head -n 20)"
	fi
}

# ---- make install DESTDIR= -------------------------------------------------
D=$OUT/root
if mk install "$D" >"$OUT/log" 2>&1; then
	pass "make install DESTDIR= PREFIX=/usr KVER=$KVER"
else
	fail "make install DESTDIR= PREFIX=/usr KVER=$KVER" "$(tail -n 15 "$OUT/log")"
fi
{ expected_user; echo "0644 lib/modules/$KVER/updates/clkrg.ko"; } >"$OUT/want"
laid_out "$D" >"$OUT/got"
same_list "every installed file in its place, with its mode" "$OUT/want" "$OUT/got"
if grep -Eq '^(depmod|ldconfig|systemd-sysusers|systemctl|dkms) ' "$OUT/log"; then
	fail "with DESTDIR nothing runs on the host" "$(grep -E '^(depmod|ldconfig|systemd|dkms)' "$OUT/log")"
else
	pass "with DESTDIR nothing runs on the host (no depmod, ldconfig, sysusers, daemon-reload)"
fi
is_vermagic=$(modinfo -F vermagic "$D/lib/modules/$KVER/updates/clkrg.ko" 2>&1 | cut -d' ' -f1)
if [ "$is_vermagic" = "$KVER" ]; then
	pass "the installed module is built for $KVER"
else
	fail "the installed module is built for $KVER" "vermagic: $is_vermagic"
fi
if grep -qx "ExecStart=/usr/sbin/clkrg-load" "$D/usr/lib/systemd/system/clkrg.service" &&
	grep -qx "ExecStart=/usr/sbin/clkrg-journald" "$D/usr/lib/systemd/system/clkrg-journald.service"; then
	pass "the units run the installed programs of this PREFIX"
else
	fail "the units run the installed programs of this PREFIX" "$(grep -h ExecStart "$D"/usr/lib/systemd/system/*.service)"
fi
unit=$D/usr/lib/systemd/system/clkrg.service
if grep -qx 'ConditionKernelCommandLine=!clkrg.disable=1' "$unit" &&
	grep -q '^After=.*local-fs.target' "$unit" &&
	grep -q '^Before=.*network-pre.target' "$unit" &&
	grep -qx 'Type=oneshot' "$unit"; then
	pass "clkrg.service: after local file systems, before the network, not with clkrg.disable=1"
else
	fail "clkrg.service: after local file systems, before the network, not with clkrg.disable=1" "$(cat "$unit")"
fi
# systemd-analyze verify in a root that has the host's own units too
V=$OUT/vroot
cp -a "$D" "$V" && cp -an /usr/lib/systemd/system/. "$V/usr/lib/systemd/system/"
if systemd-analyze verify --man=no --root="$V" /usr/lib/systemd/system/clkrg.service \
	/usr/lib/systemd/system/clkrg-journald.service >"$OUT/log" 2>&1 && [ ! -s "$OUT/log" ]; then
	pass "systemd-analyze verify: both units clean"
else
	fail "systemd-analyze verify: both units clean" "$(head -n 10 "$OUT/log")"
fi
rm -rf "$V"
check "systemd-sysusers --root: the sysusers.d file makes the group clkrg" \
	sh -c "systemd-sysusers --root='$D' && grep -q '^clkrg:x:[0-9]*:' '$D/etc/group'"
(cd "$D/etc" && rm -f group gshadow passwd shadow group- gshadow- passwd- shadow- .pwd.lock)
# the shipped configuration: every knob is in it, and with every line
# uncommented it is valid (its group line needs the group, which this
# host may lack)
sed -e 's/^#\([a-z0-9_]* = \)/\1/' -e '/^read_group/d' "$D/etc/clkrg.conf" >"$OUT/defaults.conf"
"$top/loader/clkrg-load" --list | awk '{ print $1 }' |
	grep -vx -e umh_allow -e read_group >"$OUT/knobs"
nknobs=$(grep -c . "$OUT/knobs")
absent=$(while read -r k; do grep -q "^$k = " "$OUT/defaults.conf" || echo "$k"; done <"$OUT/knobs")
want=$(grep -c '^[a-z0-9_]* = ' "$OUT/defaults.conf")
if [ -z "$absent" ] && LD_LIBRARY_PATH=$D/usr/lib/$MULTIARCH "$D/usr/sbin/clkrg-load" --check \
	--config "$OUT/defaults.conf" >"$OUT/log" 2>&1 &&
	grep -q "valid ($want settings)" "$OUT/log"; then
	pass "the shipped /etc/clkrg.conf names all $nknobs knobs; uncommented ($want settings) it is valid"
else
	fail "the shipped /etc/clkrg.conf names all $nknobs knobs; uncommented it is valid" \
		"not in it: $absent" "$(cat "$OUT/log")"
fi
# an admin's configuration survives install and uninstall
echo "kint_enforce = panic" >>"$D/etc/clkrg.conf"
cp "$D/etc/clkrg.conf" "$OUT/edited.conf"
mk install "$D" >"$OUT/log" 2>&1
if cmp -s "$OUT/edited.conf" "$D/etc/clkrg.conf" && grep -q "exists: kept" "$OUT/log"; then
	pass "make install keeps an edited /etc/clkrg.conf, and says so"
else
	fail "make install keeps an edited /etc/clkrg.conf, and says so" "$(tail -n 5 "$OUT/log")"
fi
mk uninstall "$D" >"$OUT/log" 2>&1
laid_out "$D" >"$OUT/got"
if [ "$(cat "$OUT/got")" = "0644 etc/clkrg.conf" ] && grep -q "was changed: kept" "$OUT/log"; then
	pass "make uninstall removes every file but the edited /etc/clkrg.conf"
else
	fail "make uninstall removes every file but the edited /etc/clkrg.conf" "$(head -n 10 "$OUT/got")"
fi
rm -rf "$D"
mk install "$D" >/dev/null 2>&1
mk uninstall "$D" >"$OUT/log" 2>&1
laid_out "$D" >"$OUT/got"
if [ ! -s "$OUT/got" ]; then
	pass "install then uninstall: no file left"
else
	fail "install then uninstall: no file left" "$(head -n 10 "$OUT/got")"
fi

# ---- make install-dkms DESTDIR= --------------------------------------------
K=$OUT/dkmsroot
if mk install-dkms "$K" >"$OUT/log" 2>&1; then
	pass "make install-dkms DESTDIR="
else
	fail "make install-dkms DESTDIR=" "$(tail -n 15 "$OUT/log")"
fi
{ expected_user; expected_dkms_src; } >"$OUT/want"
laid_out "$K" >"$OUT/got"
same_list "install-dkms: the tools, and the module's source in /usr/src/clkrg-$VERSION" \
	"$OUT/want" "$OUT/got"
mod_ver=$(sed -n 's/^MODULE_VERSION("\(.*\)");/\1/p' "$top/driver/device/main.c")
is_ver=$(sed -n 's/^#define CLKRG_VERSION[[:space:]]*"\(.*\)"/\1/p' "$top/libclkrg/clkrg.h")
if [ "$VERSION" = "$mod_ver" ] && [ "$VERSION" = "$is_ver" ]; then
	pass "dkms.conf's version $VERSION is the module's and the library's"
else
	fail "dkms.conf's version $VERSION is the module's and the library's" "module $mod_ver, clkrg.h $is_ver"
fi

# ---- dkms build, every installed kernel series -------------------------------
openssl req -new -x509 -nodes -days 1 -newkey rsa:2048 -subj "/CN=clkrg throwaway test key/" \
	-keyout "$OUT/test.key" -outform DER -out "$OUT/test.der" >/dev/null 2>&1 ||
	fail "openssl makes a throwaway key" "apt-get install openssl"
kernels=$(find /usr/src -maxdepth 1 -name 'linux-headers-*-amd64' -printf '%f\n' |
	sed 's|^linux-headers-||' | LC_ALL=C sort -V)
for series in 6.1 6.12; do
	# shellcheck disable=SC2086 # one kernel a word
	k=$(printf '%s\n' $kernels | grep "^$series\." | tail -n 1)
	if [ -z "$k" ] || [ ! -d "/lib/modules/$k/build" ]; then
		fail "dkms build for $series" "no linux-headers for $series (apt-get install linux-headers-$series-amd64 or linux-headers-amd64)"
		continue
	fi
	T=$OUT/dkms-$k
	mkdir -p "$T/tree"
	if ! command -v dkms >/dev/null; then
		fail "dkms build for $k" "no dkms (apt-get install dkms)"
		continue
	fi
	# private trees; signing with the throwaway key, never /var/lib/dkms's
	mok_signing_key=$OUT/test.key mok_certificate=$OUT/test.der \
		dkms add --dkmstree "$T/tree" --sourcetree "$K/usr/src" -m clkrg -v "$VERSION" \
		>"$T/log" 2>&1 &&
		mok_signing_key=$OUT/test.key mok_certificate=$OUT/test.der \
			dkms build --dkmstree "$T/tree" --sourcetree "$K/usr/src" -m clkrg \
			-v "$VERSION" -k "$k" -j 2 >>"$T/log" 2>&1
	rc=$?
	# DKMS compresses the module as the kernel's own are (6.12: xz)
	built=
	for f in "$T/tree/clkrg/$VERSION/$k/x86_64/module/clkrg.ko"*; do
		[ -f "$f" ] && built=$f
	done
	if [ "$rc" -eq 0 ] && [ -f "$built" ] &&
		[ "$(modinfo -F vermagic "$built" | cut -d' ' -f1)" = "$k" ]; then
		pass "dkms build for $k: clkrg.ko built for $k"
		if modinfo -F signer "$built" | grep -q "clkrg throwaway test key"; then
			pass "dkms signed it with the configured key"
		else
			fail "dkms signed it with the configured key" "signer: $(modinfo -F signer "$built")"
		fi
	else
		why="dkms exit $rc, module: ${built:-none}"
		fail "dkms build for $k: clkrg.ko built for $k" "$why" \
			"$(tail -n 12 "$T/tree/clkrg/$VERSION/build/make.log" 2>/dev/null || tail -n 12 "$T/log")"
	fi
done
mk uninstall "$K" >"$OUT/log" 2>&1
laid_out "$K" >"$OUT/got"
if [ ! -s "$OUT/got" ] && [ ! -e "$K/usr/src/clkrg-$VERSION" ]; then
	pass "make uninstall after install-dkms: no file left"
else
	fail "make uninstall after install-dkms: no file left" "$(head -n 10 "$OUT/got")"
fi

# ---- make sign ---------------------------------------------------------------
cp "$top/driver/clkrg.ko" "$OUT/clkrg.ko"
if make -s -C "$top" sign KVER="$KVER" SIGN_KEY="$OUT/test.key" \
	SIGN_CERT="$OUT/test.der" SIGN_MODULE="$OUT/clkrg.ko" >"$OUT/log" 2>&1 &&
	[ "$(modinfo -F signer "$OUT/clkrg.ko")" = "clkrg throwaway test key" ] &&
	[ "$(modinfo -F sig_hashalgo "$OUT/clkrg.ko")" = "sha256" ]; then
	pass "make sign: modinfo shows signer 'clkrg throwaway test key', sha256"
else
	fail "make sign: modinfo shows signer 'clkrg throwaway test key', sha256" \
		"$(cat "$OUT/log")" "$(modinfo "$OUT/clkrg.ko" | grep sig)"
fi
# The appended signature: module, PKCS#7, 12-byte info (sig_len last, big
# endian), then the 28-byte magic.
size=$(stat -c %s "$OUT/clkrg.ko")
magic=$(tail -c 28 "$OUT/clkrg.ko")
siglen=$(tail -c 32 "$OUT/clkrg.ko" | head -c 4 | od -An -tu1 | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
head -c $((size - 40 - siglen)) "$OUT/clkrg.ko" >"$OUT/content"
tail -c $((40 + siglen)) "$OUT/clkrg.ko" | head -c "$siglen" >"$OUT/sig.p7"
openssl x509 -inform DER -in "$OUT/test.der" -out "$OUT/test.pem" 2>/dev/null
verify() {	# verify CERT.pem: the signature is CERT's, over the module
	openssl cms -verify -binary -inform DER -in "$OUT/sig.p7" \
		-content "$OUT/content" -certfile "$1" -nointern -noverify \
		-out /dev/null >"$OUT/verify.log" 2>&1
}
if [ "$magic" = "~Module signature appended~" ] && verify "$OUT/test.pem"; then
	pass "the appended PKCS#7 signature verifies against the key's certificate"
else
	fail "the appended PKCS#7 signature verifies against the key's certificate" \
		"magic '$magic', sig_len $siglen" "$(cat "$OUT/verify.log")"
fi
openssl req -new -x509 -nodes -days 1 -newkey rsa:2048 -subj "/CN=other/" \
	-keyout "$OUT/other.key" -out "$OUT/other.pem" >/dev/null 2>&1
if ! verify "$OUT/other.pem"; then
	pass "and not against another key's"
else
	fail "and not against another key's"
fi
if ! make -s -C "$top" sign KVER="$KVER" SIGN_KEY="$OUT/test.key" \
	SIGN_CERT="$OUT/test.der" SIGN_MODULE="$OUT/clkrg.ko" >"$OUT/log" 2>&1 &&
	grep -q "signed already" "$OUT/log" && [ "$(stat -c %s "$OUT/clkrg.ko")" -eq "$size" ]; then
	pass "make sign refuses a module signed already, and leaves it as it is"
else
	fail "make sign refuses a module signed already, and leaves it as it is" "$(cat "$OUT/log")"
fi
if ! make -s -C "$top" sign KVER="$KVER" SIGN_KEY="$OUT/none.key" \
	SIGN_CERT="$OUT/none.der" SIGN_MODULE="$OUT/clkrg.ko" >"$OUT/log" 2>&1 &&
	grep -q "make mok-key" "$OUT/log"; then
	pass "make sign without a key says how to make one"
else
	fail "make sign without a key says how to make one" "$(cat "$OUT/log")"
fi

# ---- every knob is a module parameter -------------------------------------------
modinfo -F parm "$top/driver/clkrg.ko" | cut -d: -f1 | LC_ALL=C sort >"$OUT/params"
"$top/loader/clkrg-load" --list | awk '{ print $1 }' |
	grep -vx -e umh_allow -e read_group | LC_ALL=C sort >"$OUT/knobs"
missing=$(LC_ALL=C comm -23 "$OUT/knobs" "$OUT/params" | tr '\n' ' ')
if [ -s "$OUT/knobs" ] && [ -z "$missing" ] &&
	grep -qx umh_allow "$OUT/params" && grep -qx disable "$OUT/params" &&
	grep -qx read_gid "$OUT/params"; then
	pass "every knob of clkrg-load --list ($(wc -l <"$OUT/knobs")) is a module parameter, and umh_allow, disable, read_gid"
else
	fail "every knob of clkrg-load --list is a module parameter, and umh_allow, disable, read_gid" \
		"missing: $missing"
fi

echo "1..$N"
echo "# packaging: $((N - FAILED)) passed, $FAILED failed"
[ -z "$RESULT" ] || echo "$((N - FAILED)) $FAILED" >"$RESULT"
[ "$FAILED" -eq 0 ]
