#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# rmmod with live devices in two namespaces removes them cleanly; the module
# loads again afterwards.
source "$(dirname "$0")/lib.sh"

netns_add ua
netns_add ub
check "create devices in two namespaces and the initial one" bash -c \
	"ip -n ua link add x0 type ipxlat && ip -n ub link add x0 type ipxlat && ip -n ub link add x1 type ipxlat && ip link add xinit type ipxlat && ip -n ua link set x0 up"
check "rmmod with 4 live devices" rmmod ipxlat
check_fails "module gone" module_loaded
check_fails "devices gone (ua)" ip -n ua link show x0
check_fails "devices gone (ub)" ip -n ub link show x1
check_fails "devices gone (init netns)" ip link show xinit
check "insmod again" insmod "$IPXLAT_KO"
check "create after reload" ip -n ua link add x0 type ipxlat
check "final rmmod" rmmod ipxlat
finish
