#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Once installed, the module loads on demand: `ip link add ... type ipxlat`
# asks for "rtnl-link-ipxlat", and resolving the generic netlink family
# for "net-pf-16-proto-16-family-ipxlat"; the module's aliases answer both.
source "$(dirname "$0")/lib.sh"

# virtme-ng links /lib/modules/$(uname -r) (a tmpfs) to the read-only
# module tree of the test kernel: install into a writable copy of it.
moddir=/lib/modules/$(uname -r)
if [[ -L $moddir ]]; then
	src=$(readlink -f "$moddir")
	rm "$moddir" && mkdir "$moddir" && cp -a "$src/." "$moddir/"
fi
if ! { mkdir -p "$moddir/extra" && cp "$IPXLAT_KO" "$moddir/extra/"; }; then
	echo "not ok - cannot install the module under $moddir"
	exit 1
fi
check "depmod indexes the module" depmod -a
check "modinfo resolves the installed module" bash -c "modinfo -F alias ipxlat | grep -qx rtnl-link-ipxlat"
check "modinfo lists the family alias" bash -c "modinfo -F alias ipxlat | grep -qx net-pf-16-proto-16-family-ipxlat"
rmmod ipxlat 2>/dev/null
check_fails "module not loaded before the link is created" module_loaded
check "ip link add ... type ipxlat loads the module" ip link add auto0 type ipxlat
check "module loaded by the kernel" module_loaded
check "device exists" ip -d link show auto0
check "delete" ip link del auto0
check "module unloads" rmmod ipxlat
check_fails "module not loaded before the family is resolved" module_loaded
check "a generic netlink client resolving the ipxlat family loads the module" \
	python3 "$(dirname "$0")/nlraw.py" send 1 "" dump
check "module loaded by the kernel" module_loaded
finish
