"""Boots the lisprouter image under QEMU and talks to its serial console.

Used by tests/image/test_image.py and tests/bench/bench_image.sh.  Every
QEMU started here is killed by VM.close(), which the callers run from
their cleanup, and by kill_all() at exit.
"""
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import time

_ALL = []


def kill_all():
    for vm in list(_ALL):
        vm.close()


def free_port():
    """A free TCP port on 127.0.0.1 (other jobs share the machine)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def kvm_usable():
    return os.access("/dev/kvm", os.R_OK | os.W_OK)


class Timeout(Exception):
    pass


class VM:
    """One QEMU: serial console on stdio, QMP on a Unix socket."""

    def __init__(self, workdir, args, accel="tcg", memory=1024, log=None):
        self.workdir = workdir
        self.qmp_path = os.path.join(workdir, "qmp-%d.sock" % len(_ALL))
        cmd = ["qemu-system-x86_64", "-machine", "pc", "-accel", accel,
               "-m", str(memory), "-smp", "2", "-display", "none",
               "-serial", "stdio", "-monitor", "none",
               "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path,
               "-no-user-config", "-nodefaults", "-vga", "std"] + args
        self.cmd = cmd
        self.log = open(log, "ab") if log else None
        self.out = b""          # everything the console printed
        self.pos = 0            # expect() searches from here
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)
        os.set_blocking(self.proc.stdout.fileno(), False)
        _ALL.append(self)

    def elapsed(self):
        return time.monotonic() - self.started

    def _read(self, timeout):
        fd = self.proc.stdout.fileno()
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return False
        if not data:
            raise Timeout("QEMU exited (status %s)" % self.proc.poll())
        self.out += data
        if self.log:
            self.log.write(data)
            self.log.flush()
        return True

    def expect(self, pattern, timeout):
        """Waits for a regex (bytes) after the last match; returns it."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                tail = self.out[-600:].decode("utf-8", "replace")
                raise Timeout("no %r within %ss; console ends with:\n%s"
                              % (pattern, timeout, tail))
            self._read(min(left, 0.5))

    def since(self, start):
        return self.out[start:].decode("utf-8", "replace")

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def command(self, line, prompt, timeout=60):
        """Types a line, returns what it printed up to the next prompt."""
        start = self.pos
        self.send(line + "\r")
        # Past the echo first: a log message can redraw the old prompt.
        self.expect(re.escape(line.encode()), timeout)
        m = self.expect(prompt, timeout)
        return self.out[start:m.start()].decode("utf-8", "replace")

    def qmp(self, *commands):
        """Runs QMP commands; returns the last reply (a JSON text)."""
        import json
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(10)
        s.connect(self.qmp_path)
        f = s.makefile("rwb")
        f.readline()
        reply = None
        for c in (("qmp_capabilities", {}),) + commands:
            f.write(json.dumps({"execute": c[0], "arguments": c[1]})
                    .encode() + b"\n")
            f.flush()
            while True:
                reply = json.loads(f.readline())
                if "event" not in reply:
                    break
        s.close()
        return reply

    def vga_text(self):
        """The VGA console's text (vgacon's buffer at 0xb8000, 32 KiB,
        scrolled by its start address, so in no particular order)."""
        path = os.path.join(self.workdir, "vga-%d.bin" % self.proc.pid)
        self.qmp(("pmemsave", {"val": 0xb8000, "size": 32768,
                               "filename": path}))
        with open(path, "rb") as f:
            b = f.read()
        os.unlink(path)
        return bytes(b[i] for i in range(0, len(b), 2)).decode("cp437")

    def wait_exit(self, timeout):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            try:
                self._read(0.2)
            except Timeout:
                break
        try:
            return self.proc.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return None

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass
        if self.log:
            self.log.close()
            self.log = None
        if self in _ALL:
            _ALL.remove(self)


def overlay(base, fmt, path):
    """A qcow2 overlay so that a run never changes the built image."""
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-b",
                    os.path.abspath(base), "-F", fmt, path], check=True)
    return path


def qcow2_args(disk, iso, port, nics=3):
    """The qcow2 on QEMU/KVM's own hardware: virtio disk and NICs."""
    args = ["-drive", "file=%s,if=virtio,format=qcow2" % disk,
            "-device", "virtio-balloon-pci,id=balloon0"]
    if iso:
        args += ["-drive", "file=%s,media=cdrom,if=ide,readonly=on" % iso]
    for i in range(nics):
        # GigabitEthernet1 on 10.0.2.0/24 (SSH forwarded), the others on
        # subnets of their own, each with slirp's DHCP server.
        fwd = ",hostfwd=tcp:127.0.0.1:%d-:22" % port if i == 0 else ""
        args += ["-netdev", "user,id=n%d,net=10.0.%d.0/24%s" % (i, i + 2,
                                                                fwd),
                 "-device", "virtio-net-pci,netdev=n%d,mac=52:54:00:00:00:%02x"
                 % (i, i + 1)]
    return args


def ova_args(disk, iso, port, nics=3):
    """The VMDK on the hardware its OVF declares: PVSCSI, VMXNET3, IDE CD."""
    args = ["-device", "pvscsi,id=scsi0",
            "-drive", "file=%s,if=none,id=d0,format=qcow2" % disk,
            "-device", "scsi-hd,drive=d0,bus=scsi0.0"]
    if iso:
        args += ["-drive", "file=%s,media=cdrom,if=ide,index=2,readonly=on"
                 % iso]
    for i in range(nics):
        fwd = ",hostfwd=tcp:127.0.0.1:%d-:22" % port if i == 0 else ""
        args += ["-netdev", "user,id=n%d,net=10.0.%d.0/24%s" % (i, i + 2,
                                                                fwd),
                 "-device", "vmxnet3,netdev=n%d,mac=52:54:00:00:01:%02x"
                 % (i, i + 1)]
    return args


def make_iso(path, files, label="DAY0"):
    """An ISO 9660 image holding files {name: text}."""
    d = path + ".d"
    os.makedirs(d, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    subprocess.run(["genisoimage", "-quiet", "-r", "-J", "-V", label, "-o",
                    path, d], check=True)
    shutil.rmtree(d)
    return path


def ssh_banner(port, timeout=1.0):
    """Whether an SSH server answers (slirp accepts even with none)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout) as s:
            s.settimeout(timeout)
            return s.recv(64).startswith(b"SSH-")
    except OSError:
        return False
