#!/bin/bash
# VM mobility with dynamic EIDs and a proxy xTR: scenarios A and B of
# SCENARIOS.md on the shipped seed lab (routerctl lab up lab/seed.lab:
# CSR_1 xTR + map-server/resolver + PxTR, CSR_3 xTR with use-petr, R2 a
# plain branch router, H2 behind it, the VM on the DC or the cloud LAN),
# configured only through the routers' shells.
#
# What must hold: the VM is detected where it lives (its ARP for the
# gateway, or its gratuitous ARP after a warm move), registered as a /32
# dynamic EID, and every show command tells that story (database,
# forwarding eid local, dynamic-eid summary and detail, lisp site, lig on
# both sides); it moves to the cloud and back ten times in a row, warm
# (same gateway MAC, caches kept, a TCP connection from H2 stays up) and
# cold (it ARPs for its gateway as after a boot), and after each move the
# branch reaches it and lig follows; IOS's ping from CSR_1's Loopback10 and
# from R2's branch address succeed; faults converge without manual action:
# the VM moves while lispd on the old site restarts (both directions), a
# change to the mobility interface's configuration keeps the VM detected,
# an away VM stays away (found again by a neighbour dump, or learnt by a
# restarted old site, and a reconfiguration after), a Map-Notify is lost,
# the map-server restarts; tshark decodes all LISP on
# the WAN with nothing malformed; a stale ITR (a script on the WAN) gets a
# Solicit-Map-Request, and an xTR sent one asks again (SMR-invoked).
#
# Needs root (namespaces).  Runs from the build directory or with
# $abs_top_builddir set.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
RC=$builddir/platform/routerctl
. "$(dirname "$0")/lib.sh"
need_built platform/routerctl cli/cli cfg/cfgd lispd/lispd cli/vtyd
need_netns ssh-keygen arping python3 tc

L=mob$$
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-mobility.XXXXXX")
chmod 755 "$tmp"
export LISPROUTER_LAB_DIR=$tmp/state
TSHARK_PID=
TCP_PIDS=()
lab() { "$RC" lab --name "$L" "$@"; }

