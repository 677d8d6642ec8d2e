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
# known ID DESCRIPTION COMMAND...: a check that shows a bug outside this
# feature's files, listed in tests/KNOWN-FAILURES as "ssh/ID reason": its
# failure is expected; once it passes, the listing must go.
KNOWN=$srcdir/tests/KNOWN-FAILURES
known() {
	local id=$1 what=$2 listed=0
	shift 2
	grep -q "^ssh/$id " "$KNOWN" 2>/dev/null && listed=1
	if "$@"; then
		if [ "$listed" = 1 ]; then
			fail "$what [ssh/$id passes now: remove it from tests/KNOWN-FAILURES]"
		else
			pass "$what"
		fi
	elif [ "$listed" = 1 ]; then
		echo "XFAIL (known): $what [ssh/$id]"
	else
		fail "$what [ssh/$id]"
	fi
}

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

# cfg LINE...: configuration lines through the shell (-c: at the
# privileged prompt, whatever the enable secret); never fails the script.
cfg() {
	local args=(-c 'configure terminal') l
	for l in "$@"; do args+=(-c "$l"); done
	"$CLI" --rundir "$R" "${args[@]}" -c end || true
}

SSHOPTS=(-p "$SSHPORT" -o StrictHostKeyChecking=no
    -o UserKnownHostsFile=/dev/null -o ConnectTimeout=20)
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
"$CLI" --rundir "$R" -c 'show ip ssh' > "$tmp/noss.out"
if grep -qx 'SSH Disabled - version 1.99' "$tmp/noss.out" &&
    grep -qx '%Please create RSA keys to enable SSH (and of atleast 768 bits for SSH v2).' \
    "$tmp/noss.out" && ! printf '' | timeout 10 ssh "${SSHOPTS[@]}" \
    -o BatchMode=yes bob@127.0.0.1 true 2>/dev/null; then
	pass "without RSA keys show ip ssh says SSH is disabled and SSH logins fail"
else
	fail "without RSA keys show ip ssh says SSH is disabled and SSH logins fail"
	cat "$tmp/noss.out"
fi
# The key dialogue, typed as on a console: the answer is the next line.
printf '%s\n' enable 'configure terminal' 'crypto key generate rsa' \
    'hostname R_Ent' 'crypto key generate rsa' 'ip domain name example.com' \
    'crypto key generate rsa' 1024 end | "$CLI" --rundir "$R" > "$tmp/dlg.out"
if grep -q '^Router(config)#crypto key generate rsa$' "$tmp/dlg.out" &&
    grep -qx '% Please define a hostname other than Router.' "$tmp/dlg.out" &&
    grep -qx '% Please define a domain-name first.' "$tmp/dlg.out" &&
    grep -qx 'The name for the keys will be: R_Ent.example.com' "$tmp/dlg.out" &&
    grep -qx 'How many bits in the modulus \[512\]: 1024' "$tmp/dlg.out" &&
    grep -qx '% Generating 1024 bit RSA keys, keys will be non-exportable...' \
    "$tmp/dlg.out" && grep -Eqx '\[OK\] \(elapsed time was [0-9]+ seconds\)' \
    "$tmp/dlg.out"; then
	pass "crypto key generate rsa asks for the modulus and takes the next line as the answer"
else
	fail "crypto key generate rsa asks for the modulus and takes the next line as the answer"
	cat "$tmp/dlg.out"
fi
cfg 'crypto key generate rsa modulus 2048' 'username bob password 0 smith' \
    'line vty 0 98' 'login local' 'transport input ssh' > "$tmp/setup.out"
if grep -q '%SSH-5-ENABLED: SSH 1.99 has been enabled' "$tmp/dlg.out" &&
    grep -qx '% You already have RSA keys defined named R_Ent.example.com.' \
    "$tmp/setup.out" && grep -qx '% The key modulus size is 2048 bits' \
    "$tmp/setup.out" && [ "$(stat -c %a "$R/keys/rsa.pem")" = 600 ] &&
    [ "$(stat -c %a "$R/keys")" = 700 ]; then
	pass "crypto key generate rsa enables SSH, replaces keys, and keeps them private (0600)"
