# shellcheck shell=sh
# Negative controls: legitimate runtime changes of core kernel text are no
# violations: the function tracer (ftrace), a kprobe, a tracepoint and a
# static key (kernel.sched_schedstats). Then a positive control in the same
# boot: a byte patched by clkrg_tamper.ko is still found. The tracer is
# filtered to two functions: under TCG, patching every function's call
# site while another CPU is busy can stall the guest for minutes, with or
# without clkrg.
# plan: 21
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

T=/sys/kernel/debug/tracing

mount -t tracefs nodev "$T" 2>/dev/null || true
expect_exit 0 lkrg-cli force-run

ok "function tracer on (__x64_sys_acct, vfs_read)" sh -c "echo __x64_sys_acct vfs_read >$T/set_ftrace_filter && echo function >$T/current_tracer"
expect_exit 0 lkrg-cli force-run
ok "function tracer off" sh -c "echo nop >$T/current_tracer && echo >$T/set_ftrace_filter"
expect_exit 0 lkrg-cli force-run

ok "kprobe on __x64_sys_acct" sh -c "echo 'p:clkrgtest __x64_sys_acct' >$T/kprobe_events && echo 1 >$T/events/kprobes/clkrgtest/enable"
expect_exit 0 lkrg-cli force-run
ok "kprobe removed" sh -c "echo 0 >$T/events/kprobes/clkrgtest/enable && echo '-:clkrgtest' >>$T/kprobe_events"
expect_exit 0 lkrg-cli force-run

ok "tracepoint sched_switch on" sh -c "echo 1 >$T/events/sched/sched_switch/enable"
expect_exit 0 lkrg-cli force-run
ok "tracepoint sched_switch off" sh -c "echo 0 >$T/events/sched/sched_switch/enable"
expect_exit 0 lkrg-cli force-run

ok "static key: kernel.sched_schedstats=1" sysctl -w kernel.sched_schedstats=1
expect_exit 0 lkrg-cli force-run
ok "static key: kernel.sched_schedstats=0" sysctl -w kernel.sched_schedstats=0
expect_exit 0 lkrg-cli force-run

ok "insmod clkrg_tamper.ko" tamper_load
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 1 lkrg-cli force-run
dmesg_clean
