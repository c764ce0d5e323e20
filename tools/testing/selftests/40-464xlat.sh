#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 464XLAT: an IPv4-only client behind a CLAT reaches an IPv4-only server
# across an IPv6-only core and a PLAT (second ipxlat device + nft
# masquerade). Both CLAT local mappings: delegated-prefix LAN and single host.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-464xlat.sh"

for variant in lan single; do
	xlat_topology $variant
	check "[$variant] ping client -> IPv4 server across IPv6-only core" \
		ip netns exec client ping -c 3 -i 0.2 -W 2 $XLAT_SERVER
	check "[$variant] TTL: two routers on the way back (ttl=62)" \
		bash -c "ip netns exec client ping -c 1 -W 2 $XLAT_SERVER | grep -q 'ttl=62'"
	ip netns exec server iperf3 -s -D -1 >/dev/null 2>&1
	sleep 0.5
	check "[$variant] TCP client -> server (iperf3)" ip netns exec client iperf3 -c $XLAT_SERVER -t 1 -f m
	ip netns exec server iperf3 -s -D -1 >/dev/null 2>&1
	sleep 0.5
	check "[$variant] TCP server -> client (iperf3 -R)" ip netns exec client iperf3 -c $XLAT_SERVER -t 1 -R -f m
	check "[$variant] UDP client -> server" \
		python3 "$IPXLAT_SELFTESTS/udp_check.py" client server $XLAT_SERVER $XLAT_SERVER 200
	check "[$variant] core carries IPv6 only: CLAT translated packets" \
		test "$(stat_of cpe clat0 tx-46-packets)" -gt 5
	check "[$variant] PLAT translated packets back" \
		test "$(stat_of plat plat0 tx-46-packets)" -gt 5
	if [[ $variant == lan ]]; then
		# Source validation (RFC 6877 6.3): a LAN source outside the
		# delegated range is dropped by the CLAT, counted as clat-policy.
		ip -n client addr add 192.168.2.2/24 dev lan0
		ip -n client route add 203.0.113.0/24 via 192.168.1.1 src 192.168.2.2 2>/dev/null ||
			ip -n client route replace 203.0.113.0/24 via 192.168.1.1 src 192.168.2.2
		ip -n cpe route add 192.168.2.0/24 dev lan1
		check_fails "[$variant] LAN source outside the delegated range does not cross" \
			ip netns exec client ping -c 1 -W 2 -I 192.168.2.2 $XLAT_SERVER
		check "[$variant] ... and is counted as clat-policy" test "$(stat_of cpe clat0 clat-policy)" -ge 1
	fi
	cleanup
	IPXLAT_NETNS=()
done
finish
