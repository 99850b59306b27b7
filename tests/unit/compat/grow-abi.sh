#!/bin/sh
# The ABI header as a later module and library might have it: every
# structure that libclkrg fills or reads for a caller (and HELLO) has one
# more field at its end, "__u64 grown". The library built with it is the
# "later 1.x" of compat.sh, the fake module built with it the "later
# module"; the real header is the first ABI version.
#
#   grow-abi.sh UAPI_HEADER OUT
set -eu
[ $# -eq 2 ] || { echo "usage: grow-abi.sh UAPI_HEADER OUT" >&2; exit 2; }
grown='lkrg_hello|lkrg_check|lkrg_status|lkrg_knob|lkrg_stats_row|lkrg_hook_row|lkrg_umh_entry|lkrg_event_detail|lkrg_event_lost'
mkdir -p "$(dirname "$2")"
awk -v grown="^struct ($grown) \\\\{" '
	$0 ~ grown { inside = 1 }
	inside && /^};/ { print "\t__u64 grown;\t/* compat test: a field a later ABI appended */"; inside = 0 }
	{ print }
' "$1" >"$2.tmp"
n=$(grep -c '__u64 grown;' "$2.tmp")
[ "$n" -eq 9 ] || { echo "grow-abi.sh: grew $n structures, not 9" >&2; exit 1; }
mv "$2.tmp" "$2"
