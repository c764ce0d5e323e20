#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""SPEC 7.2: a raw IPv4 UDP packet with checksum 0 (TTL 64, ID 1, DF=0,
sport 4242, 21-byte payload, to TARGET4:5555) must arrive on the IPv6 side
with a valid computed checksum (the receiving stack drops bad ones).

usage: zero_csum.py FROM_NS TO_NS SRC4 TARGET4 TARGET
  TARGET: the receiver's address (IPv6, or IPv4 behind a 464XLAT PLAT)
"""
import socket
import struct
import subprocess
import sys

PAYLOAD = b"zero checksum payload"  # 21 bytes


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def send(src, dst):
    udp = struct.pack("!HHHH", 4242, 5555, 8 + len(PAYLOAD), 0) + PAYLOAD
    total = 20 + len(udp)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 1, 0, 64, 17, 0,
                      socket.inet_aton(src), socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.sendto(hdr + udp, (dst, 0))


def receive(addr):
    # IPv6 across a SIIT translator, IPv4 behind a second one (464XLAT).
    s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, 5555))
    s.settimeout(30)  # the sender's python may start slowly on a busy host
    print("ready", flush=True)
    data, peer = s.recvfrom(2048)
    if data != PAYLOAD:
        sys.exit(f"payload differs: {data!r}")
    print(f"received {len(data)} bytes from {peer[0]}")


def main():
    if sys.argv[1] == "--send":
        return send(sys.argv[2], sys.argv[3])
    if sys.argv[1] == "--receive":
        return receive(sys.argv[2])
    src_ns, dst_ns, src4, dst4, dst = sys.argv[1:6]
    rx = subprocess.Popen(["ip", "netns", "exec", dst_ns, sys.executable, __file__, "--receive", dst],
                          stdout=subprocess.PIPE, text=True)
    rx.stdout.readline()  # "ready": bound before the packet is sent
    subprocess.run(["ip", "netns", "exec", src_ns, sys.executable, __file__, "--send", src4, dst4], check=True)
    out = rx.communicate(timeout=60)[0]
    print(out.strip())
    sys.exit(rx.returncode)


if __name__ == "__main__":
    main()