else
	fail "crypto key generate rsa enables SSH, replaces keys, and keeps them private (0600)"
	cat "$tmp/setup.out"
fi
"$CLI" --rundir "$R" -c 'show ip ssh' > "$tmp/ipssh.out"
if grep -qx 'SSH Enabled - version 1.99' "$tmp/ipssh.out" &&
    grep -qx 'Authentication methods:publickey,keyboard-interactive,password' \
    "$tmp/ipssh.out" &&
    grep -qx 'Authentication timeout: 120 secs; Authentication retries: 3' \
    "$tmp/ipssh.out" && grep -q '^ssh-rsa AAAAB3NzaC1yc2E' "$tmp/ipssh.out" &&
    [ "$(awk 'length > 80' "$tmp/ipssh.out" | wc -l)" = 0 ]; then
	pass "show ip ssh shows SSH enabled with the host key wrapped at 80 columns"
else
	fail "show ip ssh shows SSH enabled with the host key wrapped at 80 columns"
	cat "$tmp/ipssh.out"
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

# ssh_key KEY ARGS...: ssh with one key only, never a password.
ssh_key() {
	local key=$1
	shift
	setsid -w ssh "${SSHOPTS[@]}" -i "$key" -o IdentitiesOnly=yes \
	    -o BatchMode=yes -o PasswordAuthentication=no \
	    -o KbdInteractiveAuthentication=no "$@" < /dev/null
}
md5_of() {
	ssh-keygen -l -E md5 -f "$1" | awk '{ print $2 }' |
	    sed 's/^MD5://; s/://g' | tr a-f A-F
}
running() { "$CLI" --rundir "$R" -c 'show running-config'; }
# many N ARGS...: N concurrent key sessions held by ssh_many.py.
many() {
	local n=$1
	shift
	timeout 240 python3 "$srcdir/tests/topo/ssh_many.py" --count "$n" \
	    "$@" -- ssh "${SSHOPTS[@]}" -i "$tmp/bob" -o IdentitiesOnly=yes \
	    -o BatchMode=yes bob@127.0.0.1
}

# --- Public keys: pasted folded, kept as their MD5 -----------------------
ssh-keygen -q -t rsa -b 2048 -N '' -C bob@laptop -f "$tmp/bob"
ssh-keygen -q -t ed25519 -N '' -C bob@tablet -f "$tmp/bob_ed"
ssh-keygen -q -t rsa -b 2048 -N '' -C eve@elsewhere -f "$tmp/eve"
mapfile -t folded < <(fold -b -w 72 "$tmp/bob.pub")
mapfile -t folded_ed < <(fold -b -w 40 "$tmp/bob_ed.pub")
cfg 'ip ssh version 2' 'ip ssh pubkey-chain' 'username bob' 'key-string' \
    "${folded[@]}" 'exit' 'key-string' "${folded_ed[@]}" 'exit' 'exit' \
    'exit' > "$tmp/chain.out"
h_rsa=$(md5_of "$tmp/bob.pub")
h_ed=$(md5_of "$tmp/bob_ed.pub")
running > "$tmp/run1"
if grep -qx 'ip ssh pubkey-chain' "$tmp/run1" &&
    grep -qx '  username bob' "$tmp/run1" &&
    grep -qx "   key-hash ssh-rsa $h_rsa bob@laptop" "$tmp/run1" &&
    grep -qx "   key-hash ssh-ed25519 $h_ed bob@tablet" "$tmp/run1" &&
    ! grep -q 'AAAA' "$tmp/run1"; then
	pass "show running-config keeps a folded key as its upper-case MD5 key-hash and comment"
else
	fail "show running-config keeps a folded key as its upper-case MD5 key-hash and comment"
	grep -A4 'pubkey' "$tmp/run1" || true
	cat "$tmp/chain.out"
fi

if ssh_key "$tmp/bob" bob@127.0.0.1 'show privilege' > "$tmp/key.out" 2>&1 &&
    grep -q 'Current privilege level is 1' "$tmp/key.out"; then
	pass "bob logs in with his RSA key and no password"
