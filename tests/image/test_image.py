#!/usr/bin/env python3
"""The VM image test: the OVA is what VMware needs, and both images boot
to a router that keeps its configuration.

    test_image.py --image DIR [--builddir DIR] [--srcdir DIR]

DIR holds lisprouter.qcow2 and lisprouter.ova (`make image`).  Runs as
root; KVM when a probe boot shows it working, TCG otherwise
($LISPROUTER_IMAGE_ACCEL=tcg|kvm forces one).  Prints ok:/FAIL: lines and
a closing "N passed, N failed"; every QEMU and temporary file is removed
on the way out, whatever happens.
"""
import argparse
import atexit
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vm  # noqa: E402

OVF_NS = "http://schemas.dmtf.org/ovf/envelope/1"
RASD_NS = ("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
           "CIM_ResourceAllocationSettingData")
VSSD_NS = ("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
           "CIM_VirtualSystemSettingData")
BOOT_TIMEOUT = 240      # TCG on a busy 2-core machine, with margin
CMD_TIMEOUT = 60

passed = 0
failed = 0
known_failed = 0
known = {}          # image/<id> -> reason, from tests/KNOWN-FAILURES
tmp = tempfile.mkdtemp(prefix="lisprouter-image-")


def cleanup():
    vm.kill_all()
    shutil.rmtree(tmp, ignore_errors=True)


atexit.register(cleanup)
for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_sig, lambda s, f: sys.exit(128 + s))


def ok(what):
    global passed
    passed += 1
    print("ok: " + what, flush=True)


def fail(what, detail=""):
    global failed
    failed += 1
    print("FAIL: " + what, flush=True)
    if detail:
        print("  " + detail.rstrip().replace("\n", "\n  "), flush=True)


def check(cond, what, detail="", id=None):
    """A check; one listed in KNOWN-FAILURES as image/<id> is expected to
    fail, and fails the test once it passes (remove its line then)."""
    global known_failed
    reason = known.get(id) if id else None
    if reason and not cond:
        known_failed += 1
        print("known failure: %s [image/%s: %s]" % (what, id, reason))
    elif reason:
        fail("%s [image/%s passes: remove it from tests/KNOWN-FAILURES]"
             % (what, id))
    elif cond:
        ok(what)
    else:
        fail(what, detail)
    return cond


def load_known(srcdir):
    try:
        with open(os.path.join(srcdir, "tests", "KNOWN-FAILURES")) as f:
            for line in f:
                if line.startswith("image/"):
                    id, _, reason = line[6:].strip().partition(" ")
                    known[id] = reason
    except OSError:
        pass


# The OVA.

