#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""UDP segmentation offload across the translator: a client in one netns
sends one UDP_SEGMENT super-datagram of COUNT segments of SEG bytes (one
send call, one GSO packet as far as the stack keeps it whole); a server in
another netns must receive COUNT datagrams of SEG bytes, each intact.

usage: udp_gso.py FROM_NS TO_NS LISTEN_ADDR CONNECT_ADDR SEG COUNT [BIND_ADDR]
With IPXLAT_UDP_DF0=1 in the environment an IPv4 sender clears DF
(IP_PMTUDISC_DONT), so its segments may be fragmented on the way.
"""
import os
import socket
import subprocess
import sys

PORT = 7008
UDP_SEGMENT = 103  # linux/udp.h
IP_MTU_DISCOVER, IP_PMTUDISC_DONT = 10, 0  # linux/in.h


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def segment(i, seg):
    return bytes(((i * 31 + j) & 0xFF) for j in range(seg))


def serve(addr, seg, count):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.bind((addr, PORT))
    s.settimeout(30)  # the sender's python may start slowly on a busy host
    print("ready", flush=True)
    got = []
    try:
        while len(got) < count:
            got.append(s.recv(65535))
    except socket.timeout:
        pass
    want = [segment(i, seg) for i in range(count)]
    if got != want:
        sizes = [len(g) for g in got]
        sys.exit(f"received {len(got)} datagrams (sizes {sizes[:8]}...), want {count} x {seg} bytes in order")
    print(f"{count} datagrams of {seg} bytes received intact")


def send(addr, seg, count, bind):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    if bind:
        s.bind((bind, 0))
    s.setsockopt(socket.IPPROTO_UDP, UDP_SEGMENT, seg)
    if os.environ.get("IPXLAT_UDP_DF0") == "1" and family(addr) == socket.AF_INET:
        s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)
    s.sendto(b"".join(segment(i, seg) for i in range(count)), (addr, PORT))


def main():
    if sys.argv[1] == "--serve":
        return serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    if sys.argv[1] == "--send":
        return send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
    src_ns, dst_ns, listen, connect, seg, count = sys.argv[1:7]
    bind = sys.argv[7] if len(sys.argv) > 7 else ""
    server = subprocess.Popen(["ip", "netns", "exec", dst_ns, sys.executable, __file__, "--serve", listen, seg, count],
                              stdout=subprocess.PIPE, text=True)
    server.stdout.readline()  # "ready": bound before the client sends
    subprocess.run(["ip", "netns", "exec", src_ns, sys.executable, __file__, "--send", connect, seg, count]
                   + ([bind] if bind else []), check=True)
    if server.wait(timeout=60) != 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
