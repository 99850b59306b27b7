# shellcheck shell=sh
# Helpers around the test-only module clkrg_selfattack.ko (tests/modules):
# attacks on clkrg itself and on the kernel's patch sites. Sourced after
# lib.sh and clkrg.sh.
#   sa_load                   insmod it (once)
#   sa_do ATTACK ARG          starts one attack (see the module's header)
#   sa_restore                undoes it
#   sa_last                   "what address old new result" of the last one
#   knob_index NAME           NAME's position in the policy (what the
#                             module's knob attacks take)

SA_KO=/lib/clkrg/test/clkrg_selfattack.ko
SA_PARAMS=/sys/module/clkrg_selfattack/parameters

sa_load() {
	[ -d "$SA_PARAMS" ] || insmod "$SA_KO"
}

sa_do() {
	printf '%s\n' "$2" >"$SA_PARAMS/$1"
}

sa_restore() {
	echo 1 >"$SA_PARAMS/restore"
}

sa_last() {
	cat "$SA_PARAMS/last"
}

knob_index() {
	timeout 10 lkrg-cli policy get | awk -v k="$1" '$1 == k { print NR - 1; f = 1 } END { exit !f }'
}
