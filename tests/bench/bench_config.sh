#!/bin/bash
# Benchmarks of the shell and the configuration store, with FRR's vtysh as
# the reference measured in the same run.
#
#   tests/bench/bench_config.sh [BUILD_DIR]        (default ./build)
#
# Prints a Markdown table (metric, ours, goal, reference, ratio) on stdout,
# progress on stderr.  Not part of `make check`.  Takes about 2-3 minutes,
# most of it FRR, whose time is capped (FRR_CAP, default 45 s).
#
# The configuration is the same shape for both: INTERFACES `interface
# LoopbackN` blocks (description, ip address, exit) and ROUTES `ip route`
# lines, 100,000 lines by default (tests/bench/gen_config.py), and a tenth
# of it (10,000 lines) that FRR can finish.  Ours is checked to print no
# error and to show every line afterwards, so a failing run is never
# measured.  FRR (zebra + staticd from Debian's frr package) runs with its
# own sockets and files in a temporary directory, in its own network
# namespace (only lo), and never reads /etc/frr; it needs root.
set -euo pipefail

export LC_ALL=C
# cfgd in the host's network namespace stores the configuration without
# applying it to the kernel (cfg/cfgd-platform.c); keep it that way, so
# 12,500 Loopbacks and 50,000 routes never reach this machine's kernel.
unset LISPROUTER_KERNEL
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
bench=$srcdir/tests/bench
build=$(cd "${1:-./build}" && pwd)
CFGD=$build/cfg/cfgd
CLI=$build/cli/cli
RC=$build/platform/routerctl
for f in "$CFGD" "$CLI" "$RC"; do
	if [ ! -x "$f" ]; then
		echo "missing $f: build first (or pass the build directory)" >&2
		exit 2
	fi
done

INTERFACES=${INTERFACES:-12500}
ROUTES=${ROUTES:-50000}
LINES=$((INTERFACES * 4 + ROUTES))
SMALL_IF=$((INTERFACES / 10))
SMALL_RT=$((ROUTES / 10))
SMALL_LINES=$((SMALL_IF * 4 + SMALL_RT))
FRR_CAP=${FRR_CAP:-45}		# longest FRR may take for the full paste
FRR_BOOT_CAP=${FRR_BOOT_CAP:-20}	# ... and for loading its own files
RUNS=${RUNS:-30}		# runs of the start-up latency measurements

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-config.XXXXXX")
chmod 755 "$tmp"		# FRR's daemons run as user frr
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
frr_vartmp_existed=0
[ -d /var/tmp/frr ] && frr_vartmp_existed=1

cfgd_pid=
bgpid=
cleanup() {
	local r d
	set +e
	[ -z "$bgpid" ] || kill "$bgpid" 2>/dev/null
	for r in "$tmp"/r*; do
		[ -d "$r" ] && "$RC" stop --rundir "$r" >/dev/null 2>&1
	done
	if [ -n "$cfgd_pid" ]; then
		kill "$cfgd_pid" 2>/dev/null
		wait "$cfgd_pid" 2>/dev/null
	fi
	for d in "$tmp"/frrd-*; do
		[ -d "$d" ] && frr_stop "$d" KILL
	done
	rm -rf "$tmp"
	[ "$frr_vartmp_existed" = 0 ] && rmdir /var/tmp/frr 2>/dev/null
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "bench: $*" >&2; }
# bg COMMAND...: runs COMMAND in the background and waits for it, so that
# a signal to this script runs its trap at once instead of after COMMAND
# (bash defers traps while a foreground command runs).
bg() {
	local rc=0
	"$@" &
	bgpid=$!
	wait "$bgpid" || rc=$?
	bgpid=
	return "$rc"
}
die() { echo "FAIL: $*" >&2; exit 1; }
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }
# secs MS: milliseconds as seconds with 3 decimals.
secs() { awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }'; }
# median / p95 of numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
p95() { sort -n | awk '{ v[NR] = $1 } END { i = int(0.95 * (NR - 1) + 0.5) + 1; print v[i] }'; }
# ratio A B: A / B with 1 decimal and a ×, or "-" when either is missing.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "" || a + 0 == 0 || b + 0 == 0) print "-";
		else printf "%.1f×\n", a / b }'
}
rate() { awk -v n="$1" -v m="$2" 'BEGIN { if (m + 0 == 0) m = 1; printf "%d", n * 1000 / m }'; }
thousands() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# kb PID FIELD: VmRSS or VmHWM in kB.
kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
# goal VALUE LIMIT TEXT: TEXT with "met" or "MISSED" for VALUE < LIMIT.
goal() {
	awk -v v="$1" -v l="$2" -v t="$3" 'BEGIN {
		printf "%s: %s\n", t, (v + 0 < l + 0) ? "met" : "MISSED" }'
}

