#!/bin/bash
# VM mobility and the proxy xTR (issue 6), not part of make check.  One run
# on the seed lab (routerctl lab up lab/seed.lab, the same topology as
# tests/topo/test_mobility.sh):
#
#  1. The interruption of the moving VM's traffic.  H2 pings the VM every
#     10 ms (ping -D -i 0.01) while the VM moves MOVES times each way, warm
#     (gratuitous ARP, same gateway MAC) and cold (neighbour cache flushed,
#     it pings its gateway).  Per move: packets lost, and the milliseconds
#     from the end of `routerctl lab move-vm` (the VM's first packet on the
#     new site: its gratuitous ARP, or its ping of the gateway) to the
#     first reply H2 gets afterwards; plus the whole gap H2 sees (last
#     reply before the move to first reply after it).
#  2. The proxy path's throughput: iperf3 TCP H2 -> VM (VM in the cloud:
#     R2 -> CSR_1 proxy ITR encapsulates -> CSR_3 -> VM, back through
#     CSR_3's use-petr -> CSR_1 proxy ETR) against the same three routers
#     forwarding natively (kernel routes 10.1.1.10/32 via 198.51.100.3 on
#     CSR_1 and 172.16.2.0/24 via 198.51.100.2 on CSR_3, more specific than
#     LISP's), REPS runs of SECS each, alternating; medians and the ratio.
#
# Usage (root): tests/bench/bench_mobility.sh [BUILD_DIR] (default build/)
# Environment: MOVES (10 each way and kind), SECS (5), REPS (3).
set -euo pipefail

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
builddir=$(cd "${1:-${abs_top_builddir:-$srcdir/build}}" && pwd)
RC=$builddir/platform/routerctl
MOVES=${MOVES:-10}
SECS=${SECS:-5}
REPS=${REPS:-3}
for p in iperf3 arping python3 tshark; do
	command -v "$p" >/dev/null || { echo "needs $p" >&2; exit 1; }
done

L=bmob$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-mobility.XXXXXX")
chmod 755 "$tmp"
export LISPROUTER_LAB_DIR=$tmp/state
PIDS=()
lab() { "$RC" lab --name "$L" "$@"; }
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	lab down >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }
at_db() { lab shell "$1" -c "show ip lisp database" 2>/dev/null |
    grep -q '^10\.1\.1\.10/32'; }

lab up "$srcdir/lab/seed.lab" >/dev/null
lab exec VM ping -c1 -W1 10.1.1.1 >/dev/null 2>&1 || true
for i in $(seq 50); do at_db CSR_1 && break; sleep 0.1; done
git_rev=$(git -C "$srcdir" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "bench_mobility.sh at $git_rev, $(nproc) cores, kernel $(uname -r)"

# --- 1. interruption per move ----------------------------------------------
lab exec H2 ping -D -n -i 0.01 10.1.1.10 >"$tmp/ping.log" 2>&1 &
PIDS+=($!)
# The VM's own ARP frames (its first packet on a new site is one).
lab exec VM tshark -l -q -i eth0 -f arp -T fields -e frame.time_epoch \
    -e arp.src.proto_ipv4 >"$tmp/arp.log" 2>/dev/null &
PIDS+=($!)
sleep 3
: >"$tmp/moves"
for kind in warm cold; do
	for i in $(seq "$MOVES"); do
		for to in cloud dc; do
			t0=$(now_ms)
			lab move-vm "$to" "--$kind" >/dev/null
			t1=$(now_ms)
			echo "$kind $to $t0 $t1" >>"$tmp/moves"
			sleep 1.5
		done
	done
done
kill "${PIDS[0]}" "${PIDS[1]}" 2>/dev/null || true
sleep 0.5
python3 - "$tmp/ping.log" "$tmp/moves" "$tmp/arp.log" <<'PY'
import re, statistics, sys
replies = []
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)\].*icmp_seq=(\d+)", line)
    if m:
        replies.append((float(m.group(1)) * 1000, int(m.group(2))))
