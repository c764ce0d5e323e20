/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ipxlat.yaml */
/* YNL-GEN uapi header */
/* To regenerate run: tools/net/ynl/ynl-regen.sh */

#ifndef _UAPI_LINUX_IPXLAT_H
#define _UAPI_LINUX_IPXLAT_H

#define IPXLAT_FAMILY_NAME	"ipxlat"
#define IPXLAT_FAMILY_VERSION	1

#define IPXLAT_XLAT_PREFIX6_MAX_PREFIX_LEN	96

/**
 * enum ipxlat_profile - Address mapping profile of a device.
 * @IPXLAT_PROFILE_GENERIC: SIIT / SIIT-DC border relay; EAM then RFC 6052 in
 *   every position.
 * @IPXLAT_PROFILE_CLAT: Customer-side translator (RFC 6877); local addresses
 *   come from the EAM table and local-prefix6/local-ipv4, remote ones from
 *   xlat-prefix6 only.
 */
enum ipxlat_profile {
	IPXLAT_PROFILE_GENERIC,
	IPXLAT_PROFILE_CLAT,
};

/**
 * enum ipxlat_hairpin_mode - EAM hairpinning mode (RFC 7757 section 4.2).
 * @IPXLAT_HAIRPIN_MODE_OFF: No special case.
 * @IPXLAT_HAIRPIN_MODE_SIMPLE: Every 4->6 translation uses the second-leg
 *   rules.
 * @IPXLAT_HAIRPIN_MODE_INTRINSIC: Hairpin detected during 6->4 and translated
 *   back at once.
 */
enum ipxlat_hairpin_mode {
	IPXLAT_HAIRPIN_MODE_OFF,
	IPXLAT_HAIRPIN_MODE_SIMPLE,
	IPXLAT_HAIRPIN_MODE_INTRINSIC,
};

/**
 * enum ipxlat_udp_zero_csum - Handling of unfragmented IPv4 UDP datagrams with
 *   a zero checksum.
 * @IPXLAT_UDP_ZERO_CSUM_COMPUTE: Compute the checksum and translate.
 * @IPXLAT_UDP_ZERO_CSUM_DROP: Drop the datagram and send ICMPv4 3/13.
 */
enum ipxlat_udp_zero_csum {
	IPXLAT_UDP_ZERO_CSUM_COMPUTE,
	IPXLAT_UDP_ZERO_CSUM_DROP,
};

/**
 * enum ipxlat_pool_mode - How a source is picked from the icmp-src4-fallback
 *   pool.
 * @IPXLAT_POOL_MODE_RANDOM: A random address per error.
 * @IPXLAT_POOL_MODE_HOP_KEYED: An address chosen by the hop limit of the
 *   error, so that the hops of a traceroute stay apart.
 */
enum ipxlat_pool_mode {
	IPXLAT_POOL_MODE_RANDOM,
	IPXLAT_POOL_MODE_HOP_KEYED,
};