table=$tmp/table
: > "$table"
row() { printf '| %s | %s | %s | %s | %s |\n' "$@" >> "$table"; }
notes=$tmp/notes
: > "$notes"
note() { echo "- $*" >> "$notes"; }

# --- configurations
gen() { python3 "$bench/gen_config.py" "$@"; }
gen ours "$tmp/paste.txt" --interfaces "$INTERFACES" --routes "$ROUTES"
gen ours "$tmp/paste-small.txt" --interfaces "$SMALL_IF" --routes "$SMALL_RT"
gen frr "$tmp/frr.conf" --interfaces "$INTERFACES" --routes "$ROUTES"
gen frr "$tmp/frr-small.conf" --interfaces "$SMALL_IF" --routes "$SMALL_RT"
gen frr-zebra "$tmp/zebra-small.conf" --interfaces "$SMALL_IF" --routes 0
gen frr-staticd "$tmp/staticd-small.conf" --interfaces 0 --routes "$SMALL_RT"
touch "$tmp/empty.conf"

# ============================================================ ours
cfgd_of() { "$RC" status --rundir "$1" | awk '$1 == "cfgd" { print $4 }'; }
show_run() { "$CLI" --rundir "$1" -c 'show running-config'; }

# check_show FILE IFS ROUTES: the running-config holds every pasted line.
check_show() {
	local f=$1 n
	n=$(grep -c '^interface Loopback' "$f" || true)
	[ "$n" -eq "$2" ] || die "show running-config has $n Loopback interfaces, not $2"
	n=$(grep -c '^ description bench loopback ' "$f" || true)
	[ "$n" -eq "$2" ] || die "show running-config has $n descriptions, not $2"
	n=$(grep -c '^ ip address 10\.[0-9.]* 255\.255\.255\.255$' "$f" || true)
	[ "$n" -eq "$2" ] || die "show running-config has $n loopback addresses, not $2"
	n=$(grep -c '^ip route 100\.' "$f" || true)
	[ "$n" -eq "$3" ] || die "show running-config has $n routes, not $3"
}

# paste RUNDIR FILE TRANSCRIPT: times the paste into WALL_MS / CPU_MS (cli
# and cfgd) and checks it printed no error.
paste_config() {
	local r=$1 pid c0 c1 n
	pid=$(cfgd_of "$r")
	c0=$(cpu_ticks "$pid")
	local t
	t=$( { TIMEFORMAT='%3R %3U %3S'; time "$CLI" --rundir "$r" < "$2" > "$3" 2>&1; } 2>&1 ) ||
	    die "cli exited non-zero on the paste (see $3)"
	c1=$(cpu_ticks "$pid")
	WALL_MS=$(awk '{ printf "%d", $1 * 1000 }' <<<"$t")
	CPU_MS=$(awk -v d=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
	    '{ printf "%d", ($2 + $3) * 1000 + d * 1000 / hz }' <<<"$t")
	n=$(grep -c '^%' "$3" || true)
	[ "$n" -eq 0 ] || { grep -m3 -B3 '^%' "$3" >&2; die "the paste printed $n errors"; }
	grep -q '^Router#$' "$3" || die "the paste did not end at Router#"
}

# time_show RUNDIR N OUT: median wall time of N `cli -c 'show
# running-config'` into SHOW_MS; the last output in OUT.
time_show() {
	local i t0 l=$tmp/show-times
	: > "$l"
	for i in $(seq "$2"); do
		t0=$(now)
		show_run "$1" > "$3" || die "show running-config failed"
		ms_since "$t0" >> "$l"
	done
	SHOW_MS=$(median < "$l")
}

# Normalised running-config: without the lines that carry a time or the
# byte count that follows from them.
norm() { grep -v -e '^! Last configuration change' -e '^! NVRAM config last' \
    -e '^Current configuration : ' "$1"; }

say "ours: factory router"
r1=$tmp/r1
"$RC" start --rundir "$r1" >/dev/null
pid=$(cfgd_of "$r1")
sleep 0.2
idle_rss=$(kb "$pid" VmRSS)
idle_hwm=$(kb "$pid" VmHWM)
show_run "$r1" > "$tmp/show-factory.txt"
factory_lines=$(wc -l < "$tmp/show-factory.txt")

