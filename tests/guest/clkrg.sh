# shellcheck shell=sh
# Helpers around lkrg-cli and the module for scenarios. Sourced after lib.sh.
#   status_field FIELD        field of "lkrg-cli --json status", or ""
#   next_seq                  sequence number the next event will get
#   events_since SEQ          "--json events" lines with seq >= SEQ
#   select_events F=V...      stdin JSON lines matching every F=V
#   module_loaded NAME        NAME is in /proc/modules
#   run_as_pid FILE CMD...    runs CMD with its pid written to FILE first
#   expect_event SINCE DESC F=V...  one result: an event since SINCE that
#                             matches every F=V; EVENT is set to it
#   count_events SINCE F=V... how many events since SINCE match

# shellcheck disable=SC2034 # used by the scenarios
CLKRG_KO=/lib/clkrg/clkrg.ko
# shellcheck disable=SC2034
REAL_MODULE_DIR=/lib/modules/$(uname -r)/kernel/lib

status_field() {
	json_field "$(timeout 10 lkrg-cli --json status 2>/dev/null || true)" "$1"
}

next_seq() {
	status_field events_produced
}

events_since() {
	timeout 10 lkrg-cli --json events 2>/dev/null >/tmp/events.json || true
	while IFS= read -r _ev; do
		_seq=$(json_field "$_ev" seq)
		case $_seq in
		'' | *[!0-9]*) continue ;;
		esac
		[ "$_seq" -ge "$1" ] && printf '%s\n' "$_ev"
	done </tmp/events.json
	return 0
}

select_events() {
	_sel=$(cat)
	for _kv in "$@"; do
		_sel=$(printf '%s\n' "$_sel" | json_lines_where "${_kv%%=*}" "${_kv#*=}")
	done
	[ -z "$_sel" ] || printf '%s\n' "$_sel"
}

module_loaded() {
	grep -q "^$1 " /proc/modules
}

run_as_pid() {
	_pidfile=$1
	shift
	sh -c 'echo $$ >"$0"; exec "$@"' "$_pidfile" "$@"
}

expect_event() {
	_ee_since=$1
	_ee_desc=$2
	shift 2
	EVENT=$(events_since "${_ee_since:-0}" | select_events "$@" | head -n 1)
	if [ -n "$EVENT" ]; then
		pass "$_ee_desc"
	else
		fail "$_ee_desc" "no event since ${_ee_since:-?} with $*"
		diag_events
	fi
}

count_events() {
	_ce_since=$1
	shift
	events_since "${_ce_since:-0}" | select_events "$@" | grep -c . || true
}

# Diagnostics for a failed event assertion: the events read.
diag_events() {
	diag "events read (lkrg-cli --json events):"
	sed -n '1,30s/^/#   /p' /tmp/events.json
}
