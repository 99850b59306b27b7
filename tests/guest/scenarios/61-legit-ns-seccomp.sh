# shellcheck shell=sh
# Exploit detection, negative twin of the namespace and seccomp attacks
# (53): namespaces and seccomp filters changed the legitimate ways are no
# violation. nobody unshares a user namespace (mapped root) with mount,
# UTS and IPC namespaces and mounts a tmpfs in it; root unshares mount,
# UTS, IPC, net and PID namespaces; root nsenters a process's UTS and
# mount namespaces, and init's; root unshares a time namespace and execs
# (6.12 moves it into the namespace there, switch_task_namespaces inlined);
# a process of 16 threads (as root, then 8 as nobody) installs a seccomp
# filter with SECCOMP_FILTER_FLAG_TSYNC and every thread has Seccomp 2;
# then 10 rounds of all that. No violation event, and a clean force-run
# afterwards.
# plan: 12
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
mkdir -p /mnt
since=$(next_seq)

user_ns() {
	[ "$("$LEGIT" run-as 65534 65534 unshare -r -m -u -i sh -c \
		'hostname inner && mount -t tmpfs t /mnt && id -u')" = 0 ]
}

root_ns() {
	[ "$(unshare -m -u -i -n -p -f sh -c 'hostname box && hostname')" = box ]
}

enter_ns() {
	unshare -u -m sh -c 'hostname nsbox; exec sleep 30' &
	_p=$!
	_tries=50
	while [ "$(nsenter -t "$_p" -u hostname 2>/dev/null)" != nsbox ]; do
		_tries=$((_tries - 1))
		[ "$_tries" -gt 0 ] || { kill "$_p"; return 1; }
		usleep 100000
	done
	nsenter -t "$_p" -m -u true || { kill "$_p"; return 1; }
	kill "$_p"
	wait "$_p" 2>/dev/null || true
	nsenter -t 1 -m -u -i -n true
}

ok "nobody: unshare -r -m -u -i, hostname, mount tmpfs, uid 0 inside" user_ns
ok "root: unshare -m -u -i -n -p -f, hostname" root_ns
ok "root: nsenter a process's UTS and mount namespaces, then init's" enter_ns
is "$("$LEGIT" timens-exec)" "$TIMENS_AT_EXEC" \
	"root: unshare a time namespace, exec: $TIMENS_AT_EXEC it"
ok "root: 16 threads, seccomp filter with TSYNC, Seccomp 2 in each" "$LEGIT" tsync 16
ok "nobody: 8 threads, seccomp filter with TSYNC, Seccomp 2 in each" \
	"$LEGIT" run-as 65534 65534 "$LEGIT" tsync 8
rounds() {
	_i=0
	while [ "$_i" -lt 10 ]; do
		_i=$((_i + 1))
		{ user_ns && root_ns && enter_ns && "$LEGIT" tsync 4 >/dev/null &&
			[ "$("$LEGIT" timens-exec)" = "$TIMENS_AT_EXEC" ] &&
			"$LEGIT" run-as 65534 65534 "$LEGIT" tsync 4 >/dev/null; } ||
			{ echo "round $_i failed"; return 1; }
	done
}
ok "10 rounds of unshare, nsenter, time namespace execs and TSYNC filters" rounds
is "$(hostname)" "$(cat /proc/sys/kernel/hostname)" "init's hostname untouched"
expect_no_violation "$since" "no violation event since the first change"
force_run_clean "after the namespace and seccomp changes"
is "$(sed -n 's/^Seccomp:[[:space:]]*//p' /proc/self/status)" 0 "this shell has no seccomp filter"
dmesg_clean
