#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# ipxlat-ctl dev show / dev set against the module: defaults, every knob,
# JSON output, partial and all-or-nothing updates, extack texts.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlink-lib.sh"

netns_add nla
ip -n nla link add clat0 type ipxlat
ip -n nla link add clat1 type ipxlat
X=(ip netns exec nla "$CTL")
J=(ip netns exec nla "$CTL" -j dev show dev clat0)

check "dev show (text) shows the creation defaults" \
	bash -c "${X[*]} dev show clat0 | grep -q 'prefix 64:ff9b::/96 lowest-ipv6-mtu 1280 profile generic'"
check "dev show -j: RFC v1 keys and extension defaults" pyjson \
	'd[0]["ifname"] == "clat0" and d[0]["xlat-prefix6"] == {"prefix": "64:ff9b::", "prefix-len": 96}
	 and d[0]["lowest-ipv6-mtu"] == 1280 and d[0]["profile"] == "generic"
	 and d[0]["eam-hairpin-mode"] == "intrinsic" and d[0]["wkp-strict"] is True
	 and d[0]["udp-zero-csum"] == "compute"
	 and d[0]["icmp-src4-fallback"] == {"prefix": "192.0.0.8", "prefix-len": 32}
	 and d[0]["icmp-src4-pool-mode"] == "random" and "icmp-src6-fallback" not in d[0]
	 and d[0]["icmp-errors"] is True and d[0]["zero-traffic-class"] is False
	 and d[0]["override-tos"] is False and "local-prefix6" not in d[0]' "${J[@]}"
check "dev show without a name dumps both devices in ifindex order" pyjson \
	'[x["ifname"] for x in d] == ["clat0", "clat1"] and d[0]["ifindex"] < d[1]["ifindex"]' \
	"${X[@]}" -j dev show

check "dev set prefix + lowest-ipv6-mtu" "${X[@]}" dev set clat0 prefix 2001:db8:100::/40 lowest-ipv6-mtu 1400
check "  applied" pyjson 'd[0]["xlat-prefix6"] == {"prefix": "2001:db8:100::", "prefix-len": 40} and d[0]["lowest-ipv6-mtu"] == 1400' "${J[@]}"
check "  other device untouched" pyjson 'd[0]["xlat-prefix6"]["prefix"] == "64:ff9b::"' "${X[@]}" -j dev show clat1
check "dev set host bits after the length are kept (SPEC 1.1)" "${X[@]}" dev set clat0 prefix 2001:db8:100::1:0:0/64
check "  applied" pyjson 'd[0]["xlat-prefix6"] == {"prefix": "2001:db8:100::1:0:0", "prefix-len": 64}' "${J[@]}"
check "dev set profile clat + local prefixes" "${X[@]}" dev set clat0 profile clat \
	local-prefix6 2001:db8:aaaa::/96 local-ipv4 192.168.1.0/24
check "  applied" pyjson 'd[0]["profile"] == "clat" and d[0]["local-prefix6"] == {"prefix": "2001:db8:aaaa::", "prefix-len": 96}
	and d[0]["local-ipv4"] == {"prefix": "192.168.1.0", "prefix-len": 24}' "${J[@]}"
check "dev set local-ipv4 alone merges with the current local-prefix6" "${X[@]}" dev set clat0 local-ipv4 192.168.2.0/24
check "  applied" pyjson 'd[0]["local-prefix6"]["prefix"] == "2001:db8:aaaa::" and d[0]["local-ipv4"]["prefix"] == "192.168.2.0"' "${J[@]}"
check "dev set local none" "${X[@]}" dev set clat0 local none
check "  applied" pyjson '"local-prefix6" not in d[0] and "local-ipv4" not in d[0]' "${J[@]}"
check "dev set hairpin off, wkp-strict off, udp-zero-csum drop" "${X[@]}" dev set clat0 hairpin off wkp-strict off udp-zero-csum drop
check "  applied" pyjson 'd[0]["eam-hairpin-mode"] == "off" and d[0]["wkp-strict"] is False and d[0]["udp-zero-csum"] == "drop"' "${J[@]}"
check "dev set icmp-src4-fallback pool + hop-keyed, icmp-src6-fallback" "${X[@]}" dev set clat0 \
	icmp-src4-fallback 198.51.100.0/28 icmp-src4-pool-mode hop-keyed icmp-src6-fallback 2001:db8::1
