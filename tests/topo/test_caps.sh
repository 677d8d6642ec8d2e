#!/bin/bash
# routerctl --limit-caps, as the packaged lisprouter.service runs it: each
# daemon keeps only the capabilities platform/caps.h gives it, and the
# router still does what needs them: cfgd puts an address on an interface
# and answers ping, lispd brings up LISP0, vtyd listens and runs a telnet
# session's shell as an unprivileged user.
#
# Needs root (skipped otherwise); runs in its own network namespace.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
[ -c /dev/net/tun ] || { echo "SKIP: no /dev/net/tun"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

ns=caps$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/caps-test.XXXXXX")
chmod 755 "$tmp"
R=$tmp/r
mkdir -m 755 "$R"
cleanup() {
	ip netns exec "$ns" "$RC" stop --rundir "$R" >/dev/null 2>&1 || true
	ip netns del "$ns" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
. "${srcdir:-$(dirname "$0")/../..}/tests/topo/lib.sh"

ip netns add "$ns"
ip -n "$ns" link set lo up
# GigabitEthernet1, for a trunk (cfgd loads tc BPF programs for its tags).
ip link add "cp$$a" type veth peer name "cp$$b"
ip link set "cp$$a" netns "$ns"
ip link set "cp$$b" netns "$ns"
printf 'listen 127.0.0.1\nssh-port 0\ntelnet-port 2323\n' >"$R/vtyd.conf"
ip netns exec "$ns" env LISPROUTER_KERNEL=1 "$RC" start --rundir "$R" \
    --limit-caps >/dev/null
wait_for 20 test -S "$R/vtyd.sock" || { echo "FAIL: vtyd did not start"; exit 1; }
wait_for 20 test -S "$R/lispd.sock" || { echo "FAIL: lispd did not start"; exit 1; }

# pid_of NAME: the daemon's pid from routerctl status.
pid_of() {
	ip netns exec "$ns" "$RC" status --rundir "$R" |
	    awk -v n="$1" '$1 == n { print $4 }'
}
# The masks of caps.h: NET_ADMIN 12, NET_RAW 13, BPF 39, NET_BIND_SERVICE
# 10, SETUID 7, SETGID 6, KILL 5.
mask() {
	local m=0 c
	for c in "$@"; do m=$((m | (1 << c))); done
	printf '%016x' "$m"
}
want_cfgd=$(mask 12 13 39)
want_lispd=$(mask 12 13 39)
want_vtyd=$(mask 10 7 6 5)
for d in cfgd lispd vtyd; do
	pid=$(pid_of "$d")
	want=want_$d
	eff=$(awk '$1 == "CapEff:" { print $2 }' "/proc/$pid/status")
	bnd=$(awk '$1 == "CapBnd:" { print $2 }' "/proc/$pid/status")
	# The kernel may know fewer capabilities than 40 (no CAP_BPF):
	# compare within the bounding set routerctl itself had.
	sup=$(awk '$1 == "CapBnd:" { print $2 }' \
	    "/proc/$(cat "$R/routerctl.pid")/status")
	exp=$(printf '%016x' $((0x${!want} & 0x$sup)))
	check "$d keeps only its capabilities (effective $eff, bounding $bnd, expected $exp)" \
	    test "$eff" = "$exp" -a "$bnd" = "$exp"
done

# The packaged unit's bounding set is what the daemons need together, and
# CAP_SETPCAP for routerctl to hand them out.
unit=${srcdir:-$(dirname "$0")/../..}/debian/lisprouter.service
declare -A capno=([CAP_KILL]=5 [CAP_SETGID]=6 [CAP_SETUID]=7 [CAP_SETPCAP]=8
    [CAP_NET_BIND_SERVICE]=10 [CAP_NET_ADMIN]=12 [CAP_NET_RAW]=13 [CAP_BPF]=39)
unitcaps=()
for c in $(sed -n 's/^CapabilityBoundingSet=//p' "$unit"); do
	unitcaps+=("${capno[$c]:-99}")
done
check "lisprouter.service's CapabilityBoundingSet is the daemons' capabilities and CAP_SETPCAP" \
    test "$(mask "${unitcaps[@]}")" = \
    "$(printf '%016x' $((0x$want_cfgd | 0x$want_lispd | 0x$want_vtyd | 1 << 8)))"

# cfgd: an address on a loopback, in the kernel, and ping to it.
printf '%s\n' 'interface Loopback0' ' ip address 192.0.2.1 255.255.255.255' |
    paste_config "$ns" "$R"
check "cfgd creates lo0 with its address under --limit-caps" \
    wait_for 5 sh -c "ip -n $ns -4 addr show lo0 2>/dev/null | grep -q 192.0.2.1/32"
out=$(cli "$ns" "$R" 'ping 192.0.2.1 repeat 2 timeout 1')
check "cfgd's ping (a raw socket) works under --limit-caps" \
    has "$out" 'Success rate is 100 percent'
# cfgd: a trunk's tagging classifier (BPF).
printf '%s\n' 'vlan 10' 'interface GigabitEthernet1' \
    ' switchport mode trunk' ' switchport trunk allowed vlan 10' \
    ' no shutdown' | paste_config "$ns" "$R"
check "cfgd attaches the trunk's BPF tag classifier under --limit-caps" \
    wait_for 5 sh -c "{ tc -n $ns filter show dev cp$$a ingress;
	tc -n $ns filter show dev cp$$b ingress; } 2>/dev/null |
	grep -q lisprouter-vtag"
check "cfgd logged no switching error" \
    sh -c "! grep -q 'switching:.*\(failed\|: Operation not permitted\|tag classifier\)' $R/log/cfgd.log"
# lispd: its TUN device.
check "lispd's TUN device lisp0 is up under --limit-caps" \
    wait_for 5 sh -c "ip -n $ns link show lisp0 2>/dev/null | grep -q UP"

# vtyd: a telnet login with the line password, and the shell's user.
printf '%s\n' 'line vty 0 4' ' password lab' ' login' \
    ' transport input telnet' | paste_config "$ns" "$R"
cat >"$tmp/telnet.py" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", 2323), timeout=10)
buf = b""
def until(token, secs=10):
    global buf
    end = time.time() + secs
    while token not in buf:
        if time.time() > end:
            sys.exit("timeout waiting for %r; got %r" % (token, buf[-200:]))
        d = s.recv(4096)
        if not d:
            sys.exit("closed waiting for %r" % token)
        buf += d
until(b"Password:")
s.sendall(b"lab\r\n")
until(b">")
print("PROMPT", flush=True)
# Hold the session while the test looks at the shell's process.
sys.stdin.readline()
s.sendall(b"show privilege\r\n")
until(b"Current privilege level is 1")
print("PRIV", flush=True)
s.sendall(b"exit\r\n")
PY
coproc TEL { ip netns exec "$ns" python3 "$tmp/telnet.py" 2>&1; }
read -r -t 15 line <&"${TEL[0]}" || line=
check "telnet login reaches the user prompt through vtyd under --limit-caps" \
    test "$line" = PROMPT
vpid=$(pid_of vtyd)
shell_uid=$(ps -o uid= --ppid "$vpid" 2>/dev/null | head -1 | tr -d ' ')
check "the session's shell runs as an unprivileged user (uid ${shell_uid:-none})" \
    test -n "$shell_uid" -a "${shell_uid:-0}" != 0
echo go >&"${TEL[1]}"
read -r -t 15 line <&"${TEL[0]}" || line=
check "the session's shell answers show privilege" test "$line" = PRIV
wait "$TEL_PID" 2>/dev/null || true

pids="$(pid_of cfgd) $(pid_of lispd) $vpid"
ip netns exec "$ns" "$RC" stop --rundir "$R" >/dev/null
gone() { local p; for p in $pids; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
check "routerctl stop ends the router's daemons" gone

# Without CAP_BPF (nor CAP_SYS_ADMIN) lispd cannot load the program that
# keeps each flow on one lisp0 queue: it says so and reads lisp0 with one
# queue, one worker, rather than let flows move between workers.
if command -v capsh >/dev/null; then
	R2=$tmp/nobpf
	mkdir -m 755 "$R2"
	ip netns exec "$ns" capsh --drop=cap_bpf,cap_sys_admin -- -c \
	    "LISPD_DATA_WORKERS=2 exec '$builddir/lispd/lispd' --rundir '$R2'" \
	    >"$tmp/nobpf.log" 2>&1 &
	nbpid=$!
	wait_for 10 test -S "$R2/lispd.sock" || true
	check "lispd without CAP_BPF says it has no flow steering program" \
	    grep -q "lisp0: no flow steering program, one queue" "$tmp/nobpf.log"
	check "and runs one data-plane worker on one lisp0 queue" \
	    grep -q "data plane: 1 worker(s)" "$tmp/nobpf.log"
	kill "$nbpid" 2>/dev/null || true
	wait "$nbpid" 2>/dev/null || true
else
	echo "info: no capsh: the lispd-without-CAP_BPF checks are skipped"
fi
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
