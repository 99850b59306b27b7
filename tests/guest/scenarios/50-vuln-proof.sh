# shellcheck shell=sh
# Exploit primitives of the test-only driver clkrg_vuln.ko work on this
# kernel, without clkrg: the proof that the attack scenarios (51-59) can
# fail. pint_attack drops to uid 65534 and, with no primitive, cannot touch
# /root/canary (root 0644) nor read /root/secret (root 0600). Through
# /dev/clkrg_vuln it gets: uid 0 by writing its cred in place (CRED_WRITE),
# by swapping the cred pointers (CRED_SWAP) and by commit_creds from the
# ioctl (COMMIT), full capabilities in place (CAPS): each time the canary
# is truncated or removed and the secret printed. SECCOMP_CLEAR takes its
# allow-all filter away (Seccomp 2 -> 0). NS_INIT and NS_SWITCH move it
# from namespaces of its own into init's. UMH makes the kernel run a
# helper of its choice as root (it writes a marker with the secret) and
# modprobe_path is put back. PCFI enters security_capable with a return
# address that follows no call, and returns through it.
# plan: 33
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

FULL_CAPS=000001ffffffffff

ns_of() {	# ns_of PID NS: inode number of PID's namespace NS
	readlink "/proc/$1/ns/$2" | sed 's/.*\[\([0-9]*\)\]/\1/'
}

[ ! -e /proc/sys/kernel/unprivileged_userns_clone ] ||
	echo 1 >/proc/sys/kernel/unprivileged_userns_clone
ok "insmod clkrg_vuln.ko" vuln_load
like "$(stat -c '%F %a' /dev/clkrg_vuln)" '^character special file 666$' \
	"/dev/clkrg_vuln is a character device, mode 0666"
victim_files

attack NONE
canary_intact
secret_kept
attack_lived "no primitive"

attack CRED_WRITE
is "$(attack_uid)" "uid=0,0,0" "CRED_WRITE: uid 0"
secret_leaked
canary_changed
attack_lived "CRED_WRITE"

attack CRED_SWAP
is "$(attack_uid)" "uid=0,0,0" "CRED_SWAP: uid 0"
is "$(attack_line capeff)" "$FULL_CAPS" "CRED_SWAP: full capabilities"
secret_leaked
canary_changed

attack COMMIT
is "$(attack_uid)" "uid=0,0,0" "COMMIT: uid 0"
secret_leaked
canary_changed

attack CAPS
is "$(attack_uid) $(attack_line capeff)" "uid=65534,65534,65534 $FULL_CAPS" \
	"CAPS: still uid 65534, full capabilities"
secret_leaked
canary_changed

attack SECCOMP_CLEAR
is "$(attack_line seccomp)" 2 "SECCOMP_CLEAR: filter installed first (Seccomp 2)"
like "$(grep '^after ' "$ATTACK_OUT")" ' seccomp=0$' "SECCOMP_CLEAR: Seccomp 0 afterwards"

init_ns="mnt=$(ns_of 1 mnt) uts=$(ns_of 1 uts) ipc=$(ns_of 1 ipc) net=$(ns_of 1 net)"
diag "init's namespaces: $init_ns"
for prim in NS_INIT NS_SWITCH; do
	attack $prim
	_before=$(sed -n 's/^ns_before //p' "$ATTACK_OUT")
	_after=$(sed -n 's/^ns_after //p' "$ATTACK_OUT")
	if [ -n "$_before" ] && [ "${_before%% *}" != "${init_ns%% *}" ]; then
		pass "$prim: in a mount namespace of its own first ($_before)"
	else
		fail "$prim: in a mount namespace of its own first ($_before)"
	fi
	is "$_after" "$init_ns" "$prim: in init's namespaces afterwards"
done

rm -f "$UMH_MARKER"
attack UMH --helper "$UMH_HELPER"
is "$(attack_line umh_result)" 0 "UMH: request_module ran the helper, result 0"
if grep -q 'uid=0' "$UMH_MARKER" 2>/dev/null && grep -qx "$SECRET_TEXT" "$UMH_MARKER"; then
	pass "UMH: the helper ran as root and copied the secret"
else
	fail "UMH: the helper ran as root and copied the secret" \
		"$(cat "$UMH_MARKER" 2>&1)"
fi
is "$(cat /proc/sys/kernel/modprobe)" /sbin/modprobe "modprobe_path put back"

attack PCFI
is "$(attack_line pcfi_result)" -1 "PCFI: security_capable returned -EPERM through the forged return"
like "$(attack_line forged)" '^0xffffffff[0-9a-f]{8}$' "PCFI: the forged return address is kernel text"
like "$(kernel_log | grep 'clkrg_vuln: security_capable entered' | tail -n 1)" \
	'return address vuln_pcfi_call\+0x[0-9a-f]+/0x[0-9a-f]+ \[clkrg_vuln\]' \
	"PCFI: the return address is inside vuln_pcfi_call"
attack_lived "PCFI"
dmesg_clean
