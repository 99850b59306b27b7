# shellcheck shell=sh
# Helpers for the inventory scenarios (47, 48, 83, 84): the test-only
# modules clkrg_redirect.ko, clkrg_callback.ko and clkrg_livepatch.ko
# (tests/modules), and events of objects redirect and callback. Sourced
# after lib.sh, clkrg.sh and modguard.sh.
#   cr_load / cb_load             insmod the test module (once)
#   cr_set PARAM VALUE            write a clkrg_redirect parameter
#   cb_set PARAM VALUE            write a clkrg_callback parameter
#   cr_hits                       calls clkrg_redirect's redirection took
#   cb_addr                       address of clkrg_callback's active callback
#   ev_value EVENT FIELD          actual value of EVENT's values[] FIELD
#   inv_event SINCE TYPE OBJ NAME ERE  first event since SINCE of TYPE,
#                                 object OBJ and name NAME whose location
#                                 matches ERE (or none)
#   expect_inv SINCE TYPE OBJ NAME ERE  one result: such an event; sets
#                                 EVENT to it
#   expect_no_inv SINCE DESC      one result: no violation event of object
#                                 redirect or callback since SINCE
#   stop_bg PID                   SIGTERM to a background job; its exit code
#   site_ere SYMBOL               an ERE for where a hook on SYMBOL's entry
#                                 is: its ftrace site, SYMBOL+0x0 (6.12:
#                                 +0x4, after the ENDBR64; fn_off)

CR_KO=/lib/clkrg/test/clkrg_redirect.ko
CB_KO=/lib/clkrg/test/clkrg_callback.ko
# shellcheck disable=SC2034 # used by the scenarios
LP_KO=/lib/clkrg/test/clkrg_livepatch.ko
CR_PARAMS=/sys/module/clkrg_redirect/parameters
CB_PARAMS=/sys/module/clkrg_callback/parameters

cr_load() {
	[ -d "$CR_PARAMS" ] || insmod "$CR_KO"
}

cb_load() {
	[ -d "$CB_PARAMS" ] || insmod "$CB_KO"
}

cr_set() {
	echo "$2" >"$CR_PARAMS/$1"
}

cb_set() {
	echo "$2" >"$CB_PARAMS/$1"
}

cr_hits() {
	cat "$CR_PARAMS/hits"
}

cb_addr() {
	sed -n 's/^[^ ]* \(0x[0-9a-f]*\)$/\1/p' "$CB_PARAMS/last"
}

ev_value() {
	printf '%s\n' "$1" | sed 's/{"field"/\n{"field"/g' |
		sed -n "s/^{\"field\":\"$2\",\"expected\":\"[^\"]*\",\"actual\":\"\\([^\"]*\\)\".*/\\1/p" |
		head -n 1
}

inv_event() {
	events_since "$1" | select_events "type=$2" "object=$3" "name=$4" |
		while IFS= read -r _ie; do
			if printf '%s\n' "$(json_field "$_ie" location)" |
				grep -Eq -- "$5"; then
				printf '%s\n' "$_ie"
			fi
		done | head -n 1
}

expect_inv() {
	EVENT=$(inv_event "$@")
	if [ -n "$EVENT" ]; then
		pass "$2 event: $3 '$4' at /$5/"
	else
		fail "$2 event: $3 '$4' at /$5/" "none since ${1:-?}"
		diag_events
	fi
}

expect_no_inv() {
	_ni=$(events_since "$1" | select_events type=violation |
		grep -E '"object":"(redirect|callback)"' || true)
	if [ -z "$_ni" ]; then
		pass "$2"
	else
		fail "$2" "$(printf '%s\n' "$_ni" | head -n 5)"
	fi
}

stop_bg() {
	kill "$1" && wait "$1"
}

site_ere() {
	fn_off "$1" 0 | sed 's/+/\\+/'
}
