#!/bin/bash
# A switch segment (scenario D, the vMotion post): two routers switching
# in network namespaces, configured by pasting through the cli.
#
#   H1 .11 ---- Gi1 (VLAN 10)                         (VLAN 10) Gi2 ---- H3 .13
#   HVA [VM .12] -- Gi2 (VLAN 10)  SW1 Gi3 ==trunk== Gi1 SW2
#   H4 .14, .99 -- Gi4 (VLAN 20)    (10,20 tagged)      (VLAN 20) Gi3 ---- H5 .15
#   HVB [ ] ------- Gi5 (VLAN 10)
#
# VLAN 10 is 192.0.2.0/24, VLAN 20 198.51.100.0/24; H4 also has
# 192.0.2.99, which VLAN 10 must not reach.  The VM is a namespace behind
# hypervisor HVA's bridge; it moves to HVB (its link taken off one
# bridge and put on the other, both uplinks staying up, as vMotion does)
# and announces itself with a gratuitous ARP.
#
# What must hold: hosts in a VLAN talk, across the trunk too, with 802.1Q
# tags on it; VLANs are kept apart; show mac address-table lists the MACs
# by VLAN and port in IOS's layout (and with its filters), show vlan brief
# and show interfaces trunk too; after the move the table follows once the
# VM sends a frame; clear mac address-table dynamic address M removes
# exactly that entry; with aging-time 10 idle entries go; bad input gets
# IOS's errors and changes nothing; a restarted router switches on.
#
# Needs root (namespaces).  Runs from the build directory or with
# $abs_top_builddir set.  Checks listed in tests/KNOWN-FAILURES as
# "switch/<id> reason" are expected to fail.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
known=$srcdir/tests/KNOWN-FAILURES
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
for f in "$RC" "$CLI" "$builddir/cfg/cfgd"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null ||
    ! command -v python3 >/dev/null; then
	echo "SKIP: needs root, iproute2 and python3"
	exit 77
fi

p=tsw$$
S1=$p-s1
S2=$p-s2
H1=$p-h1
H3=$p-h3
H4=$p-h4
H5=$p-h5
VM=$p-vm
HVA=$p-hva
HVB=$p-hvb
ALL="$S1 $S2 $H1 $H3 $H4 $H5 $VM $HVA $HVB"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-switch.XXXXXX")
rd1=$tmp/s1
rd2=$tmp/s2

