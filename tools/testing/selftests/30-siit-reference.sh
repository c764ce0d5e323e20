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
finish
