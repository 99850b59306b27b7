# shellcheck shell=sh
# Helpers for the module-guard scenarios (3N-mod-*): real Debian modules,
# the test-only modules clkrg_modtamper.ko, clkrg_modhide.ko and
# clkrg_modlegit.ko (tests/modules), and category "module" events.
# Sourced after lib.sh and clkrg.sh.
#   REAL_KOS                      real modules without dependencies that
#                                 load in the guest (module names)
#   real_ko NAME                  path of real module NAME's .ko
#   mt_load / mh_load [ARGS] / ml_load    insmod the test module (once)
#   mt_patch MOD SYMBOL OFF [poke|cr0]    invert a byte of MOD's text
#   mt_restore                    put it back
#   mt_info KEY                   field of the active patch: module, symbol,
#                                 offset, size, address, method, old, new
#   mh_set PARAM VALUE            write a clkrg_modhide parameter
#   mh_hits KEY                   ftrace, kprobe_pre or kprobe_post calls
#   ml_set PARAM VALUE            write a clkrg_modlegit parameter
#   ml_get PARAM                  read one
#   module_events SINCE OBJ NAME [F=V...]  violation events of category
#                                 module, object OBJ, name NAME
#   expect_module_event SINCE OBJ NAME    one result; sets MOD_EV to the
#                                 first such event
#   expect_location ERE           one result: MOD_EV's location matches
#   expect_covers ADDR            one result: MOD_EV's address and length
#                                 cover ADDR
#   expect_no_module_event SINCE DESC [F=V...]  one result: no violation
#                                 event of category module since SINCE
#   ksym_addr SYMBOL MODULE       address of MODULE's SYMBOL in
#                                 /proc/kallsyms (listed modules only)
#   expect_hook_event SINCE NAME SYMBOL ADDR  one result: a module_list
#                                 violation event NAME whose location is
#                                 SYMBOL+0x0/... and whose address is ADDR
#   expect_only_module SINCE NAME  one result: every module violation
#                                 event since SINCE names NAME
#   force_run_clean DESC          one result: force-run exits 0, and the
#                                 events since hold no violation at all

MT_KO=/lib/clkrg/test/clkrg_modtamper.ko
MH_KO=/lib/clkrg/test/clkrg_modhide.ko
ML_KO=/lib/clkrg/test/clkrg_modlegit.ko
MT_PARAMS=/sys/module/clkrg_modtamper/parameters
MH_PARAMS=/sys/module/clkrg_modhide/parameters
ML_PARAMS=/sys/module/clkrg_modlegit/parameters
# shellcheck disable=SC2034 # used by the scenarios
REAL_KOS="crc7 crc_itu_t crc16 crc8 libarc4 cordic md4"
MOD_EV=

real_ko() {
	find "/lib/modules/$(uname -r)/kernel" -name "$(echo "$1" | tr _ -).ko" |
		head -n 1
}

mt_load() {
	[ -d "$MT_PARAMS" ] || insmod "$MT_KO"
}

mh_load() {
	[ -d "$MH_PARAMS" ] || insmod "$MH_KO" "$@"
}

ml_load() {
	[ -d "$ML_PARAMS" ] || insmod "$ML_KO"
}

mt_patch() {
	echo "$1 $2 $3 ${4:-poke}" >"$MT_PARAMS/patch"
}

mt_restore() {
	echo 1 >"$MT_PARAMS/restore"
}

mt_info() {
	tr ' ' '\n' <"$MT_PARAMS/patched" | sed -n "s/^$1=//p"
}

mh_set() {
	echo "$2" >"$MH_PARAMS/$1"
}

mh_hits() {
	tr ' ' '\n' <"$MH_PARAMS/hits" | sed -n "s/^$1=//p"
}

ml_set() {
	echo "$2" >"$ML_PARAMS/$1"
}

ml_get() {
	cat "$ML_PARAMS/$1"
}