cleanup() {
	local p
	[ -n "$TSHARK_PID" ] && kill "$TSHARK_PID" 2>/dev/null || true
	for p in "${TCP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	lab down >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

known_prefix=mobility

hasz() { printf '%s\n' "$1" | grep -Pzq -- "(?m)$2"; }
# r ROUTER CMD...: each CMD at the router's privileged prompt.
r() {
	local who=$1 args=() c
	shift
	for c in "$@"; do args+=(-c "$c"); done
	lab shell "$who" "${args[@]}" 2>&1 || true
}
ex() { lab exec "$@"; }
# within SECONDS CMD...: CMD until it succeeds, bounded in time (CMD may
# itself take a while: lig waits for its reply).
within() {
	local end=$(($(date +%s%N) / 1000000 + $1 * 1000))
	shift
	while :; do
		if "$@"; then return 0; fi
		[ "$(($(date +%s%N) / 1000000))" -lt "$end" ] || return 1
		sleep 0.1
	done
}
times() { sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/g; s/[0-9]+d[0-9]+h/TIME/g'; }

t0=$(date +%s)
up() { lab up "$srcdir/lab/seed.lab" >"$tmp/up.out" 2>&1 || { cat "$tmp/up.out"; false; }; }
check "the seed lab comes up, configured through the routers' shells" up
check "no configuration line was refused" \
    bash -c "! grep -q 'refused' '$tmp/up.out'"

wan_capture "$L-hub"

# The VM boots on the DC LAN: it ARPs for its gateway.
ex VM ping -c1 -W1 10.1.1.1 >/dev/null 2>&1 || true
in_db() { has "$(r "$1" "show ip lisp database")" "^10\\.1\\.1\\.10/32, dynamic-eid"; }
not_in_db() { ! in_db "$1"; }
check "CSR_1 detects the VM on its LAN and lists it as a dynamic EID" \
    wait_for 5 in_db CSR_1
reg_by() { has "$(r CSR_1 "show lisp site")" "^ {15}[0-9:]+ +yes  $1 +10\\.1\\.1\\.10/32$"; }
check "the VM's /32 is registered with the map-server by CSR_1" \
    wait_for 5 reg_by 198.51.100.1

# --- before the move: the shows of the seed ----------------------------------
db=$(r CSR_1 "show ip lisp database")
check "show ip lisp database on CSR_1: header with 2 entries" has "$db" \
    '^LISP ETR IPv4 Mapping Database for EID-table default \(IID 0\), LSBs: 0x1, 2 entries$'
check "show ip lisp database on CSR_1: the VM as the seed shows it" hasz "$db" \
    '^10\.1\.1\.10/32, dynamic-eid Cloud-dyn, locator-set DC1\n  Locator       Pri/Wgt  Source     State\n  198\.51\.100\.1   1/100   cfg-addr   site-self, reachable$'
fw=$(r CSR_1 "show ip lisp forwarding eid local")
check "show ip lisp forwarding eid local on CSR_1 lists the VM and the loopback prefix" \
    [ "$fw" = $'Prefix\n10.1.1.10/32\n10.10.10.0/24' ]
sum=$(r CSR_1 "show ip lisp dynamic-eid summary" | times)
check "show ip lisp dynamic-eid summary on CSR_1: the VM on Gi2" hasz "$sum" \
    '^Dyn-EID Name         Dynamic-EID             Interface     Uptime    Last      Pending\n {69}Packet    Ping Count\nCloud-dyn            10\.1\.1\.10               Gi2           TIME  TIME  0$'
det=$(r CSR_1 "show lisp eid-table default dynamic-eid detail" | times)
check "show lisp eid-table default dynamic-eid detail on CSR_1" hasz "$det" \
    '^LISP Dynamic EID Information for VRF "default"\n\nDynamic-EID name: Cloud-dyn\n  Database-mapping EID-prefix: 10\.1\.1\.0/24, locator-set DC1\n  Registering more-specific dynamic-EIDs\n  Map-Server\(s\): none configured, use global Map-Server\n  Site-based multicast Map-Notify group: none configured\n  Number of roaming dynamic-EIDs discovered: 1\n  Last dynamic-EID discovered: 10\.1\.1\.10, TIME ago\n    10\.1\.1\.10, GigabitEthernet2, uptime: TIME\n      last activity: TIME, discovered by: Packet Reception$'
det2=$(r CSR_1 "show lisp dynamic-eid detail" | times)
check "show lisp dynamic-eid detail prints the same block" [ "$det" = "$det2" ]
lig_at() {	# ROUTER RLOC: lig 10.1.1.10 answers with that locator
	has "$(r "$1" "lig 10.1.1.10 count 1")" "^  $2 +[0-9:]+ +up"
}
check "lig 10.1.1.10 on CSR_3 answers with locator 198.51.100.1" \
    lig_at CSR_3 198.51.100.1
lig3=$(r CSR_3 "lig 10.1.1.10" | times)
check "lig on CSR_3: IOS's mapping lines" hasz "$lig3" \
    '^Mapping information for EID 10\.1\.1\.10 from 198\.51\.100\.1 with RTT [0-9]+ msecs\n10\.1\.1\.10/32, uptime: TIME, expires: TIME, via map-reply, complete$'

h2_reaches() { ex H2 ping -c1 -W1 10.1.1.10 >/dev/null 2>&1; }
check "H2 reaches the VM in the DC" within 5 h2_reaches
ping_ok() {	# ROUTER PINGCMD: IOS's 100 percent success line
	has "$(r "$1" "$2")" '^Success rate is 100 percent \(5/5\), round-trip'
}
r CSR_1 "ping 10.1.1.10 source loopback 10" >/dev/null
check "ping 10.1.1.10 source loopback 10 on CSR_1: 100 percent (VM in the DC)" \
    ping_ok CSR_1 "ping 10.1.1.10 source loopback 10"
check "ping 10.1.1.10 source 172.16.2.1 on R2: 100 percent (VM in the DC)" \
    ping_ok R2 "ping 10.1.1.10 source 172.16.2.1"

# --- a TCP connection from H2 to the VM across the warm moves ------------------
ex VM python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.1.1.10", 5001)); s.listen(1); c, _ = s.accept()
f = c.makefile("rwb", 0)
for line in f:
    f.write(line)
' >/dev/null 2>&1 &
TCP_PIDS+=($!)
sleep 0.3
ex H2 python3 -c '
import socket, sys, time
c = socket.create_connection(("10.1.1.10", 5001), timeout=5)
c.settimeout(20)
f = c.makefile("rwb", 0)
n, gap, last = 0, 0.0, time.monotonic()
out = sys.argv[1]
try:
    while True:
        f.write(b"%d\n" % n)
        if int(f.readline()) != n:
            raise ValueError("bad echo")
        now = time.monotonic()
        gap = max(gap, now - last)
        last = now
        n += 1
        with open(out + ".tmp", "w") as o:
            o.write("%d %d\n" % (n, gap * 1000))
        import os; os.replace(out + ".tmp", out)
        time.sleep(0.02)
except Exception as e:
    with open(out, "w") as o:
        o.write("BROKEN %s\n" % e)
' "$tmp/tcp.state" >/dev/null 2>&1 &
TCP_PIDS+=($!)
tcp_count() { awk '$1 ~ /^[0-9]+$/ { print $1; exit }' "$tmp/tcp.state" 2>/dev/null || echo 0; }
tcp_moving() {	# the counter passed $1
	local n
	n=$(tcp_count)
	[ -n "$n" ] && [ "$n" -gt "$1" ]
}
check "the TCP connection from H2 to the VM exchanges its counter" \
    wait_for 5 tcp_moving 5

# --- ten round trips: five warm (TCP up throughout), five cold --------------
# at SITE: the VM lives there (database, map-server, lig on both sides,
# the branch reaches it).
owner_of() { case $1 in cloud) echo 198.51.100.3 ;; *) echo 198.51.100.1 ;; esac; }
at() {
	local site=$1 rloc
	rloc=$(owner_of "$1")
	why=""
	if [ "$site" = cloud ]; then
		in_db CSR_3 || why="not in CSR_3's database"
		[ -n "$why" ] || not_in_db CSR_1 || why="still in CSR_1's database"
	else
		in_db CSR_1 || why="not in CSR_1's database"
		[ -n "$why" ] || not_in_db CSR_3 || why="still in CSR_3's database"
	fi
	[ -n "$why" ] || reg_by "$rloc" || why="not registered by $rloc"
	[ -n "$why" ] || lig_at CSR_3 "$rloc" || why="lig on CSR_3 does not say $rloc"
	[ -n "$why" ] || lig_at CSR_1 "$rloc" || why="lig on CSR_1 does not say $rloc"
	[ -n "$why" ] || h2_reaches || why="H2 does not reach the VM"
	[ -z "$why" ]
}
# within_at SECONDS SITE: at SITE within the time, else say why not.
within_at() {
	within "$1" at "$2" && return 0
	echo "info: the VM is not found at $2: $why" >&2
	return 1
}
move_ok=0 move_bad=0
move() {	# SITE MODE
	local mode=$2
	lab move-vm "$1" "--$mode" >/dev/null
	if within_at 8 "$1"; then move_ok=$((move_ok + 1)); else
		fail "$mode move to $1 (round trip $i): the VM is not found there"
		move_bad=$((move_bad + 1))
	fi
}
for i in 1 2 3 4 5; do
	move cloud warm
	if [ "$i" = 1 ]; then
		# After the first move, the seed's views from both sides.
		db3=$(r CSR_3 "show ip lisp database")
		check "show ip lisp database on CSR_3: the VM with CSR_3's locator" hasz "$db3" \
		    '^10\.1\.1\.10/32, dynamic-eid Cloud-dyn, locator-set CLOUD\n  Locator       Pri/Wgt  Source     State\n  198\.51\.100\.3   1/100   cfg-addr   site-self, reachable$'
		fw1=$(r CSR_1 "show ip lisp forwarding eid local")
		check "show ip lisp forwarding eid local on CSR_1 no longer lists the VM" \
		    [ "$fw1" = $'Prefix\n10.10.10.0/24' ]
		site=$(r CSR_1 "show lisp site 10.1.1.10")
		check "show lisp site 10.1.1.10: a dynamic more-specific registered by CSR_3" \
		    hasz "$site" '^  EID-prefix: 10\.1\.1\.10/32\n(.*\n){3}    Origin:               Dynamic, more specific of 10\.1\.1\.0/24$'
		mc1=$(r CSR_1 "show ip lisp map-cache" | times)
		check "CSR_1's map-cache sends the VM to CSR_3" hasz "$mc1" \
		    '^10\.1\.1\.10/32, uptime: TIME, expires: TIME, via map-reply, complete\n  Locator       Uptime    State      Pri/Wgt\n  198\.51\.100\.3  TIME  up          1/100$'
		check "CSR_1's map-cache has the dynamic-EID prefix as IOS shows it" hasz "$mc1" \
		    '^10\.1\.1\.0/24, uptime: TIME, expires: never, via dynamic-EID, send-map-request\n  Negative cache entry, action: send-map-request$'
		sip=$(r CSR_1 "show ip lisp")
		check "show ip lisp on CSR_1: one away entry" has "$sip" \
		    '^    Inactive \(deconfig/away\) size:     1$'
		r CSR_1 "ping 10.1.1.10 source loopback 10" >/dev/null
		check "ping 10.1.1.10 source loopback 10 on CSR_1: 100 percent (VM in the cloud)" \
		    ping_ok CSR_1 "ping 10.1.1.10 source loopback 10"
		check "ping 10.1.1.10 source 172.16.2.1 on R2: 100 percent (VM in the cloud)" \
		    ping_ok R2 "ping 10.1.1.10 source 172.16.2.1"
		sum3=$(r CSR_3 "show ip lisp dynamic-eid summary" | times)
		check "show ip lisp dynamic-eid summary on CSR_3 lists the VM" has "$sum3" \
		    '^Cloud-dyn            10\.1\.1\.10               Gi2           TIME  TIME  0$'
	fi
	move dc warm
