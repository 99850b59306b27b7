# shellcheck shell=sh
# Helpers around the test-only module clkrg_cpu_tamper.ko (tests/modules)
# and the per-CPU guard's events. Sourced after lib.sh and clkrg.sh.
#   cpt_load                      insmod it (once) and wait until the
#                                 kernel freed its init memory: that frees
#                                 with a TLB flush on every CPU which, on a
#                                 CPU without INVPCID, rewrites CR4 from
#                                 the kernel's copy (sets SMEP/SMAP again)
#   cpt_pin_cpu0                  this shell and its children run on CPU 0
#                                 only (while CR0.WP is clear on CPU 1 the
#                                 kernel there would write through
#                                 read-only user pages: keep user tasks off)
#   cpt_cr_clear CPU wp|smep|smap clear the bit on CPU (raw mov); 0 on success
#   cpt_cr_set CPU wp|smep|smap   set it again the same way
#   cpt_bit CPU wp|smep|smap      prints 0 or 1: the bit as CPU has it now
#   cpt_msr_tamper CPU            SYSENTER_EIP of CPU moves 0x10 forward
#   cpt_msr_restore               and back
#   cpt_msr_info KEY              cpu, old, new, now (the value on that CPU)
#   cpt_idt_tamper CPU [VECTOR]   redirect an unused gate of the IDT, from
#                                 CPU (default vector: the module picks)
#   cpt_idt_restore               put the gate back
#   cpt_idt_info KEY              cpu, vector, old, new, now (handlers)
#   cpt_idtr_info KEY             the IDTR tamper: cpu, old_base, old_limit,
#                                 new_base, new_limit, now_base, now_limit
#   cpu_events SINCE OBJ NAME [F=V...]  violation events of category cpu
#   expect_cpu_event SINCE OBJ NAME ACTION   one result; sets CPU_EV
#   expect_value0 FIELD EXPECTED ACTUAL      one result on CPU_EV's
#                                 values[0]; "*" matches any value, but
#                                 expected and actual must differ
#   expect_no_cpu_event SINCE DESC [F=V...]  one result: no cpu violation
#                                 event (matching F=V...) since SINCE
#   stats_row TRIGGER             the "lkrg-cli --json stats" line of TRIGGER
# Attacks by kind, each on CPU 1: idt (one gate of the IDT, which all CPUs
# share), idtbase (CPU 1 loads a private copy of the IDT), msr
# (SYSENTER_EIP), smep, smap (CR4), wp (CR0):
#   cpt_attack KIND / cpt_undo KIND   0 on success
#   cpt_tampered KIND                 0 while CPU 1 still has the change
#   cpt_obj KIND / cpt_what KIND      the event's object, the WHAT in its
#                                     name "cpuN WHAT" and in values[0]
#   cpt_old KIND / cpt_new KIND       values[0] expected/actual for the
#                                     attack ("*" for the IDT's hashes)
#   only_cpu1_reported SINCE KIND     one result: the attack's events name
#                                     only CPU 1, or both CPUs for the IDT
#   expect_location KIND              one result on CPU_EV: the msr event
#                                     says where SYSENTER_EIP now leads
#                                     (location, address); others say none

CPT_KO=/lib/clkrg/test/clkrg_cpu_tamper.ko
CPT_PARAMS=/sys/module/clkrg_cpu_tamper/parameters
CPU_EV=

cpt_settled() {
	[ "$(cat "$CPT_PARAMS/settled")" = 1 ]
}

cpt_load() {
	[ -d "$CPT_PARAMS" ] || insmod "$CPT_KO"
	wait_for 30 cpt_settled || return 1
	# The flush follows the unmapping at once; leave it time to finish.
	usleep 200000
}

cpt_pin_cpu0() {
	taskset -p 1 $$ >/dev/null
}

cpt_cr_clear() {
	echo "$1 $2" >"$CPT_PARAMS/cr_clear"
}

cpt_cr_set() {
	echo "$1 $2" >"$CPT_PARAMS/cr_set"
}

cpt_bit() {
	sed -n "s/^cpu$1 .* $2=\\([01]\\).*/\\1/p" "$CPT_PARAMS/cr"
}

cpt_msr_tamper() {
	echo "$1" >"$CPT_PARAMS/msr_tamper"
}

cpt_msr_restore() {
	echo 1 >"$CPT_PARAMS/msr_restore"
}

cpt_msr_info() {
	tr ' ' '\n' <"$CPT_PARAMS/msr" | sed -n "s/^$1=//p"
}

cpt_idt_tamper() {
	echo "$1 ${2:-auto}" >"$CPT_PARAMS/idt_tamper"
}

cpt_idt_restore() {
	echo 1 >"$CPT_PARAMS/idt_restore"
}

cpt_idt_info() {
	tr ' ' '\n' <"$CPT_PARAMS/idt" | sed -n "s/^$1=//p"
}

cpt_idtr_info() {
	tr ' ' '\n' <"$CPT_PARAMS/idtr" | sed -n "s/^$1=//p"
}

cpu_events() {
	_ce_since=$1
	_ce_obj=$2
	_ce_name=$3
	shift 3
	events_since "$_ce_since" |
		select_events type=violation category=cpu object="$_ce_obj" \
			name="$_ce_name" "$@"
}

