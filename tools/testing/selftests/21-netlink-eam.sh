#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# ipxlat-ctl eam add/del/show/flush and batch mode against the module:
# atomic multi-entry requests, overlap and duplicate refusals with the
# offending entry reported, deletion by either side.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlink-lib.sh"

netns_add nle
ip -n nle link add clat0 type ipxlat
X=(ip netns exec nle "$CTL")
count() { "${X[@]}" -j eam show dev clat0 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

check "eam show on an empty table prints nothing" test -z "$("${X[@]}" eam show dev clat0)"
check "eam add 192.0.2.16/28 2001:db8:cccc::/124" "${X[@]}" eam add 192.0.2.16/28 2001:db8:cccc::/124 dev clat0
check "eam add a single address (default /32 and /128)" "${X[@]}" eam add 198.51.100.7 2001:db8:1::7 dev clat0
check "eam show (text)" bash -c "${X[*]} eam show dev clat0 | grep -qx '192.0.2.16/28 2001:db8:cccc::/124'"
check "eam show -j" pyjson 'd == [{"ipv4": {"prefix": "192.0.2.16", "prefix-len": 28}, "ipv6": {"prefix": "2001:db8:cccc::", "prefix-len": 124}},
	{"ipv4": {"prefix": "198.51.100.7", "prefix-len": 32}, "ipv6": {"prefix": "2001:db8:1::7", "prefix-len": 128}}]' \
	"${X[@]}" -j eam show dev clat0
check_err "overlapping entry refused without allow-overlap" "EAM entry overlaps an existing entry" \
	"${X[@]}" eam add 192.0.2.20/30 2001:db8:dddd::/126 dev clat0
check "overlapping entry accepted with allow-overlap" "${X[@]}" eam add 192.0.2.20/30 2001:db8:dddd::/126 dev clat0 allow-overlap
check_err "same IPv4 prefix again refused" "EAM entry exists" "${X[@]}" eam add 198.51.100.7 2001:db8:2::7 dev clat0
check_err "IPv6 suffix shorter than IPv4 suffix refused" "EAM IPv6 suffix shorter than the IPv4 suffix" \
	"${X[@]}" eam add 203.0.113.0/24 2001:db8:eeee::/124 dev clat0
check_err "host bits refused" "EAM IPv4 prefix has bits set after its length" \
	"${X[@]}" eam add 203.0.113.1/24 2001:db8:eeee::/120 dev clat0
check "three entries" test "$(count)" = 3
check "eam del by IPv4 prefix" "${X[@]}" eam del 192.0.2.20/30 dev clat0
check "eam del by IPv6 prefix" "${X[@]}" eam del 2001:db8:1::7 dev clat0
check "one entry left" test "$(count)" = 1
check_err "deleting a missing entry refused" "EAM entry not found" "${X[@]}" eam del 203.0.113.0/24 dev clat0
check_err "deleting with bits after the length refused, as adding is" "EAM IPv4 prefix has bits set after its length" \
	"${X[@]}" eam del 192.0.2.17/28 dev clat0
check "  and the entry is still there" test "$(count)" = 1
check_err "a batch naming one entry twice (by IPv4, then IPv6) fails at the second line" "line 2" \
	bash -c "printf 'eam del 192.0.2.16/28 dev clat0\neam del 2001:db8:cccc::/124 dev clat0\n' | ${X[*]} -b -"
check_last "  as not found" "EAM entry not found"
check "  and deletes nothing (one request)" test "$(count)" = 1
check "an allow-overlap line after one it overlaps applies in a batch, as two commands" bash -c \
	"printf 'eam add 10.9.1.0/24 2001:db8:9:1::/120 dev clat0\neam add 10.9.0.0/16 2001:db8:9::/112 dev clat0 allow-overlap\n' | ${X[*]} -b -"
check "  both entries added" test "$(count)" = 3
check "eam flush" "${X[@]}" eam flush dev clat0
check "table empty" test "$(count)" = 0
check_err "eam on lo: not ipxlat" "specified interface is not ipxlat" "${X[@]}" eam add 192.0.2.1 2001:db8::1 dev lo

# Batch: 5000 entries in shuffled order, sent as 3 requests of at most
# 2048 (ipxlat-ctl's ENTRIES_PER_MSG): the table, merged request by
# request, comes out whole and in IPv4 order. Then a batch whose 2nd
# request holds an overlap: the first request applies, the failing one not
# at all, and the error names the exact line.
B=/tmp/eam-batch.txt
python3 -c "
import random
lines = ['eam add 10.0.%d.%d 2001:db8:a::%x dev clat0' % (i // 256, i % 256, i) for i in range(5000)]
random.Random(7).shuffle(lines)
print('\n'.join(lines))" >$B
check "batch of 5000 shuffled eam add lines" ip netns exec nle "$CTL" -b $B
check "5000 entries, each once, in IPv4 order, mapped as added" bash -c "${X[*]} eam show dev clat0 | python3 -c \"
import ipaddress, sys
rows = [l.split() for l in sys.stdin]
assert len(rows) == 5000, len(rows)
for i, (v4, v6) in enumerate(rows):
    assert v4 == '10.0.%d.%d/32' % (i // 256, i % 256), (i, v4)
    assert ipaddress.IPv6Interface(v6) == ipaddress.IPv6Interface('2001:db8:a::%x/128' % i), (i, v6)
\""
python3 -c "
for i in range(2100):
    print('eam add 10.1.%d.%d 2001:db8:b::%x dev clat0' % (i // 256, i % 256, i))
    if i == 2099 - 1: print('eam add 10.1.0.0/16 2001:db8:c::/112 dev clat0')" >$B
check_err "batch with an overlap at line 2100 fails there" "line 2100" ip netns exec nle "$CTL" -b $B
check "the first request (2048 lines) applied, the failing one (53 lines) not" test "$(count)" = 7048
check "batch mixing del and show" bash -c "printf 'eam del 10.0.0.1 dev clat0\neam del 2001:db8:a::2 dev clat0\neam show dev clat0\n' | ${X[*]} -b - | wc -l | grep -qx 7046"
check "eam flush after batch" "${X[@]}" eam flush dev clat0
check "table empty again" test "$(count)" = 0
finish