done
n0=$(tcp_count)
check "the TCP connection survived five warm round trips ($(cat "$tmp/tcp.state"))" \
    wait_for 5 tcp_moving "${n0:-0}"
echo "info: TCP across warm moves: $(cat "$tmp/tcp.state") (count, longest gap ms)"
for p in "${TCP_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
TCP_PIDS=()
for i in 6 7 8 9 10; do
	move cloud cold
	move dc cold
done
check "20 moves in a row: the VM found where it went each time ($move_ok ok)" \
    [ "$move_bad" = 0 ]
check "ping 10.1.1.10 source 172.16.2.1 on R2 after the round trips: 100 percent" \
    ping_ok R2 "ping 10.1.1.10 source 172.16.2.1"

# --- faults ----------------------------------------------------------------
kill_lispd() {
	local p
	for p in $(ip netns pids "$L-$1"); do
		if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = lispd ]; then
			kill -9 "$p"
		fi
	done
}
stays() {	# SITE: still there a few seconds later (nothing takes it back)
	sleep 3
	at "$1"
}
# The VM leaves the DC while CSR_1's lispd (the old site, also the
# map-server) restarts.
kill_lispd CSR_1
lab move-vm cloud --cold >/dev/null
check "fault: the VM moves to the cloud while the old site's lispd restarts; it converges" \
    within_at 10 cloud
