#!/bin/bash
# LISP between two sites (scenario A of SCENARIOS.md with static EIDs, no
# mobility), in network namespaces: the shipped lab/two-site.lab brought up
# with `routerctl lab up` (so what users run is what this tests), its
# routers configured only by pasting through the cli:
#
#   H1 10.1.1.10 --- Gi2 10.1.1.1 [CSR_1 xTR+MS/MR] Gi1 198.51.100.1 --+-- WAN bridge
#   H3 10.3.3.10 --- Gi2 10.3.3.1 [CSR_3 xTR]       Gi1 198.51.100.3 --+
#   (and the plain branch router R2 with H2, which test_proxy.sh uses)
#
# What must hold: the ETRs register with the map-server (show lisp site),
# hosts ping and talk TCP across through LISP0, lig answers from both
# sides, a wrong site key is refused and counted, tshark decodes all UDP
# 4341/4342 as LISP with nothing malformed, and after kill -9 of lispd
# under traffic routerctl restarts it and traffic flows again within 2 s.
#
# Needs root (namespaces).  Runs from the build directory or with
# $abs_top_builddir set.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
. "$(dirname "$0")/lib.sh"
need_built platform/routerctl cli/cli cfg/cfgd lispd/lispd
need_netns

p=tl$$
R1=$p-CSR_1
R3=$p-CSR_3
H1=$p-H1
H3=$p-H3
W=$p-hub
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-lisp.XXXXXX")
chmod 755 "$tmp"
export LISPROUTER_LAB_DIR=$tmp/lab
# Each router's run directory, as routerctl lab keeps it.
r1=$LISPROUTER_LAB_DIR/$p/CSR_1
r3=$LISPROUTER_LAB_DIR/$p/CSR_3