expect_cpu_event() {
	CPU_EV=$(cpu_events "$1" "$2" "$3" action="$4" | head -n 1)
	if [ -n "$CPU_EV" ]; then
		pass "violation event: cpu/$2 '$3', action $4"
	else
		fail "violation event: cpu/$2 '$3', action $4" \
			"none with seq >= $1"
		diag_events
	fi
}

# hex_eq A B: equal as numbers (0x..., any case and width); "*" is any.
hex_eq() {
	[ "$2" = "*" ] || [ "$(hex_norm "$1")" = "$(hex_norm "$2")" ]
}

expect_value0() {
	_v_f=$(json_field "$CPU_EV" field)
	_v_e=$(json_field "$CPU_EV" expected)
	_v_a=$(json_field "$CPU_EV" actual)
	if [ "$_v_f" = "$1" ] && [ -n "$_v_e" ] && [ -n "$_v_a" ] &&
		hex_eq "$_v_e" "$2" && hex_eq "$_v_a" "$3" &&
		! hex_eq "$_v_e" "$_v_a"; then
		pass "values[0]: $1 expected $2, actual $3"
	else
		fail "values[0]: $1 expected $2, actual $3" \
			"got field '$_v_f' expected '$_v_e' actual '$_v_a'" \
			"event: $CPU_EV"
	fi
}

expect_no_cpu_event() {
	_ne_since=$1
	_ne_desc=$2
	shift 2
	_ne=$(events_since "$_ne_since" |
		select_events type=violation category=cpu "$@")
	if [ -z "$_ne" ]; then
		pass "$_ne_desc"
	else
		fail "$_ne_desc" "$(printf '%s\n' "$_ne" | head -n 5)"
	fi
}

stats_row() {
	timeout 10 lkrg-cli --json stats 2>/dev/null |
		json_lines_where name "$1" | head -n 1
}

cpt_attack() {
	case $1 in
	idt) cpt_idt_tamper 1 ;;
	idtbase) echo "1 copy" >"$CPT_PARAMS/idtr_load" ;;
	msr) cpt_msr_tamper 1 ;;
	*) cpt_cr_clear 1 "$1" ;;
	esac
}

cpt_undo() {
	case $1 in
	idt) cpt_idt_restore ;;
	idtbase) echo 1 >"$CPT_PARAMS/idtr_restore" ;;
	msr) cpt_msr_restore ;;
	*) cpt_cr_set 1 "$1" ;;
	esac
}

cpt_tampered() {
	case $1 in
	idt) [ -n "$(cpt_idt_info now)" ] &&
		[ "$(cpt_idt_info now)" = "$(cpt_idt_info new)" ] ;;
	idtbase) [ -n "$(cpt_idtr_info now_base)" ] &&
		[ "$(cpt_idtr_info now_base)" = "$(cpt_idtr_info new_base)" ] ;;
	msr) [ -n "$(cpt_msr_info now)" ] &&
		[ "$(cpt_msr_info now)" = "$(cpt_msr_info new)" ] ;;
	*) [ "$(cpt_bit 1 "$1")" = 0 ] ;;
	esac
}

cpt_obj() {
	case $1 in
	idt | idtbase) echo idt ;;
	msr) echo msr ;;
	*) echo cr ;;
	esac
}

cpt_what() {
	case $1 in
	idt) echo "IDT entries" ;;
	idtbase) echo "IDT base" ;;
	msr) echo SYSENTER_EIP ;;
	smep) echo CR4.SMEP ;;
	smap) echo CR4.SMAP ;;
	wp) echo CR0.WP ;;
	esac
}

cpt_old() {
	case $1 in
	idt) echo "*" ;;
	idtbase) cpt_idtr_info old_base ;;
	msr) cpt_msr_info old ;;
	*) echo 0x1 ;;
	esac
}

cpt_new() {
	case $1 in
	idt) echo "*" ;;
	idtbase) cpt_idtr_info new_base ;;
	msr) cpt_msr_info new ;;
	*) echo 0x0 ;;
	esac
}

only_cpu1_reported() {
	_o_what=$(cpt_what "$2")
	_o_names=$(events_since "$1" | select_events type=violation category=cpu |
		while IFS= read -r _o_ev; do
			json_field "$_o_ev" name
		done | sort -u | tr '\n' ';')
	if [ "$2" = idt ]; then
		is "$_o_names" "cpu0 $_o_what;cpu1 $_o_what;" \
			"idt: reported for cpu0 and cpu1 (one table for all CPUs)"
	else
		is "$_o_names" "cpu1 $_o_what;" "$2: reported for cpu1 only"
	fi
}

expect_location() {
	_l_loc=$(json_field "$CPU_EV" location)
	_l_addr=$(json_field "$CPU_EV" address)
	if [ "$1" = msr ]; then
		if printf '%s\n' "$_l_loc" | grep -q '^entry_SYSENTER_compat+0x10/' &&
			[ -n "$_l_addr" ] && hex_eq "$_l_addr" "$(cpt_msr_info new)"; then
			pass "msr: location entry_SYSENTER_compat+0x10, address the new value"
		else
			fail "msr: location entry_SYSENTER_compat+0x10, address the new value" \
				"location '$_l_loc' address '$_l_addr' new '$(cpt_msr_info new)'"
		fi
	else
		is "$_l_loc/$_l_addr" "/" "$1: no location, no address"
	fi
}