else
	fail "bob logs in with his RSA key and no password"
	cat "$tmp/key.out"
fi
if ssh_key "$tmp/bob_ed" bob@127.0.0.1 'show privilege' > "$tmp/ked.out" 2>&1 &&
    grep -q 'Current privilege level is 1' "$tmp/ked.out"; then
	pass "bob logs in with his Ed25519 key too"
else
	fail "bob logs in with his Ed25519 key too"
	cat "$tmp/ked.out"
fi
rc=0
ssh_key "$tmp/eve" bob@127.0.0.1 'show privilege' > "$tmp/eve.out" 2>&1 ||
    rc=$?
if [ "$rc" = 255 ] && grep -q 'Permission denied' "$tmp/eve.out" &&
    ! grep -q 'privilege level' "$tmp/eve.out"; then
	pass "a key that is not in bob's pubkey-chain is refused"
else
	fail "a key that is not in bob's pubkey-chain is refused (status $rc)"
	cat "$tmp/eve.out"
fi
cfg 'ip ssh pubkey-chain' 'username bob' 'key-string' \
    'AAAAB3NzaC1yc2EAAAADAQABnotakey' 'exit' > "$tmp/badkey.out"
if grep -q '%SSH: Failed to decode the key value' "$tmp/badkey.out"; then
	pass "a key-string that is not a key is refused with an error"
else
	fail "a key-string that is not a key is refused with an error"
	cat "$tmp/badkey.out"
fi

# --- Automation: one command per connection -------------------------------
if ssh_key "$tmp/bob" bob@127.0.0.1 'show version' > "$tmp/ver.out" 2>&1 &&
    grep -q '^Configuration register is 0x2102' "$tmp/ver.out"; then
	pass "ssh bob@router 'show version' prints the version and exits 0"
else
	fail "ssh bob@router 'show version' prints the version and exits 0"
	cat "$tmp/ver.out"
fi

# --- Wrong passwords: refused, and the connection closed after retries ----
cfg 'ip ssh authentication-retries 2' > /dev/null
failed() { grep -c "User 'bob' authentication .* Failed" "$R/log/vtyd.log" || true; }
rc=0
f0=$(failed)
ssh_pw wrong -o NumberOfPasswordPrompts=5 bob@127.0.0.1 \
    'show privilege' > "$tmp/wrong.out" 2>&1 || rc=$?
asked=$(($(failed) - f0))
if [ "$rc" = 255 ] && [ "$asked" = 2 ] &&
    grep -q 'Too many authentication failures' "$tmp/wrong.out"; then
	pass "a wrong password is refused and the router closes the connection after 2 retries"
else
	fail "a wrong password is refused and the router closes the connection after 2 retries (status $rc, asked $asked)"
	cat "$tmp/wrong.out"
fi
cfg 'no ip ssh authentication-retries' > /dev/null

# --- telnet refused by transport input ssh --------------------------------
if printf '%s\n' 'expect Connection refused: no vty line accepts telnet' \
    'eof' | drive --log "$tmp/tel.log" -- telnet 127.0.0.1 "$TELPORT" &&
    ! grep -q 'User Access Verification' "$tmp/tel.log"; then
	pass "telnet is refused with transport input ssh"
else
	fail "telnet is refused with transport input ssh"
fi

# --- Public key only -------------------------------------------------------
cfg 'no ip ssh server authenticate user password' \
    'no ip ssh server authenticate user keyboard' > /dev/null
rc=0
ssh_pw smith bob@127.0.0.1 'show privilege' > "$tmp/nopw.out" 2>&1 || rc=$?
if [ "$rc" = 255 ] && grep -q 'Permission denied (publickey)' "$tmp/nopw.out" &&
    ssh_key "$tmp/bob" bob@127.0.0.1 'show privilege' > /dev/null 2>&1 &&
    running | grep -qx 'no ip ssh server authenticate user password'; then
	pass "with no ip ssh server authenticate user password only keys log in"
