#!/bin/bash
# lispd's control plane beyond scenario A (test_lisp.sh), in network
# namespaces: tests/topo/lisp-ctl.lab brought up with `routerctl lab up`
# (its routers configured by pasting through their cli, as every change
# below is):
#
#   H1 10.1.1.10 --- Gi2 10.1.1.1 [CSR_1 xTR+MS/MR] Gi1 198.51.100.1  --+-- WAN
#   H3 10.3.3.10 --- Gi2 10.3.3.1 [CSR_3 xTR]       Gi1 198.51.100.3  --+
#                   a stand-in map-resolver (fake_mr.py) on the lab's
#                   plain WAN host MR 198.51.100.50 ---------------------+
#
# What must hold: ipv4-interface locators take the interface's address,
# follow its changes (a re-registration the map-server sees) and become
# unreachable without one; show ip lisp map-cache [<eid>] detail in IOS's
# layout; lig ... to <mr> asks that map-resolver and no other; of a
# Map-Reply only the records that cover the requested EID are taken (the
# others are dropped and counted in show ip lisp statistics); learnt
# entries expire by their TTL and take their routes into lisp0 with them; clear ip lisp map-cache
# withdraws the cleared entries' kernel routes and keeps the static ones;
# 300 static map-cache lines are all installed (and a proxy ITR's 300
# send-map-request prefixes all routed); the control socket's
# receive queue is at least 4 MiB; RLOC probing marks locators down and
# up again; the map-server's per-site failure counters stay with their
# sites (by name) as other sites come and go; a burst of 300
# registrations costs about one save of lispd-registrations a second, and
# a clean restart keeps them all.
#
# Needs root (namespaces).  Runs from the build directory or with
# $abs_top_builddir set.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(dirname "$0")/../..}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
. "$(dirname "$0")/lib.sh"
need_built platform/routerctl cli/cli cfg/cfgd lispd/lispd
need_netns python3

p=tc$$
R1=$p-CSR_1
R3=$p-CSR_3
H1=$p-H1
H3=$p-H3
W=$p-hub
M=$p-MR
# CSR_1's GigabitEthernet1 as the hub's WAN bridge sees it (router 0).
w1=r0g1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-lisp-ctl.XXXXXX")
chmod 755 "$tmp"
export LISPROUTER_LAB_DIR=$tmp/lab
# Each router's run directory, as routerctl lab keeps it.
r1=$LISPROUTER_LAB_DIR/$p/CSR_1
r3=$LISPROUTER_LAB_DIR/$p/CSR_3
MR_PID=

