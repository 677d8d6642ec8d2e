#!/bin/bash
# Logging as IOS users and Linux operators expect it: a router in a
# network namespace (R) with GigabitEthernet1 to a host namespace (H1)
# that runs a syslog listener (UDP 514, python3).  Link changes give
# %LINK/%LINEPROTO, configure terminal/end gives %SYS-5-CONFIG_I, both in
# show logging and on the syslog host with local7 priorities; logging trap
# filters by level; clear logging and no logging buffered do what IOS
# does; a telnet session sees messages once it says terminal monitor; SSH
# logins are logged with their %SSH-5 messages; a second syslog host on
# its own UDP port; each form of service timestamps log stamps as IOS does.
#
# Runs from the build directory (make check's cwd) or with
# $abs_top_builddir set; needs root (namespaces).
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
DRIVE=$srcdir/tests/topo/ssh_session.py
for f in "$RC" "$CLI"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: needs root (network namespaces)"
	exit 77
fi
for p in ip python3 telnet ssh; do
	if ! command -v "$p" >/dev/null; then
		echo "SKIP: $p is not installed (setup.sh installs it)"
		exit 77
	fi
done

R=lgr$$
H1=lgh$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-logging.XXXXXX")
rd=$tmp/r
listener=
listener2=

cleanup() {
	if [ -n "$listener" ]; then kill "$listener" 2>/dev/null || true; fi
	if [ -n "$listener2" ]; then kill "$listener2" 2>/dev/null || true; fi
	ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null 2>&1 || true
	"$RC" stop --rundir "$tmp/j" >/dev/null 2>&1 || true
	for ns in "$R" "$H1"; do
		ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=tests/topo/lib.sh
. "$srcdir/tests/topo/lib.sh"
known_prefix=logging
hasnt() { ! grep -qE -- "$2" <<<"$1"; }
# The router at its privileged prompt (cli -c), or a console transcript.
rcli() { cli "$R" "$rd" "$@"; }
console() { ip netns exec "$R" "$CLI" --rundir "$rd" 2>&1; }
conf() {
	{ echo enable; echo "configure terminal"; printf '%s\n' "$@"; echo end; } |
	    console >/dev/null
}
show_log() { rcli "show logging"; }
log_has() { show_log | grep -qE -- "$1"; }
# ups_are N: show logging has N "GigabitEthernet1 ... up" lines (two a time).
ups_are() {
	[ "$(show_log | grep -c "GigabitEthernet1, changed state to up")" = "$1" ]
}
config_is() { [ "$(show_log | grep -c CONFIG_I)" = "$1" ]; }
dgrams() { cat "$tmp/syslog" 2>/dev/null || true; }
dgram_has() { dgrams | grep -qE -- "$1"; }
dgrams2() { cat "$tmp/syslog2" 2>/dev/null || true; }
dgram2_has() { dgrams2 | grep -qE -- "$1"; }
drive() {
	ip netns exec "$R" timeout 120 python3 "$DRIVE" --timeout 30 "$@"
}

# Topology: the router's Gi1 faces H1 (192.0.2.10), the syslog host.
for ns in "$R" "$H1"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip -n "$R" link add r-h1 type veth peer name h1 netns "$H1"
ip -n "$H1" addr add 192.0.2.10/24 dev h1
ip -n "$H1" addr add 192.0.2.11/24 dev h1
ip -n "$H1" link set h1 up

# The syslog host: every datagram, one per line, as received (on
# 192.0.2.10 port 514, or the address and port given).
cat > "$tmp/listen.py" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[2] if len(sys.argv) > 2 else "192.0.2.10",
        int(sys.argv[3]) if len(sys.argv) > 3 else 514))
with open(sys.argv[1], "ab", buffering=0) as f:
    while True:
        data, _ = s.recvfrom(65535)
        f.write(data.replace(b"\n", b"\\n") + b"\n")
EOF
ip netns exec "$H1" python3 "$tmp/listen.py" "$tmp/syslog" &
listener=$!

# The router, with vtyd on its own loopback (ports are the namespace's).
mkdir -m 755 "$rd"
chmod 755 "$tmp"
printf 'listen 127.0.0.1\nssh-port 22\ntelnet-port 23\n' > "$rd/vtyd.conf"
ip netns exec "$R" "$RC" start --rundir "$rd" >/dev/null
wait_for 20 test -S "$rd/vtyd.sock" || { echo "vtyd did not start"; exit 1; }

# --- the buffer and its defaults -------------------------------------------
out=$(show_log)
check "show logging starts with the syslog summary line" \
    has "$out" "^Syslog logging: enabled \(0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled\)$"
