#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# SIIT with an RFC 6052 prefix for both addresses: the reference topology of
# SPEC 7.2 (prefix 2001:db8:100::/40), traffic both ways through one device.
#
#   ns4 (198.51.100.2) --veth4-- r [ipxl0] --veth6 (MTU 1280)-- ns6
#                                                  2001:db8:1c0:2:21:: = 192.0.2.33
#                                                  2001:db8:1c0:2:2::  = 192.0.2.2
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-siit.sh"

siit_topology 2001:db8:100::/40
N4=198.51.100.2
T4=192.0.2.33
T6=2001:db8:1c0:2:21::
S6=2001:db8:1c0:2:2::
N4_AS_6=2001:db8:1c6:3364:2::

check "ping 4->6 (ns4 -> 192.0.2.33)" ip netns exec ns4 ping -c 3 -i 0.2 -W 2 $T4
check "ping 6->4 (ns6 -> 198.51.100.2 as $N4_AS_6)" ip netns exec ns6 ping -6 -c 3 -i 0.2 -W 2 -I $S6 $N4_AS_6
check "hop count: ns4 sees TTL 63 from ns6 (one translator hop)" \
	bash -c "ip netns exec ns4 ping -c 1 -W 2 $T4 | grep -q 'ttl=63'"

# TCP both ways.
ip netns exec ns6 iperf3 -s -D -1 -B $T6 >/dev/null 2>&1
sleep 0.5
check "TCP 4->6 (iperf3, 1 s)" ip netns exec ns4 iperf3 -c $T4 -t 1 -f m
ip netns exec ns4 iperf3 -s -D -1 -B $N4 >/dev/null 2>&1
sleep 0.5
check "TCP 6->4 (iperf3, 1 s)" ip netns exec ns6 iperf3 -c $N4_AS_6 -B $S6 -t 1 -f m

# UDP both ways, and larger than the IPv6 MTU (fragmented 4->6, reassembled).
udp_roundtrip() { # from-ns to-ns listen-addr connect-addr size [bind]
	python3 "$IPXLAT_SELFTESTS/udp_check.py" "$@"
}
check "UDP 4->6" udp_roundtrip ns4 ns6 $T6 $T4 100
check "UDP 6->4" udp_roundtrip ns6 ns4 $N4 $N4_AS_6 100 $S6
check "UDP 4->6 of 3000 bytes (split into IPv6 fragments, intact)" udp_roundtrip ns4 ns6 $T6 $T4 3000
check "zero-checksum UDP 4->6 arrives (checksum computed)" \
	python3 "$IPXLAT_SELFTESTS/zero_csum.py" ns4 ns6 $N4 $T4 $T6

# DF=1 too big for the IPv6 side: Fragmentation Needed with MTU 1260.
df_ping() { ip netns exec ns4 ping -c 1 -W 2 -M do -s 1272 $T4 2>&1 | tee /dev/stderr | grep -q 'mtu = 1260'; }
check "DF ping of 1300 bytes 4->6 gets Frag-Needed mtu 1260" df_ping
check "PMTUD then succeeds (1260-byte DF ping)" ip netns exec ns4 ping -c 2 -W 2 -M do -s 1232 $T4

# Port unreachable 1/4 comes back as 3/3 with a correct quote.
check "UDP to a closed port 4->6: ICMP port unreachable back" \
	python3 "$IPXLAT_SELFTESTS/port_unreach.py" ns4 $T4 4
check "UDP to a closed port 6->4: ICMPv6 port unreachable back" \
	python3 "$IPXLAT_SELFTESTS/port_unreach.py" ns6 $N4_AS_6 6 $S6

# Fragmented ICMP never crosses.
check_fails "fragmented ping 4->6 does not cross" ip netns exec ns4 ping -c 1 -W 2 -s 2000 $T4
check "and is counted as fragmented-icmp" test "$(stat_of r ipxl0 fragmented-icmp)" -ge 1

check "traceroute 4->6 shows the target one hop behind r" \
	bash -c "ip netns exec ns4 traceroute -n -w 2 -q 1 -m 4 $T4 | tail -n1 | grep -q '$T4'"

check "counters: packets translated 4->6" test "$(stat_of r ipxl0 tx-46-packets)" -gt 10
check "counters: packets translated 6->4" test "$(stat_of r ipxl0 tx-64-packets)" -gt 10
finish
