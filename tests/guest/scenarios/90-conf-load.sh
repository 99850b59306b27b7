# shellcheck shell=sh
# /etc/clkrg.conf applied as clkrg loads: clkrg-load runs the real
# modprobe (kmod, after depmod, clkrg.ko in /lib/modules/KVER/updates as
# "make install" leaves it) with the file's policy as parameters. A knob
# by value name and by number, an allow-list that replaces the defaults
# (a listed helper runs, a default one no longer listed is refused), the
# reader group (/dev/lkrg root:clkrg 0640; a member reads, changes
# nothing; others are refused). The policy is in force from the first
# event: no policy change is ever logged. The module describes the knobs
# clkrg-load checked against, and the shipped file's defaults are the
# module's own.
# plan: 35
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/conf.sh
. /lib/tests/conf.sh

KVER=$(uname -r)
CLKRG_GID=$(sed -n 's/^clkrg:x:\([0-9]*\):.*/\1/p' /etc/group)
mkdir -p /mnt
request_module() {	# the kernel starts its modprobe helper
	mount -t clkrgnofs none /mnt 2>/dev/null || true
}

ok "depmod -a, as make install runs it" "$KMOD/depmod" -a
# KVER as an ERE: 6.12's release has a "+"
kver_re=$(printf '%s' "$KVER" | sed 's/[.+]/\\&/g')
like "$("$KMOD/modprobe" --show-depends clkrg 2>&1)" "^insmod /lib/modules/$kver_re/updates/clkrg\.ko" \
	"modprobe finds clkrg in /lib/modules/$KVER/updates"

# The defaults: no file.
expect_exit 0 clkrg_load --config /etc/none.conf
like "$(cat "$OUT_FILE")" "no /etc/none.conf: clkrg loaded with its defaults" "clkrg-load says it used the defaults"
knob_values >/tmp/defaults.knobs
umh_paths >/tmp/defaults.umh
# the module's knob table is the one clkrg-load checks against
lkrg-cli --json policy get | sed -n 's/.*"name":"\([^"]*\)".*"description":"\([^"]*\)".*/\1 \2/p' |
	sort >/tmp/module.knobs
clkrg-load --list | awk '$1 != "umh_allow" && $1 != "read_group" {
	d = $3; for (i = 4; i <= NF; i++) d = d " " $i; print $1, d }' | sort >/tmp/loader.knobs
if [ -s /tmp/module.knobs ] && cmp -s /tmp/module.knobs /tmp/loader.knobs; then
	pass "the module's knobs are clkrg-load's, name and description ($(grep -c . /tmp/module.knobs))"
else
	fail "the module's knobs are clkrg-load's, name and description" \
		"$(diff /tmp/module.knobs /tmp/loader.knobs | head -n 10)"
fi
ok "shutdown and rmmod" unload

# The shipped file with every default uncommented (but the allow-list,
# which would replace the module's list, and the group).
sed -e 's/^#\([a-z0-9_]* = \)/\1/' -e '/^umh_allow/d' -e '/^read_group/d' \
	/lib/tests/clkrg.conf.dist >/etc/clkrg.conf
expect_exit 0 clkrg_load
knob_values >/tmp/shipped.knobs
if cmp -s /tmp/defaults.knobs /tmp/shipped.knobs; then
	pass "the shipped /etc/clkrg.conf's defaults are the module's ($(grep -c . /tmp/shipped.knobs) knobs)"
else
	fail "the shipped /etc/clkrg.conf's defaults are the module's" \
		"$(diff /tmp/defaults.knobs /tmp/shipped.knobs | head -n 10)"
fi
ok "shutdown and rmmod" unload

# A policy of our own.
cat >/etc/clkrg.conf <<EOF
# clkrg policy of the test
kint_enforce = log_accept
interval = 30
pint_validate = 2
umh_allow = /tmp/helper-ok.sh
umh_allow = /sbin/modprobe
read_group = clkrg
EOF
printf '#!/bin/sh\necho ran >/tmp/helper-ok.ran\nexit 1\n' >/tmp/helper-ok.sh
chmod 0755 /tmp/helper-ok.sh
expect_exit 0 clkrg_load
like "$(cat "$OUT_FILE")" "loaded with /etc/clkrg.conf \(6 settings\)" "clkrg-load names the file and its settings"
is "$(lkrg-cli policy get kint_enforce)" 0 "kint_enforce = log_accept (by name) is in force"
is "$(lkrg-cli policy get interval)" 30 "interval = 30 is in force"
is "$(lkrg-cli policy get pint_validate)" 2 "pint_validate = 2 (by number) is in force"
is "$(knob_values | grep -v -e '^kint_enforce ' -e '^interval ' -e '^pint_validate ' | md5sum)" \
	"$(grep -v -e '^kint_enforce ' -e '^interval ' -e '^pint_validate ' /tmp/defaults.knobs | md5sum)" \
	"every other knob at its default"
is "$(count_events 0 type=admin)" 0 "no policy change logged: the policy held from load on"
is "$(events_since 0 | head -n 1 | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')" "loaded, baseline taken" \
	"the first event is the load"
is "$(umh_paths | tr '\n' ' ')" "/tmp/helper-ok.sh /sbin/modprobe " \
	"the allow-list is the file's two helpers, the defaults replaced"

# The allow-list acts: a listed helper runs, a default one is refused.
since=$(next_seq)
echo /tmp/helper-ok.sh >/proc/sys/kernel/modprobe
request_module
ok "a listed helper (/tmp/helper-ok.sh) ran" test -s /tmp/helper-ok.ran
is "$(count_events "$since" type=violation object=umh)" 0 "and raised nothing"
since=$(next_seq)
echo /bin/true >/proc/sys/kernel/modprobe
request_module
expect_event "$since" "/bin/true, a default helper the file left out, is refused" \
	object=umh name=/bin/true action=denied
echo /sbin/modprobe >/proc/sys/kernel/modprobe
rm -f /tmp/modprobe.log
since=$(next_seq)
request_module
ok "/sbin/modprobe, listed, runs" grep -q fs-clkrgnofs /tmp/modprobe.log
is "$(count_events "$since" type=violation object=umh)" 0 "and raised nothing"

# The reader group.
is "$(stat -c '%a %u %g' /dev/lkrg)" "640 0 $CLKRG_GID" "/dev/lkrg is root:clkrg ($CLKRG_GID) 0640"
expect_exit 0 su dave -c 'lkrg-cli status'
expect_exit 0 su dave -c 'lkrg-cli events'
expect_exit 4 su dave -c 'lkrg-cli policy set interval=60'
is "$(lkrg-cli policy get interval)" 30 "the member changed nothing"
expect_exit 4 su -s /bin/sh nobody -c 'lkrg-cli status'
expect_exit 4 su alice -c 'lkrg-cli status'

# Loaded already: nothing applied, and it says so.
echo "interval = 60" >>/etc/clkrg.conf
sed -i '/^interval = 30$/d' /etc/clkrg.conf
expect_exit 4 clkrg_load
like "$(cat "$OUT_FILE")" "already loaded: nothing applied" "clkrg-load says it applied nothing"
is "$(lkrg-cli policy get interval)" 30 "interval is still 30"
ok "shutdown and rmmod" unload
dmesg_clean
