# shellcheck shell=sh
# The edges of every ioctl of the generated table (ioctl_edges): kernel,
# non-canonical, low, unmapped and half-mapped pointers, every short size,
# every tail position, zero tails up to a page, every flag bit and
# reserved byte, every unassigned number and other magics; after each rule
# the module's state is unchanged. No periodic checks, so that the state stays still.
# plan: 21
# kmemleak: clean
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

expect_exit 0 lkrg-cli policy set kint_validate=1
run_tap ioctl_edges /lib/tests/bin/ioctl_edges
dmesg_clean
