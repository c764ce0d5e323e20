#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The demo, in the guest: a CLAT lets an IPv4-only client reach an IPv4
# server across an IPv6-only network (464XLAT through two ipxlat devices).
HERE=$(cd "$(dirname "$0")/../selftests" && pwd)
source "$HERE/lib.sh"
source "$HERE/topo-464xlat.sh"
IPXLAT_SELFTESTS=$HERE

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { echo "\$ $*"; "$@"; }

insmod "$1" || exit 1
xlat_topology lan

say "The CLAT (namespace cpe) and the PLAT (namespace plat)"
run ip netns exec cpe "$IPXLAT_CTL" dev show
run ip netns exec plat "$IPXLAT_CTL" eam show dev plat0
say "The client has IPv4 only; the core between cpe and plat has IPv6 only"
run ip -n client -br addr show dev lan0
run ip -n cpe -br addr show dev core0
say "IPv4 ping from the client to the IPv4 server 203.0.113.2"
run ip netns exec client ping -c 3 -i 0.3 203.0.113.2
say "What the core carries (tcpdump on the CLAT's uplink during one ping)"
ip netns exec cpe tcpdump -n -i core0 -c 2 icmp6 2>/dev/null &
sleep 1
ip netns exec client ping -c 1 -W 2 203.0.113.2 >/dev/null
wait
say "IPv4 TCP (iperf3, 3 s) from the client to the server"
ip netns exec server iperf3 -s -D -1 >/dev/null 2>&1
sleep 0.5
run ip netns exec client iperf3 -c 203.0.113.2 -t 3 -f m
say "Counters"
run ip netns exec cpe "$IPXLAT_CTL" stats dev clat0
run ip -n cpe -s link show clat0
run ip netns exec plat "$IPXLAT_CTL" stats dev plat0
finish
