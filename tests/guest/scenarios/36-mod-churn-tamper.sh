# shellcheck shell=sh
# Module guard, the twin of the negative twins: module churn must not mask
# a real change. One byte of core .text (__x64_sys_acct+0x40, by
# clkrg_tamper.ko) is patched, then real Debian modules are loaded and
# unloaded for 4 rounds: every round's force-runs, with the modules in and
# out, exit 1 with a kernel/ktext ".text" event made in that round. The
# restored byte is clean again. The same with a byte of crc7's text (by
# clkrg_modtamper.ko) while the other real modules come and go: crc7 stays
# tracked and reported each round, and no other module is named.
# plan: 21
# timeout: 240
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

CHURN="crc_itu_t crc16 crc8 libarc4 cordic md4"

# churn_force_run WHEN OBJECT NAME: force-run exits 1 and its check made a
# violation event with OBJECT and NAME (found by check_id with grep: the
# event log grows by the round, json_field per event would be slow).
churn_force_run() {
	_rc=0
	lkrg-cli force-run >/tmp/churn.out 2>&1 || _rc=$?
	[ "$_rc" -eq 1 ] || { echo "$1: force-run exit $_rc"; return 1; }
	_id=$(sed -n 's/^check #\([0-9]*\) .*/\1/p' /tmp/churn.out)
	timeout 10 lkrg-cli --json events 2>/dev/null |
		grep -F "\"check_id\":$_id," | grep -F "\"type\":\"violation\"" |
		grep -F "\"object\":\"$2\"" | grep -qF "\"name\":\"$3\"" ||
		{ echo "$1: check $_id made no $2 event '$3'"; return 1; }
}

# churn ROUNDS OBJECT NAME: each round loads the CHURN modules, force-runs,
# unloads them and force-runs again; each force-run must report OBJECT
# NAME.
churn() {
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_i=$((_i + 1))
		for _m in $CHURN; do
			insmod "$(real_ko "$_m")" || { echo "round $_i: insmod $_m"; return 1; }
		done
		churn_force_run "round $_i, loaded" "$2" "$3" || return 1
		for _m in $CHURN; do
			rmmod "$_m" || { echo "round $_i: rmmod $_m"; return 1; }
		done
		churn_force_run "round $_i, unloaded" "$2" "$3" || return 1
	done
}

# Checks only on demand and on module events; every event passes.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_tamper.ko" tamper_load
ok "insmod clkrg_modtamper.ko" mt_load
ok "insmod crc7" insmod "$(real_ko crc7)"
force_run_clean "before the attacks"

ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
ok "4 rounds of module churn: the .text byte reported in each" \
	churn 4 ktext .text
expect_exit 1 lkrg-cli force-run
ok "restore __x64_sys_acct+0x40" tamper_restore
force_run_clean "core byte restored"

since=$(next_seq)
ok "patch crc7:crc7_be+0x10" mt_patch crc7 crc7_be 0x10 poke
addr=$(mt_info address)
ok "4 rounds of module churn: crc7 reported in each" \
	churn 4 module crc7
expect_module_event "$since" module crc7
expect_covers "$addr"
expect_only_module "$since" crc7
ok "restore crc7:crc7_be+0x10" mt_restore
force_run_clean "crc7 restored"
ok "rmmod crc7 clkrg_modtamper clkrg_tamper" rmmod crc7 clkrg_modtamper clkrg_tamper
force_run_clean "all unloaded"
dmesg_clean
