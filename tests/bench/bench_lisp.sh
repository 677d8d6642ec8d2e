#!/bin/bash
# The LISP data plane and map-resolver benchmark (issue 4), not part of
# make check.  One run, on the namespace topology of tests/topo/test_lisp.sh
# (scenario A, static EIDs, configured only by pasting through cli):
#
#   H1 10.1.1.10 --- Gi2 [CSR_1 xTR+MS/MR] Gi1 198.51.100.1 --+-- WAN bridge
#   H3 10.3.3.10 --- Gi2 [CSR_3 xTR]       Gi1 198.51.100.3 --+
#                               load generator 198.51.100.9 --+
#                   the reference map-resolver 198.51.100.8 --+
#
# and beside it a second topology of the same shape (same addresses, same
# veth/bridge) where the two routers are plain kernel routers with static
# routes: the reference for every data-plane figure.
#
#  1. iperf3 TCP H1 -> H3, LISP against native, REPS runs of SECS each,
#     alternating; median.  lispd's CPU time per packet on both xTRs.
#  2. 64-byte UDP payloads (iperf3 -u -l 64 -b 0), packets received per
#     second at H3, LISP against native; median.
#  3. A perf profile of both lispds under the UDP load (when perf works).
#  4. Map-Requests (in ECMs) answered per second by CSR_1's map-resolver,
#     closed loop from the load generator (tests/bench/lisp_load.c, on
#     lispd's own codecs): EIDs nobody registered (negative replies from
#     the MR), EIDs of CSR_3's site (forwarded, CSR_3 answers) and of
#     CSR_1's own database (its ETR answers); against a minimal responder
#     (one recvfrom, decode, encode, one sendto per request) in its own
#     namespace.
#  5. lispd's RSS: idle (configured, registered), after the traffic, and
#     with MC_ENTRIES map-cache entries learnt the way an ITR learns them:
#     CSR_3's map-resolver is pointed at the load generator, which answers
#     each Map-Request with the one record that covers it, the requested
#     /32 (host EIDs one address in 4 of 10.64.0.0/10, two locators each
#     from 1,000 locator sets, like 1,000 sites; lispd takes only records
#     that cover the EID it asked for), while H3 sends a packet to each
#     EID (a map-cache miss, so a Map-Request) at FILL_PPS, again for the
#     ones still missing until lispd has installed them all.
#
# Usage (root; installs iperf3 when missing):
#   tests/bench/bench_lisp.sh [BUILD_DIR]        (default build/, plain)
# Environment: SECS (5), REPS (3), MR_COUNT (200000), MC_ENTRIES (1000000),
# FILL_PPS (20000 misses a second), FILL_STRIDE (4), FILL_MAX (400 s),
# DATA_ONLY (1: stop after the data plane, steps 1-3), FILL_ONLY (1: only
# the idle RSS and step 5: no iperf3, no map-resolver load), PERF (0: no
# step 3).
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=$(cd "${1:-${abs_top_builddir:-$srcdir/build}}" && pwd)
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
SECS=${SECS:-5}
REPS=${REPS:-3}
# TCP congestion control for iperf3 (-C), both paths alike; empty: the
# system's default (net.ipv4.tcp_congestion_control).
CC=${CC:-}
MR_COUNT=${MR_COUNT:-200000}
MC_ENTRIES=${MC_ENTRIES:-1000000}
FILL_PPS=${FILL_PPS:-20000}
FILL_ONLY=${FILL_ONLY:-0}
FILL_STRIDE=${FILL_STRIDE:-4}
FILL_MAX=${FILL_MAX:-400}

for f in "$RC" "$CLI" "$builddir/cfg/cfgd" "$builddir/lispd/lispd" \
    "$builddir/lispd/liblisp.a"; do
	if [ ! -e "$f" ]; then
		echo "missing $f (build first)" >&2
		exit 1
	fi
done
if [ "$(id -u)" -ne 0 ] || [ ! -c /dev/net/tun ]; then
	echo "needs root and /dev/net/tun" >&2
	exit 1
fi
if [ "$FILL_ONLY" != 1 ] && ! command -v iperf3 >/dev/null; then
	echo "installing iperf3"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 \
	    >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 &&
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 \
	    >/dev/null; }
fi

p=bl$$
N=$p-n			# the native topology's prefix
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-lisp.XXXXXX")
NSES=()
BGPIDS=()

