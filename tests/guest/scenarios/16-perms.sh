# shellcheck shell=sh
# Permissions with read_gid (perm_group): /dev/lkrg is 0640 root:1000; a
# member of group 1000 without capabilities (by a supplementary group and
# by its primary group) opens read-only, reads, polls, seeks and runs every
# read-only command, while every state-changing one is EPERM and changes
# nothing; users outside the group get EACCES. A violation found with
# clkrg_tamper.ko reaches the member with address 0 and LKRG_EVF_REDACTED
# (root sees the address) until expose_addresses=1. Without read_gid the
# node is 0600 root:root and the group gives no access.
# plan: 50
# no-autoload
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/tamper.sh
. /lib/tests/tamper.sh

GID=1000
PG=/lib/tests/bin/perm_group

ok "insmod clkrg.ko read_gid=$GID kint_validate=1" insmod "$CLKRG_KO" read_gid=$GID kint_validate=1
ok "insmod clkrg_tamper.ko" tamper_load
# the check the module load triggered is over before the byte changes
expect_exit 0 lkrg-cli force-run
since=$(next_seq)
ok "patch text __x64_sys_acct+0x40" tamper_patch text __x64_sys_acct 0x40
expect_exit 1 lkrg-cli force-run
ev=$(events_since "$since" | select_events type=violation name=.text | head -n 1)
vseq=$(json_field "$ev" seq)
like "$vseq" '^[0-9]+$' "the .text violation has sequence number $vseq"
ok "restore the byte" tamper_restore
expect_exit 0 lkrg-cli force-run

run_tap "member of $GID" "$PG" member $GID "${vseq:-0}"
run_tap "uid/gid 1002" "$PG" denied 1002 1002
run_tap "uid/gid 1002, groups 1003" "$PG" denied 1002 1002 1003
run_tap "nobody" "$PG" denied 65534 65534

expect_exit 0 lkrg-cli shutdown
ok "rmmod clkrg" rmmod clkrg
ok "insmod clkrg.ko without read_gid" insmod "$CLKRG_KO"
is "$(stat -c '%a %u %g' /dev/lkrg)" "600 0 0" "without read_gid /dev/lkrg is 0600 root:root"
run_tap "uid 1001 in group $GID, no read_gid" "$PG" denied 1001 1001 $GID
dmesg_clean