/**
 * enum ipxlat_drop_reason - Reasons a packet was not translated. The values
 *   mirror the engine's verdict (ipxlat/engine/verdict.rs) and never change
 *   meaning.
 * @IPXLAT_DROP_REASON_MALFORMED_IPV4: Structurally invalid IPv4 header.
 * @IPXLAT_DROP_REASON_MALFORMED_IPV6: Structurally invalid IPv6 header or
 *   extension header chain.
 * @IPXLAT_DROP_REASON_MALFORMED_OPTIONS: Malformed IPv4 options.
 * @IPXLAT_DROP_REASON_MALFORMED_L4: Truncated or invalid TCP/UDP/ICMP header.
 * @IPXLAT_DROP_REASON_SRC_ADDRESS_CLASS: Source address class never
 *   translated.
 * @IPXLAT_DROP_REASON_DST_ADDRESS_CLASS: Destination address class never
 *   translated.
 * @IPXLAT_DROP_REASON_WKP_NON_GLOBAL: Well-known prefix combined with a
 *   non-global IPv4 address.
 * @IPXLAT_DROP_REASON_U_OCTET_NON_ZERO: RFC 6052 address with a non-zero
 *   u-octet.
 * @IPXLAT_DROP_REASON_CLAT_POLICY: CLAT profile local/remote checks.
 * @IPXLAT_DROP_REASON_HOP_LIMIT_EXCEEDED: TTL or hop limit expired.
 * @IPXLAT_DROP_REASON_SOURCE_ROUTE: Unexpired IPv4 source route.
 * @IPXLAT_DROP_REASON_SEGMENTS_LEFT: IPv6 Routing header with Segments Left
 *   not zero.
 * @IPXLAT_DROP_REASON_EXT_AFTER_FRAGMENT: Extension header after a Fragment
 *   header.
 * @IPXLAT_DROP_REASON_FRAGMENTED_ICMP: Fragmented ICMP or ICMPv6.
 * @IPXLAT_DROP_REASON_ICMP_UNTRANSLATABLE: ICMP type/code with no translation.
 * @IPXLAT_DROP_REASON_ICMP_ERROR_ABOUT_ERROR: ICMP error quoting an ICMP
 *   error.
 * @IPXLAT_DROP_REASON_ICMP_BAD_CHECKSUM: ICMP error whose checksum does not
 *   verify.
 * @IPXLAT_DROP_REASON_ICMP_POINTER_UNMAPPED: Parameter Problem pointer with no
 *   counterpart.
 * @IPXLAT_DROP_REASON_ICMP_INNER_INVALID: ICMP error whose quoted packet is
 *   too short or untranslatable.
 * @IPXLAT_DROP_REASON_DST_UNMAPPED: Destination address has no mapping.
 * @IPXLAT_DROP_REASON_SRC_UNMAPPED: Source address has no mapping.
 * @IPXLAT_DROP_REASON_UDP_ZERO_CHECKSUM: Zero UDP checksum that cannot or may
 *   not be computed.
 * @IPXLAT_DROP_REASON_PACKET_TOO_BIG: Packet too big with DF set.
 * @IPXLAT_DROP_REASON_SINGLE_HOP_PROTOCOL: IGMP, MLD or Neighbor Discovery.
 * @IPXLAT_DROP_REASON_OVERSIZE: Jumbogram or an IPv4 super-packet longer than
 *   65535 bytes.
 * @IPXLAT_DROP_REASON_UNSUPPORTED_OFFLOAD: Offload state the translator cannot
 *   handle.
 * @IPXLAT_DROP_REASON_NO_MEMORY: Buffer could not be made writable or memory
 *   allocated.
 * @IPXLAT_DROP_REASON_NO_CONFIG: No usable configuration.
 */
enum ipxlat_drop_reason {
	IPXLAT_DROP_REASON_MALFORMED_IPV4,
	IPXLAT_DROP_REASON_MALFORMED_IPV6,
	IPXLAT_DROP_REASON_MALFORMED_OPTIONS,
	IPXLAT_DROP_REASON_MALFORMED_L4,
	IPXLAT_DROP_REASON_SRC_ADDRESS_CLASS,
	IPXLAT_DROP_REASON_DST_ADDRESS_CLASS,
	IPXLAT_DROP_REASON_WKP_NON_GLOBAL,
	IPXLAT_DROP_REASON_U_OCTET_NON_ZERO,
	IPXLAT_DROP_REASON_CLAT_POLICY,
	IPXLAT_DROP_REASON_HOP_LIMIT_EXCEEDED,
	IPXLAT_DROP_REASON_SOURCE_ROUTE,
	IPXLAT_DROP_REASON_SEGMENTS_LEFT,
	IPXLAT_DROP_REASON_EXT_AFTER_FRAGMENT,
	IPXLAT_DROP_REASON_FRAGMENTED_ICMP,
	IPXLAT_DROP_REASON_ICMP_UNTRANSLATABLE,
	IPXLAT_DROP_REASON_ICMP_ERROR_ABOUT_ERROR,
	IPXLAT_DROP_REASON_ICMP_BAD_CHECKSUM,
	IPXLAT_DROP_REASON_ICMP_POINTER_UNMAPPED,
	IPXLAT_DROP_REASON_ICMP_INNER_INVALID,
	IPXLAT_DROP_REASON_DST_UNMAPPED,
	IPXLAT_DROP_REASON_SRC_UNMAPPED,
	IPXLAT_DROP_REASON_UDP_ZERO_CHECKSUM,
	IPXLAT_DROP_REASON_PACKET_TOO_BIG,
	IPXLAT_DROP_REASON_SINGLE_HOP_PROTOCOL,
	IPXLAT_DROP_REASON_OVERSIZE,
	IPXLAT_DROP_REASON_UNSUPPORTED_OFFLOAD,
	IPXLAT_DROP_REASON_NO_MEMORY,
	IPXLAT_DROP_REASON_NO_CONFIG,

