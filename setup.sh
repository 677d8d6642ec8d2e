#!/usr/bin/env bash
# The README's two commands, on a fresh Debian 12 machine as root:
#
#   ./setup.sh run    install what the router needs, build it, bring up
#                     the seed's lab (routerctl lab up: CSR_1, CSR_3, R2,
#                     the branch host and the VM in network namespaces)
#                     and open CSR_1's shell (CSR_1>)
#   ./setup.sh run local
#                     the same, but one router on this host instead of the
#                     lab, and its shell (Router>)
#   ./setup.sh test   install, build (plain and with ASan+UBSan) and run
#                     the whole test suite
#
# Both install every dependency from Debian's packages by name, so nothing
# depends on what was installed by hand before.
set -euo pipefail

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

# Build and run dependencies (DESIGN.md), then what the tests drive.
PKGS_BUILD="build-essential autoconf automake libtool pkg-config
	libevent-dev libreadline-dev check libcrypt-dev libssl-dev
	libssh-dev libtelnet-dev"
PKGS_TEST="python3 procps iproute2 clang openssh-client telnet expect"
# Interfaces and routing: netlink, and ping for the topology tests.
PKGS_BUILD="$PKGS_BUILD libmnl-dev"
PKGS_TEST="$PKGS_TEST iputils-ping"
# LISP: tshark decodes the WAN capture in tests/topo/test_lisp.sh; bc times the restart.
PKGS_TEST="$PKGS_TEST tshark bc"
# Switching: gratuitous ARPs from hosts that move (test_switch.sh).
PKGS_TEST="$PKGS_TEST iputils-arping"
# capsh: lispd without CAP_BPF (test_caps.sh).
PKGS_TEST="$PKGS_TEST libcap2-bin"
# ip address dhcp: busybox's udhcpc (cfgd's DHCP client) and udhcpd (test_dhcp.sh).
PKGS_TEST="$PKGS_TEST busybox-static"
# Packaging (make deb, make deb-test, tests/man): the Debian tools, lintian,
# groff and man for the manual pages, mmdebstrap for a fresh root.
PKGS_BUILD="$PKGS_BUILD debhelper dpkg-dev fakeroot groff-base"
PKGS_TEST="$PKGS_TEST lintian man-db mmdebstrap"

log() { printf '==> %s\n' "$*"; }

install_packages() {
	local missing=() p
	for p in $PKGS_BUILD $PKGS_TEST; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		log "dependencies present"
		return
	fi
	log "installing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup.sh: installing packages needs root" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [configure options]: an out-of-tree build in DIR.
build() {
	local dir=$1
	shift
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		log "autoreconf"
		autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
	fi
	mkdir -p "$dir"
	(
		cd "$dir"
		if [ ! -f Makefile ] || [ ../configure -nt Makefile ]; then
			log "configure $* in $dir"
			"$top/configure" -q "$@"
		fi
		log "make in $dir"
		make -s -j"$(nproc)" all
		make -s -j"$(nproc)" check TESTS= >/dev/null
	)
}

# check DIR: make check there; prints the suite's summary.
check() {
	local dir=$1
	log "make check in $dir"
	( cd "$dir" && make -j"$(nproc)" check ) || {
		find "$dir/tests" -name '*.log' ! -name test-suite.log \
		    -newer "$dir/Makefile" -exec grep -l -E \
		    '^(FAIL|ERROR)' {} + 2>/dev/null | while read -r f; do
			echo "---- $f"
			tail -n 40 "$f"
		done
		return 1
	}
}

# summary DIR...: "N passed, N failed" over the suites' logs.
summary() {
	local pass=0 fail=0 skip=0 d n
	for d in "$@"; do
		[ -f "$d/test-suite.log" ] || continue
		n=$(sed -n 's/^# PASS: *//p' "$d/test-suite.log" | head -1)
		pass=$((pass + ${n:-0}))
		n=$(sed -n 's/^# FAIL: *//p' "$d/test-suite.log" | head -1)
		fail=$((fail + ${n:-0}))
		n=$(sed -n 's/^# ERROR: *//p' "$d/test-suite.log" | head -1)
		fail=$((fail + ${n:-0}))
		n=$(sed -n 's/^# SKIP: *//p' "$d/test-suite.log" | head -1)
		skip=$((skip + ${n:-0}))
	done
	echo "$pass passed, $fail failed, $skip skipped"
}

cmd_test() {
	local rc=0
	install_packages
	build build --enable-werror
	build build-san --enable-werror --enable-sanitizers
	check build || rc=1
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    check build-san || rc=1
	# The Debian package (issue 9): build it, lintian, install it into a
	# fresh Debian root (cached); the image below installs the same .deb.
	log "make deb-test in build"
	( cd build && make -s deb-test ) || rc=1
	# The VM image (issue 7): build it, boot it under QEMU, 3-5 minutes
	# here; LISPROUTER_SKIP_IMAGE=1 leaves it out.
	if [ -z "${LISPROUTER_SKIP_IMAGE:-}" ]; then
		log "make image-test in build"
		( cd build && make -s image-test ) || rc=1
	fi
	summary build build-san build/deb build/image
	return $rc
}

cmd_run_local() {
	local rundir=${LISPROUTER_RUNDIR:-/run/lisprouter}
	install_packages
	build build --enable-werror
	if ! build/platform/routerctl status --rundir "$rundir" >/dev/null; then
		log "starting a router in $rundir"
		build/platform/routerctl start --rundir "$rundir"
	fi
	log "its shell (exit to leave; build/platform/routerctl stop" \
	    "--rundir $rundir to stop the router)"
	exec build/cli/cli --rundir "$rundir"
}

# The seed's lab (lab/seed.lab) in network namespaces, then CSR_1's shell.
cmd_run_lab() {
	local rc=build/platform/routerctl
	if [ "$(id -u)" -ne 0 ] || [ ! -c /dev/net/tun ]; then
		echo "setup.sh: the lab needs root and /dev/net/tun" \
		    "(\"./setup.sh run local\" starts one router without them)" >&2
		exit 1
	fi
	install_packages
	build build --enable-werror
	if ! "$rc" lab status --name seed >/dev/null 2>&1; then
		# A lab left half-there (a reboot, a crash) is taken down first.
		"$rc" lab down --name seed >/dev/null 2>&1 || true
		log "bringing up the seed's lab (lab/seed.lab)"
		"$rc" lab up --name seed
	fi
	"$rc" lab status --name seed || true
	log "CSR_1's shell (exit to leave; the lab keeps running:" \
	    "$rc lab shell CSR_3, lab ssh R2, lab move-vm cloud, lab down)"
	exec "$rc" lab --name seed shell CSR_1
}

case "${1:-}" in
run)	if [ "${2:-}" = local ]; then cmd_run_local; else cmd_run_lab; fi ;;
test)	cmd_test ;;
*)	echo "usage: $0 run [local]|test" >&2; exit 2 ;;
esac
