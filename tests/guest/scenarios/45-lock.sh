# shellcheck shell=sh
# A lock that means it. "lkrg-cli lock" (knob lock=1) is one way: from then on every
# knob change that weakens the guard (lock=0 included), leaving module
# blocking, a rebaseline, an allow-list addition and SHUTDOWN fail with
# EPERM (CLI exit 4), each with a block event; rmmod and rmmod -f of clkrg,
# delete_module through the ia32 entry (plain and forced) and a forced
# unload of another module are refused (EPERM) with an event, while a plain
# unload of another module works. What strengthens the guard still works,
# and so do reads and checks (status says locked).
# plan: 49
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

MOD=crc7
MOD_KO=$REAL_MODULE_DIR/crc7.ko

# Every refusal is an event: no rate limit (a weaker one is refused later).
set_knob ratelimit_interval=0
expect_exit 0 insmod "$MOD_KO"
is "$(status_field locked)" false "status: not locked at load"
since=$(next_seq)
expect_exit 0 lkrg-cli lock
is "$(status_field locked)" true "status: locked"
like "$(lkrg-cli policy set kint_enforce=log_accept 2>&1)" \
	"the policy is locked until reboot" "the CLI says why it was refused"

n=1	# the refusal just above
for kv in lock=0 kint_enforce=log_accept kint_validate=manual \
	pint_validate=off pint_enforce=log_accept pcfi_validate=sp \
	umh_validate=off interval=60 expose_addresses=1 log_level=0 \
	ratelimit_interval=10; do
	expect_exit 4 lkrg-cli policy set "$kv"
	n=$((n + 1))
done
is "$(count_events "$since" type=block "name=weaken knob")" "$n" \
	"one block event per weakening refused ($n)"
is "$(lkrg-cli policy get pint_validate)" 1 "pint_validate unchanged"
is "$(lkrg-cli policy get lock)" 1 "lock unchanged"

expect_exit 0 lkrg-cli policy set interval=10
expect_exit 0 lkrg-cli block-modules on
expect_exit 4 lkrg-cli block-modules off
expect_exit 4 lkrg-cli policy set block_modules=off
expect_exit 4 lkrg-cli rebaseline
expect_exit 4 lkrg-cli umh add /bin/true
expect_exit 4 lkrg-cli shutdown
is "$(count_events "$since" type=block name=rebaseline)" 1 "rebaseline refused: an event"
is "$(count_events "$since" type=block "name=allow helper")" 1 "allow-list addition refused: an event"
is "$(count_events "$since" type=block name=shutdown)" 1 "shutdown refused: an event"
is "$(status_field shutting_down)" false "the device still serves"

expect_exit 1 rmmod clkrg
expect_exit 1 rmmod -f clkrg
is "$(/lib/tests/bin/delmod32 clkrg)" -1 "ia32 delete_module(clkrg): EPERM"
is "$(/lib/tests/bin/delmod32 clkrg force)" -1 "ia32 forced delete_module(clkrg): EPERM"
is "$(count_events "$since" type=block object=guard name=unload)" 4 \
	"four unloads of clkrg refused: four events"
if module_loaded clkrg; then pass "clkrg still loaded"; else fail "clkrg still loaded"; fi
expect_exit 1 rmmod -f $MOD
is "$(count_events "$since" type=block object=guard "name=forced unload")" 1 \
	"a forced unload of $MOD refused: an event"
expect_exit 0 rmmod $MOD
if module_loaded $MOD; then fail "$MOD unloaded the plain way"; else pass "$MOD unloaded the plain way"; fi

expect_exit 0 lkrg-cli status
expect_exit 0 lkrg-cli policy get
expect_exit 0 lkrg-cli stats
expect_exit 0 lkrg-cli hooks
expect_exit 0 lkrg-cli umh list
expect_exit 0 lkrg-cli events
force_run_clean "locked"
dmesg_clean
