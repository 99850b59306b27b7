# shellcheck shell=sh
# Who redirects kernel functions. clkrg_redirect.ko sends sethostname(2)
# to a function of its own that refuses it, for real (hostname(1) fails
# with EPERM and the module counts the calls), one way at a time: an
# ftrace_ops with IPMODIFY, the same without it (DYNAMIC_FTRACE_WITH_ARGS
# honours any handler's IP change), and a kprobe whose pre handler sets
# the IP and returns 1. Each is a violation of object redirect,
# "clkrg_redirect: redirecting ftrace hook|kprobe", at
# __x64_sys_sethostname, with the handler's address, its flags and the
# check it appeared at; an "appeared: clkrg_redirect" event names that
# check, and "gone: clkrg_redirect" the one after the hook was removed.
# The owner allow-list: "lkrg-cli hooks allow clkrg_redirect" makes the
# hook clean (its entry counts the hooks it let pass), "deny" reports it
# again; hidden from the module list, an allowed owner is reported as a
# hidden module's kprobe handler. kint_enforce log_accept reports once,
# then accepts; a rebaseline accepts what is there. A BPF fmod_ret program
# on security_task_setnice (renice fails with EPERM) is "bpf:clkrg_fmodret:
# redirecting fmod_ret", allowed by "bpf:clkrg_fmod*". Once the policy is
# locked, allowing is refused (EPERM, exit 4, a block event) and denying
# still works. lkrg-top shows the timeline.
# plan: 107
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh
# shellcheck source=tests/guest/inventory.sh
. /lib/tests/inventory.sh

F=__x64_sys_sethostname
B=/lib/tests/bin/bpf_fentry

redirected() {	# sethostname fails with EPERM and the fake counted it
	_h=$(cr_hits)
	! hostname clkrg-redirected 2>/tmp/hostname.err &&
		grep -q 'not permitted' /tmp/hostname.err &&
		[ "$(cr_hits)" -gt "$_h" ]
}

not_redirected() {	# sethostname works and the fake was not called
	_h=$(cr_hits)
	hostname clkrg-guest && [ "$(hostname)" = clkrg-guest ] &&
		[ "$(cr_hits)" -eq "$_h" ]
}

last_check() {
	status_field last_check_id
}

# hook KIND HANDLER NAME: hook sethostname, see it redirected, and the
# event: name, function, handler, the check it appeared at.
hook() {
	_since=$(next_seq)
	ok "$1 on $F" cr_set "$1" "$F"
	ok "$1: sethostname is redirected" redirected
	expect_exit 1 lkrg-cli force-run
	_check=$(last_check)
	expect_inv "$_since" violation redirect "clkrg_redirect: redirecting $3" \
		"^$(site_ere "$F")/.* via "
	REDIR_EV=$EVENT
	is "$(hex_norm "$(json_field "$EVENT" address)")" \
		"$(hex_norm "$(ksym_addr "$2" clkrg_redirect)")" \
		"$1: the event's address is $2"
	is "$(ev_value "$EVENT" appeared)" "$(printf '0x%x' "$_check")" \
		"$1: it appeared at this check ($_check)"
	expect_inv "$_since" info redirect "appeared: clkrg_redirect" .
	is "$(json_field "$EVENT" check_id)" "$_check" \
		"$1: 'appeared: clkrg_redirect' names check $_check"
}

expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
ok "insmod clkrg_redirect.ko" cr_load
ok "nothing redirected yet" not_redirected
force_run_clean "clkrg_redirect loaded, nothing hooked"

# 1. ftrace, IPMODIFY
hook ftrace_ipmodify cr_ftrace_handler "ftrace hook"
flags=$(ev_value "$REDIR_EV" flags)
[ -z "$flags" ] && flags=0
ok "the event's flags ($flags) have IPMODIFY" test $((flags & 0x1000)) -ne 0
appeared=$_check
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
expect_inv "$since" violation redirect "clkrg_redirect: redirecting ftrace hook" "^$F"
is "$(ev_value "$EVENT" appeared)" "$(printf '0x%x' "$appeared")" \
	"reported again (log_only), still as appeared at check $appeared"
since=$(next_seq)
ok "unhook" cr_set unhook 1
ok "sethostname is not redirected" not_redirected
force_run_clean "the ftrace hook removed"
expect_inv "$since" info redirect "gone: clkrg_redirect" .

# 2. ftrace without IPMODIFY
hook ftrace_args cr_ftrace_handler "ftrace hook"
ok "unhook" cr_set unhook 1
force_run_clean "the ftrace hook removed"

# 3. kprobe rewriting the IP
hook kprobe_ip cr_kprobe_pre "kprobe"

