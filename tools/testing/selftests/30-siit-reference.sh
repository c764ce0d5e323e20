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
source "$(dirname "$0")/traffic-checks.sh"

siit_reference_topology
siit_traffic_checks

# Errors the translator sends take the source the host's route toward the
# sender selects (SPEC 5.10), not one from a stale input interface: an
# interface whose index is the probe's length (80) has an address of its
# own, which a sender reading the transmit path's control block as IP data
# would pick.
ip -n r link add sl80 index 80 type dummy
ip -n r addr add 2001:db8:dead::1/64 dev sl80 nodad
ip -n r link set sl80 up
check "Segments Left 1 6->4: Parameter Problem, pointer 43, from r's address toward ns6" \
	ip netns exec ns6 $PY "$SELF/segments_left.py" $S6 $A4_AS_6 2001:db8:1::1
ip -n r link del sl80

# icmp-errors-sent counts the errors that left, not those the host's ICMPv6
# rate limit held back: 20 datagrams at once from ns6's own 2001:db8:1::2,
# outside the prefix (reject 1/5, SPEC 1.6), against a per-destination
# burst of about 6 errors.
sleep 2
n=$(stat_of r ipxl0 icmp-errors-sent)
back=$(ip netns exec ns6 $PY "$SELF/icmp6_errors_back.py" 2001:db8:1::2 $A4_AS_6 20 1 5)
sent=$(( $(stat_of r ipxl0 icmp-errors-sent) - n ))
check "20 datagrams from an untranslatable source: $back errors 1/5 back, not 20 (rate-limited)" \
	test "$back" -ge 1 -a "$back" -lt 20
check "  icmp-errors-sent grew by exactly those: +$sent" test "$sent" -eq "$back"

# Packets the host takes for itself (SPEC 2.6: wire->local and local->local
# cost one hop too). Captured as received on ipxl0, i.e. as the host gets
# them: no forwarding follows, so no hop may have been given back.
# R4_AS_6 is the image of r's own 198.51.100.1; R6 an IPv6 address of r's
# that is the image of 192.0.2.99.
R4_AS_6=2001:db8:1c6:3364:1:: R6=2001:db8:1c0:2:63::
ip -n r route add $R4_AS_6/128 dev ipxl0
ip -n r addr add $R6/128 dev lo nodad
received_with() { # PCAP FILTER PATTERN: a packet the filter selects prints PATTERN (tcpdump -v)
	tcpdump -n -v -r "$1" "$2" 2>/dev/null | tee -a /dev/stderr | grep -q -- "$3"
}
TO_R=$CAPDIR/30-siit-reference-to-r.pcap
capture_start r ipxl0 "$TO_R"
check "ping 6->4 to r's own 198.51.100.1 (wire->local), hop limit 9" \
	ping_exact ns6 1 -6 -t 9 -I $S6 $R4_AS_6
check "ping 4->6 from r to its own $R6 (local->local), TTL 9" ping_exact r 1 -t 9 192.0.2.99
# The answer is remembered per CPU (one CPU here: taskset) until an address
# or route changes: 198.51.100.9 is first forwarded (to nobody), then, once
# r has it, taken by r.
ip -n r route add 2001:db8:1c6:3364:9::/128 dev ipxl0
ip netns exec ns6 taskset -c 0 ping -c 1 -W 1 -t 9 -I $S6 2001:db8:1c6:3364:9:: >/dev/null
ip -n r addr add 198.51.100.9/32 dev lo
check "ping 6->4 to 198.51.100.9 once r has it, hop limit 9" \
	ip netns exec ns6 taskset -c 0 ping -c 1 -W 3 -t 9 -I $S6 2001:db8:1c6:3364:9::
ip -n r addr del 198.51.100.9/32 dev lo
ip -n r route del 2001:db8:1c6:3364:9::/128 dev ipxl0
capture_stop
check "  forwarded while not r's: given its hop back (TTL 9 as received)" received_with "$TO_R" \
	"dst host 198.51.100.9" "ttl 9,"
check "  then r's own: taken with TTL 8" received_with "$TO_R" \
	"dst host 198.51.100.9" "ttl 8,"
check "  wire->local: r takes the echo request with TTL 8" received_with "$TO_R" \
	"dst host 198.51.100.1 and icmp[icmptype] == icmp-echo" "ttl 8,"
check "  local->local: r takes its echo request with hop limit 8" received_with "$TO_R" \
	"dst host $R6 and icmp6 and ip6[40] == 128" "hlim 8,"
ip -n r addr del $R6/128 dev lo
ip -n r route del $R4_AS_6/128 dev ipxl0

# A routing loop through both families (SPEC 2.6): the IPv6 image of
# 192.0.2.77 is routed back into the device. Every pass costs a hop, so the
# packet expires instead of circulating.
ip -n r route add 2001:db8:1c0:2:4d::/128 dev ipxl0
check "a ping looping 4->6->4 through the device expires: Time to live exceeded" \
	bash -c "ip netns exec ns4 ping -c 1 -W 3 192.0.2.77 2>&1 | tee -a /dev/stderr | grep -q 'Time to live exceeded'"
sleep 1
before=$(counters_of r ipxl0)
sleep 1
check "  and the loop is over: nothing more crosses the device" test "$before" = "$(counters_of r ipxl0)"
ip -n r route del 2001:db8:1c0:2:4d::/128 dev ipxl0
finish