cleanup() {
	ip netns exec "$S1" "$RC" stop --rundir "$rd1" >/dev/null 2>&1 || true
	ip netns exec "$S2" "$RC" stop --rundir "$rd2" >/dev/null 2>&1 || true
	for ns in $ALL; do
		ip netns del "$ns" 2>/dev/null || true
	done
	if [ -n "${SWITCH_KEEP:-}" ]; then
		echo "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

known_prefix=switch
. "$(dirname "$0")/lib.sh"
# check ID SENTENCE COMMAND...: ID names the check in tests/KNOWN-FAILURES.
check() { check_id "$@"; }

s1() { cli "$S1" "$rd1" "$@"; }
s2() { cli "$S2" "$rd2" "$@"; }
# same WANT GOT: exact text; the difference is shown when it fails.
same() {
	if [ "$1" == "$2" ]; then return 0; fi
	diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed 's/^/    /'
	return 1
}
ping_ok() { ip netns exec "$1" ping -c 1 -W 1 -q "$2" >/dev/null 2>&1; }
ping_fails() { ! ip netns exec "$1" ping -c 2 -W 1 -q "$2" >/dev/null 2>&1; }
# The MAC table's rows (no header, no total).
mac_rows() { grep -E '^ {0,3}[0-9]+    [0-9a-f]{4}\.' <<<"$1" || true; }
# block TEXT HEAD: the running-config block under HEAD (with it).
block() {
	awk -v h="$2" '$0 == h { on = 1; print; next }
		on && /^ / { print; next } { on = 0 }' <<<"$1"
}

###########################################################################
# The topology.  Hosts stay silent unless asked (no IPv6), so that the MAC
# tables hold exactly what the test sends.
for ns in $ALL; do
	ip netns add "$ns"
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	    net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
	ip -n "$ns" link set lo up
done
# host NS IFNAME MAC ADDRESS...: a host's link, up, with its addresses.
host() {
	local ns=$1 dev=$2 mac=$3 a
	shift 3
	ip -n "$ns" link set "$dev" address "$mac"
	for a in "$@"; do ip -n "$ns" addr add "$a" dev "$dev"; done
	ip -n "$ns" link set "$dev" up
}
# SW1's ports in GigabitEthernet order, then SW2's.
ip -n "$S1" link add s1-h1 type veth peer name e0 netns "$H1"
ip -n "$S1" link add s1-hva type veth peer name uplink netns "$HVA"
ip -n "$S1" link add s1-tr type veth peer name s2-tr netns "$S2"
ip -n "$S1" link add s1-h4 type veth peer name e0 netns "$H4"
ip -n "$S1" link add s1-hvb type veth peer name uplink netns "$HVB"
ip -n "$S2" link add s2-h3 type veth peer name e0 netns "$H3"
ip -n "$S2" link add s2-h5 type veth peer name e0 netns "$H5"
host "$H1" e0 02:00:00:00:00:11 192.0.2.11/24
host "$H3" e0 02:00:00:00:00:13 192.0.2.13/24
host "$H4" e0 02:00:00:00:00:14 198.51.100.14/24 192.0.2.99/24
host "$H5" e0 02:00:00:00:00:15 198.51.100.15/24
# Two hypervisors with a vSwitch each; the VM's link is on HVA's.
for hv in "$HVA" "$HVB"; do
	ip -n "$hv" link add vswitch type bridge mcast_snooping 0
	ip -n "$hv" link set uplink master vswitch
	ip -n "$hv" link set uplink up
	ip -n "$hv" link set vswitch up
done
ip -n "$VM" link add e0 type veth peer name vm netns "$HVA"
ip -n "$HVA" link set vm master vswitch up
host "$VM" e0 02:00:00:00:00:12 192.0.2.12/24

mkdir -p "$rd1" "$rd2"
ip netns exec "$S1" "$RC" start --rundir "$rd1" >/dev/null
ip netns exec "$S2" "$RC" start --rundir "$rd2" >/dev/null

out=$(paste_out "$S1" "$rd1" <<'EOF'
vlan 10
 name USERS
vlan 20
 name SERVERS
interface GigabitEthernet1
 switchport mode access
 switchport access vlan 10
 no shutdown
interface GigabitEthernet2
 switchport mode access
 switchport access vlan 10
 no shutdown
interface GigabitEthernet3
 switchport trunk allowed vlan 10,20
 switchport mode trunk
 no shutdown
interface GigabitEthernet4
 switchport mode access
 switchport access vlan 20
 no shutdown
interface GigabitEthernet5
 switchport mode access
 switchport access vlan 10
 no shutdown
exit
mac address-table static 0200.0000.00aa vlan 10 interface GigabitEthernet1
mac address-table static 0200.0000.00bb vlan 20 interface GigabitEthernet3
EOF
)
check paste1 "SW1's pasted switching configuration gives no error" \
    hasnt "$out" "^%|^Command rejected|\^"
out=$(paste_out "$S2" "$rd2" <<'EOF'
vlan 10
vlan 20
interface GigabitEthernet1
 switchport mode trunk
 no shutdown
interface GigabitEthernet2
 switchport access vlan 10
 no shutdown
interface GigabitEthernet3
 switchport access vlan 20
 no shutdown
EOF
)
check paste2 "SW2's configuration, pasted the Catalyst way (no bare switchport line), gives no error" \
    hasnt "$out" "^%|^Command rejected|\^"

###########################################################################
# Hosts talk within their VLAN, on one switch and across the trunk.
check ping-local "H1 pings the VM in VLAN 10 on the same switch" \
    wait_for 10 ping_ok "$H1" 192.0.2.12
check ping-trunk "H1 pings H3 in VLAN 10 across the trunk" \
    wait_for 10 ping_ok "$H1" 192.0.2.13
check ping-vm-trunk "the VM pings H3 across the trunk" \
    wait_for 10 ping_ok "$VM" 192.0.2.13
check ping-trunk20 "H4 pings H5 in VLAN 20 across the trunk" \
    wait_for 10 ping_ok "$H4" 198.51.100.15
check isolation "VLAN 10 does not reach a host of VLAN 20 with a VLAN 10 address" \
    ping_fails "$H1" 192.0.2.99

# The frames on the trunk carry their VLAN's 802.1Q tag: a packet socket
# on SW2's side of the trunk reads the tag the kernel took off.
cat >"$tmp/sniff.py" <<'EOF'
import socket, struct, sys, time
dev, secs = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((dev, 0))
s.setsockopt(263, 8, 1)  # SOL_PACKET, PACKET_AUXDATA
s.settimeout(0.2)
end = time.time() + secs
seen = set()
while time.time() < end:
    try:
        data, anc, _, _ = s.recvmsg(65535, socket.CMSG_SPACE(20))
    except socket.timeout:
        continue
    vid = None
    for lvl, typ, c in anc:
        if lvl == 263 and typ == 8 and len(c) >= 20:
            status, _, _, _, _, tci, _ = struct.unpack("IIIHHHH", c[:20])
            if status & (1 << 4):
                vid = tci & 0xfff
    if len(data) >= 14 and data[12:14] == b"\x08\x00":
        mac = data[6:12].hex()
        seen.add("vlan %s from %s.%s.%s" % (vid, mac[0:4], mac[4:8], mac[8:12]))
for l in sorted(seen):
    print(l)
EOF
ip netns exec "$S2" python3 "$tmp/sniff.py" s2-tr 3 >"$tmp/sniff.out" &
sniffer=$!
sleep 0.5
ip netns exec "$H1" ping -c 3 -i 0.2 -q 192.0.2.13 >/dev/null 2>&1 || true
ip netns exec "$H4" ping -c 3 -i 0.2 -q 198.51.100.15 >/dev/null 2>&1 || true
wait "$sniffer" || true
check tag10 "IPv4 frames of VLAN 10 cross the trunk tagged 10" \
    grep -qx "vlan 10 from 0200.0000.0011" "$tmp/sniff.out"
check tag20 "IPv4 frames of VLAN 20 cross the trunk tagged 20" \
    grep -qx "vlan 20 from 0200.0000.0014" "$tmp/sniff.out"

###########################################################################
# The MAC address table, in IOS's layout.
HEAD='          Mac Address Table
-------------------------------------------

Vlan    Mac Address       Type        Ports
----    -----------       --------    -----'
out=$(s1 "show mac address-table")
check mac-table "SW1's show mac address-table lists every host by VLAN and port, and the static entry" \
    same "$HEAD
  10    0200.0000.0011    DYNAMIC     Gi1
  10    0200.0000.0012    DYNAMIC     Gi2
  10    0200.0000.0013    DYNAMIC     Gi3
  10    0200.0000.00aa    STATIC      Gi1
  20    0200.0000.0014    DYNAMIC     Gi4
  20    0200.0000.0015    DYNAMIC     Gi3
  20    0200.0000.00bb    STATIC      Gi3
Total Mac Addresses for this criterion: 7" "$out"
out=$(s2 "show mac address-table")
check mac-table2 "SW2 learns VLAN 10 and 20 hosts of SW1 on its trunk" \
    same "$HEAD
  10    0200.0000.0011    DYNAMIC     Gi1
  10    0200.0000.0012    DYNAMIC     Gi1
  10    0200.0000.0013    DYNAMIC     Gi2
  20    0200.0000.0014    DYNAMIC     Gi1
  20    0200.0000.0015    DYNAMIC     Gi3
Total Mac Addresses for this criterion: 5" "$out"
out=$(s1 "show mac address-table address 0200.0000.0013")
check mac-address "show mac address-table address M prints the header, that row and a total of 1" \
    same "$HEAD
  10    0200.0000.0013    DYNAMIC     Gi3
Total Mac Addresses for this criterion: 1" "$out"
out=$(s1 "show mac address-table dynamic vlan 20")
check mac-dyn-vlan "show mac address-table dynamic vlan 20 lists VLAN 20's learned entries" \
    same "$HEAD
  20    0200.0000.0014    DYNAMIC     Gi4
  20    0200.0000.0015    DYNAMIC     Gi3
Total Mac Addresses for this criterion: 2" "$out"
out=$(s1 "show mac address-table static")
check mac-static "show mac address-table static lists the configured entries only, the trunk's too" \
    same "$HEAD
  10    0200.0000.00aa    STATIC      Gi1
  20    0200.0000.00bb    STATIC      Gi3
Total Mac Addresses for this criterion: 2" "$out"
out=$(s1 "show mac address-table interface GigabitEthernet3")
check mac-interface "show mac address-table interface Gi3 lists what the trunk learned in both VLANs" \
    same "$HEAD
  10    0200.0000.0013    DYNAMIC     Gi3
  20    0200.0000.0015    DYNAMIC     Gi3
  20    0200.0000.00bb    STATIC      Gi3
Total Mac Addresses for this criterion: 3" "$out"
out=$(s1 "show mac address-table | include Gi4")
check mac-filter "output filters apply to show mac address-table" \
    same "  20    0200.0000.0014    DYNAMIC     Gi4" "$out"
out=$(s1 "show mac address-table aging-time")
check aging-show "show mac address-table aging-time shows the default 300 s" \
    same "Global Aging Time:  300
Vlan    Aging Time
----    ----------" "$out"

out=$(s1 "show vlan brief")
check vlan-brief "show vlan brief lists the VLANs with their access ports, trunks left out" \
    same "
VLAN Name                             Status    Ports
---- -------------------------------- --------- -------------------------------
1    default                          active    
10   USERS                            active    Gi1, Gi2, Gi5
20   SERVERS                          active    Gi4
1002 fddi-default                     act/unsup 
1003 token-ring-default               act/unsup 
1004 fddinet-default                  act/unsup 
1005 trnet-default                    act/unsup " "$out"
out=$(s1 "show interfaces trunk")
check trunk "show interfaces trunk shows SW1's trunk in IOS's four sections" \
    same "
Port        Mode             Encapsulation  Status        Native vlan
Gi3         on               802.1q         trunking      1

Port        Vlans allowed on trunk
Gi3         10,20

Port        Vlans allowed and active in management domain
Gi3         10,20

Port        Vlans in spanning tree forwarding state and not pruned
Gi3         10,20" "$out"
out=$(s2 "show interfaces trunk")
check trunk2 "a trunk allowing all VLANs shows 1-4094 allowed and the existing ones active" \
    has "$out" "^Gi1         1-4094$"
check trunk2-active "SW2's trunk is active in VLANs 1, 10 and 20" \
    has "$(sed -n '/allowed and active/,/^$/p' <<<"$out")" "^Gi1         1,10,20$"

run=$(s1 "show running-config")
check run-vlans "running-config has the VLANs as blocks with their names" \
    same "vlan 10
 name USERS
!
vlan 20
 name SERVERS
!" "$(sed -n '/^vlan 10$/,/^interface /p' <<<"$run" | sed '$d')"
check run-trunk "running-config shows the trunk's switchport lines in IOS's order" \
    same "interface GigabitEthernet3
 negotiation auto
 switchport
 switchport trunk allowed vlan 10,20
 switchport mode trunk" "$(block "$run" "interface GigabitEthernet3")"
check run-static "running-config has the static MAC entries" \
    has "$run" "^mac address-table static 0200\.0000\.00aa vlan 10 interface GigabitEthernet1$"
check run-aging-default "the default aging time is not in running-config" \
    hasnt "$run" "aging-time"
check kernel-bridges "each VLAN in use is a Linux bridge in SW1's namespace" \
    bash -c "ip -n $S1 -o link show type bridge | grep -q ' vlbr10:' &&
        ip -n $S1 -o link show type bridge | grep -q ' vlbr20:'"

# The native VLAN crosses the trunk untagged: with native VLAN 10 on both
# ends, VLAN 10 still works and its frames carry no tag.
paste_out "$S1" "$rd1" >/dev/null <<'EOF'
interface GigabitEthernet3
 switchport trunk native vlan 10
EOF
paste_out "$S2" "$rd2" >/dev/null <<'EOF'
interface GigabitEthernet1
 switchport trunk native vlan 10
EOF
sleep 0.5
ip netns exec "$S2" python3 "$tmp/sniff.py" s2-tr 3 >"$tmp/sniff.out" &
sniffer=$!
sleep 0.5
check native-ping "with native VLAN 10, H1 still reaches H3 across the trunk" \
    wait_for 5 ping_ok "$H1" 192.0.2.13
ip netns exec "$H1" ping -c 3 -i 0.2 -q 192.0.2.13 >/dev/null 2>&1 || true
wait "$sniffer" || true
check native-untagged "frames of the native VLAN cross the trunk untagged" \
    grep -qx "vlan None from 0200.0000.0011" "$tmp/sniff.out"
check native-show "show interfaces trunk shows native vlan 10" \
    has "$(s1 "show interfaces trunk")" \
    "^Gi3         on               802\.1q         trunking      10$"
paste_out "$S1" "$rd1" >/dev/null <<'EOF'
interface GigabitEthernet3
 no switchport trunk native vlan
EOF
paste_out "$S2" "$rd2" >/dev/null <<'EOF'
interface GigabitEthernet1
 no switchport trunk native vlan
EOF
check native-back "back to native VLAN 1, VLAN 10 crosses tagged again" \
    wait_for 5 ping_ok "$H1" 192.0.2.13

###########################################################################
# The VM moves to HVB: HVA's uplink stays up, so SW1 still points at Gi2
# until the VM sends a frame; its gratuitous ARP moves the entry to Gi5.
ip -n "$HVA" link set vm netns "$HVB"
ip -n "$HVB" link set vm master vswitch up
sleep 0.5
out=$(s1 "show mac address-table address 0200.0000.0012")
check move-stale "before the VM speaks, SW1 still has it on the old port" \
    has "$out" "^  10    0200\.0000\.0012    DYNAMIC     Gi2$"
if command -v arping >/dev/null; then
	ip netns exec "$VM" arping -q -U -c 2 -w 2 -I e0 192.0.2.12 || true
else
	# Without iputils-arping: the same gratuitous ARP by hand.
	ip netns exec "$VM" python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("e0", 0))