say "ours: pasting $LINES lines"
paste_config "$r1" "$tmp/paste.txt" "$tmp/transcript.txt"
paste_ms=$WALL_MS
paste_cpu=$CPU_MS
loaded_rss=$(kb "$pid" VmRSS)
loaded_hwm=$(kb "$pid" VmHWM)

say "ours: show running-config"
time_show "$r1" 5 "$tmp/show.txt"
show_ms=$SHOW_MS
check_show "$tmp/show.txt" "$INTERFACES" "$ROUTES"
show_bytes=$(wc -c < "$tmp/show.txt")
show_lines=$(wc -l < "$tmp/show.txt")
# Each block shows as 4 lines (its `exit` as `!`), each route as 1; the
# header gains "! Last configuration change" and the routes may get a `!`
# of their own.
extra=$((show_lines - factory_lines - LINES))
[ "$extra" -ge 1 ] && [ "$extra" -le 3 ] ||
    die "show running-config has $show_lines lines, expected $factory_lines + $LINES + 1 or 2"

say "ours: write memory"
"$CLI" --rundir "$r1" -c 'write memory' > "$tmp/wr.txt" || die "write memory failed"
grep -q '^\[OK\]' "$tmp/wr.txt" || die "write memory did not print [OK]"
startup_lines=$(wc -l < "$r1/startup-config")
"$RC" stop --rundir "$r1"

# cfgd_alone: starts cfgd on r1 by itself, in the background (cfgd_pid),
# and prints the milliseconds from exec to its socket (within 90 s).
cfgd_alone() {
	local t0 deadline
	rm -f "$r1/cfgd.sock"
	t0=$(now)
	deadline=$((t0 + 90000000000))
	"$CFGD" --rundir "$r1" 2>> "$tmp/cfgd-alone.log" &
	cfgd_pid=$!
	until [ -S "$r1/cfgd.sock" ]; do
		[ "$(now)" -lt "$deadline" ] || die "cfgd not listening after 90 s"
		kill -0 "$cfgd_pid" 2>/dev/null ||
		    die "cfgd died: $(tail -3 "$tmp/cfgd-alone.log")"
		sleep 0.001
	done
	ms_since "$t0"
}
cfgd_stop() {
	kill "$cfgd_pid"
	wait "$cfgd_pid" || true
	cfgd_pid=
}

say "ours: cfgd alone, from exec to listening, with startup-config"
: > "$tmp/cfgd-times"
cfgd_alone >> "$tmp/cfgd-times"
loadline=$(grep 'startup-config loaded:' "$tmp/cfgd-alone.log" | tail -1)
settings=$(sed -n 's/.*startup-config loaded: \([0-9]*\) settings, \([0-9]*\) bad lines.*/\1 \2/p' <<<"$loadline")
[ -n "$settings" ] || die "cfgd did not log 'startup-config loaded' ($loadline)"
[ "${settings#* }" = 0 ] || die "startup-config had bad lines: $loadline"
settings=${settings% *}
boot_rss=$(kb "$cfgd_pid" VmRSS)
boot_hwm=$(kb "$cfgd_pid" VmHWM)
show_run "$r1" > "$tmp/show-boot.txt"
diff <(norm "$tmp/show.txt") <(norm "$tmp/show-boot.txt") > /dev/null ||
    die "running-config after loading startup-config differs from the pasted one"

say "ours: cli start-up latency"
lat_tool=loop
if command -v hyperfine > /dev/null 2>&1 || { [ "$(id -u)" = 0 ] &&
    apt-get install -y -qq hyperfine > /dev/null 2>&1; }; then
	lat_tool=hyperfine
