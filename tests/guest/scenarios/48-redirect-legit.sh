# shellcheck shell=sh
# Negative twins of function redirection, each followed by a clean
# force-run and no violation of object redirect or callback: a real live
# patch (clkrg_livepatch.ko through klp_enable_patch; /proc/cmdline reads
# the patched text) whose ftrace_ops is livepatch's own (kernel:klp_*,
# allowed from load; an "appeared: kernel:klp_ftrace_handler" event names
# one redirecting hook), then disabled and unloaded; the function tracer
# on and off; a BPF fentry program attached and running; kprobe and
# kretprobe events from tracefs enabled; every real Debian module the suite
# loads, loaded and unloaded. And the default entry is what allows the live
# patch: denied, the patch is "kernel:klp_ftrace_handler: redirecting
# ftrace hook" at cmdline_proc_show; allowed again, clean.
# plan: 31
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh
# shellcheck source=tests/guest/inventory.sh
. /lib/tests/inventory.sh

T=/sys/kernel/debug/tracing
LP=/sys/kernel/livepatch/clkrg_livepatch
B=/lib/tests/bin/bpf_fentry
mount -t tracefs nodev "$T" 2>/dev/null || true

expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
force_run_clean "before any twin"

# a real live patch
since=$(next_seq)
ok "insmod clkrg_livepatch.ko" insmod "$LP_KO"
ok "/proc/cmdline is patched" grep -q 'clkrg_livepatch active' /proc/cmdline
ok "the patch's transition is done" wait_for 30 grep -q 0 "$LP/transition"
force_run_clean "a live patch"
expect_inv "$since" info redirect "appeared: kernel:klp_ftrace_handler" \
	'^1 redirecting hooks'
since=$(next_seq)
ok "deny kernel:klp_*" lkrg-cli hooks deny 'kernel:klp_*'
expect_exit 1 lkrg-cli force-run
expect_inv "$since" violation redirect \
	"kernel:klp_ftrace_handler: redirecting ftrace hook" "^$(site_ere cmdline_proc_show)/"
ok "allow kernel:klp_* again" lkrg-cli hooks allow 'kernel:klp_*'
start=$(next_seq)
force_run_clean "livepatch allowed again"
ok "disable the patch" sh -c "echo 0 >$LP/enabled"
ok "the patch's transition is done" wait_for 30 sh -c "[ ! -e $LP/transition ] || grep -q 0 $LP/transition"
ok "/proc/cmdline is the kernel's again" sh -c '! grep -q "clkrg_livepatch active" /proc/cmdline'
ok "rmmod clkrg_livepatch" wait_for 30 rmmod clkrg_livepatch
force_run_clean "the live patch removed"

# tracers
ok "function tracer on" sh -c "echo ksys_sync vfs_read >$T/set_ftrace_filter && echo function >$T/current_tracer"
force_run_clean "function tracer on"
ok "function tracer off" sh -c "echo nop >$T/current_tracer && echo >$T/set_ftrace_filter"
$B attach __do_sys_getppid 120 >/tmp/fentry.out 2>&1 &
fentry=$!
ok "BPF fentry program attached" wait_for 20 grep -q '^attached' /tmp/fentry.out
force_run_clean "BPF fentry program attached"
ok "BPF fentry program detached" stop_bg "$fentry"
ok "kprobe and kretprobe events" sh -c "echo 'p:clkrgk __x64_sys_acct' >$T/kprobe_events && echo 'r:clkrgr ksys_sync' >>$T/kprobe_events && echo 1 >$T/events/kprobes/enable"
sync
force_run_clean "kprobe events enabled"
ok "kprobe events removed" sh -c "echo 0 >$T/events/kprobes/enable && echo >$T/kprobe_events"

# real modules
for m in $REAL_KOS overlay; do
	insmod "$(real_ko "$m")" || echo "insmod $m failed"
done
force_run_clean "$REAL_KOS loaded"
for m in $REAL_KOS overlay; do
	rmmod "$m" || echo "rmmod $m failed"
done
force_run_clean "$REAL_KOS unloaded"
expect_no_inv "$start" "no redirect or callback violation since the patch was allowed again"
dmesg_clean
