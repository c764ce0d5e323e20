#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every ipxlat command through the kernel's YNL library (the code behind
tools/net/ynl/pyynl/cli.py), in one process: parsing the spec once keeps
this fast under emulation. Prints one "ok - ..." / "not ok - ..." line per
check; exits 1 if any failed.

usage: ynl_checks.py KDIR SPEC IFINDEX   (run in the device's netns)
"""
import os
import sys

KDIR, SPEC, IFX = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, KDIR + "/tools/net/ynl/pyynl")
from lib import NlError, YnlFamily  # noqa: E402

failed = False


def check(what, cond, detail=""):
    global failed
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failed = True
        print("#     " + str(detail)[:1500])


def refused(what, op, vals, msg=None, bad=None, miss=None, dump=False):
    """The request must fail; msg/bad/miss: expected extack parts."""
    try:
        (ynl.dump if dump else ynl.do)(op, vals)
    except NlError as e:
        ext = e.nl_msg.extack or {}
        ok = ((msg is None or ext.get("msg") == msg)
              and (bad is None or ext.get("bad-attr") == bad)
              and (miss is None or ext.get("miss-type") == miss))
        check(what, ok, ext)
        return
    check(what, False, "unexpectedly succeeded")


def get():
    """dev-get with every setting (the extensions flag)."""
    return ynl.do("dev-get", {"ifindex": IFX, "extensions": True})


ynl = YnlFamily(SPEC)
D = {"ifindex": IFX}

# dev-get / dev-set (SPEC 7.1)
g = get()
check("dev-get do: defaults", g["ifindex"] == IFX and g["config"]["lowest-ipv6-mtu"] == 1280
      and g["config"]["xlat-prefix6"] == {"prefix": bytes.fromhex("0064ff9b" + "00" * 12), "prefix-len": 96}, g)
check("dev-get dump: the device", [m["ifindex"] for m in ynl.dump("dev-get", {})] == [IFX])
ynl.do("dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix": "20010db8010000000000000000000000"}}})
g = get()["config"]["xlat-prefix6"]
check("dev-set prefix only: length kept", g == {"prefix": bytes.fromhex("20010db801" + "00" * 11), "prefix-len": 96}, g)
ynl.do("dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix-len": 40}}})
g = get()["config"]["xlat-prefix6"]
check("dev-set prefix-len only: prefix kept", g == {"prefix": bytes.fromhex("20010db801" + "00" * 11), "prefix-len": 40}, g)
ynl.do("dev-set", {"ifindex": IFX, "config": {"lowest-ipv6-mtu": 1400}})
check("dev-set lowest-ipv6-mtu only", get()["config"]["lowest-ipv6-mtu"] == 1400)
before = get()
refused("unknown ifindex: ENODEV text", "dev-set", {"ifindex": 99999, "config": {"lowest-ipv6-mtu": 1280}},
        msg="ifindex does not match any interface")
refused("dev-get unknown ifindex", "dev-get", {"ifindex": 99999}, msg="ifindex does not match any interface")
refused("lo is not ipxlat (bad attr ifindex)", "dev-set", {"ifindex": 1, "config": {"lowest-ipv6-mtu": 1280}},
        msg="specified interface is not ipxlat", bad=".ifindex")
refused("config absent: missing attribute config", "dev-set", D, miss="config")
refused("config empty", "dev-set", {"ifindex": IFX, "config": {}}, msg="config update is empty")
refused("xlat-prefix6 empty", "dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {}}}, msg="xlat-prefix6 update is empty")
for ln in (0, 8, 33, 63, 95):
    refused("prefix-len %d: RFC v1 text, bad attr prefix-len" % ln, "dev-set",
            {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix-len": ln}}},
            msg="unsupported RFC 6052 prefix length: %d" % ln, bad=".config.xlat-prefix6.prefix-len")
refused("prefix-len 97: policy (bad attr)", "dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix-len": 97}}},
        bad=".config.xlat-prefix6.prefix-len")
refused("prefix of 15 bytes: policy", "dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix": "00" * 15}}},
        bad=".config.xlat-prefix6.prefix")
refused("lowest-ipv6-mtu 1279: policy", "dev-set", {"ifindex": IFX, "config": {"lowest-ipv6-mtu": 1279}},
        bad=".config.lowest-ipv6-mtu")
refused("valid + invalid in one request", "dev-set",
        {"ifindex": IFX, "config": {"lowest-ipv6-mtu": 1500, "xlat-prefix6": {"prefix-len": 33}}})
check("refused requests changed nothing", get() == before)
ynl.do("dev-set", {"ifindex": IFX, "config": {"profile": "clat", "wkp-strict": 0, "icmp-src6-fallback": "2001:db8::1",
                                              "eam-hairpin-mode": "off", "udp-zero-csum": "drop"}})
c = get()["config"]
check("extension knobs", c["profile"] == "clat" and c["wkp-strict"] == 0 and c["icmp-src6-fallback"] == "2001:db8::1"
      and c["eam-hairpin-mode"] == "off" and c["udp-zero-csum"] == "drop", c)
# A strict RFC v1 client (a spec naming only the v1 attributes; YNL refuses
# unknown attributes) reads and writes a device whose extension settings
# are not the defaults (SPEC 7.1).
v1 = YnlFamily(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ipxlat-v1.yaml"),
               schema=KDIR + "/Documentation/netlink/genetlink.yaml")
V1_KEYS = {"xlat-prefix6", "lowest-ipv6-mtu"}
try:
    g = v1.do("dev-get", D)
    check("v1 client: dev-get do holds only v1 attributes",
          set(g) == {"ifindex", "config"} and set(g["config"]) == V1_KEYS, g)
    dumped = v1.dump("dev-get", {})
    check("v1 client: dev-get dump holds only v1 attributes",
          [m["ifindex"] for m in dumped] == [IFX] and all(set(m["config"]) == V1_KEYS for m in dumped), dumped)
    v1.do("dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix": "0064ff9b000000000000000000000000",
                                                                  "prefix-len": 96}, "lowest-ipv6-mtu": 1280}})
    check("v1 client: dev-set applied, extension settings kept",
          v1.do("dev-get", D)["config"]["lowest-ipv6-mtu"] == 1280 and get()["config"]["profile"] == "clat")
    v1.do("dev-set", {"ifindex": IFX, "config": g["config"]})
    check("v1 client: its own dev-get reply sent back as dev-set restores the device", v1.do("dev-get", D) == g)
except NlError as e:
    check("v1 client: dev-get / dev-set", False, e)
except Exception as e:  # the YNL library's error for an unknown attribute
    check("v1 client: every reply parses with the v1 spec", False, repr(e))
g = ynl.do("dev-get", D)
check("dev-get without the extensions flag: v1 attributes only", set(g["config"]) == V1_KEYS, g)
refused("simple hairpin with clat", "dev-set", {"ifindex": IFX, "config": {"eam-hairpin-mode": "simple"}},
        msg="eam-hairpin-mode: simple EAM hairpin mode is not allowed with the clat profile", bad=".config.eam-hairpin-mode")
refused("xlat-prefix6 with xlat-prefix6-unset", "dev-set",
        {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix-len": 96}, "xlat-prefix6-unset": True}},
        bad=".config.xlat-prefix6-unset")
ynl.do("dev-set", {"ifindex": IFX, "config": {"profile": "generic", "wkp-strict": 1, "eam-hairpin-mode": "intrinsic",
                                              "udp-zero-csum": "compute", "icmp-src6-fallback": "::"}})

# EAM
E1 = {"ipv4": {"prefix": "192.0.2.16", "prefix-len": 28}, "ipv6": {"prefix": "2001:db8:cccc::", "prefix-len": 124}}
E2 = {"ipv4": {"prefix": "198.51.100.0", "prefix-len": 24}, "ipv6": {"prefix": "2001:db8:dd::", "prefix-len": 120}}
E3 = {"ipv4": {"prefix": "192.0.2.20", "prefix-len": 30}, "ipv6": {"prefix": "2001:db8:ee::", "prefix-len": 126}}
E4 = {"ipv4": {"prefix": "203.0.113.0", "prefix-len": 24}, "ipv6": {"prefix": "2001:db8:ff::", "prefix-len": 120}}


def eams():
    return [e for m in ynl.dump("eam-get", D) for e in m.get("eam", [])]


ynl.do("eam-add", {"ifindex": IFX, "eam": [E1, E2]})
t = eams()
check("eam-add two entries, eam-get dump", len(t) == 2 and t[0]["ipv4"] == E1["ipv4"] and t[1]["ipv6"] == E2["ipv6"], t)
refused("eam-add overlap: text, bad attr the eam nest", "eam-add", {"ifindex": IFX, "eam": [E3]},
        msg="EAM entry overlaps an existing entry", bad=".eam")
refused("eam-add batch with an existing entry: refused", "eam-add", {"ifindex": IFX, "eam": [E4, E1]}, msg="EAM entry exists")
refused("eam-add duplicate inside one request", "eam-add", {"ifindex": IFX, "eam": [E4, E4]}, msg="EAM entry exists")
check("  nothing added", len(eams()) == 2)
ynl.do("eam-add", {"ifindex": IFX, "eam": [dict(E3, **{"allow-overlap": True})]})
check("eam-add overlap with allow-overlap", len(eams()) == 3)
refused("eam-add entry without ipv6: missing attribute", "eam-add",
        {"ifindex": IFX, "eam": [{"ipv4": E4["ipv4"]}]})
refused("eam-add without entries: missing attribute eam", "eam-add", D, miss="eam")
refused("eam-add suffix too short", "eam-add",
        {"ifindex": IFX, "eam": [{"ipv4": E4["ipv4"], "ipv6": {"prefix": "2001:db8:ff::", "prefix-len": 124}}]},
        msg="EAM IPv6 suffix shorter than the IPv4 suffix", bad=".eam")
refused("eam-del with both sides", "eam-del", {"ifindex": IFX, "eam": [E1]},
        msg="EAM entry to delete needs exactly one of ipv4 and ipv6", bad=".eam")
refused("eam-del of a missing entry", "eam-del", {"ifindex": IFX, "eam": [{"ipv4": E4["ipv4"]}]}, msg="EAM entry not found")
ynl.do("eam-del", {"ifindex": IFX, "eam": [{"ipv6": E2["ipv6"]}, {"ipv4": E3["ipv4"]}]})
check("eam-del by ipv6 and ipv4 in one request", [e["ipv4"] for e in eams()] == [E1["ipv4"]])
ynl.do("eam-flush", D)
check("eam-flush", eams() == [])
refused("eam-get dump without ifindex: missing attribute", "eam-get", {}, miss="ifindex", dump=True)

# stats, query
s = ynl.do("stats-get", D)
check("stats-get do: 28 drop nests", s["ifindex"] == IFX and len(s["stats"]["drop"]) == 28 and s["stats"]["drops"] == 0, s)
check("stats-get dump", [m["ifindex"] for m in ynl.dump("stats-get", {})] == [IFX])
q = ynl.do("query", {"ifindex": IFX, "query": {"address": "8.8.8.8"}})["query"]
check("query 4->6 with 2001:db8:100::/40", q == {"address": "8.8.8.8", "result": "2001:db8:108:808:8::", "rule": "prefix6"}, q)
ynl.do("dev-set", {"ifindex": IFX, "config": {"xlat-prefix6": {"prefix": "0064ff9b" + "00" * 12, "prefix-len": 96}}})
q = ynl.do("query", {"ifindex": IFX, "query": {"address": "8.8.8.8"}})["query"]
check("query 4->6 with the WKP", q == {"address": "8.8.8.8", "result": "64:ff9b::808:808", "rule": "prefix6"}, q)
q = ynl.do("query", {"ifindex": IFX, "query": {"address": "64:ff9b::808:808"}})["query"]
check("query 6->4", q.get("result") == "8.8.8.8" and q["rule"] == "prefix6", q)
q = ynl.do("query", {"ifindex": IFX, "query": {"address": "2001:db8::1"}})["query"]
check("query unmapped: rule none, no result", q["rule"] == "none" and "result" not in q, q)
refused("query without address: missing attribute", "query", {"ifindex": IFX, "query": {}})

# change-ntf
sub = YnlFamily(SPEC)
sub.ntf_subscribe("config")
ynl.do("eam-flush", D)
ynl.do("dev-set", {"ifindex": IFX, "config": {"lowest-ipv6-mtu": 1280}})
ntfs = [n["msg"] for n in sub.poll_ntf(duration=3)]
check("change-ntf: eam-flush then dev-set", [(n["ifindex"], n["change"]) for n in ntfs] == [(IFX, "eam-flush"), (IFX, "dev-set")], ntfs)
sys.exit(1 if failed else 0)