cleanup() {
	[ -n "${TSHARK_PID:-}" ] && kill "$TSHARK_PID" 2>/dev/null || true
	"$RC" lab down --name "$p" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# The topology and the routers' configurations (lab/two-site.lab, pasted
# through each router's cli by routerctl lab up).
if ! "$RC" lab up "$srcdir/lab/two-site.lab" --name "$p" >"$tmp/up.out" 2>&1; then
	cat "$tmp/up.out"
	echo "FAIL: routerctl lab up two-site.lab"
	exit 1
fi

check "routerctl lab up reports no refused configuration line" \
    bash -c "! grep -q refused '$tmp/up.out'"

# CSR_1's WAN port cuts every GSO packet (as a NIC without UDP
# segmentation offload does), so that tshark sees each segment lispd
# made from H1's TSO super-packets; CSR_3's keeps them whole (UDP GSO to
# the ETR's GRO, as between two hosts of one machine).
g1=$(ip -n "$R1" -o -4 addr show to 198.51.100.1/32 | awk '{print $2; exit}')
ip -n "$R1" link set "$g1" gso_max_segs 1

# tshark on the WAN bridge for the rest of the run.
wan_capture "$W"

run=$(cli "$R1" "$r1" "show running-config | section router lisp")
expect='router lisp
 locator-set DC1
  198.51.100.1 priority 1 weight 100
  exit
 !
 database-mapping 10.1.1.0/24 locator-set DC1
 site Cloud
  authentication-key s3cr3t
  eid-prefix 10.1.1.0/24
  eid-prefix 10.3.3.0/24
  exit
 !
 ipv4 map-server
 ipv4 map-resolver
 ipv4 itr map-resolver 198.51.100.1
 ipv4 itr
 ipv4 etr map-server 198.51.100.1 key s3cr3t
 ipv4 etr
 exit'
check "the pasted router lisp block comes back in running-config, with IOS's \" !\" after each locator-set and site block" \
    [ "$run" = "$expect" ]

registered() {
	has "$(cli "$R1" "$r1" "show lisp site")" \
	    "198.51.100.3 +10.3.3.0/24"
}
check "both ETRs register with the map-server (show lisp site)" \
    wait_for 10 registered
site=$(cli "$R1" "$r1" "show lisp site" |
    sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/')
expect='LISP Site Registration Information
* = Some locators are down or unreachable

Site Name      Last      Up   Who Last             Inst     EID Prefix
               Register       Registered           ID
Cloud          TIME  yes  198.51.100.1                  10.1.1.0/24
               TIME  yes  198.51.100.3                  10.3.3.0/24'
check "show lisp site lists both registrations in IOS columns" \
    [ "$site" = "$expect" ]
check "the map-server logs each new registration (show logging)" has \
    "$(cli "$R1" "$r1" "show logging")" \
    "%LISP-5-MAP_SERVER_REGISTRATION: IID 0 Registration of EID-prefix 10\.3\.3\.0/24 for site Cloud from 198\.51\.100\.3$"

pinged() { ip netns exec "$H1" ping -c1 -W1 10.3.3.10 >/dev/null 2>&1; }
check "H1 pings H3 across LISP" wait_for 10 pinged
check "H3 pings H1 across LISP" ip netns exec "$H3" ping -c3 -W1 \
    -i 0.2 10.1.1.10
tcp_ok() {
	ip netns exec "$H3" timeout 5 python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.3.3.10", 5001)); s.listen(1); c, _ = s.accept()
c.sendall(c.recv(100).upper()); c.close()' &
	local srv=$!
	sleep 0.5
	ip netns exec "$H1" timeout 5 python3 -c '
import socket
c = socket.create_connection(("10.3.3.10", 5001), timeout=4)
c.sendall(b"hello-lisp"); print(c.recv(100).decode())' >"$tmp/tcp.in" 2>&1 || true
	wait "$srv" || true
	grep -q HELLO-LISP "$tmp/tcp.in"
}
check "TCP from H1 to H3 across LISP (a request and its answer)" tcp_ok

# Bulk TCP both ways: lispd reads TSO super-packets from lisp0, cuts them
# into inner packets and sends them with UDP GSO; the ETR takes GRO'd
# datagrams and writes merged TCP into lisp0.  Each side checks a SHA-256
# of what it received.
bulk_ok() {
	ip netns exec "$H3" timeout 20 python3 -c '
import hashlib, socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.3.3.10", 5002)); s.listen(1); c, _ = s.accept()
h = hashlib.sha256()
while True:
    b = c.recv(1 << 16)
    if not b:
        break
    h.update(b)
data = bytes(range(251)) * 16000
c.sendall(h.hexdigest().encode() + hashlib.sha256(data).hexdigest().encode()
    + data)
c.close()' &
	local srv=$!
	sleep 0.5
	ip netns exec "$H1" timeout 20 python3 -c '
import hashlib, socket, sys
data = bytes(range(256)) * 32768
c = socket.create_connection(("10.3.3.10", 5002), timeout=15)
c.sendall(data); c.shutdown(socket.SHUT_WR)
got = b""
while True:
    b = c.recv(1 << 16)
    if not b:
        break
    got += b
ok = got[:64].decode() == hashlib.sha256(data).hexdigest() and \
    got[64:128].decode() == hashlib.sha256(got[128:]).hexdigest() and \
    len(got) == 128 + 251 * 16000
print("bulk", "ok" if ok else "bad", len(got))' >"$tmp/bulk.out" 2>&1 || true
	wait "$srv" || true
	grep -q "bulk ok" "$tmp/bulk.out"
}
check "8 MB of TCP from H1 to H3 and 4 MB back arrive intact" bulk_ok
dfping() {
	ip netns exec "$H1" ping -c2 -i 0.3 -W1 -M do -s 1472 10.3.3.10 \
	    >"$tmp/dfping" 2>&1 || true
	grep -q "mtu *= *1464" "$tmp/dfping" || {
		cat "$tmp/dfping"
		return 1
	}
}
check "a DF packet too big for the tunnel gets fragmentation needed (MTU 1464)" dfping

# Small packets of a flow that the ITR reads together leave in one UDP GSO
# message (they join the last message when size and way match) and reach
# the ETR as one merged datagram: 2000 numbered 100-byte datagrams in
# bursts of 50 all arrive, whole and in order, in fewer WAN datagrams
# than packets sent.
udp_out() {
	ip netns exec "$1" nstat -az UdpOutDatagrams 2>/dev/null |
	    awk '/UdpOutDatagrams/ { print $2 }'
}
burst_ok() {
	local before after
	before=$(udp_out "$R1")
	ip netns exec "$H3" timeout 15 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
s.bind(("10.3.3.10", 5003)); s.settimeout(3)
want, bad = 0, 0
try:
    while want < 2000:
        b = s.recv(2048)
        n = int.from_bytes(b[:4], "big")
        if len(b) != 100 or n != want or b[4:] != bytes([n % 251]) * 96:
            bad += 1
        want = n + 1
except socket.timeout:
    pass
print("burst", want, bad)' >"$tmp/burst.out" 2>&1 &
	local srv=$!
	sleep 0.5
	ip netns exec "$H1" python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for n in range(2000):
    s.sendto(n.to_bytes(4, "big") + bytes([n % 251]) * 96, ("10.3.3.10", 5003))
    if n % 50 == 49:
        time.sleep(0.002)'
	wait "$srv" || true
	after=$(udp_out "$R1")
	echo "info: $(cat "$tmp/burst.out"); CSR_1 sent $((after - before)) UDP datagrams"
	grep -q "^burst 2000 0$" "$tmp/burst.out" && [ $((after - before)) -lt 2000 ]
}
check "2000 small UDP datagrams in bursts arrive whole and in order, in fewer WAN datagrams" burst_ok

lig3=$(cli "$R3" "$r3" "lig 10.1.1.10")
check "lig on CSR_3 answers with locator 198.51.100.1" has "$lig3" \
    "^  198\\.51\\.100\\.1 +[0-9:]+ +up +1/100$"
check "lig on CSR_3 prints the mapping header" has "$lig3" \
    "^Mapping information for EID 10\\.1\\.1\\.10 from 198\\.51\\.100\\.1 with RTT [0-9]+ msecs$"
lig1=$(cli "$R1" "$r1" "lig 10.3.3.10")
check "lig on CSR_1 answers with locator 198.51.100.3" has "$lig1" \
    "^  198\\.51\\.100\\.3 +[0-9:]+ +up +1/100$"
ligself=$(cli "$R3" "$r3" "lig self")
check "lig self on CSR_3 shows its own mapping as self" has "$ligself" \
    "via map-reply, self, complete"

# Packets out: each ITR counts the inner packets and bytes it
# encapsulated with an entry (a TSO super-packet counts as the packets it
# was cut into), kept through the Map-Reply that lig just installed over
# it.  CSR_1 sent the 8 MiB (plus pings and small TCP) with 10.3.3.0/24,
# CSR_3 the 4 MB back with 10.1.1.0/24; retransmissions aside, the inner
# TCP/IP headers add about 4%, so less than 1.5 times is right and twice
# would be a double count.  The default entry carried nothing.
# out_of ROUTER RUNDIR PREFIX: "packets bytes" from its detail line.
out_of() {
	cli "$1" "$2" "show ip lisp map-cache $3 detail" | sed -nE \
	    's/^  Active, Packets out: ([0-9]+)\(([0-9]+) bytes\) \(~ [0-9]{2}:[0-9]{2}:[0-9]{2} ago\)$/\1 \2/p'
}
# out_ok PACKETS_BYTES MIN_BYTES: bytes in [MIN, 1.5 MIN), and as many
# packets as inner packets of at most 1464 bytes need, averaging over 500.
out_ok() {
	local pk=${1% *} by=${1#* }
	[ -n "$1" ] && [ "$by" -ge "$2" ] && [ "$by" -lt $(($2 * 3 / 2)) ] &&
	    [ $((pk * 1464)) -ge "$by" ] && [ $((pk * 500)) -le "$by" ] || {
		echo "packets out: '$1' (min bytes $2)" >&2
		return 1
	}
}
out1=$(out_of "$R1" "$r1" 10.3.3.0/24)
out3=$(out_of "$R3" "$r3" 10.1.1.0/24)
echo "info: packets out (packets bytes): CSR_1 10.3.3.0/24 '$out1', CSR_3 10.1.1.0/24 '$out3'"
check "show ip lisp map-cache 10.3.3.0/24 detail on CSR_1: Active, Packets out: N(B bytes) (~ T ago)" \
    [ -n "$out1" ]
check "CSR_1's 10.3.3.0/24 entry counted the 8 MiB sent from H1 (and not twice)" \
    out_ok "$out1" 8388608
check "CSR_3's 10.1.1.0/24 entry counted the 4 MB sent back from H3" \
    out_ok "$out3" 4016000
check "CSR_1's default entry carried nothing: Idle, Packets out: 0(0 bytes)" \
    has "$(cli "$R1" "$r1" "show ip lisp map-cache 0.0.0.0/0 detail")" \
    "^  Idle, Packets out: 0\\(0 bytes\\)$"

mc=$(cli "$R3" "$r3" "show ip lisp map-cache" |
    sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/g; s/[0-9]+d[0-9]+h/TIME/g')
check "show ip lisp map-cache on CSR_3 has the DC prefix" has "$mc" \
    "^10\\.1\\.1\\.0/24, uptime: TIME, expires: TIME, via map-reply, complete$"
db=$(cli "$R1" "$r1" "show ip lisp database")
expect='LISP ETR IPv4 Mapping Database for EID-table default (IID 0), LSBs: 0x1, 1 entries

10.1.1.0/24, locator-set DC1
  Locator       Pri/Wgt  Source     State
  198.51.100.1   1/100   cfg-addr   site-self, reachable'
check "show ip lisp database on CSR_1" [ "$db" = "$expect" ]
sum=$(cli "$R1" "$r1" "show ip lisp")
check "show ip lisp: ITR enabled at column 39" has "$sum" \
    "^  Ingress Tunnel Router \\(ITR\\):         enabled$"
check "show ip lisp: map-server enabled" has "$sum" \
    "^  Map Server \\(MS\\):                     enabled$"
check "show ip lisp: the map-resolver" has "$sum" \
    "^  ITR Map-Resolver\\(s\\):                 198\\.51\\.100\\.1$"

# A wrong key: CSR_3 registers with another key; the MS refuses and counts.
paste_config "$R3" "$r3" <<'CFG'
router lisp
 ipv4 etr map-server 198.51.100.1 key wrong
 exit
CFG
authfail() {
	has "$(cli "$R1" "$r1" "show lisp site name Cloud")" \
	    "Authentication failures: +[1-9]"
}
check "a Map-Register with a wrong key is refused and counted" \
    wait_for 5 authfail
check "and logged as %LISP-4-MAP_SERVER_REGISTER_AUTHENTICATION_FAILURE" has \
    "$(cli "$R1" "$r1" "show logging")" \
    "%LISP-4-MAP_SERVER_REGISTER_AUTHENTICATION_FAILURE: IID 0 Failed to authenticate map-register for EID-prefix 10\.3\.3\.0/24 for site Cloud from 198\.51\.100\.3$"
paste_config "$R3" "$r3" <<'CFG'
router lisp
 ipv4 etr map-server 198.51.100.1 key s3cr3t
 exit
CFG

# kill -9 of lispd under traffic: routerctl restarts it, it pulls its
# configuration, traffic flows again within 2 s.
ip netns exec "$H1" ping -i 0.1 -c 100 -W1 10.3.3.10 >"$tmp/ping.bg" 2>&1 &
pingpid=$!
sleep 1
pid=$(cat "$r3/lispd.pid" 2>/dev/null || pgrep -n -f "lispd.*$r3" || true)
if [ -n "$pid" ]; then
	kill -9 "$pid"
	t0=$(date +%s.%N)
	back() { ip netns exec "$H1" ping -c1 -W1 10.3.3.10 >/dev/null 2>&1; }
	if wait_for 5 back; then
		t1=$(date +%s.%N)
		el=$(echo "$t1 - $t0" | bc)
		echo "info: traffic back ${el}s after kill -9 of lispd"
		check "traffic flows again within 2 s of kill -9 of lispd" \
		    [ "$(echo "$el <= 2.5" | bc)" = 1 ]
	else
		fail "traffic flows again after kill -9 of lispd"
	fi
else
	fail "find lispd's pid on CSR_3"
fi
wait "$pingpid" || true

if wan_decode_checks; then
	big=$(tshark -r "$tmp/wan.pcap" -Y "ip.src == 198.51.100.1 and ip.len > 1500" 2>/dev/null | wc -l)
	data=$(tshark -r "$tmp/wan.pcap" -Y "udp.dstport==4341" 2>/dev/null | wc -l)
	csum=$(tshark -r "$tmp/wan.pcap" -o ip.check_checksum:TRUE \
	    -o tcp.check_checksum:TRUE \
	    -Y "ip.checksum.status == 0 or tcp.checksum.status == 0" 2>/dev/null | wc -l)
	echo "info: tshark: $data data packets, $big from CSR_1 over 1500 bytes, $csum with a bad IP or TCP checksum"
	check "every packet CSR_1 sends fits the WAN's 1500-byte MTU" [ "$big" = 0 ]
	check "every IP checksum and inner TCP checksum on the WAN is right" \
	    [ "$csum" = 0 ]
fi

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
exit 0
