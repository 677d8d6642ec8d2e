#!/usr/bin/env python3
"""The interactive shell on a real terminal behaves as an IOS console.

Runs `cli --rundir DIR` on a pseudo-terminal (the readline path, not the
transcript path) against a running router and checks: the Router> prompt,
TAB completion, `?` help with the line redrawn, history recall with the up
arrow, Ctrl-Z out of a configuration mode, the --More-- pager (Space, Enter,
q), `terminal length 0`, the window size used as the terminal width, and
Ctrl-D ending the session with exit status 0.

Runs from the build directory (make check's cwd) or with $abs_top_builddir
set; needs no root.  Python standard library only; every wait is bounded.
Checks listed in tests/KNOWN-FAILURES as "pty/<id> reason" are expected to
fail (a listed check that passes fails the test, so the list stays true).
"""

import errno
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

BUILD = os.environ.get("abs_top_builddir") or os.getcwd()
SRCDIR = os.environ.get("srcdir") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
RC = os.path.join(BUILD, "platform", "routerctl")
CLI = os.path.join(BUILD, "cli", "cli")

fails = 0
xfails = 0


def known_failures():
    """The ids of this suite's checks listed in tests/KNOWN-FAILURES."""
    ids = {}
    path = os.path.join(SRCDIR, "tests", "KNOWN-FAILURES")
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("pty/"):
                    name, _, reason = line.rstrip("\n").partition(" ")
                    ids[name[len("pty/"):]] = reason
    except FileNotFoundError:
        pass
    return ids


KNOWN = known_failures()


def check(cid, what, cond, detail=""):
    """Reports one check; cid is its id for tests/KNOWN-FAILURES."""
    global fails, xfails
    if cid in KNOWN:
        if cond and KNOWN[cid].startswith("(intermittent)"):
            print("ok: %s [pty/%s: known intermittent failure, not seen "
                  "this time]" % (what, cid))
        elif cond:
            print("FAIL: %s [pty/%s passes: remove it from "
                  "tests/KNOWN-FAILURES]" % (what, cid))
            fails += 1
        else:
            print("XFAIL (known): %s [pty/%s]" % (what, cid))
            xfails += 1
        return cond
    if cond:
        print("ok: %s" % what)
    else:
        print("FAIL: %s [pty/%s]" % (what, cid))
        if detail:
            for line in detail.splitlines()[-25:]:
                print("    | %r" % line)
        fails += 1
    sys.stdout.flush()
    return cond


