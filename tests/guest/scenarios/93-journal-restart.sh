# shellcheck shell=sh
# clkrg-journald with its file sink (the journal's export format; the
# guest has no journald): every event one entry with structured fields. A
# real .text violation (clkrg_tamper.ko) and a policy change carry their
# object, location, task and expected/actual values. Stopped (SIGTERM)
# and restarted twice while events keep coming (clkrg_storm bursts), the
# writer leaves every sequence number of the module exactly once: no gap,
# no repeat; its cursor file names the instance and the next record.
# plan: 31
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh
# shellcheck source=tests/guest/journal.sh
. /lib/tests/journal.sh

J=/tmp/clkrg.export
CUR=/tmp/state/journald.cursor
burst() {
	echo "$1" >/sys/module/clkrg_storm/parameters/burst
}

ok "insmod clkrg.ko test_hooks=1 kint_validate=1 log_level=2" \
	insmod "$CLKRG_KO" test_hooks=1 kint_validate=1 log_level=2
ok "insmod clkrg_storm.ko" insmod /lib/clkrg/test/clkrg_storm.ko
ok "insmod clkrg_tamper.ko" tamper_load
expect_exit 0 lkrg-cli force-run
instance=$(status_field instance)

j_start "$J" "$CUR"
ok "the writer catches up with the history" wait_for 60 j_caught_up "$J"
note=$(j_entry "$J" CLKRG_TYPE=note)
like "$(j_field "$note" MESSAGE)" "no cursor $CUR: starting at the oldest retained event" \
	"first run: a note says it starts at the oldest event"

# a real violation and an admin change, while it runs
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 1 lkrg-cli force-run
ok "restore the byte" tamper_restore
expect_exit 0 lkrg-cli policy set heartbeat=1
ok "caught up" wait_for 60 j_caught_up "$J"
v=$(j_entry "$J" CLKRG_TYPE=violation)
is "$(j_field "$v" CLKRG_OBJECT)/$(j_field "$v" CLKRG_NAME)" "ktext/.text" "violation entry: object ktext, name .text"
like "$(j_field "$v" CLKRG_LOCATION)" "^__x64_sys_acct\+0x[0-9a-f]+/0x[0-9a-f]+$" "violation entry: its location"
is "$(j_field "$v" PRIORITY)/$(j_field "$v" CLKRG_SEVERITY)" "1/alert" "violation entry: PRIORITY 1, severity alert"
is "$(j_field "$v" CLKRG_INSTANCE)" "$instance" "violation entry: the module's instance"
like "$(j_field "$v" CLKRG_JSON)" '"type":"violation"' "violation entry: the whole record as JSON"
a=$(j_entry "$J" CLKRG_NAME=heartbeat)
is "$(j_field "$a" CLKRG_TYPE)/$(j_field "$a" CLKRG_COMM)/$(j_field "$a" CLKRG_UID)" \
	"admin/lkrg-cli/0" "admin entry: the task that changed heartbeat"
is "$(j_field "$a" CLKRG_EXPECTED_VALUE)->$(j_field "$a" CLKRG_ACTUAL_VALUE)" "0x0->0x1" \
	"admin entry: expected/actual values"
like "$(j_field "$a" CLKRG_PID)" '^[0-9]+$' "admin entry: its pid"

# stopped, events meanwhile, restarted: twice
burst 40
ok "caught up with a burst" wait_for 60 j_caught_up "$J"
j_stop
is "$J_RC" 0 "SIGTERM: the writer exits 0"
is "$(cat "$CUR")" "$instance $(next_seq)" "the cursor names the instance and the next record"
burst 100
j_start "$J" "$CUR"
burst 60
ok "restarted: caught up" wait_for 90 j_caught_up "$J"
j_stop
burst 30
j_start "$J" "$CUR"
ok "restarted again: caught up" wait_for 90 j_caught_up "$J"
j_stop
is "$J_RC" 0 "SIGTERM again: exit 0"
is "$(j_lost "$J" | grep -c . || true)" 0 "no range was lost"
j_check_cover "$J" "three runs"
is "$(grep -c '^CLKRG_TYPE=note$' "$J")" 1 "one note: the first start; the restarts resumed"
is "$(cat /tmp/journald.err)" "clkrg-journald: no cursor $CUR: starting at the oldest retained event" \
	"the writer's stderr: that note, no error"
ok "rmmod clkrg_storm" rmmod clkrg_storm
dmesg_clean
