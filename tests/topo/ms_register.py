#!/usr/bin/env python3
"""Map-Registers for test_lisp_ctl.sh, as an ETR would send them: COUNT
messages to the map-server MS (UDP 4342), as fast as they go, message i
registering one EID-prefix, FIRST + i * 2^(32 - PLEN) of length PLEN,
with one locator LOC (priority 1, weight 100), a TTL of one day, no
want-map-notify, signed with HMAC-SHA-1 (key id 0, 20 bytes of
authentication data) under KEY.  With a KEY the site does not have,
each is an authentication failure for the site holding the prefix.

usage: ms_register.py MS KEY FIRST PLEN COUNT LOC
"""
import hashlib
import hmac
import os
import socket
import struct
import sys

ms, key, first, plen, count, loc = (sys.argv[1], sys.argv[2].encode(),
                                    sys.argv[3], int(sys.argv[4]),
                                    int(sys.argv[5]), sys.argv[6])
base = struct.unpack('!I', socket.inet_aton(first))[0]
step = 1 << (32 - plen)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(count):
    eid = struct.pack('!I', (base + i * step) & 0xFFFFFFFF)
    # Record: TTL, 1 locator, mask length, authoritative, AFI 1, EID;
    # locator: priority, weight, m-priority, m-weight, R, AFI 1, RLOC.
    rec = (struct.pack('!IBBHHH4s', 1440, 1, plen, 0x1000, 0, 1, eid) +
           struct.pack('!BBBBHH4s', 1, 100, 255, 0, 0x0001, 1,
                       socket.inet_aton(loc)))
    head = struct.pack('!I', 3 << 28 | 1) + os.urandom(8)
    auth = struct.pack('!BBH', 0, 1, 20)
    msg = head + auth + bytes(20) + rec
    mac = hmac.new(key, msg, hashlib.sha1).digest()
    msg = head + auth + mac + rec
    s.sendto(msg, (ms, 4342))