mac = bytes.fromhex("020000000012")
ip = socket.inet_aton("192.0.2.12")
arp = b"\x00\x01\x08\x00\x06\x04\x00\x01" + mac + ip + b"\x00" * 6 + ip
s.send(b"\xff" * 6 + mac + b"\x08\x06" + arp)
EOF
fi
moved() {
	has "$(s1 "show mac address-table address 0200.0000.0012")" \
	    "^  10    0200\.0000\.0012    DYNAMIC     Gi5$"
}
check move-garp "after the VM's gratuitous ARP, SW1 has it on the new port" \
    wait_for 5 moved
check move-ping "H1 reaches the VM at its new place" ping_ok "$H1" 192.0.2.12

# clear mac address-table dynamic address M removes exactly that entry.
before=$(mac_rows "$(s1 "show mac address-table")")
out=$(s1 "clear mac address-table dynamic address 0200.0000.0011")
check clear-quiet "clear mac address-table dynamic prints nothing" same "" "$out"
after=$(mac_rows "$(s1 "show mac address-table")")
check clear-address "clear ... address 0200.0000.0011 removes that entry and no other" \
    same "$(grep -v '0200\.0000\.0011    DYNAMIC' <<<"$before")" "$after"
s1 "clear mac address-table dynamic interface GigabitEthernet3" >/dev/null
after2=$(mac_rows "$(s1 "show mac address-table")")
check clear-interface "clear ... interface Gi3 removes what the trunk learned, in both VLANs" \
    same "$(grep -v 'DYNAMIC     Gi3$' <<<"$after")" "$after2"
