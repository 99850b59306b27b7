# shellcheck shell=sh
# Read-only state and a hash of the guard itself. A byte of clkrg's own
# code changed with text_poke() is reported (category guard, object self)
# and no rebaseline takes it. The knob page is read-only: a plain write to
# it fails (EFAULT). Changed anyway through text_poke() (as an attacker who
# can remap a page), pint_validate reads 0, and the next check reports the
# knobs changed outside clkrg's update path; the page made writable again
# is reported too. Put back, clean.
# plan: 27
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh
# shellcheck source=tests/guest/selfattack.sh
. /lib/tests/selfattack.sh

set_knob ratelimit_interval=0
ok "insmod clkrg_selfattack.ko" sa_load

since=$(next_seq)
ok "a byte of clkrg's code inverted" sa_do poke "clkrg_vault_exit 8"
poked=$(sa_last | awk '{ print $2 }')
expect_exit 1 lkrg-cli force-run
expect_event "$since" "clkrg's code change is reported" type=violation \
	category=guard object=self "name=clkrg code"
ev_at=$(json_field "$EVENT" address)
ev_len=$(json_field "$EVENT" length)
if [ -n "$poked" ] && [ -n "$ev_at" ] && hex_le "$ev_at" "$poked" &&
	hex_le "$poked" "$(hex_add "$ev_at" $((ev_len - 1)))"; then
	pass "the event's block holds the changed byte ($poked)"
else
	fail "the event's block holds the changed byte" "byte $poked, event $ev_at+$ev_len"
fi
expect_exit 0 lkrg-cli rebaseline
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
expect_event "$since" "a rebaseline does not accept it" type=violation \
	category=guard object=self "name=clkrg code"
ok "clkrg's code put back" sa_restore
force_run_clean "code put back"

idx=$(knob_index pint_validate)
like "$idx" "^[0-9]+$" "pint_validate is knob $idx"
ok "a plain write to the knob page" sa_do knob_write "$idx"
like "$(sa_last)" " -14$" "it fails with EFAULT: the page is read-only"
is "$(lkrg-cli policy get pint_validate)" 1 "pint_validate is still 1"

since=$(next_seq)
ok "pint_validate set to 0 in the knob page by text_poke" \
	sa_do knob_poke "$idx 0"
is "$(lkrg-cli policy get pint_validate)" 0 "pint_validate now reads 0"
expect_exit 1 lkrg-cli force-run
expect_event "$since" "the knobs changed outside clkrg's update path" \
	type=violation category=guard object=self name=knobs \
	"location=changed outside clkrg's update path"
ok "pint_validate put back" sa_restore
force_run_clean "knobs put back"

since=$(next_seq)
ok "the knob page mapped writable" sa_do knob_pte_rw 1
expect_exit 1 lkrg-cli force-run
expect_event "$since" "the writable knob page is reported" \
	type=violation category=guard object=self name=knobs \
	"location=read-only page made writable"
ok "the knob page read-only again" sa_restore
force_run_clean "knob page read-only"
dmesg_clean
