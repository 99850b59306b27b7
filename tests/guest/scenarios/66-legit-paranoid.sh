# shellcheck shell=sh
# Exploit detection, negative twin of 54-pint-paranoid: with clkrg loaded
# at pint_validate=2 (every task verified at every hook) and the default
# pint_enforce (kill), the legitimate changes of 60-62 and 64 are no
# violation: busybox su, a login-style drop, a setuid-root binary, threaded
# setresuid, capset; unshare (user, PID namespaces) and nsenter, TSYNC
# filters; 500 fork+exec; kernel module requests; 5 rounds of all that
# with force-runs back to back. No violation event, nothing killed, and a
# clean force-run afterwards.
# plan: 12
# no-autoload
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
mkdir -p /mnt
victim_files
cp "$LEGIT" /tmp/suid-legit
chown 0:0 /tmp/suid-legit
chmod 4755 /tmp/suid-legit
ok "insmod clkrg.ko pint_validate=2" insmod "$CLKRG_KO" pint_validate=2
set_knob ratelimit_interval=0
since=$(next_seq)

creds() {
	[ "$(su -s /bin/sh nobody -c 'id -u')" = 65534 ] &&
		"$LEGIT" run-as 1001 1001 id >/dev/null &&
		"$LEGIT" run-as 1000 1000 /tmp/suid-legit suid >/dev/null &&
		"$LEGIT" setxid-threads 8 65534 >/dev/null &&
		"$LEGIT" capset >/dev/null
}
ns() {
	[ "$("$LEGIT" run-as 65534 65534 unshare -r -m -u sh -c 'hostname in && id -u')" = 0 ] &&
		[ "$(unshare -m -u -i -n -p -f sh -c 'hostname box && hostname')" = box ] &&
		nsenter -t 1 -m -u -i -n true &&
		"$LEGIT" tsync 4 >/dev/null
}
helpers() {
	mount -t clkrgnofs none /mnt 2>/dev/null
	"$LEGIT" socket 40 >/dev/null
}
rounds() {
	rm -f /tmp/busy.stop /tmp/busy.fail
	(
		while [ ! -e /tmp/busy.stop ]; do
			lkrg-cli force-run >/dev/null 2>&1 || echo "force-run exit $?" >>/tmp/busy.fail
		done
	) &
	_busy=$!
	_rc=0
	_i=0
	while [ "$_i" -lt 5 ]; do
		_i=$((_i + 1))
		{ creds && ns && helpers && "$LEGIT" exec-storm 100 >/dev/null; } ||
			{ echo "round $_i failed"; _rc=1; break; }
	done
	touch /tmp/busy.stop
	wait "$_busy" || true
	[ ! -s /tmp/busy.fail ] || { cat /tmp/busy.fail; _rc=1; }
	return "$_rc"
}

ok "su, login-style drop, setuid binary, threaded setresuid, capset" creds
ok "unshare (user, PID), nsenter, TSYNC" ns
ok "kernel module requests (/sbin/modprobe)" helpers
ok "500 fork+exec" "$LEGIT" exec-storm 500
ok "5 rounds of all that, force-runs back to back" rounds
ok "this shell is alive and the victim files are intact" sh -c \
	"[ \"\$(cat /root/canary)\" = $CANARY_TEXT ]"
expect_no_violation "$since" "paranoid: no violation event"
is "$(status_field violations_total)" 0 "violations_total is 0"
force_run_clean "paranoid, after the legitimate changes"
dmesg_clean
