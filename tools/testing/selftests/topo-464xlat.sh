# SPDX-License-Identifier: GPL-2.0
# 464XLAT (RFC 6877) in namespaces (sourced), configured with ipxlat-ctl:
#
#   client --(IPv4 LAN)-- cpe [clat0] --(IPv6-only core)-- plat [plat0 + nft masquerade] --(IPv4)-- server
#
# PLAT prefix 2001:db8:64::/96 (a network-specific prefix). The PLAT is SIIT
# plus NAT44: its EAM maps the CLAT side into 100.64.0.0/24, which nft
# masquerades behind 203.0.113.1. Variants for the CLAT's local mapping:
#   lan     delegated prefix: 192.168.1.0/24 embedded into 2001:db8:aaaa::/96
#   single  single host: EAM 192.0.0.1/32 <-> 2001:db8:aaaa::1/128

#
# XLAT_WAN_MTU (default 1500) sets the MTU of the PLAT-server link, smaller
# than the path before it to exercise PMTUD across both translators.

XLAT_SERVER=203.0.113.2
XLAT_SERVER_AS_6=2001:db8:64::cb00:7102

xlat_topology() { # lan|single
	local variant=$1 client_addr client_gw
	if [[ $variant == single ]]; then
		client_addr=192.0.0.1/29 client_gw=192.0.0.2
	else
		client_addr=192.168.1.2/24 client_gw=192.168.1.1
	fi
	for ns in client cpe plat server; do netns_add $ns; done
	for ns in cpe plat; do
		ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
			net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
	done
	ip link add lan0 netns client type veth peer name lan1 netns cpe
	ip link add core0 netns cpe type veth peer name core1 netns plat
	ip link add wan0 netns plat type veth peer name wan1 netns server

	# IPv4-only client.
	# IPv4 MTU behind a CLAT: uplink MTU - 20 (RFC 6877, SPEC 1.5).
	ip -n client link set lan0 mtu 1480
	ip -n client addr add $client_addr dev lan0
	ip -n client link set lan0 up
	ip -n client route add default via $client_gw
	ip netns exec client sysctl -qw net.ipv6.conf.all.disable_ipv6=1

	# CPE with the CLAT; IPv6 only towards the core.
	ip -n cpe link set lan1 mtu 1480
	ip -n cpe addr add $client_gw/${client_addr#*/} dev lan1
	ip -n cpe addr add 2001:db8:1::2/64 dev core0 nodad
	ip -n cpe link set lan1 up
	ip -n cpe link set core0 up
	ip -n cpe link add clat0 type ipxlat
	ip -n cpe link set clat0 up
	if [[ $variant == single ]]; then
		ctl_in cpe dev set clat0 profile clat prefix 2001:db8:64::/96
		ctl_in cpe eam add 192.0.0.1/32 2001:db8:aaaa::1/128 dev clat0
		ip -n cpe route add 2001:db8:aaaa::1/128 dev clat0
	else
		ctl_in cpe dev set clat0 profile clat prefix 2001:db8:64::/96 \
			local-prefix6 2001:db8:aaaa::/96 local-ipv4 192.168.1.0/24
		ip -n cpe route add 2001:db8:aaaa::/96 dev clat0
	fi
	ip -n cpe route add default dev clat0
	ip -n cpe -6 route add default via 2001:db8:1::1

	# PLAT: SIIT device, then NAT44 on the way to the IPv4 Internet.
	ip -n plat addr add 2001:db8:1::1/64 dev core1 nodad
	ip -n plat addr add 203.0.113.1/24 dev wan0
	ip -n plat link set wan0 mtu "${XLAT_WAN_MTU:-1500}"
	ip -n plat link set core1 up
	ip -n plat link set wan0 up
	ip -n plat link add plat0 type ipxlat
	ip -n plat link set plat0 up
	ctl_in plat dev set plat0 prefix 2001:db8:64::/96
	ctl_in plat eam add 100.64.0.0/24 2001:db8:aaaa::c0a8:100/120 dev plat0
	ctl_in plat eam add 100.64.1.1/32 2001:db8:aaaa::1/128 dev plat0
	ip -n plat route add 2001:db8:64::/96 dev plat0
	ip -n plat route add 100.64.0.0/23 dev plat0
	ip -n plat route add 2001:db8:aaaa::/96 via 2001:db8:1::2
	ip netns exec plat nft -f - <<NFT
table ip plat-nat {
	chain postrouting {
		type nat hook postrouting priority srcnat;
		oifname "wan0" ip saddr 100.64.0.0/23 masquerade
	}
}
NFT

	# IPv4-only server.
	ip -n server link set wan1 mtu "${XLAT_WAN_MTU:-1500}"
	ip -n server addr add $XLAT_SERVER/24 dev wan1
	ip -n server link set wan1 up
	ip -n server route add default via 203.0.113.1
	sleep 1
}