s1 "clear mac address-table dynamic vlan 20" >/dev/null
check clear-vlan "clear ... vlan 20 empties VLAN 20 of its learned entries only" \
    same "$(grep -v '^  20 .*DYNAMIC' <<<"$after2")" \
    "$(mac_rows "$(s1 "show mac address-table")")"
s1 "clear mac address-table dynamic" >/dev/null
check clear-all "clear mac address-table dynamic leaves the static entries only" \
    same "  10    0200.0000.00aa    STATIC      Gi1
  20    0200.0000.00bb    STATIC      Gi3" \
    "$(mac_rows "$(s1 "show mac address-table")")"

# Aging: with aging-time 10, idle entries go; the static one stays.
ping_ok "$H1" 192.0.2.12 || true
ping_ok "$H4" 198.51.100.15 || true
out=$(printf 'mac address-table aging-time 10\n' | paste_out "$S1" "$rd1")
check aging-set "mac address-table aging-time 10 is accepted" \
    hasnt "$out" "^%|\^"
check aging-run "running-config has mac address-table aging-time 10" \
    has "$(s1 "show running-config")" "^mac address-table aging-time 10$"
check aging-show10 "show mac address-table aging-time shows 10" \
    has "$(s1 "show mac address-table aging-time")" "^Global Aging Time:   10$"
