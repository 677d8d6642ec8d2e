# Helpers the namespace topology scripts share.  Source it after setting
# builddir and srcdir; the helpers that run commands use CLI (the cli
# program) and tmp (the script's temporary directory) when called;
# known_prefix names the script's lines in tests/KNOWN-FAILURES.

fails=0
# need_built PROGRAM...: each, a path under $builddir, is built, else the
# suite itself is broken (exit 99).
need_built() {
	local f
	for f in "$@"; do
		if [ ! -x "$builddir/$f" ]; then
			echo "missing $builddir/$f (run from the build directory)" >&2
			exit 99
		fi
	done
}
# need_netns [COMMAND...]: root, iproute2, /dev/net/tun and each COMMAND,
# else the script is skipped (exit 77).
need_netns() {
	local c
	if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null ||
	    [ ! -c /dev/net/tun ]; then
		echo "SKIP: needs root, iproute2 and /dev/net/tun"
		exit 77
	fi
	for c in "$@"; do
		if ! command -v "$c" >/dev/null; then
			echo "SKIP: $c is not installed (setup.sh installs it)"
			exit 77
		fi
	done
}
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

# wan_capture NS: tshark on NS's br-wan bridge (the lab's WAN segment),
# UDP 4341/4342 only, into $tmp/wan.pcap for the rest of the run; the
# script's trap kills $TSHARK_PID.  Without tshark, TSHARK_PID stays empty.
wan_capture() {
	TSHARK_PID=
	command -v tshark >/dev/null || return 0
	ip netns exec "$1" tshark -q -i br-wan -w "$tmp/wan.pcap" \
	    -f "udp port 4341 or udp port 4342" >/dev/null 2>&1 &
	TSHARK_PID=$!
}
# wan_decode_checks: stops the capture, then checks that tshark decodes
# every UDP 4341/4342 packet as LISP and finds none malformed.  Fails
# (returns 1) only when there was no capture, so that a script's own
# checks on $tmp/wan.pcap go under `if wan_decode_checks; then`.
wan_decode_checks() {
	local total lisp bad
	if [ -z "${TSHARK_PID:-}" ]; then
		echo "info: tshark not installed: decode check skipped"
		return 1
	fi
	sleep 1
	kill "$TSHARK_PID" 2>/dev/null || true
	wait "$TSHARK_PID" 2>/dev/null || true
	TSHARK_PID=
	total=$(tshark -r "$tmp/wan.pcap" -Y "udp.port==4341 or udp.port==4342" 2>/dev/null | wc -l)
	lisp=$(tshark -r "$tmp/wan.pcap" -Y "lisp or lisp-data" 2>/dev/null | wc -l)
	bad=$(tshark -r "$tmp/wan.pcap" -Y "_ws.malformed" 2>/dev/null | wc -l)
	echo "info: tshark: $total packets on 4341/4342, $lisp LISP, $bad malformed"
	check "tshark decodes every UDP 4341/4342 packet on the WAN as LISP" \
	    [ "$total" -gt 0 -a "$total" = "$lisp" ]
	check "tshark finds no malformed packet" [ "$bad" = 0 ]
}
