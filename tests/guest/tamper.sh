# shellcheck shell=sh
# Helpers around the test-only module clkrg_tamper.ko (tests/modules).
#   tamper_load                       insmod it (once)
#   tamper_patch REGION SYMBOL OFFSET invert one byte; 0 on success
#   tamper_restore                    put it back; 0 on success
#   tamper_info KEY                   field of the active patch: region,
#                                     symbol, offset, size, address, old, new
#   tamper_peek REGION SYMBOL OFFSET  print that byte (0x..), changing nothing
#   tamper_find_flag FILE SYMBOL      one result: which of SYMBOL's bytes 0-3
#                                     follows "1", then "0", written to FILE
#                                     (sets FLAG; 0 if none or several)
# Sourced after lib.sh.

TAMPER_KO=/lib/clkrg/test/clkrg_tamper.ko
TAMPER_PARAMS=/sys/module/clkrg_tamper/parameters

tamper_load() {
	[ -d "$TAMPER_PARAMS" ] || insmod "$TAMPER_KO"
}

tamper_patch() {
	echo "$1 $2 ${3-}" >"$TAMPER_PARAMS/patch"
}

tamper_restore() {
	echo 1 >"$TAMPER_PARAMS/restore"
}

tamper_info() {
	tr ' ' '\n' <"$TAMPER_PARAMS/patched" | sed -n "s/^$1=//p"
}

tamper_peek() {
	echo "$1 $2 ${3-}" >"$TAMPER_PARAMS/peek" && cat "$TAMPER_PARAMS/peek"
}

tamper_find_flag() {
	FLAG=
	echo 1 >"$1"
	for _o in 0 1 2 3; do
		if [ "$(tamper_peek data "$2" "$_o")" = 0x01 ]; then
			FLAG="$FLAG $_o"
		fi
	done
	echo 0 >"$1"
	for _o in $FLAG; do
		if [ "$(tamper_peek data "$2" "$_o")" = 0x00 ]; then
			FLAG=$_o
			break
		fi
	done
	diag "the flag $1 writes is at $2+${FLAG:-?}"
	case $FLAG in
	[0-3]) pass "the flag $1 writes is one byte of $2" ;;
	*)
		fail "the flag $1 writes is one byte of $2" "candidates: '$FLAG'"
		FLAG=0
		;;
	esac
}