else
	fail "with no ip ssh server authenticate user password only keys log in (status $rc)"
	cat "$tmp/nopw.out"
fi
cfg 'ip ssh server authenticate user password' \
    'ip ssh server authenticate user keyboard' > /dev/null

# --- A scripted interactive session, as automation drives one ------------
if printf '%s\n' 'expect [Pp]assword:' 'send smith' 'expect R_Ent>' \
    'send enable' 'expect % No password set' 'expect R_Ent>' 'send exit' \
    'eof' | drive --log "$tmp/nopwset.log" -- ssh "${SSHOPTS[@]}" \
    -o PubkeyAuthentication=no bob@127.0.0.1; then
	pass "enable on a vty without an enable secret says % No password set"
else
	fail "enable on a vty without an enable secret says % No password set"
fi
cfg 'enable secret s3cret' > /dev/null
printf '%s\n' 'expect [Pp]assword:' 'send smith' 'expect R_Ent>' \
    'send terminal length 0' 'expect R_Ent>' \
    'send terminal width 511' 'expect R_Ent>' \
    'send show privilege' 'expect Current privilege level is 1' \
    'expect R_Ent>' 'send enable' 'expect Password:' 'send s3cret' \
    'expect R_Ent#' 'send show privilege' \
    'expect Current privilege level is 15' 'expect R_Ent#' \
    'send show running-config' 'expect Building configuration' \
    'expect ^hostname R_Ent' 'expect ^end' 'expect R_Ent#' \
    'send show bogus' "expect % Invalid input detected at '\\^' marker\\." \
    'expect R_Ent#' 'send configure terminal' \
    'expect Enter configuration commands, one per line\.  End with CNTL/Z\.' \
    'expect R_Ent\(config\)#' \
    'send username carol privilege 15 secret carol1' \
    'expect R_Ent\(config\)#' 'send line vty 0 4' \
    'expect R_Ent\(config-line\)#' 'send exec-timeout 30' \
    'expect R_Ent\(config-line\)#' 'send end' 'expect R_Ent#' \
    'send write memory' 'expect Building configuration\.\.\.' \
    'expect \[OK\]' 'expect R_Ent#' \
    'send show running-config | include ^username carol|exec-timeout' \
    'expect username carol privilege 15 secret 5 \$1\$' \
    'expect exec-timeout 30 0' 'expect R_Ent#' 'send exit' 'eof' \
    > "$tmp/script"
if drive --log "$tmp/script.log" -- ssh "${SSHOPTS[@]}" \
    -o PubkeyAuthentication=no bob@127.0.0.1 < "$tmp/script" &&
    grep -q '^username carol privilege 15 secret 5' "$R/startup-config"; then
	pass "a scripted session logs in, pages off, enables, shows, configures and saves"
else
	fail "a scripted session logs in, pages off, enables, shows, configures and saves"
fi
cfg 'line vty 0 4' 'no exec-timeout' > /dev/null

# --- The session process is unprivileged -------------------------------------
rm -f "$tmp/ready1"
touch "$tmp/hold1"
many 1 --ready "$tmp/ready1" --hold "$tmp/hold1" --timeout 60 \
    > "$tmp/one.out" 2>&1 &
one=$!
wait_for 30 test -e "$tmp/ready1" || true
pids=$(pgrep -f -- "--rundir $R --vty vty" || true)
uids=$(for p in $pids; do ps -o uid= -p "$p"; done | tr -d ' ' | sort -u)
want=$(id -u lisprouter 2>/dev/null || id -u nobody)
if [ -n "$pids" ] && [ "$uids" = "$want" ] && [ "$uids" != 0 ]; then
	pass "the session's cli runs as an unprivileged user (uid $uids)"
else
	fail "the session's cli runs as an unprivileged user (pids '$pids', uids '$uids', want $want)"
fi
"$CLI" --rundir "$R" -c 'show users' -c 'show ssh' > "$tmp/users.out"
if grep -Eq '^ +1 vty 0 +bob +idle +[0-9:]{8} 127\.0\.0\.1$' "$tmp/users.out" &&
    grep -Eq '^0 +2\.0 +IN +[^ ]+ +[^ ]+ +Session started +bob$' "$tmp/users.out"; then
	pass "show users and show ssh list bob's session on vty 0"
