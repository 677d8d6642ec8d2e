#!/bin/bash
# ip address dhcp, in network namespaces: a router whose GigabitEthernet1
# takes its address from a DHCP server (busybox udhcpd) on a host.
#
#   S 192.0.2.2 (udhcpd: pool 192.0.2.100-110, router 192.0.2.1)
#     --- Gi1 (ip address dhcp) [router]
#
# What must hold: the line is accepted and shown as IOS shows it; the
# leased address reaches the kernel and `show ip interface brief` (Method
# DHCP) in bounded time, `show ip interface` says it was determined by
# DHCP; the default route via the server's router option is in `show ip
# route` as IOS shows a DHCP default ([254/0]); a cfgd restart keeps the
# address and restarts the client; `no ip address` removes the address and
# the route and stops the client; no client is left behind.
#
# Needs root (namespaces) and busybox (udhcpc, udhcpd).
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
for f in "$RC" "$CLI" "$builddir/cfg/cfgd" \
    "$builddir/cfg/lisprouter-dhcp-hook"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
	echo "SKIP: needs root and iproute2"
	exit 77
fi
BB=$(command -v busybox || true)
if [ -z "$BB" ] || ! "$BB" --list | grep -qx udhcpd; then
	echo "SKIP: needs busybox with udhcpc and udhcpd (setup.sh installs it)"
	exit 77
fi

p=tdh$$
R=$p-r
S=$p-s
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-dhcp.XXXXXX")
rd=$tmp/r
srvpid=

# The DHCP clients of this router: udhcpc processes in its namespace.
clients() {
	local pid
	for pid in $(ip netns pids "$R" 2>/dev/null); do
		if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null |
		    grep -q "udhcpc .*-i r-s"; then
			echo "$pid"
		fi
	done
}