cleanup() {
	local pid ns
	for pid in "${BGPIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for r in 1 3; do
		ip netns exec "$p-r$r" "$RC" stop --rundir "$tmp/r$r" \
		    >/dev/null 2>&1 || true
	done
	for ns in "${NSES[@]}"; do
		# Anything left running in a namespace we made (iperf3, the
		# load tools): by the namespace, never by name.
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -9 "$pid" 2>/dev/null || true
		done
		ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cc -O2 -Wall -I"$srcdir" -I"$builddir" -o "$tmp/lisp_load" \
    "$srcdir/tests/bench/lisp_load.c" "$builddir/lispd/liblisp.a" \
    $(pkg-config --libs libcrypto)
LOAD=$tmp/lisp_load

. "$srcdir/tests/topo/lib.sh"
mkns() { ip netns add "$1"; NSES+=("$1"); ip -n "$1" link set lo up; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
gbit() { awk -v a="$1" 'BEGIN { printf "%.2f Gbit/s", a / 1e9 }'; }
kpps() { awk -v a="$1" 'BEGIN { printf "%.0f k/s", a / 1e3 }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.1f MB", a / 1024 }'; }
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# Two topologies of the same shape: $1 is the prefix, $2 "lisp" (routers
# run routerctl) or "native" (static routes).
topology() {
	local q=$1 kind=$2 r
	for ns in "$q-r1" "$q-r3" "$q-h1" "$q-h3" "$q-wan"; do mkns "$ns"; done
	ip -n "$q-wan" link add br0 type bridge
	ip -n "$q-wan" link set br0 up
	for r in 1 3; do
		ip link add "$q-w$r" type veth peer name "$q-g$r"
		ip link set "$q-w$r" netns "$q-wan"
		ip link set "$q-g$r" netns "$q-r$r"
		ip -n "$q-wan" link set "$q-w$r" master br0 up
		ip link add "$q-l$r" type veth peer name "$q-hl$r"
		ip link set "$q-l$r" netns "$q-r$r"
		ip link set "$q-hl$r" netns "$q-h$r"
		ip -n "$q-h$r" link set "$q-hl$r" up
		ip -n "$q-h$r" addr add "10.$r.$r.10/24" dev "$q-hl$r"
		ip -n "$q-h$r" route add default via "10.$r.$r.1"
		ip netns exec "$q-r$r" sysctl -qw net.ipv4.ip_forward=1
		if [ "$kind" = lisp ]; then
			mkdir -p "$tmp/r$r"
			printf 'GigabitEthernet1 %s\nGigabitEthernet2 %s\n' \
			    "$q-g$r" "$q-l$r" >"$tmp/r$r/interfaces"
			ip netns exec "$q-r$r" "$RC" start --rundir "$tmp/r$r" \
			    >/dev/null
		else
			ip -n "$q-r$r" addr add "198.51.100.$r/24" dev "$q-g$r"
			ip -n "$q-r$r" addr add "10.$r.$r.1/24" dev "$q-l$r"
			ip -n "$q-r$r" link set "$q-g$r" up
			ip -n "$q-r$r" link set "$q-l$r" up
		fi
	done
	if [ "$kind" = native ]; then
		ip -n "$q-r1" route add 10.3.3.0/24 via 198.51.100.3
		ip -n "$q-r3" route add 10.1.1.0/24 via 198.51.100.1
	fi
}
# A namespace on the LISP WAN with one address.
wan_host() {
	local ns=$1 addr=$2 tag=$3
	mkns "$ns"
	ip link add "$p-w$tag" type veth peer name "$p-x$tag"
	ip link set "$p-w$tag" netns "$p-wan"
	ip link set "$p-x$tag" netns "$ns"
	ip -n "$p-wan" link set "$p-w$tag" master br0 up
	ip -n "$ns" addr add "$addr/24" dev "$p-x$tag"
	ip -n "$ns" link set "$p-x$tag" up
}

echo "== setting up (LISP topology $p-*, native topology $N-*)"
topology "$p" lisp
[ "$FILL_ONLY" = 1 ] || topology "$N" native
LG=$p-lg
MR0=$p-mr0
wan_host "$LG" 198.51.100.9 9
# The RLOCs of the 1,000 locator sets the fill answers with (lisp_load.c).
for i in $(seq 20 84); do
	ip -n "$LG" addr add "198.51.100.$i/32" dev "$p-x9"
done
wan_host "$MR0" 198.51.100.8 8

paste_config "$p-r1" "$tmp/r1" <<'CFG'
hostname CSR_1
interface GigabitEthernet1
 ip address 198.51.100.1 255.255.255.0
 no shutdown
interface GigabitEthernet2
 ip address 10.1.1.1 255.255.255.0
 no shutdown
router lisp
 locator-set DC1
  198.51.100.1 priority 1 weight 100
  exit
 database-mapping 10.1.1.0/24 locator-set DC1
 site Cloud
  authentication-key s3cr3t
  eid-prefix 10.1.1.0/24
  eid-prefix 10.3.3.0/24
  exit
 ipv4 map-server
 ipv4 map-resolver
 ipv4 itr map-resolver 198.51.100.1
 ipv4 itr
 ipv4 etr map-server 198.51.100.1 key s3cr3t
 ipv4 etr
 exit
CFG
paste_config "$p-r3" "$tmp/r3" <<'CFG'
hostname CSR_3
interface GigabitEthernet1
 ip address 198.51.100.3 255.255.255.0
 no shutdown
interface GigabitEthernet2
 ip address 10.3.3.1 255.255.255.0
 no shutdown
router lisp
 locator-set CLOUD
  198.51.100.3 priority 1 weight 100
  exit
 database-mapping 10.3.3.0/24 locator-set CLOUD
 ipv4 itr map-resolver 198.51.100.1
 ipv4 itr
 ipv4 etr map-server 198.51.100.1 key s3cr3t
 ipv4 etr
 exit
CFG

registered() {
	cli "$p-r1" "$tmp/r1" "show lisp site" |
	    grep -qE "198\\.51\\.100\\.3 +10\\.3\\.3\\.0/24"
}
wait_for 15 registered || { echo "CSR_3 did not register" >&2; exit 1; }
lpinged() { ip netns exec "$p-h1" ping -c1 -W1 10.3.3.10 >/dev/null 2>&1; }
npinged() { ip netns exec "$N-h1" ping -c1 -W1 10.3.3.10 >/dev/null 2>&1; }
wait_for 15 lpinged || { echo "no LISP path H1 -> H3" >&2; exit 1; }
[ "$FILL_ONLY" = 1 ] ||
    wait_for 5 npinged || { echo "no native path H1 -> H3" >&2; exit 1; }
ip netns exec "$p-h3" ping -c1 -W1 10.1.1.10 >/dev/null 2>&1 || true

lispd_pid() { awk '$1 == "lispd" {print $3}' "$1/routerctl.status"; }
LPID1=$(lispd_pid "$tmp/r1")
LPID3=$(lispd_pid "$tmp/r3")
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }	# kB
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)
tunstat() { ip netns exec "$1" cat "/sys/class/net/lisp0/statistics/$2"; }