else
	fail "show users and show ssh list bob's session on vty 0"
	cat "$tmp/users.out"
fi
rm -f "$tmp/hold1"
wait "$one" || true

# --- line vty 0 4: five sessions, the sixth refused -------------------------
cfg 'no line vty 5 98' > /dev/null
rm -f "$tmp/ready5"
touch "$tmp/hold5"
many 5 --cmd 'show privilege' --expect 'Current privilege level is 1' \
    --ready "$tmp/ready5" --hold "$tmp/hold5" --timeout 120 \
    > "$tmp/five.out" 2>&1 &
five=$!
wait_for 60 test -e "$tmp/ready5" || true
rc=0
ssh_key "$tmp/bob" bob@127.0.0.1 'show privilege' \
    > "$tmp/sixth.out" 2>&1 || rc=$?
rm -f "$tmp/hold5"
wait "$five" || true
if grep -q '^ok 5' "$tmp/five.out" && [ "$rc" = 255 ] &&
    grep -q 'All vty lines are in use' "$tmp/sixth.out"; then
	pass "with line vty 0 4 five sessions work and the sixth is refused"
else
	fail "with line vty 0 4 five sessions work and the sixth is refused (status $rc)"
	cat "$tmp/five.out" "$tmp/sixth.out"
fi

# --- exec-timeout ends an idle session --------------------------------------
cfg 'line vty 0 4' 'exec-timeout 0 2' > /dev/null
start=$(date +%s)
if printf '%s\n' 'expect R_Ent>' 'eof' | drive --log "$tmp/idle.log" -- \
    ssh "${SSHOPTS[@]}" -i "$tmp/bob" -o IdentitiesOnly=yes \
    -o BatchMode=yes bob@127.0.0.1 && [ $(($(date +%s) - start)) -lt 20 ]; then
	pass "exec-timeout 0 2 ends an idle session"
else
	fail "exec-timeout 0 2 ends an idle session"
fi
cfg 'line vty 0 4' 'no exec-timeout' > /dev/null

# --- Bad input -----------------------------------------------------------------
vtyd_pid() { "$RC" status --rundir "$R" | awk '$1 == "vtyd" { print $4 }'; }
before=$(vtyd_pid)
cfg 'ip ssh time-out 3' > /dev/null
cat > "$tmp/blast.py" <<'PY'
import os, socket, sys
ssh, tel = int(sys.argv[1]), int(sys.argv[2])
def blast(port, data):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(data)
        s.settimeout(10)
        while s.recv(65536):
            pass
    except OSError:
        pass
    s.close()
for port in (ssh, tel):
    for n in (1, 100, 65536, 1 << 20):
        blast(port, os.urandom(n))
blast(ssh, b"SSH-2.0-x\r\n" + os.urandom(200000))
blast(tel, b"\xff" * 100000 + b"\xff\xfa" + os.urandom(5000))
print("blasted")
PY
cat > "$tmp/stall.py" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
s.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
t0 = time.monotonic()
s.settimeout(30)
try:
    while s.recv(65536):
        pass
    print("closed after %.0f s" % (time.monotonic() - t0))
except OSError as e:
    print("error %s" % e)
PY
timeout 200 python3 "$tmp/blast.py" "$SSHPORT" "$TELPORT" > "$tmp/bad.out" 2>&1 || true
# A client that stalls in the middle of the handshake, while bob logs in.
timeout 60 python3 "$tmp/stall.py" "$SSHPORT" > "$tmp/stall.out" 2>&1 &
stall=$!
sleep 0.5
ok_login=0
if ssh_key "$tmp/bob" bob@127.0.0.1 'show privilege' 2>&1 |
    grep -q 'Current privilege level'; then
	ok_login=1