cleanup() {
	[ -n "$MR_PID" ] && kill "$MR_PID" 2>/dev/null || true
	"$RC" lab down --name "$p" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# The topology and the routers' configurations (tests/topo/lisp-ctl.lab,
# pasted through each router's cli by routerctl lab up).
if ! "$RC" lab up "$srcdir/tests/topo/lisp-ctl.lab" --name "$p" \
    >"$tmp/up.out" 2>&1; then
	cat "$tmp/up.out"
	echo "FAIL: routerctl lab up lisp-ctl.lab"
	exit 1
fi
check "routerctl lab up reports no refused configuration line" \
    bash -c "! grep -q refused '$tmp/up.out'"

# The stand-in map-resolver on the WAN host.
ip netns exec "$M" python3 "$srcdir/tests/topo/fake_mr.py" 198.51.100.50 \
    198.51.100.50 2 "$tmp/mr.log" 240 &
MR_PID=$!

# CSR_3's 300 static map-cache lines.
{
	echo "router lisp"
	echo " eid-table default instance-id 0"
	for i in $(seq 0 299); do
		echo "  map-cache 172.$((16 + i / 256)).$((i % 256)).0/24 198.51.100.1 priority 1 weight 100"
	done
	echo "  exit"
	echo " exit"
} | paste_config "$R3" "$r3"

lisp_routes() {	# NS PATTERN: how many lisp0 routes match
	ip -n "$1" route show dev lisp0 2>/dev/null | grep -cE "$2" || true
}
norm() { sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}/TIME/g; s/[0-9]+d[0-9]+h/TIME/g'; }

# Static map-cache lines: none dropped.
statics() {
	[ "$(cli "$R3" "$r3" "show ip lisp map-cache" |
	    grep -c ', via static, complete$')" = 300 ]
}
check "300 static map-cache lines are all in the map-cache" \
    wait_for 10 statics
check "300 static map-cache lines all route into lisp0" \
    [ "$(lisp_routes "$R3" '^172\.(16|17)\.')" = 300 ]

# The control socket's receive queue.
rb=$(ip netns exec "$R3" ss -uampn 'sport = :4342' 2>/dev/null |
    sed -nE 's/.*skmem:\(r[0-9]+,rb([0-9]+),.*/\1/p' | head -1)
echo "info: control socket receive buffer ${rb:-?} bytes"
check "the control socket's receive queue is at least 4 MiB" \
    [ "${rb:-0}" -ge 4194304 ]

# ipv4-interface locators.
registered() {
	has "$(cli "$R1" "$r1" "show lisp site")" \
	    "198.51.100.3 +10.3.3.0/24"
}
check "the ETRs register (show lisp site)" wait_for 10 registered
# Per-site counters are the site's, by name: Map-Registers with a wrong
# key, one for Cloud (10.3.3.0/24, second in the site list) and three
# for Burst (third), before the list changes below.
authfail() {	# SITE: its first prefix's Authentication failures
	cli "$R1" "$r1" "show lisp site name $1 detail" |
	    sed -nE 's/^      Authentication failures: +([0-9]+)$/\1/p' |
	    head -1
}
ip netns exec "$M" python3 "$srcdir/tests/topo/ms_register.py" \
    198.51.100.1 wrong 10.3.3.0 24 1 198.51.100.50
ip netns exec "$M" python3 "$srcdir/tests/topo/ms_register.py" \
    198.51.100.1 wrong 10.7.1.0 24 3 198.51.100.50
counted() { [ "$(authfail Cloud)" = 1 ] && [ "$(authfail Burst)" = 3 ]; }
check "wrong-key Map-Registers are counted on their sites (Cloud 1, Burst 3)" \
    wait_for 5 counted
# The map-server knows a registration's site by name: removing a site
# listed before Cloud (which moves Cloud in the site table) keeps the
# registrations Cloud holds; CSR_3 does not register again for a minute.
printf 'router lisp\n no site Aux\n exit\n' | paste_config "$R1" "$r1"
aux_gone() { ! has "$(cli "$R1" "$r1" "show lisp site")" 'Aux'; }
check "the map-server drops a site removed from its configuration" \
    wait_for 5 aux_gone
check "removing another site keeps the registrations of CSR_3 under Cloud" \
    registered
check "removing a site listed before them keeps Cloud's and Burst's failure counts" \
    counted
# A site added now takes the index Burst had: it starts from nothing.
printf 'router lisp\n site Alpha\n  authentication-key a1pha\n  eid-prefix 10.8.8.0/24\n  exit\n exit\n' |
    paste_config "$R1" "$r1"
alpha() { has "$(cli "$R1" "$r1" "show lisp site")" '^Alpha '; }
check "the map-server takes a new site" wait_for 5 alpha
check "a new site in a removed site's place starts with no failures" \
    [ "$(authfail Alpha)" = 0 ]
check "and Cloud and Burst keep theirs" counted
# Removing a site drops its counters: back, it starts again from 0.
printf 'router lisp\n no site Burst\n exit\n' | paste_config "$R1" "$r1"
burst_gone() { ! has "$(cli "$R1" "$r1" "show lisp site")" '^Burst '; }
check "the map-server drops site Burst" wait_for 5 burst_gone
printf 'router lisp\n site Burst\n  authentication-key bur5t\n  eid-prefix 10.7.0.0/16 accept-more-specifics\n  exit\n exit\n' |
    paste_config "$R1" "$r1"
burst_back() { has "$(cli "$R1" "$r1" "show lisp site")" '^Burst '; }
check "site Burst configured again" wait_for 5 burst_back
check "a site removed and configured again starts with no failures" \
    [ "$(authfail Burst)" = 0 ]
check "Cloud keeps its count through all of it" [ "$(authfail Cloud)" = 1 ]

# The map-server saves its registrations (lispd-registrations) at most
# about once a second however many arrive: 300 Map-Registers in one
# burst (Burst accepts more-specifics).
saves() {
	cli "$R1" "$r1" "show ip lisp statistics" |
	    sed -nE 's/^  Registration table saves: +([0-9]+)$/\1/p'
}
nburst() {
	cli "$R1" "$r1" "show lisp site" |
	    grep -cE '^ .* 10\.7\.[0-9]+\.[0-9]+/32$' || true
}
held() { [ "$(nburst)" = "$1" ]; }
s0=$(saves)
t0=$(date +%s%N)
ip netns exec "$M" python3 "$srcdir/tests/topo/ms_register.py" \
    198.51.100.1 bur5t 10.7.0.1 32 300 198.51.100.50
check "300 registrations sent in one burst are all held" wait_for 10 held 300
sleep 3		# the burst's last save: the next tick at least 0.9 s on
s1=$(saves)
el=$((($(date +%s%N) - t0) / 1000000000 + 1))
echo "info: 300 registrations in a burst: $((s1 - s0)) saves of lispd-registrations in ${el} s (counter $s0 -> $s1)"
few_saves() { [ $((s1 - s0)) -ge 1 ] && [ $((s1 - s0)) -le $((el + 1)) ]; }
check "a burst of 300 registrations is saved at most about once a second" \
    few_saves
# A clean restart of the map-server's lispd (SIGTERM; routerctl starts it
# again) right after 50 more: it holds all 350 after the restart.
ip netns exec "$M" python3 "$srcdir/tests/topo/ms_register.py" \
    198.51.100.1 bur5t 10.7.2.1 32 50 198.51.100.50
check "50 more registrations are held" wait_for 10 held 350
lispd_pid() {	# RUNDIR: lispd's pid, as its supervisor has it
	awk '$1 == "lispd" { print $3 }' "$1/routerctl.status" 2>/dev/null || true
}
pid1=$(lispd_pid "$r1")
if [ -n "$pid1" ]; then
	kill -TERM "$pid1"
	restarted() {
		local p
		p=$(lispd_pid "$r1")
		[ -n "$p" ] && [ "$p" != "$pid1" ] && held 350
	}
	check "after a restart (SIGTERM) the map-server holds all 350 registrations" \
	    wait_for 15 restarted
	grep -hE 'registrations (saved at shutdown|restored)' \
	    "$r1/log/lispd.log" 2>/dev/null | sed 's/^/info: lispd: /' | tail -2
else
	fail "find lispd's pid on CSR_1"
fi
db=$(cli "$R1" "$r1" "show ip lisp database")
expect='LISP ETR IPv4 Mapping Database for EID-table default (IID 0), LSBs: 0x1, 1 entries

10.1.1.0/24, locator-set DC1
  Locator       Pri/Wgt  Source     State
  198.51.100.1   1/100   cfg-intf   site-self, reachable'
check "an ipv4-interface locator in a locator-set shows the interface's address as cfg-intf" \
    [ "$db" = "$expect" ]
db=$(cli "$R3" "$r3" "show ip lisp database")
expect='LISP ETR IPv4 Mapping Database for EID-table default (IID 0), LSBs: 0x1, 1 entries

10.3.3.0/24
  Locator       Pri/Wgt  Source     State
  198.51.100.3   1/100   cfg-intf   site-self, reachable'
check "an ipv4-interface locator in a database-mapping shows the interface's address as cfg-intf" \
    [ "$db" = "$expect" ]
site3() { cli "$R1" "$r1" "show lisp site 10.3.3.0"; }
check "the map-server holds CSR_3's interface address as its locator" \
    has "$(site3)" '^      198\.51\.100\.3 +yes +up +1/100 '
pinged() { ip netns exec "$H1" ping -c1 -W1 10.3.3.10 >/dev/null 2>&1; }
check "H1 pings H3 across LISP with interface locators on both sides" \
    wait_for 10 pinged

# lig ... to <mr>: only that map-resolver is asked.  Its Map-Reply holds
# two records that do not cover the EID asked for (10.200.0.128/25 and
# 10.201.0.0/24) before the one that does (10.200.0.0/24): only that one
# is installed, the two are dropped and counted.
uncovered() {
	cli "$R3" "$r3" "show ip lisp statistics" |
	    sed -nE 's/^  Map-Reply records outside request drops: +([0-9]+)$/\1/p'
}
unc0=$(uncovered)
lig=$(cli "$R3" "$r3" "lig 10.200.0.1 count 1 to 198.51.100.50")
check "lig ... to <mr> prints the answer of that map-resolver" has "$lig" \
    "^Mapping information for EID 10\\.200\\.0\\.1 from 198\\.51\\.100\\.50 with RTT [0-9]+ msecs$"
check "lig prints the record that covers the EID, not the first one" \
    has "$lig" '^10\.200\.0\.0/24, '
check "lig ... to <mr> sent its Map-Request to that map-resolver" \
    [ "$(grep -c . "$tmp/mr.log" 2>/dev/null)" = 1 ]
mc=$(cli "$R3" "$r3" "show ip lisp map-cache")
check "the record covering the requested EID is installed" \
    has "$mc" '^10\.200\.0\.0/24, .*via map-reply, complete$'
check "a record for an unrelated prefix in the same Map-Reply is not installed" \
    hasnt "$mc" '^10\.201\.'
check "a more specific record that does not cover the EID is not installed" \
    hasnt "$mc" '^10\.200\.0\.128/25'
check "neither routes into lisp0" \
    [ "$(lisp_routes "$R3" '^10\.(201\.|200\.0\.128)')" = 0 ]
unc1=$(uncovered)
echo "info: Map-Reply records outside request drops $unc0 -> $unc1"
check "show ip lisp statistics counts the two records dropped" \
    [ "${unc1:-0}" = $((${unc0:-0} + 2)) ]
check "show ip lisp statistics in IOS's layout" has \
    "$(cli "$R3" "$r3" "show ip lisp statistics")" \
    '^  Map-Replies in/out: +[0-9]+/[0-9]+$'
check "show ip lisp statistics counts misses a worker could not hand over" has \
    "$(cli "$R3" "$r3" "show ip lisp statistics")" \
    '^  Cache misses not handled, worker queue full: +0$'
# 40 entries, one lig each (the first is there).
lig40() {
	local n args=()
	for n in $(seq 0 39); do
		args+=("lig 10.200.$n.1 count 1 to 198.51.100.50")
	done
	cli "$R3" "$r3" "${args[@]}" >/dev/null
}
lig40
learnt() {
	[ "$(cli "$R3" "$r3" "show ip lisp map-cache" |
	    grep -cE '^10\.200\.[0-9]+\.0/24, .*via map-reply, complete$')" = 40 ]
}
check "40 Map-Replies put their 40 covering records into the map-cache" \
    wait_for 5 learnt
check "each of the 40 learnt entries routes into lisp0" \
    [ "$(lisp_routes "$R3" '^10\.200\.')" = 40 ]
check "none of their 80 other records is in the map-cache" \
    hasnt "$(cli "$R3" "$r3" "show ip lisp map-cache")" \
    '^10\.(201\.|200\.[0-9]+\.128/25)'

# clear ip lisp map-cache: learnt entries and their routes go, static
# ones stay.
pinged31() { ip netns exec "$H3" ping -c1 -W1 10.1.1.10 >/dev/null 2>&1; }
check "H3 pings H1 (CSR_3 learns 10.1.1.0/24)" wait_for 5 pinged31
check "the learnt 10.1.1.0/24 routes into lisp0" \
    [ "$(lisp_routes "$R3" '^10\.1\.1\.0/24')" = 1 ]
# The detail form, for one EID and for all.  The pings just sent went out
# with 10.1.1.0/24 (a count that is not 0: N, B).
mcd=$(cli "$R3" "$r3" "show ip lisp map-cache 10.1.1.10" | norm |
    sed -E 's/Packets out: [1-9][0-9]*\([1-9][0-9]* bytes\)/Packets out: N(B bytes)/')
expect='LISP IPv4 Mapping Cache for EID-table default (IID 0), 342 entries

10.1.1.0/24, uptime: TIME, expires: TIME, via map-reply, complete
  Sources: map-reply
  State: complete, last modified: TIME, map-source: 198.51.100.1
  Active, Packets out: N(B bytes) (~ TIME ago)
  Locator       Uptime    State      Pri/Wgt
  198.51.100.1  TIME  up          1/100
    Last up-down state change:         TIME, state change count: 1
    Last route reachability change:    TIME, state change count: 1
    Last priority / weight change:     never/never'
check "show ip lisp map-cache <eid> prints the longest match in IOS's detail layout" \
    [ "$mcd" = "$expect" ]
[ "$mcd" = "$expect" ] || diff <(echo "$expect") <(echo "$mcd") >&2 || true
mcd=$(cli "$R3" "$r3" "show ip lisp map-cache detail" | norm)
check "show ip lisp map-cache detail gives every entry its detail lines" \
    [ "$(grep -c '^  Sources: ' <<<"$mcd")" = 342 ]
# A configured entry that carried nothing is idle.
expect='172.16.0.0/24, uptime: TIME, expires: never, via static, complete
  Sources: static
  State: complete, last modified: TIME, map-source: local
  Idle, Packets out: 0(0 bytes)'
check "an ITR's default entry in IOS's detail layout" \
    [ "$(grep -A5 '^0\.0\.0\.0/0,' <<<"$mcd")" = '0.0.0.0/0, uptime: TIME, expires: never, via static send map-request
  Sources: static send map-request
  State: send-map-request, last modified: TIME, map-source: local
  Idle, Packets out: 0(0 bytes)
  Configured as EID address space
  Negative cache entry, action: send-map-request' ]
check "a static entry's detail says static, map-source local" \
    [ "$(grep -A3 '^172\.16\.0\.0/24,' <<<"$mcd")" = "$expect" ]
cli "$R3" "$r3" "clear ip lisp map-cache" >"$tmp/clear.out"
check "clear ip lisp map-cache prints nothing" [ ! -s "$tmp/clear.out" ]
mc=$(cli "$R3" "$r3" "show ip lisp map-cache")
check "clear ip lisp map-cache removes the learnt entries" \
    bash -c '! grep -q "via map-reply" <<<"$1"' _ "$mc"
check "clear ip lisp map-cache withdraws the learnt entries' kernel routes" \
    [ "$(lisp_routes "$R3" '^10\.(200|1\.1)\.')" = 0 ]
check "clear ip lisp map-cache keeps the static entries and their routes" \
    [ "$(lisp_routes "$R3" '^172\.(16|17)\.')" = 300 ]
check "traffic relearns after clear ip lisp map-cache" wait_for 5 pinged31

# Entries expire by TTL (the stand-in's 1 minute) with their routes.
lig40
t_learnt=$(date +%s)
check "the 40 entries are learnt again" wait_for 5 learnt

# An interface locator follows its interface's address: a new address
# is registered at once; without one the locator is unreachable.
paste_config "$R3" "$r3" <<'CFG'
interface GigabitEthernet1
 ip address 198.51.100.33 255.255.255.0
CFG
moved() { has "$(site3)" '^      198\.51\.100\.33 +yes +up +1/100 '; }
check "a new address on the locator's interface is registered within 3 s" \
    wait_for 3 moved
check "show ip lisp database follows the interface's new address" has \
    "$(cli "$R3" "$r3" "show ip lisp database")" \
    '^  198\.51\.100\.33   1/100   cfg-intf   site-self, reachable$'
paste_config "$R3" "$r3" <<'CFG'
interface GigabitEthernet1
 no ip address
CFG
noaddr() {
	has "$(cli "$R3" "$r3" "show ip lisp database")" \
	    '^  GigabitEthernet1   1/100   cfg-intf   site-self, unreachable$'
}
check "without an address the interface locator shows unreachable" \
    wait_for 3 noaddr
paste_config "$R3" "$r3" <<'CFG'
interface GigabitEthernet1
 ip address 198.51.100.3 255.255.255.0
CFG
back() { has "$(site3)" '^      198\.51\.100\.3 +yes +up +1/100 '; }
check "the first address again is registered again" wait_for 3 back

# RLOC probing: a locator that answers probes stays up, one that does
# not goes down, and one whose site goes away goes down and comes back.
paste_config "$R3" "$r3" <<'CFG'
router lisp
 loc-reach-algorithm rloc-probing
 exit
CFG
check "loc-reach-algorithm rloc-probing comes back in running-config" has \
    "$(cli "$R3" "$r3" "show running-config | include loc-reach")" \
    '^ loc-reach-algorithm rloc-probing$'
# lispd takes the change after cfgd has it (running-config above).
probe_on() {
	has "$(cli "$R3" "$r3" "show ip lisp")" \
	    '^    RLOC-probe algorithm:              enabled$'
}
check "show ip lisp: RLOC-probe algorithm enabled" wait_for 5 probe_on
locstate() {	# EID RLOC STATE
	has "$(cli "$R3" "$r3" "show ip lisp map-cache $1")" \
	    "^  ${2//./\\.} +[0-9:]+ +$3 +[0-9]+/[0-9]+\$"
}
probed() {
	has "$(cli "$R3" "$r3" "show ip lisp map-cache 10.1.1.10")" \
	    '^    Last RLOC-probe sent:              [0-9:]+ \(rtt [0-9]+ms\)$'
}
check "a locator is probed (Last RLOC-probe sent in the detail)" \
    wait_for 5 probed
check "a locator that never answers probes goes down" \
    wait_for 20 locstate 10.200.0.1 198.51.100.50 down
check "a locator that answers probes stays up" \
    locstate 10.1.1.10 198.51.100.1 up
ip -n "$W" link set "$w1" down
check "a locator whose site is cut off goes down" \
    wait_for 25 locstate 10.1.1.10 198.51.100.1 down
ip -n "$W" link set "$w1" up
check "it comes back up when it answers again" \
    wait_for 25 locstate 10.1.1.10 198.51.100.1 up
check "the detail counts its state changes" has \
    "$(cli "$R3" "$r3" "show ip lisp map-cache 10.1.1.10")" \
    '^    Last up-down state change:         [0-9:]+, state change count: 3$'
check "traffic flows through the locator again" wait_for 5 pinged31

# A burst the control socket cannot hold: while lispd is stopped, 40,000
# datagrams to UDP 4342; what the kernel drops is counted and logged.
pid3=$(cat "$r3/lispd.pid" 2>/dev/null || pgrep -n -f "lispd.*$r3" || true)
if [ -n "$pid3" ]; then
	kill -STOP "$pid3"
	ip netns exec "$M" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(40000):
    s.sendto(b"\x00", ("198.51.100.3", 4342))'
	kill -CONT "$pid3"
	ip netns exec "$M" python3 -c '
import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"\x00",
    ("198.51.100.3", 4342))'
	logged() { grep -qE 'control socket: [0-9]+ .*dropped on a full receive queue' \
	    "$r3/log/lispd.log" 2>/dev/null; }
	check "datagrams the full control socket drops are counted and logged" \
	    wait_for 5 logged
	check "lispd answers after the burst" wait_for 5 pinged31
else
	fail "find lispd's pid on CSR_3"
fi

# The stand-in's records live 1 minute: they expire, routes and all.
gone() {
	[ "$(lisp_routes "$R3" '^10\.200\.')" = 0 ] &&
	    ! has "$(cli "$R3" "$r3" "show ip lisp map-cache")" '^10\.200\.'
}
check "the 40 entries and their routes are there before their TTL" \
    [ "$(lisp_routes "$R3" '^10\.200\.')" = 40 ]
check "entries with a 1-minute TTL expire with their lisp0 routes" \
    wait_for 80 gone
echo "info: expired $(($(date +%s) - t_learnt)) s after they were learnt"
check "they expire no sooner than their TTL" \
    [ "$(($(date +%s) - t_learnt))" -ge 58 ]

# Record TTLs (RFC 9301 5.4): the stand-in answers the first request for
# 10.209.0.1 with TTL 1 minute and the next with TTL 0 (not to be
# cached: what the first gave goes, route too), and 10.208.0.1 with
# 71,582,789 minutes (2^32 + 44 seconds: it was wrapped to 44 s).
lig209() { cli "$R3" "$r3" "lig 10.209.0.1 count 1 to 198.51.100.50" >/dev/null; }
has209() { has "$(cli "$R3" "$r3" "show ip lisp map-cache")" '^10\.209\.0\.0/24, '; }
lig209
check "a Map-Reply record with TTL 1 minute installs 10.209.0.0/24" \
    wait_for 5 has209
check "10.209.0.0/24 routes into lisp0" [ "$(lisp_routes "$R3" '^10\.209\.')" = 1 ]
lig209
gone209() { ! has209 && [ "$(lisp_routes "$R3" '^10\.209\.')" = 0 ]; }
check "a later record with TTL 0 for it takes the entry and its route away" \
    wait_for 5 gone209
cli "$R3" "$r3" "lig 10.208.0.1 count 1 to 198.51.100.50" >/dev/null
long208() {
	has "$(cli "$R3" "$r3" "show ip lisp map-cache")" \
	    '^10\.208\.0\.0/24, uptime: [^,]+, expires: [0-9]{4,}w[0-6]d, via map-reply'
}
check "a TTL of 71,582,789 minutes expires in thousands of weeks, not in 44 s" \
    wait_for 5 long208

# A proxy ITR routes all its send-map-request prefixes into lisp0 (there
# was a cap of 256 routes; f3f9907 lifted it).
{
	echo "router lisp"
	echo " no ipv4 itr"
	echo " ipv4 proxy-itr 198.51.100.3"
	echo " eid-table default instance-id 0"
	for i in $(seq 0 299); do
		echo "  map-cache 172.$((20 + i / 256)).$((i % 256)).0/24 map-request"
	done
	echo "  exit"
	echo " exit"
} | paste_config "$R3" "$r3"
pitr_all() { [ "$(lisp_routes "$R3" '^172\.(20|21)\.')" = 300 ]; }
check "a proxy ITR routes all 300 of its send-map-request prefixes into lisp0" \
    wait_for 10 pitr_all
check "and logs no prefix left out" \
    bash -c "! grep -q 'past the first' '$r3/log/lispd.log'"

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
exit 0
