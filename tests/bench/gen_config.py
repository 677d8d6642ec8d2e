#!/usr/bin/env python3
"""Writes the benchmark configuration: N interface blocks and static routes.

The same shape for lisprouter and FRR: INTERFACES `interface LoopbackN`
blocks (description, ip address, exit: 4 lines each) and ROUTES `ip route`
lines, 12,500 * 4 + 50,000 = 100,000 configuration lines by default.

  gen_config.py ours FILE      wrapped in enable / configure terminal / end,
                               as a user pastes it into the shell
  gen_config.py startup FILE   the bare lines, as a startup-config
  gen_config.py frr FILE       the bare lines for `vtysh -f`
  gen_config.py frr-zebra FILE / frr-staticd FILE
                               the interface blocks / the routes alone, as
                               per-daemon configuration files

Options: --interfaces N (12500), --routes N (50000).
"""
import argparse
import sys


def interfaces(n, frr):
    for i in range(n):
        # 10.(i/256).(i%256).1/32 on Loopback i, unique for i < 65536.
        # FRR takes the address in prefix form only.
        addr = "10.%d.%d.1" % (i // 256, i % 256)
        yield "interface Loopback%d" % i
        yield " description bench loopback %d of %d" % (i, n)
        yield " ip address " + (addr + "/32" if frr else
                                addr + " 255.255.255.255")
        yield " exit"


def routes(n):
    # Distinct /24s in 100.0.0.0/8, via 254 next hops that need not
    # resolve (neither router installs routes in the kernel here).
    for i in range(n):
        yield "ip route 100.%d.%d.0 255.255.255.0 192.0.2.%d" % (
            (i // 256) % 256, i % 256, 1 + i % 254)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["ours", "startup", "frr", "frr-zebra",
                                    "frr-staticd"])
    p.add_argument("file")
    p.add_argument("--interfaces", type=int, default=12500)
    p.add_argument("--routes", type=int, default=50000)
    a = p.parse_args()
    if a.interfaces > 65536 or a.routes > 65536:
        sys.exit("gen_config.py: at most 65536 interfaces and routes")

    lines = []
    if a.kind in ("ours", "startup", "frr", "frr-zebra"):
        lines += interfaces(a.interfaces, a.kind.startswith("frr"))
    if a.kind in ("ours", "startup", "frr", "frr-staticd"):
        lines += routes(a.routes)
    if a.kind == "ours":
        lines = ["enable", "configure terminal"] + lines + ["end"]
    with open(a.file, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
