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