check "console, monitor and buffer log at debugging by default" \
    eval 'has "$out" "^    Console logging: level debugging, [0-9]+ messages logged, xml disabled,$" &&
    has "$out" "^    Monitor logging: level debugging, [0-9]+ messages logged, xml disabled,$" &&
    has "$out" "^    Buffer logging:  level debugging, [0-9]+ messages logged, xml disabled,$"'
check "trap logging is at informational by default" \
    has "$out" "^    Trap logging: level informational, [0-9]+ message lines logged$"
check "the buffer is 4096 bytes by default" \
    has "$out" "^Log Buffer \(4096 bytes\):$"
check "the restart is the first message, stamped as the CSR stamps it" \
    has "$out" "^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: %SYS-5-RESTART: System restarted --$"

# --- links: %LINK and %LINEPROTO --------------------------------------------
# A buffer that holds everything this test logs (the counts below).
conf "interface GigabitEthernet1" "ip address 192.0.2.1 255.255.255.0" \
    "no shutdown" "logging host 192.0.2.10" "logging buffered 100000" \
    "username bob password 0 smith" "line vty 0 4" "login local" \
    "transport input telnet ssh"
check "no shutdown logs %LINK-3-UPDOWN up" wait_for 5 log_has \
    "^\*.*: %LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to up$"
check "no shutdown logs %LINEPROTO-5-UPDOWN up" wait_for 5 log_has \
    "^\*.*: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to up$"
check "leaving configuration mode logs %SYS-5-CONFIG_I" log_has \
    "^\*.*: %SYS-5-CONFIG_I: Configured from console by console$"
ip -n "$H1" link set h1 down
check "losing the carrier logs %LINK-3-UPDOWN down" wait_for 5 log_has \
    "%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to down$"
check "and %LINEPROTO-5-UPDOWN down" wait_for 5 log_has \
    "%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down$"
ip -n "$H1" link set h1 up
wait_for 5 ups_are 4 || true
conf "interface GigabitEthernet1" "shutdown"
check "shutdown logs %LINK-5-CHANGED administratively down" wait_for 5 log_has \
    "%LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down$"
conf "interface GigabitEthernet1" "no shutdown"
wait_for 5 ups_are 6 || true

# --- the syslog host ----------------------------------------------------------
# Once the path is known (ARP), a new loopback comes up: %LINK-3 too.
rcli "ping 192.0.2.10" >/dev/null
conf "hostname LG1" "interface Loopback7"
check "the syslog host receives %SYS-5-CONFIG_I with local7.notice (189), a sequence number and the stamp" \
    wait_for 5 dgram_has \
    "^<189>[0-9]+: \*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: %SYS-5-CONFIG_I: Configured from console by console$"
check "the syslog host receives %LINK-3-UPDOWN with local7.err (187)" \
    wait_for 5 dgram_has "^<187>[0-9]+: \*.*: %LINK-3-UPDOWN: Interface Loopback7, changed state to up$"
conf "no interface Loopback7"
check "no interface Loopback7 logs it administratively down" wait_for 5 \
    log_has "%LINK-5-CHANGED: Interface Loopback7, changed state to administratively down$"
check "and its line protocol down" wait_for 5 log_has \
    "%LINEPROTO-5-UPDOWN: Line protocol on Interface Loopback7, changed state to down$"
out=$(show_log)
check "show logging lists the host and the lines sent to it" \
    eval 'has "$out" "^        Logging to 192\.0\.2\.10  \(udp port 514, audit disabled,$" &&
    has "$out" "^              [1-9][0-9]* message lines logged,$"'
rcli "show running-config" > "$tmp/run1"
check "running-config shows logging host near the end, before control-plane" \
    eval 'grep -A3 "^logging host 192.0.2.10$" "$tmp/run1" | grep -qx control-plane'
# Level filtering: at warnings, %SYS-5 stays home and %SEC_LOGIN-4 goes.
conf "logging trap warnings"
sleep 0.5
before=$(dgrams | grep -c CONFIG_I || true)
warns=$(dgrams | grep -c "^<188>" || true)
conf "hostname LG2"
# A warning: a telnet login that fails (%SEC_LOGIN-4-LOGIN_FAILED).
printf '%s\n' 'expect Username:' 'send bob' 'expect Password:' 'send wrong' \
    'expect Username:' | drive --log "$tmp/badlogin.log" -- \
    telnet 127.0.0.1 23 >/dev/null 2>&1 || true
