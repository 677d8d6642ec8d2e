#!/bin/bash
# Bad input costs nothing: binary bytes on the shell's stdin, a 100,000
# character line, 10,000 help requests, NUL bytes and escape sequences, and
# a peer that sends malformed frames to cfgd.sock while a normal shell keeps
# working.  Afterwards cfgd is the same process (routerctl counts no
# restart), it still answers, and the configuration is what it was.
#
# Runs from the build directory (make check's cwd) or with
# $abs_top_builddir set; needs no root.  Checks listed in
# tests/KNOWN-FAILURES as "badinput/<id> reason" are expected to fail (one
# that passes fails the test, so that the list stays true).
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
export srcdir
known=$srcdir/tests/KNOWN-FAILURES
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
GARBAGE=$srcdir/tests/topo/ipc_garbage.py
for f in "$RC" "$CLI" "$GARBAGE"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/badinput-test.XXXXXX")
bgpids=()
cleanup() {
	local p
	for p in "${bgpids[@]}"; do kill "$p" 2>/dev/null || true; done
	"$RC" stop --rundir "$tmp/r1" >/dev/null 2>&1 || true
	for p in "${bgpids[@]}"; do wait "$p" 2>/dev/null || true; done
	if [ -n "${BADINPUT_KEEP:-}" ]; then
		echo "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

t_start=$(date +%s%N)
known_prefix=badinput
. "$(dirname "$0")/lib.sh"
# check ID SENTENCE COMMAND...: ID names the check in tests/KNOWN-FAILURES.
check() { check_id "$@"; }
lacks() { ! grep -qE -- "$1" "$2"; }
ms() { echo $((($(date +%s%N) - $1) / 1000000)); }

run() {
	{ "$CLI" --rundir "$r1" -c 'show running-config' 2>>"$tmp/cli.err" ||
	    true; } | sed \
	    -e '/^! Last configuration change at /d' \
	    -e '/^! NVRAM config last updated at /d' \
	    -e '/^Current configuration : [0-9]* bytes$/d'
}
# same_router: cfgd is the process it was, never restarted, answers, and
# the configuration is unchanged.
same_router() {
	[ "$(status_field "$r1" cfgd pid)" = "$pid0" ] &&
	    [ "$(status_field "$r1" cfgd restarts)" = 0 ] &&
	    run >"$tmp/now" && diff -u "$tmp/config0" "$tmp/now" >&2
}
# feed ID WHAT SECONDS: runs cli in transcript mode on $tmp/in, bounded.
feed() {
	local id=$1 what=$2 limit=$3 t0 rc=0
	t0=$(date +%s%N)
	timeout "$limit" "$CLI" --rundir "$r1" <"$tmp/in" >"$tmp/out" \
	    2>"$tmp/err" || rc=$?
	echo "    ($what: cli exit $rc in $(ms "$t0") ms, $(wc -c <"$tmp/out") bytes out)"
	check "$id-ends" "cli reading $what ends by itself within $limit s" \
	    [ "$rc" -ne 124 ]
	check "$id-exit" "cli reading $what exits 0" [ "$rc" -eq 0 ]
	check "$id-no-crash" "cli reading $what prints no sanitizer or crash report" \
	    lacks 'Sanitizer|runtime error|Segmentation' "$tmp/err"
	check "$id-same" "after $what, cfgd is the same process and the configuration is unchanged" \
	    same_router
}

r1=$tmp/r1
"$RC" start --rundir "$r1" >/dev/null
"$CLI" --rundir "$r1" -c "configure terminal" -c "hostname BAD-INPUT" \
    -c "interface GigabitEthernet2" -c " description the config to keep" \
    -c " ip address 192.0.2.2 255.255.255.0" -c end -c "write memory" \
    >/dev/null
run >"$tmp/config0"
pid0=$(status_field "$r1" cfgd pid)

# --- 64 KiB of random bytes on stdin (no "enable", so nothing can be
# configured even by chance)
head -c 65536 /dev/urandom >"$tmp/in"
feed urandom "64 KiB of random bytes" 30

# --- a 100,000-character line, at exec and in configuration mode
{
	head -c 100000 /dev/zero | tr '\0' 'x'
	echo
	echo enable
	printf 'show running-config | include '
	head -c 100000 /dev/zero | tr '\0' 'y'
	echo
	echo "configure terminal"
	printf 'hostname '
	head -c 100000 /dev/zero | tr '\0' 'z'
	echo
	echo "interface GigabitEthernet2"
	printf ' ip address 10.0.0.1 '
	head -c 100000 /dev/zero | tr '\0' '9'
	echo
	printf 'interface GigabitEthernet'
	head -c 100000 /dev/zero | tr '\0' '7'
	echo
	echo end
	echo "show privilege"
} >"$tmp/in"
feed long "100,000-character lines" 30
check long-prompt "after the long lines the session is still at BAD-INPUT#" \
    grep -qxF "BAD-INPUT#show privilege" "$tmp/out"
check long-hostname-refused "a 100,000-character hostname is refused" \
    grep -qE '^% |^ *\^$' "$tmp/out"

# --- 10,000 lines asking for help
{
	echo enable
	for i in $(seq 2500); do
		echo "?"
		echo "show ?"
		echo "sh?"
		echo "configure ?"
	done
	echo "show privilege"
} >"$tmp/in"
feed help "10,000 ? lines" 40
n=$(grep -c '^  running-config  ' "$tmp/out" || true)
check help-all "each of the 2,500 \"show ?\" lines got its help ($n)" \
    [ "$n" -eq 2500 ]
check help-end "the line after them runs" \
    grep -qxF "Current privilege level is 15" "$tmp/out"

# --- NUL bytes and escape sequences in lines.  Each of these lines is
# bad whether a NUL byte is dropped (as a console does) or ends the line.
{
	printf 'enable\n'
	printf 'show \0version\n'
	printf '\0\0\0\n'
	printf 'show \033[31mversion\033[0m\n'
	printf '\033]0;title\007show privilege\n'
	printf 'configure terminal\n'
	printf 'hostname EVIL\033[2J\n'
	printf 'interface GigabitEthernet2\n'
	printf ' ip address \0 10.0.0.1\n'
	printf ' shutdown\033[A\n'
	printf 'end\n'
	printf 'show privilege\n'
} >"$tmp/in"
feed ctl "NUL bytes and escape sequences" 20
check ctl-end "the line after them runs" \
    grep -qxF "Current privilege level is 15" "$tmp/out"
check ctl-hostname "a hostname with an escape sequence is refused" \
    grep -qF "% Hostname contains one or more illegal characters." \
    "$tmp/out"

# A line cut by a NUL byte must not run as the words before the NUL:
# "hostname GOOD<NUL> extra words" is one bad line (two words after
# hostname), not "hostname GOOD".
printf 'enable\nconfigure terminal\nhostname GOOD\0 extra words\nend\n' \
    >"$tmp/in"
"$CLI" --rundir "$r1" <"$tmp/in" >"$tmp/out" 2>&1 || true
check nul-prefix "a line with a NUL byte does not run as its prefix" \
    same_router
"$CLI" --rundir "$r1" -c "configure terminal" -c "hostname BAD-INPUT" \
    -c end >/dev/null

# --- a peer sending malformed frames to cfgd.sock while a normal shell
# keeps working
printf '%s\n' enable "show running-config | include ^hostname" \
    >"$tmp/shell.in"
shell_loop() {
	local n=0 bad=0 t0 t
	while [ ! -e "$tmp/stop" ]; do
		t0=$(date +%s%N)
		if ! timeout 5 "$CLI" --rundir "$r1" <"$tmp/shell.in" \
		    >"$tmp/shell.out" 2>&1 ||
		    ! grep -qxF "hostname BAD-INPUT" "$tmp/shell.out"; then
			bad=$((bad + 1))
		fi
		t=$(ms "$t0")
		n=$((n + 1))
		[ "$t" -gt 2000 ] && bad=$((bad + 1))
		sleep 0.05
	done
	echo "$n $bad" >"$tmp/shell.result"
}
shell_loop &
bgpids+=($!)
set +e
python3 "$GARBAGE" "$r1/cfgd.sock" "$pid0" | sed 's/^/    /'
grc=${PIPESTATUS[0]}
set -e
touch "$tmp/stop"
wait "${bgpids[@]}" || true
bgpids=()
read -r n bad <"$tmp/shell.result"
echo "    (the shell ran $n sessions during the garbage)"
# The helper's own checks are reported above, indented; KNOWN-FAILURES
# ids "badinput/ipc-..." are honoured by it.
check ipc-peer "every check of the malformed-frame peer passed" \
    [ "$grc" -eq 0 ]
check ipc-shell "a normal shell kept working meanwhile ($n sessions, each under 2 s)" \
    [ "$n" -ge 5 -a "$bad" -eq 0 ]
check ipc-same "after the malformed frames, cfgd is the same process and the configuration is unchanged" \
    same_router
check ipc-logged "cfgd logs the bad frames" \
    grep -q 'sent a bad frame' "$r1/log/cfgd.log"

"$RC" stop --rundir "$r1" >/dev/null
# san_scan: counts sanitizer reports under $tmp as "LIBEVENT OTHER".
# LIBEVENT are LeakSanitizer reports whose every frame is in libevent (a
# connection a daemon freed with a deferred callback queued, stopped just
# as its peer went away; ipc_base_free releases it); OTHER is the rest.
san_scan() {
	find "$tmp" -type f -print0 | xargs -0 -r awk '
		/==[0-9]+==ERROR: / { inb = 1; lsan = /LeakSanitizer/; other = 0; next }
		inb && /^ *#[0-9]+ / { if ($0 !~ /asan_malloc_linux|libevent/) other = 1 }
		inb && /^SUMMARY: / { inb = 0; if (lsan && !other) k++; else u++ }
		/runtime error:/ { u++ }
		END { print k + 0, u + 0 }'
}
if grep -q __asan_init "$CLI"; then
	read -r san_known san_unknown < <(san_scan)
	check no-sanitizer-report "no sanitizer report in any log or output" \
	    [ "$san_unknown" -eq 0 ]
	[ "$san_unknown" -eq 0 ] || grep -rlE 'Sanitizer|runtime error:' "$tmp" >&2
	check cfgd-stop-leak "no daemon leaks a connection when the router is stopped" \
	    [ "$san_known" -eq 0 ]
else
	echo "skip: no sanitizer report in any log or output (not a sanitizer build)"
fi
leftovers=$(pgrep -f "$tmp" || true)
check no-leftovers "no process is left running from the test directory" \
    [ -z "$leftovers" ]
echo "bad input test took $(ms "$t_start") ms"
if [ "$fails" -ne 0 ]; then
	echo "$fails checks failed" >&2
	exit 1
fi
echo "all bad input checks passed ($xfails known failures)"