RSS_IDLE1=$(rss "$LPID1")
RSS_IDLE3=$(rss "$LPID3")
echo "lispd RSS idle: CSR_1 (xTR+MS/MR) ${RSS_IDLE1} kB, CSR_3 (xTR) ${RSS_IDLE3} kB"

# iperf3 between H1 and H3 of topology $1: $2 = tcp|udp, $3 = port.  Prints
# bits/s (tcp) or packets received per second at H3 (udp).
IPORT=5201
iperf() {
	local q=$1 proto=$2 port=$3 out
	out=$tmp/iperf.$port
	ip netns exec "$q-h3" timeout $((SECS + 20)) iperf3 -s -1 -B 10.3.3.10 \
	    -p "$port" -J >"$out.s" 2>&1 &
	local spid=$!
	BGPIDS+=("$spid")
	sleep 0.3
	if [ "$proto" = tcp ]; then
		ip netns exec "$q-h1" timeout $((SECS + 15)) iperf3 -c 10.3.3.10 \
		    -p "$port" -t "$SECS" ${CC:+-C "$CC"} -J >"$out.c" 2>&1 || true
	elif [ "$proto" = tcp4 ]; then
		ip netns exec "$q-h1" timeout $((SECS + 15)) iperf3 -c 10.3.3.10 \
		    -p "$port" -t "$SECS" -P 4 ${CC:+-C "$CC"} -J >"$out.c" 2>&1 || true
	else
		ip netns exec "$q-h1" timeout $((SECS + 15)) iperf3 -c 10.3.3.10 \
		    -p "$port" -t "$SECS" -u -l 64 -b 0 -J >"$out.c" 2>&1 || true
	fi
	wait "$spid" 2>/dev/null || true
	python3 - "$out.s" "$proto" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    s = d["end"]["sum"] if sys.argv[2] == "udp" else d["end"]["sum_received"]
    if sys.argv[2] != "udp":
        print("%.0f" % s["bits_per_second"])
    else:
        print("%.0f" % ((s["packets"] - s["lost_packets"]) / s["seconds"]))
except Exception:
    print(0)
PY
}

