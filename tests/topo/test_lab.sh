#!/bin/bash
# routerctl lab: the seed's lab in one command (issue 8).  Brings the
# shipped seed lab up, looks at it the way the README tells a newcomer to
# (status, a router's shell, SSH with the lab's key, pings between
# namespaces), moves the VM both ways (cold and warm plumbing), refuses a
# second up, runs a second lab side by side under another name, and checks
# that down leaves nothing behind: after a clean run, after kill -9 of
# daemons and of a supervisor, and after kill -9 of a half-built up.
#
# Needs root (namespaces).  Runs from the build directory or with
# $abs_top_builddir set.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
RC=$builddir/platform/routerctl
. "$(dirname "$0")/lib.sh"
need_built platform/routerctl cli/cli cfg/cfgd lispd/lispd cli/vtyd
need_netns ssh ssh-keygen

L=tlab$$
L2=tlab$$b
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-lab.XXXXXX")
chmod 755 "$tmp"	# vtyd's sessions run as an unprivileged user
state=$tmp/state
export LISPROUTER_LAB_DIR=$state
lab() { "$RC" lab "$@"; }

cleanup() {
	local n
	for n in "$L" "$L2"; do lab down --name "$n" >/dev/null 2>&1 || true; done
	ip netns del "$L-H2" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# What a lab could leave behind, in the host's view: namespaces with our
# names, devices named as a lab names them in the root namespace,
# processes naming our state directory, files under it.
leftovers() {
	{
		ip netns list | awk '{ print $1 }' | grep -E "^($L|$L2)-" || true
		ip -o link show | awk -F': ' '{ print $2 }' |
		    grep -E '^(r[0-9]+g[0-9]+|h[0-9]+|br-(wan|dc|cloud|branch|mgmt|site1|site3)|gi[0-9]+)(@|$)' || true
		pgrep -af -- "$state" | grep -v pgrep || true
		find "$state" -mindepth 1 2>/dev/null || true
	} | sort
}
before=$(leftovers)
# refused STATUS TEXT FILE: a command failed and said TEXT.
refused() { [ "$1" -ne 0 ] && grep -q -- "$2" "$3"; }
nothing_left() { [ "$(leftovers)" = "$before" ]; }

# --- up -----------------------------------------------------------------
t0=$(date +%s.%N)
up_seed() { lab up --name "$L" >"$tmp/up.out" 2>&1 || { cat "$tmp/up.out"; false; }; }
check "lab up builds the seed lab" up_seed
t1=$(date +%s.%N)
echo "info: lab up took $(echo "$t1 - $t0" | bc) s"
check "up says the lab is up" grep -q "lab $L is up" "$tmp/up.out"
check "up reports no refused configuration line" \
    bash -c "! grep -q 'refused' '$tmp/up.out'"

rc=0
lab up --name "$L" >"$tmp/up2.out" 2>&1 || rc=$?
check "a second up of the same lab is refused, saying so" \
    refused "$rc" "lab $L is up already" "$tmp/up2.out"

st=$(lab status --name "$L" 2>&1 || true)
check "status: CSR_1 in its namespace with management address 203.0.113.1 on Gi3" \
    has "$st" "^CSR_1 +$L-CSR_1 +203\\.0\\.113\\.1 Gi3 +cfgd running, lispd running, vtyd running$"
check "status: CSR_3 and R2 running" has "$st" \
    "^R2 +$L-R2 +203\\.0\\.113\\.2 Gi3 +cfgd running"
check "status: the VM is at the DC" has "$st" \
    "^VM +$L-VM +10\\.1\\.1\\.10/24 +dc \\(position dc\\)$"
check "status after the refused up: still complete (exit 0)" \
    bash -c "'$RC' lab status --name '$L' >/dev/null"
check "without --name, the only lab up is the one meant" \
    bash -c "'$RC' lab status | grep -q '^lab $L '"

# --- the routers, through their shells and over SSH ---------------------
brief=$(lab --name "$L" shell CSR_1 -c 'show ip interface brief' 2>&1 || true)
check "shell -c: CSR_1's GigabitEthernet3 has its management address" \
    has "$brief" "^GigabitEthernet3 +203\\.0\\.113\\.1 +YES manual up +up"
check "shell -c: CSR_1's Loopback10 from the seed" \
    has "$brief" "^Loopback10 +10\\.10\\.10\\.1 "
ipv4=$(lab --name "$L" shell CSR_1 -c 'show running-config | include ipv4' 2>&1 || true)
check "CSR_1 is the seed's proxy xTR (show run | i ipv4)" \
    has "$ipv4" "^ no ipv4 itr$"
check "startup-config was written (write memory)" \
    test -s "$state/$L/CSR_1/startup-config"
lisp=$(lab --name "$L" shell CSR_1 -c 'show ip lisp' 2>&1 || true)
check "show ip lisp on CSR_1: ITR disabled (the seed's PxTR)" has "$lisp" \
    "^  Ingress Tunnel Router \\(ITR\\): +disabled$"
check "show ip lisp on CSR_1: PITR enabled RLOCs: 198.51.100.1" has "$lisp" \
    "^  Proxy-ITR Router \\(PITR\\): +enabled RLOCs: 198\\.51\\.100\\.1$"
# lig_at ROUTER RLOC: lig 10.1.1.10 on ROUTER answers with locator RLOC.
lig_at() {
	has "$(lab --name "$L" shell "$1" -c 'lig 10.1.1.10' 2>&1 || true)" \
	    "^  ${2//./\\.} +[0-9:]+ +up"
}
check "walk-through: the VM spoke at up (as after a boot), CSR_1 lists it in show ip lisp forwarding eid local" \
    has "$(lab --name "$L" shell CSR_1 -c 'show ip lisp forwarding eid local' 2>&1 || true)" \
    "^10\\.1\\.1\\.10/32$"
check "walk-through: lig 10.1.1.10 on CSR_3 answers with the DC's locator 198.51.100.1" \
    wait_for 10 lig_at CSR_3 198.51.100.1
sshout=$(lab --name "$L" ssh CSR_1 -o BatchMode=yes -o ConnectTimeout=10 \
    'show privilege' </dev/null 2>&1 || true)
check "lab ssh CSR_1 logs in with the lab key, no password, at privilege 15" \
    has "$sshout" "Current privilege level is 15"
sshout=$(lab --name "$L" ssh R2 -o BatchMode=yes -o ConnectTimeout=10 \
    'show running-config | include ^hostname' </dev/null 2>&1 || true)
check "lab ssh R2 reaches R2" has "$sshout" "^hostname R2"
pwonly=$(ip netns exec "$L-mgmt" ssh -o BatchMode=yes -o ConnectTimeout=10 \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o PubkeyAuthentication=no lab@203.0.113.3 'show privilege' </dev/null 2>&1 || true)
check "without the key, SSH to CSR_3 is refused" has "$pwonly" "Permission denied"
check "the lab put no management address in the host's root namespace" \
    bash -c "! ip -o -4 addr show | grep -q ' 203\\.0\\.113\\.'"

# --- traffic between namespaces -------------------------------------------
check "exec: H2 pings its gateway R2" \
    lab --name "$L" exec H2 ping -q -c2 -W1 -i 0.2 172.16.2.1
check "exec: the VM pings its DC gateway" \
    lab --name "$L" exec VM ping -q -c2 -W1 -i 0.2 10.1.1.1
check "exec: H2 pings the VM across the WAN (R2, CSR_1)" \
    wait_for 10 lab --name "$L" exec H2 ping -q -c1 -W1 10.1.1.10
r2ping=$(lab --name "$L" shell R2 -c 'ping 10.1.1.10 source 172.16.2.1' 2>&1 || true)
check "ping 10.1.1.10 source 172.16.2.1 on R2: 5/5" has "$r2ping" \
    "^Success rate is 100 percent \\(5/5\\)"

# --- move-vm ----------------------------------------------------------------
vm_port() { ip netns exec "$L-hub" ip -o link show h1 | grep -o 'master br-[a-z]*'; }
vm_mac() { ip netns exec "$L-VM" cat /sys/class/net/eth0/address; }
vm_addr() { ip -n "$L-VM" -o -4 addr show dev eth0 | awk '{ print $4 }'; }
vm_gw() { ip -n "$L-VM" route show default | awk '{ print $3 }'; }
ident0="$(vm_mac) $(vm_addr) $(vm_gw)"
check "the VM starts on the DC bridge" [ "$(vm_port)" = "master br-dc" ]
mv=$(lab --name "$L" move-vm cloud --cold 2>&1 || true)
check "move-vm cloud --cold says what it did" has "$mv" \
    "^VM moved cold from dc \\(dc\\) to cloud \\(cloud\\)$"
check "after the cold move the VM's link is on the cloud bridge" \
    [ "$(vm_port)" = "master br-cloud" ]
check "after the cold move the VM keeps MAC, address and gateway" \
    [ "$(vm_mac) $(vm_addr) $(vm_gw)" = "$ident0" ]
neigh=$(ip -n "$L-VM" neigh show 10.1.1.1)
check "after the cold move the VM ARPed for its gateway (the shared mac-address answers)" \
    has "$neigh" "lladdr 00:00:0c:9f:f0:0a (REACHABLE|STALE|DELAY)"
check "status shows the VM in the cloud" has \
    "$(lab status --name "$L" 2>&1 || true)" "^VM .* cloud \\(position cloud\\)$"
arp_seen() { has "$(ip -n "$L-CSR_3" neigh show dev gi2)" "^10\\.1\\.1\\.10 "; }
check "CSR_3 saw the VM (a neighbour entry on Gi2)" wait_for 3 arp_seen
check "walk-through: after the move lig 10.1.1.10 on CSR_1 answers with the cloud's locator 198.51.100.3" \
    wait_for 10 lig_at CSR_1 198.51.100.3
ping1=$(lab --name "$L" shell CSR_1 -c 'ping 10.1.1.10 source loopback 10' 2>&1 || true)
check "walk-through: ping 10.1.1.10 source loopback 10 on CSR_1 reaches the VM in the cloud" \
    has "$ping1" "^Success rate is ([89]0|100) percent"
check "walk-through: the branch host H2 reaches the VM in the cloud" \
    wait_for 10 lab --name "$L" exec H2 ping -q -c1 -W1 10.1.1.10
ip -n "$L-VM" neigh replace 10.1.1.99 lladdr 02:00:00:00:00:99 dev eth0 nud permanent
mv=$(lab --name "$L" move-vm dc --warm 2>&1 || true)
check "move-vm dc --warm says what it did" has "$mv" \
    "^VM moved warm from cloud \\(cloud\\) to dc \\(dc\\)$"
check "after the warm move the VM's link is on the DC bridge" \
    [ "$(vm_port)" = "master br-dc" ]
check "a warm move keeps the VM's caches" \
    has "$(ip -n "$L-VM" neigh show)" "^10\\.1\\.1\\.99 .*PERMANENT"
garp_seen() {
	has "$(ip -n "$L-CSR_1" neigh show dev gi2 2>/dev/null)" "^10\\.1\\.1\\.10 " ||
	    lab --name "$L" exec VM ping -c1 -W1 10.1.1.1 >/dev/null
}
check "after the warm move the VM reaches its DC gateway" wait_for 5 garp_seen
check "walk-through: after the move back lig 10.1.1.10 on CSR_3 answers with 198.51.100.1 again" \
    wait_for 10 lig_at CSR_3 198.51.100.1
rc=0
lab --name "$L" move-vm moon >/dev/null 2>"$tmp/moon.err" || rc=$?
check "move-vm to an unknown position is refused, naming the positions" \
    refused "$rc" "it has: dc cloud" "$tmp/moon.err"

# --- a second lab beside it ----------------------------------------------
check "a second lab (two-site) comes up beside the seed under another name" \
    lab up two-site --name "$L2" >"$tmp/up3.out" 2>&1
check "the second lab's H1 reaches its gateway" \
    lab --name "$L2" exec H1 ping -q -c1 -W1 10.1.1.1
check "both labs' status is complete" \
    bash -c "'$RC' lab status --name '$L' >/dev/null && '$RC' lab status --name '$L2' >/dev/null"
rc=0
lab status >/dev/null 2>"$tmp/two.err" || rc=$?
check "with two labs up, a command without --name asks which" \
    refused "$rc" "say which with --name" "$tmp/two.err"
check "down of the second lab leaves the first running" \
    bash -c "'$RC' lab down --name '$L2' >/dev/null && '$RC' lab status --name '$L' >/dev/null"

# --- down after kill -9 of daemons and of a supervisor ------------------------
rd=$state/$L
# R2's supervisor, then three processes picked at random among those in
# the routers' namespaces (supervisors and daemons).
kill -9 "$(cat "$rd/R2/routerctl.pid")" 2>/dev/null || true
victims=$(for r in CSR_1 CSR_3 R2; do ip netns pids "$L-$r"; done | shuf -n 3)
for v in $victims; do
	echo "info: kill -9 $(tr '\0' ' ' </proc/"$v"/cmdline 2>/dev/null | cut -c1-60)"
	kill -9 "$v" 2>/dev/null || true
done
lab --name "$L" exec H2 sleep 600 &
sleep 0.5
check "down after kill -9 of R2's supervisor and three random daemons succeeds" \
    lab down --name "$L"
wait 2>/dev/null || true
check "down leaves nothing: namespaces, devices, processes, files" nothing_left
leftovers | grep -v -F -x -f <(echo "$before") || true

# --- up refuses to build over a namespace that exists ---------------------
ip netns add "$L-H2"
rc=0
lab up --name "$L" >"$tmp/clash.out" 2>&1 || rc=$?
check "up refuses when one of its namespaces exists, and builds nothing" \
    refused "$rc" "namespace $L-H2 exists already" "$tmp/clash.out"
check "the refused up left no state and kept the other namespace" \
    bash -c "[ ! -e '$state/$L' ] && ip netns list | grep -q '^$L-H2'"
ip netns del "$L-H2"
check "after the refused up nothing is left" nothing_left

# --- a mistake in a topology file --------------------------------------------
sed 's/^ interface GigabitEthernet2 segment dc$/ interface GigabitEthernet2 segment dcx/' \
    "$srcdir/lab/seed.lab" >"$tmp/bad.lab"
line=$(grep -n 'segment dcx$' "$tmp/bad.lab" | cut -d: -f1)
rc=0
lab up "$tmp/bad.lab" --name "$L" >"$tmp/bad.out" 2>&1 || rc=$?
check "up of a file with a mistake is refused, naming the file, the line and what was expected" \
    refused "$rc" "$tmp/bad.lab:$line: segment dcx is not defined (expected a \"segment dcx\" line)" "$tmp/bad.out"
check "and builds nothing" nothing_left

# --- a half-built up, killed -----------------------------------------------
"$RC" lab up --name "$L" >/dev/null 2>&1 &
uppid=$!
built_some() { [ -n "$(ip netns list | grep "^$L-")" ] && [ -d "$state/$L/CSR_1" ]; }
wait_for 10 built_some || true
kill -9 "$uppid" 2>/dev/null || true
wait "$uppid" 2>/dev/null || true
check "the killed up had built part of the lab" \
    [ -n "$(ip netns list | grep "^$L-" || true)" ]
check "down after kill -9 of a half-built up succeeds" lab down --name "$L"
check "and leaves nothing" nothing_left
leftovers | grep -v -F -x -f <(echo "$before") || true

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
exit 0
