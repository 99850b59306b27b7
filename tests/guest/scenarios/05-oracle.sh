# shellcheck shell=sh
# Self-test of the test-only module clkrg_tamper.ko, the oracle that
# 02-tamper relies on: it patches the byte it reports, only inside the
# region asked for and the symbol's size, refuses everything else, and
# restores. Runs without clkrg.
# plan: 28
# no-autoload
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

ksym() {
	awk -v s="$1" '$3 == s { print "0x" $1; exit }' /proc/kallsyms
}
refused() {
	if tamper_patch "$@" 2>/dev/null; then
		fail "refused: $*"
		tamper_restore || true
	else
		pass "refused: $*"
	fi
}

TEXT_SYM=__x64_sys_acct TEXT_OFF=0x40
RO_SYM=sys_call_table RO_OFF=0x518	# entry 163 (acct); dispatch is x64_sys_call

ok "insmod clkrg_tamper.ko" tamper_load
is "$(cat "$TAMPER_PARAMS/patched")" none "nothing patched after load"

stext=$(ksym _stext) etext=$(ksym _etext)
srodata=$(ksym __start_rodata) erodata=$(ksym __end_rodata)
sct=$(ksym $RO_SYM)
if hex_le "$srodata" "$sct" && hex_le "$(hex_add "$sct" 8)" "$erodata"; then
	pass "$RO_SYM ($sct) lies in .rodata ($srodata..$erodata)"
else
	fail "$RO_SYM ($sct) lies in .rodata ($srodata..$erodata)"
fi

# .text
ok "patch text $TEXT_SYM $TEXT_OFF" tamper_patch text $TEXT_SYM $TEXT_OFF
is "$(tamper_info region) $(tamper_info symbol) $(tamper_info offset)" \
	"text $TEXT_SYM $TEXT_OFF" "patched reports region, symbol, offset"
addr=$(tamper_info address)
is "$addr" "$(hex_add "$(ksym $TEXT_SYM)" $TEXT_OFF)" "patched address is $TEXT_SYM+$TEXT_OFF"
if hex_le "$stext" "$addr" && hex_le "$addr" "$etext"; then
	pass "address $addr inside _stext.._etext"
else
	fail "address $addr inside _stext.._etext ($stext..$etext)"
fi
is "$(printf '0x%02x' $(($(tamper_info old) ^ 0xff)))" "$(tamper_info new)" "new byte is old ^ 0xff"
like "$(kernel_log | grep 'clkrg_tamper: patched' | tail -n 1)" \
	"patched text $TEXT_SYM\\+$TEXT_OFF/0x[0-9a-f]+ at $addr" "kernel log names the patch"
refused text $TEXT_SYM 0x41
ok "restore" tamper_restore
is "$(cat "$TAMPER_PARAMS/patched")" none "nothing patched after restore"
if tamper_restore 2>/dev/null; then fail "second restore refused"; else pass "second restore refused"; fi
like "$(kernel_log | grep 'clkrg_tamper: restored' | tail -n 1)" \
	"restored text $TEXT_SYM\\+$TEXT_OFF/.* at $addr" "kernel log names the restore"

# .rodata
ok "patch rodata $RO_SYM $RO_OFF" tamper_patch rodata $RO_SYM $RO_OFF
addr=$(tamper_info address)
is "$addr" "$(hex_add "$sct" $RO_OFF)" "patched address is $RO_SYM+$RO_OFF"
if hex_le "$srodata" "$addr" && hex_le "$addr" "$erodata"; then
	pass "address $addr inside __start_rodata..__end_rodata"
else
	fail "address $addr inside __start_rodata..__end_rodata ($srodata..$erodata)"
fi
ok "restore rodata" tamper_restore

# refusals
refused text $RO_SYM $RO_OFF
refused rodata $TEXT_SYM $TEXT_OFF
refused text $TEXT_SYM 0x100000
refused text clkrg_no_such_symbol 0x40
refused data $TEXT_SYM $TEXT_OFF
refused text $TEXT_SYM

# unload restores a patch left in place
ok "patch again before rmmod" tamper_patch text $TEXT_SYM $TEXT_OFF
ok "rmmod clkrg_tamper" rmmod clkrg_tamper
like "$(kernel_log | grep 'clkrg_tamper: restored' | tail -n 1)" \
	"restored text $TEXT_SYM" "rmmod restored the byte"
dmesg_clean
