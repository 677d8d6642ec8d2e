#!/bin/bash
# Benchmarks of interfaces and routes, each against a reference run on the
# same machine in the same run:
#
#   1. show ip route with 100,000 routes in the kernel: the shell's time
#      (cli -c, output to /dev/null) against `ip route show` of the same
#      table, and cfgd's memory before and after.
#   2. A paste of 10,000 `interface LoopbackN` blocks with an address each
#      through the shell, against `ip -batch` creating the same devices
#      (dummy, or ifb where the kernel has no dummy driver), addresses and
#      link states.
#
# Needs root.  Usage: tests/bench/bench_interfaces.sh [BUILD_DIR]
# (default: $abs_top_builddir, else ./build).  Prints a table.
set -euo pipefail

builddir=${1:-${abs_top_builddir:-$PWD/build}}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
NROUTES=${NROUTES:-100000}
NLOOP=${NLOOP:-10000}
for f in "$RC" "$CLI"; do
	[ -x "$f" ] || { echo "missing $f" >&2; exit 1; }
done

p=bif$$
R=$p-r
REF=$p-ref
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-interfaces.XXXXXX")
rd=$tmp/r
cleanup() {
	ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null 2>&1 || true
	ip netns del "$R" 2>/dev/null || true
	ip netns del "$REF" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }
cfgd_kb() {
	local pid
	pid=$(cat "$rd/cfgd.pid" 2>/dev/null || pgrep -f "cfgd.*$rd" | head -1)
	awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/status"
}
cli() { ip netns exec "$R" "$CLI" --rundir "$rd" "$@"; }

for ns in "$R" "$REF"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip -n "$R" link add gi1 type veth peer name peer1
ip -n "$REF" link add gi1 type veth peer name peer1
mkdir -p "$rd"
ip netns exec "$R" "$RC" start --rundir "$rd" >/dev/null
cli -c "configure terminal" -c "interface GigabitEthernet1" \
    -c "ip address 192.0.2.1 255.255.255.0" -c "no shutdown" -c end \
    >/dev/null
ip -n "$R" link set peer1 up
ip -n "$REF" addr add 192.0.2.1/24 dev gi1
ip -n "$REF" link set gi1 up
ip -n "$REF" link set peer1 up
kind=dummy
if ! ip -n "$REF" link add probe0 type dummy 2>/dev/null; then
	kind=ifb
else
	ip -n "$REF" link del probe0
fi

# 1. show ip route with NROUTES routes.
awk -v n="$NROUTES" 'BEGIN { for (i = 0; i < n; i++)
	printf "route add 10.%d.%d.%d/28 via 192.0.2.2 proto static\n",
	    int(i / 4096) + 1, int(i / 16) % 256, (i % 16) * 16 }' \
    >"$tmp/routes"
rss0=$(cfgd_kb VmRSS)
ip -n "$R" -batch "$tmp/routes"
ip -n "$REF" -batch "$tmp/routes"
sleep 1		# let cfgd see the burst of netlink events
t0=$(now)
cli -c "show ip route" >"$tmp/show.out"
t1=$(now)
ip -n "$REF" route show >"$tmp/ref.out"
t2=$(now)
show_t=$(elapsed "$t0" "$t1")
ref_t=$(elapsed "$t1" "$t2")
rss1=$(cfgd_kb VmRSS)
hwm1=$(cfgd_kb VmHWM)
lines=$(grep -c ' via 192.0.2.2$' "$tmp/show.out" || true)

# 2. NLOOP Loopback blocks pasted through the shell.
{
	echo enable
	echo "configure terminal"
	awk -v n="$NLOOP" 'BEGIN { for (i = 1; i <= n; i++)
		printf "interface Loopback%d\n ip address 172.%d.%d.%d " \
		    "255.255.255.255\n", i, 16 + int(i / 65536),
		    int(i / 256) % 256, i % 256 }'
	echo end
} >"$tmp/paste"
awk -v n="$NLOOP" -v k="$kind" 'BEGIN { for (i = 1; i <= n; i++) {
	printf "link add lo%d type %s\n", i, k
	printf "addr add 172.%d.%d.%d/32 dev lo%d\n", 16 + int(i / 65536),
	    int(i / 256) % 256, i % 256, i
	printf "link set lo%d up\n", i } }' >"$tmp/loops"
# Creating devices gets slower as the kernel holds more of them, so
# whichever runs second is at a disadvantage: REF_FIRST=1 runs the
# reference first (default: ours first).
run_ref() {
	local t0 t1
	t0=$(now)
	ip -n "$REF" -batch "$tmp/loops"
	t1=$(now)
	pref_t=$(elapsed "$t0" "$t1")
}
run_ours() {
	local t0 t1 last
	t0=$(now)
	cli <"$tmp/paste" >"$tmp/paste.out" 2>&1
	# Done when the last device has its address.
	last="172.$((16 + NLOOP / 65536)).$((NLOOP / 256 % 256))"
	last="$last.$((NLOOP % 256))"
	for _ in $(seq 1 1800); do
		ip -n "$R" -4 -o addr show dev "lo$NLOOP" 2>/dev/null |
		    grep -q "$last/32" && break
		sleep 0.1
	done
	t1=$(now)
	paste_t=$(elapsed "$t0" "$t1")
}
if [ "${REF_FIRST:-0}" = 1 ]; then
	run_ref
	run_ours
	order="reference first"
else
	run_ours
	run_ref
	order="ours first"
fi
made=$(ip -n "$R" -o link show | grep -c ": lo[0-9]")
errs=$(grep -c '^%' "$tmp/paste.out" || true)
rss2=$(cfgd_kb VmRSS)
hwm2=$(cfgd_kb VmHWM)
t0=$(now)
cli -c "show ip interface brief" >/dev/null
t1=$(now)
brief_t=$(elapsed "$t0" "$t1")

printf '%-52s %10s %10s %8s\n' "benchmark" "ours (s)" "ref (s)" "ratio"
printf '%-52s %10s %10s %8s\n' \
    "show ip route, $NROUTES routes (vs ip route show)" "$show_t" "$ref_t" \
    "$(ratio "$show_t" "$ref_t")"
printf '%-52s %10s %10s %8s\n' \
    "paste $NLOOP Loopback blocks (vs ip -batch, $kind)" "$paste_t" \
    "$pref_t" "$(ratio "$paste_t" "$pref_t")"
printf '%-52s %10s\n' "show ip interface brief, $NLOOP+1 interfaces" \
    "$brief_t"
echo
echo "show ip route printed $lines static routes of $NROUTES"
echo "paste: $made loopback devices in the kernel, $errs error lines ($order)"
echo "cfgd memory: RSS ${rss0} kB at start, ${rss1} kB after show ip" \
    "route (peak ${hwm1} kB), ${rss2} kB after the paste (peak ${hwm2} kB)"