ageing_cs() {
	ip -n "$S1" -d link show vlbr10 | grep -q "ageing_time 1000 "
}
check aging-kernel "the bridges age entries after 10 s (ageing_time 1000)" \
    wait_for 3 ageing_cs
learned() {
	[ -n "$(grep DYNAMIC <<<"$(s1 "show mac address-table")")" ]
}
check aging-learned "entries are learned before they age" learned
aged() { ! learned; }
check aging-gone "idle dynamic entries are gone within 40 s" wait_for 40 aged
check aging-static "the static entry does not age" \
    has "$(s1 "show mac address-table")" "0200\.0000\.00aa    STATIC      Gi1$"
s1 "configure terminal" "mac address-table aging-time 20 vlan 20" \
    "no mac address-table aging-time" "end" >/dev/null
check aging-vlan "a per-VLAN aging time shows under its VLAN" \
    same "Global Aging Time:  300
Vlan    Aging Time
----    ----------
  20      20" "$(s1 "show mac address-table aging-time")"

###########################################################################
# Bad input: IOS's errors, nothing changed.
run_before=$(s1 "show running-config" | sed -e '/^! Last configuration/d' \
    -e '/^Current configuration/d')
out=$(paste_out "$S1" "$rd1" <<'EOF'
vlan 4095
vlan 10,abc
no vlan 1
vlan 1002
vlan 1
 name OTHER
exit
interface GigabitEthernet1
 switchport access vlan 4095
interface GigabitEthernet3
 switchport trunk allowed vlan 10,5000
exit
mac address-table aging-time 5
mac address-table static 0100.5e00.0001 vlan 10 interface GigabitEthernet1
EOF
)
check bad-vlan-range "vlan 4095 gets IOS's range error" \
    has "$out" "^Command rejected: Bad VLAN list - character #5 \(EOL\) delimits a VLAN$"
