# Helpers the namespace topology scripts share.  Source it after setting
# CLI (the cli program) and tmp (the script's temporary directory);
# known_prefix names the script's lines in tests/KNOWN-FAILURES.

fails=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
# wait_for SECONDS CMD...: CMD until it succeeds, every 0.1 s.
wait_for() {
	local tries=$(($1 * 10))
	shift
	while [ "$tries" -gt 0 ]; do
		if "$@"; then return 0; fi
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}
# cli NS RUNDIR CMD...: each CMD at the privileged prompt of that router.
cli() {
	local ns=$1 rd=$2 args=() c
	shift 2
	for c in "$@"; do args+=(-c "$c"); done
	ip netns exec "$ns" "$CLI" --rundir "$rd" "${args[@]}" 2>&1 || true
}
# paste_config NS RUNDIR < lines: pasted into configure terminal; the
# transcript goes to $tmp/paste.NS.
paste_config() {
	paste_out "$@" >"$tmp/paste.$1"
}
# paste_out NS RUNDIR < lines: the same, the transcript on stdout.
paste_out() {
	{ echo enable; echo "configure terminal"; cat; echo end; } |
	    ip netns exec "$1" "$CLI" --rundir "$2" 2>&1
}
has() { grep -qE -- "$2" <<<"$1"; }
hasnt() { ! grep -qE -- "$2" <<<"$1"; }
# A check that tests/KNOWN-FAILURES lists as <known_prefix>/<id> (a bug
# elsewhere): its failure is reported as known; its success fails the
# suite until the line is removed.
known_list=${srcdir:-$(dirname "$0")/../..}/tests/KNOWN-FAILURES
check_known() {
	local id=$1 what=$2 k=${known_prefix:-lisp}/$1
	shift 2
	if ! grep -q "^$k " "$known_list" 2>/dev/null; then
		check "$what" "$@"
	elif "$@"; then
		fail "$what (passes: remove $k from tests/KNOWN-FAILURES)"
	else
		echo "known failure: $what ($k)"
	fi
}
# check_id ID WHAT CMD...: a check named ID in tests/KNOWN-FAILURES as
# <known_prefix>/ID.  Listed, its failure is expected (XFAIL, counted in
# xfails) and its success fails the suite until the line is removed,
# unless the reason starts with "(intermittent)": a bug that shows only
# sometimes.  Results go to stdout.
xfails=0
check_id() {
	local id=$1 what=$2 rc=0 k=${known_prefix:-lisp}/$1
	shift 2
	"$@" || rc=1
	if grep -q "^$k[[:space:]]" "$known_list" 2>/dev/null; then
		if [ $rc -eq 0 ] &&
		    grep -q "^$k[[:space:]]*(intermittent)" "$known_list"; then
			echo "ok: $what [$k: known intermittent failure," \
			    "not seen this time]"
		elif [ $rc -eq 0 ]; then
			echo "FAIL: $what [$k passes: remove it from" \
			    "tests/KNOWN-FAILURES]"
			fails=$((fails + 1))
		else
			echo "XFAIL (known): $what [$k]"
			xfails=$((xfails + 1))
		fi
	elif [ $rc -eq 0 ]; then
		echo "ok: $what"
	else
		echo "FAIL: $what [$k]"
		fails=$((fails + 1))
	fi
	return 0
}
# status_field RUNDIR DAEMON FIELD: FIELD (state, pid or restarts) of a
# daemon in `routerctl status` ($RC).
status_field() {
	"$RC" status --rundir "$1" 2>/dev/null | awk -v d="$2" -v f="$3" '
		$1 == d && f == "state" { print $2 }
		$1 == d && f == "pid" { print $4 }
		$1 == d && f == "restarts" { print $NF }'
}