moves = [l.split() for l in open(sys.argv[2])]
arps = sorted(float(l.split()[0]) * 1000 for l in open(sys.argv[3])
    if len(l.split()) == 2 and l.split()[1] == "10.1.1.10")
rows = {}
for k, (kind, to, t0, t1) in enumerate(moves):
    t0, t1 = float(t0), float(t1)
    end = float(moves[k + 1][2]) if k + 1 < len(moves) else t1 + 1500
    before = [r for r in replies if r[0] < t0]
    after = [r for r in replies if t0 <= r[0] < end]
    if not before or not after:
        continue
    # The first reply to a packet sent after the move started.
    first = next((r for r in after if r[1] > before[-1][1]), after[0])
    lost = first[1] - before[-1][1] - 1
    # The VM's first frame on the new site: its first ARP after the
    # move began (else the end of move-vm).
    tf = next((a for a in arps if t0 <= a < end), t1)
    rows.setdefault(kind, []).append((max(0.0, first[0] - tf),
        first[0] - before[-1][0], lost, t1 - t0))
print()
print("1. Interruption of the VM's traffic per move (H2 pings every 10 ms;")
print("   %d moves per kind, both directions)" % len(rows.get("warm", [])))
print("%-6s %28s %28s %16s %14s" % ("move", "ms first packet -> flowing",
    "ms gap seen by H2", "packets lost", "ms move-vm"))
print("%-6s %28s %28s %16s %14s" % ("", "median / max", "median / max",
    "median / max", "median"))
for kind in ("warm", "cold"):
    v = rows.get(kind, [])
    if not v:
        continue
    a = [x[0] for x in v]; g = [x[1] for x in v]; l = [x[2] for x in v]
    d = [x[3] for x in v]
    print("%-6s %28s %28s %16s %14.0f" % (kind,
        "%.0f / %.0f" % (statistics.median(a), max(a)),
        "%.0f / %.0f" % (statistics.median(g), max(g)),
        "%d / %d" % (statistics.median(l), max(l)), statistics.median(d)))
PY

# --- 2. the proxy path's throughput ----------------------------------------
lab move-vm cloud --warm >/dev/null
for i in $(seq 50); do at_db CSR_3 && break; sleep 0.1; done
lab exec H2 ping -c3 -i 0.2 10.1.1.10 >/dev/null 2>&1 || true
iperf() {	# one run: Gbit/s H2 -> VM
	lab exec VM iperf3 -s -1 >/dev/null 2>&1 &
	local s=$!
	sleep 0.3
	lab exec H2 iperf3 -c 10.1.1.10 -t "$SECS" -J 2>/dev/null |
	    python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.2f" % (d["end"]["sum_received"]["bits_per_second"]/1e9))' ||
	    echo 0
	wait "$s" 2>/dev/null || true
}
native() {	# on|off: the three routers forward without LISP
	local op=add
	[ "$1" = off ] && op=del
	lab exec CSR_1 ip route "$op" 10.1.1.10/32 via 198.51.100.3 metric 1
	lab exec CSR_3 ip route "$op" 172.16.2.0/24 via 198.51.100.2 metric 1
}
pxtr=() nat=()
for i in $(seq "$REPS"); do
	pxtr+=("$(iperf)")
	native on
	nat+=("$(iperf)")
	native off
done
python3 - "${pxtr[*]}" "${nat[*]}" <<'PY'
import statistics, sys
p = [float(x) for x in sys.argv[1].split()]
n = [float(x) for x in sys.argv[2].split()]
mp, mn = statistics.median(p), statistics.median(n)
print()
print("2. iperf3 TCP H2 -> VM in the cloud, Gbit/s (median of %d)" % len(p))
print("%-44s %10s" % ("path", "Gbit/s"))
print("%-44s %10.2f" % ("R2 -> CSR_1 PITR -> CSR_3 -> VM (LISP)", mp))
print("%-44s %10.2f" % ("R2 -> CSR_1 -> CSR_3 -> VM (kernel routes)", mn))
print("%-44s %9.0f%%" % ("ratio LISP / kernel", 100 * mp / mn if mn else 0))
print("runs: LISP %s; kernel %s" % (p, n))
PY
