#!/bin/sh
# lkrg-respond.sh: what an admin's periodic job could be, with lkrg-cli and
# nothing else from clkrg.
#
#   lkrg-respond.sh check DIR     detect: run a check, read the events
#                                 since the sequence number saved in
#                                 DIR/next-seq (JSON); on violations act:
#                                 refuse module loads, accept the running
#                                 kernel as the baseline, wait for a clean
#                                 check
#   lkrg-respond.sh recover DIR   allow module loads again, wait for a
#                                 clean check
#
# Exit 0: clean (or recovered); 10: an incident was handled; 20: lkrg-cli
# answered with an exit code the script did not expect (named on stderr).
# DIR/log has every lkrg-cli command with its exit code, DIR/events.jsonl
# the events this run read.
set -u

die() {
	echo "lkrg-respond: $*" >&2
	exit 20
}

# cli CODE... -- ARGS: lkrg-cli ARGS must exit with one of the CODEs.
# Its output is in $dir/out and $dir/err, its exit code in $RC.
cli() {
	_want=
	while [ "$1" != "--" ]; do
		_want="$_want $1"
		shift
	done
	shift
	RC=0
	lkrg-cli "$@" >"$dir/out" 2>"$dir/err" || RC=$?
	echo "lkrg-cli $* -> $RC" >>"$dir/log"
	for _c in $_want; do
		[ "$RC" -eq "$_c" ] && return 0
	done
	die "lkrg-cli $* exited $RC (expected$_want): $(cat "$dir/err")"
}

# field NAME: a top-level number or string of the JSON object on stdin.
field() {
	sed -n "s/^{.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -n 1
}

# The sequence number after the last record of events.jsonl: a LOST
# record covers first_seq..first_seq+count-1.
next_after() {
	_next=$1
	while IFS= read -r _ev; do
		if [ "$(echo "$_ev" | field type)" = lost ]; then
			_n=$(($(echo "$_ev" | field first_seq) + $(echo "$_ev" | field count)))
		else
			_n=$(($(echo "$_ev" | field seq) + 1))
		fi
		[ "$_n" -gt "$_next" ] && _next=$_n
	done <"$dir/events.jsonl"
	echo "$_next"
}

check() {
	# 0: the oldest retained event, the first time
	since=$(cat "$dir/next-seq" 2>/dev/null || echo 0)
	cli 0 1 -- --json force-run
	found=$RC
	cli 0 -- --json events --since "$since"
	cp "$dir/out" "$dir/events.jsonl"
	next_after "$since" >"$dir/next-seq.new"
	mv "$dir/next-seq.new" "$dir/next-seq"
	violations=$(grep -c '"type":"violation"' "$dir/events.jsonl")
	if [ "$found" -eq 0 ] && [ "$violations" -eq 0 ]; then
		echo "clean: no violation since event $since"
		exit 0
	fi
	echo "incident: the check found violations ($found), $violations violation events since $since:"
	grep '"type":"violation"' "$dir/events.jsonl" |
		sed 's/.*"object":"\([^"]*\)".*"name":"\([^"]*\)".*"location":"\([^"]*\)".*/  \1 \2 at \3/'
	cli 0 -- block-modules on
	cli 0 -- --json block-modules
	[ "$(field block_modules <"$dir/out")" = on ] || die "module loads are not refused"
	cli 0 -- --json rebaseline
	echo "module loads refused; baseline generation $(field generation <"$dir/out") accepted"
	# the next check after the rebaseline must pass
	cli 0 -- wait-clean --timeout 30
	cat "$dir/out"
	exit 10
}

recover() {
	cli 0 -- block-modules off
	cli 0 -- wait-clean --timeout 30
	echo "recovered: module loads allowed; $(cat "$dir/out")"
	exit 0
}

[ $# -eq 2 ] || die "usage: lkrg-respond.sh check|recover DIR"
dir=$2
mkdir -p "$dir" || die "cannot create $dir"
case $1 in
check) check ;;
recover) recover ;;
*) die "usage: lkrg-respond.sh check|recover DIR" ;;
esac
