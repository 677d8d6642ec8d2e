#!/usr/bin/env python3
"""Hold many concurrent client sessions (ssh or telnet) on ptys.

    ssh_many.py --count N [--cmd CMD --expect REGEX] [--ready FILE]
                [--hold FILE] [--timeout S] -- CLIENT ARGS...

Starts N clients, waits until every one shows --prompt, runs --cmd in each
and checks its output for --expect, touches --ready, then keeps them all
open while --hold exists (bounded by --timeout), and logs them out.
Prints "ok N" or "FAIL: ..." and exits 0 or 1.  Connection times (start
to first prompt) are printed with --times.
"""
import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ssh_session import Client  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--prompt", default=r"[>#]\s*$")
    ap.add_argument("--cmd")
    ap.add_argument("--expect")
    ap.add_argument("--ready")
    ap.add_argument("--hold")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--times", action="store_true")
    ap.add_argument("argv", nargs="+")
    a = ap.parse_args()
    clients, started = [], []
    for _ in range(a.count):
        started.append(time.monotonic())
        clients.append(Client(a.argv))
    end = time.monotonic() + a.timeout
    times = []
    for i, c in enumerate(clients):
        if not c.expect(a.prompt, max(end - time.monotonic(), 0.1)):
            print("FAIL: session %d: no prompt; screen: %r" %
                  (i + 1, c.buf[-300:]))
            for c2 in clients:
                c2.kill()
            return 1
        times.append(time.monotonic() - started[i])
    ok = True
    if a.cmd:
        for i, c in enumerate(clients):
            c.send(a.cmd.encode() + b"\r")
        for i, c in enumerate(clients):
            if a.expect and not c.expect(a.expect,
                                         max(end - time.monotonic(), 0.1)):
                print("FAIL: session %d: no %r after %r" %
                      (i + 1, a.expect, a.cmd))
                ok = False
    if a.ready:
        open(a.ready, "w").close()
    while a.hold and os.path.exists(a.hold) and time.monotonic() < end:
        for c in clients:
            c._read(0)
        time.sleep(0.1)
    for c in clients:
        c.send(b"exit\r")
    for c in clients:
        c.wait(5)
        c.kill()
    if a.times:
        print("times %s" % " ".join("%.4f" % t for t in times))
    if ok:
        print("ok %d" % a.count)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