# kprobe_near SYMBOL OFF: a kprobe of clkrg_modlegit's at fn_off SYMBOL OFF,
# or, where that is not an instruction boundary of this build (the debug
# kernel's KASAN and UBSAN code moves them; register_kprobe says EILSEQ), at
# the next one within 16 bytes. Prints the SYMBOL+0xOFF it registered.
kprobe_near() {
	_kn_o=$(($(fn_off "$1" "$2" | sed 's/.*+//')))
	_kn_end=$((_kn_o + 16))
	while [ "$_kn_o" -lt "$_kn_end" ]; do
		_kn_k=$(printf '%s+0x%x' "$1" "$_kn_o")
		if ml_set kprobe_add "$_kn_k" 2>/dev/null; then
			echo "$_kn_k"
			return 0
		fi
		_kn_o=$((_kn_o + 1))
	done
	return 1
}

module_events() {
	_me_since=$1
	_me_obj=$2
	_me_name=$3
	shift 3
	events_since "$_me_since" |
		select_events type=violation category=module object="$_me_obj" \
			name="$_me_name" "$@"
}

expect_module_event() {
	MOD_EV=$(module_events "$1" "$2" "$3" | head -n 1)
	if [ -n "$MOD_EV" ]; then
		pass "violation event: module/$2 '$3'"
	else
		fail "violation event: module/$2 '$3'" "none with seq >= $1"
		diag_events
	fi
}

expect_location() {
	like "$(json_field "$MOD_EV" location)" "$1" "the event's location matches /$1/"
}

expect_covers() {
	_cv_a=$(json_field "$MOD_EV" address)
	_cv_l=$(json_field "$MOD_EV" length)
	if [ -n "$_cv_a" ] && [ -n "$_cv_l" ] && hex_le "$_cv_a" "$1" &&
		! hex_le "$(hex_add "$_cv_a" "$_cv_l")" "$1"; then
		pass "the event covers $1"
	else
		fail "the event covers $1" "address=${_cv_a:-none} length=${_cv_l:-none}"
	fi
}

expect_no_module_event() {
	_ne_since=$1
	_ne_desc=$2
	shift 2
	_ne=$(events_since "$_ne_since" |
		select_events type=violation category=module "$@")
	if [ -z "$_ne" ]; then
		pass "$_ne_desc"
	else
		fail "$_ne_desc" "$(printf '%s\n' "$_ne" | head -n 5)"
	fi
}

ksym_addr() {
	awk -v s="$1" -v m="[$2]" '$3 == s && $4 == m { print "0x" $1; exit }' \
		/proc/kallsyms
}

expect_hook_event() {
	_he=$(module_events "$1" module_list "$2" |
		while IFS= read -r _he_l; do
			case $(json_field "$_he_l" location) in
			"$3+0x0/"*) printf '%s\n' "$_he_l" ;;
			esac
		done | head -n 1)
	_he_a=$(json_field "$_he" address)
	if [ -n "$_he" ] && [ -n "$_he_a" ] && [ -n "$4" ] &&
		[ "$(hex_norm "$_he_a")" = "$(hex_norm "$4")" ]; then
		pass "violation event: module/module_list '$2' at $3 ($4)"
	else
		fail "violation event: module/module_list '$2' at $3 ($4)" \
			"found: ${_he:-none}"
		diag_events
	fi
}

expect_only_module() {
	_om=$(events_since "$1" | select_events type=violation category=module |
		while IFS= read -r _om_l; do
			[ "$(json_field "$_om_l" name)" = "$2" ] ||
				printf '%s\n' "$_om_l"
		done)
	if [ -z "$_om" ]; then
		pass "no module violation event names anything but $2"
	else
		fail "no module violation event names anything but $2" \
			"$(printf '%s\n' "$_om" | head -n 5)"
	fi
}

force_run_clean() {
	_fr_since=$(next_seq)
	_fr_rc=0
	lkrg-cli force-run >"$OUT_FILE" 2>&1 || _fr_rc=$?
	_fr_ev=$(events_since "$_fr_since" | select_events type=violation)
	if [ "$_fr_rc" -eq 0 ] && [ -z "$_fr_ev" ]; then
		pass "force-run clean: $1"
	else
		fail "force-run clean: $1" "exit $_fr_rc" \
			"$(printf '%s\n' "$_fr_ev" | head -n 5)"
		diag_output
	fi
}
