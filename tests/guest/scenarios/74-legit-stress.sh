# shellcheck shell=sh
# Exploit detection under a stress workload, at both pint_validate levels
# (current, then paranoid, set at run time): the negative twin of what the
# 5x and 6x scenarios attack, in parallel and in bulk. For 20 s per level
# Debian's stress-ng runs as root (unshare, clone, fork, vfork, exec, the
# set*() calls, capget, seccomp filters, ptrace, personality, prctl, /proc
# readers, rlimits) and at the same time as nobody (the same stressors;
# those that need privilege skip), while root runs ps and reads every
# task's /proc/PID/stat in a loop (neither may hang). Both stress-ng runs
# succeed, no violation event, violations_total 0, a clean force-run per
# level.
# plan: 16
# no-autoload
# qemu-mem: 1G
# timeout: 480
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
ok "insmod clkrg.ko" insmod "$CLKRG_KO"
set_knob ratelimit_interval=0
since=$(next_seq)
mkdir -p /tmp/sng-root /tmp/sng-nobody
chown 65534:65534 /tmp/sng-nobody

SNG="--timeout 20s --unshare 2 --clone 1 --clone-max 16 --fork 1 --vfork 1
--exec 1 --exec-max 8 --set 1 --cap 1 --seccomp 1 --ptrace 1 --personality 1
--prctl 1 --procfs 1 --rlimit 1 --metrics-brief"

# The stress-ng tasks still there: state, wait channel, kernel stack.
hang_report() {
	for _p in /proc/[0-9]*; do
		_c=$(cat "$_p/comm" 2>/dev/null) || continue
		case $_c in stress-ng*) ;; *) continue ;; esac
		echo "${_p#/proc/} $_c state $(cut -d' ' -f3 "$_p/stat" 2>/dev/null)" \
			"wchan $(cat "$_p/wchan" 2>/dev/null)"
		sed 's/^/    /' "$_p/stack" 2>/dev/null | head -n 12
	done
}

# sng DIR LOG [run-as prefix...]: stress-ng from DIR, log in LOG. It stops
# itself after 20 s; one still running after SNG_LIMIT s has hung: what its
# tasks wait on is printed (in the log and here), then it is killed.
SNG_LIMIT=150
sng() {
	_dir=$1
	_log=$2
	shift 2
	# shellcheck disable=SC2086 # the options are words
	(cd "$_dir" && exec "$@" stress-ng --temp-path "$_dir" $SNG) >"$_log" 2>&1 &
	_pid=$!
	_t=0
	while kill -0 "$_pid" 2>/dev/null && [ "$_t" -lt "$SNG_LIMIT" ]; do
		sleep 1
		_t=$((_t + 1))
	done
	if kill -0 "$_pid" 2>/dev/null; then
		{ echo "stress-ng ($*) still running after $SNG_LIMIT s:"
		  hang_report; } | tee -a "$_log" | sed 's/^/# /'
		kill -9 "$_pid"
	fi
	_rc=0
	wait "$_pid" || _rc=$?
	grep -E 'successful run|skipped|failed|killed|signal' "$_log" | head -n 20
	return "$_rc"
}
# ps may fail on a process that vanishes under it; it must not hang.
readers() {
	while [ ! -e /tmp/readers.stop ]; do
		_rc=0
		timeout 60 ps >/dev/null 2>&1 || _rc=$?
		[ "$_rc" -lt 124 ] || { echo "ps hung or was killed ($_rc)"; return 1; }
		timeout 60 cat /proc/[0-9]*/stat >/dev/null 2>&1 || _rc=$?
		[ "$_rc" -lt 124 ] || { echo "reading /proc/PID/stat hung ($_rc)"; return 1; }
	done
}
for level in current paranoid; do
	set_knob "pint_validate=$level"
	rm -f /tmp/readers.stop
	readers >/tmp/readers.out 2>&1 &
	rd=$!
	sng /tmp/sng-nobody /tmp/sng-nobody.log "$LEGIT" run-as 65534 65534 &
	nb=$!
	ok "$level: stress-ng as root" sng /tmp/sng-root /tmp/sng-root.log
	nrc=0
	wait "$nb" || nrc=$?
	diag "$(grep -hE 'skipped|successful' /tmp/sng-root.log /tmp/sng-nobody.log)"
	is "$nrc" 0 "$level: stress-ng as nobody exits 0"
	[ "$nrc" -eq 0 ] || sed -n '1,30s/^/#   /p' /tmp/sng-nobody.log
	touch /tmp/readers.stop
	ok "$level: ps and /proc/PID/stat readers never hung" wait "$rd"
	[ ! -s /tmp/readers.out ] || diag "$(cat /tmp/readers.out)"
	expect_no_violation "$since" "$level: no violation event"
	force_run_clean "$level, after the stress"
done
is "$(status_field violations_total)" 0 "violations_total is 0"
dmesg_clean