# One LISP measurement with lispd's CPU and lisp0's counters around it.
# Sets LAST, and appends "cpu_itr_ns cpu_etr_ns pkts drops" to $tmp/cpu.$2.
lisp_run() {
	local proto=$1 c1 c3 e1 d3 x1 t0 t1
	c1=$(cpu_ticks "$LPID1"); c3=$(cpu_ticks "$LPID3")
	e1=$(tunstat "$p-r1" tx_packets); d3=$(tunstat "$p-r3" rx_packets)
	x1=$(tunstat "$p-r1" tx_dropped)
	LAST=$(iperf "$p" "$proto" "$IPORT")
	c1=$(( $(cpu_ticks "$LPID1") - c1 )); c3=$(( $(cpu_ticks "$LPID3") - c3 ))
	e1=$(( $(tunstat "$p-r1" tx_packets) - e1 ))
	d3=$(( $(tunstat "$p-r3" rx_packets) - d3 ))
	x1=$(( $(tunstat "$p-r1" tx_dropped) - x1 ))
	awk -v c1="$c1" -v c3="$c3" -v e="$e1" -v d="$d3" -v x="$x1" \
	    -v hz="$TCK" -v s="$SECS" -v b="$LAST" -v p="$proto" 'BEGIN {
		gb = p == "udp" ? 0 : b * s / 8 / 1e9
		printf "%.0f %.0f %d %d %d %.0f %.0f %.2f %.2f\n",
		    e ? c1 / hz * 1e9 / e : 0, d ? c3 / hz * 1e9 / d : 0,
		    e, d, x, c1 / hz / s * 100, c3 / hz / s * 100,
		    gb ? c1 / hz / gb : 0, gb ? c3 / hz / gb : 0 }' \
	    >>"$tmp/cpu.$proto"
}

PROTOS="tcp tcp4 udp"
[ "$FILL_ONLY" = 1 ] && PROTOS=
for proto in $PROTOS; do
	echo "== iperf3 $proto, $REPS x ${SECS}s each path, alternating"
	for i in $(seq "$REPS"); do
		IPORT=$((IPORT + 1))
		lisp_run "$proto"
		echo "$LAST" >>"$tmp/lisp.$proto"
		IPORT=$((IPORT + 1))
		n=$(iperf "$N" "$proto" "$IPORT")
		echo "$n" >>"$tmp/native.$proto"
		if [ "$proto" != udp ]; then
			echo "  run $i: LISP $(gbit "$LAST"), native $(gbit "$n")"
		else
			printf '  run %d: LISP %d pkt/s, native %d pkt/s\n' \
			    "$i" "$LAST" "$n"
		fi
	done
	while read -r ci ce e d x ui ue gi ge; do
		echo "  lispd per packet: ITR ${ci} ns CPU (${ui}% of a core, $e packets read from lisp0, $x dropped at lisp0's queue), ETR ${ce} ns CPU (${ue}%, $d written)"
		[ "$proto" = udp ] ||
		    echo "  lispd CPU per GB carried: ITR ${gi} s, ETR ${ge} s"
	done <"$tmp/cpu.$proto"
done
RSS_TRAF1=$(rss "$LPID1")
RSS_TRAF3=$(rss "$LPID3")

