#!/usr/bin/env python3
"""A hostile peer on a daemon's IPC socket (platform/ipc.h framing).

Usage: ipc_garbage.py SOCKET PID

Each case opens its own connection and misbehaves: random bytes, a header
that announces 4 GiB, a valid header whose field runs past the frame, a
request before the hello, a wrong protocol version, a frame cut short, a
slowloris hello (one byte per 100 ms for 2 s), a peer that never reads its
replies, and many idle connections.  After each case a well-behaved client
must still get an answer quickly, and the daemon (PID) must still run.
Prints "ok: ..." / "FAIL: ..." per check; exit status 1 if any failed.
Checks listed in tests/KNOWN-FAILURES as "badinput/ipc-<id> reason" are
expected to fail.  Python standard library only; every wait is bounded.
"""

import os
import socket
import struct
import sys
import threading
import time

IPC_VERSION = 1
HELLO, RESULT, DATA, END = 1, 2, 3, 4
SHOW_RUNNING, SYS_INFO = 100, 102
T_VERSION, T_NAME, T_STATUS, T_TEXT = 1, 2, 3, 4
K_U32, K_U64, K_STR, K_BYTES = 1, 2, 3, 4

SRCDIR = os.environ.get("srcdir") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..")
fails = 0
xfails = 0


