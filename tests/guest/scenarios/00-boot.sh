# shellcheck shell=sh
# clkrg.ko loads and unloads cleanly three times in a row.
# plan: 11
# no-autoload
ko=/lib/clkrg/clkrg.ko

for round in 1 2 3; do
	ok "insmod clkrg.ko (round $round)" insmod "$ko"
	ok "/dev/lkrg exists (round $round)" test -c /dev/lkrg
	ok "rmmod clkrg (round $round)" rmmod clkrg
done
if grep -q '^clkrg ' /proc/modules; then
	fail "clkrg is unloaded at the end"
else
	pass "clkrg is unloaded at the end"
fi
dmesg_clean
