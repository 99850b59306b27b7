# shellcheck shell=sh
# A kernel clkrg cannot guard is refused at load with one kernel-log line
# and nothing else: a clkrg.ko built for a PREEMPT_RT configuration (only
# the refusal is built, compat/unsupported.c) and one built for another
# kernel release, as a forced load past the version magic would be
# (compat/compat.c). Neither stays loaded, and the real clkrg.ko loads and
# unloads afterwards.
# plan: 12
# no-autoload
ko=/lib/clkrg/clkrg.ko

# refused KO ERRNO ERE: one finit_module(2) of KO fails with ERRNO, with
# exactly one "clkrg: SEVERITY:" line in the kernel log since, matching
# ERE, and leaves no module behind.
refused() {
	_before=$(kernel_log | wc -l)
	expect_exit "$2" /lib/tests/bin/modload "$1"
	_lines=$(kernel_log | sed "1,${_before}d" | grep -E 'clkrg: [A-Z]+:' || true)
	is "$(printf '%s\n' "$_lines" | grep -c .)" 1 "$(basename "$1"): one clkrg log line"
	like "$_lines" "$3" "$(basename "$1"): the line says why"
	ok "$(basename "$1"): not loaded" test ! -e /sys/module/clkrg
}

# EOPNOTSUPP from the refusing module, ENOEXEC from the release check
refused /lib/clkrg/test/clkrg-refuse-config.ko 95 \
	'clkrg: FAULT: cannot guard this kernel: PREEMPT_RT kernels are not supported$'
refused /lib/clkrg/test/clkrg-refuse-release.ko 8 \
	"clkrg: FAULT: cannot guard this kernel: built for 0\\.0\\.0-clkrg-elsewhere, running $(uname -r | sed 's/[.+]/\\&/g')\$"
ok "the real clkrg.ko loads after both" insmod "$ko"
ok "/dev/lkrg exists" test -c /dev/lkrg
ok "rmmod clkrg" rmmod clkrg
dmesg_clean
