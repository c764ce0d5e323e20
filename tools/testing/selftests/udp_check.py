#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""UDP echo across the translator: a server in one netns echoes a datagram
of SIZE random bytes back to a client in another; both must see it intact.

usage: udp_check.py FROM_NS TO_NS LISTEN_ADDR CONNECT_ADDR SIZE [BIND_ADDR]
"""
import os
import socket
import subprocess
import sys

PORT = 7007


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def serve(addr):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.bind((addr, PORT))
    s.settimeout(30)  # the sender's python may start slowly on a busy host
    print("ready", flush=True)
    data, peer = s.recvfrom(65535)
    s.sendto(data, peer)


def send(addr, size, bind):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    if bind:
        s.bind((bind, 0))
    s.settimeout(3)
    # Not os.urandom: it blocks in a fresh guest until the CRNG is seeded.
    payload = bytes((i * 7 + size) & 0xFF for i in range(size))
    s.sendto(payload, (addr, PORT))
    data, _ = s.recvfrom(65535)
    if data != payload:
        sys.exit(f"echo differs: sent {len(payload)} bytes, got {len(data)}")
    print(f"{size} bytes echoed intact")


def main():
    if sys.argv[1] == "--serve":
        return serve(sys.argv[2])
    if sys.argv[1] == "--send":
        return send(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    src_ns, dst_ns, listen, connect, size = sys.argv[1:6]
    bind = sys.argv[6] if len(sys.argv) > 6 else ""
    server = subprocess.Popen(["ip", "netns", "exec", dst_ns, sys.executable, __file__, "--serve", listen],
                              stdout=subprocess.PIPE, text=True)
    server.stdout.readline()  # "ready": bound before the client sends
    try:
        subprocess.run(["ip", "netns", "exec", src_ns, sys.executable, __file__, "--send", connect, size]
                       + ([bind] if bind else []), check=True)
    finally:
        server.kill()


if __name__ == "__main__":
    main()
