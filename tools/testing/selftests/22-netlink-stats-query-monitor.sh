#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# ipxlat-ctl stats, query and monitor against the module.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlink-lib.sh"

netns_add nls
ip -n nls link add clat0 type ipxlat
ip -n nls link add clat1 type ipxlat
X=(ip netns exec nls "$CTL")

check "stats (text) lists every counter" bash -c "${X[*]} stats dev clat0 | grep -q 'drops 0' && ${X[*]} stats dev clat0 | grep -q hop-limit-exceeded"
check "stats -j: all 28 drop reasons, zero counters" pyjson \
	'len(d) == 1 and len(d[0]["drop"]) == 28 and d[0]["drops"] == 0 and d[0]["tx-46-packets"] == 0
	 and "no-config" in d[0]["drop"] and "malformed-ipv4" in d[0]["drop"]' "${X[@]}" -j stats dev clat0
check "stats dump: both devices" pyjson '[x["ifname"] for x in d] == ["clat0", "clat1"]' "${X[@]}" -j stats

check "query IPv4 by the well-known prefix" pyjson \
	'd == {"address": "8.8.8.8", "result": "64:ff9b::808:808", "rule": "prefix6"}' \
	"${X[@]}" -j query dev clat0 8.8.8.8
check "query IPv6 by the well-known prefix" pyjson \
	'd["result"] == "8.8.8.8" and d["rule"] == "prefix6"' "${X[@]}" -j query dev clat0 64:ff9b::808:808
check "query of a non-global IPv4 with the WKP (wkp-strict): rule none" pyjson 'd["rule"] == "none"' \
	"${X[@]}" -j query dev clat0 192.0.2.33
"${X[@]}" eam add 192.0.2.16/28 2001:db8:cccc::/124 dev clat0
check "query by EAM" pyjson 'd["result"] == "2001:db8:cccc::4" and d["rule"] == "eam"' \
	"${X[@]}" -j query dev clat0 192.0.2.20
check "query 6->4 by EAM" pyjson 'd["result"] == "192.0.2.20" and d["rule"] == "eam"' \
	"${X[@]}" -j query dev clat0 2001:db8:cccc::4
check "query of an unmappable address: rule none" pyjson 'd["rule"] == "none" and d.get("result") is None' \
	"${X[@]}" -j query dev clat0 2001:db8:9999::1
check "query text" bash -c "${X[*]} query dev clat0 8.8.8.8 | grep -q '64:ff9b::808:808 (prefix6)'"
"${X[@]}" dev set clat0 profile clat local-prefix6 2001:db8:aaaa::/96 local-ipv4 192.168.1.0/24
check "query by local-prefix6 (CLAT)" pyjson 'd["result"] == "192.168.1.5" and d["rule"] == "local-prefix6"' \
	"${X[@]}" -j query dev clat0 2001:db8:aaaa::c0a8:105

# monitor: one notification per change, in the device's namespace.
M=/tmp/monitor.out
ip netns exec nls "$CTL" -j monitor >$M 2>&1 &
mon=$!
sleep 1
"${X[@]}" dev set clat1 wkp-strict off
"${X[@]}" eam add 198.51.100.0/24 2001:db8:dd::/120 dev clat1
"${X[@]}" eam del 198.51.100.0/24 dev clat1
"${X[@]}" eam flush dev clat1
"${X[@]}" dev set clat1 prefix 2001:db8::/33 2>/dev/null   # refused: no notification
sleep 1
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
check "monitor caught dev-set, eam-add, eam-del, eam-flush (and nothing for a refused request)" python3 -c "
import json
rows = [json.loads(l) for l in open('$M') if l.startswith('{')]
print(rows)
assert [r['change'] for r in rows] == ['dev-set', 'eam-add', 'eam-del', 'eam-flush'], rows
assert all(r['ifname'] == 'clat1' for r in rows)"
finish
