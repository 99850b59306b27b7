#!/bin/sh
# Runs one scenario inside the guest: run-scenario.sh FILE PLAN
# Exit 0 only when every result passed and their number equals PLAN.
set -eu
. /lib/tests/lib.sh
PLAN=$2
trap 'st=$?; [ "$TAP_DONE" = 1 ] || printf "Bail out! scenario stopped early (exit %s) after %s results\n" "$st" "$TAP_N"' EXIT
# shellcheck source=/dev/null
. "$1"
done_testing