check bad-vlan-range2 "the range error's second line" \
    has "$out" "^number which is out of the range 1\.\.4094\.$"
check bad-vlan-char "a letter in a VLAN list gets IOS's non-numeric error" \
    has "$out" "^Command rejected: Bad VLAN list - character #4 is a non-numeric$"
check bad-no-vlan1 "no vlan 1 is refused" \
    has "$out" "^%Default VLAN 1 may not be deleted\.$"
check bad-vlan1002 "vlan 1002 is refused" \
    has "$out" "^%Default VLAN 1002 may not have its name changed\.$"
check bad-name1 "VLAN 1 cannot be renamed" \
    has "$out" "^%Default VLAN 1 may not have its name changed\.$"
check bad-access "switchport access vlan 4095 gets the caret" \
    has "$out" "^% Invalid input detected at '\^' marker\.$"
check bad-allowed "an allowed list with 5000 is refused with the range error" \
    has "$out" "^Command rejected: Bad VLAN list - character #8 \(EOL\) delimits a VLAN$"
check bad-multicast "a multicast static entry is refused" \
    has "$out" "^% Only unicast addresses can be configured with interface$"
run_after=$(s1 "show running-config" | sed -e '/^! Last configuration/d' \
    -e '/^Current configuration/d')
check bad-unchanged "none of the bad lines changed running-config" \
    same "$run_before" "$run_after"

