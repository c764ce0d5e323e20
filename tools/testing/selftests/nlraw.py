#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink requests to the ipxlat family, for inputs no regular
client sends (malformed nests, wrong lengths) and for fuzzing.

usage: nlraw.py send CMD ATTRS-HEX [dump]  -> prints "errno N msg TEXT"
       nlraw.py fuzz ITERATIONS SEED IFINDEX -> random requests, every
                                              command; prints a summary
"""
import os
import random
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NETLINK_EXT_ACK = 11


def attr(t, payload):
    a = struct.pack("HH", 4 + len(payload), t) + payload
    return a + b"\0" * (-len(a) % 4)


class Conn:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.s.setsockopt(270, NETLINK_EXT_ACK, 1)
        self.seq = 0
        self.family = self.resolve()

    def send(self, family, cmd, payload, dump=False):
        self.seq += 1
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        msg = struct.pack("BBH", cmd, 1, 0) + payload
        self.s.send(struct.pack("IHHII", 16 + len(msg), family, flags, self.seq, 0) + msg)
        replies = []
        while True:
            data = self.s.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                ln, ty, fl, seq, pid = struct.unpack_from("IHHII", data, off)
                if ln < 16:
                    return replies, -1, "bad message"
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if ty == NLMSG_ERROR:
                    err = struct.unpack_from("i", body)[0]
                    return replies, -err, self.extack(body, fl)
                if ty == NLMSG_DONE:
                    return replies, 0, ""
                replies.append(body)

    @staticmethod
    def extack(body, flags):
        # Capped ack (0x100): only the header echoed; else the whole request.
        if flags & 0x100:
            off = 4 + 16
        else:
            off = 4 + struct.unpack_from("I", body, 4)[0]
        msg = ""
        while off + 4 <= len(body):
            ln, ty = struct.unpack_from("HH", body, off)
            if ln < 4:
                break
            if ty == 1:
                msg = body[off + 4:off + ln].split(b"\0")[0].decode()
            off += (ln + 3) & ~3
        return msg

    def resolve(self):
        replies, err, _ = self.send(GENL_ID_CTRL, 3, attr(2, b"ipxlat\0"))
        if err or not replies:
            sys.exit("ipxlat family not found")
        body = replies[0][4:]
        off = 0
        while off + 4 <= len(body):
            ln, ty = struct.unpack_from("HH", body, off)
            if ty == 1:
                return struct.unpack_from("H", body, off + 4)[0]
            off += (ln + 3) & ~3
        sys.exit("no family id")


def fuzz(c, n, seed, ifindex):
    rnd = random.Random(seed)
    stats = {}
    ifa = attr(1, struct.pack("I", ifindex))

    def blob(depth=0):
        out = b""
        for _ in range(rnd.randrange(0, 5)):
            t = rnd.randrange(0, 20) | (0x8000 if rnd.random() < 0.3 else 0)
            r = rnd.random()
            if r < 0.3 and depth < 3:
                p = blob(depth + 1)
            elif r < 0.5:
                p = bytes(rnd.randrange(256) for _ in range(rnd.choice([0, 1, 2, 4, 5, 8, 15, 16, 17])))
            else:
                p = struct.pack("I", rnd.choice([0, 1, 32, 33, 64, 96, 97, 128, 129, 1279, 1280, 0xFFFFFFFF]))[:rnd.choice([1, 4])]
            a = attr(t, p)
            if rnd.random() < 0.05:  # corrupt the length
                a = struct.pack("H", rnd.randrange(0, 0x200)) + a[2:]
            out += a
        return out

    for _ in range(n):
        cmd = rnd.randrange(0, 12)
        payload = (ifa if rnd.random() < 0.8 else b"") + blob()
        if rnd.random() < 0.05:
            payload = payload[:rnd.randrange(0, len(payload) + 1)]
        _, err, _ = c.send(c.family, cmd, payload, dump=rnd.random() < 0.3)
        stats[err] = stats.get(err, 0) + 1
    print("fuzz: %d requests, errno counts %s" % (n, sorted(stats.items())))


def main():
    c = Conn()
    if sys.argv[1] == "send":
        payload = bytes.fromhex(sys.argv[3])
        replies, err, msg = c.send(c.family, int(sys.argv[2]), payload, dump=len(sys.argv) > 4)
        print("errno %d msg %s replies %d" % (err, msg, len(replies)))
        sys.exit(1 if err else 0)
    elif sys.argv[1] == "fuzz":
        fuzz(c, int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))


if __name__ == "__main__":
    main()
