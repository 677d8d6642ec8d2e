#!/usr/bin/env python3
"""Times a shell from exec to its first prompt on a pseudo-terminal.

  first_prompt.py --runs N --expect TEXT -- COMMAND [ARG]...

Runs COMMAND N times on a fresh pty, measures from just before the fork to
the moment TEXT has been read from the pty, then types `exit` and waits for
the shell to leave (killing it after 5 s).  Prints one line:
  median_ms p95_ms min_ms
Exits 1 if a run never printed TEXT within 5 s.
"""
import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import time


def one_run(cmd, expect):
    master, slave = os.openpty()
    t0 = time.monotonic_ns()
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                         start_new_session=True, close_fds=True)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 5
    elapsed = None
    try:
        while time.monotonic() < deadline:
            r, _, _ = select.select([master], [], [], 0.05)
            if not r:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if expect in seen:
                elapsed = time.monotonic_ns() - t0
                break
        if elapsed is not None:
            os.write(master, b"exit\r")
            end = time.monotonic() + 5
            while p.poll() is None and time.monotonic() < end:
                r, _, _ = select.select([master], [], [], 0.05)
                if r:
                    try:
                        os.read(master, 4096)
                    except OSError:
                        pass
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        os.close(master)
    if elapsed is None:
        sys.stderr.write("first_prompt.py: no %r from %s; got %r\n" %
                         (expect, cmd[0], seen[-200:]))
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--expect", required=True)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    times = []
    for _ in range(a.runs):
        t = one_run(cmd, a.expect.encode())
        if t is None:
            return 1
        times.append(t / 1e6)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print("%.2f %.2f %.2f" % (statistics.median(times), p95, times[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
