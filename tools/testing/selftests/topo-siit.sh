# SPDX-License-Identifier: GPL-2.0
# The SPEC 7.2 reference topology (sourced): namespaces ns4, r, ns6 and the
# translator ipxl0 in r, configured through ipxlat-ctl.
#
# siit_topology PREFIX6 A4_AS_6 T6 S6: the RFC 6052 prefix; the IPv6 image
# of ns4's 198.51.100.2 (routed into ipxl0); ns6's target address T6 (the
# image of 192.0.2.33) and source address S6 for connections it opens, both
# translatable (ns6's own 2001:db8:1::2 is not). The reference values are
# 2001:db8:100::/40 2001:db8:1c6:3364:2:: 2001:db8:1c0:2:21:: 2001:db8:1c0:2:2::.
# Callers add EAM entries and their routes themselves.

siit_topology() { # PREFIX6 A4_AS_6 T6 S6
	local prefix=$1 a4_as_6=$2 t6=$3 s6=$4
	netns_add ns4
	netns_add r
	netns_add ns6
	ip link add veth4n netns ns4 type veth peer name veth4r netns r
	ip link add veth6n netns ns6 type veth peer name veth6r netns r
	ip -n r link add ipxl0 type ipxlat
	ip netns exec r sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	# Errors the translator sends come from the host; packets it re-injects
	# arrive on ipxl0 with sources routed back through it.
	ip netns exec r sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
	for ns in ns4 r ns6; do
		ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	done

	ip -n r addr add 198.51.100.1/24 dev veth4r
	ip -n r addr add 2001:db8:1::1/64 dev veth6r nodad
	ip -n r link set veth6r mtu 1280
	ip -n r link set veth4r up
	ip -n r link set veth6r up
	ip -n r link set ipxl0 up
	ctl_in r dev set ipxl0 prefix "$prefix" lowest-ipv6-mtu 1280
	ip -n r route add 192.0.2.0/24 dev ipxl0
	ip -n r route add "$prefix" via 2001:db8:1::2 dev veth6r
	ip -n r route add "$a4_as_6/128" dev ipxl0
	ip -n r route add "$t6/128" via 2001:db8:1::2 dev veth6r
	[[ $s6 == "$t6" ]] || ip -n r route add "$s6/128" via 2001:db8:1::2 dev veth6r

	ip -n ns4 addr add 198.51.100.2/24 dev veth4n
	ip -n ns4 link set veth4n up
	ip -n ns4 route add default via 198.51.100.1

	ip -n ns6 link set veth6n mtu 1280
	ip -n ns6 addr add 2001:db8:1::2/64 dev veth6n nodad
	ip -n ns6 addr add "$t6/128" dev veth6n nodad
	[[ $s6 == "$t6" ]] || ip -n ns6 addr add "$s6/128" dev veth6n nodad
	ip -n ns6 link set veth6n up
	ip -n ns6 route add default via 2001:db8:1::1
	sleep 1
}

# siit_reference_topology: siit_topology with the reference values, setting
# the names the checks use: XR/XDEV (the translator's netns and device), A4
# (ns4's address) and A4_AS_6 (its image), T4/T6 (ns6's target), S6 (ns6's
# source for connections it opens).
siit_reference_topology() {
	XR=r XDEV=ipxl0
	A4=198.51.100.2 A4_AS_6=2001:db8:1c6:3364:2::
	T4=192.0.2.33 T6=2001:db8:1c0:2:21::
	S6=2001:db8:1c0:2:2::
	siit_topology 2001:db8:100::/40 $A4_AS_6 $T6 $S6
}
