#!/bin/bash
# The configuration store holds under real use: two sessions see each
# other's changes at once; write memory survives a restart; reload comes
# back from startup-config; killing cfgd while it saves never leaves a
# partial startup-config; erase gives the factory configuration; a
# startup-config with garbage in it loads everything else and reports each
# bad line; configure replace applies a good file whole and a bad one not
# at all.
#
# Runs from the build directory (make check's cwd) or with
# $abs_top_builddir set; needs no root.  Checks listed in
# tests/KNOWN-FAILURES as "store/<id> reason" are expected to fail (one
# that passes fails the test, so that the list stays true).
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
known=$srcdir/tests/KNOWN-FAILURES
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
for f in "$RC" "$CLI"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/store-test.XXXXXX")
bgpids=()
cleanup() {
	local r p
	exec 7>&- 2>/dev/null || true
	for p in "${bgpids[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for r in "$tmp"/r*; do
		[ -d "$r" ] && "$RC" stop --rundir "$r" >/dev/null 2>&1 || true
	done
	for p in "${bgpids[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	# STORE_KEEP=1 keeps the directory to look at after a failure.
	if [ -n "${STORE_KEEP:-}" ]; then
		echo "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

t_start=$(date +%s%N)
known_prefix=store
. "$(dirname "$0")/lib.sh"
# check ID SENTENCE COMMAND...: ID names the check in tests/KNOWN-FAILURES.
check() { check_id "$@"; }
elapsed() { echo "$((($(date +%s%N) - t_start) / 1000000)) ms"; }

start() { "$RC" start --rundir "$1" >/dev/null; }
cli() { local r=$1; shift; "$CLI" --rundir "$r" "$@" 2>>"$tmp/cli.err"; }
# run RUNDIR: show running-config without the lines that change with time
# (the two header lines and the byte count, which counts them).
run() {
	{ cli "$1" -c 'show running-config' || true; } | sed \
	    -e '/^! Last configuration change at /d' \
	    -e '/^! NVRAM config last updated at /d' \
	    -e '/^Current configuration : [0-9]* bytes$/d'
}
lacks() { ! grep -qE -- "$1" "$2"; }
has_line() { grep -qxF -- "$2" "$1"; }
lacks_line() { ! grep -qxF -- "$2" "$1"; }
# block FILE HEAD: the block of running-config under HEAD (with it).
block() {
	awk -v h="$2" '$0 == h { on = 1; print; next }
		on && /^ / { print; next } { on = 0 }' "$1"
}
cfgd_answers() { cli "$1" -c 'show privilege' >/dev/null 2>&1; }

###########################################################################
# Two sessions at once: A is a shell kept open on a FIFO (transcript mode,
# one line at a time, as a program driving the console would), B runs
# one-shot commands.
r1=$tmp/r1
start "$r1"
mkfifo "$tmp/a.in"
"$CLI" --rundir "$r1" <"$tmp/a.in" >"$tmp/a.out" 2>&1 &
apid=$!
bgpids+=("$apid")
exec 7>"$tmp/a.in"
send() { printf '%s\n' "$1" >&7; }
a_has() { grep -qF -- "$1" "$tmp/a.out"; }
b_has() { run "$r1" >"$tmp/b.run" && grep -qxF -- "$1" "$tmp/b.run"; }

# pad_a N: N comment lines.  cli in transcript mode holds configuration
# lines back until it has 4096 of them or its input ends (see
# KNOWN-FAILURES, store/a-hostname-at-once); once that is seen, each step
# below is padded to 4096 lines (the comments first) so that the later
# checks still test what they name.
pad=0
pad_a() { local i; for ((i = 0; i < $1; i++)); do echo '!'; done >&7; }
# step_a LINE...: sends configuration lines as one step.
step_a() {
	[ "$pad" -eq 1 ] && pad_a $((4096 - $#))
	local l
	for l in "$@"; do send "$l"; done
}

send enable
send "configure terminal"
check a-config "session A enters configuration mode" \
    wait_for 3 a_has "Enter configuration commands, one per line."
send "hostname SHARED1"
check a-hostname-at-once \
    "session B sees A's hostname within 3 s while A's input stays open" \
    wait_for 3 b_has "hostname SHARED1"
send "interface GigabitEthernet2"
send " description set by session A"
check a-description-at-once \
    "session B sees A's interface description within 3 s" \
    wait_for 3 b_has " description set by session A"
if ! b_has "hostname SHARED1"; then
	pad=1
	pad_a 4093
	wait_for 5 b_has " description set by session A" || true
fi
run "$r1" >"$tmp/b.run"
check b-hostname "session B's show running-config has A's hostname" \
    has_line "$tmp/b.run" "hostname SHARED1"
check b-description "session B's show running-config has the description under interface GigabitEthernet2" \
    grep -qxF " description set by session A" \
    <(block "$tmp/b.run" "interface GigabitEthernet2")
check a-prompt "A's next prompt shows the new hostname" \
    wait_for 3 a_has "SHARED1(config)#interface GigabitEthernet2"
# B changes the hostname while A sits in interface mode, then at exec.
# The prompt A shows before its next line was printed before B's change;
# the one after it must follow.
cli "$r1" -c "configure terminal" -c "hostname FROM-B" -c end >/dev/null
step_a " shutdown" "exit"
check a-sees-b-config "A's prompt in configuration mode follows B's hostname" \
    wait_for 3 a_has "FROM-B(config-if)#exit"
step_a end
check a-end "A's end leaves configuration mode with %SYS-5-CONFIG_I" \
    wait_for 3 a_has "%SYS-5-CONFIG_I: Configured from console by console"
send "show privilege"
wait_for 3 a_has "Current privilege level is 15" || true
cli "$r1" -c "configure terminal" -c "hostname FROM-B2" -c end >/dev/null
send "show privilege"
send "show privilege"
check a-sees-b-exec "A's prompt at exec follows B's hostname" \
    wait_for 3 a_has "FROM-B2#show privilege"
send exit
exec 7>&-
check a-exits "session A ends at exit with status 0" wait "$apid"
run "$r1" >"$tmp/b.run"
check a-shutdown "A's shutdown under GigabitEthernet2 is in running-config" \
    grep -qxF " shutdown" <(block "$tmp/b.run" "interface GigabitEthernet2")
echo "--- two sessions done ($(elapsed))"

###########################################################################
# write memory, then a restart of the whole router brings it all back.
cli "$r1" -c "configure terminal" -c "hostname SAVED" \
    -c "interface Loopback7" -c " description kept over a restart" \
    -c " ip address 192.0.2.7 255.255.255.255" -c "ip domain name example.com" \
    -c "banner motd ^CMessage of the day^C" -c end >/dev/null
check write-ok "write memory prints [OK]" \
    grep -qx '\[OK\]' <(cli "$r1" -c "write memory")
run "$r1" >"$tmp/before"
"$RC" restart --rundir "$r1" >/dev/null
run "$r1" >"$tmp/after"
check restart-same "after write memory and routerctl restart, show running-config is the same" \
    diff -u "$tmp/before" "$tmp/after"
check restart-log "cfgd loaded startup-config with 0 bad lines" \
    grep -q 'startup-config loaded: [0-9]* settings, 0 bad lines' \
    "$r1/log/cfgd.log"
echo "--- write memory and restart done ($(elapsed))"

###########################################################################
# reload from a transcript session.
reload_session() {
	printf '%s\n' enable "configure terminal" "hostname $1" end reload \
	    "$2" "$3" enable "show running-config | include ^hostname" exit |
	    timeout 20 "$CLI" --rundir "$r1" >"$tmp/reload.out" 2>&1
}
pid0=$(status_field "$r1" cfgd pid)
reload_session UNSAVED no ""
check reload-asks-save "reload asks to save a modified configuration" \
    grep -qF "System configuration has been modified. Save? [yes/no]: no" \
    "$tmp/reload.out"
check reload-confirm "reload asks [confirm]" \
    grep -qF "Proceed with reload? [confirm]" "$tmp/reload.out"
check reload-restarts "reload restarts cfgd" \
    [ "$(status_field "$r1" cfgd pid)" != "$pid0" ]
check reload-user-prompt "after the reload the session is at SAVED>" \
    grep -qxF "SAVED>enable" "$tmp/reload.out"
check reload-unsaved-gone "answered no, the unsaved hostname is gone" \
    grep -qxF "hostname SAVED" "$tmp/reload.out"
run "$r1" >"$tmp/after"
check reload-from-startup "after reload, running-config is startup-config" \
    diff -u "$tmp/before" "$tmp/after"
pid0=$(status_field "$r1" cfgd pid)
reload_session KEPT yes ""
check reload-saves "reload answered yes saves first ([OK])" \
    grep -qx '\[OK\]' "$tmp/reload.out"
check reload-kept "answered yes, the change survives the reload" \
    grep -qxF "hostname KEPT" "$tmp/reload.out"
check reload-restarts-2 "the second reload restarts cfgd too" \
    [ "$(status_field "$r1" cfgd pid)" != "$pid0" ]
pid0=$(status_field "$r1" cfgd pid)
reload_session NOTNOW no n
check reload-abort "answering n to [confirm] does not reload" \
    [ "$(status_field "$r1" cfgd pid)" = "$pid0" ]
check reload-abort-keeps "after an aborted reload the change is still running" \
    grep -qxF "hostname NOTNOW" "$tmp/reload.out"
echo "--- reload done ($(elapsed))"

###########################################################################
# kill -9 of cfgd at random moments while other loops change the config
# and write memory: startup-config is always absent or complete.  Six
# routers take five kills each (30 in all), so that the supervisor's
# back-off (0.1 s doubling) stays short.
big=$tmp/big.cfg
{
	echo enable
	echo "configure terminal"
	for i in $(seq 1 1000); do
		echo "interface Loopback$i"
		echo " description loopback $i of the store test"
		echo " ip address 10.$((i / 250)).$((i % 250)).1 255.255.255.255"
	done
	echo end
} >"$big"
stop=$tmp/stop
# The shells of the loops below often find cfgd gone (that is the point);
# the leak a shell has on that path is checked once, on its own, at the
# end, so leak reports are off for them (not for the daemons).
no_leak_reports() {
	export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"
}
writer() {
	local r=$1 i=0
	no_leak_reports
	while [ ! -e "$stop" ]; do
		i=$((i + 1))
		cli "$r" -c "configure terminal" -c "hostname W$i" \
		    -c "interface Loopback$((i % 1000 + 1))" \
		    -c " description changed by write $i" -c end \
		    -c "write memory" >>"$r.writes" 2>&1 || true
	done
}
# observer RUNDIR: reads startup-config as fast as it can; every read
# must be absent or end with "end\n".  Partial reads are kept.
observer() {
	local r=$1 n=0 bad=0 s
	while [ ! -e "$stop" ]; do
		s=$(cat "$r/startup-config" 2>/dev/null; echo x)
		n=$((n + 1))
		case $s in
		x | *$'\nend\nx') ;;
		*)	bad=$((bad + 1))
			printf '%s' "${s%x}" >"$r.partial.$bad" ;;
		esac
	done
	echo "$n $bad" >"$r.observed"
}
# killer RUNDIR N: kills cfgd N times at random moments, each time once
# routerctl has brought it back.
killer() {
	local r=$1 n=$2 k p back=0
	no_leak_reports
	for k in $(seq "$n"); do
		sleep "0.$((RANDOM % 40 + 5))"
		p=$(status_field "$r" cfgd pid)
		kill -9 "$p" 2>/dev/null || true
		new_cfgd() {
			local q
			q=$(status_field "$r" cfgd pid)
			[ -n "$q" ] && [ "$q" != - ] && [ "$q" != "$p" ] &&
			    [ -S "$r/cfgd.sock" ] && cfgd_answers "$r"
		}
		wait_for 8 new_cfgd && back=$((back + 1))
	done
	echo "$back" >"$r.back"
}
kr=()
for j in 1 2 3 4 5 6; do
	r=$tmp/rk$j
	start "$r"
	cli "$r" <"$big" >/dev/null
	cli "$r" -c "write memory" >/dev/null
	# What a cfgd killed between creating its temp file and the rename
	# leaves behind (the window is short, so one is planted): the 30
	# restarts must not let such files pile up.
	cp "$r/startup-config" "$r/.tmp-startup-config.AbC123"
	kr+=("$r")
done
for r in "${kr[@]}"; do
	writer "$r" &
	bgpids+=($!)
	observer "$r" &
	bgpids+=($!)
done
kpids=()
for r in "${kr[@]}"; do
	killer "$r" 5 &
	kpids+=($!)
done
for p in "${kpids[@]}"; do wait "$p" || true; done
touch "$stop"
for p in "${bgpids[@]}"; do wait "$p" 2>/dev/null || true; done
bgpids=()
back=0 reads=0 partial=0 restarts=0 loads=0 badloads=0 tmps=0 writes=0
for r in "${kr[@]}"; do
	back=$((back + $(cat "$r.back")))
	read -r n b <"$r.observed"
	reads=$((reads + n))
	partial=$((partial + b))
	restarts=$((restarts + $(status_field "$r" cfgd restarts)))
	loads=$((loads + $(grep -c 'startup-config loaded: ' "$r/log/cfgd.log")))
	badloads=$((badloads + $(grep 'startup-config loaded: ' \
	    "$r/log/cfgd.log" | grep -vc ', 0 bad lines$' || true)))
	tmps=$((tmps + $(find "$r" -maxdepth 1 -name '.tmp-*' | wc -l)))
	writes=$((writes + $(grep -cx '\[OK\]' "$r.writes" || true)))
done
echo "kill loop: 30 kills, $writes writes [OK], $reads reads of" \
    "startup-config, $loads loads, $restarts restarts"
check kill-back "routerctl brought cfgd back after each of the 30 kills" \
    [ "$back" -eq 30 -a "$restarts" -eq 30 ]
check kill-writes "write memory kept succeeding between the kills" \
    [ "$writes" -ge 30 ]
check kill-never-partial "startup-config was never seen partial ($reads reads)" \
    [ "$partial" -eq 0 ]
check kill-loads-clean "every startup-config cfgd loaded had 0 bad lines ($loads loads)" \
    [ "$loads" -ge 30 -a "$badloads" -eq 0 ]
check kill-no-tmp "no .tmp-* files are left in the run directories (one planted in each before the loop)" \
    [ "$tmps" -eq 0 ]
complete() {
	local r
	for r in "${kr[@]}"; do
		[ "$(tail -n 1 "$r/startup-config")" = end ] || return 1
	done
}
check kill-final "each final startup-config is complete" complete
for r in "${kr[@]}"; do "$RC" stop --rundir "$r" >/dev/null; done
echo "--- kill loop done ($(elapsed))"

###########################################################################
# erase startup-config, then a restart gives the factory configuration.
r0=$tmp/r0
start "$r0"
run "$r0" >"$tmp/factory"
"$RC" stop --rundir "$r0"
cli "$r1" -c "erase startup-config" >"$tmp/erase.out"
check erase-ok "erase startup-config completes" \
    grep -qx 'Erase of nvram: complete' "$tmp/erase.out"
check erase-gone "startup-config is gone" [ ! -e "$r1/startup-config" ]
"$RC" restart --rundir "$r1" >/dev/null
run "$r1" >"$tmp/after"
check erase-factory "after a restart the hostname is Router" \
    has_line "$tmp/after" "hostname Router"
check erase-factory-all "after a restart running-config is the factory configuration" \
    diff -u "$tmp/factory" "$tmp/after"
echo "--- erase done ($(elapsed))"

###########################################################################
# A startup-config with garbage in the middle.
r2=$tmp/r2
mkdir -p "$r2"
{
	printf 'hostname GOOD-BEFORE\n'
	printf 'interface GigabitEthernet2\n'
	printf ' ip address 10.9.9.1 255.255.255.0\n'
	head -c 200 /dev/urandom | tr -d '\n\r\0' | tr '\000-\037' 'x'
	printf '\n'
	printf 'frobnicate the widgets\n'
	printf 'interface\n'
	printf ' ip address 10.1.1.1\n'
	printf 'hostname\n'
	printf 'garbage\001\033[31m with ESC\n'
	printf ' description after the junk\n'
	printf 'interface Loopback9\n'
	printf ' description good after the junk\n'
	printf 'ip domain name after.example\n'
	printf 'end\n'
} >"$r2/startup-config"
bad_lines="4 5 6 7 8 9"
start "$r2"
run "$r2" >"$tmp/r2.run"
check junk-starts "cfgd starts over a startup-config with garbage lines" \
    cfgd_answers "$r2"
for n in $bad_lines; do
	check "junk-line-$n" "line $n of the bad startup-config is reported in cfgd.log with its number" \
	    grep -q "startup-config line $n: " "$r2/log/cfgd.log"
done
check junk-count "cfgd.log counts 6 bad lines" \
    grep -q 'startup-config loaded: [0-9]* settings, 6 bad lines' \
    "$r2/log/cfgd.log"
check junk-before "the good lines before the garbage are loaded" \
    grep -qxF " ip address 10.9.9.1 255.255.255.0" \
    <(block "$tmp/r2.run" "interface GigabitEthernet2")
check junk-hostname "the hostname before the garbage is kept" \
    has_line "$tmp/r2.run" "hostname GOOD-BEFORE"
check junk-after "the good lines after the garbage are loaded" \
    grep -qxF " description good after the junk" \
    <(block "$tmp/r2.run" "interface Loopback9")
check junk-mode-kept "a bad line leaves the mode as it was" \
    grep -qxF " description after the junk" \
    <(block "$tmp/r2.run" "interface GigabitEthernet2")
check junk-last "the last line before end is loaded" \
    has_line "$tmp/r2.run" "ip domain name after.example"
"$RC" stop --rundir "$r2"
# A NUL byte in a line: that line is bad, the rest still loads.
r3=$tmp/r3
mkdir -p "$r3"
printf 'hostname NUL-BEFORE\nnul\0 inside\nip domain name after.nul\nend\n' \
    >"$r3/startup-config"
start "$r3"
run "$r3" >"$tmp/r3.run"
check nul-starts "cfgd starts over a startup-config with a NUL byte" \
    has_line "$tmp/r3.run" "hostname NUL-BEFORE"
check nul-reported "the line with the NUL byte is reported as line 2" \
    grep -q "startup-config line 2: " "$r3/log/cfgd.log"
check nul-after "the line after a line with a NUL byte is loaded" \
    has_line "$tmp/r3.run" "ip domain name after.nul"
"$RC" stop --rundir "$r3"
echo "--- garbage startup-config done ($(elapsed))"

###########################################################################
# configure replace: a good file replaces, a bad one changes nothing.
mkdir -p "$r1/bootflash"
cli "$r1" -c "configure terminal" -c "hostname BEFORE-REPLACE" \
    -c "interface Loopback3" -c " description before replace" -c end \
    >/dev/null
run "$r1" >"$tmp/before"
cli "$r1" -c "show running-config" | sed -e '1,/^Current configuration/d' |
    sed -e 's/^hostname .*/hostname REPLACED/' \
    -e 's/^ description before replace$/ description after replace/' \
    >"$r1/bootflash/good.cfg"
sed -e 's/^ description after replace$/&\n no such command here/' \
    "$r1/bootflash/good.cfg" >"$r1/bootflash/bad.cfg"
sed -i -e 's/^hostname REPLACED/hostname BAD-REPLACE/' "$r1/bootflash/bad.cfg"
cli "$r1" -c "configure replace bootflash:bad.cfg force" >"$tmp/rep.out" 2>&1 ||
    true
run "$r1" >"$tmp/after"
check replace-bad-unchanged "configure replace of a file with one bad line changes nothing" \
    diff -u "$tmp/before" "$tmp/after"
check replace-bad-why "and says which line failed" \
    grep -q "no such command here" "$tmp/rep.out"
check replace-bad-status "and cli -c exits 1" \
    [ "$(cli "$r1" -c "configure replace bootflash:bad.cfg force" \
    >/dev/null 2>&1; echo $?)" -eq 1 ]
printf '%s\n' enable "configure replace bootflash:good.cfg" no \
    "show running-config | include ^hostname" exit |
    timeout 10 "$CLI" --rundir "$r1" >"$tmp/rep.out" 2>&1
check replace-asks "without force, configure replace asks first" \
    grep -qF "Enter Y if you are sure you want to proceed. ? [no]: no" \
    "$tmp/rep.out"
check replace-no-aborts "answered no, nothing is replaced" \
    grep -qxF "hostname BEFORE-REPLACE" "$tmp/rep.out"
cli "$r1" -c "configure replace bootflash:good.cfg force" >"$tmp/rep.out"
run "$r1" >"$tmp/after"
check replace-good "configure replace bootflash:good.cfg force makes running-config the file" \
    diff -u <(tail -n +3 "$tmp/after") \
    <(grep -v '^! Last configuration change at ' "$r1/bootflash/good.cfg")
check replace-good-says "and prints Rollback Done" \
    grep -qx "Rollback Done" "$tmp/rep.out"
printf '%s\n' enable "configure replace bootflash:bad.cfg" y exit |
    timeout 10 "$CLI" --rundir "$r1" >"$tmp/rep.out" 2>&1
run "$r1" >"$tmp/after2"
check replace-bad-yes "answered y, a bad file still changes nothing" \
    diff -u "$tmp/after" "$tmp/after2"
"$RC" stop --rundir "$r1"
echo "--- configure replace done ($(elapsed))"

###########################################################################
# A shell for a router that is not running says so and exits 1.
# (The exit status is checked with leak reports off: a leak report would
# change it; the leak is checked on its own just below.)
set +e
(no_leak_reports; exec "$CLI" --rundir "$r1" -c "show privilege") \
    >"$tmp/down.out" 2>"$tmp/down.err"
rc=$?
set -e
check cli-down "cli -c for a stopped router exits 1" [ "$rc" -eq 1 ]
check cli-down-says "and says that cfgd cannot be reached" \
    grep -q "cannot reach cfgd" "$tmp/down.err"
if grep -q __asan_init "$CLI"; then
	"$CLI" --rundir "$r1" -c "show privilege" >/dev/null 2>"$tmp/down.err" ||
	    true
	check cli-down-no-leak "and leaks nothing (LeakSanitizer)" \
	    lacks LeakSanitizer "$tmp/down.err"
	rm -f "$tmp/down.err"
else
	echo "skip: and leaks nothing (not a sanitizer build)"
fi

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
echo "store test took $(elapsed)"
if [ "$fails" -ne 0 ]; then
	echo "$fails checks failed" >&2
	exit 1
fi
echo "all store checks passed ($xfails known failures)"
