# shellcheck shell=sh
# tmux helpers for the lkrg-top tests, in the guest (busybox ash) and on
# the host (tests/unit/host_tools.sh). The screen is what a person sees:
# tmux runs lkrg-top in a pane of a chosen size and capture-pane reads it.
# Each NAME gets a tmux server of its own, so sizes never interfere; a
# shell in the pane runs the program and writes its exit status to a file
# (tmux's own pane_dead_status proved unreliable under TCG).
#   tui_start NAME COLS ROWS CMD        a detached session running CMD
#                                       (a shell command line, no exec)
#   tui_keys NAME KEY...                tmux send-keys (names like Enter,
#                                       Space, BSpace, Escape, or text)
#   tui_capture NAME                    the pane's text on stdout
#   tui_wait NAME ERE [SECONDS]         0 once the pane matches ERE (5 s by
#                                       default); the last capture is in
#                                       $TUI_SHOT either way
#   tui_gone NAME ERE [SECONDS]         0 once the pane no longer matches
#   tui_resize NAME COLS ROWS           resize the window (the program gets
#                                       SIGWINCH)
#   tui_pid NAME                        the pid of the program (the pane
#                                       shell's child)
#   tui_alive NAME                      the program still runs
#   tui_exit NAME                       its exit status once it ended (waits
#                                       up to 5 s; 128+N when killed by N)
#   tui_stop NAME                       kill the session and its server
# TUI_SOCK prefixes the servers' names; TUI_SHOT is a file; TUI_DIR holds
# the exit files.

TUI_SOCK=${TUI_SOCK:-clkrg-tui}
TUI_SHOT=${TUI_SHOT:-/tmp/tui.shot}
TUI_DIR=${TUI_DIR:-/tmp}

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
	rm -f "$TUI_DIR/tui-$_ts.exit"
	tui_tmux "$_ts" new-session -d -s "$_ts" -x "$_tc" -y "$_tr" \
		"$*; echo \$? >'$TUI_DIR/tui-$_ts.exit'"
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
	_tp=$(tui_tmux "$1" display-message -p -t "$1" '#{pane_pid}') &&
		ps -o pid,ppid | awk -v p="$_tp" '$2 == p { print $1; exit }'
}

tui_alive() {
	[ ! -e "$TUI_DIR/tui-$1.exit" ] && tui_tmux "$1" has-session -t "$1" 2>/dev/null
}

tui_exit() {
	_tw=50
	while [ "$_tw" -gt 0 ] && [ ! -s "$TUI_DIR/tui-$1.exit" ]; do
		sleep 0.1
		_tw=$((_tw - 1))
	done
	cat "$TUI_DIR/tui-$1.exit" 2>/dev/null
}

tui_stop() {
	tui_tmux "$1" kill-server 2>/dev/null || true
	rm -f "$TUI_DIR/tui-$1.exit"
}
