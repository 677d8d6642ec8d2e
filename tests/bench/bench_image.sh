#!/bin/bash
# The VM image's figures: sizes, seconds from power-on to the console
# prompt and to SSH-ready, idle memory.  Boots the qcow2 under QEMU (TCG
# unless LISPROUTER_IMAGE_ACCEL=kvm), RUNS times (default 3), on a fresh
# overlay each time; prints a table against the issue's goals.
#
#   bench_image.sh --image DIR [--runs N]
set -euo pipefail
image= runs=3
while [ $# -gt 0 ]; do
	case "$1" in
	--image) image=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) echo "usage: bench_image.sh --image DIR [--runs N]" >&2; exit 2 ;;
	esac
done
[ -n "$image" ] || { echo "bench_image.sh: --image DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
exec python3 - "$image" "$runs" "$here/../image" <<'EOF'
import json, os, shutil, statistics, subprocess, sys, tempfile, time
image, runs, vmdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, vmdir)
import vm

accel = os.environ.get("LISPROUTER_IMAGE_ACCEL", "tcg")
tmp = tempfile.mkdtemp(prefix="lisprouter-bench-")
try:
    qcow2 = os.path.join(image, "lisprouter.qcow2")
    ova = os.path.join(image, "lisprouter.ova")
    key = os.path.join(tmp, "k")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key],
                   check=True)
    pub = open(key + ".pub").read().split()
    cfg = ("hostname bench\r\nip domain name example.net\r\n"
           "username admin privilege 15\r\nip ssh pubkey-chain\r\n"
           " username admin\r\n  key-string\r\n%s\r\n  exit\r\n exit\r\n"
           "exit\r\ncrypto key generate rsa modulus 2048\r\n"
           "line vty 0 4\r\n login local\r\n transport input ssh\r\nexit\r\n"
           "interface GigabitEthernet1\r\n ip address 10.0.2.15 "
           "255.255.255.0\r\n no shutdown\r\nend\r\n" % pub[1])
    iso = vm.make_iso(os.path.join(tmp, "day0.iso"),
                      {"iosxe_config.txt": cfg})
    first, floor, prompt, sshr, mem, avail = [], [], [], [], [], []
    for i in range(runs):
        disk = vm.overlay(qcow2, "qcow2", os.path.join(tmp, "r%d.qcow2" % i))
        port = vm.free_port()
        v = vm.VM(tmp, vm.qcow2_args(disk, iso, port), accel=accel)
        v.expect(rb"bench>", 300)
        first.append(v.elapsed())
        v.close()
        # The second boot is the everyday one: no day-0, keys exist.
        v = vm.VM(tmp, vm.qcow2_args(disk, None, port), accel=accel)
        v.expect(rb"Initializing Hardware", 300)
        floor.append(v.elapsed())
        v.expect(rb"bench>", 300)
        prompt.append(v.elapsed())
        t = time.monotonic()
        while not vm.ssh_banner(port, 0.5) and v.elapsed() < 120:
            time.sleep(0.1)
        if vm.ssh_banner(port):
            sshr.append(v.elapsed())
        v.qmp(("qom-set", {"path": "/machine/peripheral/balloon0",
                           "property": "guest-stats-polling-interval",
                           "value": 2}))
        time.sleep(10)
        st = v.qmp(("qom-get", {"path": "/machine/peripheral/balloon0",
                                "property": "guest-stats"}))
        s = st.get("return", {}).get("stats", {})
        if s.get("stat-total-memory", -1) > 0:
            # Used as free(1) counts it: not free, not page cache.
            mem.append((s["stat-total-memory"] - s["stat-free-memory"] -
                        s["stat-disk-caches"]) / 2**20)
            avail.append((s["stat-total-memory"] -
                          s["stat-available-memory"]) / 2**20)
        v.close()

    def med(xs, fmt="%.1f"):
        return fmt % statistics.median(xs) if xs else "n/a"

    size = lambda p: os.path.getsize(p) / 2**20
    print("VM image (%s, %d runs, medians; goals from issue 7; %d MiB VM)"
          % (accel.upper(), runs, 1024))
    print("%-44s %12s %10s %7s" % ("metric", "lisprouter", "goal", "ratio"))
    rows = [
        ("OVA size (MiB)", size(ova), 250),
        ("qcow2 size (MiB)", size(qcow2), 250),
        ("power-on to prompt, first boot + day-0 (s)",
         statistics.median(first) if first else None, None),
        ("power-on to init (BIOS, kernel, initramfs) (s)",
         statistics.median(floor) if floor else None, None),
        ("power-on to console prompt (s)",
         statistics.median(prompt) if prompt else None, 15),
        ("power-on to SSH-ready (s)",
         statistics.median(sshr) if sshr else None, 15),
        ("idle memory used, total-free-cache (MiB)",
         statistics.median(mem) if mem else None, None),
        ("idle memory, total - MemAvailable (MiB)",
         statistics.median(avail) if avail else None, None),
    ]
    for name, val, goal in rows:
        print("%-44s %12s %10s %7s" % (
            name, "n/a" if val is None else "%.1f" % val,
            "-" if goal is None else "< %d" % goal,
            "-" if goal is None or val is None else "%.2f" % (val / goal)))
    print("runs: first %s; init %s; prompt %s; ssh %s; memory %s" % (
        [round(x, 1) for x in first], [round(x, 1) for x in floor],
        [round(x, 1) for x in prompt],
        [round(x, 1) for x in sshr], [round(x) for x in mem]))
finally:
    vm.kill_all()
    shutil.rmtree(tmp, ignore_errors=True)
EOF
