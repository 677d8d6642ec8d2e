#!/bin/bash
# routerctl supervises one router per run directory: start waits for the
# router, crashed daemons come back, SIGHUP restarts all, stop leaves
# nothing behind, and a daemon that cannot run does not make it spin.
#
# Runs from the build directory (make check's cwd) or with
# $abs_top_builddir set; needs no root and no network namespace.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
RC=$builddir/platform/routerctl
FAKE=$builddir/tests/unit/fake_daemon
for f in "$RC" "$FAKE"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/routerctl-test.XXXXXX")
cleanup() {
	local r
	for r in "$tmp"/r*; do
		[ -d "$r" ] && "$RC" stop --rundir "$r" >/dev/null 2>&1 || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

fails=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# status_field RUNDIR DAEMON FIELD: FIELD is state, pid or restarts.
status_field() {
	"$RC" status --rundir "$1" | awk -v d="$2" -v f="$3" '
		$1 == d && f == "state" { print $2 }
		$1 == d && f == "pid" { print $4 }
		$1 == d && f == "restarts" { print $NF }'
}

# wait_for SECONDS COMMAND...: true once COMMAND succeeds, polling every
# 0.1 s, false after SECONDS.
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

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
leftovers() { pgrep -f "$tmp" || true; }
no_leftovers() { [ -z "$(leftovers)" ]; }

bin=$tmp/bin
mkdir "$bin"
for d in cfgd lispd vtyd; do ln -s "$FAKE" "$bin/$d"; done
r1=$tmp/r1
r2=$tmp/r2

# --- start returns only once cfgd accepts connections
t0=$(date +%s%N)
FAKE_DAEMON_DELAY_MS=700 "$RC" start --rundir "$r1" --bindir "$bin"
t1=$(date +%s%N)
check "start waits for cfgd's socket" [ -S "$r1/cfgd.sock" ]
check "start took at least the daemon's 0.7 s delay" \
    [ $(((t1 - t0) / 1000000)) -ge 700 ]
check "pid file written" [ -s "$r1/routerctl.pid" ]
sup1=$(cat "$r1/routerctl.pid")

# --- status shows three running daemons
out=$("$RC" status --rundir "$r1")
echo "$out"
check "status exits 0 while running" "$RC" status --rundir "$r1"
check "status shows three running daemons" \
    [ "$(echo "$out" | grep -cE '^(cfgd|lispd|vtyd) +running +pid [0-9]+ +up [0-9]+s +restarts 0$')" -eq 3 ]
wait_for 3 test -S "$r1/vtyd.sock" || true
check "lispd and vtyd run too" [ -S "$r1/lispd.sock" -a -S "$r1/vtyd.sock" ]

# --- a killed daemon is back within 2 s, new pid, restarts 1
old=$(status_field "$r1" lispd pid)
kill -9 "$old"
lispd_back() {
	local p
	p=$(status_field "$r1" lispd pid)
	[ "$p" != "$old" ] && [ "$p" != "-" ] &&
	    [ "$(status_field "$r1" lispd state)" = running ] &&
	    [ "$(status_field "$r1" lispd restarts)" = 1 ]
}
check "killed lispd is back within 2 s with restarts 1" wait_for 2 lispd_back
check "the restart is logged with its back-off" \
    grep -q 'lispd exited (signal 9), restart 1 in 0.1 s' \
    "$r1/log/routerctl.log"

# --- SIGHUP restarts every daemon
declare -A before
for d in cfgd lispd vtyd; do before[$d]=$(status_field "$r1" $d pid); done
kill -HUP "$sup1"
all_new() {
	local d p
	for d in cfgd lispd vtyd; do
		p=$(status_field "$r1" $d pid)
		[ "$p" != "-" ] && [ "$p" != "${before[$d]}" ] &&
		    [ "$(status_field "$r1" $d state)" = running ] || return 1
	done
}
check "SIGHUP restarts all daemons with new pids" wait_for 5 all_new
check "the supervisor survives SIGHUP" [ "$(cat "$r1/routerctl.pid")" = "$sup1" ]

# --- a second start is refused
set +e
msg=$("$RC" start --rundir "$r1" --bindir "$bin" 2>&1)
rc=$?
set -e
check "second start exits 1" [ "$rc" -eq 1 ]
check "second start says already running" \
    [ "$msg" = "routerctl: already running (pid $sup1)" ]

# --- a second router side by side
"$RC" start --rundir "$r2" --bindir "$bin"
sup2=$(cat "$r2/routerctl.pid")
check "two supervisors" [ "$sup1" != "$sup2" ]
check "second router has its own cfgd" \
    [ "$(status_field "$r2" cfgd pid)" != "$(status_field "$r1" cfgd pid)" ]
"$RC" stop --rundir "$r2"
check "stopping r2 leaves r1 running" "$RC" status --rundir "$r1"
check "r2 is stopped" [ ! -e "$r2/routerctl.pid" ]
set +e
"$RC" status --rundir "$r2" >/dev/null
rc=$?
set -e
check "status exits 3 when not running" [ "$rc" -eq 3 ]

# --- stop leaves nothing behind, and is idempotent
"$RC" stop --rundir "$r1"
check "stop removes the pid file" [ ! -e "$r1/routerctl.pid" ]
check "stop removes the status file" [ ! -e "$r1/routerctl.status" ]
check "stop leaves no processes" no_leftovers
check "stop when not running exits 0" "$RC" stop --rundir "$r1"
check "stop on a missing run directory exits 0" \
    "$RC" stop --rundir "$tmp/nonexistent"

# --- a stale pid file does not block start
echo 999999 > "$r1/routerctl.pid"
"$RC" start --rundir "$r1" --bindir "$bin" --daemons cfgd
check "start over a stale pid file" "$RC" status --rundir "$r1"
sup4=$(cat "$r1/routerctl.pid")
"$RC" restart --rundir "$r1" --bindir "$bin" --daemons cfgd
check "restart gives a new supervisor" \
    [ "$(cat "$r1/routerctl.pid")" != "$sup4" ]
"$RC" stop --rundir "$r1"

# --- daemons that exit at once or are missing do not make it spin
bad=$tmp/badbin
mkdir "$bad"
ln -s "$FAKE" "$bad/cfgd"
printf '#!/bin/sh\necho crashing\nexit 1\n' > "$bad/lispd"
chmod +x "$bad/lispd"
r3=$tmp/r3
"$RC" start --rundir "$r3" --bindir "$bad" 2>/dev/null
sup3=$(cat "$r3/routerctl.pid")
c0=$(cpu_ticks "$sup3")
sleep 3
c1=$(cpu_ticks "$sup3")
"$RC" status --rundir "$r3" || true
check "supervisor CPU stays small with crashing daemons ($((c1 - c0)) ticks)" \
    [ $((c1 - c0)) -lt 50 ]
n=$(status_field "$r3" lispd restarts)
check "crashing lispd backs off ($n restarts)" [ "$n" -ge 2 -a "$n" -le 8 ]
check "missing vtyd is logged" \
    grep -q "vtyd: cannot execute $bad/vtyd" "$r3/log/routerctl.log"
check "cfgd still runs" [ "$(status_field "$r3" cfgd state)" = running ]
"$RC" stop --rundir "$r3"
check "no processes left after the crash test" no_leftovers

# --- a daemon that ignores SIGTERM is killed, with what it spawned
stub=$tmp/stubbornbin
mkdir "$stub"
ln -s "$FAKE" "$stub/cfgd"
printf '#!/bin/sh\ntrap "" TERM\nwhile :; do sleep 1; done\n' > "$stub/lispd"
chmod +x "$stub/lispd"
r5=$tmp/r5
"$RC" start --rundir "$r5" --bindir "$stub" --daemons cfgd,lispd
pg=$(status_field "$r5" lispd pid)
t0=$(date +%s)
"$RC" stop --rundir "$r5"
t1=$(date +%s)
check "stop kills a daemon that ignores SIGTERM within 5-7 s" \
    [ $((t1 - t0)) -ge 4 -a $((t1 - t0)) -le 7 ]
check "the SIGKILL is logged" \
    grep -q 'lispd (pid [0-9]*) still running after 5 s: SIGKILL' \
    "$r5/log/routerctl.log"
# Zombies do not count: whoever inherits orphans may be slow to reap them.
live_in_group() { ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/'; }
check "its children are gone too" [ -z "$(live_in_group "$pg")" ]
check "no processes left after the stubborn daemon" no_leftovers

# --- start fails cleanly when cfgd never gets ready
bad2=$tmp/badbin2
mkdir "$bad2"
cp "$bad/lispd" "$bad2/cfgd"
r4=$tmp/r4
set +e
msg=$("$RC" start --rundir "$r4" --bindir "$bad2" --daemons cfgd 2>&1)
rc=$?
set -e
echo "$msg"
check "start fails when cfgd is never ready" [ "$rc" -eq 1 ]
check "the failure shows cfgd's log" grep -q crashing <<<"$msg"
check "a failed start leaves no supervisor" [ ! -e "$r4/routerctl.pid" ]
check "a failed start leaves no processes" no_leftovers

if [ "$fails" -ne 0 ]; then
	echo "$fails checks failed" >&2
	exit 1
fi
echo "all routerctl checks passed"
