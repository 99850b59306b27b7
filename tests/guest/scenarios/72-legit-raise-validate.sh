# shellcheck shell=sh
# Exploit detection, negative twin of 68-pint-raise-validate: legitimate
# changes made while pint_validate is off are followed, so raising it
# reports nothing. Off: su, a login-style drop, a setuid-root binary,
# threaded setresuid, capset, unshare (user, PID namespaces), nsenter,
# TSYNC filters, 100 fork+exec; tasks started while off that keep running
# across the raise: children made by clone() with new namespaces (a user
# namespace and the rest, as root and as nobody; as root also without a
# user namespace, and a fork after unshare(CLONE_NEWTIME)), a task that
# dropped to nobody, a shell in new mount/UTS/IPC/net/PID namespaces; they
# do more after pint_validate is raised to current. Then the same at
# paranoid, and off -> current again. No violation, nothing killed,
# violations_total 0, clean force-runs.
# plan: 19
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
victim_files
cp "$LEGIT" /tmp/suid-legit
chown 0:0 /tmp/suid-legit
chmod 4755 /tmp/suid-legit
set_knob ratelimit_interval=0
since=$(next_seq)
GO=/tmp/go72

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
# long-lived tasks, started while off, going on once $GO exists
start_long() {
	rm -f "$GO"
	"$LEGIT" clone-ns "$GO" >/tmp/l1.out 2>&1 &
	L1=$!
	"$LEGIT" run-as 65534 65534 "$LEGIT" clone-ns "$GO" >/tmp/l2.out 2>&1 &
	L2=$!
	"$LEGIT" run-as 65534 65534 sh -c \
		"while [ ! -e $GO ]; do usleep 50000; done; cat /proc/self/status >/dev/null && id -u" \
		>/tmp/l3.out 2>&1 &
	L3=$!
	unshare -m -u -i -n -p -f sh -c \
		"hostname box; while [ ! -e $GO ]; do usleep 50000; done; hostname && ls / >/dev/null" \
		>/tmp/l4.out 2>&1 &
	L4=$!
}
join_long() {
	_rc=0
	for _p in $L1 $L2 $L3 $L4; do
		wait "$_p" || { echo "pid $_p exit $?"; _rc=1; }
	done
	cat /tmp/l1.out /tmp/l2.out /tmp/l3.out /tmp/l4.out
	return "$_rc"
}

set_knob pint_validate=off
start_long
ok "off: su, login-style drop, setuid binary, threaded setresuid, capset" creds
ok "off: unshare (user, PID), nsenter, TSYNC" ns
ok "off: 100 fork+exec" "$LEGIT" exec-storm 100
set_knob pint_validate=current
touch "$GO"
ok "tasks from before the raise went on and ended well" join_long
force_run_clean "current, after changes made while off"

set_knob pint_validate=off
start_long
ok "off again: creds" creds
ok "off again: namespaces" ns
set_knob pint_validate=paranoid
touch "$GO"
ok "tasks from before the raise went on and ended well (paranoid)" join_long
ok "paranoid: creds" creds
ok "paranoid: namespaces" ns
force_run_clean "paranoid, after changes made while off"
expect_no_violation "$since" "no violation event"
is "$(status_field violations_total)" 0 "violations_total is 0"
dmesg_clean