# 4. the allow-list
since=$(next_seq)
ok "allow clkrg_redirect" lkrg-cli hooks allow clkrg_redirect
expect_inv "$since" admin redirect clkrg_redirect "^allowed to redirect"
ok "still redirected" redirected
force_run_clean "clkrg_redirect allowed"
lkrg-cli --json hooks list >/tmp/hooks.json
like "$(cat /tmp/hooks.json)" '"owner":"clkrg_redirect","allowed":[1-9]' \
	"hooks list: the entry let the kprobe pass"
like "$(cat /tmp/hooks.json)" '"redirects":[1-9]' "hooks list: the last check found redirecting hooks"
like "$(cat /tmp/hooks.json)" '"owner":"kernel:klp_\*"' "hooks list: livepatch is allowed by default"
expect_exit 6 lkrg-cli hooks allow clkrg_redirect
expect_exit 2 lkrg-cli hooks allow 'bad name'
expect_exit 2 lkrg-cli hooks allow '*'

# 5. hidden: the allow-list does not count
ok "hide clkrg_redirect" cr_set hidden 1
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
expect_inv "$since" violation module_list "clkrg_redirect: kprobe handler in a hidden module" \
	"^cr_kprobe_pre\\+0x0/"
ok "unhide clkrg_redirect" cr_set hidden 0
force_run_clean "listed and allowed again"

since=$(next_seq)
ok "deny clkrg_redirect" lkrg-cli hooks deny clkrg_redirect
expect_inv "$since" admin redirect clkrg_redirect "^no longer allowed"
expect_exit 1 lkrg-cli force-run
expect_inv "$since" violation redirect "clkrg_redirect: redirecting kprobe" "^$F"
expect_exit 6 lkrg-cli hooks deny clkrg_redirect

# 6. log_accept: once, then accepted
expect_exit 0 lkrg-cli policy set kint_enforce=log_accept
since=$(next_seq)
expect_exit 1 lkrg-cli force-run
expect_inv "$since" violation redirect "clkrg_redirect: redirecting kprobe" "^$F"
is "$(json_field "$EVENT" action)" accepted "log_accept: the action is accepted"
force_run_clean "accepted by log_accept"
expect_exit 0 lkrg-cli policy set kint_enforce=log_only
ok "unhook" cr_set unhook 1

# 7. a rebaseline accepts what is there
hook ftrace_ipmodify cr_ftrace_handler "ftrace hook"
expect_exit 0 lkrg-cli rebaseline
force_run_clean "accepted by a rebaseline"
ok "unhook" cr_set unhook 1
force_run_clean "unhooked after the rebaseline"

# 8. BPF fmod_ret
since=$(next_seq)
$B fmod_ret security_task_setnice 1 120 >/tmp/fmodret.out 2>&1 &
fmodret=$!
ok "fmod_ret program attached" wait_for 20 grep -q '^attached' /tmp/fmodret.out
ok "renice fails with EPERM" sh -c '! renice -n 1 -p $$ 2>/tmp/renice.err && grep -q "not permitted" /tmp/renice.err'
expect_exit 1 lkrg-cli force-run
expect_inv "$since" violation redirect "bpf:clkrg_fmodret: redirecting fmod_ret" \
	"^$(site_ere security_task_setnice)/.* via a BPF trampoline"
ok "allow bpf:clkrg_fmod*" lkrg-cli hooks allow 'bpf:clkrg_fmod*'
force_run_clean "the fmod_ret program allowed"
ok "deny bpf:clkrg_fmod*" lkrg-cli hooks deny 'bpf:clkrg_fmod*'
ok "detach" stop_bg "$fmodret"
ok "renice works" renice -n 1 -p $$
force_run_clean "the fmod_ret program detached"

# 9. lkrg-top shows the timeline
lkrg-top -b -n 1 >/tmp/top.out 2>&1 || true
like "$(cat /tmp/top.out)" 'appeared: clkrg_redirect' "lkrg-top shows 'appeared: clkrg_redirect'"
like "$(cat /tmp/top.out)" 'redirecting ftrace' "lkrg-top shows the redirecting hook"

# 10. the lock: no additions, removals still
ok "allow clkrg_redirect" lkrg-cli hooks allow clkrg_redirect
expect_exit 0 lkrg-cli lock
since=$(next_seq)
expect_exit 4 lkrg-cli hooks allow clkrg_other
like "$(cat "$OUT_FILE")" 'locked' "the CLI says the lock refused it"
expect_inv "$since" block redirect "allow hook owner" '^clkrg_other$'
expect_exit 0 lkrg-cli hooks deny clkrg_redirect
hook kprobe_ip cr_kprobe_pre "kprobe"
ok "unhook" cr_set unhook 1
force_run_clean "unhooked, locked"
dmesg_clean
