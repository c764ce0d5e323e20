#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A UDP datagram to a closed port across the translator must come back as
"connection refused": the peer's port unreachable error, translated with a
quote the sender's stack matches to this very socket (so addresses, ports
and the quoted header are right).

usage: port_unreach.py NS TARGET 4|6 [BIND]
"""
import socket
import subprocess
import sys


def probe(target, fam, bind):
    s = socket.socket(socket.AF_INET6 if fam == "6" else socket.AF_INET, socket.SOCK_DGRAM)
    if bind:
        s.bind((bind, 0))
    s.settimeout(3)
    s.connect((target, 9))
    s.send(b"anyone there?")
    try:
        s.recv(100)
    except ConnectionRefusedError:
        print("connection refused: port unreachable received")
        return 0
    except socket.timeout:
        print("no error came back")
        return 1
    print("unexpected reply")
    return 1


def main():
    if sys.argv[1] == "--probe":
        sys.exit(probe(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None))
    ns, target, fam = sys.argv[1:4]
    extra = sys.argv[4:5]
    sys.exit(subprocess.run(["ip", "netns", "exec", ns, sys.executable, __file__, "--probe", target, fam] + extra).returncode)


if __name__ == "__main__":
    main()
