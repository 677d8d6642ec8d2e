#!/bin/bash
# Secure management (SCENARIOS.md C): the real OpenSSH client and a real
# telnet client log into a router the way its users do.  The router's vtyd
# listens on 127.0.0.1 on free ports (DIR/vtyd.conf), so several runs and
# routers can share the host.
#
# Runs from the build directory (make check's cwd) or with
# $abs_top_builddir set; needs root (sessions drop to an unprivileged user).
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
DRIVE=$srcdir/tests/topo/ssh_session.py
for f in "$RC" "$CLI"; do
	if [ ! -x "$f" ]; then
		echo "missing $f (run from the build directory)" >&2
		exit 99
	fi
done
for p in ssh ssh-keygen telnet python3; do
	if ! command -v "$p" >/dev/null; then
		echo "SKIP: $p is not installed (setup.sh installs it)"
		exit 77
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: needs root (sessions run as an unprivileged user)"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ssh-test.XXXXXX")
R=$tmp/r1
cleanup() {
	local pid
	for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
	"$RC" stop --rundir "$R" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fails=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# wait_for SECONDS COMMAND...: true once COMMAND succeeds (every 0.1 s).
wait_for() {
	local tries=$(($1 * 10))
	shift
	while [ "$tries" -gt 0 ]; do
		if "$@"; then return 0; fi
		sleep 0.1
		tries=$((tries - 1))
	done
	return 1
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The router: its own directory (reachable by the session user), ports.
mkdir -m 755 "$R"
chmod 755 "$tmp"
SSHPORT=$(free_port)
TELPORT=$(free_port)
printf 'listen 127.0.0.1\nssh-port %s\ntelnet-port %s\n' "$SSHPORT" \
    "$TELPORT" > "$R/vtyd.conf"
"$RC" start --rundir "$R" >/dev/null
wait_for 20 test -S "$R/vtyd.sock" || { echo "vtyd did not start"; exit 1; }

# cfg LINE...: configuration lines through the shell, as a console paste.
cfg() {
	{ echo enable; echo configure terminal; printf '%s\n' "$@"; echo end; } |
	    "$CLI" --rundir "$R"
}

SSHOPTS=(-p "$SSHPORT" -o StrictHostKeyChecking=no
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=20)
# Passwords come from SSH_ASKPASS, which counts how often it was asked.
cat > "$tmp/askpass" <<'EOF'
#!/bin/sh
echo x >> "$ASKPASS_COUNT"
printf '%s\n' "$ASKPASS_PW"
EOF
chmod 755 "$tmp/askpass"
# ssh_pw PASSWORD ARGS...: ssh with a password and no terminal.
ssh_pw() {
	local pw=$1
	shift
	: > "$tmp/asked"
	ASKPASS_PW=$pw ASKPASS_COUNT=$tmp/asked SSH_ASKPASS=$tmp/askpass \
	    SSH_ASKPASS_REQUIRE=force setsid -w ssh "${SSHOPTS[@]}" \
	    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
	    "$@" < /dev/null
}
# drive ARGS...: a client on a terminal, steps from stdin (ssh_session.py).
drive() {
	timeout 120 python3 "$DRIVE" --timeout 30 "$@"
}

# --- Scenario C: SSH set up as the seed post does it ---------------------
cfg 'hostname R_Ent' 'ip domain name example.com' \
    'crypto key generate rsa modulus 2048' 'username bob password 0 smith' \
    'line vty 0 98' 'login local' 'transport input ssh' > "$tmp/setup.out"
if grep -q '%SSH-5-ENABLED: SSH 1.99 has been enabled' "$tmp/setup.out" &&
    [ "$(stat -c %a "$R/keys/rsa.pem")" = 600 ]; then
	pass "crypto key generate rsa enables SSH and keeps the key private (0600)"
else
	fail "crypto key generate rsa enables SSH and keeps the key private (0600)"
	cat "$tmp/setup.out"
fi

if printf '%s\n' 'expect [Pp]assword:' 'send smith' 'expect R_Ent>' \
    'send show privilege' 'expect Current privilege level is 1' \
    'expect R_Ent>' 'send exit' 'eof' |
    drive --log "$tmp/pw.log" -- ssh "${SSHOPTS[@]}" \
    -o PubkeyAuthentication=no bob@127.0.0.1; then
	pass "bob logs in over SSH with his password and gets R_Ent>"
else
	fail "bob logs in over SSH with his password and gets R_Ent>"
fi

if [ "$fails" -gt 0 ]; then
	echo "$fails failed"
	exit 1
fi
echo "all passed"
