#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sends exactly COUNT UDP datagrams of SIZE payload bytes from one netns to
a receiver in another, which must get every one of them (and nothing else
on that port). One way only, so the packets crossing are known exactly.

usage: udp_burst.py FROM_NS TO_NS LISTEN_ADDR CONNECT_ADDR COUNT SIZE [BIND_ADDR]
"""
import socket
import subprocess
import sys
import time

PORT = 7009


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def receive(addr, count):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.bind((addr, PORT))
    print("ready", flush=True)
    got = 0
    s.settimeout(30)  # the sender's python may start slowly on a busy host
    try:
        while got < count:
            s.recvfrom(65535)
            got += 1
        s.settimeout(0.5)  # anything extra would be a duplicate
        while True:
            s.recvfrom(65535)
            got += 1
    except socket.timeout:
        pass
    print(got, flush=True)


def send(addr, count, size, bind):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    if bind:
        s.bind((bind, 0))
    for i in range(count):
        s.sendto(bytes([i & 0xFF]) * size, (addr, PORT))
        time.sleep(0.01)


def main():
    if sys.argv[1] == "--receive":
        return receive(sys.argv[2], int(sys.argv[3]))
    if sys.argv[1] == "--send":
        return send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
    src_ns, dst_ns, listen, connect, count, size = sys.argv[1:7]
    bind = sys.argv[7:8]
    rx = subprocess.Popen(["ip", "netns", "exec", dst_ns, sys.executable, __file__, "--receive", listen, count],
                          stdout=subprocess.PIPE, text=True)
    rx.stdout.readline()  # "ready": bound before the first datagram
    subprocess.run(["ip", "netns", "exec", src_ns, sys.executable, __file__, "--send", connect, count, size] + bind,
                   check=True)
    got = int(rx.communicate(timeout=60)[0].strip() or -1)
    print(f"sent {count}, received {got}")
    sys.exit(0 if got == int(count) else 1)


if __name__ == "__main__":
    main()
