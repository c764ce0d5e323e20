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

XR=r XDEV=ipxl0
A4=198.51.100.2 A4_AS_6=2001:db8:1c6:3364:2::
T4=192.0.2.33 T6=2001:db8:1c0:2:21::
S6=2001:db8:1c0:2:2::
siit_topology 2001:db8:100::/40 $A4_AS_6 $T6 $S6
siit_traffic_checks
finish
