# shellcheck shell=sh
# Exploit detection soak: the negative twins (60-65) in parallel loops for
# SOAK_SECONDS (default 120; clkrg_soak_seconds=N on the kernel command
# line, or /etc/clkrg-soak-seconds, which build-initramfs.sh writes from
# $SOAK_SECONDS: "make soak" runs 600 s). Loops: su, login-style drops, a
# setuid-root binary, threaded setresuid and capset; unshare/nsenter (with
# user namespaces) and TSYNC seccomp filters; exec storms; overlayfs
# copy-ups as alice and root; kernel module requests (/sbin/modprobe) and
# module load/unload; 500 parked threads made and joined; force-runs back
# to back. Every loop ran and never failed, no violation event was made
# (violations_total stays 0), and a last force-run is clean.
# plan: 12
# timeout: 900
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

SOAK=$(sed -n 's/.*clkrg_soak_seconds=\([0-9][0-9]*\).*/\1/p' /proc/cmdline)
[ -n "$SOAK" ] || SOAK=$(cat /etc/clkrg-soak-seconds 2>/dev/null || true)
[ -n "$SOAK" ] || SOAK=120
diag "soak: $SOAK s"
OV=/tmp/ov
KDIR=/lib/modules/$(uname -r)/kernel
FAIL=/tmp/soak.fail

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
echo 200000 >/proc/sys/kernel/threads-max
victim_files
cp "$LEGIT" /tmp/suid-legit
chown 0:0 /tmp/suid-legit
chmod 4755 /tmp/suid-legit
mkdir -p /mnt /tmp/nsmnt
rm -f $FAIL /tmp/soak.*.count

overlay_setup() {
	insmod "$KDIR/fs/overlayfs/overlay.ko" &&
		mkdir -p $OV && mount -t tmpfs ovt $OV &&
		mkdir -p $OV/lower $OV/upper $OV/work $OV/merged &&
		mount -t overlay overlay \
			-o "lowerdir=$OV/lower,upperdir=$OV/upper,workdir=$OV/work" $OV/merged
}
ok "overlay mounted" overlay_setup

since=$(next_seq)
end=$(($(date +%s) + SOAK))

# loop NAME CMD...: runs CMD until the end, counting rounds; a failure is
# recorded in $FAIL with the round.
loop() {
	_name=$1
	shift
	_n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		_n=$((_n + 1))
		if ! "$@" >/tmp/soak."$_name".out 2>&1; then
			{ echo "$_name round $_n failed:"; tail -n 5 /tmp/soak."$_name".out; } >>$FAIL
		fi
	done
	echo "$_n" >/tmp/soak."$_name".count
}

creds_round() {
	[ "$(su -s /bin/sh nobody -c 'id -u')" = 65534 ] &&
		[ "$(su -s /bin/sh alice -c 'id -u')" = 1000 ] &&
		"$LEGIT" run-as 1001 1001 id >/dev/null &&
		"$LEGIT" run-as 1000 1000 /tmp/suid-legit suid &&
		"$LEGIT" setxid-threads 8 65534 &&
		"$LEGIT" capset
}

ns_round() {
	[ "$("$LEGIT" run-as 65534 65534 unshare -r -m -u -i sh -c \
		'hostname inner && mount -t tmpfs t /tmp/nsmnt && id -u')" = 0 ] &&
		[ "$(unshare -m -u -i -n -p -f sh -c 'hostname box && hostname')" = box ] &&
		nsenter -t 1 -m -u -i -n true &&
		"$LEGIT" tsync 4 &&
		"$LEGIT" run-as 65534 65534 "$LEGIT" tsync 4
}

exec_round() {
	"$LEGIT" exec-storm 100 &&
		"$LEGIT" run-as 65534 65534 "$LEGIT" exec-storm 50
}

ov_round() {
	_f=f$_n
	echo lower >$OV/lower/a"$_f" && chown 1000:1000 $OV/lower/a"$_f" &&
		echo lower >$OV/lower/r"$_f" &&
		"$LEGIT" run-as 1000 1000 sh -c "echo up >>$OV/merged/a$_f" &&
		echo up >>$OV/merged/r"$_f" &&
		[ -f $OV/upper/a"$_f" ] && [ -f $OV/upper/r"$_f" ] &&
		rm -f $OV/merged/a"$_f" $OV/merged/r"$_f" $OV/lower/a"$_f" $OV/lower/r"$_f"
}

umh_round() {
	mount -t clkrgnofs none /mnt 2>/dev/null
	"$LEGIT" socket 40 &&
		"$LEGIT" run-as 65534 65534 "$LEGIT" socket 40 &&
		insmod "$KDIR/lib/crc7.ko" && insmod "$KDIR/lib/crc8.ko" &&
		rmmod crc8 crc7
}

tasks_round() {
	rm -f /tmp/soak.ready /tmp/soak.stop
	"$LEGIT" tasks 500 /tmp/soak.ready /tmp/soak.stop &
	_tp=$!
	wait_for 60 test -s /tmp/soak.ready || { touch /tmp/soak.stop; wait "$_tp"; return 1; }
	touch /tmp/soak.stop
	wait "$_tp"
}

force_round() {
	lkrg-cli force-run
}

loop creds creds_round &
p1=$!
loop ns ns_round &
p2=$!
loop exec exec_round &
p3=$!
loop ov ov_round &
p4=$!
loop umh umh_round &
p5=$!
loop tasks tasks_round &
p6=$!
loop force force_round &
p7=$!
wait $p1 $p2 $p3 $p4 $p5 $p6 $p7 || true

for l in creds ns exec ov umh tasks force; do
	n=$(cat /tmp/soak.$l.count 2>/dev/null || echo 0)
	f=$(grep -c "^$l round" $FAIL 2>/dev/null || true)
	if [ "$n" -gt 0 ] && [ "${f:-0}" -eq 0 ]; then
		pass "loop $l: $n rounds, none failed"
	else
		fail "loop $l: $n rounds, none failed" "$(grep -A5 "^$l round" $FAIL 2>/dev/null | head -n 12)"
	fi
done
expect_no_violation "$since" "no violation event during the soak"
is "$(status_field violations_total)" 0 "violations_total is 0"
force_run_clean "after the soak"
dmesg_clean
