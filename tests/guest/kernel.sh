# shellcheck shell=sh
# The kernel details scenarios depend on, per kernel series the suite runs
# on (Debian's 6.1 and 6.12), in one place; sourced by lib.sh.
#   KERNEL_IBT          1 on 6.12, built with IBT: every function begins
#                       with a 4-byte ENDBR64 and 16 bytes of padding
#                       (__pfx_NAME) precede it
#   fn_off SYMBOL OFF   SYMBOL+OFF (hex) for OFF counted as on 6.1: on 6.12
#                       the same instruction lies 4 bytes further in
#   fn_re SYMBOL        an ERE for SYMBOL where a 64-byte block may begin:
#                       on 6.12 also its padding, __pfx_SYMBOL
#   TIMENS_AT_EXEC      "entered" where exec moves a task into the time
#                       namespace it unshared (6.2+: exec_task_namespaces),
#                       "outside" on 6.1
#   LSM_STATIC_CALLS    1 on 6.12: LSM hooks are static calls (slots of
#                       static_calls_table patched into the callers), 0 on
#                       6.1: lists in security_hook_heads (.rodata)
# shellcheck disable=SC2034 # used by the scenarios
case $(uname -r) in
6.1.*) KERNEL_IBT=0 TIMENS_AT_EXEC=outside LSM_STATIC_CALLS=0 ;;
6.12.*) KERNEL_IBT=1 TIMENS_AT_EXEC=entered LSM_STATIC_CALLS=1 ;;
*)
	echo "Bail out! tests/guest/kernel.sh does not know kernel $(uname -r)"
	exit 2
	;;
esac

fn_off() {
	printf '%s+0x%x\n' "$1" $(($2 + 4 * KERNEL_IBT))
}

fn_re() {
	if [ "$KERNEL_IBT" -eq 1 ]; then
		printf '(__pfx_)?%s\n' "$1"
	else
		printf '%s\n' "$1"
	fi
}
