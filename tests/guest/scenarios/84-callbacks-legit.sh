# shellcheck shell=sh
# Negative twins of the callback inventory, each followed by a clean
# force-run, and no violation of object callback or redirect at all:
# network interfaces coming and going (dummy.ko with two devices, up,
# IPv4 and IPv6 addresses added and removed, down, the module unloaded:
# netdevice, inetaddr and inet6addr notifiers run meanwhile), a packet
# socket held open (af_packet's handler on ptype_all), netfilter modules
# (nf_conntrack with its dependencies, x_tables, ip_tables and
# iptable_filter forward=0, whose filter table registers three IPv4
# hooks: "appeared: ip_tables", then "gone: ip_tables" once unloaded),
# a CPU taken offline and back, and clkrg_callback.ko's own callbacks on a
# notifier chain and a netfilter hook while it is listed. A kernel without
# dummy.ko or netfilter (the debug kernel) skips those steps.
# plan: 43
# timeout: 300
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/modguard.sh
. /lib/tests/modguard.sh
# shellcheck source=tests/guest/inventory.sh
. /lib/tests/inventory.sh

P=/lib/tests/bin/pktsock
NF_MODS="crc32c_generic libcrc32c nf_defrag_ipv4 nf_defrag_ipv6 nf_conntrack"
XT_MODS="x_tables ip_tables"

load() {	# load MOD [ARGS]: a real Debian module
	_m=$1
	shift
	insmod "$(real_ko_any "$_m")" "$@"
}

real_ko_any() {
	find "/lib/modules/$(uname -r)/kernel" -name "$(echo "$1" | tr _ -).ko" \
		-o -name "$1.ko" | head -n 1
}

unload_rev() {	# unload_rev MODS: rmmod in reverse order
	_r=
	for _m in $1; do
		_r="$_m $_r"
	done
	for _m in $_r; do
		rmmod "$_m" || return 1
	done
}

expect_exit 0 lkrg-cli policy set kint_validate=1
expect_exit 0 lkrg-cli policy set ratelimit_interval=0
force_run_clean "before any twin"
start=$(next_seq)

# network interfaces coming and going
ok "lo down and up" sh -c "ip link set lo down && ip link set lo up"
if [ -n "$(real_ko_any dummy)" ]; then
	ok "insmod dummy numdummies=2" load dummy numdummies=2
	ok "dummy0 and dummy1 up" sh -c "ip link set dummy0 up && ip link set dummy1 up"
	ok "IPv4 and IPv6 addresses added" sh -c \
		"ip addr add 10.77.0.1/24 dev dummy0 && ip -6 addr add fd77::1/64 dev dummy1"
	force_run_clean "dummy devices up with addresses"
	ok "addresses removed, devices down" sh -c \
		"ip addr del 10.77.0.1/24 dev dummy0 && ip -6 addr del fd77::1/64 dev dummy1 && ip link set dummy0 down && ip link set dummy1 down"
	ok "rmmod dummy" rmmod dummy
	force_run_clean "dummy devices gone"
else
	skip 7 "no dummy.ko for this kernel: network devices coming and going"
fi

# a packet socket
$P 120 >/tmp/pkt.out 2>&1 &
pkt=$!
ok "packet socket open" wait_for 20 grep -q '^open' /tmp/pkt.out
force_run_clean "a packet socket on ptype_all"
ok "packet socket closed" stop_bg "$pkt"

# netfilter modules
if have_netfilter; then
	for m in $NF_MODS; do
		ok "insmod $m" load "$m"
	done
	force_run_clean "nf_conntrack loaded"
	ok "nf_conntrack and its dependencies unloaded" unload_rev "$NF_MODS"
	force_run_clean "nf_conntrack unloaded"
	since=$(next_seq)
	ok "insmod x_tables ip_tables" sh -c "insmod $(real_ko_any x_tables) && insmod $(real_ko_any ip_tables)"
	ok "insmod iptable_filter forward=0" load iptable_filter forward=0
	force_run_clean "iptable_filter's hooks registered"
	expect_inv "$since" info callback "appeared: ip_tables" '^0 redirecting hooks, 0 tracers, 3 callbacks$'
	since=$(next_seq)
	ok "rmmod iptable_filter" rmmod iptable_filter
	ok "rmmod ip_tables x_tables" unload_rev "$XT_MODS"
	force_run_clean "iptable_filter unloaded"
	expect_inv "$since" info callback "gone: ip_tables" '3 callbacks$'
else
	skip 16 "no netfilter in this kernel: nf_conntrack, ip_tables"
fi

# CPU hotplug
ok "cpu1 offline" sh -c "echo 0 >/sys/devices/system/cpu/cpu1/online"
force_run_clean "cpu1 offline"
ok "cpu1 online" sh -c "echo 1 >/sys/devices/system/cpu/cpu1/online"

# a listed module's own callbacks
ok "insmod clkrg_callback.ko" cb_load
ok "its own netdevice notifier" cb_set own netdevice
force_run_clean "a listed module's notifier"
ok "removed" cb_set unreg 1
if have_netfilter; then
	ok "its own netfilter hook" cb_set own nf
	force_run_clean "a listed module's netfilter hook"
	ok "removed" cb_set unreg 1
else
	skip 3 "no netfilter in this kernel: a listed module's nf hook"
fi
ok "rmmod clkrg_callback" rmmod clkrg_callback
expect_no_inv "$start" "no callback or redirect violation since the start"
dmesg_clean