fi
wait "$stall" || true
if grep -q blasted "$tmp/bad.out" && [ "$(vtyd_pid)" = "$before" ] &&
    [ "$ok_login" = 1 ] && grep -Eq 'closed after [0-9]+ s' "$tmp/stall.out"; then
	pass "random bytes and a stalled handshake neither crash vtyd nor block other logins; the stall is cut at ip ssh time-out"
else
	fail "random bytes and a stalled handshake neither crash vtyd nor block other logins (pid $before -> $(vtyd_pid), login $ok_login)"
	cat "$tmp/bad.out" "$tmp/stall.out"
fi
cfg 'no ip ssh time-out' > /dev/null
long=$(head -c 300000 /dev/zero | tr '\0' 'A')
printf '%s\n' enable s3cret 'configure terminal' 'ip ssh pubkey-chain' \
    'username bob' 'key-string' "$long" "$long" 'exit' 'end' |
    "$CLI" --rundir "$R" > "$tmp/long.out" 2>&1 || true
if grep -Eq '% Input too long|%SSH: Failed to decode the key value' "$tmp/long.out" &&
    ssh_key "$tmp/bob" bob@127.0.0.1 'show privilege' 2>&1 |
    grep -q 'Current privilege level'; then
	pass "an oversized key-string is refused and the router carries on"
else
	fail "an oversized key-string is refused and the router carries on"
	tail -c 600 "$tmp/long.out"
fi

# --- The window size reaches the shell: paging follows the client's rows ----
if printf '%s\n' 'expect R_Ent>' 'send show version' 'expect --More--' \
    'sendraw q' 'expect R_Ent>' 'send exit' 'eof' |
    drive --rows 12 --log "$tmp/rows.log" -- ssh "${SSHOPTS[@]}" \
    -i "$tmp/bob" -o IdentitiesOnly=yes -o BatchMode=yes bob@127.0.0.1; then
	pass "a 12-row SSH terminal pages show version with --More--"
else
	fail "a 12-row SSH terminal pages show version with --More--"
fi

if printf '%s\n' 'expect R_Ent>' 'send show version' \
    'expect Configuration register is' 'expect R_Ent>' 'resize 80 12' \
    'sleep 1' 'send' 'expect R_Ent>' 'send show version' 'expect --More--' \
    'sendraw q' \
    'expect R_Ent>' 'send exit' 'eof' |
    drive --rows 60 --log "$tmp/winch.log" -- ssh "${SSHOPTS[@]}" \
    -i "$tmp/bob" -o IdentitiesOnly=yes -o BatchMode=yes bob@127.0.0.1 &&
    [ "$(grep -c -- '--More--' "$tmp/winch.log")" = 1 ]; then
	pass "a window-change reaches the shell: 60 rows do not page, then 12 rows do"
else
	fail "a window-change reaches the shell: 60 rows do not page, then 12 rows do"
fi

# --- debug ip ssh: debug lines on the session that asked ---------------------
other="timeout 60 setsid -w ssh ${SSHOPTS[*]} -i $tmp/bob -o IdentitiesOnly=yes -o BatchMode=yes bob@127.0.0.1 'show privilege' < /dev/null > /dev/null 2>&1"
if printf '%s\n' 'expect [Pp]assword:' 'send smith' 'expect R_Ent>' \
    'send enable' 'expect Password:' 'send s3cret' 'expect R_Ent#' \
    'send debug ip ssh' 'expect Incoming SSH debugging is on' \
    'expect R_Ent#' "shell $other" \
    'expect SSH2 1: publickey authentication successful for bob' \
    'send undebug all' 'expect All possible debugging has been turned off' \
    'expect R_Ent#' 'send exit' 'eof' |
    drive --log "$tmp/debug.log" -- ssh "${SSHOPTS[@]}" \
    -o PubkeyAuthentication=no bob@127.0.0.1; then
	pass "debug ip ssh shows another login's SSH2 lines on the session that asked"
else
	fail "debug ip ssh shows another login's SSH2 lines on the session that asked"
fi

