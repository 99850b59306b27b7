# shellcheck shell=sh
# The rate limit of repeated identical violations (knobs ratelimit_burst,
# ratelimit_interval): with one patched .text byte (clkrg_tamper.ko),
# burst 2 and a 3600 s window, 5 force-runs give exactly 2 violation
# records for that block and events_suppressed +3, and the kernel log has
# exactly 2 ALERT lines for it (none for the suppressed ones). When the
# window has passed (interval lowered to 1 s) the next record carries
# suppressed=3, in the record and in its log line. ratelimit_interval=0
# passes every record. Refused module loads are limited per user (a flood
# of new processes of one user is one key; another user has its own) and
# the count rides on that user's next record (rl_tasks).
# plan: 34
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

# text_events SEQ: violation records of .text with seq >= SEQ
text_events() {
	events_since "$1" | select_events type=violation name=.text
}
count_lines() {
	if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | wc -l; fi
}
alerts() {
	kernel_log | grep -c 'clkrg: ALERT: .*\.text' || true
}

expect_exit 0 lkrg-cli policy set kint_validate=1
ok "insmod clkrg_tamper.ko" tamper_load
# the check the module load triggered is over before the byte changes
expect_exit 0 lkrg-cli force-run
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 0 lkrg-cli policy set ratelimit_burst=2
expect_exit 0 lkrg-cli policy set ratelimit_interval=3600
since=$(next_seq)
sup0=$(status_field events_suppressed)
al0=$(alerts)

n=0
while [ $n -lt 5 ]; do
	lkrg-cli force-run >/dev/null 2>&1 || true
	n=$((n + 1))
done
evs=$(text_events "$since")
is "$(count_lines "$evs")" 2 "5 force-runs with burst 2: exactly 2 violation records for the block"
is "$(($(status_field events_suppressed) - ${sup0:-0}))" 3 "events_suppressed rose by 3"
is "$(($(alerts) - al0))" 2 "the kernel log has 2 ALERT lines for it, none for the suppressed"
is "$(json_field "$(printf '%s\n' "$evs" | tail -n 1)" suppressed)" 0 \
	"the 2 passing records carry suppressed=0"

# the window restarts once the interval has passed since its start
expect_exit 0 lkrg-cli policy set ratelimit_interval=1
sleep 2
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
evs=$(text_events "$since")
is "$(count_lines "$evs")" 1 "after the window: the next check passes 1 record"
is "$(json_field "$evs" suppressed)" 3 "it carries suppressed=3"
like "$(kernel_log | grep 'clkrg: ALERT: .*\.text' | tail -n 1)" ' suppressed=3( |$)' \
	"its ALERT line says suppressed=3"
is "$(($(status_field events_suppressed) - ${sup0:-0}))" 3 "events_suppressed still +3"

# interval 0: no limit, every identical record passes
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
since=$(next_seq)
sup1=$(status_field events_suppressed)
n=0
while [ $n -lt 4 ]; do
	lkrg-cli force-run >/dev/null 2>&1 || true
	n=$((n + 1))
done
is "$(count_lines "$(text_events "$since")")" 4 "ratelimit_interval=0: 4 force-runs, 4 records"
is "$(status_field events_suppressed)" "$sup1" "ratelimit_interval=0: events_suppressed unchanged"

ok "restore the byte" tamper_restore
expect_exit 0 lkrg-cli rebaseline

# refused module loads: the key names the task (no check per refused
# load, no log line per record)
expect_exit 0 lkrg-cli policy set kint_validate=0
expect_exit 0 lkrg-cli policy set log_level=0
expect_exit 0 lkrg-cli policy set ratelimit_burst=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=3600
expect_exit 0 lkrg-cli block-modules on
# an unsigned test module: no signature check per attempt
run_tap rl_tasks /lib/tests/bin/rl_tasks /lib/clkrg/test/clkrg_storm.ko 3 8
expect_exit 0 lkrg-cli block-modules off
dmesg_clean
