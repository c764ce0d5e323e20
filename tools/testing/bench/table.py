#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Router-cost benchmark table (see guest-router-bench.sh).

usage: table.py SAMPLES TCP [ROUNDS [EAM_N]]
SAMPLES lines: "case round pps"; TCP lines: "case round gbit/s".

Two ratios per case. "/(b)" and "/(c)" divide the medians. "paired /(c)"
is the median over rounds of case/(c) in the same round: the cases of a
round run back to back, so slow drifts of the host (seen here as (c)
varying by up to 30% between phases) cancel in each round's ratio, which
the ratio of medians does not do. Targets print both; the verdict is taken
on the paired ratio (the per-round ratios' min and max are printed too).
The last line, the two-pass bound, is information: what a device costing
nothing itself would reach against (c), estimated from (a), (b) and (c).
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
    ("d46@2", "ipxlat prefix 4->6"),
    ("e1@2", "ipxlat EAM 4->6, 1 entry"),
    ("e100k", "ipxlat EAM 4->6, 1+{n} entries"),
    ("f46", "TAYGA 4->6"),
    ("f64", "TAYGA 6->4"),
])


def load(path):
    """{case: {round: value}} in file order."""
    data = OrderedDict()
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                data.setdefault(parts[0], OrderedDict())[parts[1]] = float(parts[2])
    return data


def same_phase_c(case):
    """The (c) measured in the same phase as `case`."""
    return "c@2" if case in ("d46@2", "e1@2", "e100k") else "c"


def paired(data, case, ref):
    """Per-round ratios case/ref over the rounds both have (ref > 0)."""
    x, r = data.get(case, {}), data.get(ref, {})
    return [x[k] / r[k] for k in x if k in r and r[k] > 0]


