# shellcheck shell=sh
# Sourced by tests/kernel-suite.sh: the scenario manifest
# (tests/guest/MANIFEST, its header says the format).
#
#   manifest_entries FILE          "NAME RESULTS" per listed scenario
#   manifest_problems FILE DIR     one line per problem: a listed scenario
#                                  without DIR/NAME.sh, a file not listed,
#                                  a "# plan:" that differs, a bad line
#   manifest_skips FILE NAME KVER  SKIP results declared for NAME on KVER
#   manifest_runs FILE NAME KVER   exit 0 if NAME runs on KVER
#   manifest_kver FILE NAME        its kver= glob, or ""

manifest_entries() {
	awk '!/^[[:space:]]*(#|$)/ { print $1, $2 }' "$1"
}

manifest_problems() {
	awk '!/^[[:space:]]*(#|$)/ {
		bad = ($1 !~ /^[0-9][0-9]-[a-z0-9-]+$/ || $2 !~ /^[0-9]+$/)
		for (i = 3; i <= NF; i++)
			if ($i !~ /^(skip(@[^=]+)?=[0-9]+|kver=.+)$/)
				bad = 1
		if (bad)
			print "manifest line " NR " is malformed: " $0
		if ($1 in seen)
			print "manifest lists " $1 " twice"
		seen[$1] = 1
	}' "$1"
	manifest_entries "$1" | while read -r _n _count; do
		_f=$2/$_n.sh
		if [ ! -f "$_f" ]; then
			echo "scenario $_n is in the manifest but $_f is missing"
			continue
		fi
		_plan=$(sed -n 's/^# plan: *\([0-9][0-9]*\) *$/\1/p' "$_f" | head -n 1)
		[ "$_plan" = "$_count" ] ||
			echo "scenario $_n: the manifest expects $_count results, its plan is '${_plan:-none}'"
	done
	for _f in "$2"/*.sh; do
		[ -f "$_f" ] || continue
		_n=$(basename "$_f" .sh)
		manifest_entries "$1" | grep -q "^$_n " ||
			echo "scenario file $_f is not in the manifest"
	done
}

# The value of option KEY of NAME's line ("" when absent).
manifest_opt() {
	awk -v n="$2" -v k="$3" '$1 == n {
		for (i = 3; i <= NF; i++)
			if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit }
	}' "$1"
}

manifest_skips() {
	_skips=$(manifest_opt "$1" "$2" skip)
	# shellcheck disable=SC2013 # options are words
	for _opt in $(awk -v n="$2" '$1 == n { for (i = 3; i <= NF; i++) print $i }' "$1"); do
		case $_opt in
		skip@*=*)
			_glob=${_opt#skip@}
			_glob=${_glob%%=*}
			# shellcheck disable=SC2254 # the glob is the point
			case $3 in
			$_glob) _skips=${_opt##*=} ;;
			esac
			;;
		esac
	done
	echo "${_skips:-0}"
}

manifest_kver() {
	manifest_opt "$1" "$2" kver
}

manifest_runs() {
	_glob=$(manifest_kver "$1" "$2")
	[ -n "$_glob" ] || return 0
	# shellcheck disable=SC2254
	case $3 in
	$_glob) return 0 ;;
	esac
	return 1
}