	/* private: */
	__IPXLAT_DROP_REASON_MAX,
	IPXLAT_DROP_REASON_MAX = (__IPXLAT_DROP_REASON_MAX - 1)
};

/**
 * enum ipxlat_query_rule - Rule that produced the result of an address query.
 * @IPXLAT_QUERY_RULE_EAM: An Explicit Address Mapping entry.
 * @IPXLAT_QUERY_RULE_PREFIX6: The RFC 6052 translation prefix (xlat-prefix6).
 * @IPXLAT_QUERY_RULE_LOCAL_PREFIX6: The CLAT local prefix (local-prefix6 with
 *   local-ipv4).
 * @IPXLAT_QUERY_RULE_NONE: The address has no mapping.
 */
enum ipxlat_query_rule {
	IPXLAT_QUERY_RULE_EAM,
	IPXLAT_QUERY_RULE_PREFIX6,
	IPXLAT_QUERY_RULE_LOCAL_PREFIX6,
	IPXLAT_QUERY_RULE_NONE,
};

/**
 * enum ipxlat_change - Kind of configuration change reported by change-ntf.
 * @IPXLAT_CHANGE_DEV_SET: Device configuration changed by dev-set.
 * @IPXLAT_CHANGE_EAM_ADD: EAM entries added.
 * @IPXLAT_CHANGE_EAM_DEL: EAM entries deleted.
 * @IPXLAT_CHANGE_EAM_FLUSH: EAM table flushed.
 */
enum ipxlat_change {
	IPXLAT_CHANGE_DEV_SET,
	IPXLAT_CHANGE_EAM_ADD,
	IPXLAT_CHANGE_EAM_DEL,
	IPXLAT_CHANGE_EAM_FLUSH,
};

enum {
	IPXLAT_A_POOL_PREFIX = 1,
	IPXLAT_A_POOL_PREFIX_LEN,

	__IPXLAT_A_POOL_MAX,
	IPXLAT_A_POOL_MAX = (__IPXLAT_A_POOL_MAX - 1)
};

enum {
	IPXLAT_A_CFG_XLAT_PREFIX6 = 1,
	IPXLAT_A_CFG_LOWEST_IPV6_MTU,
	IPXLAT_A_CFG_PROFILE,
	IPXLAT_A_CFG_LOCAL_PREFIX6,
	IPXLAT_A_CFG_LOCAL_IPV4,
	IPXLAT_A_CFG_EAM_HAIRPIN_MODE,
	IPXLAT_A_CFG_WKP_STRICT,
	IPXLAT_A_CFG_UDP_ZERO_CSUM,
	IPXLAT_A_CFG_ICMP_SRC4_FALLBACK,
	IPXLAT_A_CFG_ICMP_SRC4_POOL_MODE,
	IPXLAT_A_CFG_ICMP_SRC6_FALLBACK,
	IPXLAT_A_CFG_ICMP_ERRORS,
	IPXLAT_A_CFG_ZERO_TRAFFIC_CLASS,
	IPXLAT_A_CFG_OVERRIDE_TOS,
	IPXLAT_A_CFG_TOS,
	IPXLAT_A_CFG_XLAT_PREFIX6_UNSET,
	IPXLAT_A_CFG_LOCAL_UNSET,

