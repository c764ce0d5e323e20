#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""An IPv6 UDP packet with a Routing header whose Segments Left is not 0,
sent across the translator, must come back as Parameter Problem (4/0) with
the pointer on the Segments Left byte (SPEC 2.4), from the source address
the host's route toward the sender selects (SPEC 5.10).

usage: segments_left.py SRC DST EXPECTED_ERROR_SOURCE
Prints the packet's length (the caller may plant an interface with that
index, which a sender reading the stale control block would pick the
error's source from) and the error's source.
"""
import select
import socket
import struct
import sys
import time

PAYLOAD = b"segments"


def packet(src, dst):
    udp = struct.pack("!HHHH", 4242, 5555, 8 + len(PAYLOAD), 0) + PAYLOAD
    # Routing header type 0, one address, Segments Left 1 (RFC 8200 4.4).
    rh = struct.pack("!BBBB4x", 17, 2, 0, 1) + socket.inet_pton(socket.AF_INET6, "2001:db8::99")
    body = rh + udp
    hdr = struct.pack("!IHBB", 6 << 28, len(body), 43, 64)
    return hdr + socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + body


def main():
    src, dst, want = sys.argv[1:4]
    pkt = packet(src, dst)
    print("packet length %d" % len(pkt))
    icmp = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    raw.sendto(pkt, (dst, 0))
    deadline = time.time() + 3
    while time.time() < deadline:
        if not select.select([icmp], [], [], deadline - time.time())[0]:
            break
        data, addr = icmp.recvfrom(2048)
        if len(data) < 8 or data[0] != 4:
            continue
        code, pointer = data[1], struct.unpack("!I", data[4:8])[0]
        print("parameter problem code %d pointer %d from %s" % (code, pointer, addr[0]))
        # Segments Left: 40 (IPv6 header) + 3.
        return 0 if (code, pointer, addr[0]) == (0, 43, want) else 1
    print("no parameter problem came back")
    return 1


if __name__ == "__main__":
    sys.exit(main())
