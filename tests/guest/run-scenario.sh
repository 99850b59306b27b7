#!/bin/sh
# Runs one scenario inside the guest: run-scenario.sh FILE PLAN
# Exit 0 only when every result passed and their number equals PLAN.
set -eu
# fd 9: the TAP stream, for bail() inside command substitutions
exec 9>&1
# shellcheck source=tests/guest/lib.sh
. /lib/tests/lib.sh
# shellcheck disable=SC2034 # read by done_testing
PLAN=$2
# shellcheck disable=SC2154 # st is assigned inside the trap
trap 'st=$?; [ "$TAP_DONE" = 1 ] || printf "Bail out! scenario stopped early (exit %s) after %s results\n" "$st" "$TAP_N"' EXIT
# shellcheck source=/dev/null
. "$1"
done_testing