check "fault: the restarted old site does not take the VM back" stays cloud
# And back while CSR_3's lispd restarts.
kill_lispd CSR_3
lab move-vm dc --warm >/dev/null
check "fault: the VM moves back while CSR_3's lispd restarts; it converges" \
    within_at 10 dc
check "fault: the restarted CSR_3 does not take the VM back" stays dc
# A change to the configuration of the mobility interface (it carries
# mac-address) keeps what the interface knows of its LAN: the VM stays
# detected and registered without a word from it.
r CSR_1 "configure terminal" "interface GigabitEthernet2" \
    "description DC LAN" "end" >/dev/null
check "a description on CSR_1's mobility interface keeps the VM detected there" \
    stays dc

# An away host stays away.
away_is() {	# ROUTER N: show ip lisp counts N away entries
	has "$(r "$1" "show ip lisp")" "^    Inactive \\(deconfig/away\\) size: +$2\$"
}
# reconf N: a configuration change on CSR_1 (lispd applies it all again
# and dumps its LAN's neighbour table).
reconf() {
	r CSR_1 "configure terminal" "interface Loopback10" \
	    "description away-test-$1" "end" >/dev/null
	wait_for 5 described "$1"
}
described() {
	has "$(r CSR_1 "show running-config interface Loopback10")" \
	    "description away-test-$1"
}
# stays_away: a few seconds later CSR_1 still counts the VM as away and
# it is still found in the cloud.
stays_away() {
	sleep 3
	away_is CSR_1 1 && at cloud
}
# The neighbour dump (after a netlink overrun, or at a reconfiguration)
# finds an entry for the away VM that is no sign of life: one in PROBE (the
# kernel's own asking, with a long retransmit time so that it is still
# there at the dump).  lispd probes it; the VM is in the cloud, does not
# answer, and stays away.
lab move-vm cloud --warm >/dev/null
check "fault: the VM moves to the cloud again" within_at 8 cloud
check "fault: CSR_1 counts the VM as away (one away entry)" \
    wait_for 5 away_is CSR_1 1
