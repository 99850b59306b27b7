# shellcheck shell=sh
# Exploit detection of a task that has no shadow record, at the default
# levels. An unprivileged thread flood does not empty clkrg's record pool
# (a worker refills it; 71 makes 16 x 200 threads without one), so
# pint_attack empties it as an attacker who can write kernel memory would
# (POOL_DRAIN: clkrg's pool count := 0), then forks: the child gets no
# record (the "record pool empty" event names the parent), writes uid 0
# into its own cred (CRED_WRITE) and attacks the files. It is held to its
# parent's expected state: killed, canary intact, secret unread, task_cred
# "creds" (uid 65534 -> 0). The same with full capabilities (CAPS), and
# with a record lost instead: the child makes clkrg forget its record
# (RECORD_DROP), then CRED_WRITE. A last force-run is clean. 71 is the
# negative twin.
# plan: 23
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_vuln.ko" vuln_load
victim_files

parent_pid() {
	sed -n 's/^start .* pid=\([0-9]*\).*/\1/p' "$ATTACK_OUT"
}

since=$(next_seq)
attack CRED_WRITE --drain --fork-before
pool_dry_event "$since" "$(parent_pid)"
judge_killed "$since" CRED_WRITE task_cred creds
expect_value uid 65534 0
expect_value euid 65534 0

since=$(next_seq)
attack CAPS --drain --fork-before
pool_dry_event "$since" "$(parent_pid)"
judge_killed "$since" CAPS task_cred creds
expect_value cap_effective 0 0x1ffffffffff

since=$(next_seq)
attack CRED_WRITE --fork-before --drop-record
like "$(cat "$ATTACK_OUT")" 'record_drop=ok' "RECORD_DROP: clkrg lost the child's record"
judge_killed "$since" CRED_WRITE task_cred creds
expect_value uid 65534 0

force_run_clean "after the attacks"
dmesg_clean