sleep 0.5
after=$(dgrams | grep -c CONFIG_I || true)
check "logging trap warnings keeps notifications from the syslog host" \
    test "$before" = "$after"
check "logging trap warnings still sends warnings (local7.warning, 188)" \
    wait_for 5 eval '[ "$(dgrams | grep -c "^<188>[0-9]*: .*%SEC_LOGIN-4-LOGIN_FAILED: Login failed \[user: bob\]")" -gt "$warns" ]'
conf "logging trap debugging"

# A second host on its own UDP port, then without it.
ip netns exec "$H1" python3 "$tmp/listen.py" "$tmp/syslog2" 192.0.2.11 5514 &
listener2=$!
sleep 0.5
conf "logging host 192.0.2.11 transport udp port 5514"
check "logging host A.B.C.D transport udp port N sends to that port" \
    wait_for 5 dgram2_has "^<189>[0-9]+: \*.*: %SYS-5-CONFIG_I: Configured from console by console$"
out=$(show_log)
check "show logging lists the host with its port" \
    has "$out" "^        Logging to 192\.0\.2\.11  \(udp port 5514, audit disabled,$"
conf "no logging host 192.0.2.11"
sleep 0.5
n=$(dgrams2 | grep -c CONFIG_I || true)
n1=$(dgrams | grep -c CONFIG_I || true)
conf
# Sent to the other host first, so the next check has waited long enough.
check "without it the other host still gets the messages" wait_for 5 eval \
    '[ "$(dgrams | grep -c CONFIG_I)" -gt "$n1" ]'
sleep 0.2
check "no logging host stops the datagrams to it" \
    test "$(dgrams2 | grep -c CONFIG_I || true)" = "$n"

# --- time stamps: service timestamps log ... ----------------------------------
conf "service timestamps log uptime"
check "service timestamps log uptime stamps with the time since boot" \
    wait_for 5 log_has "^[0-9]{2}:[0-5][0-9]:[0-5][0-9]: %SYS-5-CONFIG_I: "
conf "service timestamps log datetime year"
check "service timestamps log datetime year stamps with the year and no msec" \
    wait_for 5 log_has "^\*[A-Z][a-z]{2} [ 1-3][0-9] 20[0-9]{2} [0-2][0-9]:[0-5][0-9]:[0-5][0-9]: %SYS-5-CONFIG_I: "
conf "service timestamps log datetime msec localtime show-timezone"
check "service timestamps log datetime msec localtime show-timezone adds the zone" \
    wait_for 5 log_has "^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3} [A-Za-z0-9+-]+: %SYS-5-CONFIG_I: "
conf "no service timestamps log"
check "no service timestamps log leaves messages unstamped" \
    wait_for 5 log_has "^%SYS-5-CONFIG_I: "
conf "service timestamps log datetime msec"
check "service timestamps log datetime msec is the CSR's stamp again" \
    wait_for 5 eval 'show_log | tail -n 1 | grep -qE "^\*[A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}: %SYS-5-CONFIG_I: "'

# --- the buffer: level, size, clear, off --------------------------------------
conf "logging buffered 16384 warnings"
out=$(show_log)
check "logging buffered SIZE LEVEL sets both" \
    eval 'has "$out" "^Log Buffer \(16384 bytes\):$" &&
    has "$out" "^    Buffer logging:  level warnings, "'
check "running-config shows logging buffered after the boot markers" \
    eval 'rcli "show running-config" | grep -B2 "^logging buffered 16384 warnings$" |
    grep -q "^boot-end-marker$"'
n=$(show_log | grep -c CONFIG_I || true)
conf "hostname LG3"
check "a buffer at warnings keeps notifications out" config_is "$n"
conf "logging buffered"
out=$(printf '%s\n' enable "clear logging" n "show logging" | console)
check "clear logging asks, and no keeps the buffer" \
    eval 'has "$out" "^Clear logging buffer \[confirm\]" &&
    has "$out" "%SYS-5-CONFIG_I"'
out=$(printf '%s\n' enable "clear logging" "" "show logging" | console)
check "clear logging empties the buffer" \
    eval 'hasnt "$out" "%SYS-5-CONFIG_I" && hasnt "$out" "%LINK-"'
conf "no logging buffered"
out=$(show_log)
check "no logging buffered disables the buffer and its listing" \
    eval 'has "$out" "^    Buffer logging:  disabled, xml disabled,$" &&
    hasnt "$out" "^Log Buffer"'
check "running-config shows no logging buffered" \
    eval 'rcli "show running-config" | grep -qx "no logging buffered"'
conf "logging buffered"