out=$(paste_out "$S1" "$rd1" <<'EOF'
interface Loopback0
 ip address 203.0.113.1 255.255.255.255
 switchport
EOF
)
check bad-loopback "switchport on a Loopback is refused" \
    has "$out" "^Command rejected: Loopback0 is not a switchable interface\.$"
check bad-loopback-kept "the Loopback keeps its address" \
    has "$(s1 "show running-config interface Loopback0")" \
    "^ ip address 203\.0\.113\.1 255\.255\.255\.255$"
out=$(paste_out "$S1" "$rd1" <<'EOF'
interface GigabitEthernet4
 ip address 198.51.100.1 255.255.255.0
EOF
)
check ip-on-l2 "an IP address on a switchport gets IOS's L2 error" \
    has "$out" "^% IP addresses may not be configured on L2 links\.$"

###########################################################################
# Routed and switched: a switchport loses its IP configuration; no
# switchport makes it a routed port again.
paste_out "$S1" "$rd1" >/dev/null <<'EOF'
interface GigabitEthernet5
 no switchport
 ip address 203.0.113.129 255.255.255.192
EOF
master_of() { ip -n "$S1" -o link show dev "$1" | grep -o 'master [^ ]*' || true; }
routed() {
	[ -z "$(master_of s1-hvb)" ] &&
	    ip -n "$S1" -4 -o addr show dev s1-hvb | grep -q 203.0.113.129/26
}
check routed "no switchport takes the port out of its bridge; its address is in the kernel" \
    wait_for 3 routed
check routed-run "a routed port's block has no switchport line" \
    hasnt "$(s1 "show running-config interface GigabitEthernet5")" "switchport"
paste_out "$S1" "$rd1" >/dev/null <<'EOF'
interface GigabitEthernet5
 switchport access vlan 10
EOF
switched() {
	[ "$(master_of s1-hvb)" = "master vlbr10" ] &&
	    ! ip -n "$S1" -4 -o addr show dev s1-hvb | grep -q 203.0.113.129
}
check switched "a switchport command makes it a switchport again, without its address" \
    wait_for 3 switched
out=$(s1 "show running-config interface GigabitEthernet5")
check switched-run "the block has the switchport lines and no ip address" \
    same "interface GigabitEthernet5
 negotiation auto
 switchport
 switchport access vlan 10" "$(block "$out" "interface GigabitEthernet5")"