# --- line vty 0 98: 99 concurrent sessions, each running a command -----------
cfg 'line vty 0 98' 'login local' 'transport input ssh' > /dev/null
rm -f "$tmp/ready99"
touch "$tmp/hold99"
many 99 --cmd 'show privilege' --expect 'Current privilege level is 1' \
    --ready "$tmp/ready99" --hold "$tmp/hold99" --timeout 200 \
    > "$tmp/n99.out" 2>&1 &
n99=$!
wait_for 200 test -e "$tmp/ready99" || true
"$CLI" --rundir "$R" -c 'show users' > "$tmp/users99.out"
rm -f "$tmp/hold99"
wait "$n99" || true
if grep -q '^ok 99' "$tmp/n99.out" &&
    [ "$(grep -c ' vty [0-9]* *bob ' "$tmp/users99.out")" = 99 ] &&
    grep -q ' 99 vty 98 ' "$tmp/users99.out"; then
	pass "line vty 0 98 holds 99 concurrent sessions, each running a command"
else
	fail "line vty 0 98 holds 99 concurrent sessions, each running a command"
	tail -5 "$tmp/n99.out" "$tmp/users99.out"
fi

# --- telnet with login local ---------------------------------------------------
cfg 'line vty 0 4' 'transport input ssh telnet' > /dev/null
if printf '%s\n' 'expect User Access Verification' 'expect Username:' \
    'send bob' 'expect Password:' 'send nope' 'expect % Login invalid' \
    'expect Username:' 'send bob' 'expect Password:' 'send smith' \
    'expect R_Ent>' 'send show users' 'expect \*  1 vty 0 +bob' \
    'expect R_Ent>' 'send show version' 'expect --More--' 'sendraw q' \
    'expect R_Ent>' 'send exit' 'eof' |
    drive --rows 12 --log "$tmp/telok.log" -- telnet 127.0.0.1 "$TELPORT"; then
	pass "telnet with login local asks Username/Password, refuses a wrong one, and its window size (NAWS) pages output"
else
	fail "telnet with login local asks Username/Password, refuses a wrong one, and its window size (NAWS) pages output"
fi

# --- A user with privilege 15 and a secret runs exec commands at # -----------
if ssh_pw carol1 carol@127.0.0.1 'show privilege' > "$tmp/carol.out" 2>&1 &&
    grep -q 'Current privilege level is 15' "$tmp/carol.out"; then
	pass "username carol privilege 15 secret ...: her exec request runs at privilege 15"
else
	fail "username carol privilege 15 secret ...: her exec request runs at privilege 15"
	cat "$tmp/carol.out"
fi
"$CLI" --rundir "$R" -c 'show line' > "$tmp/line.out"
if [ "$(grep -c '^[ *] *[0-9]* VTY ' "$tmp/line.out")" = 99 ] &&
    grep -Eq '^\* +0 CTY ' "$tmp/line.out" && grep -Eq '^ +99 VTY ' "$tmp/line.out"; then
	pass "show line lists the console and the 99 vty lines"
else
	fail "show line lists the console and the 99 vty lines"
	head -5 "$tmp/line.out"
fi

# --- login with the line password (telnet and SSH) -----------------------------
cfg 'line vty 0 98' 'login' > /dev/null
if printf '%s\n' 'expect Password required, but none set' 'eof' |
    drive --log "$tmp/nopw.log" -- telnet 127.0.0.1 "$TELPORT"; then
	pass "login without a line password refuses telnet: Password required, but none set"
else
	fail "login without a line password refuses telnet: Password required, but none set"
fi
cfg 'line vty 0 98' 'password l1nepw' > /dev/null
if printf '%s\n' 'expect User Access Verification' 'expect Password:' \
    'send wrong' 'expect Password:' 'send l1nepw' 'expect R_Ent>' 'send exit' \
    'eof' | drive --log "$tmp/linepw.log" -- telnet 127.0.0.1 "$TELPORT" &&
    ! grep -q 'Username:' "$tmp/linepw.log" &&
    ssh_pw l1nepw anyone@127.0.0.1 'show privilege' 2>&1 |
    grep -q 'Current privilege level is 1'; then
	pass "login with a line password: telnet asks only Password:, SSH takes it for any user"
else
	fail "login with a line password: telnet asks only Password:, SSH takes it for any user"