fi
# latency NAME COMMAND...: median and p95 (ms) of COMMAND's run time in
# LAT_MED / LAT_P95 / LAT_MIN, its mean CPU time (user + sys, ms) in LAT_CPU ("-"
# without hyperfine).
latency() {
	local name=$1 i t0
	shift
	if [ "$lat_tool" = hyperfine ]; then
		# One string for hyperfine, which splits it as a shell would.
		hyperfine -N --warmup 3 --runs "$RUNS" --export-json \
		    "$tmp/$name.json" "$(printf "'%s' " "$@")" > /dev/null 2>&1 ||
		    die "hyperfine failed on: $*"
		python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = sorted(x * 1000 for x in r["times"])
n = len(t)
med = t[n // 2] if n % 2 else (t[n // 2 - 1] + t[n // 2]) / 2
print("%.2f %.2f %.2f %.2f" % (med, t[min(n - 1, int(0.95 * (n - 1) + 0.5))],
    (r["user"] + r["system"]) * 1000, t[0]))' \
		    "$tmp/$name.json" > "$tmp/$name.lat"
	else
		: > "$tmp/$name.times"
		for i in $(seq "$RUNS"); do
			t0=$(now)
			"$@" > /dev/null 2>&1 || die "failed: $*"
			echo $((($(now) - t0) / 1000)) >> "$tmp/$name.times"
		done
		echo "$(median < "$tmp/$name.times") $(p95 < "$tmp/$name.times") $(sort -n "$tmp/$name.times" | head -1)" |
		    awk '{ printf "%.2f %.2f - %.2f\n", $1 / 1000, $2 / 1000, $3 / 1000 }' > "$tmp/$name.lat"
	fi
	read -r LAT_MED LAT_P95 LAT_CPU LAT_MIN < "$tmp/$name.lat"
}
"$CLI" --rundir "$r1" -c 'show version' > /dev/null || die "cli -c 'show version' failed"
latency ours-c "$CLI" --rundir "$r1" -c 'show version'
c_med=$LAT_MED c_p95=$LAT_P95 c_cpu=$LAT_CPU c_min=$LAT_MIN
read -r pty_med pty_p95 pty_min < <(python3 "$bench/first_prompt.py" --runs "$RUNS" \
    --expect 'Router>' -- "$CLI" --rundir "$r1") || die "no first prompt from cli"
cfgd_stop
# Two more loads for a median, unless one takes long.
if [ "$(cat "$tmp/cfgd-times")" -lt 5000 ]; then
	for i in 1 2; do
		cfgd_alone >> "$tmp/cfgd-times"
		cfgd_stop
	done
fi
cfgd_ms=$(median < "$tmp/cfgd-times")

say "ours: routerctl start with startup-config"
: > "$tmp/start-times"
start_fail=
for i in 1 2 3; do
	t0=$(now)
	if ! "$RC" start --rundir "$r1" > /dev/null 2> "$tmp/start.err"; then
		start_fail="failed after $(secs "$(ms_since "$t0")") s: $(head -1 "$tmp/start.err" | sed 's/^routerctl: //; s/ on .*//')"
		break
	fi
	ms_since "$t0" >> "$tmp/start-times"
	"$RC" stop --rundir "$r1"
	[ "$(tail -1 "$tmp/start-times")" -lt 5000 ] || break
done
start_ms=$(median < "$tmp/start-times")

say "ours: the tenth ($SMALL_LINES lines)"
r2=$tmp/r2
"$RC" start --rundir "$r2" >/dev/null
paste_config "$r2" "$tmp/paste-small.txt" "$tmp/transcript-small.txt"
spaste_ms=$WALL_MS
spaste_cpu=$CPU_MS
time_show "$r2" 5 "$tmp/show-small.txt"
sshow_ms=$SHOW_MS
check_show "$tmp/show-small.txt" "$SMALL_IF" "$SMALL_RT"
sshow_bytes=$(wc -c < "$tmp/show-small.txt")
pid=$(cfgd_of "$r2")
small_rss=$(kb "$pid" VmRSS)
"$CLI" --rundir "$r2" -c 'write memory' > /dev/null || die "write memory failed"
"$RC" stop --rundir "$r2"
t0=$(now)
"$RC" start --rundir "$r2" >/dev/null
sstart_ms=$(ms_since "$t0")
"$RC" stop --rundir "$r2"

# ============================================================ FRR
frr_why=
frr_ver=
ZEBRA=/usr/lib/frr/zebra
STATICD=/usr/lib/frr/staticd
if [ "$(id -u)" != 0 ]; then
	frr_why="not run: FRR's daemons need root (user frr, a network namespace)"
elif ! { [ -x "$ZEBRA" ] && command -v vtysh > /dev/null; } &&
    ! { say "installing frr"; apt-get install -y -qq frr > /dev/null 2>&1; }; then
	frr_why="not run: apt-get install frr failed"
elif ! unshare -n true 2> /dev/null; then
	frr_why="not run: unshare -n (a network namespace) is not permitted here"
elif ! getent passwd frr > /dev/null; then
	frr_why="not run: no user frr"
else
	frr_ver=$(dpkg-query -W -f '${Version}' frr 2>/dev/null || echo '?')
fi

# frr_start DIR ZEBRA_CONF STATICD_CONF: zebra and staticd in a fresh
# network namespace, everything in DIR; returns once both have written
# their pid files (within 30 s).
frr_start() {
	local d=$1 n=0
	mkdir -p "$d"
	cp "$2" "$d/zebra.conf"
	cp "$3" "$d/staticd.conf"
	: > "$d/vtysh.conf"
	chown -R frr:frr "$d"
	unshare -n sh -c "ip link set lo up
	    $ZEBRA -f $d/zebra.conf -i $d/zebra.pid -z $d/zserv.api \
		--vty_socket $d -P 0 --log file:$d/zebra.log &
	    $STATICD -f $d/staticd.conf -i $d/staticd.pid -z $d/zserv.api \
		--vty_socket $d -P 0 --log file:$d/staticd.log &
	    wait" > "$d/wrapper.log" 2>&1 &
	echo $! > "$d/wrapper.pid"
	until [ -s "$d/zebra.pid" ] && [ -s "$d/staticd.pid" ]; do
		n=$((n + 1))
		[ "$n" -lt 3000 ] || return 1
		sleep 0.01
	done
}
# frr_wait_vty DIR: both vty sockets exist (within 30 s: a busy machine
# has been seen to take 20 s to start zebra).
frr_wait_vty() {
	local n=0
	until [ -S "$1/zebra.vty" ] && [ -S "$1/staticd.vty" ]; do
		n=$((n + 1))
		[ "$n" -lt 3000 ] || return 1
		sleep 0.01
	done
}
# frr_stop DIR [KILL]: SIGTERM (FRR handles it in its event loop, so a
# busy daemon needs SIGKILL), then remove what the daemons left in
# /var/tmp/frr.
frr_stop() {
	local d=$1 sig=${2:-TERM} p pid n w
	for p in staticd zebra; do
		[ -s "$d/$p.pid" ] || continue
		pid=$(cat "$d/$p.pid")
		kill -"$sig" "$pid" 2>/dev/null || true
		n=0
		while kill -0 "$pid" 2>/dev/null && [ "$n" -lt 50 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -KILL "$pid" 2>/dev/null || true
		rm -rf "/var/tmp/frr/$p.$pid"
	done
	# A daemon that had not written its pid file yet is still the
	# wrapper shell's child.
	if [ -s "$d/wrapper.pid" ]; then
		w=$(cat "$d/wrapper.pid")
		for pid in $(ps -o pid= --ppid "$w" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null || true
			rm -rf "/var/tmp/frr/zebra.$pid" "/var/tmp/frr/staticd.$pid"
		done
		kill -KILL "$w" 2>/dev/null || true
		wait "$w" 2>/dev/null || true
	fi
	rm -rf "$d"
}
vtysh_in() { local d=$1; shift; vtysh --vty_socket "$d" --config_dir "$d" "$@"; }
frr_kb() { echo $(($(kb "$(cat "$1/zebra.pid")" "$2") + $(kb "$(cat "$1/staticd.pid")" "$2"))); }
frr_ticks() { echo $(($(cpu_ticks "$(cat "$1/zebra.pid")") + $(cpu_ticks "$(cat "$1/staticd.pid")"))); }
# frr_check FILE IFS ROUTES: prints why FILE lacks lines, or nothing.
frr_check() {
	local a b c
	a=$(grep -c '^interface Loopback' "$1" || true)
	b=$(grep -c '^ description bench loopback ' "$1" || true)
	c=$(grep -c '^ip route 100\.' "$1" || true)
	[ "$a" -eq "$2" ] && [ "$b" -eq "$2" ] && [ "$c" -eq "$3" ] ||
	    echo "shows $a interfaces, $b descriptions, $c routes"
}

f_paste_ms= f_paste_cpu= f_idle= f_idle_hwm= f_show_ms= f_show_bytes= f_rss=
f_big= f_big_applied= f_c_med= f_c_p95= f_c_cpu= f_c_min= f_pty_med= f_pty_p95= f_pty_min= f_boot_z= f_boot_s=
f_bad=
# run_frr: every FRR measurement; sets frr_why if FRR cannot be run.
run_frr() {
	say "FRR $frr_ver: idle zebra + staticd"
	d=$tmp/frrd-a
	frr_start "$d" "$tmp/empty.conf" "$tmp/empty.conf" && frr_wait_vty "$d" ||
	    { frr_why="not run: zebra + staticd not up within 30 s"; return; }
	sleep 0.5
	vtysh_in "$d" -c 'show version' > /dev/null ||
	    { frr_why="not run: vtysh cannot reach zebra + staticd"; return; }
	f_idle=$(frr_kb "$d" VmRSS)
	f_idle_hwm=$(frr_kb "$d" VmHWM)

	say "FRR: vtysh -f with $SMALL_LINES lines"
	c0=$(frr_ticks "$d")
	t=$( { TIMEFORMAT='%3R %3U %3S'; time vtysh_in "$d" -f "$tmp/frr-small.conf" > "$tmp/frr-small.out" 2>&1; } 2>&1 ) ||
	    f_bad="vtysh -f exited non-zero: $(head -2 "$tmp/frr-small.out")"
	c1=$(frr_ticks "$d")
	f_paste_ms=$(awk '{ printf "%d", $1 * 1000 }' <<<"$t")
	f_paste_cpu=$(awk -v d=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
	    '{ printf "%d", ($2 + $3) * 1000 + d * 1000 / hz }' <<<"$t")
	[ ! -s "$tmp/frr-small.out" ] || f_bad=${f_bad:-"vtysh -f printed: $(head -2 "$tmp/frr-small.out")"}
	: > "$tmp/show-times"
	for i in 1 2 3 4 5; do
		t0=$(now)
		vtysh_in "$d" -c 'show running-config' > "$tmp/frr-show.txt"
		ms_since "$t0" >> "$tmp/show-times"
	done
	f_show_ms=$(median < "$tmp/show-times")
	f_show_bytes=$(wc -c < "$tmp/frr-show.txt")
	why=$(frr_check "$tmp/frr-show.txt" "$SMALL_IF" "$SMALL_RT")
	[ -z "$why" ] || f_bad=${f_bad:-"running-config $why"}
	f_rss=$(frr_kb "$d" VmRSS)

	say "FRR: vtysh start-up latency"
	latency frr-c vtysh --vty_socket "$d" --config_dir "$d" -c 'show version'
	f_c_med=$LAT_MED f_c_p95=$LAT_P95 f_c_cpu=$LAT_CPU f_c_min=$LAT_MIN
	hostn=$(hostname)
	if read -r f_pty_med f_pty_p95 f_pty_min < <(python3 "$bench/first_prompt.py" \
	    --runs "$RUNS" --expect "$hostn# " -- vtysh --vty_socket "$d" \
	    --config_dir "$d" -H /dev/null); then :; else f_pty_med=; fi
	frr_stop "$d"

	say "FRR: vtysh -f with $LINES lines, at most $FRR_CAP s"
	d=$tmp/frrd-b
	frr_start "$d" "$tmp/empty.conf" "$tmp/empty.conf" && frr_wait_vty "$d" ||
	    { frr_why="not run: zebra + staticd not up within 30 s (second start)"; return; }
	sleep 0.5
	t0=$(now)
	set +e
	bg timeout "$FRR_CAP" vtysh --vty_socket "$d" --config_dir "$d" \
	    -f "$tmp/frr.conf" > "$tmp/frr-big.out" 2>&1
	rc=$?
	set -e
	f_big=$(ms_since "$t0")
	bg timeout 60 vtysh --vty_socket "$d" --config_dir "$d" \
	    -c 'show running-config' > "$tmp/frr-big-show.txt" 2>&1 || true
	a=$(grep -c '^interface Loopback' "$tmp/frr-big-show.txt" || true)
	b=$(grep -c '^ip route 100\.' "$tmp/frr-big-show.txt" || true)
	f_big_applied=$((a * 4 + b))
	if [ "$rc" = 124 ]; then
		f_big_done=0
	elif [ "$rc" = 0 ] && [ -z "$(frr_check "$tmp/frr-big-show.txt" "$INTERFACES" "$ROUTES")" ]; then
		f_big_done=1
	else
		f_big_done=0
		f_bad=${f_bad:-"full paste: vtysh exit $rc, $(head -1 "$tmp/frr-big.out")"}
	fi
	frr_stop "$d" KILL

	say "FRR: loading $SMALL_LINES lines from zebra.conf + staticd.conf, at most $FRR_BOOT_CAP s"
	d=$tmp/frrd-c
	t0=$(now)
	frr_start "$d" "$tmp/zebra-small.conf" "$tmp/staticd-small.conf" ||
	    { frr_why="not run: zebra + staticd not up within 30 s (third start)"; return; }
	# vtysh -d DAEMON blocks while that daemon reads its file.
	deadline=$(($(now) + FRR_BOOT_CAP * 1000000000))
	for p in zebra staticd; do
		while :; do
			left=$(((deadline - $(now)) / 1000000000))
			[ "$left" -gt 0 ] || break
			if bg timeout "$left" vtysh --vty_socket "$d" --config_dir "$d" \
			    -d "$p" -c 'show running-config' > "$tmp/frr-boot-$p.txt" 2>/dev/null; then
				if [ "$p" = zebra ]; then
					[ "$(grep -c '^interface Loopback' "$tmp/frr-boot-$p.txt")" -eq "$SMALL_IF" ] &&
					    f_boot_z=$(ms_since "$t0")
				else
					[ "$(grep -c '^ip route 100\.' "$tmp/frr-boot-$p.txt")" -eq "$SMALL_RT" ] &&
					    f_boot_s=$(ms_since "$t0")
				fi
				break
			fi
			sleep 0.02
		done
	done
	frr_stop "$d" KILL
}
f_big_done=0
[ -n "$frr_why" ] || run_frr

# ============================================================ the table
say "done"
S=$(thousands "$SMALL_LINES")
L=$(thousands "$LINES")
ref() { if [ -n "$frr_why" ]; then echo "$frr_why"; elif [ -n "$f_bad" ]; then echo "invalid run: $f_bad"; else echo "$1"; fi; }
rat() { if [ -n "$frr_why" ] || [ -n "$f_bad" ]; then echo "-"; else ratio "$@"; fi; }

if [ -n "$frr_why" ]; then
	big_ref=$frr_why big_rate_ref=- big_ratio=- big_rate_ratio=-
elif [ "$f_big_done" = 1 ]; then
	big_ref="$(secs "$f_big") s"
	big_ratio=$(ratio "$f_big" "$paste_ms")
	big_rate_ref=$(thousands "$(rate "$LINES" "$f_big")")
	big_rate_ratio=$(ratio "$(rate "$LINES" "$paste_ms")" "$(rate "$LINES" "$f_big")")
else
	big_ref="did not finish: $(thousands "$f_big_applied") of $L lines applied in $(secs "$f_big") s"
	big_ratio="> $(ratio "$f_big" "$paste_ms")"
	big_rate_ref="$(thousands "$(rate "$f_big_applied" "$f_big")") (partial)"
	big_rate_ratio=$(ratio "$(rate "$LINES" "$paste_ms")" "$(rate "$f_big_applied" "$f_big")")
fi
if [ -z "$frr_why" ]; then
	bz="not done in $FRR_BOOT_CAP s" bs=$bz
	[ -z "$f_boot_z" ] || bz="$(secs "$f_boot_z") s"
	[ -z "$f_boot_s" ] || bs="$(secs "$f_boot_s") s"
	boot_ref="zebra ($(thousands "$SMALL_IF") interfaces): $bz; staticd ($(thousands "$SMALL_RT") routes): $bs"
	if [ -n "$f_boot_s" ] && [ -n "$f_boot_z" ]; then
		boot_ratio=$(ratio "$((f_boot_s > f_boot_z ? f_boot_s : f_boot_z))" "$sstart_ms")
	elif [ -z "$f_boot_s" ]; then
		boot_ratio="> $(ratio "$((FRR_BOOT_CAP * 1000))" "$sstart_ms")"
	else
		boot_ratio=-
	fi
else
	boot_ref=$frr_why boot_ratio=-
fi

row "paste $L lines: wall time (cli < file; FRR: vtysh -f)" "$(secs "$paste_ms") s" "$(goal "$paste_ms" 3000 "< 3 s")" "$big_ref" "$big_ratio"
row "paste $L lines: lines/s" "$(thousands "$(rate "$LINES" "$paste_ms")")" "> 33,333" "$big_rate_ref" "$big_rate_ratio"
row "paste $L lines: CPU time, client + daemons" "$(secs "$paste_cpu") s" "-" "-" "-"
row "paste $S lines: wall time" "$(secs "$spaste_ms") s" "-" "$(ref "$(secs "${f_paste_ms:-0}") s")" "$(rat "${f_paste_ms:-}" "$spaste_ms")"
row "paste $S lines: CPU time, client + daemons" "$(secs "$spaste_cpu") s" "-" "$(ref "$(secs "${f_paste_cpu:-0}") s")" "$(rat "${f_paste_cpu:-}" "$spaste_cpu")"
row "startup-config $L lines ($(thousands "$startup_lines") in the file, $(thousands "$settings") settings): routerctl start to ready" "${start_fail:-$(secs "$start_ms") s}" "-" "not separate: Debian's frr.service applies frr.conf with vtysh -b, the vtysh -f path of the first row" "-"
row "startup-config $L lines: cfgd exec to listening, lines/s of the load" "$(secs "$cfgd_ms") s, $(thousands "$(rate "$startup_lines" "$cfgd_ms")") lines/s" "-" "-" "-"
row "startup-config $S lines: start to ready (FRR: daemons reading zebra.conf + staticd.conf)" "$(secs "$sstart_ms") s" "-" "$boot_ref" "$boot_ratio"
row "show running-config, $L lines: time (cli -c, median of 5)" "$(secs "$show_ms") s" "$(goal "$show_ms" 300 "< 0.3 s")" "not measured: FRR did not load $L lines" "-"
row "show running-config, $L lines: size" "$(thousands "$show_bytes") bytes, $(thousands "$show_lines") lines" "-" "-" "-"
row "show running-config, $S lines: time (median of 5)" "$(secs "$sshow_ms") s" "-" "$(ref "$(secs "${f_show_ms:-0}") s")" "$(rat "${f_show_ms:-}" "$sshow_ms")"
row "show running-config, $S lines: size" "$(thousands "$sshow_bytes") bytes" "-" "$(ref "$(thousands "${f_show_bytes:-0}") bytes")" "-"
row "cli -c 'show version', start to exit, router holding $L lines: median / p95 / min ($lat_tool, $RUNS runs)" "$c_med / $c_p95 / $c_min ms" "$(goal "$c_med" 10 "< 10 ms")" "$(ref "$f_c_med / $f_c_p95 / $f_c_min ms (vtysh -c, FRR holding $S lines)")" "$(rat "$f_c_med" "$c_med")"
row "cli -c 'show version': CPU time of the client (user + sys, mean)" "$c_cpu ms" "-" "$(ref "${f_c_cpu:-?} ms (vtysh -c)")" "$(rat "${f_c_cpu:-}" "$c_cpu")"
row "cli on a pty, exec to first prompt, router holding $L lines: median / p95 / min ($RUNS runs)" "$pty_med / $pty_p95 / $pty_min ms" "$(goal "$pty_med" 10 "< 10 ms")" "$(ref "${f_pty_med:-?} / ${f_pty_p95:-?} / ${f_pty_min:-?} ms (vtysh, FRR holding $S lines)")" "$(rat "${f_pty_med:-}" "$pty_med")"
row "RSS idle, factory config (VmRSS / VmHWM; FRR: zebra + staticd)" "$(mib "$idle_rss") / $(mib "$idle_hwm")" "-" "$(ref "$(mib "${f_idle:-0}") / $(mib "${f_idle_hwm:-0}")")" "$(rat "${f_idle:-}" "$idle_rss")"
row "RSS with $S lines (VmRSS)" "$(mib "$small_rss")" "-" "$(ref "$(mib "${f_rss:-0}")")" "$(rat "${f_rss:-}" "$small_rss")"
row "RSS with $L lines pasted (VmRSS / VmHWM)" "$(mib "$loaded_rss") / $(mib "$loaded_hwm")" "-" "-" "-"
row "RSS with $L lines from startup-config (VmRSS / VmHWM)" "$(mib "$boot_rss") / $(mib "$boot_hwm")" "-" "-" "-"

echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
bsrc=$(sed -n 's/^abs_top_srcdir = //p' "$build/Makefile" 2>/dev/null)
bsrc=$(cd "$build" && cd "${bsrc:-/nonexistent}" 2>/dev/null && pwd)
bsha=$(git -C "${bsrc:-/nonexistent}" rev-parse --short HEAD 2>/dev/null || echo "${bsrc:-?}")
echo "Build: $build (sources: $bsha); reference: FRR ${frr_ver:-not run} (zebra + staticd, vtysh)"
echo "Ratio: FRR ÷ ours for times and memory, ours ÷ FRR for lines/s: above 1 means ours is faster or smaller."
echo
echo "| metric | ours | goal | reference (FRR) | ratio |"
echo "|---|---|---|---|---|"
cat "$table"
if [ -s "$notes" ]; then
	echo
	cat "$notes"
fi
