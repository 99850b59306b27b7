#!/bin/sh
# libclkrg across builds: one library, programs built at different times,
# modules of different ages (all built by "make compat-builds"):
#  - the program built against CLKRG_1.2's clkrg.h and the first ABI
#    version (obj/compat/prog-old), run with the library of this tree and
#    its module, then with a later 1.x whose every structure grew (the
#    library built from the same sources with compat/grow-abi.sh's header)
#    and a later module, and with that later library and an older module;
#  - the program built today against the grown ABI (prog-new) with the
#    later library, against a later module (the grown fields are there)
#    and an older one (they are absent and zero, never garbage).
# Prints TAP; "compat.sh RESULT" adds its counts to RESULT.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
C=$here/obj/compat
N=0
FAILED=0

pass() {
	N=$((N + 1))
	echo "ok $N - $1"
}

fail() {
	N=$((N + 1))
	FAILED=$((FAILED + 1))
	echo "not ok $N - $1"
	shift
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}

for f in "$C/prog-old" "$C/prog-new" "$C/fake-grown.so" "$C/lib/libclkrg.so.1" \
	"$here/obj/preload/libfakelkrg.so" "$top/libclkrg/libclkrg.so.1"; do
	[ -e "$f" ] || { echo "Bail out! missing $f (make compat-builds)"; exit 1; }
done

# run DESC FAKE LIBDIR PROG [older]: PROG's TAP, renumbered into this
# stream, then one result for the run as a whole (exit 0, all planned).
run() {
	_desc=$1
	_out=$(mktemp)
	if [ "${5:-}" = older ]; then
		CLKRG_FAKE_OLDER=1 LD_PRELOAD=$2 LD_LIBRARY_PATH=$3 "$4" >"$_out" 2>&1
	else
		LD_PRELOAD=$2 LD_LIBRARY_PATH=$3 "$4" >"$_out" 2>&1
	fi
	_rc=$?
	_plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$_out")
	_seen=0
	while IFS= read -r _l; do
		case $_l in
		"ok "*) _seen=$((_seen + 1)); pass "$_desc: ${_l#ok * - }" ;;
		"not ok "*) _seen=$((_seen + 1)); fail "$_desc: ${_l#not ok * - }" ;;
		"#"*) echo "$_l" ;;
		1..*) ;;
		*) echo "# $_desc: $_l" ;;
		esac
	done <"$_out"
	if [ "$_rc" -eq 0 ] && [ -n "$_plan" ] && [ "$_seen" -eq "$_plan" ]; then
		pass "$_desc: complete, exit 0"
	else
		fail "$_desc: complete, exit 0" "exit $_rc, plan ${_plan:-none}, results $_seen"
	fi
	rm -f "$_out"
}

# The symbol versions each program was bound to.
versions() {
	objdump -T "$1" | awk '/clkrg_/ { print $(NF - 1) " " $NF }' | sort -u
}

old=$(versions "$C/prog-old")
if echo "$old" | grep -q '^(CLKRG_1\.0) clkrg_status$' &&
	echo "$old" | grep -q '^(CLKRG_1\.1) clkrg_hooks$' &&
	! echo "$old" | grep -q 'CLKRG_1\.[3-9]'; then
	pass "the 1.2-built program calls the 1.0 and 1.1 entry points only"
else
	fail "the 1.2-built program calls the 1.0 and 1.1 entry points only" "$old"
fi
new=$(versions "$C/prog-new")
if echo "$new" | grep -q '^(CLKRG_1\.3) clkrg_status_sized$' &&
	echo "$new" | grep -q '^(CLKRG_1\.3) clkrg_policy_list_sized$' &&
	! echo "$new" | grep -q ' clkrg_status$'; then
	pass "the program built today calls the sized entry points"
else
	fail "the program built today calls the sized entry points" "$new"
fi

# Each later call in the node of the release that added it, none moved.
defined=$(objdump -T "$top/libclkrg/libclkrg.so.1" |
	awk '$4 == ".text" && /clkrg_/ { print $(NF - 1) " " $NF }' | sort -u)
want="CLKRG_1.4 clkrg_knob_defs_sized
CLKRG_1.4 clkrg_umh_path_check
CLKRG_1.5 clkrg_hook_allow
CLKRG_1.5 clkrg_hook_allow_entry_to_json_sized
CLKRG_1.5 clkrg_hook_allow_free
CLKRG_1.5 clkrg_hook_allow_list_sized
CLKRG_1.5 clkrg_hook_deny"
got=$(echo "$defined" | grep -E '^CLKRG_1\.[45] ')
if [ "$got" = "$want" ]; then
	pass "the 1.4 and 1.5 calls are in their symbol versions"
else
	fail "the 1.4 and 1.5 calls are in their symbol versions" "$got"
fi

run "1.2-built program, this library and module" \
	"$here/obj/preload/libfakelkrg.so" "$top/libclkrg" "$C/prog-old"
run "1.2-built program, later library, later module" \
	"$C/fake-grown.so" "$C/lib" "$C/prog-old"
run "1.2-built program, later library, older module" \
	"$C/fake-grown.so" "$C/lib" "$C/prog-old" older
run "newer program, its library, newer module" \
	"$C/fake-grown.so" "$C/lib" "$C/prog-new"
run "newer program, its library, older module" \
	"$C/fake-grown.so" "$C/lib" "$C/prog-new" older

echo "1..$N"
echo "# compat: $((N - FAILED)) passed, $FAILED failed"
if [ $# -ge 1 ] && [ -r "$1" ]; then
	read -r p f <"$1"
	echo "$((p + N - FAILED)) $((f + FAILED))" >"$1"
fi
[ "$FAILED" -eq 0 ]
