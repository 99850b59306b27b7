# shellcheck shell=sh
# The leak detectors work: with clkrg loaded with test_leak=1 every open
# leaks one kmalloc'd object for real (counted, never freed), and the same
# fuzz program that passes in 11-fuzz must fail exactly one assertion,
# "objects back to the start value", with objects grown by exactly the
# number of opens. On a kernel with kmemleak (make check-debug) its scan
# after the scenario must report leaks, all allocated by
# clkrg_test_on_open.
# plan: 7
# no-autoload
# kmemleak: expect clkrg_test_on_open
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

ok "insmod clkrg.ko test_leak=1 log_level=2 kint_validate=1" \
	insmod "$CLKRG_KO" test_leak=1 log_level=2 kint_validate=1
rc=0
/lib/tests/bin/fuzz --calls 40000 --procs 4 >/tmp/leak.tap 2>&1 || rc=$?
sed 's/^/# fuzz: /' /tmp/leak.tap | grep -v '^# fuzz: ok ' || true
is "$rc" 1 "fuzz under test_leak=1 exits 1"
is "$(grep -c '^not ok ' /tmp/leak.tap)" 1 "exactly one of its assertions fails"
like "$(grep '^not ok ' /tmp/leak.tap)" 'objects back to the start value' \
	"the failing one is the leak assertion"
is "$(grep -c '^ok ' /tmp/leak.tap)" "$(($(sed -n 's/^1\.\.//p' /tmp/leak.tap) - 1))" \
	"every other assertion passes"
counts=$(sed -n 's/^# objects: start \([0-9]*\) end \([0-9]*\) opens \([0-9]*\)$/\1 \2 \3/p' /tmp/leak.tap)
read -r start end opens <<EOT
$counts
EOT
if [ -n "$opens" ] && [ "$((end - start))" -eq "$opens" ]; then
	pass "objects grew by exactly the number of opens ($start -> $end, $opens opens)"
else
	fail "objects grew by exactly the number of opens" "objects line: '$counts'"
fi
dmesg_clean