# --- the console: logging console LEVEL ---------------------------------------
out=$(printf '%s\n' enable "configure terminal" end | console)
check "the console shows %SYS-5-CONFIG_I after end" \
    has "$out" "^\*.*: %SYS-5-CONFIG_I: Configured from console by console$"
conf "logging console warnings"
out=$(printf '%s\n' enable "configure terminal" end | console)
check "logging console warnings keeps %SYS-5-CONFIG_I off the console" \
    hasnt "$out" "CONFIG_I"
conf "logging console"

# --- terminal monitor on a telnet session ------------------------------------
if printf '%s\n' 'expect Username:' 'send bob' 'expect Password:' \
    'send smith' 'expect LG3>' \
    "shell ip netns exec $R $CLI --rundir $rd --user before -c 'configure terminal' -c end >/dev/null 2>&1" \
    'sleep 1' 'send terminal monitor' 'expect LG3>' \
    "shell ip netns exec $R $CLI --rundir $rd --user after -c 'configure terminal' -c end >/dev/null 2>&1" \
    'expect %SYS-5-CONFIG_I: Configured from console by after' \
    "shell ip netns exec $R $CLI --rundir $rd -c 'configure terminal' -c 'logging monitor warnings' -c end >/dev/null 2>&1" \
    "shell ip netns exec $R $CLI --rundir $rd --user quiet -c 'configure terminal' -c end >/dev/null 2>&1" \
    'sleep 1' \
    'send terminal no monitor' 'expect LG3>' 'send exit' 'eof' |
    drive --log "$tmp/monitor.log" -- telnet 127.0.0.1 23; then
	pass "terminal monitor shows a vty the messages logged from then on"
else
	fail "terminal monitor shows a vty the messages logged from then on"
	cat "$tmp/monitor.log" >&2 || true
fi
check "without terminal monitor the vty shows no messages" \
    eval '! grep -q "by before" "$tmp/monitor.log"'
check "logging monitor warnings keeps notifications off the monitor (they are in the buffer)" \
    eval '! grep -q "by quiet" "$tmp/monitor.log" &&
    log_has "Configured from console by quiet$"'
conf "logging monitor"

# --- SSH logins ------------------------------------------------------------------
conf "ip domain name example.com" "crypto key generate rsa modulus 1024"
wait_for 10 test -s "$rd/keys/rsa.pem" || true
check "generating the RSA keys logs %SSH-5-ENABLED" log_has \
    "^\*.*: %SSH-5-ENABLED: SSH 1\.99 has been enabled$"
if printf '%s\n' 'expect [Pp]assword:' 'send smith' 'expect LG3>' \
    'send exit' 'eof' | drive --log "$tmp/ssh.log" -- ssh -p 22 \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o PubkeyAuthentication=no bob@127.0.0.1; then
	pass "bob logs in over SSH"
else
	fail "bob logs in over SSH"
fi
check "an SSH login logs %SSH-5-SSH2_SESSION" wait_for 5 log_has \
    "%SSH-5-SSH2_SESSION: SSH2 Session request from 127\.0\.0\.1 \(tty = [0-9]+\) using crypto cipher '[^']+', hmac '[^']+' Succeeded$"
check "and %SSH-5-SSH2_USERAUTH" wait_for 5 log_has \
    "%SSH-5-SSH2_USERAUTH: User 'bob' authentication for SSH2 Session from 127\.0\.0\.1 \(tty = [0-9]+\) using crypto cipher '[^']+', hmac '[^']+' Succeeded$"
check "and %SSH-5-SSH2_CLOSE when it ends" wait_for 5 log_has \
    "%SSH-5-SSH2_CLOSE: SSH2 Session from 127\.0\.0\.1 \(tty = [0-9]+\) for user 'bob' using crypto cipher '[^']+', hmac '[^']+' closed$"
# The user name is the client's to choose before it authenticates: the
# message naming it must not carry its control bytes to the buffer, the
# monitors or syslog (ssh refuses them on its command line, not in its
# configuration file).
printf 'Host evil\n HostName 127.0.0.1\n Port 22\n User ev\033[2Jil\n' \
    >"$tmp/ssh-evil.conf"
printf '%s\n' 'expect [Pp]assword:' 'send wrong' 'eof' |
    drive --log "$tmp/ssh-evil.log" -- ssh -F "$tmp/ssh-evil.conf" \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o PreferredAuthentications=password -o NumberOfPasswordPrompts=1 \
    evil || true
