/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel headers the module's bindgen step reads. bindgen generates Rust
 * declarations for the items allow-listed in glue/bindgen.args and, with
 * --wrap-static-fns, C wrappers for the static inline ones.
 */
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/skbuff.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/rcupdate.h>
#include <net/rtnetlink.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/net_namespace.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/ip6_route.h>
#include <net/icmp.h>
#include <net/checksum.h>
#include <net/gso.h>
#include <net/ip6_checksum.h>

#include "shim.h"

/* Generated from the YNL spec by tools/net/ynl-gen.sh (policies, family). */
#include "../generated/netlink-gen.h"
