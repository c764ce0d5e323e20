#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sends COUNT UDP datagrams from SRC to DST back to back and prints how
many ICMPv6 errors of TYPE/CODE quoting them came back (errors about this
socket's datagrams only, matched by the quoted source port). Run inside
the sender's namespace.

usage: icmp6_errors_back.py SRC DST COUNT TYPE CODE
"""
import select
import socket
import struct
import sys
import time

# Quiet time after the last error before the count is final.
SETTLE_S = 1.5


def main():
    src, dst = sys.argv[1], sys.argv[2]
    count, want_type, want_code = (int(x) for x in sys.argv[3:6])
    raw = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    udp = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    udp.bind((src, 0))
    port = udp.getsockname()[1]
    for i in range(count):
        udp.sendto(b"probe %d" % i, (dst, 9))
    got = 0
    deadline = time.monotonic() + SETTLE_S
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([raw], [], [], left)[0]:
            break
        msg = raw.recv(2048)
        # ICMPv6 header (8 bytes), then the quoted IPv6 header (40) and UDP.
        if len(msg) < 8 + 40 + 8 or msg[0] != want_type or msg[1] != want_code:
            continue
        quoted_next, quoted_sport = msg[8 + 6], struct.unpack("!H", msg[48:50])[0]
        if quoted_next == socket.IPPROTO_UDP and quoted_sport == port:
            got += 1
            deadline = time.monotonic() + SETTLE_S
    print(got)


if __name__ == "__main__":
    main()
