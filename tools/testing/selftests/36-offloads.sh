#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Offloads on the SPEC 7.2 reference topology: the device advertises
# scatter-gather, checksum offload and TCP/UDP GSO (switchable with
# ethtool), so TCP super-packets cross it whole, their GSO type swapped,
# instead of being segmented by the stack in front of it. The average size
# of a translated packet (bytes / packets from the device's counters) tells
# which happened: above the device MTU only for super-packets.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-siit.sh"

siit_reference_topology

feature() { # feature NAME: its state on ipxl0 ("on"/"off")
	ip netns exec r ethtool -k ipxl0 | awk -v f="$1:" '$1 == f {print $2}'
}
for f in scatter-gather tx-checksumming tcp-segmentation-offload generic-segmentation-offload \
	tx-udp-segmentation; do
	check "ethtool: $f on by default" test "$(feature $f)" = on
done

# avg_size DIR: sets AVG to the bytes per translated packet in direction
# DIR (46 or 64) since the last call (not in a subshell: it keeps state).
declare -A last_p last_b
avg_size() {
	local p b n
	p=$(stat_of r ipxl0 tx-$1-packets)
	b=$(stat_of r ipxl0 tx-$1-bytes)
	n=$((p - ${last_p[$1]:-0}))
	AVG=$(((b - ${last_b[$1]:-0}) / (n > 0 ? n : 1)))
	last_p[$1]=$p last_b[$1]=$b
}
iperf_4to6() {
	ip netns exec ns6 iperf3 -s -D -1 -B $T6 >/dev/null 2>&1
	sleep 0.5
	ip netns exec ns4 iperf3 -c $T4 -t 2 -f m
}
iperf_6to4() {
	ip netns exec ns4 iperf3 -s -D -1 -B $A4 >/dev/null 2>&1
	sleep 0.5
	ip netns exec ns6 iperf3 -c $A4_AS_6 -B $S6 -t 2 -f m
}

avg_size 46
avg_size 64
check "TCP 4->6 with TSO/GSO on" iperf_4to6
avg_size 46; a46=$AVG
check "  crossed as super-packets (average $a46 bytes > MTU 1500)" test "$a46" -gt 1500
check "TCP 6->4 with TSO/GSO on" iperf_6to4
avg_size 64; a64=$AVG
check "  crossed as super-packets (average $a64 bytes > MTU 1500)" test "$a64" -gt 1500

udp_gso() { python3 "$IPXLAT_SELFTESTS/udp_gso.py" "$@"; }
avg_size 46
check "UDP GSO 4->6: one send of 20 x 1000-byte segments, 20 datagrams intact" udp_gso ns4 ns6 $T6 $T4 1000 20
avg_size 46; a46=$AVG
check "  crossed as a super-packet (average $a46 bytes > MTU 1500)" test "$a46" -gt 1500
avg_size 64
check "UDP GSO 6->4: one send of 20 x 1000-byte segments, 20 datagrams intact" udp_gso ns6 ns4 $A4 $A4_AS_6 1000 20 $S6
avg_size 64; a64=$AVG
check "  crossed as a super-packet (average $a64 bytes > MTU 1500)" test "$a64" -gt 1500
# DF=0 segments of 1400 bytes become 1448-byte IPv6 packets, above
# lowest-ipv6-mtu 1280 (SPEC 3.2): they must be fragmented, which a GSO
# packet cannot be, so the device has the stack segment it first (SPEC 3.6)
# and each datagram crosses as two IPv6 fragments.
udp_gso_df0() { IPXLAT_UDP_DF0=1 udp_gso "$@"; }
u=$(stat_of r ipxl0 unsupported-offload)
avg_size 46
check "UDP GSO 4->6 with DF=0: 10 x 1400-byte segments, 10 datagrams intact" udp_gso_df0 ns4 ns6 $T6 $T4 1400 10
avg_size 46; a46=$AVG
# (A fragmented packet counts once, with the bytes of all its fragments:
# 1448 + 8 + 48 = 1504 per datagram; a GSO packet would be ~14 KB.)
check "  crossed segmented, each datagram fragmented (average $a46 bytes: 1504)" test "$a46" -eq 1504
check "  no unsupported-offload drop" test "$(stat_of r ipxl0 unsupported-offload)" -eq "$u"

check "ethtool -K ipxl0 tso off gso off" ip netns exec r ethtool -K ipxl0 tso off gso off
check "  tcp-segmentation-offload now off" test "$(feature tcp-segmentation-offload)" = off
avg_size 46
check "TCP 4->6 with TSO/GSO off on ipxl0" iperf_4to6
avg_size 46; a46=$AVG
check "  crossed segmented (average $a46 bytes <= 1500)" test "$a46" -le 1500
check "ethtool -K ipxl0 tx off (no checksum offload)" ip netns exec r ethtool -K ipxl0 tx off
check "TCP 6->4 without checksum offload on ipxl0" iperf_6to4
check "ethtool -K ipxl0 tso on gso on tx on" ip netns exec r ethtool -K ipxl0 tso on gso on tx on
finish