ex CSR_1 sysctl -qw net.ipv4.neigh.gi2.retrans_time_ms=5000
ex CSR_1 ip neigh replace 10.1.1.10 lladdr 02:00:5e:00:53:0a dev gi2 nud probe
check "fault: a configuration change on CSR_1 is taken" reconf 1
probe_over() { ! has "$(ex CSR_1 ip neigh show 10.1.1.10 dev gi2)" 'PROBE|DELAY'; }
wait_for 20 probe_over || true
check "fault: an away VM found in CSR_1's neighbour dump and not answering stays away" \
    stays_away
check "fault: ... and CSR_1 still routes its /32 into lisp0" \
    has "$(ex CSR_1 ip route show 10.1.1.10/32)" 'dev lisp0'
lab move-vm dc --warm >/dev/null
check "fault: the away VM's return to the DC is seen all the same" \
    within_at 8 dc
# CSR_1's lispd restarts with an empty neighbour table on its LAN (nothing
# to verify) and the VM moves: the map-server's Map-Notify is about a host
# the restarted lispd never saw.  It is away all the same, also after a
# reconfiguration.
kill_lispd CSR_1
ex CSR_1 ip neigh flush dev gi2
lab move-vm cloud --cold >/dev/null
check "fault: the VM moves to the cloud while CSR_1 restarts with no neighbour entry; it converges" \
    within_at 10 cloud
check "fault: the restarted CSR_1 counts the VM as away (one away entry)" \
    wait_for 5 away_is CSR_1 1
check "fault: another configuration change on CSR_1 is taken" reconf 2
check "fault: after it, the restarted CSR_1 still counts the VM as away" \
    stays_away
lab move-vm dc --warm >/dev/null
check "fault: and the VM back in the DC is found there" within_at 8 dc

# A lost Map-Notify: the first one that reaches CSR_3 (the map-server's
# "you lost 10.1.1.10" when the VM comes back to the DC) is dropped.
lab move-vm cloud --warm >/dev/null
within_at 8 cloud || true
# A classic BPF filter in direct-action mode (this kernel has cls_bpf
# but no gact): IPv4, UDP to 4342, LISP type 4; offsets count the
# Ethernet header, which cls_bpf sees at ingress too.
ex CSR_3 tc qdisc add dev gi1 clsact
ex CSR_3 tc filter add dev gi1 ingress protocol ip prio 1 bpf da bytecode \
    '9,48 0 0 23,21 0 6 17,40 0 0 36,21 0 4 4342,48 0 0 42,84 0 0 240,21 0 1 64,6 0 0 2,6 0 0 0'
dropped() { has "$(ex CSR_3 tc -s qdisc show dev gi1 ingress)" 'dropped [1-9]'; }
lab move-vm dc --warm >/dev/null
check "fault: a Map-Notify to CSR_3 is dropped" wait_for 5 dropped
ex CSR_3 tc qdisc del dev gi1 clsact
check "fault: with the Map-Notify lost, CSR_3 still learns the VM is away" \
    within_at 5 dc

# The map-server restarts with the VM in the cloud: registrations and the
# proxy ITR's path come back on their own.
lab move-vm cloud --cold >/dev/null
within_at 8 cloud || true
kill_lispd CSR_1
back() { has "$(r CSR_1 "show ip lisp")" "Map Server"; }
wait_for 5 back || true
check "fault: after a map-server restart the branch reaches the VM in the cloud" \
    within 5 h2_reaches
check "fault: the restarted map-server still has CSR_3's registration" \
    reg_by 198.51.100.3
check "fault: lig from both sides after the map-server restart" \
    within_at 5 cloud
# Solicit-Map-Request: an ITR (played by a script on the WAN at
# 198.51.100.9) still encapsulates traffic for the VM to CSR_1 after the VM
# went to the cloud.  CSR_1 forwards it (re-encapsulated to CSR_3) and
# answers the ITR with an SMR for 10.1.1.10/32.
ip -n "$L-hub" addr add 198.51.100.9/24 dev br-wan
cat >"$tmp/smr.py" <<'PY'
import socket, struct, sys, time

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff

def ip4(a):
    return socket.inet_aton(a)

