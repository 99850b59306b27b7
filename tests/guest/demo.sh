# shellcheck shell=sh
# "make demo" (tests/kernel-suite.sh --demo): flips one byte of a kernel
# function with clkrg_tamper.ko and shows what clkrg reports. The
# transcript goes out as TAP diagnostics; the host prints it.
# plan: 6
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

# show EXPECTED_EXIT CMD...: prints "$ CMD", its output and exit status.
show() {
	_want=$1
	shift
	diag "" "\$ $*"
	_rc=0
	"$@" >/tmp/show.out 2>&1 || _rc=$?
	sed 's/^/# /' /tmp/show.out
	diag "(exit $_rc)"
	is "$_rc" "$_want" "$* exits $_want"
}

show 0 lkrg-cli status
show 0 lkrg-cli force-run
tamper_load
tamper_patch text __x64_sys_acct 0x40
diag "" "### clkrg_tamper.ko flipped one byte of kernel .text:" \
	"### $(cat "$TAMPER_PARAMS/patched")"
show 1 lkrg-cli force-run
diag "" "\$ lkrg-cli events | tail -n 3"
lkrg-cli events 2>&1 | tail -n 3 | sed 's/^/# /'
diag "" "\$ lkrg-cli --json events | tail -n 1"
lkrg-cli --json events 2>&1 | tail -n 1 | sed 's/^/# /'
diag "" "\$ dmesg | grep 'clkrg: ALERT'"
kernel_log | grep 'clkrg: ALERT' | sed 's/^/# /'
tamper_restore
diag "" "### byte restored; accepting the current state as the baseline"
show 0 lkrg-cli rebaseline
show 0 lkrg-cli force-run
dmesg_clean
