# shellcheck shell=sh
# Exploit detection, negative twin: overlayfs copy-up. overlayfs copies a
# lower file up with the mounter's credentials (override_creds, then
# revert_creds) while the writer's stay in place. Root mounts an overlay of
# tmpfs directories; root appends to a lower root-owned file, alice to a
# lower file of hers (copied up, still hers), alice creates a file in a
# lower directory of hers, root changes owner and mode of lower files
# (metadata copy-up); then 20 rounds of new lower files copied up by alice
# and by root. No violation event, and a clean force-run afterwards.
# plan: 13
# shellcheck source=tests/guest/clkrg.sh
. /lib/tests/clkrg.sh
# shellcheck source=tests/guest/pint.sh
. /lib/tests/pint.sh

OV=/tmp/ov
ok "insmod overlay.ko" insmod "/lib/modules/$(uname -r)/kernel/fs/overlayfs/overlay.ko"
mkdir -p $OV
mount -t tmpfs ovt $OV
mkdir -p $OV/lower/d $OV/upper $OV/work $OV/merged
echo root-file >$OV/lower/f
echo alice-file >$OV/lower/g
chown 1000:1000 $OV/lower/g $OV/lower/d
chmod 0755 $OV/lower/d
since=$(next_seq)

ok "mount -t overlay" mount -t overlay overlay \
	-o "lowerdir=$OV/lower,upperdir=$OV/upper,workdir=$OV/work" $OV/merged
ok "root appends to a lower root-owned file" sh -c "echo more >>$OV/merged/f"
ok "it was copied up" test -f $OV/upper/f
as_alice() {
	"$LEGIT" run-as 1000 1000 sh -c "$1"
}
ok "alice appends to her lower file" as_alice "echo more >>$OV/merged/g"
is "$(stat -c %u $OV/upper/g 2>&1)" 1000 "copied up, still owned by alice"
ok "alice creates a file in her lower directory" as_alice "echo new >$OV/merged/d/new"
ok "root: chown and chmod of lower files (metadata copy-up)" sh -c \
	"echo x >$OV/lower/h && echo y >$OV/lower/i && chown 1001:1001 $OV/merged/h && chmod 0600 $OV/merged/i"
rounds() {
	_i=0
	while [ "$_i" -lt 20 ]; do
		_i=$((_i + 1))
		echo "a$_i" >$OV/lower/a$_i && chown 1000:1000 $OV/lower/a$_i &&
			echo "r$_i" >$OV/lower/r$_i || return 1
		as_alice "echo up >>$OV/merged/a$_i" || { echo "alice round $_i"; return 1; }
		echo up >>$OV/merged/r$_i || return 1
		if ! { [ -f $OV/upper/a$_i ] && [ -f $OV/upper/r$_i ]; }; then
			echo "no copy-up $_i"
			return 1
		fi
	done
}
ok "20 rounds of copy-up by alice and by root" rounds
ok "umount the overlay" umount $OV/merged
expect_no_violation "$since" "no violation event during the copy-ups"
force_run_clean "after the copy-ups"
dmesg_clean
