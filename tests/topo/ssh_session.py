#!/usr/bin/env python3
"""Drive a real ssh or telnet client on a pty, as a user at a terminal.

Used by test_ssh.sh and bench_ssh.sh:

    ssh_session.py [options] -- CLIENT ARGS...

reads a script from stdin, one step per line:

    expect REGEX        wait (bounded) until the screen output matches
    send TEXT           type TEXT and Enter (\\r); "send" alone is Enter
    sendraw TEXT        type TEXT as is (Python escapes: \\x1a is Ctrl-Z)
    sleep SECONDS
    shell COMMAND       run COMMAND (sh -c); the step fails if it does
    resize COLS ROWS    change the terminal's size (the client is told)
    eof                 wait for the client to exit; its status is checked
                        against --status if given
    # comment

Every byte the client printed is written to --log (or stdout).  Exit 0
when every step passed, 1 with "FAIL: step N: ..." otherwise.
"""
import argparse
import codecs
import os
import pty
import re
import select
import signal
import sys
import time


class Client:
    def __init__(self, argv, cols=80, rows=24, env=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], argv, env or os.environ)
            finally:
                os._exit(127)
        import fcntl
        import struct
        import termios
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        self.buf = b""
        self.seen = 0
        self.status = None
        self.log = b""

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            return False
        self.buf += data
        self.log += data
        return True

    def expect(self, pattern, timeout):
        rx = re.compile(pattern.encode(), re.M)
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf, self.seen)
            if m:
                self.seen = m.end()
                return True
            left = end - time.monotonic()
            if left <= 0:
                return False
            if not self._read(min(left, 0.2)):
                m = rx.search(self.buf, self.seen)
                if m:
                    self.seen = m.end()
                    return True
                return False

    def send(self, data):
        os.write(self.fd, data)

    def wait(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._read(0.1)
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._read(0.05):
                    if not select.select([self.fd], [], [], 0)[0]:
                        break
                self.status = os.waitstatus_to_exitcode(st)
                return True
        return False

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--log")
    ap.add_argument("--status", type=int)
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("argv", nargs="+")
    a = ap.parse_args()
    steps = [l.rstrip("\n") for l in sys.stdin]
    c = Client(a.argv, a.cols, a.rows)
    ok = True
    for n, step in enumerate(steps, 1):
        if not step.strip() or step.lstrip().startswith("#"):
            continue
        op, _, arg = step.partition(" ")
        if op == "expect":
            if not c.expect(arg, a.timeout):
                print("FAIL: step %d: no match for %r" % (n, arg),
                      file=sys.stderr)
                ok = False
                break
        elif op == "send":
            c.send(arg.encode() + b"\r")
        elif op == "sendraw":
            c.send(codecs.decode(arg, "unicode_escape").encode("latin-1"))
        elif op == "sleep":
            time.sleep(float(arg))
        elif op == "resize":
            import fcntl
            import struct
            import termios
            cols, rows = (int(x) for x in arg.split())
            fcntl.ioctl(c.fd, termios.TIOCSWINSZ,
                        struct.pack("HHHH", rows, cols, 0, 0))
        elif op == "shell":
            import subprocess
            if subprocess.run(arg, shell=True).returncode != 0:
                print("FAIL: step %d: %r failed" % (n, arg), file=sys.stderr)
                ok = False
                break
        elif op == "eof":
            if not c.wait(a.timeout):
                print("FAIL: step %d: the client did not exit" % n,
                      file=sys.stderr)
                ok = False
                break
            if a.status is not None and c.status != a.status:
                print("FAIL: step %d: exit status %s, not %d" %
                      (n, c.status, a.status), file=sys.stderr)
                ok = False
                break
        else:
            print("FAIL: step %d: unknown step %r" % (n, op),
                  file=sys.stderr)
            ok = False
            break
    c.kill()
    out = c.log.decode("utf-8", "replace")
    if a.log:
        with open(a.log, "w") as f:
            f.write(out)
    else:
        sys.stdout.write(out)
    if not ok and a.log:
        sys.stderr.write("---- screen (tail):\n" + out[-2000:] + "\n----\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