def known_failures():
    ids = set()
    try:
        with open(os.path.join(SRCDIR, "tests", "KNOWN-FAILURES"),
                  encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("badinput/ipc-"):
                    ids.add(line.split()[0][len("badinput/"):])
    except FileNotFoundError:
        pass
    return ids


KNOWN = known_failures()


def check(cid, what, cond, detail=""):
    global fails, xfails
    cid = "ipc-" + cid
    if cid in KNOWN:
        if cond:
            print("FAIL: %s [badinput/%s passes: remove it from "
                  "tests/KNOWN-FAILURES]" % (what, cid))
            fails += 1
        else:
            print("XFAIL (known): %s [badinput/%s]" % (what, cid))
            xfails += 1
    elif cond:
        print("ok: %s" % what)
    else:
        print("FAIL: %s [badinput/%s]%s" % (what, cid,
                                            ": " + detail if detail else ""))
        fails += 1
    sys.stdout.flush()
    return cond


def field(tag, kind, data):
    return struct.pack("!HBBI", tag, kind, 0, len(data)) + data


def u32(tag, v):
    return field(tag, K_U32, struct.pack("!I", v))


def sstr(tag, s):
    return field(tag, K_STR, s.encode() + b"\0")


def frame(mtype, reqid, payload, version=IPC_VERSION, length=None):
    if length is None:
        length = len(payload)
    return struct.pack("!BBHII", version, 0, mtype, reqid, length) + payload


def hello(reqid=1, version=IPC_VERSION):
    return frame(HELLO, reqid, u32(T_VERSION, version) +
                 sstr(T_NAME, "ipc-garbage"), version=version)


def connect(path, timeout=5.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # A blocking connect waits for room in the listen queue (a non-blocking
    # one fails with EAGAIN as soon as the queue is full).
    s.connect(path)
    s.settimeout(timeout)
    return s


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def recv_frame(s):
    """(type, reqid, fields) or None at end of stream."""
    hdr = recv_exact(s, 12)
    if hdr is None:
        return None
    _, _, mtype, reqid, length = struct.unpack("!BBHII", hdr)
    payload = recv_exact(s, length) if length else b""
    if payload is None:
        return None
    fields = {}
    off = 0
    while off + 8 <= len(payload):
        tag, kind, _, flen = struct.unpack("!HBBI", payload[off:off + 8])
        data = payload[off + 8:off + 8 + flen]
        off += 8 + flen
        if kind == K_U32:
            val = struct.unpack("!I", data)[0]
        elif kind == K_STR:
            val = data.rstrip(b"\0").decode(errors="replace")
        else:
            val = data
        fields.setdefault(tag, val)
    return mtype, reqid, fields


def closed_within(s, seconds):
    """True if the peer closes the connection within seconds (what it
    sends before closing is read and dropped)."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            s.settimeout(max(0.01, end - time.monotonic()))
            if not s.recv(65536):
                return True
    except socket.timeout:
        return False
    except (ConnectionResetError, BrokenPipeError):
        return True
    return False


def good_client(path):
    """A well-behaved client: hello then SYS_INFO.  Returns the seconds it
    took, or None if it got no proper answer within 3 s."""
    t0 = time.monotonic()
    try:
        s = connect(path, 3.0)
        s.sendall(hello(7))
        r = recv_frame(s)
        if r is None or r[0] != RESULT or r[2].get(T_STATUS) != 0:
            return None
        s.sendall(frame(SYS_INFO, 8, b""))
        r = recv_frame(s)
        s.close()
        if r is None or r[0] != RESULT or r[1] != 8 or \
                r[2].get(T_STATUS) != 0:
            return None
    except OSError:
        return None
    return time.monotonic() - t0


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def rss_kb(pid, what="VmHWM"):
    """Peak resident memory (VmHWM), or another /proc status field."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(what + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def after(path, pid, cid, what):
    t = good_client(path)
    check(cid + "-after", "after %s, cfgd still answers a good client "
          "within 2 s%s" % (what, "" if t is None else " (%.0f ms)" %
                            (t * 1000)), t is not None and t < 2.0 and
          alive(pid))


def main():
    path, pid = sys.argv[1], int(sys.argv[2])
    rss0 = rss_kb(pid)

    # Random bytes, 64 KiB of them, as the first thing on the socket.
    s = connect(path)
    try:
        s.sendall(os.urandom(65536))
    except OSError:
        pass
    check("random", "cfgd drops a peer that sends random bytes",
          closed_within(s, 3))
    s.close()
    after(path, pid, "random", "random bytes")

    # A header announcing 4 GiB (after a good hello): refused at once,
    # nothing allocated.
    s = connect(path)
    s.sendall(hello())
    recv_frame(s)
    s.sendall(frame(SHOW_RUNNING, 2, b"", length=0xFFFFFFFF))
    check("4gib", "cfgd drops a peer whose header announces 4 GiB",
          closed_within(s, 3))
    s.close()
    check("4gib-rss", "and does not allocate it (peak RSS %d kB -> %d kB)" %
          (rss0, rss_kb(pid)), rss_kb(pid) < rss0 + 64 * 1024)
    after(path, pid, "4gib", "a 4 GiB header")

    # A valid header whose only field says it is longer than the frame.
    s = connect(path)
    s.sendall(hello())
    recv_frame(s)
    bad = struct.pack("!HBBI", T_TEXT, K_STR, 0, 1000) + b"short\0"
    s.sendall(frame(SHOW_RUNNING, 3, bad))
    r = None
    try:
        r = recv_frame(s)
    except OSError:
        pass
    check("truncated-field", "a field running past its frame gets an error "
          "reply (status %s) or a close" %
          (r[2].get(T_STATUS) if r else "-"),
          r is None or (r[0] == RESULT and r[2].get(T_STATUS, 0) != 0))
    check("truncated-field-close", "and the connection is closed",
          closed_within(s, 3))
    s.close()
    after(path, pid, "truncated-field", "a truncated field")

    # A STR field without its NUL, and a U32 field of 3 bytes.
    for cid, payload in (
            ("str-no-nul", field(T_TEXT, K_STR, b"abc")),
            ("u32-short", field(T_STATUS, K_U32, b"\1\2\3")),
            ("bad-kind", field(T_TEXT, 99, b"x"))):
        s = connect(path)
        s.sendall(hello())
        recv_frame(s)
        s.sendall(frame(SHOW_RUNNING, 4, payload))
        check(cid, "a malformed field (%s) costs the peer its connection"
              % cid, closed_within(s, 3))
        s.close()
    after(path, pid, "fields", "malformed fields")

    # A request before the hello.
    s = connect(path)
    s.sendall(frame(SHOW_RUNNING, 5, b""))
    r = None
    try:
        r = recv_frame(s)
    except OSError:
        pass
    check("before-hello", "a request before the hello is refused "
          "(%r)" % (r[2].get(T_TEXT) if r else None),
          r is not None and r[0] == RESULT and r[2].get(T_STATUS, 0) != 0)
    check("before-hello-close", "and the connection is closed",
          closed_within(s, 3))
    s.close()
    after(path, pid, "before-hello", "a request before the hello")

    # A hello with another protocol version.
    s = connect(path)
    s.sendall(hello(version=IPC_VERSION + 1))
    check("version", "a hello with another version is refused and closed",
          closed_within(s, 3))
    s.close()

    # A frame cut short: the peer goes away mid-frame.
    s = connect(path)
    s.sendall(hello())
    recv_frame(s)
    s.sendall(frame(SHOW_RUNNING, 6, b"x" * 100)[:40])
    s.close()
    after(path, pid, "cut", "a frame cut short")

    # 64 MiB announced, 1 MiB sent, then silence while others are served.
    s = connect(path)
    s.sendall(hello())
    recv_frame(s)
    s.sendall(frame(200, 7, b"", length=64 * 1024 * 1024 - 1))
    s.sendall(b"\0" * (1024 * 1024))
    after(path, pid, "partial-64m", "a 64 MiB frame left half sent")
    s.close()

    # Slowloris: one byte every 100 ms for 2 s, while a good client is
    # served ten times.
    slow = connect(path)
    msg = hello() + frame(SYS_INFO, 2, b"")
    stop = threading.Event()

    def drip():
        for i in range(20):
            if stop.is_set():
                return
            try:
                slow.send(msg[i:i + 1])
            except OSError:
                return
            time.sleep(0.1)

    th = threading.Thread(target=drip)
    th.start()
    times = []
    for _ in range(10):
        times.append(good_client(path))
        time.sleep(0.15)
    th.join(5)
    stop.set()
    ok = all(t is not None and t < 1.0 for t in times)
    check("slowloris", "while a peer sends one byte per 100 ms, ten good "
          "requests are each answered within 1 s (max %s)" %
          ("-" if None in times else "%.0f ms" % (max(times) * 1000)), ok)
    slow.close()

    # A peer that sends 20,000 requests and never reads the replies.
    s = connect(path)
    s.sendall(hello())
    recv_frame(s)
    s.setblocking(False)
    burst = frame(SHOW_RUNNING, 9, b"") * 1000
    sent = 0
    end = time.monotonic() + 3
    while sent < 20 and time.monotonic() < end:
        try:
            s.send(burst)
            sent += 1
        except BlockingIOError:
            time.sleep(0.05)
        except OSError:
            break
    after(path, pid, "no-read", "a peer that never reads its replies")
    # ipc-event.c drops a peer with more than 256 MiB queued.
    check("no-read-rss", "cfgd's memory stays bounded with a peer that "
          "never reads (peak RSS %d kB -> %d kB)" % (rss0, rss_kb(pid)),
          rss_kb(pid) < rss0 + 300 * 1024)
    s.close()

    # 300 idle connections at once (no hello); a good client still gets in.
    idle = []
    for _ in range(300):
        try:
            idle.append(connect(path, 1.0))
        except OSError:
            break
    after(path, pid, "idle", "%d idle connections" % len(idle))
    for c in idle:
        c.close()

    check("alive", "cfgd (pid %d) is still the same process" % pid,
          alive(pid))
    if fails:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
