# shellcheck shell=sh
# Random-event triggers (kint_validate=3): with each source's chance forced
# to 100%, its event in the guest starts a check, seen in its stats row;
# with the chance at 0 the same event starts none. fired == started +
# coalesced holds for every row afterwards. (cpufreq, usb and acpi have no
# such device under TCG and are not exercised here.)
# plan: 14
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh

# stat_field TRIGGER FIELD: a field of that trigger's "lkrg-cli --json stats" row.
stat_field() {
	timeout 10 lkrg-cli --json stats 2>/dev/null >/tmp/stats.json || true
	json_field "$(json_lines_where name "$1" </tmp/stats.json)" "$2"
}

# fires TRIGGER DESC CMD...: CMD makes TRIGGER's fired counter rise.
fires() {
	_trig=$1
	_desc=$2
	shift 2
	_before=$(stat_field "$_trig" fired)
	"$@" >/dev/null 2>&1 || true
	if wait_for 10 sh -c "[ \"\$(lkrg-cli --json stats | grep '\"name\":\"$_trig\"' | sed 's/.*\"fired\":\([0-9]*\).*/\1/')\" -gt ${_before:-0} ]"; then
		pass "$_desc raises the $_trig counter"
	else
		fail "$_desc raises the $_trig counter" "before: ${_before:-?}" \
			"after: $(stat_field "$_trig" fired)"
	fi
}

expect_exit 0 lkrg-cli policy set kint_validate=random
for src in netdev netevent inetaddr inet6addr; do
	expect_exit 0 lkrg-cli policy set "rand_$src=10000"
done

fires inetaddr "ip addr add 10.77.0.1/8 dev lo" ip addr add 10.77.0.1/8 dev lo
fires inet6addr "ip -6 addr add fd00::77/128 dev lo" ip -6 addr add fd00::77/128 dev lo
ip link set lo up
fires netdev "ip link set lo down" ip link set lo down
ip link set lo up
# Any write of a neighbour table's delay_first_probe_time sends a netevent
# (NETEVENT_DELAY_PROBE_TIME_UPDATE); unlike the multipath hash policy it
# needs no IP_ROUTE_MULTIPATH, which the debug kernel's config leaves out.
nd=/proc/sys/net/ipv4/neigh/default/delay_first_probe_time
fires netevent "a write of neigh/default/delay_first_probe_time" \
	sh -c "v=\$(cat $nd) && echo \"\$v\" >$nd"

# Chance 0: the same kind of event starts nothing.
expect_exit 0 lkrg-cli policy set rand_inetaddr=0
before=$(stat_field inetaddr fired)
ip addr add 10.79.0.1/8 dev lo
sleep 1
is "$(stat_field inetaddr fired)" "$before" "rand_inetaddr=0: no check"

# Every row adds up.
timeout 10 lkrg-cli --json stats >/tmp/stats.json 2>/dev/null || true
bad=""
while IFS= read -r row; do
	f=$(json_field "$row" fired)
	s=$(json_field "$row" started)
	c=$(json_field "$row" coalesced)
	[ "$f" -eq $((s + c)) ] || bad="$bad $(json_field "$row" name)"
done </tmp/stats.json
is "$bad" "" "fired == started + coalesced in every stats row"
expect_exit 0 lkrg-cli force-run
dmesg_clean
