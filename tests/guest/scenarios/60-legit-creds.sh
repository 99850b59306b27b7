# shellcheck shell=sh
# Exploit detection, negative twin of the credential attacks (51, 52, 54):
# credentials changed the legitimate ways are no violation. As root,
# busybox su to nobody and to alice; a login-style drop (setgroups,
# setresgid, setresuid, exec) to bob; a setuid-root binary run by alice
# (euid 0, reads /root/secret, seteuid down and back up through the saved
# uid, then drops for good); setresuid to 65534 from a process of 16
# threads (glibc broadcasts it to every thread); capset (bounding set
# drop, effective set cleared and restored, a permitted capability
# dropped; the sets that result are asserted, and a check runs while a
# task holds them); then 20 rounds of all that. No violation event, and a
# clean force-run afterwards.
# plan: 16
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

victim_files
cp "$LEGIT" /tmp/suid-legit
chown 0:0 /tmp/suid-legit
chmod 4755 /tmp/suid-legit
since=$(next_seq)

su_round() {
	[ "$(su -s /bin/sh nobody -c 'id -u')" = 65534 ] || return 1
	[ "$(su -s /bin/sh alice -c 'id -u; id -g' | tr '\n' ' ')" = "1000 1000 " ] || return 1
	[ "$(run_login)" = "uid=1001(bob) gid=1001(bob)" ] || return 1
	"$LEGIT" run-as 1000 1000 /tmp/suid-legit suid >/dev/null || return 1
	"$LEGIT" setxid-threads 16 65534 >/dev/null || return 1
	"$LEGIT" capset >/dev/null
}

run_login() {
	"$LEGIT" run-as 1001 1001 id | sed 's/ groups=.*//'
}

is "$(su -s /bin/sh nobody -c 'id -u')" 65534 "busybox su (as root) to nobody: uid 65534"
is "$(su -s /bin/sh alice -c 'id -u')" 1000 "busybox su (as root) to alice: uid 1000"
is "$(run_login)" "uid=1001(bob) gid=1001(bob)" "login-style drop to bob: setgroups, setresgid, setresuid, exec id"
ok "setuid-root binary run by alice: euid 0, reads /root/secret, drops" \
	"$LEGIT" run-as 1000 1000 /tmp/suid-legit suid
diag "$(sed 's/^/suid: /' "$OUT_FILE")"
ok "setresuid to 65534 from 16 threads, each thread switched" \
	"$LEGIT" setxid-threads 16 65534
ok "capset: bounding drop, effective cleared and restored, permitted drop" \
	"$LEGIT" capset
like "$(cat "$OUT_FILE")" 'capset: CAP_NET_RAW dropped, CapPrm 000001ffffffdfff' \
	"capset: CAP_NET_RAW (bit 13) left the permitted set, nothing else"
like "$(cat "$OUT_FILE")" 'capset: CapBnd 000001fffffeffff' \
	"capset: CAP_SYS_MODULE (bit 16) left the bounding set"
# A check while a task holds the dropped sets: its record followed them.
rm -f /tmp/capset.go
"$LEGIT" capset /tmp/capset.go >/tmp/capset.out 2>&1 &
held=$!
ok "a task holds its permitted and bounding drops" wait_for 20 grep -q '^capset: holding' /tmp/capset.out
force_run_clean "while a task holds its permitted drop"
touch /tmp/capset.go
hrc=0
wait "$held" || hrc=$?
is "$hrc" 0 "the holding task exits 0"
rounds() {
	_i=0
	while [ "$_i" -lt 20 ]; do
		_i=$((_i + 1))
		su_round || { echo "round $_i failed"; return 1; }
	done
}
ok "20 rounds of su, login, setuid binary, threaded setresuid, capset" rounds
expect_no_violation "$since" "no violation event since the first change"
force_run_clean "after the credential changes"
is "$(cat /root/secret)" "$SECRET_TEXT" "/root/secret unchanged"
dmesg_clean
