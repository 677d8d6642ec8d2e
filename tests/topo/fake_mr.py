#!/usr/bin/env python3
"""A stand-in map-resolver for test_lisp_ctl.sh: answers every
Map-Request that comes in an Encapsulated Control Message with one
Map-Reply sent to the ECM's source on UDP 4342, and appends one line per
request to LOG.  The reply's records (one locator LOC each, TTL 1
minute) are first EXTRA records that do not cover the requested EID E
(with EXTRA >= 1: E's /24 but 128 further on, i.e. 10.200.N.128/25 for
10.200.N.1; with EXTRA >= 2 also 10.201.N.0/24; more: 10.202.N.x/32),
then the one record that answers the request, E's /24.  An ITR must
install the last and drop and count the others.  The answering record's
TTL is 1 minute but for two ranges: an EID of 10.209.0.0/16 gets 1
minute the first time it is asked for and 0 (do not cache; forget)
after; one of 10.208.0.0/16 gets 71,582,789 minutes (just past 2^32
seconds).  It stops by itself
after LIFETIME seconds.

usage: fake_mr.py ADDR LOC EXTRA LOG LIFETIME
"""
import socket
import struct
import sys
import time

addr, loc, extra, log, lifetime = (sys.argv[1], sys.argv[2],
                                   int(sys.argv[3]), sys.argv[4],
                                   float(sys.argv[5]))


def skip_addr(b, off):
    """The offset past an AFI-encoded address (AFI 0, IPv4, IPv6, LCAF)."""
    afi = struct.unpack_from('!H', b, off)[0]
    off += 2
    if afi == 0:
        return off
    if afi == 1:
        return off + 4
    if afi == 2:
        return off + 16
    if afi == 16387:
        return off + 6 + struct.unpack_from('!H', b, off + 4)[0]
    raise ValueError('afi %d' % afi)


def requested_eid(req):
    """The first EID record's IPv4 address of a Map-Request, or None."""
    irc = req[2] & 0x1F
    off = skip_addr(req, 12)            # source EID
    for _ in range(irc + 1):            # ITR-RLOCs
        off = skip_addr(req, off)
    off += 2                            # reserved, mask length
    afi = struct.unpack_from('!H', req, off)[0]
    if afi == 16387 and req[off + 4] == 2:      # instance-id LCAF
        off += 2 + 6 + 4
        afi = struct.unpack_from('!H', req, off)[0]
    if afi != 1:
        return None
    return req[off + 2:off + 6]


def record(eid, plen, ttl=1):
    # TTL in minutes, one locator, authoritative, AFI 1.
    return (struct.pack('!IBBHHH4s', ttl, 1, plen, 0x1000, 0, 1, eid) +
            struct.pack('!BBBBHH4s', 1, 100, 255, 0, 0x0001, 1,
                        socket.inet_aton(loc)))


s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, 4342))
end = time.monotonic() + lifetime
asked = set()
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
    try:
        e = requested_eid(req)
    except (ValueError, struct.error, IndexError):
        e = None
    if e is None:
        continue
    a, b, c = e[0], e[1], e[2]
    recs = []
    if extra >= 1:
        recs.append(record(bytes([a, b, c, 128]), 25))
    if extra >= 2:
        recs.append(record(bytes([10, 201, c, 0]), 24))
    for n in range(extra - 2):
        recs.append(record(bytes([10, 202, c, n % 256]), 32))
    ttl = 1
    if a == 10 and b == 209:
        ttl = 1 if e not in asked else 0
        asked.add(e)
    elif a == 10 and b == 208:
        ttl = 71582789     # minutes: 2^32 + 44 seconds
    recs.append(record(bytes([a, b, c, 0]), 24, ttl))
    out = struct.pack('!I', 2 << 28 | len(recs)) + req[4:12] + b''.join(recs)
    s.sendto(out, (src, 4342))
    with open(log, 'a') as f:
        f.write('request from %s for %s\n' % (src, socket.inet_ntoa(e)))
