# shellcheck shell=sh
# Module guard, attack 1: one byte of ANOTHER module's text, patched for
# real by clkrg_modtamper.ko, in the real Debian crc7 (text_poke() under
# text_mutex, as the kernel patches itself) and crc_itu_t (raw CR0.WP
# clear). Each time: force-run exits 1 with a violation event of category
# module, object module, named after the patched module (no other module
# named), whose location starts with the patched function and whose block
# covers the byte; log_only keeps reporting it; the restored byte matches
# the baseline again. Then the rebaseline path: a patched byte accepted by
# rebaseline is clean, its restore is a change, a second rebaseline is
# clean. Then log_accept: reported once (action accepted), then clean.
# plan: 52
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh

# reported SINCE MOD SYMBOL ADDRESS ACTION: five results on the events
# since SINCE: one for MOD with ACTION, covering ADDRESS, at SYMBOL, and no
# module violation naming anything else.
reported() {
	expect_module_event "$1" module "$2"
	is "$(json_field "$MOD_EV" action)" "$5" "the $2 event's action is $5"
	expect_covers "$4"
	expect_location "^$(fn_re "$3")\\+"
	expect_only_module "$1" "$2"
}

# text_round MOD SYMBOL OFFSET METHOD
text_round() {
	_since=$(next_seq)
	ok "patch $1:$2+$3 ($4)" mt_patch "$1" "$2" "$3" "$4"
	_addr=$(mt_info address)
	diag "patched $(cat "$MT_PARAMS/patched")"
	expect_exit 1 lkrg-cli force-run
	reported "$_since" "$1" "$2" "$_addr" logged
	expect_exit 1 lkrg-cli force-run
	ok "restore $1:$2+$3" mt_restore
	force_run_clean "$1 restored: its text matches the baseline again"
}

# rebaseline_round MOD SYMBOL OFFSET METHOD
rebaseline_round() {
	ok "patch $1:$2+$3 ($4) again" mt_patch "$1" "$2" "$3" "$4"
	expect_exit 1 lkrg-cli force-run
	expect_exit 0 lkrg-cli rebaseline
	force_run_clean "$1's patched byte accepted by rebaseline"
	ok "restore $1:$2+$3" mt_restore
	expect_exit 1 lkrg-cli force-run
	expect_exit 0 lkrg-cli rebaseline
	force_run_clean "$1 restored, after rebaseline"
}

# Checks only on demand and on module events; every event passes.
expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod crc7" insmod "$(real_ko crc7)"
ok "insmod crc_itu_t" insmod "$(real_ko crc_itu_t)"
ok "insmod clkrg_modtamper.ko" mt_load
force_run_clean "real modules and clkrg_modtamper loaded"

text_round crc7 crc7_be 0x10 poke
text_round crc_itu_t crc_itu_t 0x10 cr0
rebaseline_round crc7 crc7_be 0x10 poke

expect_exit 0 lkrg-cli policy set kint_enforce=log_accept
_since=$(next_seq)
ok "log_accept: patch crc7:crc7_be+0x10" mt_patch crc7 crc7_be 0x10 poke
_addr=$(mt_info address)
expect_exit 1 lkrg-cli force-run
reported "$_since" crc7 crc7_be "$_addr" accepted
force_run_clean "log_accept: the patched byte was accepted"
ok "log_accept: restore crc7:crc7_be+0x10" mt_restore
expect_exit 1 lkrg-cli force-run
force_run_clean "log_accept: the restore was accepted"
expect_exit 0 lkrg-cli policy set kint_enforce=log_only

ok "rmmod clkrg_modtamper" rmmod clkrg_modtamper
ok "rmmod crc7" rmmod crc7
ok "rmmod crc_itu_t" rmmod crc_itu_t
force_run_clean "all unloaded"
dmesg_clean
