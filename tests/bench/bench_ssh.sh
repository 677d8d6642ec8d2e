#!/bin/bash
# Benchmark of secure management (issue 5), not part of make check:
#  1. time from TCP connect to the first prompt for a key login, ours
#     (vtyd -> cli) against OpenSSH's sshd logging root into bash on the
#     same machine, in the same run, with the same client, client key and
#     host key type (RSA 2048), alternating;
#  2. memory per idle session (RSS and PSS of what a session adds);
#  3. 99 concurrent sessions (line vty 0 98): total RSS and PSS.
#
# Usage (as root, from the build directory or with $abs_top_builddir):
#   tests/bench/bench_ssh.sh [LOGINS]      (default 30 logins each)
# Needs openssh-server (/usr/sbin/sshd) and openssh-client.
set -euo pipefail

builddir=${abs_top_builddir:-$PWD}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
RC=$builddir/platform/routerctl
CLI=$builddir/cli/cli
MEASURE=$srcdir/tests/bench/ssh_measure.py
N=${1:-30}
for f in "$RC" "$CLI" /usr/sbin/sshd; do
	if [ ! -x "$f" ]; then
		echo "missing $f (build first; apt-get install openssh-server)" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-ssh.XXXXXX")
chmod 755 "$tmp"
R=$tmp/r
cleanup() {
	"$RC" stop --rundir "$R" >/dev/null 2>&1 || true
	[ -f "$tmp/sshd.pid" ] && kill "$(cat "$tmp/sshd.pid")" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Ours.
mkdir -m 755 "$R"
PORT=$(free_port)
printf 'listen 127.0.0.1\nssh-port %s\ntelnet-port 0\n' "$PORT" > "$R/vtyd.conf"
"$RC" start --rundir "$R" >/dev/null
ssh-keygen -q -t ed25519 -N '' -C bench@client -f "$tmp/key"
mapfile -t folded < <(fold -b -w 72 "$tmp/key.pub")
args=(-c 'configure terminal' -c 'hostname R_Bench'
    -c 'ip domain name example.com' -c 'crypto key generate rsa modulus 2048'
    -c 'username bob privilege 15 password 0 smith' -c 'line vty 0 98'
    -c 'login local' -c 'transport input ssh' -c 'exec-timeout 0 0'
    -c 'exit' -c 'ip ssh pubkey-chain' -c 'username bob' -c 'key-string')
for l in "${folded[@]}"; do args+=(-c "$l"); done
args+=(-c exit -c end)
"$CLI" --rundir "$R" "${args[@]}" > /dev/null
for i in $(seq 50); do [ -S "$R/vtyd.sock" ] && break; sleep 0.1; done

# OpenSSH: its own configuration, host key and authorized key.
SPORT=$(free_port)
ssh-keygen -q -t rsa -b 2048 -N '' -f "$tmp/ssh_host_rsa_key"
cp "$tmp/key.pub" "$tmp/authorized_keys"
mkdir -p /run/sshd
cat > "$tmp/sshd_config" <<EOF
Port $SPORT
ListenAddress 127.0.0.1
HostKey $tmp/ssh_host_rsa_key
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
MaxStartups 200
ForceCommand /bin/bash --noprofile --norc -i
EOF
/usr/sbin/sshd -f "$tmp/sshd_config" -E "$tmp/sshd.log"
for i in $(seq 50); do [ -s "$tmp/sshd.pid" ] && break; sleep 0.1; done

CLIENT=(ssh -tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -i "$tmp/key")
OURS=("${CLIENT[@]}" -p "$PORT" bob@127.0.0.1)
THEIRS=("${CLIENT[@]}" -p "$SPORT" root@127.0.0.1)
OURPROMPT='R_Bench[>#]'
THEIRPROMPT='# $'

# Warm up both (page cache, first-time costs), then alternate rounds.
python3 "$MEASURE" login 2 "$OURPROMPT" -- "${OURS[@]}" > /dev/null
python3 "$MEASURE" login 2 "$THEIRPROMPT" -- "${THEIRS[@]}" > /dev/null
: > "$tmp/ours.t"
: > "$tmp/theirs.t"
rounds=$(( (N + 4) / 5 ))
for r in $(seq "$rounds"); do
	python3 "$MEASURE" login 5 "$OURPROMPT" -- "${OURS[@]}" |
	    sed 's/^login //' | tr ' ' '\n' >> "$tmp/ours.t"
	python3 "$MEASURE" login 5 "$THEIRPROMPT" -- "${THEIRS[@]}" |
	    sed 's/^login //' | tr ' ' '\n' >> "$tmp/theirs.t"
done

stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		printf "%.1f %.1f %.1f\n", v[int((NR + 1) / 2)] * 1000,
		    v[int(NR * 0.9 + 0.5)] * 1000, v[1] * 1000 }'
}
read -r om op ob < <(stats "$tmp/ours.t")
read -r tm tp tb < <(stats "$tmp/theirs.t")

# Memory: 10 idle sessions each, then 99 of ours (and of sshd's).
OURPAT="(cli|vtyd) --rundir $R"
THEIRPAT="sshd: root|bash --noprofile --norc"
read -r _ orss opss oprocs < <(python3 "$MEASURE" hold 10 "$OURPROMPT" \
    "$OURPAT" -- "${OURS[@]}")
read -r _ trss tpss tprocs < <(python3 "$MEASURE" hold 10 "$THEIRPROMPT" \
    "$THEIRPAT" -- "${THEIRS[@]}")
read -r _ o99rss o99pss o99procs < <(python3 "$MEASURE" hold 99 \
    "$OURPROMPT" "$OURPAT" -- "${OURS[@]}")
read -r _ t99rss t99pss t99procs < <(python3 "$MEASURE" hold 99 \
    "$THEIRPROMPT" "$THEIRPAT" -- "${THEIRS[@]}")

samples=$(wc -l < "$tmp/ours.t")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
printf 'SSH key login, TCP connect to first prompt (%s logins each, ms)\n' \
    "$samples"
printf '%-34s %10s %10s %10s\n' "" median p90 best
printf '%-34s %10s %10s %10s\n' "lisprouter vtyd -> cli" "$om" "$op" "$ob"
printf '%-34s %10s %10s %10s\n' "OpenSSH sshd -> bash" "$tm" "$tp" "$tb"
printf '%-34s %10s %10s %10s\n' "ratio (ours / sshd)" "$(ratio "$om" "$tm")" \
    "$(ratio "$op" "$tp")" "$(ratio "$ob" "$tb")"
echo
echo "Memory added by idle sessions (kB; PSS shares libraries fairly)"
printf '%-34s %10s %10s %10s\n' "" "RSS" "PSS" "processes"
printf '%-34s %10s %10s %10s\n' "ours, per session (10 open)" \
    "$((orss / 10))" "$((opss / 10))" "$oprocs"
printf '%-34s %10s %10s %10s\n' "sshd, per session (10 open)" \
    "$((trss / 10))" "$((tpss / 10))" "$tprocs"
printf '%-34s %10s %10s %10s\n' "ours, 99 sessions in total" "$o99rss" \
    "$o99pss" "$o99procs"
printf '%-34s %10s %10s %10s\n' "sshd, 99 sessions in total" "$t99rss" \
    "$t99pss" "$t99procs"
printf '%-34s %10s %10s\n' "ratio (ours / sshd), 99 sessions" \
    "$(ratio "$o99rss" "$t99rss")" "$(ratio "$o99pss" "$t99pss")"
