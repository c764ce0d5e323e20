#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Independent checksum audit of captured packets (scapy, not the engine):
for every IPv4/IPv6 packet of each capture, the IPv4 header checksum and the
TCP, UDP, ICMP or ICMPv6 checksum are deleted, recomputed by scapy and
compared with what was on the wire. Fragments get their IPv4 header checked
only (their L4 checksum covers the whole datagram). Fails on any mismatch,
on an empty capture, and when a capture lacks a kind of packet it must have.

usage: csum_verify.py PCAP[:KIND,KIND...] ...
  KIND: echo, udp, tcp, error (ICMP/ICMPv6 error), and "@PREFIX" to count only
  packets whose source address starts with PREFIX (the translated ones).
"""
import sys

# Only the layers needed (scapy.all imports every protocol: 3x the start-up
# time, ~10 s per run in the emulated guest). Payloads then stay raw bytes,
# which re-serialise exactly when checksums are recomputed.
from scapy.layers.inet import ICMP, IP, TCP, UDP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment, _ICMPv6
from scapy.packet import Padding
from scapy.utils import rdpcap

ERR4 = {3, 4, 5, 11, 12}
# Offset of the checksum inside each L4 header.
CSUM_AT = {"tcp": 16, "udp": 6, "echo": 2, "error": 2, "icmp": 2, "icmp6": 2}


def l4_of(ip):
    if isinstance(ip, IP):
        if ip.flags.MF or ip.frag:
            return None
        return ip.payload
    lay = ip.payload
    while lay.__class__.__name__.startswith("IPv6ExtHdr"):
        if isinstance(lay, IPv6ExtHdrFragment):
            return None
        lay = lay.payload
    return lay


def kind_of(l4):
    if isinstance(l4, TCP):
        return "tcp"
    if isinstance(l4, UDP):
        return "udp"
    if isinstance(l4, ICMP):
        return "echo" if l4.type in (0, 8) else ("error" if l4.type in ERR4 else "icmp")
    if isinstance(l4, _ICMPv6):
        return "echo" if l4.type in (128, 129) else ("error" if l4.type < 128 else "icmp6")
    return None


def word(buf, at):
    return (buf[at] << 8) | buf[at + 1]


def audit(path, required, prefix):
    pkts = rdpcap(path)
    bad, seen, checked = [], {}, 0
    for n, p in enumerate(pkts, 1):
        ip = p.getlayer(IP) or p.getlayer(IPv6)
        if ip is None:
            continue
        # Trailing Ethernet padding is not part of the IP packet.
        pad = ip.getlayer(Padding)
        if pad is not None:
            pad.underlayer.remove_payload()
        raw = bytes(ip)
        l4 = l4_of(ip)
        kind = kind_of(l4) if l4 is not None else None
        # Rebuild a copy with the checksum fields unset: scapy recomputes them.
        q = ip.__class__(raw)
        if isinstance(q, IP):
            del q.chksum
        l4_at = None
        if kind is not None:
            l4_at = len(raw) - len(bytes(l4))
            lq = q.getlayer(l4.__class__)
            field = "chksum" if "chksum" in [f.name for f in lq.fields_desc] else "cksum"
            delattr(lq, field)
        built = bytes(q)
        if len(built) != len(raw):
            bad.append(f"#{n} {ip.summary()}: scapy rebuilt {len(built)} bytes from {len(raw)}")
            continue
        if isinstance(ip, IP):
            checked += 1
            if word(raw, 10) != word(built, 10):
                bad.append(f"#{n} {ip.summary()}: IPv4 header checksum {word(raw, 10):#06x}, "
                           f"should be {word(built, 10):#06x}")
        if kind is None:
            continue
        at = l4_at + CSUM_AT[kind]
        value, want = word(raw, at), word(built, at)
        if not (kind == "udp" and isinstance(ip, IP) and value == 0):  # no IPv4 UDP checksum
            checked += 1
            if value != want:
                bad.append(f"#{n} {ip.summary()}: {kind} checksum {value:#06x}, should be {want:#06x}")
        if not prefix or ip.src.startswith(prefix):
            seen[kind] = seen.get(kind, 0) + 1
    print(f"{path}: {len(pkts)} packets, {checked} checksums verified, translated kinds {seen}")
    for b in bad:
        print(f"  BAD {b}")
    missing = [k for k in required if not seen.get(k)]
    if missing:
        print(f"  missing packet kinds: {missing}")
    return not bad and not missing and checked > 0


def main():
    ok = True
    for arg in sys.argv[1:]:
        path, _, spec = arg.partition(":")
        kinds = [k for k in spec.split(",") if k and not k.startswith("@")]
        prefix = next((k[1:] for k in spec.split(",") if k.startswith("@")), "")
        ok &= audit(path, kinds, prefix)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
