#!/bin/bash
# Benchmarks of switching, each against iproute2 on the same table in the
# same run:
#
#   1. show mac address-table with 50,000 learned entries (dynamic FDB
#      entries added with `bridge -batch`), through the shell (cli -c,
#      output to a file), against `bridge fdb show` of the same bridge; and
#      cfgd's memory before and after.
#   2. show mac address-table address M (one entry of the 50,000), against
#      `bridge fdb show br B | grep M`.
#   3. clear mac address-table dynamic of the 50,000, against
#      `bridge fdb flush` of the same entries added again.
#
# Needs root.  Usage: tests/bench/bench_switch.sh [BUILD_DIR] (default:
# $abs_top_builddir, else ./build).  NMAC changes the size, RUNS the number
# of runs of each timing (the best is kept).  Prints a table.
set -euo pipefail

builddir=${1:-${abs_top_builddir:-$PWD/build}}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
NMAC=${NMAC:-50000}
RUNS=${RUNS:-3}
for f in "$RC" "$CLI"; do
	[ -x "$f" ] || { echo "missing $f" >&2; exit 1; }
done

p=bsw$$
R=$p-r
H=$p-h
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-switch.XXXXXX")
rd=$tmp/r
cleanup() {
	ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null 2>&1 || true
	ip netns del "$R" 2>/dev/null || true
	ip netns del "$H" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'; }
cfgd_kb() {
	local pid
	pid=$(cat "$rd/cfgd.pid" 2>/dev/null || pgrep -f "cfgd.*$rd" | head -1)
	awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/status"
}
cli() { ip netns exec "$R" "$CLI" --rundir "$rd" "$@"; }
# best CMD...: the best of RUNS wall-clock times of CMD, in seconds.
best() {
	local b="" t0 t1 i
	for i in $(seq 1 "$RUNS"); do
		t0=$(now)
		"$@"
		t1=$(now)
		b=$(min "$b" "$(elapsed "$t0" "$t1")")
	done
	echo "$b"
}

for ns in "$R" "$H"; do
	ip netns add "$ns"
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	    net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
	ip -n "$ns" link set lo up
done
ip -n "$R" link add p1 type veth peer name e1 netns "$H"
ip -n "$R" link add p2 type veth peer name e2 netns "$H"
ip -n "$H" link set e1 up
ip -n "$H" link set e2 up
mkdir -p "$rd"
ip netns exec "$R" "$RC" start --rundir "$rd" >/dev/null
cli -c "configure terminal" -c "vlan 10" -c "exit" \
    -c "interface GigabitEthernet1" -c "switchport access vlan 10" \
    -c "no shutdown" -c "interface GigabitEthernet2" \
    -c "switchport access vlan 10" -c "no shutdown" -c end >/dev/null
# Learned entries go only on ports that forward: wait for both.
forwarding() {
	[ "$(ip netns exec "$R" bridge link show 2>/dev/null |
	    grep -cE ' p[12][@:].*master vlbr10 state forwarding')" -eq 2 ]
}
for _ in $(seq 1 100); do
	forwarding && break
	sleep 0.1
done

# NMAC learned entries, half on each port: what hosts behind the two
# ports would have taught the bridge.
awk -v n="$NMAC" 'BEGIN { for (i = 0; i < n; i++)
	printf "fdb replace 02:%02x:%02x:%02x:%02x:%02x dev p%d master dynamic\n",
	    int(i / 16777216) % 256, int(i / 65536) % 256, int(i / 256) % 256,
	    i % 256, 1, 1 + i % 2 }' >"$tmp/fdb"
awk -v n="$NMAC" 'BEGIN { for (i = 0; i < n; i++)
	printf "fdb del 02:%02x:%02x:%02x:%02x:%02x dev p%d master\n",
	    int(i / 16777216) % 256, int(i / 65536) % 256, int(i / 256) % 256,
	    i % 256, 1, 1 + i % 2 }' >"$tmp/fdb.del"
rss0=$(cfgd_kb VmRSS)
ip netns exec "$R" bridge -batch "$tmp/fdb"
show_ours() { cli -c "show mac address-table" >"$tmp/show.out"; }
show_ref() { ip netns exec "$R" bridge fdb show br vlbr10 >"$tmp/ref.out"; }
show_t=$(best show_ours)
ref_t=$(best show_ref)
rss1=$(cfgd_kb VmRSS)
hwm1=$(cfgd_kb VmHWM)
total=$(sed -n 's/^Total Mac Addresses for this criterion: //p' \
    "$tmp/show.out")
rows=$(grep -c 'DYNAMIC' "$tmp/show.out" || true)
refrows=$(grep -c ' master vlbr10 *$' "$tmp/ref.out" || true)

mac=02:00:00:61:a8:01
one_ours() {
	cli -c "show mac address-table address 0200.0061.a801" >"$tmp/one.out"
}
one_ref() {
	ip netns exec "$R" bridge fdb show br vlbr10 | grep "^$mac " \
	    >"$tmp/one.ref" || true
}
one_t=$(best one_ours)
oneref_t=$(best one_ref)

# Clearing: ours, then the reference on the same entries added again.
t0=$(now)
cli -c "clear mac address-table dynamic" >/dev/null
t1=$(now)
clear_t=$(elapsed "$t0" "$t1")
left=$(ip netns exec "$R" bridge fdb show br vlbr10 | grep -vc permanent ||
    true)
ip netns exec "$R" bridge -batch "$tmp/fdb"
t0=$(now)
ip netns exec "$R" bridge fdb flush dev vlbr10 dynamic 2>/dev/null ||
    ip netns exec "$R" bridge -batch "$tmp/fdb.del"
t1=$(now)
flush_t=$(elapsed "$t0" "$t1")
rss2=$(cfgd_kb VmRSS)
hwm2=$(cfgd_kb VmHWM)

printf '%-58s %9s %9s %7s\n' "benchmark (best of $RUNS)" "ours (s)" \
    "ref (s)" "ratio"
printf '%-58s %9s %9s %7s\n' \
    "show mac address-table, $NMAC entries (vs bridge fdb show)" \
    "$show_t" "$ref_t" "$(ratio "$show_t" "$ref_t")"
printf '%-58s %9s %9s %7s\n' \
    "show mac address-table address M (vs bridge fdb | grep)" \
    "$one_t" "$oneref_t" "$(ratio "$one_t" "$oneref_t")"
printf '%-58s %9s %9s %7s\n' \
    "clear mac address-table dynamic (vs bridge fdb flush)" \
    "$clear_t" "$flush_t" "$(ratio "$clear_t" "$flush_t")"
echo
echo "show mac address-table: $rows DYNAMIC rows, total line $total;" \
    "bridge fdb show: $refrows learned entries"
echo "address M: $(grep -c DYNAMIC "$tmp/one.out" || true) row;" \
    "after clear: $left non-local entries left"
echo "cfgd memory: RSS ${rss0} kB at start, ${rss1} kB after the shows" \
    "(peak ${hwm1} kB), ${rss2} kB at the end (peak ${hwm2} kB)"