def main():
    pps_rounds = load(sys.argv[1])
    tcp_rounds = load(sys.argv[2])
    pps = {k: list(v.values()) for k, v in pps_rounds.items()}
    tcp = {k: list(v.values()) for k, v in tcp_rounds.items()}
    rounds = sys.argv[3] if len(sys.argv) > 3 else "?"
    eamn = sys.argv[4] if len(sys.argv) > 4 else "100000"
    med = {k: statistics.median(v) for k, v in pps.items()}
    b, c = med.get("b"), med.get("c")

    def ratio(x, ref):
        return "%.3f" % (x / ref) if ref else "-"

    out = []
    out.append("Router cost: UDP 96-byte frames, pktgen netif_receive -> router -> XDP drop "
               "(%s rounds, interleaved)" % rounds)
    out.append("%-6s %-32s %9s %9s %9s %8s %8s %8s" %
               ("case", "", "min pps", "median", "max pps", "/(b)", "/(c)", "paired/(c)"))
    for k, label in LABELS.items():
        if k not in pps:
            continue
        v = pps[k]
        if k == "c@2":
            out.append("-- phase 2 (after loading the big EAM table):")
        pr = paired(pps_rounds, k, same_phase_c(k))
        out.append("%-6s %-32s %9.0f %9.0f %9.0f %8s %8s %8s" %
                   (k, label.format(n=eamn), min(v), med[k], max(v),
                    ratio(med[k], b), ratio(med[k], c),
                    "%.3f" % statistics.median(pr) if pr else "-"))
    out.append("")
    tmed = {k: statistics.median(v) for k, v in tcp.items()}
    out.append("TCP bulk (iperf3 -t 5, GSO/TSO on), Gbit/s (%d runs each)" %
               max((len(v) for v in tcp.values()), default=0))
    # c-*: TCP over (c)'s two IPv6 hops, the same two passes through the
    # stack per packet as through ipxlat (information, not a target).
    out.append("%-14s %8s %8s %8s %8s %10s %10s" %
               ("case", "min", "median", "max", "/(b)", "paired/(b)", "paired/(c)"))
    # a-*: TCP over IPv4 forwarding, one hop: the client's TCP is IPv4,
    # as through ipxlat (information).
    for k, ref, two_hop in (("b-c2s", "b-c2s", "c-c2s"), ("ipxlat-4to6", "b-c2s", "c-c2s"),
                            ("c-c2s", "b-c2s", "c-c2s"), ("a-c2s", "b-c2s", "c-c2s"),
                            ("b-s2c", "b-s2c", "c-s2c"), ("ipxlat-6to4", "b-s2c", "c-s2c"),
                            ("c-s2c", "b-s2c", "c-s2c"), ("a-s2c", "b-s2c", "c-s2c")):
        if k not in tcp:
            continue
        v = tcp[k]
        pr = paired(tcp_rounds, k, ref)
        pc = paired(tcp_rounds, k, two_hop)
        out.append("%-14s %8.3f %8.3f %8.3f %8s %10s %10s" %
                   (k, min(v), tmed[k], max(v), ratio(tmed[k], tmed.get(ref)),
                    "%.3f" % statistics.median(pr) if pr else "-",
                    "%.3f" % statistics.median(pc) if pc else "-"))
    out.append("")

    def verdict(name, data, case, ref, target):
        """Target line: ratio of medians, paired median (min..max); the
        verdict on the paired median."""
        x, r = data.get(case), data.get(ref)
        pr = paired(data, case, ref)
        if not x or not r or not pr:
            return "%-40s n/a" % name
        rm = statistics.median(x.values()) / statistics.median(r.values())
        p = statistics.median(pr)
        return "%-40s medians %.3f, paired %.3f (%.3f..%.3f), target >= %.2f: %s" % (
            name, rm, p, min(pr), max(pr), target, "met" if p >= target else "NOT met")
    out.append("Targets:")
    for k, what in (("d46", "ipxlat prefix 4->6 / (c)"), ("d64", "ipxlat prefix 6->4 / (c)"),
                    ("e1", "ipxlat EAM(1) 4->6 / (c)"), ("e100k", "ipxlat EAM(1+%s) 4->6 / (c@2)" % eamn)):
        out.append(verdict(what, pps_rounds, k, same_phase_c(k), 0.9))
    out.append(verdict("EAM 1+%s entries / 1 entry (phase 2)" % eamn, pps_rounds, "e100k", "e1@2", 0.95))
    out.append(verdict("TCP ipxlat 4->6 / (b)", tcp_rounds, "ipxlat-4to6", "b-c2s", 0.9))
    out.append(verdict("TCP ipxlat 6->4 / (b)", tcp_rounds, "ipxlat-6to4", "b-s2c", 0.9))
    out.append("")
    out.append(bound_line(pps_rounds, med))
    print("\n".join(out))


def two_pass_bound(a, b, c):
    """What a translator device that cost nothing itself would reach, as a
    fraction of (c), from the packet rates of (a), (b) and (c); None where
    noise makes the estimate meaningless.

    Per packet, (b) costs P + F6 (generator and drop, one IPv6 pass), (c)
    P + 2 F6 and (a) P + F4 (one IPv4 pass). The device's packets make one
    IPv4 and one IPv6 pass: P + F6 + F4 = 1/a - 1/b + 1/c. It makes one
    veth crossing fewer than (c), so the true bound is a little higher.
    """
    if not (a > 0 and b > 0 and c > 0):
        return None
    cost = 1 / a - 1 / b + 1 / c
    return (1 / c) / cost if cost > 0 else None


def bound_line(data, med):
    """The two-pass bound, from the medians `med` and per round (paired)."""
    name = "Two-pass bound / (c), from (a) (b) (c)"
    if not all(k in med for k in ("a", "b", "c")):
        return "%-40s n/a" % name
    m = two_pass_bound(med["a"], med["b"], med["c"])
    rounds = [two_pass_bound(data["a"][r], data["b"][r], data["c"][r])
              for r in data["c"] if r in data["a"] and r in data["b"]]
    rounds = [x for x in rounds if x is not None]
    if m is None or not rounds:
        return "%-40s n/a" % name
    return ("%-40s medians %.3f, paired %.3f (%.3f..%.3f): what a device costing "
            "nothing itself would reach (information, not a target)" %
            (name, m, statistics.median(rounds), min(rounds), max(rounds)))


if __name__ == "__main__":
    main()