class Term:
    """cli on the slave side of a pty; we hold the master."""

    def __init__(self, rundir, rows=24, cols=80):
        self.buf = b""
        self.pos = 0
        pid, fd = os.forkpty()
        if pid == 0:
            try:
                # The size is set before the shell starts, as a terminal
                # emulator would.
                fcntl.ioctl(0, termios.TIOCSWINSZ,
                            struct.pack("HHHH", rows, cols, 0, 0))
                os.environ["TERM"] = "xterm"
                os.environ["INPUTRC"] = "/dev/null"
                os.execv(CLI, [CLI, "--rundir", rundir])
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.status = None

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        os.write(self.fd, data)

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:
            if e.errno == errno.EIO:
                return None
            raise
        if not data:
            return None
        self.buf += data
        return True

    def expect(self, pattern, timeout=5.0):
        """Waits for pattern (bytes regex) after the last match; returns
        the match or None.  Consumes the text up to the match's end."""
        rx = re.compile(pattern, re.S)
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.monotonic()
            if left <= 0:
                return None
            if self._read(left) is None:
                m = rx.search(self.buf, self.pos)
                if m:
                    self.pos = m.end()
                return m

    def settle(self, quiet=0.3, timeout=3.0):
        """Reads until no output for `quiet` seconds; returns the new
        text since the last match (not consumed)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self._read(quiet):
                break
        return self.buf[self.pos:]

    def skip(self):
        """Consumes everything received so far."""
        self.pos = len(self.buf)

    def recent(self):
        return self.buf[max(0, self.pos - 2000):].decode(errors="replace")

    def wait(self, timeout=5.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = status
                return status
            try:
                self._read(0.1)
            except OSError:
                time.sleep(0.1)
        return None

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.status = -1
        try:
            os.close(self.fd)
        except OSError:
            pass


def cfgd_pid(rundir):
    out = subprocess.run([RC, "status", "--rundir", rundir],
                         capture_output=True, text=True, timeout=10).stdout
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == "cfgd" and len(f) > 3:
            return f[3]
    return ""


def cfgd_answers(rundir):
    return subprocess.run([CLI, "--rundir", rundir, "-c", "show privilege"],
                          capture_output=True, timeout=10).returncode == 0


def text(b):
    return b.decode(errors="replace")


MORE = b" --More-- "
ERASE = b"\b" * len(MORE) + b" " * len(MORE) + b"\b" * len(MORE)


def screen(b):
    """The lines a terminal shows for output b: readline's bracketed-paste
    switches dropped, and a --More-- marker that was erased (the next line
    overwrites it) removed with its erase sequence."""
    b = re.sub(rb"\x1b\[\?2004l\r?|\x1b\[\?2004h", b"", b)
    b = b.replace(MORE + ERASE, b"")
    if b.startswith(ERASE):
        b = b[len(ERASE):]
    return b.split(b"\r\n")


def san_reports(data):
    """(known, unknown) sanitizer reports in data.  Known: LeakSanitizer
    reports whose every frame is in libevent (a connection a daemon freed
    with a deferred callback queued, stopped just as its peer went away;
    ipc_base_free releases it)."""
    known = unknown = 0
    inb = lsan = other = False
    for line in data.decode(errors="replace").splitlines():
        if re.search(r"==\d+==ERROR: ", line):
            inb, lsan, other = True, "LeakSanitizer" in line, False
        elif inb and re.match(r"\s*#\d+ ", line):
            if not re.search(r"asan_malloc_linux|libevent", line):
                other = True
        elif inb and line.startswith("SUMMARY: "):
            inb = False
            if lsan and not other:
                known += 1
            else:
                unknown += 1
        if "runtime error:" in line:
            unknown += 1
    return known, unknown


def san_check(tmp, terms):
    """No sanitizer report on the terminals or in the daemons' logs."""
    with open(CLI, "rb") as f:
        if b"__asan_init" not in f.read():
            print("skip: no sanitizer report on the terminals or in the "
                  "logs (not a sanitizer build)")
            return
    known = unknown = 0
    where = []
    blobs = [("terminal %d" % i, t.buf) for i, t in enumerate(terms)]
    for root, _, files in os.walk(tmp):
        for name in files:
            try:
                with open(os.path.join(root, name), "rb") as f:
                    blobs.append((os.path.join(root, name), f.read()))
            except OSError:
                pass
    for name, data in blobs:
        k, u = san_reports(data)
        known += k
        unknown += u
        if u:
            where.append(name)
    check("no-sanitizer-report", "no sanitizer report on the terminals or "
          "in the logs", unknown == 0, repr(where))
    check("cfgd-stop-leak", "no daemon leaks a connection when the router is stopped",
          known == 0)


