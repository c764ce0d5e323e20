#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# SIIT with explicit address mappings (RFC 7757, SIIT-DC style): EAM entries
# give the IPv6 server an IPv4 address and the IPv4 client an IPv6 address;
# the RFC 6052 prefix 2001:db8:100::/40 covers everyone else. Same check
# list as 30, then traffic mixing EAM and prefix mappings.
#
#   ns4 198.51.100.2 = 2001:db8:4::2 (EAM /32 <-> /128)
#       198.51.100.3 = 2001:db8:1c6:3364:3:: (prefix)
#   ns6 2001:db8:6::1 = 192.0.2.33 (EAM 192.0.2.32/28 <-> 2001:db8:6::/124)
#       2001:db8:1c0:2:2:: = 192.0.2.2 (prefix)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-siit.sh"
source "$(dirname "$0")/traffic-checks.sh"

XR=r XDEV=ipxl0
A4=198.51.100.2 A4_AS_6=2001:db8:4::2
T4=192.0.2.33 T6=2001:db8:6::1
S6=$T6
siit_topology 2001:db8:100::/40 $A4_AS_6 $T6 $S6
ctl_in r eam add 192.0.2.32/28 2001:db8:6::/124 dev ipxl0
ctl_in r eam add 198.51.100.2 2001:db8:4::2 dev ipxl0
ip -n r route add 2001:db8:6::/124 via 2001:db8:1::2 dev veth6r
# Prefix-mapped hosts on both sides.
ip -n ns4 addr add 198.51.100.3/24 dev veth4n
ip -n ns6 addr add 2001:db8:1c0:2:2::/128 dev veth6n nodad
ip -n r route add 2001:db8:1c6:3364:3::/128 dev ipxl0

check "EAM in force for the server (4->6 query)" \
	bash -c "ip netns exec r $IPXLAT_CTL query dev ipxl0 $T4 | grep -q '$T6 (eam)'"
check "EAM in force for the client (6->4 query)" \
	bash -c "ip netns exec r $IPXLAT_CTL query dev ipxl0 $A4_AS_6 | grep -q '$A4 (eam)'"
siit_traffic_checks

# EAM and prefix in one packet, each way.
check "ping 4->6, EAM source, prefix destination (-> 192.0.2.2)" \
	ip netns exec ns4 ping -c 2 -i 0.2 -W 2 192.0.2.2
check "ping 4->6, prefix source (198.51.100.3), EAM destination" \
	ip netns exec ns4 ping -c 2 -i 0.2 -W 2 -I 198.51.100.3 $T4
check "ping 6->4, prefix source (2001:db8:1c0:2:2::), EAM destination" \
	ip netns exec ns6 ping -6 -c 2 -i 0.2 -W 2 -I 2001:db8:1c0:2:2:: $A4_AS_6
check "ping 6->4, EAM source, prefix destination (2001:db8:1c6:3364:3::)" \
	ip netns exec ns6 ping -6 -c 2 -i 0.2 -W 2 -I $T6 2001:db8:1c6:3364:3::
check "UDP 6->4 EAM source to prefix destination (echoed back)" \
	$PY "$SELF/udp_check.py" ns6 ns4 198.51.100.3 2001:db8:1c6:3364:3:: 100 $T6
# Another address of the EAM /28 (suffix bits carried: .40 <-> ::8).
ip -n ns6 addr add 2001:db8:6::8/128 dev veth6n nodad
ip -n r route add 2001:db8:6::8/128 via 2001:db8:1::2 dev veth6r 2>/dev/null
check "ping 4->6 to 192.0.2.40 reaches 2001:db8:6::8 (EAM suffix)" \
	bash -c "ip netns exec ns4 ping -c 1 -W 2 192.0.2.40 && ip netns exec r $IPXLAT_CTL query dev ipxl0 192.0.2.40 | grep -q '2001:db8:6::8 (eam)'"
check "after flushing the EAM table the client maps by prefix again" \
	bash -c "ip netns exec r $IPXLAT_CTL eam flush dev ipxl0 && ip netns exec r $IPXLAT_CTL query dev ipxl0 $A4 | grep -q '2001:db8:1c6:3364:2:: (prefix6)'"
check_fails "and the EAM-only server address no longer answers" \
	ip netns exec ns4 ping -c 1 -W 2 $T4
finish
