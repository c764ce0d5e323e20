#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The ipxlat link type: devices in two namespaces, kind, MTU bounds,
# no link layer, counters, deletion.
source "$(dirname "$0")/lib.sh"

netns_add xa
netns_add xb

check "create clat0 in netns xa" ip -n xa link add clat0 type ipxlat
check "create a second device in xa" ip -n xa link add clat1 type ipxlat
check "create clat0 in netns xb (same name, other netns)" ip -n xb link add clat0 type ipxlat
check "ip -d link shows kind ipxlat" bash -c "ip -n xa -d link show clat0 | grep -qw ipxlat"
check "default MTU 1500, min 1280, max 65475" \
	bash -c "ip -n xa -d link show clat0 | grep -q 'mtu 1500 .*' && ip -n xa -d link show clat0 | grep -q 'minmtu 1280 maxmtu 65475'"
check "no link layer (link/none), no ARP" \
	bash -c "ip -n xa link show clat0 | grep -q 'link/none' && ip -n xa link show clat0 | grep -q NOARP"
check_fails "MTU 1279 refused" ip -n xa link set clat0 mtu 1279
check_fails "MTU 65476 refused" ip -n xa link set clat0 mtu 65476
check_fails "creation with MTU 1200 refused" ip -n xa link add clat9 mtu 1200 type ipxlat
# Registration failures after the device was set up (name pattern, taken
# ifindex) return the error; the device allocates nothing before ndo_init.
check_fails "creation with an invalid name pattern refused" ip -n xa link add 'bad%d%d' type ipxlat
check_fails "creation with a taken ifindex refused" ip -n xa link add clat8 index 1 type ipxlat
check "nothing left of the refused devices" \
	bash -c "[ \$(ip -n xa -o link show | wc -l) -eq 3 ]"
check "MTU 1280 accepted" ip -n xa link set clat0 mtu 1280
check "MTU 65475 accepted" ip -n xa link set clat0 mtu 65475

# Packets the device cannot translate (192.0.2.2 is not global, so its
# image under the default 64:ff9b::/96 is refused) are counted as
# dropped, not as transmitted.
ip -n xa link set clat0 mtu 1500 up
check "no queue (qdisc noqueue once up)" bash -c "ip -n xa link show clat0 | grep -q 'qdisc noqueue'"
ip -n xa addr add 192.0.2.1/24 dev clat0
ip netns exec xa ping -c 3 -i 0.2 -W 1 192.0.2.2 >/dev/null 2>&1
check "untranslatable packets: tx dropped, not tx packets (ip -s link)" \
	bash -c "ip -n xa -s -j link show clat0 | python3 -c 'import json,sys; s=json.load(sys.stdin)[0][\"stats64\"][\"tx\"]; sys.exit(0 if s[\"dropped\"] >= 3 and s[\"packets\"] == 0 else 1)'"

check "move a device to another netns" ip -n xa link set clat1 netns xb name clat1
check "it is in xb now" ip -n xb link show clat1
check "delete clat0 in xa" ip -n xa link del clat0
check_fails "clat0 gone from xa" ip -n xa link show clat0
check "xb devices untouched" ip -n xb link show clat0
check "delete the rest" bash -c "ip -n xb link del clat0 && ip -n xb link del clat1"
finish
