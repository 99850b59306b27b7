# shellcheck shell=sh
# clkrg-journald when records are gone: stopped while 200 records pass a
# 64-slot ring, the restarted writer logs the exact range it lost as a
# LOST entry (PRIORITY 4) and then every retained record; killed with
# SIGKILL during a burst, the next run loses nothing silently (each seq
# written or inside a logged lost range; a repeat is allowed only after
# a crash); with a cursor of an unloaded module instance, a note says so
# and the new instance is written from its first record; an unreadable
# cursor file is noted, not fatal.
# plan: 25
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/journal.sh
. /lib/tests/journal.sh

J=/tmp/clkrg.export
CUR=/tmp/state/journald.cursor
burst() {
	echo "$1" >/sys/module/clkrg_storm/parameters/burst
}
load() {
	insmod "$CLKRG_KO" test_hooks=1 event_slots=64 kint_validate=1 log_level=2
}

ok "insmod clkrg.ko test_hooks=1 event_slots=64" load
ok "insmod clkrg_storm.ko" insmod /lib/clkrg/test/clkrg_storm.ko
j_start "$J" "$CUR"
ok "the writer catches up" wait_for 60 j_caught_up "$J"
j_stop
first_missing=$(next_seq)

# stopped while the ring turns over
burst 200
produced=$(last_seq)
expect_exit 0 clkrg-journald --once --output "$J" --cursor "$CUR"
is "$(j_lost "$J")" "$first_missing $((produced - 64 - first_missing + 1))" \
	"one LOST entry: seq $first_missing.. up to the oldest retained record"
l=$(j_entry "$J" CLKRG_TYPE=lost)
is "$(j_field "$l" PRIORITY)" 4 "the LOST entry has PRIORITY 4 (warning)"
like "$(j_field "$l" MESSAGE)" "^LOST [0-9]+ events \(seq $first_missing\.\.$((produced - 64))\)$" \
	"and says which range"
is "$(j_seqs "$J" | tail -n 64 | head -n 1)" "$((produced - 63))" "then every retained record"
j_check_cover "$J" "after the ring turned over"

# SIGKILL in the middle of a burst: nothing lost silently
j_start "$J" "$CUR"
burst 300
kill -KILL "$J_PID"
{ wait "$J_PID"; } 2>/dev/null || true
expect_exit 0 clkrg-journald --once --output "$J" --cursor "$CUR"
ok "caught up after the crash" j_caught_up "$J"
j_seqs "$J" | sort -n | uniq -d >/tmp/j.repeated
diag "records written again after SIGKILL: $(grep -c . /tmp/j.repeated || true)"
# the check of distinct seqs, repeats after a crash aside
j_seqs "$J" | awk '!seen[$0]++' >/tmp/j.distinct
produced=$(last_seq)
{
	cat /tmp/j.distinct
	j_lost "$J" | while read -r f c; do
		i=0
		while [ "$i" -lt "$c" ]; do
			echo $((f + i))
			i=$((i + 1))
		done
	done
} | sort -nu >/tmp/j.all
is "$(grep -c . /tmp/j.all)/$(head -n 1 /tmp/j.all)/$(tail -n 1 /tmp/j.all)" "$produced/1/$produced" \
	"every seq 1..$produced written or logged lost"

# the module loaded again: the cursor's instance is gone
old=$(status_field instance)
ok "shutdown" lkrg-cli shutdown
ok "rmmod clkrg" rmmod clkrg
ok "insmod clkrg.ko again" load
new=$(status_field instance)
burst 5
: >"$J"
expect_exit 0 clkrg-journald --once --output "$J" --cursor "$CUR"
n=$(j_entry "$J" CLKRG_TYPE=note)
like "$(j_field "$n" MESSAGE)" "clkrg was reloaded: events of instance $old from seq [0-9]+ on were not written" \
	"a note: the old instance's remaining events are gone"
is "$(j_field "$n" PRIORITY)" 4 "as a warning"
is "$(j_seqs "$J" | head -n 1)" 1 "the new instance from its first record"
is "$(j_field "$(j_entry "$J" CLKRG_SEQ=1)" CLKRG_INSTANCE)" "$new" "of the new instance"
j_check_cover "$J" "new instance"

# an unreadable cursor: noted, and a fresh start
echo garbage >"$CUR"
: >"$J"
expect_exit 0 clkrg-journald --once --output "$J" --cursor "$CUR"
like "$(j_field "$(j_entry "$J" CLKRG_TYPE=note)" MESSAGE)" "cursor $CUR unreadable: starting at the oldest" \
	"an unreadable cursor is noted"
ok "rmmod clkrg_storm" rmmod clkrg_storm
dmesg_clean
