# shellcheck shell=sh
# Helpers around the test-only module clkrg_tamper.ko (tests/modules).
#   tamper_load                       insmod it (once)
#   tamper_patch REGION SYMBOL OFFSET invert one byte; 0 on success
#   tamper_restore                    put it back; 0 on success
#   tamper_info KEY                   field of the active patch: region,
#                                     symbol, offset, size, address, old, new
#   tamper_peek REGION SYMBOL OFFSET  print that byte (0x..), changing nothing
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
