#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 464XLAT: an IPv4-only client behind a CLAT reaches an IPv4-only server
# across an IPv6-only core and a PLAT (second ipxlat device + nft
# masquerade). Both CLAT local mappings: delegated-prefix LAN and single host.
# The server's link has MTU 1400 (XLAT_WAN_MTU), below the rest of the path.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-464xlat.sh"
source "$(dirname "$0")/traffic-checks.sh"
XLAT_WAN_MTU=1400

S=$XLAT_SERVER
for variant in lan single; do
	xlat_topology $variant
	if [[ $variant == lan ]]; then C=192.168.1.2 GW=192.168.1.1; else C=192.0.0.1 GW=192.0.0.2; fi
	devs="client:lan0 cpe:lan1 cpe:clat0 cpe:core0 plat:core1 plat:plat0 plat:wan0 server:wan1"
	check "[$variant] ping client -> IPv4 server across IPv6-only core" ping_to /tmp/ping-xlat client $S
	check "[$variant] TTL: two routers on the way back (ttl=62)" grep -q 'ttl=62' /tmp/ping-xlat
	for mode in on off; do
		check "[$variant] offloads $mode: gso/tso/gro $mode on the veths and both ipxlat devices" \
			set_offloads $mode $devs
		check "[$variant] TCP client -> server (iperf3, 1 s), offloads $mode" tcp_iperf client server 0.0.0.0 $S
		check "[$variant] TCP server -> client (iperf3 -R, 1 s), offloads $mode" \
			tcp_iperf client server 0.0.0.0 $S -t 1 -R
	done
	set_offloads on $devs
	check "[$variant] UDP client -> server (echoed back)" $PY "$SELF/udp_check.py" client server $S $S 200
	check "[$variant] UDP of 3000 bytes (fragmented across both translators, intact both ways)" \
		$PY "$SELF/udp_check.py" client server $S $S 3000
	check "[$variant] zero-checksum UDP client -> server arrives (checksum computed by the CLAT)" \
		$PY "$SELF/zero_csum.py" client server $C $S $S
	check "[$variant] UDP to a closed port: ICMP port unreachable back through both translators" \
		$PY "$SELF/port_unreach.py" client $S 4
	# Hop 2 is the PLAT's own IPv6 router: its Time Exceeded has no IPv4
	# image and is translated with the 192.0.0.8 fallback source (SPEC 5.9).
	check "[$variant] traceroute: $GW, 192.0.0.8 (PLAT router via fallback), server" \
		trace_hops client "$GW 192.0.0.8 $S" $S
	n=$(stat_of cpe clat0 fragmented-icmp)
	check_fails "[$variant] fragmented ping does not cross the CLAT" ip netns exec client ping -c 1 -W 1 -s 2000 $S
	check "[$variant] ... its 2 fragments counted as fragmented-icmp" \
		test "$(stat_of cpe clat0 fragmented-icmp)" -eq $((n + 2))

	# Checksums of what each hop receives, verified by scapy: the CLAT's
	# output at the PLAT, the PLAT's (after NAT) at the server, and back.
	# The routers' egress veths checksum in software (see 30).
	for nd in cpe:core0 cpe:lan1 plat:core1 plat:wan0; do ip netns exec ${nd%%:*} ethtool -K ${nd#*:} tx off >/dev/null; done
	cap=$CAPDIR/40-$variant
	capture_start plat core1 $cap-core1.pcap && capture_start server wan1 $cap-wan1.pcap &&
		capture_start cpe core0 $cap-core0.pcap && capture_start client lan0 $cap-lan0.pcap
	ip netns exec client ping -c 2 -i 0.2 -W 2 $S >/dev/null
	$PY "$SELF/udp_check.py" client server $S $S 100 >/dev/null
	tcp_iperf client server 0.0.0.0 $S -n 100K >/dev/null
	tcp_iperf client server 0.0.0.0 $S -n 100K -R >/dev/null
	$PY "$SELF/port_unreach.py" client $S 4 >/dev/null
	capture_stop
	check "[$variant] checksums on the core (both ways), at the server and the client, verified by scapy" \
		$PY "$SELF/csum_verify.py" $cap-core1.pcap:echo,udp,tcp,@2001:db8:aaaa:: \
		$cap-wan1.pcap:echo,udp,tcp,@203.0.113.1 \
		$cap-core0.pcap:echo,udp,tcp,error,@2001:db8:64:: $cap-lan0.pcap:echo,udp,tcp,error,@$S
	for nd in cpe:core0 cpe:lan1 plat:core1 plat:wan0; do ip netns exec ${nd%%:*} ethtool -K ${nd#*:} tx on >/dev/null; done

	# Counters: exactly 10 pings and 10 UDP datagrams (100 B) client -> server.
	cb=$(counters_of cpe clat0) pb=$(counters_of plat plat0)
	check "[$variant] 10 pings, all answered" ping_exact client 10 $S
	check "[$variant] 10 UDP datagrams client -> server, all received" \
		$PY "$SELF/udp_burst.py" client server $S $S 10 100
	ca=$(counters_of cpe clat0) pa=$(counters_of plat plat0)
	# Echo 84 B IPv4 / 104 B IPv6; UDP 128 / 148.
	check "[$variant] CLAT counters: 20 out 4->6, 10 replies 6->4, bytes, no drops; ip -s link agrees" \
		counters_match "$cb" "$ca" 20 $((10 * 104 + 10 * 148)) 10 $((10 * 84)) $((10 * 84 + 10 * 128 + 10 * 104))
	check "[$variant] PLAT counters: 20 in 6->4, 10 replies 4->6, bytes, no drops; ip -s link agrees" \
		counters_match "$pb" "$pa" 10 $((10 * 104)) 20 $((10 * 84 + 10 * 128)) $((10 * 104 + 10 * 148 + 10 * 84))

	# DF=1 bigger than the server's link: the PLAT answers Packet Too Big
	# (MTU 1420), which the CLAT translates to Frag-Needed MTU 1400.
	check "[$variant] DF ping of 1480 bytes gets Frag-Needed mtu 1400 through both translators" \
		bash -c "ip netns exec client ping -c 1 -W 2 -M do -s 1452 $S 2>&1 | tee -a /dev/stderr | grep -q 'mtu = 1400'"
	check "[$variant] PMTUD: the client's route to the server now has mtu 1400" \
		bash -c "ip -n client route get $S | tee -a /dev/stderr | grep -q 'mtu 1400'"
	# Without the learned MTU this datagram would leave whole with DF=1 and
	# be refused by the PLAT; with it, the client fragments it at 1400.
	check "[$variant] PMTUD then succeeds: a 1480-byte UDP datagram crosses (fragmented at 1400), echoed back" \
		$PY "$SELF/udp_check.py" client server $S $S 1452
	# The echo reply to a 1400-byte ping leaves the server with DF=0: the
	# PLAT splits it into IPv6 fragments (lowest-ipv6-mtu 1280, SPEC 3.2)
	# and the CLAT drops them as fragmented ICMP (SPEC 3.4).
	n=$(stat_of cpe clat0 fragmented-icmp)
	check_fails "[$variant] 1400-byte ping: the DF=0 reply, fragmented by the PLAT, is dropped by the CLAT" \
		ip netns exec client ping -c 1 -W 2 -M do -s 1372 $S
	check "[$variant] ... as its 2 fragmented-icmp fragments" test "$(stat_of cpe clat0 fragmented-icmp)" -eq $((n + 2))

	if [[ $variant == lan ]]; then
		# Source validation (RFC 6877 6.3): a LAN source outside the
		# delegated range is dropped by the CLAT, counted as clat-policy.
		ip -n client addr add 192.168.2.2/24 dev lan0
		ip -n client route add 203.0.113.0/24 via 192.168.1.1 src 192.168.2.2 2>/dev/null ||
			ip -n client route replace 203.0.113.0/24 via 192.168.1.1 src 192.168.2.2
		ip -n cpe route add 192.168.2.0/24 dev lan1
		n=$(stat_of cpe clat0 clat-policy)
		check_fails "[$variant] LAN source outside the delegated range does not cross" \
			ip netns exec client ping -c 1 -W 2 -I 192.168.2.2 $S
		check "[$variant] ... and is counted as clat-policy" test "$(stat_of cpe clat0 clat-policy)" -ge $((n + 1))
	fi
	cleanup
	IPXLAT_NETNS=()
done
check "kernel log clean (no WARN/BUG/Oops)" dmesg_clean
finish
