# shellcheck shell=sh
# Exploit detection, negative twin: an exec storm. 2000 fork+exec of
# /bin/true as root; two storms of 500 in parallel as nobody and alice;
# 300 execs of a setuid-root copy of busybox by nobody (credentials change
# at exec). No violation event, and a clean force-run afterwards.
# plan: 7
# timeout: 400
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

cp /bin/busybox /tmp/true
chown 0:0 /tmp/true
chmod 4755 /tmp/true
since=$(next_seq)

t0=$(date +%s)
ok "2000 fork+exec of /bin/true as root" "$LEGIT" exec-storm 2000
diag "$(cat "$OUT_FILE") in $(($(date +%s) - t0)) s"

parallel() {
	"$LEGIT" run-as 65534 65534 "$LEGIT" exec-storm 500 >/tmp/storm1.out 2>&1 &
	_a=$!
	"$LEGIT" run-as 1000 1000 "$LEGIT" exec-storm 500 >/tmp/storm2.out 2>&1 &
	_b=$!
	_rc=0
	wait "$_a" || _rc=1
	wait "$_b" || _rc=1
	cat /tmp/storm1.out /tmp/storm2.out
	return "$_rc"
}
ok "2 x 500 fork+exec in parallel, as nobody and as alice" parallel
ok "300 execs of a setuid-root busybox (as true) by nobody" \
	"$LEGIT" run-as 65534 65534 "$LEGIT" exec-storm 300 /tmp/true
expect_no_violation "$since" "no violation event during the storms"
force_run_clean "after the exec storms"
is "$(status_field violations_total)" 0 "violations_total is 0"
dmesg_clean