def check_ova(ova, schemas):
    with open(ova, "rb") as f:
        headers = []
        while True:
            h = f.read(512)
            if len(h) < 512 or h == b"\0" * 512:
                break
            name = h[:100].rstrip(b"\0").decode()
            size = int(h[124:136].rstrip(b"\0 ") or b"0", 8)
            headers.append((name, h[257:265]))
            f.seek((size + 511) // 512 * 512, 1)
    names = [n for n, _ in headers]
    check(len(names) == 3 and names[0].endswith(".ovf") and
          names[1].endswith(".mf") and names[2].endswith(".vmdk"),
          "the OVA holds the .ovf first, then the .mf, then the .vmdk",
          "members: %s" % names)
    check(all(m == b"ustar\x0000" for _, m in headers),
          "every OVA member has a POSIX ustar header",
          "magics: %s" % [m for _, m in headers])
    d = os.path.join(tmp, "ova")
    os.makedirs(d)
    with tarfile.open(ova) as t:
        t.extractall(d)
    ovf = os.path.join(d, names[0])
    mf = open(os.path.join(d, names[1])).read()
    lines = mf.splitlines()
    good = len(lines) == 2
    for line in lines:
        m = re.fullmatch(r"SHA256\(([^()]+)\)= ([0-9a-f]{64})", line)
        if not m:
            good = False
            continue
        h = hashlib.sha256()
        with open(os.path.join(d, m.group(1)), "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        good = good and h.hexdigest() == m.group(2)
    check(good, "the manifest reads SHA256(NAME)= HEX for the .ovf and the "
          ".vmdk and the digests match", mf)
    if os.path.isdir(schemas):
        r = subprocess.run(["xmllint", "--noout", "--schema",
                            os.path.join(schemas, "ovf-all.xsd"), ovf],
                           capture_output=True, text=True)
        check(r.returncode == 0, "the OVF validates against the DMTF OVF "
              "1.0 schemas", r.stderr[-2000:])
    else:
        print("skip: no OVF schemas at %s, the OVF is not validated"
              % schemas)
    root = ET.parse(ovf).getroot()
    vmdk = os.path.join(d, names[2])
    fe = root.find("{%s}References/{%s}File" % (OVF_NS, OVF_NS))
    check(fe is not None and
          int(fe.get("{%s}size" % OVF_NS)) == os.path.getsize(vmdk),
          "the OVF's File size is the VMDK's size in bytes")
    info = subprocess.run(["qemu-img", "info", vmdk], capture_output=True,
                          text=True).stdout
    disk = root.find("{%s}DiskSection/{%s}Disk" % (OVF_NS, OVF_NS))
    vsize = re.search(r"virtual size: .*\((\d+) bytes\)", info)
    check(disk is not None and vsize and
          int(disk.get("{%s}capacity" % OVF_NS)) == int(vsize.group(1)) and
          disk.get("{%s}format" % OVF_NS).endswith("#streamOptimized") and
          "streamOptimized" in info,
          "the disk is a streamOptimized VMDK of the declared capacity",
          info)
    vhs = root.find(".//{%s}VirtualHardwareSection" % OVF_NS)
    items = vhs.findall("{%s}Item" % OVF_NS)

    def rasd(item, tag):
        e = item.find("{%s}%s" % (RASD_NS, tag))
        return e.text if e is not None else None

    kinds = [(rasd(i, "ResourceType"), rasd(i, "ResourceSubType"),
              rasd(i, "VirtualQuantity"), rasd(i, "Connection"))
             for i in items]
    vtype = vhs.find("{%s}System/{%s}VirtualSystemType" % (OVF_NS, VSSD_NS))
    nics = [k[3] for k in kinds if k[0] == "10"]
    check(vtype is not None and vtype.text.startswith("vmx-") and
          ("3", None, "2", None) in kinds and
          any(k[0] == "6" and k[1] == "VirtualSCSI" for k in kinds) and
          any(k[0] == "17" for k in kinds) and
          nics == ["GigabitEthernet1", "GigabitEthernet2",
                   "GigabitEthernet3"] and
          all(k[1] == "VmxNet3" for k in kinds if k[0] == "10"),
          "the OVF declares vmx hardware, 2 vCPUs, a PVSCSI disk and three "
          "VMXNET3 NICs in the order GigabitEthernet1-3", str(kinds))
    props = {p.get("{%s}key" % OVF_NS)
             for p in root.iter("{%s}Property" % OVF_NS)}
    check({"hostname", "login-username", "login-password", "login-pubkey",
           "mgmt-ipv4-addr"} <= props,
          "the OVF offers day-0 properties: hostname, login user with "
          "password or key, the GigabitEthernet1 address", str(props))
    return vmdk


# Booting.

def ovf_env(props):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<Environment xmlns="http://schemas.dmtf.org/ovf/environment/1"'
             ' xmlns:oe="http://schemas.dmtf.org/ovf/environment/1"'
             ' oe:id="">',
             '  <PlatformSection><Kind>QEMU</Kind></PlatformSection>',
             '  <PropertySection>']
    for k, v in props.items():
        v = (v.replace("&", "&amp;").replace('"', "&quot;")
             .replace("<", "&lt;"))
        lines.append('    <Property oe:key="com.lisprouter.%s" '
                     'oe:value="%s"/>' % (k, v))
    lines += ['  </PropertySection>', '</Environment>', '']
    return "\n".join(lines)


def choose_accel(make_vm, first_line):
    """KVM if a boot under it reaches our init quickly, else TCG."""
    forced = os.environ.get("LISPROUTER_IMAGE_ACCEL")
    if forced:
        return forced, make_vm(forced)
    if vm.kvm_usable():
        v = make_vm("kvm")
        try:
            v.expect(first_line, 15)
            print("note: KVM works here: booting under KVM")
            v.pos = 0
            return "kvm", v
        except vm.Timeout:
            v.close()
            print("note: /dev/kvm does not boot the image within 15 s "
                  "(a nested KVM?): using TCG")
    return "tcg", make_vm("tcg")


def no_linux_login(v, what):
    text = v.out.decode("utf-8", "replace")
    bad = re.search(r"(?m)(login: *$|^root@|^# *$|^\$ *$|^sh-|^bash-|"
                    r"BusyBox v)", text)
    check(bad is None, what, bad and text[max(0, bad.start() - 300):
                                          bad.end() + 100])


def vtyd_speaks_ssh(builddir):
    path = os.path.join(builddir, "cli", "vtyd")
    r = subprocess.run(["ldd", path], capture_output=True, text=True)
    return "libssh" in r.stdout


def ssh(port, key, user, commands):
    base = ["ssh", "-p", str(port), "-i", key, "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "ConnectTimeout=20", "%s@127.0.0.1" % user]
    r = subprocess.run(base + ["-T"], input="\n".join(commands) + "\nexit\n",
                       capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout + r.stderr


def test_qcow2(qcow2, builddir, timings):
    disk = vm.overlay(qcow2, "qcow2", os.path.join(tmp, "qcow2-run.qcow2"))
    key = os.path.join(tmp, "id_ed25519")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key],
                   check=True)
    pub = open(key + ".pub").read().strip()
    iso = vm.make_iso(os.path.join(tmp, "ovfenv.iso"), {
        "ovf-env.xml": ovf_env({
            "hostname": "day0-r1", "login-username": "admin",
            "login-password": "Lab-pass1", "login-pubkey": pub,
            "domain-name": "example.net",
            "mgmt-ipv4-addr": "10.0.2.15/24",
            "mgmt-ipv4-gateway": "10.0.2.2",
            "ios-config-0001": "interface GigabitEthernet2",
            "ios-config-0002": " ip address dhcp",
            "ios-config-0003": " no shutdown"})}, label="OVF ENV")
    port = vm.free_port()
    log = os.path.join(tmp, "qcow2-console.log")

    def make_vm(accel):
        return vm.VM(tmp, vm.qcow2_args(disk, iso, port), accel=accel,
                     log=log)

    accel, v = choose_accel(make_vm, rb"Initializing Hardware")
    timings["accel"] = accel
    try:
        v.expect(rb"day0-r1>", BOOT_TIMEOUT)
        timings["prompt"] = v.elapsed()
        ok("the qcow2 boots to the router prompt on the serial console "
           "(%.1f s under %s), named by the OVF environment"
           % (timings["prompt"], accel.upper()))
    except vm.Timeout as e:
        fail("the qcow2 boots to the router prompt on the serial console",
             str(e))
        return
    banner = v.out.decode("utf-8", "replace")
    check("Press RETURN to get started!" in banner and
          "Initializing Hardware" in banner,
          "the console shows router-style boot messages before the prompt")
    vga = ""
    for _ in range(20):
        vga = v.vga_text()
        if "day0-r1>" in vga:
            break
        time.sleep(0.5)
    check("Initializing Hardware" in vga and "day0-r1>" in vga and
          "login:" not in vga,
          "the VGA console shows the boot messages and the router prompt",
          re.sub(r"\s+", " ", vga)[-1500:])
    p = rb"day0-r1[>#]"
    v.command("enable", p)
    v.command("terminal length 0", p)
    out = v.command("show version", p)
    mem = re.search(r"(\d+)K bytes of physical memory", out)
    check("3 Gigabit Ethernet interfaces" in out and mem and
          900000 < int(mem.group(1)) < 1100000 and
          "virtual hard disk" in out,
          "show version reports three Gigabit Ethernet interfaces, the "
          "VM's memory and its virtual disk", out)
    dsk = re.search(r"(\d+)K bytes of virtual hard disk", out)
    check(dsk and 1800000 < int(dsk.group(1)) < 2100000,
          "show version reports the size of the VM's virtual disk (about "
          "2 GB of bootflash)", out, id="disk-size")
    out = v.command("show ip interface brief", p)
    check(re.search(r"GigabitEthernet1\s+10\.0\.2\.15\s", out) and
          "GigabitEthernet2" in out and "GigabitEthernet3" in out and
          "GigabitEthernet4" not in out,
          "show ip interface brief lists GigabitEthernet1-3 with the day-0 "
          "address on GigabitEthernet1", out)
    dhcp = out
    for _ in range(10):
        if re.search(r"GigabitEthernet2\s+10\.0\.3\.15\s", dhcp):
            break
        time.sleep(1)
        dhcp = v.command("show ip interface brief", p)
    check(re.search(r"GigabitEthernet2\s+10\.0\.3\.15\s", dhcp),
          "GigabitEthernet2 takes its address by DHCP (day-0 ip address "
          "dhcp)", dhcp, id="dhcp")
    out = v.command("show interfaces GigabitEthernet3", p)
    if "address is" in out:
        check("5254.0000.0003" in out, "GigabitEthernet3 is the third NIC "
              "in PCI order (its MAC address)", out)
    else:
        print("skip: show interfaces prints no MAC address: the PCI order "
              "is checked on the OVA boot's addresses only")
    out = v.command("show running-config | include ^username|^hostname", p)
    check("username admin" in out and "hostname day0-r1" in out,
          "the day-0 login user and hostname are in the running "
          "configuration", out)
    out = v.command("show startup-config | include ^hostname", p)
    check("hostname day0-r1" in out, "the day-0 configuration was saved as "
          "startup-config", out)

    # The console never gives up the router's shell.
    v.command("disable", rb"day0-r1>")
    for keys in ("\x03", "\x1a", "\x1c", "\x04"):
        v.send(keys)
        time.sleep(0.5)
    v.send("\r")
    v.expect(rb"day0-r1>", CMD_TIMEOUT)
    v.send("exit\r")
    try:
        v.expect(rb"day0-r1>", CMD_TIMEOUT)
        ok("Ctrl-C, Ctrl-Z, Ctrl-\\, Ctrl-D and exit on the console give "
           "a router prompt again")
    except vm.Timeout as e:
        fail("exit on the console gives a new router session", str(e))
    no_linux_login(v, "the console never shows a Linux login or shell")

    # SSH with the day-0 key.
    if vtyd_speaks_ssh(builddir):
        t = time.monotonic()
        while not vm.ssh_banner(port) and time.monotonic() - t < 60:
            time.sleep(0.5)
        rc, out = ssh(port, key, "admin",
                      ["terminal length 0", "show version",
                       "show ip interface brief"])
        check(rc == 0 and "Gigabit Ethernet interfaces" in out and
              "GigabitEthernet1" in out,
              "SSH to GigabitEthernet1 logs in with the day-0 key and runs "
              "show version and show ip interface brief", out[-3000:])
    else:
        print("skip: vtyd in this build has no SSH server (not linked with "
              "libssh): the SSH login step is not run")

    # write memory persists across reload, which reboots the VM.
    v.send("\r")
    v.expect(rb"day0-r1>", CMD_TIMEOUT)
    v.command("enable", p)
    v.command("configure terminal", rb"day0-r1\(config\)#")
    v.command("hostname imgtest", rb"imgtest\(config\)#")
    v.command("end", rb"imgtest#")
    # (The %SYS-5-CONFIG_I message of `end` may come, with a redrawn
    # prompt, after the next line is typed: wait for write's own output.)
    v.send("write memory\r")
    try:
        v.expect(rb"\[OK\]", CMD_TIMEOUT)
        v.expect(rb"imgtest#", CMD_TIMEOUT)
        ok("write memory saves the configuration")
    except vm.Timeout as e:
        fail("write memory saves the configuration", str(e))
    mark = len(v.out)
    v.send("reload\r")
    v.expect(rb"Proceed with reload\? \[confirm\]", CMD_TIMEOUT)
    v.send("\r")
    try:
        v.expect(rb"Initializing Hardware", BOOT_TIMEOUT)
        ok("reload reboots the VM")
        v.expect(rb"imgtest>", BOOT_TIMEOUT)
        ok("after the reboot the prompt shows the saved hostname")
    except vm.Timeout as e:
        fail("reload reboots the VM and the saved hostname comes back",
             str(e))
        return
    v.send("\r")
    v.expect(rb"imgtest>", CMD_TIMEOUT)
    v.command("enable", rb"imgtest#")
    out = v.command("show running-config | include ^username", rb"imgtest#")
    check("username admin" in out, "the day-0 user is still configured "
          "after the reboot", out)
    after = v.since(mark)
    check("DAY0" not in after,
          "day-0 is not applied again once a startup-config exists", after)
    v.qmp(("system_powerdown", {}))
    rc = v.wait_exit(60)
    check(rc is not None, "the ACPI power button shuts the VM down",
          v.since(mark)[-800:])
    v.close()


def test_ova(vmdk, timings):
    disk = vm.overlay(vmdk, "vmdk", os.path.join(tmp, "ova-run.qcow2"))
    iso = vm.make_iso(os.path.join(tmp, "iosxe.iso"), {
        "iosxe_config.txt":
            "hostname ova-r1\r\n"
            "interface GigabitEthernet1\r\n"
            " ip address 10.0.2.15 255.255.255.0\r\n no shutdown\r\n"
            "interface GigabitEthernet3\r\n"
            " ip address 192.0.2.3 255.255.255.0\r\n no shutdown\r\n"
            "end\r\n"})
    port = vm.free_port()
    v = vm.VM(tmp, vm.ova_args(disk, iso, port),
              accel=timings.get("accel", "tcg"),
              log=os.path.join(tmp, "ova-console.log"))
    try:
        v.expect(rb"ova-r1>", BOOT_TIMEOUT)
        ok("the VMDK from the OVA boots on PVSCSI with VMXNET3 NICs to the "
           "router prompt (%.1f s), configured by iosxe_config.txt on a "
           "CD-ROM" % v.elapsed())
    except vm.Timeout as e:
        fail("the VMDK from the OVA boots on PVSCSI with VMXNET3 NICs",
             str(e))
        return
    p = rb"ova-r1[>#]"
    v.command("enable", p)
    v.command("terminal length 0", p)
    out = v.command("show ip interface brief", p)
    check(re.search(r"GigabitEthernet1\s+10\.0\.2\.15\s", out) and
          re.search(r"GigabitEthernet3\s+192\.0\.2\.3\s", out) and
          re.search(r"GigabitEthernet2\s+unassigned", out),
          "on VMXNET3, GigabitEthernet1-3 are the three NICs and take "
          "their day-0 addresses", out)
    out = v.command("show version", p)
    check("3 Gigabit Ethernet interfaces" in out,
          "show version on the OVA's hardware counts three interfaces", out)
    no_linux_login(v, "the OVA's console never shows a Linux login or shell")
    v.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", required=True)
    ap.add_argument("--builddir", default=os.getcwd())
    ap.add_argument("--srcdir",
                    default=os.path.join(os.path.dirname(__file__), "..",
                                         ".."))
    ap.add_argument("--suite-log", help="also write the counts as an "
                    "automake test-suite.log (for setup.sh's summary)")
    a = ap.parse_args()
    schemas = os.path.normpath(os.path.join(a.srcdir, "..", "shared",
                                            "ovf-schemas"))
    load_known(a.srcdir)
    timings = {}
    t0 = time.monotonic()
    for tool in ("qemu-system-x86_64", "qemu-img", "genisoimage", "xmllint",
                 "ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            print("FAIL: %s is not installed (platform/image/deps.sh)"
                  % tool)
            return 1
    vmdk = check_ova(os.path.join(a.image, "lisprouter.ova"), schemas)
    try:
        test_qcow2(os.path.join(a.image, "lisprouter.qcow2"), a.builddir,
                   timings)
    except vm.Timeout as e:
        fail("the qcow2 session went as expected", str(e))
    vm.kill_all()
    try:
        test_ova(vmdk, timings)
    except vm.Timeout as e:
        fail("the OVA session went as expected", str(e))
    print("image test: %.0f s in all" % (time.monotonic() - t0))
    if known_failed:
        print("%d known failure(s), listed in tests/KNOWN-FAILURES"
              % known_failed)
    print("%d passed, %d failed" % (passed, failed))
    if a.suite_log:
        with open(a.suite_log, "w") as f:
            f.write("# TOTAL: %d\n# PASS:  %d\n# SKIP:  0\n# XFAIL: %d\n"
                    "# FAIL:  %d\n# XPASS: 0\n# ERROR: 0\n"
                    % (passed + failed + known_failed, passed, known_failed,
                       failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
