#!/bin/sh
# pytest for the clkrg package on the host: the tree's libclkrg.so.1 with
# the fake module preloaded in front of libc (tests/unit/fake_preload.c).
#   run-tests.sh [RESULT] [PYTEST ARGS...]
# RESULT ("<passed> <failed>") gets this run's counts added; a pytest that
# could not run at all counts as one failure there.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
result=
if [ $# -ge 1 ] && [ "${1#-}" = "$1" ]; then
	result=$1
	shift
fi
fake=$top/tests/unit/obj/preload/libfakelkrg.so
[ -e "$fake" ] || { echo "run-tests.sh: no $fake (make check)" >&2; exit 1; }
before=
[ -n "$result" ] && [ -r "$result" ] && before=$(cat "$result")
rc=0
env CLKRG_RESULT="$result" CLKRG_LIBRARY="$top/libclkrg/libclkrg.so.1" \
	LD_PRELOAD="$fake" PYTHONPATH="$here" PYTHONDONTWRITEBYTECODE=1 \
	"$PYTHON" -m pytest -q -p no:cacheprovider "$here/tests" "$@" || rc=$?
if [ "$rc" -ne 0 ] && [ -n "$result" ] && [ "$(cat "$result" 2>/dev/null)" = "$before" ]; then
	p=${before%% *}
	f=${before##* }
	echo "${p:-0} $((${f:-0} + 1))" >"$result"
	echo "python: pytest did not run (exit $rc): counted as one failure" >&2
fi
exit "$rc"