	__IPXLAT_A_CFG_MAX,
	IPXLAT_A_CFG_MAX = (__IPXLAT_A_CFG_MAX - 1)
};

enum {
	IPXLAT_A_DEV_IFINDEX = 1,
	IPXLAT_A_DEV_NETNSID,
	IPXLAT_A_DEV_CONFIG,
	IPXLAT_A_DEV_EAM,
	IPXLAT_A_DEV_STATS,
	IPXLAT_A_DEV_QUERY,
	IPXLAT_A_DEV_CHANGE,
	IPXLAT_A_DEV_EXTENSIONS,

	__IPXLAT_A_DEV_MAX,
	IPXLAT_A_DEV_MAX = (__IPXLAT_A_DEV_MAX - 1)
};

enum {
	IPXLAT_A_POOL4_PREFIX = 1,
	IPXLAT_A_POOL4_PREFIX_LEN,

	__IPXLAT_A_POOL4_MAX,
	IPXLAT_A_POOL4_MAX = (__IPXLAT_A_POOL4_MAX - 1)
};

enum {
	IPXLAT_A_POOL6_PREFIX = 1,
	IPXLAT_A_POOL6_PREFIX_LEN,

	__IPXLAT_A_POOL6_MAX,
	IPXLAT_A_POOL6_MAX = (__IPXLAT_A_POOL6_MAX - 1)
};

enum {
	IPXLAT_A_EAM_IPV4 = 1,
	IPXLAT_A_EAM_IPV6,
	IPXLAT_A_EAM_ALLOW_OVERLAP,

	__IPXLAT_A_EAM_MAX,
	IPXLAT_A_EAM_MAX = (__IPXLAT_A_EAM_MAX - 1)
};

enum {
	IPXLAT_A_DROP_STAT_REASON = 1,
	IPXLAT_A_DROP_STAT_PACKETS,
	IPXLAT_A_DROP_STAT_PAD,

	__IPXLAT_A_DROP_STAT_MAX,
	IPXLAT_A_DROP_STAT_MAX = (__IPXLAT_A_DROP_STAT_MAX - 1)
};

enum {
	IPXLAT_A_STATS_TX_46_PACKETS = 1,
	IPXLAT_A_STATS_TX_46_BYTES,
	IPXLAT_A_STATS_TX_64_PACKETS,
	IPXLAT_A_STATS_TX_64_BYTES,
	IPXLAT_A_STATS_ICMP_ERRORS_SENT,
	IPXLAT_A_STATS_DROPS,
	IPXLAT_A_STATS_DROP,
	IPXLAT_A_STATS_PAD,

	__IPXLAT_A_STATS_MAX,
	IPXLAT_A_STATS_MAX = (__IPXLAT_A_STATS_MAX - 1)
};

enum {
	IPXLAT_A_ADDR_QUERY_ADDRESS = 1,
	IPXLAT_A_ADDR_QUERY_RESULT,
	IPXLAT_A_ADDR_QUERY_RULE,

	__IPXLAT_A_ADDR_QUERY_MAX,
	IPXLAT_A_ADDR_QUERY_MAX = (__IPXLAT_A_ADDR_QUERY_MAX - 1)
};

enum {
	IPXLAT_CMD_DEV_GET = 1,
	IPXLAT_CMD_DEV_SET,
	IPXLAT_CMD_EAM_ADD,
	IPXLAT_CMD_EAM_DEL,
	IPXLAT_CMD_EAM_GET,
	IPXLAT_CMD_EAM_FLUSH,
	IPXLAT_CMD_STATS_GET,
	IPXLAT_CMD_QUERY,
	IPXLAT_CMD_CHANGE_NTF,

	__IPXLAT_CMD_MAX,
	IPXLAT_CMD_MAX = (__IPXLAT_CMD_MAX - 1)
};

#define IPXLAT_MCGRP_CONFIG	"config"

#endif /* _UAPI_LINUX_IPXLAT_H */
