#!/bin/bash
# A non-LISP branch reaches a LISP site through a proxy xTR (scenario B of
# SCENARIOS.md, with a static EID at the cloud site instead of the moved
# VM), in network namespaces: the shipped lab/two-site.lab brought up with
# `routerctl lab up`, then CSR_1 made a proxy xTR and CSR_3 given
# use-petr, all configured only by pasting through the cli:
#
#   H1 10.1.1.10 --- Gi2 10.1.1.1 [CSR_1 PxTR+MS/MR] Gi1 198.51.100.1 --+-- WAN
#   H3 10.3.3.10 --- Gi2 10.3.3.1 [CSR_3 xTR]        Gi1 198.51.100.3 --+   bridge
#   H2 172.16.2.10 - Gi2 172.16.2.1 [R2, no LISP]    Gi1 198.51.100.2 --+
#
# What must hold: ipv4 proxy-itr is refused while ipv4 itr is on, with
# IOS's text; the PxTR's running-config and show ip lisp role lines are
# IOS's; R2 (our OS, no LISP, a static route to the EID prefix via CSR_1)
# pings the EID host from its branch address with 5/5; TCP works both
# ways between the branch host and the EID host (R2 -> CSR_1 PITR
# encapsulates -> CSR_3 -> H3, and back H3 -> CSR_3 negative map-reply,
# use-petr -> CSR_1 PETR decapsulates -> R2); CSR_3's map-cache shows the
# branch's negative entry as forward-native / Encapsulating to proxy ETR;
# tshark decodes every UDP 4341/4342 packet as LISP, nothing malformed;
# and no ipv4 proxy-itr withdraws the PITR's route into LISP0.
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

p=tp$$
R1=$p-CSR_1
R3=$p-CSR_3
H1=$p-H1
H3=$p-H3
R2=$p-R2
H2=$p-H2
W=$p-hub
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-proxy.XXXXXX")
chmod 755 "$tmp"
export LISPROUTER_LAB_DIR=$tmp/lab
# Each router's run directory, as routerctl lab keeps it.
r1=$LISPROUTER_LAB_DIR/$p/CSR_1
r2=$LISPROUTER_LAB_DIR/$p/R2
r3=$LISPROUTER_LAB_DIR/$p/CSR_3