# A VLAN deleted: its access ports are inactive, its bridge goes.
paste_out "$S1" "$rd1" >/dev/null <<<"no vlan 20"
no_br20() { ! ip -n "$S1" -o link show vlbr20 >/dev/null 2>&1; }
check vlan-deleted "no vlan 20 deletes VLAN 20's bridge" wait_for 3 no_br20
check vlan-deleted-brief "and show vlan brief no longer lists it" \
    hasnt "$(s1 "show vlan brief")" "^20 "
check vlan-deleted-kept "the port keeps its switchport access vlan 20 line" \
    has "$(s1 "show running-config interface GigabitEthernet4")" \
    "^ switchport access vlan 20$"
paste_out "$S1" "$rd1" >/dev/null <<<"vlan 20"

# A restarted router switches on (the kernel keeps forwarding meanwhile,
# and cfgd takes its bridges back).
out=$(s1 "write memory")
check write "write memory saves the switching configuration" has "$out" "^\[OK\]$"
ip netns exec "$S1" "$RC" restart --rundir "$rd1" >/dev/null
check restart-ping "after SW1 restarts, H4 still reaches H5 across the trunk" \
    wait_for 10 ping_ok "$H4" 198.51.100.15
check restart-table "and SW1's MAC table shows H5 on the trunk" \
    has "$(s1 "show mac address-table vlan 20")" \
    "^  20    0200\.0000\.0015    DYNAMIC     Gi3$"

# A port that an earlier run switched and that startup-config now routes
# loses what that run put on it (the tag classifier).
ip netns exec "$S1" "$RC" stop --rundir "$rd1" >/dev/null
sed -i '/^interface GigabitEthernet3$/,/^!/{/switchport/d}' "$rd1/startup-config"
ip netns exec "$S1" "$RC" start --rundir "$rd1" >/dev/null
no_classifier() {
	! tc -n "$S1" qdisc show dev s1-tr 2>/dev/null | grep -q clsact
}
check restart-routed "after a restart, a port routed in startup-config has no tag classifier left" \
    wait_for 5 no_classifier
check restart-routed-helpers "and its VLAN helpers are gone" \
    bash -c "! ip -n $S1 -o link show | grep -q ' gi3v'"

# Sanitizer builds: nothing reported by the daemons, which report leaks
# when they stop.
ip netns exec "$S1" "$RC" stop --rundir "$rd1" >/dev/null 2>&1 || true
ip netns exec "$S2" "$RC" stop --rundir "$rd2" >/dev/null 2>&1 || true
# san_scan: counts sanitizer reports under $tmp as "LIBEVENT OTHER".
# LIBEVENT are LeakSanitizer reports whose every frame is in libevent (a
# connection a daemon freed with a deferred callback queued, stopped just
# as its peer went away; ipc_base_free releases it); OTHER is the rest.
san_scan() {
	find "$tmp" -type f -print0 | xargs -0 -r awk '
		/==[0-9]+==ERROR: / { inb = 1; lsan = /LeakSanitizer/; other = 0; next }
		inb && /^ *#[0-9]+ / { if ($0 !~ /asan_malloc_linux|libevent/) other = 1 }
		inb && /^SUMMARY: / { inb = 0; if (lsan && !other) k++; else u++ }
		/runtime error:/ { u++ }
		END { print k + 0, u + 0 }'
}
if grep -q __asan_init "$builddir/cfg/cfgd"; then
	read -r san_known san_unknown < <(san_scan)
	check no-sanitizer-report "no sanitizer report in any daemon's log" \
	    [ "$san_unknown" -eq 0 ]
	[ "$san_unknown" -eq 0 ] || grep -rlE 'Sanitizer|runtime error:' "$tmp" >&2
	check cfgd-stop-leak "no daemon leaks a connection when the router is stopped" \
	    [ "$san_known" -eq 0 ]
else
	echo "skip: no sanitizer report in any daemon's log (not a sanitizer build)"
fi

if [ "$fails" -gt 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
exit 0