check "a user name's escape byte is logged as ? (%SSH-5-SSH2_USERAUTH Failed)" \
    wait_for 5 log_has \
    "%SSH-5-SSH2_USERAUTH: User 'ev\?\[2Jil' authentication for SSH2 Session from 127\.0\.0\.1 .* Failed$"
check "show logging holds no control bytes" \
    eval '! show_log | LC_ALL=C grep -q "[[:cntrl:]]"'
check "nor do the syslog datagrams" \
    eval '! dgrams | LC_ALL=C grep -q "[[:cntrl:]]"'

# --- configure replace and reload ------------------------------------------------
rcli "write memory" >/dev/null
rcli "configure replace nvram:startup-config force" >/dev/null
check "configure replace logs %SYS-5-CONFIG_R" wait_for 5 log_has \
    "^\*.*: %SYS-5-CONFIG_R: Config Replace is Done$"

# --- the console: a message while a line is being typed ----------------------
if printf '%s\n' 'expect LG3>' 'send enable' 'expect LG3#' 'sendraw show clo' \
    'sleep 0.5' \
    "shell ip netns exec $R $CLI --rundir $rd --user typist -c 'configure terminal' -c end >/dev/null 2>&1" \
    'expect \r\n\*[^\r\n]*: %SYS-5-CONFIG_I: Configured from console by typist' \
    'expect \r\nLG3#show clo' 'sendraw ck\r' 'expect UTC' 'expect LG3#' \
    'send exit' 'eof' |
    drive --log "$tmp/console.log" -- "$CLI" --rundir "$rd"; then
	pass "the console shows a message on its own line and redraws the line being typed"
else
	fail "the console shows a message on its own line and redraws the line being typed"
	cat "$tmp/console.log" >&2 || true
fi

# --- the journal: syslog(3) through /dev/log -----------------------------------
# A private mount namespace with a /dev of its own, whose /dev/log is a
# listener: cfgd's messages reach it under cfgd's name, facility local7.
if command -v unshare >/dev/null; then
	cat > "$tmp/devlog.py" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[3], "w").close()
with open(sys.argv[2], "ab", buffering=0) as f:
    while True:
        f.write(s.recv(65535).replace(b"\n", b"\\n") + b"\n")
EOF
	mkdir -m 755 "$tmp/j" "$tmp/olddev"
	unshare -m bash -s "$tmp" "$RC" "$CLI" <<'EOF' >"$tmp/journal.out" 2>&1 || true
set -e
t=$1 RC=$2 CLI=$3
mount --make-rprivate /
mount --rbind /dev "$t/olddev"
mount -t tmpfs tmpfs /dev
for n in null zero full random urandom tty ptmx; do
	if [ -e "$t/olddev/$n" ]; then
		touch "/dev/$n"
		mount --bind "$t/olddev/$n" "/dev/$n"
	fi
done
python3 "$t/devlog.py" /dev/log "$t/journal" "$t/ready" &
lpid=$!
for i in $(seq 50); do [ -e "$t/ready" ] && break; sleep 0.1; done
"$RC" start --rundir "$t/j" --daemons cfgd >/dev/null
"$CLI" --rundir "$t/j" --user journal -c "configure terminal" -c end >/dev/null
sleep 0.5
"$RC" stop --rundir "$t/j" >/dev/null
kill "$lpid"
EOF
	check "with /dev/log, cfgd's messages go to syslog(3) as cfgd, facility local7" \
	    grep -qE "^<189>.*cfgd\[[0-9]+\]: %SYS-5-CONFIG_I: Configured from console by journal$" \
	    "$tmp/journal"
	check "and the restart message too" \
	    grep -qE "^<189>.*cfgd\[[0-9]+\]: %SYS-5-RESTART: System restarted --" \
	    "$tmp/journal"
	grep -q "cfgd\[" "$tmp/journal" 2>/dev/null ||
	    cat "$tmp/journal.out" >&2 || true
else
	echo "skipped: the journal checks need unshare"
fi

# Last, as it restarts the router: the syslog host hears of the reload.
printf '%s\n' enable "write memory" reload "" | console >"$tmp/reload.out"
check "reload logs %SYS-5-RELOAD, which the syslog host receives" \
    wait_for 10 dgram_has \
    "^<189>[0-9]+: \*.*: %SYS-5-RELOAD: Reload requested by console\. Reload Reason: Reload Command\.$"

# The daemons report leaks when they exit (a sanitizer build).
ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null 2>&1 || true
check "no sanitizer reports in the daemons' logs" eval \
    '! grep -sqE "ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:" \
    "$rd"/log/* "$tmp"/j/log/*'

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "all logging checks passed"