check "  applied" pyjson 'd[0]["icmp-src4-fallback"] == {"prefix": "198.51.100.0", "prefix-len": 28}
	and d[0]["icmp-src4-pool-mode"] == "hop-keyed" and d[0]["icmp-src6-fallback"] == "2001:db8::1"' "${J[@]}"
check "dev set icmp-src6-fallback none" "${X[@]}" dev set clat0 icmp-src6-fallback none
check "  applied" pyjson '"icmp-src6-fallback" not in d[0]' "${J[@]}"
check "dev set icmp-errors off, zero-traffic-class on, tos 0x10" "${X[@]}" dev set clat0 icmp-errors off zero-traffic-class on tos 0x10
check "  applied" pyjson 'd[0]["icmp-errors"] is False and d[0]["zero-traffic-class"] is True and d[0]["override-tos"] is True and d[0]["tos"] == 16' "${J[@]}"
check "dev set tos inherit" "${X[@]}" dev set clat0 tos inherit
check "  applied" pyjson 'd[0]["override-tos"] is False' "${J[@]}"
check "dev set prefix none (EAM-only)" "${X[@]}" dev set clat0 prefix none
check "  applied" pyjson '"xlat-prefix6" not in d[0]' "${J[@]}"
check "  text shows prefix none" bash -c "${X[*]} dev show clat0 | grep -q 'prefix none'"
check "dev set prefix again" "${X[@]}" dev set clat0 prefix 64:ff9b::/96

before=$("${J[@]}")
check_err "prefix length 33 refused with the RFC v1 text" "unsupported RFC 6052 prefix length: 33" \
	"${X[@]}" dev set clat0 prefix 2001:db8::/33
check_err "simple hairpin with clat refused" "simple EAM hairpin mode is not allowed with the clat profile" \
	"${X[@]}" dev set clat0 profile clat hairpin simple
check_err "icmp-src6-fallback link-local refused" "icmp-src6-fallback is not a unicast global-scope IPv6 address" \
	"${X[@]}" dev set clat0 icmp-src6-fallback fe80::1
check_err "icmp-src4-fallback in 127/8 refused" "icmp-src4-fallback is in a never-translated IPv4 range" \
	"${X[@]}" dev set clat0 icmp-src4-fallback 127.0.0.1
check_err "local-ipv4 host bits refused" "local-ipv4: IPv4 prefix has bits set after its length" \
	"${X[@]}" dev set clat0 local-prefix6 2001:db8:aaaa::/96 local-ipv4 192.168.1.1/24
check_err "local-ipv4 without local-prefix6 refused" "local-prefix6 and local-ipv4 must be set together" \
	"${X[@]}" dev set clat0 local-ipv4 192.168.1.0/24
check_err "/96 prefix with a non-zero u-octet refused" "u-octet" \
	"${X[@]}" dev set clat0 prefix 2001:db8:0:0:ff00::/96
check_fails "lowest-ipv6-mtu 1279 refused (policy)" "${X[@]}" dev set clat0 lowest-ipv6-mtu 1279
check_fails "a valid knob with an invalid one: whole request refused" \
	"${X[@]}" dev set clat0 lowest-ipv6-mtu 1500 wkp-strict off prefix 2001:db8::/33
check "  nothing applied (all or nothing)" test "$before" = "$("${J[@]}")"
check_err "dev set on lo: not ipxlat" "specified interface is not ipxlat" "${X[@]}" dev set lo wkp-strict on
check_err "dev show on lo: not ipxlat" "specified interface is not ipxlat" "${X[@]}" dev show lo
finish
