#!/bin/bash
# CLI transcripts: for each case, a fresh router reads NAME.in through the
# shell (transcript mode) and the screen must equal NAME.out byte for byte
# once timestamps are normalised.  NAME.startup, when present, is the
# router's startup-config; NAME.bootflash.* files are copied into the run
# directory's bootflash/.  A -c case is NAME.args (one command per line,
# run as `cli -c ... -c ...`), with its exit status in NAME.status
# (default 0) and its output in NAME.out.
#
# Cases listed in tests/KNOWN-FAILURES ("transcripts/NAME reason") are
# expected to fail until the bug they show is fixed; one that passes is
# reported so that the list is kept honest.
#
# Usage: run.sh [NAME...]   (default: every case)
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-.}
dir=$srcdir/tests/transcripts
[ -d "$dir" ] || dir=$(cd "$(dirname "$0")" && pwd)
known=$dir/../KNOWN-FAILURES
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
for f in "$RC" "$CLI"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/transcripts.XXXXXX")
rundir=
cleanup() {
	if [ -n "$rundir" ] && [ -d "$rundir" ]; then
		"$RC" stop --rundir "$rundir" >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# Only what varies from run to run is rewritten, each by a pattern strict
# enough that a wrongly formatted timestamp is left alone and shows in the
# diff.
normalise() {
	sed -E \
	    -e 's/^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: /*MMM DD HH:MM:SS.mmm: /' \
	    -e 's/^\*[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3} UTC [A-Z][a-z]{2} [A-Z][a-z]{2} [1-3]?[0-9] [0-9]{4}$/*HH:MM:SS.mmm UTC Www Mmm D YYYY/' \
	    -e 's/^! (Last configuration change|NVRAM config last updated) at [0-2][0-9]:[0-5][0-9]:[0-5][0-9] UTC [A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]?[0-9] [0-9]{4}/! \1 at HH:MM:SS UTC Www Mmm DD YYYY/' \
	    -e 's/^enable secret 5 \$1\$[./0-9A-Za-z]{4}\$[./0-9A-Za-z]{22}$/enable secret 5 $1$SALT$HASH/' \
	    -e 's/^([^ ]+) uptime is ([0-9]+ (week|day|hour|minute)s?(, )?)+$/\1 uptime is UPTIME/' \
	    -e 's/^Uptime for this control processor is ([0-9]+ (week|day|hour|minute)s?(, )?)+$/Uptime for this control processor is UPTIME/' \
	    -e 's/ with [0-9]+K\/6147K bytes of memory\.$/ with NK\/6147K bytes of memory./' \
	    -e 's/^[0-9]+K bytes of physical memory\.$/NK bytes of physical memory./'
}

SAN_RE='ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:'
SANITIZED=
grep -q '^SAN_CFLAGS = .*-fsanitize' "$builddir/Makefile" 2>/dev/null &&
    SANITIZED=1

is_known() {
	[ -f "$known" ] && grep -q "^transcripts/$1[[:space:]]" "$known"
}

run_case() {
	local name=$1 in=$dir/$1.in args=$dir/$1.args out=$tmp/$1.actual
	local want_status=0 status=0 f
	rundir=$tmp/run-$name
	mkdir -p "$rundir/bootflash"
	[ -f "$dir/$name.startup" ] && cp "$dir/$name.startup" \
	    "$rundir/startup-config"
	for f in "$dir/$name".bootflash.*; do
		[ -f "$f" ] && cp "$f" "$rundir/bootflash/${f##*.bootflash.}"
	done
	if ! "$RC" start --rundir "$rundir" >"$tmp/start.log" 2>&1; then
		cat "$tmp/start.log" >&2
		echo "routerctl start failed" >"$out"
		return 1
	fi
	if [ -f "$args" ]; then
		local -a cargs=()
		while IFS= read -r f || [ -n "$f" ]; do
			cargs+=(-c "$f")
		done <"$args"
		[ -f "$dir/$name.status" ] && want_status=$(cat "$dir/$name.status")
		set +e
		timeout 10 "$CLI" --rundir "$rundir" "${cargs[@]}" </dev/null \
		    2>"$out.err" | normalise >"$out"
		status=${PIPESTATUS[0]}
		set -e
	else
		set +e
		timeout 10 "$CLI" --rundir "$rundir" <"$in" 2>"$out.err" |
		    normalise >"$out"
		status=${PIPESTATUS[0]}
		set -e
		# Timeouts and crashes (>= 124) fail whatever the output.
		[ "$status" -lt 124 ] && status=0
	fi
	"$RC" stop --rundir "$rundir" >/dev/null 2>&1 || true
	# Sanitizer reports (from the cli or, in their logs, the daemons) are
	# one separate check; anything else on stderr is part of the screen.
	if grep -qE "$SAN_RE" "$out.err" 2>/dev/null; then
		echo "--- $name: cli" >>"$tmp/sanitizer.txt"
		cat "$out.err" >>"$tmp/sanitizer.txt"
		# A leak report changes the exit status; the screen still counts.
		[ "$status" = 23 ] && status=$want_status
	else
		cat "$out.err" >>"$out"
	fi
	if grep -lqE "$SAN_RE" "$rundir"/log/* 2>/dev/null; then
		echo "--- $name: daemon logs" >>"$tmp/sanitizer.txt"
		grep -hE -A12 "$SAN_RE" "$rundir"/log/* >>"$tmp/sanitizer.txt"
	fi
	rundir=
	if [ "$status" != "$want_status" ]; then
		echo "exit status $status, expected $want_status" >>"$out.why"
		diff -u "$dir/$name.out" "$out" >>"$out.why" || true
		return 1
	fi
	if ! diff -u "$dir/$name.out" "$out" >"$out.why"; then
		return 1
	fi
	return 0
}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	for f in "$dir"/*.in "$dir"/*.args; do
		[ -f "$f" ] || continue
		f=${f##*/}
		cases+=("${f%.*}")
	done
fi

fails=0
xfails=0
for name in "${cases[@]}"; do
	if run_case "$name"; then
		if is_known "$name"; then
			echo "FAIL (unexpected pass, remove it from KNOWN-FAILURES):" \
			    "transcript $name matches" >&2
			fails=$((fails + 1))
		else
			echo "ok: transcript $name matches"
		fi
	else
		if is_known "$name"; then
			echo "XFAIL (known): transcript $name differs" \
			    "($(grep "^transcripts/$name[[:space:]]" "$known" |
			    head -1 | cut -d' ' -f2- | cut -c1-100))"
			xfails=$((xfails + 1))
		else
			echo "FAIL: transcript $name differs from the expected screen:" >&2
			cat "$tmp/$name.actual.why" >&2
			fails=$((fails + 1))
		fi
	fi
done
# One more check: every program ran clean under the sanitizers (in a
# plain build there is nothing to report).
if [ -s "$tmp/sanitizer.txt" ]; then
	if is_known clean-under-sanitizers; then
		echo "XFAIL (known): transcripts did not run clean under the" \
		    "sanitizers ($(grep -c '^--- ' "$tmp/sanitizer.txt") cases)"
		xfails=$((xfails + 1))
	else
		echo "FAIL: the shell or a daemon reported a sanitizer error:" >&2
		head -60 "$tmp/sanitizer.txt" >&2
		fails=$((fails + 1))
	fi
elif is_known clean-under-sanitizers && [ -n "${SANITIZED:-}" ]; then
	echo "FAIL (unexpected pass, remove it from KNOWN-FAILURES):" \
	    "transcripts ran clean under the sanitizers" >&2
	fails=$((fails + 1))
else
	echo "ok: no sanitizer reports from the shell or the daemons"
fi
echo "${#cases[@]} transcripts: $fails failed, $xfails known failures"
[ "$fails" -eq 0 ]