# A profile of both lispds under the UDP load, then their system calls
# and context switches per packet.
PERF_OK=0
if [ "$FILL_ONLY" != 1 ] && [ "${PERF:-1}" != 0 ] &&
    command -v perf >/dev/null; then
	echo "== perf: where lispd spends its time under 64-byte UDP"
	ip netns exec "$p-h3" timeout 30 iperf3 -s -1 -B 10.3.3.10 -p 5299 \
	    >/dev/null 2>&1 &
	BGPIDS+=("$!")
	sleep 0.3
	ip netns exec "$p-h1" timeout 30 iperf3 -c 10.3.3.10 -p 5299 -t 9 -u \
	    -l 64 -b 0 >/dev/null 2>&1 &
	BGPIDS+=("$!")
	sleep 1
	PERFPIDS=()
	for r in 1 3; do
		pid=$LPID1; [ "$r" = 3 ] && pid=$LPID3
		timeout 15 perf record -q -F 1999 -p "$pid" -o "$tmp/perf.$r" \
		    -- sleep 3 >"$tmp/perf.$r.err" 2>&1 &
		PERFPIDS+=("$!")
	done
	for pid in "${PERFPIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	ev=syscalls:sys_enter_read,syscalls:sys_enter_write
	ev=$ev,syscalls:sys_enter_sendmmsg,syscalls:sys_enter_recvmmsg
	ev=$ev,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_writev
	ev=$ev,syscalls:sys_enter_poll,context-switches
	e1=$(tunstat "$p-r1" tx_packets); d3=$(tunstat "$p-r3" rx_packets)
	PERFPIDS=()
	for r in 1 3; do
		pid=$LPID1; [ "$r" = 3 ] && pid=$LPID3
		timeout 15 perf stat -x, -e "$ev" -p "$pid" -o "$tmp/stat.$r" \
		    -- sleep 2 >/dev/null 2>&1 &
		PERFPIDS+=("$!")
	done
	for pid in "${PERFPIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	e1=$(( $(tunstat "$p-r1" tx_packets) - e1 ))
	d3=$(( $(tunstat "$p-r3" rx_packets) - d3 ))
	sleep 3
	for r in 1 3; do
		if [ "$r" = 1 ]; then
			echo "-- CSR_1 (ITR: lisp0 -> encapsulate -> UDP 4341)"
			pk=$e1
		else
			echo "-- CSR_3 (ETR: UDP 4341 -> decapsulate -> lisp0)"
			pk=$d3
		fi
		perf report -i "$tmp/perf.$r" --stdio --no-children --sort dso \
		    >"$tmp/perf.$r.dso" 2>/dev/null || true
		perf report -i "$tmp/perf.$r" --stdio --no-children --sort sym \
		    >"$tmp/perf.$r.sym" 2>/dev/null || true
		if grep -qE '^ +[0-9.]+%' "$tmp/perf.$r.sym"; then
			PERF_OK=1
			awk '/^ +[0-9.]+%/ { printf "   %s %s", $1, $2; n++ }
			    END { print "" }' "$tmp/perf.$r.dso"
			awk '/^ +[0-9.]+%/ && n < 12 { print "  " $0; n++ }' \
			    "$tmp/perf.$r.sym"
			awk '/^ +[0-9.]+%/ && $2 == "[.]" && n < 6 {
			    print "  " $0; n++ }' "$tmp/perf.$r.sym" |
			    sed 's/^/  (user) /'
		else
			echo "   (perf gave no samples)"
			sed 's/^/   /' "$tmp/perf.$r.err"
		fi
		if [ -s "$tmp/stat.$r" ] && [ "$pk" -gt 0 ]; then
			awk -F, -v pk="$pk" '$1 ~ /^[0-9]+$/ {
				n = $3; sub(/^syscalls:sys_enter_/, "", n)
				printf "   %s: %.3f per packet\n", n, $1 / pk }
			    END { printf "   (%d packets in the 2 s)\n", pk }' \
			    "$tmp/stat.$r" | tee "$tmp/stat.$r.txt"
		fi
	done
fi

if [ "${DATA_ONLY:-0}" = 1 ]; then
	TCP_L=$(median <"$tmp/lisp.tcp"); TCP_N=$(median <"$tmp/native.tcp")
	TCP4_L=$(median <"$tmp/lisp.tcp4"); TCP4_N=$(median <"$tmp/native.tcp4")
	UDP_L=$(median <"$tmp/lisp.udp"); UDP_N=$(median <"$tmp/native.udp")
	echo
	echo "== LISP data plane ($(nproc) CPUs, $(uname -r), TCP ${CC:-$(sysctl -n net.ipv4.tcp_congestion_control)}, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'))"
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' metric ours reference ratio goal
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
	    "iperf3 TCP H1->H3 through ITR->ETR (median of $REPS)" \
	    "$(gbit "$TCP_L")" "kernel routing $(gbit "$TCP_N")" \
	    "$(ratio "$TCP_L" "$TCP_N")" ">= 0.50"
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
	    "iperf3 TCP, 4 streams (-P 4, median)" "$(gbit "$TCP4_L")" \
	    "kernel routing $(gbit "$TCP4_N")" "$(ratio "$TCP4_L" "$TCP4_N")" ""
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
	    "UDP 64-byte payload, received at H3 (median)" "$(kpps "$UDP_L")" \
	    "kernel routing $(kpps "$UDP_N")" "$(ratio "$UDP_L" "$UDP_N")" ""
	exit 0
