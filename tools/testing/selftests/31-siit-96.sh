#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# SIIT with a /96 RFC 6052 prefix (a network-specific one, so documentation
# addresses need no wkp-strict exception) for both addresses: the reference
# topology of 30 and the same check list.
#
#   ns4 (198.51.100.2) --veth4-- r [ipxl0] --veth6 (MTU 1280)-- ns6
#        = 2001:db8:64::c633:6402              2001:db8:64::c000:221 = 192.0.2.33
#                                              2001:db8:64::c000:202 = 192.0.2.2
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-siit.sh"
source "$(dirname "$0")/traffic-checks.sh"

XR=r XDEV=ipxl0
A4=198.51.100.2 A4_AS_6=2001:db8:64::c633:6402
T4=192.0.2.33 T6=2001:db8:64::c000:221
S6=2001:db8:64::c000:202
siit_topology 2001:db8:64::/96 $A4_AS_6 $T6 $S6
check "the /96 prefix is in force" bash -c "ip netns exec r $IPXLAT_CTL query dev ipxl0 $T4 | grep -q '$T6 (prefix6)'"
siit_traffic_checks
finish
