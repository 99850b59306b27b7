# shellcheck shell=sh
# Helpers around lkrg-cli and the module for scenarios. Sourced after lib.sh.
#   status_field FIELD        field of "lkrg-cli --json status", or ""
#   next_seq                  sequence number the next event will get; bails
#                             out (the scenario fails) when status cannot
#                             say
#   events_since SEQ          "--json events --since SEQ" lines; bails out
#                             when SEQ is not a number, lkrg-cli events
#                             fails, or events from SEQ on were lost (a
#                             "lost" record): an empty answer always means
#                             "none happened"
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
	_ns_rc=0
	timeout 10 lkrg-cli --json status >/tmp/next_seq.json 2>&1 || _ns_rc=$?
	_ns=$(json_field "$(cat /tmp/next_seq.json)" events_produced)
	case $_ns_rc:$_ns in
	0:[0-9]*) ;;
	*) bail "next_seq: lkrg-cli --json status exit $_ns_rc, events_produced '$_ns': $(head -c 300 /tmp/next_seq.json)" ;;
	esac
	case $_ns in
	*[!0-9]*) bail "next_seq: events_produced '$_ns' is not a number" ;;
	esac
	echo "$_ns"
}

events_since() {
	case ${1:-} in
	'' | *[!0-9]*) bail "events_since: the starting sequence number '${1:-}' is unknown" ;;
	esac
	_es_rc=0
	timeout 10 lkrg-cli --json events --since "$1" >/tmp/events.json 2>/tmp/events.err ||
		_es_rc=$?
	[ "$_es_rc" -eq 0 ] ||
		bail "events_since: lkrg-cli --json events --since $1: exit $_es_rc: $(head -c 300 /tmp/events.err)"
	while IFS= read -r _ev; do
		case $_ev in
		*'"type":"lost"'*)
			bail "events_since $1: events were lost: $_ev" ;;
		'{"seq":'[0-9]*) ;;
		*) bail "events_since $1: not an event: $_ev" ;;
		esac
		_seq=${_ev#'{"seq":'}
		_seq=${_seq%%[!0-9]*}
		[ "$_seq" -ge "$1" ] || bail "events_since $1: got seq $_seq"
		printf '%s\n' "$_ev"
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
	EVENT=$(events_since "$_ee_since" | select_events "$@" | head -n 1)
	if [ -n "$EVENT" ]; then
		pass "$_ee_desc"
	else
		fail "$_ee_desc" "no event since $_ee_since with $*"
		diag_events
	fi
}

count_events() {
	_ce_since=$1
	shift
	events_since "$_ce_since" | select_events "$@" | grep -c . || true
}

# Diagnostics for a failed event assertion: the events read.
diag_events() {
	diag "events read (lkrg-cli --json events):"
	sed -n '1,30s/^/#   /p' /tmp/events.json
}