fi

# Map-Requests answered per second.  $1 = MR address, $2 = first EID,
# $3 = how many EIDs; prints the answered rate.  Closed loop, window 256.
mrload() {
	ip netns exec "$LG" timeout 60 "$LOAD" mr "$1" 198.51.100.9 "$2" "$3" \
	    "$MR_COUNT" 256 30 | tee -a "$tmp/mr.log" |
	    awk '{print $10, $4, $2}'
}
echo "== Map-Requests in ECMs, $MR_COUNT per run, window 256, $REPS runs"
ip netns exec "$MR0" timeout 600 "$LOAD" resolver 198.51.100.8 600 600 \
    negative >"$tmp/ref-resolver.log" 2>&1 &
BGPIDS+=("$!")
sleep 0.3
udp_rcvbuf_errors() {
	ip netns exec "$1" awk '/^Udp:/ && !h { for (i = 1; i <= NF; i++)
	    if ($i == "RcvbufErrors") c = i; h = 1; next }
	    /^Udp:/ { print $c }' /proc/net/snmp
}
RBE0=$(udp_rcvbuf_errors "$p-r1")
MR_REPS=$REPS
[ "$FILL_ONLY" = 1 ] && MR_REPS=0
for i in $(seq "$MR_REPS"); do
	for kind in neg fwd self ref; do
		case $kind in
		neg) r=$(mrload 198.51.100.1 192.0.2.0 256) ;;
		fwd) r=$(mrload 198.51.100.1 10.3.3.0 256) ;;
		self) r=$(mrload 198.51.100.1 10.1.1.0 256) ;;
		ref) r=$(mrload 198.51.100.8 192.0.2.0 256) ;;
		esac
		echo "$r" >>"$tmp/mr.$kind"
		set -- $r
		printf '  run %d %-4s: %s answered/s (%s of %s answered)\n' \
		    "$i" "$kind" "$1" "$2" "$3"
	done
done

echo "  UDP receive-buffer overflows in CSR_1 during these runs: $(( $(udp_rcvbuf_errors "$p-r1") - RBE0 ))"

# lispd with MC_ENTRIES map-cache entries, learnt through Map-Replies.
# The EIDs: one address in FILL_STRIDE of 10.64.0.0/10 (4: 16,384 host
# EIDs in each /16).  One Map-Request per entry (the load generator
# answers each with its /32 only); sprays again, for the EIDs not yet
# installed, while lispd has not installed them all (each positive entry
# is a route on lisp0: counted in the kernel).
echo "== CSR_3's map-cache filled with $MC_ENTRIES /32 entries through Map-Requests/Replies"
paste_config "$p-r3" "$tmp/r3" <<'CFG'
router lisp
 no ipv4 itr map-resolver 198.51.100.1
 ipv4 itr map-resolver 198.51.100.9
 exit
