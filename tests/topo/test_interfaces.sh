#!/bin/bash
# Interfaces and static routes driven from the shell, in network
# namespaces: a router between two hosts.
#
#   H1 192.0.2.10 --- Gi1 192.0.2.1 [router] Gi2 198.51.100.1 --- H2 198.51.100.10
#                                                    (H2 also has 203.0.113.10/32)
#
# What must hold: the router shows the interfaces it has; lines pasted
# through the cli reach the kernel (addresses, state, routes); changes made
# in the kernel behind its back show in `show`; static routes carry
# traffic; ping and traceroute print IOS's lines with real round-trip
# times; bad input gets IOS errors and changes nothing.
#
# Needs root (namespaces).  Runs from the build directory or with
# $abs_top_builddir set.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
for f in "$RC" "$CLI" "$builddir/cfg/cfgd"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
	echo "SKIP: needs root and iproute2"
	exit 77
fi

p=tif$$
R=$p-r
H1=$p-h1
H2=$p-h2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-interfaces.XXXXXX")
rd=$tmp/r

cleanup() {
	ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null 2>&1 || true
	for ns in "$R" "$H1" "$H2"; do
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

# Topology.
for ns in "$R" "$H1" "$H2"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip -n "$R" link add r-h1 type veth peer name h1 netns "$H1"
ip -n "$R" link add r-h2 type veth peer name h2 netns "$H2"
ip -n "$H1" addr add 192.0.2.10/24 dev h1
ip -n "$H1" link set h1 up
ip -n "$H1" route add default via 192.0.2.1
ip -n "$H2" addr add 198.51.100.10/24 dev h2
ip -n "$H2" addr add 203.0.113.10/32 dev lo
ip -n "$H2" link set h2 up
ip -n "$H2" route add 192.0.2.0/24 via 198.51.100.1
ip -n "$H2" route add 10.10.10.0/24 via 198.51.100.1
mkdir -p "$rd"
ip netns exec "$R" "$RC" start --rundir "$rd" >/dev/null

# The router shows the interfaces it has: two NICs, no GigabitEthernet3.
out=$(rcli "show ip interface brief")
check "the factory router lists GigabitEthernet1 and 2, shut down" \
    has "$out" "^GigabitEthernet1 +unassigned +YES NVRAM +administratively down down"
check "the factory router lists GigabitEthernet2" \
    has "$out" "^GigabitEthernet2 "
check "a GigabitEthernet without a device is not listed" \
    hasnt "$out" "GigabitEthernet3"
out=$(rcli "show platform interfaces")
check "show platform interfaces maps GigabitEthernet1 to the first veth" \
    has "$out" "^GigabitEthernet1 +r-h1 +[0-9]+ +ethernet"

# Configuration pasted through the shell.
out=$(rpaste <<'EOF'
interface GigabitEthernet1
 description to H1
 ip address 192.0.2.1 255.255.255.0
 no shutdown
interface GigabitEthernet2
 ip address 198.51.100.1 255.255.255.0
 no shutdown
interface Loopback10
 ip address 10.10.10.1 255.255.255.255
exit
ip route 203.0.113.0 255.255.255.0 198.51.100.10
EOF
)
check "the pasted configuration gives no error" hasnt "$out" "^%"
addr_on() { ip -n "$R" -4 -o addr show dev "$1" | grep -q " $2 "; }
link_up() { ip -n "$R" -o link show dev "$1" | grep -q "[<,]UP[,>]"; }
check "ip address on GigabitEthernet1 is in the kernel" \
    wait_for 3 addr_on r-h1 "192.0.2.1/24"
check "ip address on GigabitEthernet2 is in the kernel" \
    wait_for 3 addr_on r-h2 "198.51.100.1/24"
check "no shutdown brings the device up" link_up r-h1
check "Loopback10 is a device lo10 with its address" \
    wait_for 3 addr_on lo10 "10.10.10.1/32"
route_in_kernel() {
	ip -n "$R" route show 203.0.113.0/24 | grep -q "via 198.51.100.10"
}
check "the static route is in the kernel" wait_for 3 route_in_kernel

out=$(rcli "show ip interface brief")
check "show ip interface brief: GigabitEthernet1 up, manual" \
    has "$out" "^GigabitEthernet1 +192\.0\.2\.1 +YES manual up +up"
check "show ip interface brief: Loopback10 up" \
    has "$out" "^Loopback10 +10\.10\.10\.1 +YES manual up +up"
check "show ip interface brief keeps the CSR columns" \
    has "$out" "^Interface              IP-Address      OK\? Method Status                Protocol$"
out=$(rcli "show running-config interface GigabitEthernet1")
check "running-config has the interface block as typed" \
    has "$out" "^ ip address 192\.0\.2\.1 255\.255\.255\.0$"
out=$(rcli "show interfaces GigabitEthernet1")
check "show interfaces: state, description, address" \
    has "$out" "^GigabitEthernet1 is up, line protocol is up"
check "show interfaces: description" has "$out" "^  Description: to H1$"
check "show interfaces: internet address" \
    has "$out" "^  Internet address is 192\.0\.2\.1/24$"
check "show interfaces: counters from the kernel" \
    has "$out" "^     [0-9]+ packets input, [0-9]+ bytes"
out=$(rcli "show ip interface Loopback10")
check "show ip interface: address and MTU" \
    has "$out" "^  Internet address is 10\.10\.10\.1/32$"

out=$(rcli "show ip route")
check "show ip route: connected and local routes" \
    has "$out" "^C        192\.0\.2\.0/24 is directly connected, GigabitEthernet1$"
check "show ip route: the local address" \
    has "$out" "^L        192\.0\.2\.1/32 is directly connected, GigabitEthernet1$"
check "show ip route: the static route" \
    has "$out" "^S     203\.0\.113\.0/24 \[1/0\] via 198\.51\.100\.10$"
check "show ip route: the loopback as connected" \
    has "$out" "^C        10\.10\.10\.1 is directly connected, Loopback10$"
check "show ip route: no gateway of last resort" \
    has "$out" "^Gateway of last resort is not set$"

# Static routes carry traffic: H1 reaches H2's 203.0.113.10 through us.
check "a host pings through the router over the static route" \
    ip netns exec "$H1" ping -c 2 -W 2 -q 203.0.113.10 >/dev/null

# ping from the shell: IOS lines with real round-trip times.
out=$(rcli "ping 198.51.100.10")
check "ping prints IOS's header" \
    has "$out" "^Sending 5, 100-byte ICMP Echos to 198\.51\.100\.10, timeout is 2 seconds:$"
check "ping prints five !" has "$out" "^!!!!!$"
check "ping prints the success rate and round-trip times" \
    has "$out" "^Success rate is 100 percent \(5/5\), round-trip min/avg/max = [0-9]+/[0-9]+/[0-9]+ ms$"
out=$(rcli "ping 203.0.113.10 source loopback 10")
check "ping source loopback 10 says which source" \
    has "$out" "^Packet sent with a source address of 10\.10\.10\.1 ?$"
check "ping source loopback 10 succeeds" \
    has "$out" "^Success rate is 100 percent \(5/5\)"
out=$(rcli "ping 192.0.2.77 repeat 2 timeout 1")
check "ping to nobody prints dots and 0 percent" has "$out" "^\.\.$"
check "ping to nobody: success rate 0" \
    has "$out" "^Success rate is 0 percent \(0/2\)$"
out=$(rcli "ping 203.0.113.10 repeat 1 size 1400 df-bit")
check "ping with df-bit says so" \
    has "$out" "^Packet sent with the DF bit set$"
out=$(rcli "ping 203.0.113.10 source 9.9.9.9")
check "ping from an address not ours is refused" \
    has "$out" "^% Invalid source address- IP address not on any of our up interfaces$"
out=$(rcli "traceroute 203.0.113.10")
check "traceroute prints IOS's header" \
    has "$out" "^Tracing the route to 203\.0\.113\.10$"
check "traceroute shows the hop with three times" \
    has "$out" "^  1 203\.0\.113\.10( [0-9]+ msec){3}$"

# mtu and mac-address reach the device.
out=$(rpaste <<'EOF'
interface GigabitEthernet2
 mtu 1400
 mac-address 0200.0c07.ac0a
EOF
)
check "mtu and mac-address are accepted" hasnt "$out" "^%"
mtu_is() { ip -n "$R" -o link show dev r-h2 | grep -q "mtu $1 "; }
mac_is() { ip -n "$R" -o link show dev r-h2 | grep -q "link/ether $1 "; }
check "mtu reaches the device" wait_for 3 mtu_is 1400
check "mac-address reaches the device" wait_for 3 mac_is 02:00:0c:07:ac:0a
out=$(rcli "show interfaces GigabitEthernet2")
check "show interfaces shows the MAC address" \
    has "$out" "^  Hardware is CSR vNIC, address is 0200\.0c07\.ac0a "
check "show interfaces shows the MTU" has "$out" "^  MTU 1400 bytes"
out=$(rpaste <<'EOF'
interface GigabitEthernet2
 no mtu
 no mac-address
EOF
)
check "no mtu puts 1500 back" wait_for 3 mtu_is 1500
check "no mac-address puts the device's own address back" \
    bash -c "! ip -n '$R' -o link show dev r-h2 | grep -q 02:00:0c:07:ac:0a"

# Kernel changes behind the router's back show in show.
ip -n "$R" link set r-h2 down
brief_shows() { rcli "show ip interface brief" | grep -qE "$1"; }
check "a link set down outside shows as administratively down" \
    wait_for 3 brief_shows "^GigabitEthernet2 +198\.51\.100\.1 +YES manual administratively down down"
ip -n "$R" link set r-h2 up
ip -n "$H1" link set h1 down
check "a peer that goes away shows as down/down" \
    wait_for 3 brief_shows "^GigabitEthernet1 +192\.0\.2\.1 +YES manual down +down"
ip -n "$H1" link set h1 up
ip -n "$R" addr del 10.10.10.1/32 dev lo10
check "an address removed outside shows as unassigned" \
    wait_for 3 brief_shows "^Loopback10 +unassigned "
sleep 0.5	# cfgd takes in netlink events within 100 ms
out=$(rpaste <<'EOF'
interface Loopback10
 ip address 10.10.10.1 255.255.255.255
EOF
)
check "configuring the interface again puts the address back" \
    wait_for 3 addr_on lo10 "10.10.10.1/32"
check "the static route is back once its interface is up again" \
    wait_for 5 route_in_kernel

# Bad input: IOS errors, nothing half-applied.
out=$(rpaste <<'EOF'
interface GigabitEthernet9
 ip address 192.0.2.99 255.255.255.0
interface Loopback20
 ip address 192.0.2.50 255.255.255.0
interface LISP0
 ip address 203.0.113.1 255.255.255.0
exit
interface Loopback21
 ip address 10.21.0.1 255.0.255.0
 ip address 10.21.0.0 255.255.255.0
exit
EOF
)
check "a GigabitEthernet that does not exist is refused" \
    has "$out" "^%Invalid interface type and number$"
check "an overlapping address is refused, naming the other interface" \
    has "$out" "^% 192\.0\.2\.0 overlaps with GigabitEthernet1$"
check "an address on LISP0 is refused" \
    has "$out" "^% IP addresses may not be configured on LISP0$"
check "a non-contiguous mask is refused" \
    has "$out" "^Bad mask 0xFF00FF00 for address 10\.21\.0\.1$"
check "a network address is refused" \
    has "$out" "^Bad mask /24 for address 10\.21\.0\.0$"
run=$(rcli "show running-config")
check "the refused interface is not in running-config" \
    hasnt "$run" "GigabitEthernet9"
check "the refused address is not in running-config" \
    hasnt "$run" "192\.0\.2\.50|203\.0\.113\.1 |10\.21\.0\."
sleep 0.3
check "the refused address is not in the kernel" \
    bash -c "! ip -n '$R' -4 -o addr | grep -q '192.0.2.50'"

# Removing configuration removes it from the kernel.
out=$(rpaste <<'EOF'
no ip route 203.0.113.0 255.255.255.0 198.51.100.10
no interface Loopback10
interface GigabitEthernet2
 shutdown
EOF
)
route_gone() { ! ip -n "$R" route show 203.0.113.0/24 | grep -q .; }
check "no ip route removes the kernel route" wait_for 3 route_gone
lo_gone() { ! ip -n "$R" link show lo10 >/dev/null 2>&1; }
check "no interface Loopback10 removes its device" wait_for 3 lo_gone
down() { ! link_up r-h2; }
check "shutdown takes the device down" wait_for 3 down

# The override file <rundir>/interfaces names the devices itself.
ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null
printf '# test\nGigabitEthernet1 r-h2\nGigabitEthernet2 r-h1\n' \
    >"$rd/interfaces"
ip netns exec "$R" "$RC" start --rundir "$rd" >/dev/null
out=$(rcli "show platform interfaces")
check "the override file maps GigabitEthernet1 to the second veth" \
    has "$out" "^GigabitEthernet1 +r-h2 +[0-9]+ +override"
check "the override file maps GigabitEthernet2 to the first veth" \
    has "$out" "^GigabitEthernet2 +r-h1 +[0-9]+ +override"

# The daemons stop cleanly, with no sanitizer report (sanitizer builds).
ip netns exec "$R" "$RC" stop --rundir "$rd" >/dev/null
check "no sanitizer report in the router's logs" \
    bash -c "! grep -rqE 'Sanitizer|runtime error' '$rd/log'"

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "all interface checks passed"
