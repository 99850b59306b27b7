# shellcheck shell=sh
# Helpers for clkrg-journald's file sink (the journal export format: one
# KEY=value line per field, an empty line after each entry). Sourced after
# lib.sh and clkrg.sh.
#   j_start FILE CURSOR      runs clkrg-journald in the background; J_PID
#   j_stop                   SIGTERM, then its exit status in J_RC
#   j_seqs FILE              CLKRG_SEQ of every event entry, in order
#   j_entry FILE KEY=VALUE   the first entry that has that field, one
#                            field a line
#   j_field ENTRY KEY        a field's value in such an entry
#   last_seq                 the sequence number of the newest event
#   j_caught_up FILE         the file has the module's newest event
#   j_lost FILE              "FIRST COUNT" of every LOST entry
#   j_check_cover FILE       one result: every seq 1..produced is written
#                            or inside a logged lost range, none twice

j_start() {
	clkrg-journald --output "$1" --cursor "$2" 2>>/tmp/journald.err &
	J_PID=$!
}

# shellcheck disable=SC2034 # J_RC is read by the scenarios
j_stop() {
	kill -TERM "$J_PID"
	J_RC=0
	wait "$J_PID" || J_RC=$?
}

j_seqs() {
	awk '/^CLKRG_SEQ=/ { seq = substr($0, 11) }
	     /^CLKRG_TYPE=/ { type = substr($0, 12) }
	     /^$/ { if (type != "lost" && type != "note" && seq != "") print seq; seq = ""; type = "" }' "$1"
}

j_entry() {
	awk -v want="$2" '/^$/ { if (hit) { printf "%s", e; exit } e = ""; next }
	     { e = e $0 "\n"; if ($0 == want) hit = 1 }' "$1"
}

j_field() {
	printf '%s\n' "$1" | sed -n "s/^$2=//p" | head -n 1
}

last_seq() {
	_next=$(next_seq)
	echo $((${_next:-0} - 1))
}

j_caught_up() {
	_last=$(j_seqs "$1" | tail -n 1)
	[ -n "$_last" ] && [ "$_last" = "$(last_seq)" ]
}

j_lost() {
	awk '/^CLKRG_LOST_FIRST_SEQ=/ { f = substr($0, 22) }
	     /^CLKRG_LOST_COUNT=/ { c = substr($0, 18) }
	     /^$/ { if (f != "") print f, c; f = ""; c = "" }' "$1"
}

j_check_cover() {
	_produced=$(last_seq)
	{
		j_seqs "$1"
		j_lost "$1" | while read -r _f _c; do
			_i=0
			while [ "$_i" -lt "$_c" ]; do
				echo $((_f + _i))
				_i=$((_i + 1))
			done
		done
	} | sort -n >/tmp/j.cover
	_dups=$(uniq -d </tmp/j.cover | head -n 5 | tr '\n' ' ')
	_n=$(sort -nu </tmp/j.cover | grep -c .)
	_min=$(head -n 1 /tmp/j.cover)
	_max=$(tail -n 1 /tmp/j.cover)
	if [ -z "$_dups" ] && [ "$_n" = "$_produced" ] && [ "$_min" = 1 ] &&
		[ "$_max" = "$_produced" ]; then
		pass "$2: seq 1..$_produced each written once or logged lost"
	else
		fail "$2: seq 1..$_produced each written once or logged lost" \
			"distinct $_n, min $_min, max $_max, repeated: ${_dups:-none}" \
			"lost ranges: $(j_lost "$1" | tr '\n' ';')"
	fi
}