CFG
sleep 1
lisp_routes() { ip -n "$p-r3" -4 route show proto 200 | wc -l; }
# The fill's EIDs with no lisp0 route yet, one a line (the next pass).
missing_eids() {
	ip -n "$p-r3" -4 route show proto 200 | python3 -c '
import ipaddress, sys
base = int(ipaddress.IPv4Address(sys.argv[1]))
n, stride = int(sys.argv[2]), int(sys.argv[3])
have = bytearray(n)
for line in sys.stdin:
    a = line.split()[0]
    if "/" in a and not a.endswith("/32"):
        continue
    try:
        i = int(ipaddress.IPv4Address(a.split("/")[0])) - base
    except ValueError:
        continue        # default
    if 0 <= i < n * stride and i % stride == 0:
        have[i // stride] = 1
for i in range(n):
    if not have[i]:
        print(ipaddress.IPv4Address(base + i * stride))' \
	    10.64.0.0 "$MC_ENTRIES" "$FILL_STRIDE"
}
statcnt() {	# the value of one show ip lisp statistics line on CSR_3
	cli "$p-r3" "$tmp/r3" "show ip lisp statistics" |
	    sed -nE "s#^ +$1: +([0-9/]+)\$#\\1#p"
}
KR0=$(lisp_routes)
REP0=$(statcnt "Map-Replies in/out" | cut -d/ -f1)
NOPEND0=$(statcnt "Map-Requests not sent, request queue full")
EVQ0=$(statcnt "Cache misses not handled, worker queue full")
TXD0=$(tunstat "$p-r3" tx_dropped)
ip netns exec "$LG" timeout $((FILL_MAX + 30)) "$LOAD" resolver 198.51.100.9 \
    $((FILL_MAX + 20)) $((FILL_MAX + 20)) fill 10.64.0.0 "$MC_ENTRIES" \
    "$FILL_STRIDE" >"$tmp/fill.log" 2>&1 &
FILLPID=$!
BGPIDS+=("$FILLPID")
t0=$(date +%s.%N)
c3=$(cpu_ticks "$LPID3")
passes=0
sent=$MC_ENTRIES
while [ $(( $(lisp_routes) - KR0 )) -lt "$MC_ENTRIES" ] &&
    [ "$(echo "$(date +%s.%N) - $t0 < $FILL_MAX" | bc)" = 1 ]; do
	left=$(awk -v m="$FILL_MAX" -v t0="$t0" -v t="$(date +%s.%N)" \
	    'BEGIN { l = int(m - (t - t0)) + 1; print (l > 0 ? l : 1) }')
	if [ "$passes" = 0 ]; then
		ip netns exec "$p-h3" timeout "$left" "$LOAD" spray 10.64.0.0 \
		    "$MC_ENTRIES" "$FILL_PPS" "$FILL_STRIDE" || true
	else
		missing_eids >"$tmp/missing"
		sent=$(wc -l <"$tmp/missing")
		[ "$sent" -gt 0 ] || break
		ip netns exec "$p-h3" timeout "$left" "$LOAD" spray-list \
		    "$FILL_PPS" <"$tmp/missing" || true
	fi
	passes=$((passes + 1))
	sleep 1
	echo "  pass $passes ($sent misses sent at $FILL_PPS/s): $(( $(lisp_routes) - KR0 )) entries installed, $(printf %.0f "$(echo "$(date +%s.%N) - $t0" | bc)") s"
done
t1=$(date +%s.%N)
FILL_S=$(echo "$t1 - $t0" | bc)
FILL_CPU=$(echo "($(cpu_ticks "$LPID3") - $c3) / $TCK" | bc -l)
kill "$FILLPID" 2>/dev/null || true
wait "$FILLPID" 2>/dev/null || true
FILL_LOG=$(cat "$tmp/fill.log")
FILL_REPLIES=$(( $(statcnt "Map-Replies in/out" | cut -d/ -f1) - REP0 ))
FILL_NOPEND=$(( $(statcnt "Map-Requests not sent, request queue full") - NOPEND0 ))
FILL_EVQ=$(( $(statcnt "Cache misses not handled, worker queue full") - EVQ0 ))
FILL_TXD=$(( $(tunstat "$p-r3" tx_dropped) - TXD0 ))
echo "  fill: load generator $FILL_LOG; $passes spray pass(es), $(printf %.1f "$FILL_S") s, lispd CPU $(printf %.1f "$FILL_CPU") s"
echo "  CSR_3: $FILL_REPLIES Map-Replies in, $FILL_NOPEND misses not asked (all 256 pending requests in use), $FILL_EVQ lost in a worker's full queue to the main thread, $FILL_TXD packets dropped at lisp0's queue"
sleep 3
RSS_FILL3=$(rss "$LPID3")
HWM_FILL3=$(hwm "$LPID3")
echo "  lispd RSS after the fill ${RSS_FILL3} kB (peak so far ${HWM_FILL3} kB)"
# The header counts the whole map-cache with IOS's default entry (one
# less is the fill), even for one EID (the whole
# listing of a million entries is slow to format and to read back).
MC_N=$(timeout 120 ip netns exec "$p-r3" "$CLI" --rundir "$tmp/r3" \
    -c "show ip lisp map-cache 10.64.0.0" 2>/dev/null |
    sed -n 's/.*(IID 0), \([0-9]*\) entries.*/\1/p' | awk 'NR == 1 { print $1 - 1 }')
KROUTES=$(ip -n "$p-r3" -4 route show proto 200 | wc -l)
RSS_MC3=$(rss "$LPID3")
HWM_MC3=$(hwm "$LPID3")
c3=$(cpu_ticks "$LPID3")
sleep 5
IDLE_MC_CPU=$(echo "($(cpu_ticks "$LPID3") - $c3) / $TCK / 5 * 100" | bc -l)
echo "  map-cache entries (show ip lisp map-cache): ${MC_N:-?}; lisp0 routes in the kernel: $KROUTES"
echo "  lispd RSS after show ip lisp map-cache 10.64.0.0 ${RSS_MC3} kB (peak ${HWM_MC3} kB); idle CPU with them: $(printf %.1f "$IDLE_MC_CPU")% of a core"

fill_rows() {
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
	    "map-cache filled, $MC_ENTRIES /32s, one Map-Reply each" \
	    "$(printf %.1f "$FILL_S") s" \
	    "lispd CPU $(printf %.1f "$FILL_CPU") s, $passes pass(es)" "" ""
	[ "$FILL_ONLY" = 1 ] || return 0
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
	    "lispd RSS idle / with ${MC_N:-?} map-cache entries (CSR_3)" \
	    "$(mb "$RSS_IDLE3") / $(mb "$RSS_FILL3")" "" "" ""
}
if [ "$FILL_ONLY" = 1 ]; then
	echo
	echo "== LISP map-cache fill ($(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'))"
	printf '%-52s | %-14s | %-28s | %-6s | %s\n' metric ours reference ratio goal
	fill_rows
	exit 0
fi

# The table.
TCP_L=$(median <"$tmp/lisp.tcp"); TCP_N=$(median <"$tmp/native.tcp")
TCP4_L=$(median <"$tmp/lisp.tcp4"); TCP4_N=$(median <"$tmp/native.tcp4")
UDP_L=$(median <"$tmp/lisp.udp"); UDP_N=$(median <"$tmp/native.udp")
MR_NEG=$(awk '{print $1}' "$tmp/mr.neg" | median)
MR_FWD=$(awk '{print $1}' "$tmp/mr.fwd" | median)
MR_SELF=$(awk '{print $1}' "$tmp/mr.self" | median)
MR_REF=$(awk '{print $1}' "$tmp/mr.ref" | median)

echo
echo "== LISP data plane and map-resolver ($(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'))"
printf '%-52s | %-14s | %-28s | %-6s | %s\n' metric ours reference ratio goal
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "iperf3 TCP H1->H3 through ITR->ETR (median of $REPS)" "$(gbit "$TCP_L")" \
    "kernel routing $(gbit "$TCP_N")" "$(ratio "$TCP_L" "$TCP_N")" ">= 0.50"
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "iperf3 TCP, 4 streams (-P 4, median)" "$(gbit "$TCP4_L")" \
    "kernel routing $(gbit "$TCP4_N")" "$(ratio "$TCP4_L" "$TCP4_N")" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "UDP 64-byte payload, received at H3 (median)" "$(kpps "$UDP_L")" \
    "kernel routing $(kpps "$UDP_N")" "$(ratio "$UDP_L" "$UDP_N")" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "Map-Requests answered/s, MR negative reply" "$(kpps "$MR_NEG")" \
    "minimal responder $(kpps "$MR_REF")" "$(ratio "$MR_NEG" "$MR_REF")" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "Map-Requests answered/s, MR forwards to CSR_3's ETR" "$(kpps "$MR_FWD")" \
    "minimal responder $(kpps "$MR_REF")" "$(ratio "$MR_FWD" "$MR_REF")" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "Map-Requests answered/s, CSR_1's own ETR answers" "$(kpps "$MR_SELF")" \
    "minimal responder $(kpps "$MR_REF")" "$(ratio "$MR_SELF" "$MR_REF")" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "lispd RSS idle, CSR_1 / CSR_3" "$(mb "$RSS_IDLE1") / $(mb "$RSS_IDLE3")" \
    "" "" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "lispd RSS after the traffic, CSR_1 / CSR_3" \
    "$(mb "$RSS_TRAF1") / $(mb "$RSS_TRAF3")" "" "" ""
printf '%-52s | %-14s | %-28s | %-6s | %s\n' \
    "lispd RSS, ${MC_N:-?} map-cache entries (CSR_3)" "$(mb "$RSS_FILL3")" \
    "idle $(mb "$RSS_IDLE3")" "" ""
fill_rows