def main():
    for p in (RC, CLI):
        if not os.access(p, os.X_OK):
            print("missing %s (run from the build directory)" % p,
                  file=sys.stderr)
            return 99
    tmp = tempfile.mkdtemp(prefix="pty-test.",
                           dir=os.environ.get("TMPDIR", "/tmp"))
    rundir = os.path.join(tmp, "r1")
    terms = []
    t_start = time.monotonic()
    try:
        subprocess.run([RC, "start", "--rundir", rundir], check=True,
                       timeout=20)
        run_checks(rundir, terms)
    finally:
        for t in terms:
            t.close()
        subprocess.run([RC, "stop", "--rundir", rundir], timeout=20,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        san_check(tmp, terms)
        left = subprocess.run(["pgrep", "-f", tmp], capture_output=True,
                              text=True).stdout.split()
        check("no-leftovers", "no process is left running from the test "
              "directory", not left, " ".join(left))
        shutil.rmtree(tmp, ignore_errors=True)
    print("pty test took %.1f s" % (time.monotonic() - t_start))
    if fails:
        print("%d checks failed" % fails, file=sys.stderr)
        return 1
    print("all pty checks passed (%d known failures)" % xfails)
    return 0


def run_checks(rundir, terms):
    t = Term(rundir, rows=24, cols=80)
    terms.append(t)

    # --- the user prompt
    check("prompt", "the session starts at the Router> prompt",
          t.expect(rb"Router>$|Router>", 5) is not None, t.recent())
    t.settle(0.2)
    t.skip()

    # --- TAB completes a unique keyword
    t.send("en\t")
    m = t.expect(rb"able ", 3)
    line = t.settle(0.2)
    check("tab", "en + TAB completes to \"enable \"", m is not None and
          b"enable " in t.buf[-200:], t.recent())
    t.send("\r")
    check("enable", "enable then gives the Router# prompt",
          t.expect(rb"Router#", 3) is not None, t.recent())
    t.settle(0.2)
    t.skip()

    # --- ? after "show " lists the keywords and redraws the line
    t.send("show ?")
    t.expect(rb"\?", 2)
    out = t.settle(0.4)
    t.skip()
    words = [w for w in (b"running-config", b"startup-config", b"version",
                         b"clock", b"history", b"privilege")]
    listed = all(re.search(rb"\n  " + re.escape(w) + rb" +\S", out)
                 for w in words)
    check("help-list", "? after \"show \" lists the show keywords with "
          "their help", listed, text(out))
    check("help-redraw", "after the list the line is redrawn as "
          "\"Router#show \" after a blank line",
          out.endswith(b"\r\n\r\nRouter#show "), text(out))
    t.send("clock\r")
    check("help-continue", "the redrawn line can be completed "
          "(show clock runs)", t.expect(rb"\d\d:\d\d:\d\d\.\d{3} UTC", 3)
          is not None, t.recent())
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()

    # --- up arrow recalls the previous command
    t.send("show privilege\r")
    t.expect(rb"Current privilege level is 15", 3)
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()
    t.send("\x1b[A")
    out = t.settle(0.4)
    check("history", "up arrow recalls the previous command",
          b"show privilege" in out, text(out))
    t.send("\r")
    check("history-run", "the recalled command runs again",
          t.expect(rb"Current privilege level is 15", 3) is not None,
          t.recent())
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()

    # --- Ctrl-Z leaves configuration mode from any depth
    t.send("configure terminal\r")
    check("conf-t", "configure terminal gives Router(config)#",
          t.expect(rb"Router\(config\)#", 3) is not None, t.recent())
    t.send("interface gi1\r")
    check("int", "interface gi1 gives Router(config-if)#",
          t.expect(rb"Router\(config-if\)#", 3) is not None, t.recent())
    t.settle(0.2)
    t.skip()
    t.send("\x1a")
    out_z = t.expect(rb"\^Z", 3)
    out = t.settle(0.5)
    check("ctrl-z-echo", "Ctrl-Z prints ^Z after the prompt",
          out_z is not None and
          t.buf[:t.pos].endswith(b"Router(config-if)#^Z"), t.recent())
    check("ctrl-z-prompt", "Ctrl-Z returns to Router#",
          re.search(rb"\n\r?Router#", out) is not None, text(out))
    check("ctrl-z-log", "leaving config mode logs %SYS-5-CONFIG_I",
          re.search(rb"\*\w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3}: "
                    rb"%SYS-5-CONFIG_I: Configured from console by console",
                    out) is not None, text(out))
    t.send("\r")
    check("ctrl-z-exec", "after Ctrl-Z the session is at exec "
          "(a bare Enter gives Router#)",
          t.expect(rb"Router#", 3) is not None, t.recent())
    t.settle(0.2)
    t.skip()

    # --- the --More-- pager
    full = subprocess.run([CLI, "--rundir", rundir, "-c",
                           "show running-config"], capture_output=True,
                          timeout=10).stdout.split(b"\n")
    t.send("terminal length 24\r")
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()
    t.send("show running-config\r")
    mark0 = len(t.buf)
    m = t.expect(rb" --More-- ", 5)
    check("more", "show running-config stops at \" --More-- \"",
          m is not None, t.recent())
    after = t.settle(0.3)
    check("more-waits", "the pager waits at the marker for a key",
          after == b"", text(after))
    lines1 = screen(t.buf[mark0:t.pos])[1:]
    check("more-page", "the first page holds 23 lines (length 24 less the "
          "marker line), then the marker",
          lines1 == full[:23] + [b" --More-- "],
          "%d lines: %r" % (len(lines1), lines1))
    mark = t.pos
    t.send(" ")
    m = t.expect(rb" --More-- ", 5)
    lines2 = screen(t.buf[mark:t.pos])
    check("more-erase", "a key erases the marker (backspaces, spaces, "
          "backspaces) before the output goes on",
          t.buf[mark:mark + 30] == ERASE, repr(t.buf[mark:mark + 30]))
    check("more-space", "Space shows the next page (23 more lines)",
          m is not None and lines2 == full[23:46] + [b" --More-- "],
          "%d lines: %r" % (len(lines2), lines2[:3]))
    mark = t.pos
    t.send("\r")
    m = t.expect(rb" --More-- ", 5)
    lines3 = screen(t.buf[mark:t.pos])
    check("more-enter", "Enter shows one more line",
          m is not None and lines3 == [full[46], b" --More-- "],
          repr(lines3))
    mark = t.pos
    t.send("q")
    t.expect(rb"Router#", 3)
    out = t.settle(0.3)
    lines4 = screen(t.buf[mark:])
    check("more-quit", "q stops the output and the prompt returns",
          lines4 == [b"Router#"], repr(lines4))
    t.skip()

    # --- terminal length 0: no pager
    t.send("terminal length 0\r")
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()
    mark = t.pos
    t.send("show running-config\r")
    m = t.expect(rb"\r\nend\r\n.*Router#", 5)
    lines = screen(t.buf[mark:t.pos])
    check("length-0", "terminal length 0 shows it all without --More--",
          m is not None and lines[1:-1] == full[:-1], t.recent())
    t.settle(0.2)
    t.skip()

    # --- cfgd restarting under a session in interface mode: the session
    # keeps its mode and its next line applies to the same interface.
    t.send("configure terminal\r")
    t.expect(rb"Router\(config\)#", 3)
    t.send("interface GigabitEthernet2\r")
    t.expect(rb"Router\(config-if\)#", 3)
    t.settle(0.2)
    t.skip()
    old = cfgd_pid(rundir)
    os.kill(int(old), signal.SIGKILL)
    end = time.monotonic() + 8
    new = old
    while time.monotonic() < end and (new in (old, "-", "") or
                                      not cfgd_answers(rundir)):
        time.sleep(0.1)
        new = cfgd_pid(rundir)
    check("cfgd-back", "routerctl brings a killed cfgd back",
          new not in (old, "-", ""))
    mark = t.pos
    t.send("description after a cfgd restart\r")
    m = t.expect(rb"Router\(config-if\)#", 5)
    lines = screen(t.buf[mark:t.pos])
    check("restart-mode", "after cfgd restarts the session is still in "
          "interface mode and the line is accepted", m is not None and
          lines == [b"description after a cfgd restart",
                    b"Router(config-if)#"], repr(lines))
    t.send("end\r")
    t.expect(rb"Router#", 3)
    t.settle(0.3)
    t.skip()
    run = subprocess.run([CLI, "--rundir", rundir, "-c",
                          "show running-config interface GigabitEthernet2"],
                         capture_output=True, timeout=10).stdout
    check("restart-applied", "the line went to the same interface",
          b"interface GigabitEthernet2\n description after a cfgd "
          b"restart\n" in run, text(run))

    # --- Ctrl-D at exec ends the session with status 0
    t.send("\x04")
    st = t.wait(5)
    check("ctrl-d", "Ctrl-D at exec ends the session with exit status 0",
          st is not None and os.WIFEXITED(st) and
          os.WEXITSTATUS(st) == 0, "status %r" % (st,))

    # --- the window size is the terminal width (and length)
    width_checks(rundir, terms)


def width_checks(rundir, terms):
    # A 40-column terminal: help text wraps under the help column.
    t = Term(rundir, rows=10, cols=40)
    terms.append(t)
    t.expect(rb"Router>", 5)
    t.settle(0.2)
    t.skip()
    t.send("enable\r")
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()
    t.send("terminal ?")
    out = t.settle(0.5)
    lines = [l for l in out.split(b"\r\n") if l.startswith(b"  ")]
    check("width-wrap", "help in a 40-column window wraps within 40 "
          "columns", lines and max(len(l) for l in lines) < 40 and
          len(lines) > 2, text(out))
    t.send("\x15")          # Ctrl-U: discard the line
    t.settle(0.2)
    t.skip()
    # A 10-row window pages after 9 screen lines; in 40 columns the
    # 71-character "! Last configuration change" line takes two.
    mark = t.pos
    t.send("show running-config\r")
    m = t.expect(rb" --More-- ", 5)
    seg = screen(t.buf[mark:t.pos])[1:]
    rows = sum(max(1, -(-len(l) // 40)) for l in seg[:-1])
    check("rows-length", "a 10-row, 40-column window pages after 9 screen "
          "lines, counting a wrapped line twice",
          m is not None and seg[-1] == MORE and rows == 9 and
          any(len(l) > 40 for l in seg[:-1]), repr(seg))
    t.send("q")
    t.expect(rb"Router#", 3)
    t.settle(0.2)
    t.skip()

    # Resizing the window (TIOCSWINSZ, which sends SIGWINCH) changes the
    # width the help is formatted for, as it changes readline's.
    fcntl.ioctl(t.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 10, 30, 0, 0))
    time.sleep(0.2)
    t.send("terminal ?")
    out = t.settle(0.5)
    lines = [l for l in out.split(b"\r\n") if l.startswith(b"  ")]
    check("resize-wrap", "after the window shrinks to 30 columns, help "
          "wraps within 30 columns", lines and
          max(len(l) for l in lines) < 30, text(out))
    t.send("\x15")
    t.settle(0.2)
    t.skip()
    t.send("exit\r")
    st = t.wait(5)
    check("exit", "exit ends the session with exit status 0",
          st is not None and os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0,
          "status %r" % (st,))


if __name__ == "__main__":
    sys.exit(main())