fi
cfg 'line vty 0 98' 'login local' 'no password' > /dev/null

# --- What the shell does with a vty's settings ------------------------------------
# A user with privilege 15 logs in at the privileged prompt (IOS: R_Ent#).
priv15_prompt() {
	printf '%s\n' 'expect [Pp]assword:' 'send carol1' 'expect R_Ent[>#]' \
	    'send show privilege' 'expect Current privilege level is 15' \
	    'send exit' 'eof' | drive --log "$tmp/p15.log" -- \
	    ssh "${SSHOPTS[@]}" -o PubkeyAuthentication=no carol@127.0.0.1 \
	    2>/dev/null
}
known priv15-login-prompt \
    "username carol privilege 15: an interactive login starts at R_Ent#" \
    priv15_prompt
# IOS sends no terminal control sequences of its own (automation matches
# prompts byte for byte).
no_escapes() {
	printf '%s\n' 'expect R_Ent>' 'send show privilege' 'expect R_Ent>' \
	    'send exit' 'eof' | drive --log "$tmp/esc.log" -- ssh \
	    "${SSHOPTS[@]}" -i "$tmp/bob" -o IdentitiesOnly=yes \
	    -o BatchMode=yes bob@127.0.0.1 && ! grep -q $'\e\\[?2004' "$tmp/esc.log"
}
known no-bracketed-paste \
    "an SSH session's screen carries no readline escape sequences" no_escapes
# line vty ... length 0: that line never pages, whatever the window.
cfg 'line vty 0 98' 'length 0' > /dev/null
no_paging() {
	printf '%s\n' 'expect R_Ent>' 'send show version' \
	    'expect Configuration register is' 'expect R_Ent>' 'send exit' \
	    'eof' | drive --rows 12 --log "$tmp/len0.log" -- ssh \
	    "${SSHOPTS[@]}" -i "$tmp/bob" -o IdentitiesOnly=yes \
	    -o BatchMode=yes bob@127.0.0.1 2>/dev/null &&
	    ! grep -q -- '--More--' "$tmp/len0.log"
}
known line-length-0 "length 0 on the vty line turns paging off for its sessions" \
    no_paging
cfg 'line vty 0 98' 'no length' > /dev/null

# --- crypto key zeroize rsa: SSH is disabled again -------------------------------
printf '%s\n' enable s3cret 'configure terminal' 'crypto key zeroize rsa' yes \
    end | "$CLI" --rundir "$R" > "$tmp/zero.out"
"$CLI" --rundir "$R" -c 'show ip ssh' > "$tmp/zssh.out"
rc=0
ssh_key "$tmp/bob" bob@127.0.0.1 'show privilege' > "$tmp/zlogin.out" 2>&1 ||
    rc=$?
if grep -q '^Do you really want to remove these keys? \[yes/no\]: yes$' \
    "$tmp/zero.out" && grep -q '%SSH-5-DISABLED: SSH 2.0 has been disabled' \
    "$tmp/zero.out" && [ ! -e "$R/keys/rsa.pem" ] &&
    grep -qx 'SSH Disabled - version 2.0' "$tmp/zssh.out" && [ "$rc" = 255 ]; then
	pass "crypto key zeroize rsa asks, removes the keys, and SSH is disabled"
else
	fail "crypto key zeroize rsa asks, removes the keys, and SSH is disabled (status $rc)"
	cat "$tmp/zero.out" "$tmp/zssh.out"
fi

# --- Under sanitizers: vtyd and cfgd report nothing, leaks included -------------
"$RC" stop --rundir "$R" >/dev/null 2>&1 || true
if grep -Eq 'Sanitizer|runtime error:' "$R"/log/*.log; then
	fail "vtyd and cfgd end the run without a sanitizer report"
	grep -E -A12 'Sanitizer|runtime error:' "$R"/log/*.log | head -60
else
	pass "vtyd and cfgd end the run without a sanitizer report"
fi

if [ "$fails" -gt 0 ]; then
	echo "$fails failed"
	exit 1
fi
echo "all passed"