cleanup() {
	[ -n "${TSHARK_PID:-}" ] && kill "$TSHARK_PID" 2>/dev/null || true
	"$RC" lab down --name "$p" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# A multi-line match: consecutive lines (PCRE over the whole text).
hasz() { printf '%s\n' "$1" | grep -Pzq -- "(?m)$2"; }

# The topology: one WAN bridge, three routers, a host behind each, with
# CSR_1 as in scenario A (ITR on, map-server and map-resolver), CSR_3 an
# xTR and R2 a plain router with a static route to the cloud EID prefix
# via CSR_1 (lab/two-site.lab, pasted through each cli by routerctl lab up).
if ! "$RC" lab up "$srcdir/lab/two-site.lab" --name "$p" >"$tmp/up.out" 2>&1; then
	cat "$tmp/up.out"
	echo "FAIL: routerctl lab up two-site.lab"
	exit 1
fi
check "routerctl lab up reports no refused configuration line" \
    bash -c "! grep -q refused '$tmp/up.out'"

wan_capture "$W"

# CSR_1 (ITR on, from the lab file) made a proxy xTR.
paste_config "$R1" "$r1" <<'CFG'
router lisp
 ipv4 proxy-itr 198.51.100.1
 no ipv4 itr
 ipv4 proxy-etr
 ipv4 proxy-itr 198.51.100.1
 exit
CFG
tr1=$(cat "$tmp/paste.$R1")
check "ipv4 proxy-itr while ipv4 itr is on is refused with IOS's text on the next line" \
    hasz "$tr1" '^CSR_1\(config-router-lisp\)# ipv4 proxy-itr 198\.51\.100\.1\n% Disable ITR functionality first\.\nCSR_1\(config-router-lisp\)# no ipv4 itr$'

paste_config "$R3" "$r3" <<'CFG'
router lisp
 ipv4 use-petr 198.51.100.1
 exit
CFG

run=$(cli "$R1" "$r1" "show running-config | include ipv4")
expect=' ipv4 map-server
 ipv4 map-resolver
 ipv4 itr map-resolver 198.51.100.1
 no ipv4 itr
 ipv4 etr map-server 198.51.100.1 key s3cr3t
 ipv4 etr
 ipv4 proxy-etr
 ipv4 proxy-itr 198.51.100.1'
check "show run | i ipv4 on CSR_1 prints no ipv4 itr, ipv4 proxy-etr, ipv4 proxy-itr 198.51.100.1 in running-config order" \
    [ "$run" = "$expect" ]
run3=$(cli "$R3" "$r3" "show running-config | begin lisp")
check "show run | b lisp on CSR_3 has ipv4 use-petr after ipv4 etr, at the end of the block" \
    hasz "$run3" '^ ipv4 etr\n ipv4 use-petr 198\.51\.100\.1\n exit$'
sum=$(cli "$R1" "$r1" "show ip lisp")
check "show ip lisp on CSR_1: ITR disabled" has "$sum" \
    "^  Ingress Tunnel Router \\(ITR\\):         disabled$"
check "show ip lisp on CSR_1: ETR enabled" has "$sum" \
    "^  Egress Tunnel Router \\(ETR\\):          enabled$"
check "show ip lisp on CSR_1: PITR enabled with its RLOC" has "$sum" \
    "^  Proxy-ITR Router \\(PITR\\):             enabled RLOCs: 198\\.51\\.100\\.1$"
check "show ip lisp on CSR_1: PETR enabled" has "$sum" \
    "^  Proxy-ETR Router \\(PETR\\):             enabled$"
sum3=$(cli "$R3" "$r3" "show ip lisp")
check "show ip lisp on CSR_3: PITR and PETR disabled" hasz "$sum3" \
    '^  Proxy-ITR Router \(PITR\):             disabled\n  Proxy-ETR Router \(PETR\):             disabled$'
check "show ip lisp on CSR_3: ITR use proxy ETR RLOC(s)" has "$sum3" \
    "^  ITR use proxy ETR RLOC\\(s\\):           198\\.51\\.100\\.1$"

registered() {
	has "$(cli "$R1" "$r1" "show lisp site")" \
	    "198.51.100.3 +10.3.3.0/24"
}
check "CSR_3 registers with the map-server on the proxy xTR" \
    wait_for 10 registered

# The first packets resolve the mappings (PITR and the ITR's negative
# reply); then IOS's ping from R2 must be 5/5.
warm() { ip netns exec "$H2" ping -c1 -W1 10.3.3.10 >/dev/null 2>&1; }
check "the branch host H2 reaches H3 through the proxy xTR" wait_for 10 warm
ping=$(cli "$R2" "$r2" "ping 10.3.3.10 source 172.16.2.1")
check "ping 10.3.3.10 source 172.16.2.1 on R2: Success rate is 100 percent (5/5)" \
    has "$ping" "^Success rate is 100 percent \\(5/5\\)"
check "H3 pings the branch host H2 (use-petr, PETR)" \
    ip netns exec "$H3" ping -q -c3 -W1 -i 0.2 172.16.2.10 >/dev/null

mc3=$(cli "$R3" "$r3" "show ip lisp map-cache" |
    sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/g; s/[0-9]+d[0-9]+h/TIME/g')
check "show ip lisp map-cache on CSR_3: the branch's entry is forward-native, Encapsulating to proxy ETR" \
    hasz "$mc3" '^[0-9.]+/[0-9]+, uptime: TIME, expires: TIME, via map-reply, forward-native\n  Encapsulating to proxy ETR$'
# What went to the proxy ETR counts on that negative entry (H3's echo
# requests and its answers to H2).
neg=$(sed -nE 's/^([0-9.]+\/[0-9]+), uptime: .*, forward-native$/\1/p' <<<"$mc3" |
    head -1)
check "show ip lisp map-cache <branch prefix> detail on CSR_3 counts the packets sent to the proxy ETR" \
    hasz "$(cli "$R3" "$r3" "show ip lisp map-cache ${neg:-none} detail")" \
    '^  Active, Packets out: [1-9][0-9]*\([1-9][0-9]* bytes\) \(~ [0-9:]{8} ago\)\n  Encapsulating to proxy ETR$'
mc1=$(cli "$R1" "$r1" "show ip lisp map-cache" |
    sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/g; s/[0-9]+d[0-9]+h/TIME/g')
check "show ip lisp map-cache on CSR_1 (PITR) has the cloud prefix from a map-reply" \
    has "$mc1" "^10\\.3\\.3\\.0/24, uptime: TIME, expires: TIME, via map-reply, complete$"

# TCP both ways between the branch host and the EID host.
tcp_ok() {	# server-ns server-addr client-ns
	ip netns exec "$1" timeout 8 python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 5001)); s.listen(1); c, _ = s.accept()
c.sendall(c.recv(100).upper()); c.close()' "$2" &
	local srv=$!
	sleep 0.5
	ip netns exec "$3" timeout 7 python3 -c '
import socket, sys
c = socket.create_connection((sys.argv[1], 5001), timeout=6)
c.sendall(b"hello-pxtr"); print(c.recv(100).decode())' "$2" \
	    >"$tmp/tcp.in" 2>&1 || true
	wait "$srv" || true
	grep -q HELLO-PXTR "$tmp/tcp.in"
}
check "TCP from the branch host H2 to H3 (PITR, then PETR back)" \
    tcp_ok "$H3" 10.3.3.10 "$H2"
check "TCP from H3 to the branch host H2 (use-petr, then PITR back)" \
    tcp_ok "$H2" 172.16.2.10 "$H3"

wan_decode_checks || true

# (the route text is captured first: grep -q closing the pipe early
# would fail the pipeline under pipefail)
pitr_route() { has "$(ip -n "$R1" route show 10.3.3.0/24)" "dev lisp0"; }
check "the PITR routes the cloud EID prefix into LISP0" pitr_route

# 300 static send-map-request prefixes (there was a cap of 256 routes):
# each is routed into LISP0 at the PITR's metric, and removing 100 of
# them withdraws exactly those.
{
	echo "router lisp"
	for i in $(seq 1 300); do
		echo " map-cache 10.$((200 + i / 250)).$((i % 250)).0/24 map-request"
	done
	echo " exit"
} > "$tmp/mc300"
paste_config "$R1" "$r1" < "$tmp/mc300"
pitr_count() {
	local n
	n=$(ip -n "$R1" route show dev lisp0 | grep -c '^10\.20[01]\..* metric 20' || true)
	[ "$n" -eq "$1" ]
}
check "300 static send-map-request prefixes are all routed into LISP0 on the PITR" \
    wait_for 10 pitr_count 300
{
	echo "router lisp"
	for i in $(seq 1 100); do
		echo " no map-cache 10.$((200 + i / 250)).$((i % 250)).0/24 map-request"
	done
	echo " exit"
} > "$tmp/mc100"
paste_config "$R1" "$r1" < "$tmp/mc100"
check "removing 100 of them withdraws those 100 routes and keeps the other 200" \
    wait_for 10 pitr_count 200
gone_one() { ! has "$(ip -n "$R1" route show 10.200.50.0/24)" "lisp0"; }
kept_one() { has "$(ip -n "$R1" route show 10.201.0.0/24)" "lisp0"; }
gone_kept() { gone_one && kept_one; }
check "a removed prefix (10.200.50.0/24) is gone, a kept one (10.201.0.0/24) stays" \
    gone_kept

paste_config "$R1" "$r1" <<'CFG'
router lisp
 no ipv4 proxy-itr 198.51.100.1
 exit
CFG
no_pitr_route() { ! has "$(ip -n "$R1" route show 10.3.3.0/24)" "metric 20"; }
check "no ipv4 proxy-itr withdraws the PITR's route" wait_for 5 no_pitr_route

# Dynamic-EID configuration (scenario A's grammar; detection is not done
# yet): the block, its prompts and the interface line as CSR prints them.
paste_config "$R3" "$r3" <<'CFG'
router lisp
 dynamic-eid Cloud-dyn
  database-mapping 10.1.1.0/24 locator-set CLOUD
  map-notify-group 239.0.0.1
  exit
 exit
interface GigabitEthernet2
 lisp mobility Cloud-dyn
CFG
check "dynamic-eid enters (config-router-lisp-dynamic-eid)" grep -q \
    '^CSR_3(config-router-lisp-dynamic-eid)#  database-mapping 10.1.1.0/24 locator-set CLOUD$' \
    "$tmp/paste.$R3"
dyn=$(cli "$R3" "$r3" "show running-config | section dynamic-eid")
expect=' dynamic-eid Cloud-dyn
  database-mapping 10.1.1.0/24 locator-set CLOUD
  map-notify-group 239.0.0.1
  exit'
check "the dynamic-eid block comes back in running-config" [ "$dyn" = "$expect" ]
ifc=$(cli "$R3" "$r3" "show running-config interface GigabitEthernet2")
check "lisp mobility is the interface's last line" hasz "$ifc" \
    '^ negotiation auto\n lisp mobility Cloud-dyn\nend$'

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
exit 0
