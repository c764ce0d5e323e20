#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Router-cost benchmark table (see guest-router-bench.sh).

usage: table.py SAMPLES TCP [ROUNDS [EAM_N]]
SAMPLES lines: "case round pps"; TCP lines: "case round gbit/s".
"""
import statistics
import sys
from collections import OrderedDict

LABELS = OrderedDict([
    ("a", "IPv4 forwarding, 1 hop"),
    ("b", "IPv6 forwarding, 1 hop"),
    ("c", "IPv6 forwarding, 2 hops"),
    ("d46", "ipxlat prefix 4->6"),
    ("d64", "ipxlat prefix 6->4"),
    ("e1", "ipxlat EAM 4->6, 1 entry"),
    ("c@2", "(c) again, with EAM loaded"),
    ("e1@2", "ipxlat EAM 4->6, 1 entry"),
    ("e100k", "ipxlat EAM 4->6, 1+{n} entries"),
    ("f46", "TAYGA 4->6"),
    ("f64", "TAYGA 6->4"),
])


def load(path):
    data = OrderedDict()
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                data.setdefault(parts[0], []).append(float(parts[2]))
    return data


def main():
    pps = load(sys.argv[1])
    tcp = load(sys.argv[2])
    rounds = sys.argv[3] if len(sys.argv) > 3 else "?"
    eamn = sys.argv[4] if len(sys.argv) > 4 else "100000"
    med = {k: statistics.median(v) for k, v in pps.items()}
    b, c = med.get("b"), med.get("c")

    def ratio(x, ref):
        return "%.3f" % (x / ref) if ref else "-"

    out = []
    out.append("Router cost: UDP 96-byte frames, pktgen netif_receive -> router -> XDP drop "
               "(%s rounds, interleaved)" % rounds)
    out.append("%-6s %-32s %9s %9s %9s %8s %8s" %
               ("case", "", "min pps", "median", "max pps", "/(b)", "/(c)"))
    for k, label in LABELS.items():
        if k not in pps:
            continue
        v = pps[k]
        if k == "c@2":
            out.append("-- phase 2 (after loading the big EAM table):")
        out.append("%-6s %-32s %9.0f %9.0f %9.0f %8s %8s" %
                   (k, label.format(n=eamn), min(v), med[k], max(v),
                    ratio(med[k], b), ratio(med[k], c)))
    out.append("")
    tmed = {k: statistics.median(v) for k, v in tcp.items()}
    out.append("TCP bulk (iperf3 -t 5, GSO/TSO on), Gbit/s (%d runs each)" %
               max((len(v) for v in tcp.values()), default=0))
    out.append("%-14s %8s %8s %8s %8s" % ("case", "min", "median", "max", "/(b)"))
    for k, ref in (("b-c2s", "b-c2s"), ("ipxlat-4to6", "b-c2s"),
                   ("b-s2c", "b-s2c"), ("ipxlat-6to4", "b-s2c")):
        if k not in tcp:
            continue
        v = tcp[k]
        out.append("%-14s %8.3f %8.3f %8.3f %8s" %
                   (k, min(v), tmed[k], max(v), ratio(tmed[k], tmed.get(ref))))
    out.append("")

    def verdict(name, x, ref, target):
        if x is None or not ref:
            return "%-44s n/a" % name
        r = x / ref
        return "%-44s %.3f (target >= %.2f): %s" % (name, r, target,
                                                    "met" if r >= target else "NOT met")
    out.append("Targets:")
    for k, what in (("d46", "ipxlat prefix 4->6 / (c)"), ("d64", "ipxlat prefix 6->4 / (c)"),
                    ("e1", "ipxlat EAM(1) 4->6 / (c)"), ("e100k", "ipxlat EAM(1+%s) 4->6 / (c@2)" % eamn)):
        out.append(verdict(what, med.get(k), med.get("c@2") if k == "e100k" else c, 0.9))
    out.append(verdict("EAM 1+%s entries / 1 entry (phase 2)" % eamn, med.get("e100k"),
                       med.get("e1@2"), 0.95))
    out.append(verdict("TCP ipxlat 4->6 / (b)", tmed.get("ipxlat-4to6"), tmed.get("b-c2s"), 0.9))
    out.append(verdict("TCP ipxlat 6->4 / (b)", tmed.get("ipxlat-6to4"), tmed.get("b-s2c"), 0.9))
    print("\n".join(out))


if __name__ == "__main__":
    main()