cleanup() {
	ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null 2>&1 || true
	[ -n "$srvpid" ] && kill "$srvpid" 2>/dev/null || true
	for pid in $(clients); do kill "$pid" 2>/dev/null || true; done
	for ns in "$R" "$S"; do
		ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

. "$(dirname "$0")/lib.sh"
# The router under test: commands at its privileged prompt (one per
# argument), and a paste into configure terminal (the transcript on stdout).
rcli() { cli "$R" "$rd" "$@"; }
rpaste() { paste_out "$R" "$rd"; }

# Topology and the server.
for ns in "$R" "$S"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip -n "$R" link add r-s type veth peer name s netns "$S"
ip -n "$S" addr add 192.0.2.2/24 dev s
ip -n "$S" link set s up
cat >"$tmp/udhcpd.conf" <<EOF
start 192.0.2.100
end 192.0.2.110
interface s
lease_file $tmp/udhcpd.leases
pidfile $tmp/udhcpd.pid
opt subnet 255.255.255.0
opt router 192.0.2.1
opt lease 600
EOF
: >"$tmp/udhcpd.leases"
ip netns exec "$S" "$BB" udhcpd -f "$tmp/udhcpd.conf" \
    >"$tmp/udhcpd.log" 2>&1 &
srvpid=$!
# The server's router option: a next hop that exists on the link.
ip -n "$S" addr add 192.0.2.1/24 dev s
mkdir -p "$rd"
ip netns exec "$R" "$RC" start --rundir "$rd" >/dev/null

# The line, as IOS takes and shows it.
out=$(rpaste <<'EOF'
interface GigabitEthernet1
 ip address dhcp
 no shutdown
EOF
)
check "ip address dhcp is accepted in interface mode" hasnt "$out" "^%"
out=$(rcli "show running-config interface GigabitEthernet1")
check "running-config shows ' ip address dhcp' in place of no ip address" \
    has "$out" "^ ip address dhcp$"
check "running-config no longer shows ' no ip address'" \
    hasnt "$out" "no ip address"

leased() { ip -n "$R" -4 -o addr show dev r-s | grep -q " 192\.0\.2\.1[01][0-9]/24 "; }
check "the leased address reaches the kernel within 15 s" wait_for 15 leased
addr=$(ip -n "$R" -4 -o addr show dev r-s | awk '{print $4}' | cut -d/ -f1)
brief_dhcp() {
	out=$(rcli "show ip interface brief")
	has "$out" "^GigabitEthernet1 +$addr +YES DHCP +up +up"
}
check "show ip interface brief lists the lease with Method DHCP" \
    wait_for 5 brief_dhcp
out=$(rcli "show ip interface GigabitEthernet1")
check "show ip interface gives the leased address and its mask" \
    has "$out" "^  Internet address is $addr/24$"
check "show ip interface says the address was determined by DHCP" \
    has "$out" "^  Address determined by DHCP$"
route_dhcp() {
	out=$(rcli "show ip route")
	has "$out" "^S\* +0\.0\.0\.0/0 \[254/0\] via 192\.0\.2\.1" &&
	    has "$out" "^Gateway of last resort is 192\.0\.2\.1 to network 0\.0\.0\.0"
}
check "show ip route has the DHCP default route via the router option at distance 254" \
    wait_for 5 route_dhcp
kroute() { ip -n "$R" route show default | grep -q "via 192.0.2.1 dev r-s .*metric 254"; }
check "the default route is in the kernel with metric 254" kroute
n=$(clients | wc -l)
check "one DHCP client runs for GigabitEthernet1 (found $n)" test "$n" -eq 1

# cfgd restarts: the address stays, a new client runs, the old one is gone.
out=$(rcli "write memory")
check "write memory saves ip address dhcp" has "$out" "\[OK\]"
old=$(clients)
ip netns exec "$R" "$RC" restart --rundir "$rd" >/dev/null
one_new_client() {
	local now
	now=$(clients)
	[ "$(wc -w <<<"$now")" -eq 1 ] && [ "$now" != "$old" ]
}
check "after a cfgd restart exactly one new DHCP client runs" \
    wait_for 10 one_new_client
check "after a cfgd restart the address is still in the kernel" leased
check "after a cfgd restart show ip interface brief still says DHCP" \
    wait_for 5 brief_dhcp
check "after a cfgd restart the DHCP default route is still shown" \
    wait_for 5 route_dhcp

# Releasing it.
out=$(rpaste <<'EOF'
interface GigabitEthernet1
 no ip address
EOF
)
check "no ip address is accepted" hasnt "$out" "^%"
gone() { ! ip -n "$R" -4 -o addr show dev r-s | grep -q "inet "; }
check "no ip address removes the leased address from the kernel" \
    wait_for 5 gone
no_clients() { [ -z "$(clients)" ]; }
check "no ip address stops the DHCP client" wait_for 5 no_clients
out=$(rcli "show ip route")
check "no ip address removes the DHCP default route" \
    hasnt "$out" "0\.0\.0\.0/0"
out=$(rcli "show ip interface brief")
check "show ip interface brief shows GigabitEthernet1 unassigned" \
    has "$out" "^GigabitEthernet1 +unassigned +YES manual"
out=$(rcli "show running-config interface GigabitEthernet1")
check "running-config shows ' no ip address' again" \
    has "$out" "^ no ip address$"

# A static address replaces DHCP, and DHCP replaces a static address.
rpaste >/dev/null <<'EOF'
interface GigabitEthernet1
 ip address dhcp
EOF
has_clients() { [ -n "$(clients)" ]; }
check "ip address dhcp again: the client runs again" wait_for 5 has_clients
check "ip address dhcp again: a lease arrives" wait_for 15 leased
out=$(rpaste <<'EOF'
interface GigabitEthernet1
 ip address 198.51.100.1 255.255.255.0
EOF
)
out=$(rcli "show running-config interface GigabitEthernet1")
check "a static primary replaces ip address dhcp in running-config" \
    has "$out" "^ ip address 198\.51\.100\.1 255\.255\.255\.0$"
check "running-config no longer shows ip address dhcp" hasnt "$out" "dhcp"
static_only() {
	ip -n "$R" -4 -o addr show dev r-s | grep -q " 198\.51\.100\.1/24 " &&
	    ! leased
}
check "a static primary replaces the lease in the kernel" wait_for 5 static_only
check "a static primary stops the DHCP client" wait_for 5 no_clients

# The end: cfgd stops, no client is left.
rpaste >/dev/null <<'EOF'
interface GigabitEthernet1
 ip address dhcp
EOF
wait_for 15 leased || true
ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null
check "routerctl stop leaves no DHCP client behind" wait_for 5 no_clients

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed" >&2
	exit 1
fi
echo "all DHCP checks passed"
