# shellcheck shell=sh
# The harness itself: the shell writes while background children end. ash
# catches SIGCHLD without SA_RESTART, so a shell whose printf blocked on
# the UART lost the line to EINTR and, under set -e, stopped (a flake of
# 03-modules). /init now gives the scenario a file that tapfwd copies to
# the UART; before that, this scenario stopped within 80 lines.
# plan: 2
# no-autoload

long=$(head -c 3000 /dev/zero | tr '\0' x)
i=0
while [ "$i" -lt 400 ]; do
	(usleep $((i % 7 * 1000))) &
	printf '# line %d while a child ends: %s\n' "$i" "$long"
	i=$((i + 1))
done
wait
pass "400 lines of 3 KB written while children ended"
dmesg_clean
