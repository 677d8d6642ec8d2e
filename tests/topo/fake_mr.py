#!/usr/bin/env python3
"""A stand-in map-resolver for test_lisp_ctl.sh: answers every
Map-Request that comes in an Encapsulated Control Message with one
Map-Reply of COUNT records (10.200.N.0/24, one locator LOC each, TTL 1
minute), sent to the ECM's source on UDP 4342, and appends one line per
request to LOG.  It stops by itself after LIFETIME seconds.

usage: fake_mr.py ADDR LOC COUNT LOG LIFETIME
"""
import socket
import struct
import sys
import time

addr, loc, count, log, lifetime = (sys.argv[1], sys.argv[2],
                                   int(sys.argv[3]), sys.argv[4],
                                   float(sys.argv[5]))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, 4342))
end = time.monotonic() + lifetime
while time.monotonic() < end:
    s.settimeout(max(0.1, end - time.monotonic()))
    try:
        pkt, (src, _) = s.recvfrom(9000)
    except socket.timeout:
        break
    if len(pkt) < 4 + 20 + 8 + 12 or pkt[0] >> 4 != 8:
        continue
    ihl = (pkt[4] & 0x0F) * 4
    req = pkt[4 + ihl + 8:]
    if len(req) < 12 or req[0] >> 4 != 1:
        continue
    nonce = req[4:12]
    out = struct.pack('!I', 2 << 28 | count) + nonce
    for n in range(count):
        eid = socket.inet_aton('10.200.%d.0' % n)
        # TTL 1 minute, one locator, /24, authoritative, AFI 1.
        out += struct.pack('!IBBHHH4s', 1, 1, 24, 0x1000, 0, 1, eid)
        out += struct.pack('!BBBBHH4s', 1, 100, 255, 0, 0x0001, 1,
                           socket.inet_aton(loc))
    s.sendto(out, (src, 4342))
    with open(log, 'a') as f:
        f.write('request from %s\n' % src)
