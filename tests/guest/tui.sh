# shellcheck shell=sh
# tmux helpers for the lkrg-top tests, in the guest (busybox ash) and on
# the host (tests/unit/host_tools.sh). The screen is what a person sees:
# tmux runs lkrg-top in a pane of a chosen size and capture-pane reads it.
# Each NAME gets a tmux server of its own, so sizes never interfere, and
# its pane stays after the program exits so that its last screen and exit
# status can be read.
#   tui_start NAME COLS ROWS CMD        a detached session running CMD
#                                       (a shell command line)
#   tui_keys NAME KEY...                tmux send-keys (names like Enter,
#                                       Space, BSpace, Escape, or text)
#   tui_capture NAME                    the pane's text on stdout
#   tui_wait NAME ERE [SECONDS]         0 once the pane matches ERE (5 s by
#                                       default); the last capture is in
#                                       $TUI_SHOT either way
#   tui_gone NAME ERE [SECONDS]         0 once the pane no longer matches
#   tui_resize NAME COLS ROWS           resize the window (the program gets
#                                       SIGWINCH)
#   tui_pid NAME                        the pid running in the pane
#   tui_alive NAME                      the program still runs
#   tui_exit NAME                       its exit status once it ended
#                                       ("signal N" when killed)
#   tui_stop NAME                       kill the session and its server
# TUI_SOCK prefixes the servers' names; TUI_SHOT is a file.

TUI_SOCK=${TUI_SOCK:-clkrg-tui}
TUI_SHOT=${TUI_SHOT:-/tmp/tui.shot}

# tmux wants a terminfo entry for its own TERM even when detached; the
# panes get tmux's default-terminal (tmux-256color).
tui_tmux() {
	_tn=$1
	shift
	TERM=screen tmux -L "$TUI_SOCK-$_tn" -f /dev/null "$@"
}

tui_start() {
	_ts=$1
	_tc=$2
	_tr=$3
	shift 3
	tui_tmux "$_ts" new-session -d -s "$_ts" -x "$_tc" -y "$_tr" "$*" \; \
		set-option -t "$_ts" remain-on-exit on
}

tui_keys() {
	_ts=$1
	shift
	tui_tmux "$_ts" send-keys -t "$_ts" "$@"
}

tui_capture() {
	tui_tmux "$1" capture-pane -p -t "$1"
}

# tui_match NAME ERE: one capture into $TUI_SHOT, then grep.
tui_match() {
	tui_capture "$1" >"$TUI_SHOT" 2>&1 || return 2
	grep -Eq -- "$2" "$TUI_SHOT"
}

tui_wait() {
	_tw=$((${3:-5} * 10))
	while [ "$_tw" -gt 0 ]; do
		tui_match "$1" "$2" && return 0
		sleep 0.1
		_tw=$((_tw - 1))
	done
	return 1
}

tui_gone() {
	_tw=$((${3:-5} * 10))
	while [ "$_tw" -gt 0 ]; do
		_tm=0
		tui_match "$1" "$2" || _tm=$?
		[ "$_tm" -eq 1 ] && return 0
		sleep 0.1
		_tw=$((_tw - 1))
	done
	return 1
}

tui_resize() {
	tui_tmux "$1" resize-window -t "$1" -x "$2" -y "$3"
}

tui_pid() {
	tui_tmux "$1" display-message -p -t "$1" '#{pane_pid}'
}

tui_alive() {
	[ "$(tui_tmux "$1" display-message -p -t "$1" '#{pane_dead}' 2>/dev/null)" = 0 ]
}

# tmux prints "Pane is dead (status N, ...)" or "(signal N, ...)" once it
# has reaped the program (its pane_dead_status format can stay empty).
tui_exit() {
	if tui_wait "$1" '^Pane is dead \((status|signal) [0-9]+' 5; then
		sed -n 's/^Pane is dead (status \([0-9]*\).*/\1/p; s/^Pane is dead (\(signal [0-9]*\).*/\1/p' "$TUI_SHOT" |
			tail -n 1
	fi
}

tui_stop() {
	tui_tmux "$1" kill-server 2>/dev/null || true
}
