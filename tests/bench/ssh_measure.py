#!/usr/bin/env python3
"""Measurements for bench_ssh.sh (not a test).

    ssh_measure.py login N PROMPT -- CLIENT ARGS...
        N logins one after the other: seconds from starting the client
        (which connects at once) to the first prompt; prints "login" and
        the times.
    ssh_measure.py hold N PROMPT PIDFILE-PATTERN -- CLIENT ARGS...
        opens N sessions, waits for every prompt, then prints the memory
        of the processes the sessions added ("mem rss_kb pss_kb procs").

Memory is read from /proc/PID/smaps_rollup (Rss and Pss, kB).
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "topo"))
from ssh_session import Client  # noqa: E402


def mem(pid):
    rss = pss = 0
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def procs(pattern):
    out = subprocess.run(["pgrep", "-f", pattern], capture_output=True,
                         text=True).stdout.split()
    return set(int(p) for p in out if int(p) != os.getpid())


def login(n, prompt, argv):
    times = []
    for _ in range(n):
        t0 = time.monotonic()
        c = Client(argv)
        if not c.expect(prompt, 30):
            print("FAIL: no prompt: %r" % c.buf[-300:], file=sys.stderr)
            c.kill()
            return 1
        times.append(time.monotonic() - t0)
        c.send(b"exit\r")
        c.wait(5)
        c.kill()
    print("login " + " ".join("%.4f" % t for t in times))
    return 0


def hold(n, prompt, pattern, argv):
    before = procs(pattern)
    base = {p: mem(p) for p in before}
    clients = []
    for _ in range(n):
        clients.append(Client(argv))
    for c in clients:
        if not c.expect(prompt, 120):
            print("FAIL: no prompt: %r" % c.buf[-300:], file=sys.stderr)
            for c2 in clients:
                c2.kill()
            return 1
    time.sleep(1)
    after = procs(pattern)
    rss = pss = 0
    for p in after:
        r, s = mem(p)
        if p in base:
            r -= base[p][0]
            s -= base[p][1]
        rss += r
        pss += s
    print("mem %d %d %d" % (rss, pss, len(after - before)))
    for c in clients:
        c.send(b"exit\r")
    for c in clients:
        c.wait(5)
        c.kill()
    return 0


def main():
    if "--" not in sys.argv:
        print(__doc__, file=sys.stderr)
        return 2
    i = sys.argv.index("--")
    args, argv = sys.argv[1:i], sys.argv[i + 1:]
    if args[0] == "login":
        return login(int(args[1]), args[2], argv)
    if args[0] == "hold":
        return hold(int(args[1]), args[2], args[3], argv)
    return 2


if __name__ == "__main__":
    sys.exit(main())