mode, rloc = sys.argv[1], sys.argv[2]
ctl = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ctl.bind(("198.51.100.9", 4342))
ctl.settimeout(0.5)
if mode == "data":
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0x4d4f, 1) + b"mobility-smr"
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 1, 0, 64,
        1, 0, ip4("172.16.2.10"), ip4("10.1.1.10"))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    pkt = struct.pack("!BBBBI", 0x80, 0x12, 0x34, 0x56, 0) + hdr + icmp
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    out.bind(("198.51.100.9", 0))
    end = time.time() + 4
    while time.time() < end:
        out.sendto(pkt, (rloc, 4341))
        try:
            m = ctl.recv(2048)
        except socket.timeout:
            continue
        # Map-Request (type 1) with the S bit, for 10.1.1.10/32.
        if m[0] == 0x11 and ip4("10.1.1.10") in m:
            print("SMR")
            break
elif mode == "register":
    # A Map-Register for 10.1.1.10/32 from 198.51.100.9 (HMAC-SHA-1 with
    # the site's key): a late registration from a site the VM has left.
    import hashlib, hmac
    rec = struct.pack("!IBBBBHH4s", 1440, 1, 32, 0x10, 0, 0, 1,
        ip4("10.1.1.10"))
    rec += struct.pack("!BBBBHH4s", 1, 100, 255, 0, 1, 1, ip4("198.51.100.9"))
    head = struct.pack("!BBBBQBBH", 0x30, 0, 0, 1, 0x5151, 0, 1, 20)
    msg = head + b"\0" * 20 + rec
    mac = hmac.new(b"s3cr3t", msg, hashlib.sha1).digest()
    ctl.sendto(head + mac + rec, (rloc, 4342))
    print("sent")
else:
    # An SMR for 10.1.1.10/32 to the ITR at rloc.
    nonce = 0x1122334455667788
    msg = struct.pack("!BBBBQ", 0x11, 0, 0, 1, nonce)
    msg += struct.pack("!H4s", 1, ip4("10.1.1.10"))   # source EID
    msg += struct.pack("!H4s", 1, ip4("198.51.100.9"))  # ITR-RLOC
    msg += struct.pack("!BBH4s", 0, 32, 1, ip4("10.1.1.10"))
    ctl.sendto(msg, (rloc, 4342))
    print("sent")
PY
smr=$(ip netns exec "$L-hub" timeout 6 python3 "$tmp/smr.py" data 198.51.100.1 2>&1 || true)
check "SMR: traffic for the moved VM reaching the old site makes it send the ITR a Solicit-Map-Request" \
    [ "$smr" = SMR ]

lab move-vm dc --warm >/dev/null
check "and home again" within_at 8 dc
# A registration from elsewhere that arrives after the VM came home (a
# site it left, late): the map-server gives the /32 to it and tells
# CSR_1, which asks the LAN before believing it, finds the VM and takes it
# back.
ip netns exec "$L-hub" timeout 6 python3 "$tmp/smr.py" register 198.51.100.1 >/dev/null 2>&1 || true
check "fault: a late registration from elsewhere is taken back by the site that has the VM" \
    within_at 8 dc
# CSR_3 now maps the VM to CSR_1; an SMR makes it ask the map-resolver
# again (an SMR-invoked Map-Request, seen on the WAN below).
ip netns exec "$L-hub" timeout 6 python3 "$tmp/smr.py" smr 198.51.100.3 >/dev/null 2>&1 || true
sleep 0.5

if wan_decode_checks; then
	notif=$(tshark -r "$tmp/wan.pcap" -Y "lisp.type == 4" 2>/dev/null | wc -l)
	acks=$(tshark -r "$tmp/wan.pcap" -Y "lisp.type == 5" 2>/dev/null | wc -l)
	echo "info: tshark: $notif Map-Notify, $acks Map-Notify-Ack"
	check "Map-Notify-Acks answer the map-server's Map-Notifies to the old site" \
	    [ "$acks" -gt 0 ]
	smri=$(tshark -r "$tmp/wan.pcap" -Y "lisp.mreq.flags.smri == 1" 2>/dev/null | wc -l)
	smrs=$(tshark -r "$tmp/wan.pcap" -Y "lisp.mreq.flags.smr == 1" 2>/dev/null | wc -l)
	echo "info: tshark: $smrs SMR, $smri SMR-invoked Map-Requests"
	check "an SMR to CSR_3 makes it send an SMR-invoked Map-Request" \
	    [ "$smri" -gt 0 ]
	lost9=$(tshark -r "$tmp/wan.pcap" -Y "lisp.type == 4 and ip.dst == 198.51.100.9" 2>/dev/null | wc -l)
	check "the late registration was taken over (a Map-Notify told it so)" \
	    [ "$lost9" -gt 0 ]
fi
echo "info: the test took $(($(date +%s) - t0)) s"

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
exit 0
