// SPDX-License-Identifier: GPL-2.0

//! Ids and enum values of `<uapi/linux/ipxlat.h>` (generated from the YNL
//! spec), typed for the handlers: attribute ids as `u16`, commands as `u8`,
//! enum values as `u32`.

use super::bindings as b;

/// Attribute ids.
pub(crate) mod attr {
    use super::b;
    /// `pool` / `pool4` / `pool6`: prefix.
    pub(crate) const POOL_PREFIX: u16 = b::IPXLAT_A_POOL_PREFIX as u16;
    /// `pool` / `pool4` / `pool6`: prefix-len.
    pub(crate) const POOL_PREFIX_LEN: u16 = b::IPXLAT_A_POOL_PREFIX_LEN as u16;
    const _: () = assert!(b::IPXLAT_A_POOL4_PREFIX == b::IPXLAT_A_POOL_PREFIX);
    const _: () = assert!(b::IPXLAT_A_POOL6_PREFIX == b::IPXLAT_A_POOL_PREFIX);
    const _: () = assert!(b::IPXLAT_A_POOL4_PREFIX_LEN == b::IPXLAT_A_POOL_PREFIX_LEN);
    const _: () = assert!(b::IPXLAT_A_POOL6_PREFIX_LEN == b::IPXLAT_A_POOL_PREFIX_LEN);

    /// `cfg`: xlat-prefix6.
    pub(crate) const CFG_XLAT_PREFIX6: u16 = b::IPXLAT_A_CFG_XLAT_PREFIX6 as u16;
    /// `cfg`: lowest-ipv6-mtu.
    pub(crate) const CFG_LOWEST_IPV6_MTU: u16 = b::IPXLAT_A_CFG_LOWEST_IPV6_MTU as u16;
    /// `cfg`: profile.
    pub(crate) const CFG_PROFILE: u16 = b::IPXLAT_A_CFG_PROFILE as u16;
    /// `cfg`: local-prefix6.
    pub(crate) const CFG_LOCAL_PREFIX6: u16 = b::IPXLAT_A_CFG_LOCAL_PREFIX6 as u16;
    /// `cfg`: local-ipv4.
    pub(crate) const CFG_LOCAL_IPV4: u16 = b::IPXLAT_A_CFG_LOCAL_IPV4 as u16;
    /// `cfg`: eam-hairpin-mode.
    pub(crate) const CFG_EAM_HAIRPIN_MODE: u16 = b::IPXLAT_A_CFG_EAM_HAIRPIN_MODE as u16;
    /// `cfg`: wkp-strict.
    pub(crate) const CFG_WKP_STRICT: u16 = b::IPXLAT_A_CFG_WKP_STRICT as u16;
    /// `cfg`: udp-zero-csum.
    pub(crate) const CFG_UDP_ZERO_CSUM: u16 = b::IPXLAT_A_CFG_UDP_ZERO_CSUM as u16;
    /// `cfg`: icmp-src4-fallback.
    pub(crate) const CFG_ICMP_SRC4_FALLBACK: u16 = b::IPXLAT_A_CFG_ICMP_SRC4_FALLBACK as u16;
    /// `cfg`: icmp-src4-pool-mode.
    pub(crate) const CFG_ICMP_SRC4_POOL_MODE: u16 = b::IPXLAT_A_CFG_ICMP_SRC4_POOL_MODE as u16;
    /// `cfg`: icmp-src6-fallback.
    pub(crate) const CFG_ICMP_SRC6_FALLBACK: u16 = b::IPXLAT_A_CFG_ICMP_SRC6_FALLBACK as u16;
    /// `cfg`: icmp-errors.
    pub(crate) const CFG_ICMP_ERRORS: u16 = b::IPXLAT_A_CFG_ICMP_ERRORS as u16;
    /// `cfg`: zero-traffic-class.
    pub(crate) const CFG_ZERO_TRAFFIC_CLASS: u16 = b::IPXLAT_A_CFG_ZERO_TRAFFIC_CLASS as u16;
    /// `cfg`: override-tos.
    pub(crate) const CFG_OVERRIDE_TOS: u16 = b::IPXLAT_A_CFG_OVERRIDE_TOS as u16;
    /// `cfg`: tos.
    pub(crate) const CFG_TOS: u16 = b::IPXLAT_A_CFG_TOS as u16;
    /// `cfg`: xlat-prefix6-unset.
    pub(crate) const CFG_XLAT_PREFIX6_UNSET: u16 = b::IPXLAT_A_CFG_XLAT_PREFIX6_UNSET as u16;
    /// `cfg`: local-unset.
    pub(crate) const CFG_LOCAL_UNSET: u16 = b::IPXLAT_A_CFG_LOCAL_UNSET as u16;

    /// `dev`: ifindex.
    pub(crate) const DEV_IFINDEX: u16 = b::IPXLAT_A_DEV_IFINDEX as u16;
    /// `dev`: config.
    pub(crate) const DEV_CONFIG: u16 = b::IPXLAT_A_DEV_CONFIG as u16;
    /// `dev`: eam (multi-attr).
    pub(crate) const DEV_EAM: u16 = b::IPXLAT_A_DEV_EAM as u16;
    /// `dev`: stats.
    pub(crate) const DEV_STATS: u16 = b::IPXLAT_A_DEV_STATS as u16;
    /// `dev`: query.
    pub(crate) const DEV_QUERY: u16 = b::IPXLAT_A_DEV_QUERY as u16;
    /// `dev`: change.
    pub(crate) const DEV_CHANGE: u16 = b::IPXLAT_A_DEV_CHANGE as u16;
    /// `dev`: extensions (dev-get request flag).
    pub(crate) const DEV_EXTENSIONS: u16 = b::IPXLAT_A_DEV_EXTENSIONS as u16;

    /// `eam`: ipv4.
    pub(crate) const EAM_IPV4: u16 = b::IPXLAT_A_EAM_IPV4 as u16;
    /// `eam`: ipv6.
    pub(crate) const EAM_IPV6: u16 = b::IPXLAT_A_EAM_IPV6 as u16;
    /// `eam`: allow-overlap.
    pub(crate) const EAM_ALLOW_OVERLAP: u16 = b::IPXLAT_A_EAM_ALLOW_OVERLAP as u16;

    /// `drop-stat`: reason.
    pub(crate) const DROP_STAT_REASON: u16 = b::IPXLAT_A_DROP_STAT_REASON as u16;
    /// `drop-stat`: packets.
    pub(crate) const DROP_STAT_PACKETS: u16 = b::IPXLAT_A_DROP_STAT_PACKETS as u16;
    /// `drop-stat`: pad.
    pub(crate) const DROP_STAT_PAD: u16 = b::IPXLAT_A_DROP_STAT_PAD as u16;

    /// `stats`: tx-46-packets.
    pub(crate) const STATS_TX_46_PACKETS: u16 = b::IPXLAT_A_STATS_TX_46_PACKETS as u16;
    /// `stats`: tx-46-bytes.
    pub(crate) const STATS_TX_46_BYTES: u16 = b::IPXLAT_A_STATS_TX_46_BYTES as u16;
    /// `stats`: tx-64-packets.
    pub(crate) const STATS_TX_64_PACKETS: u16 = b::IPXLAT_A_STATS_TX_64_PACKETS as u16;
    /// `stats`: tx-64-bytes.
    pub(crate) const STATS_TX_64_BYTES: u16 = b::IPXLAT_A_STATS_TX_64_BYTES as u16;
    /// `stats`: icmp-errors-sent.
    pub(crate) const STATS_ICMP_ERRORS_SENT: u16 = b::IPXLAT_A_STATS_ICMP_ERRORS_SENT as u16;
    /// `stats`: drops.
    pub(crate) const STATS_DROPS: u16 = b::IPXLAT_A_STATS_DROPS as u16;
    /// `stats`: drop (multi-attr).
    pub(crate) const STATS_DROP: u16 = b::IPXLAT_A_STATS_DROP as u16;
    /// `stats`: pad.
    pub(crate) const STATS_PAD: u16 = b::IPXLAT_A_STATS_PAD as u16;

    /// `addr-query`: address.
    pub(crate) const QUERY_ADDRESS: u16 = b::IPXLAT_A_ADDR_QUERY_ADDRESS as u16;
    /// `addr-query`: result.
    pub(crate) const QUERY_RESULT: u16 = b::IPXLAT_A_ADDR_QUERY_RESULT as u16;
    /// `addr-query`: rule.
    pub(crate) const QUERY_RULE: u16 = b::IPXLAT_A_ADDR_QUERY_RULE as u16;
}

/// Commands.
pub(crate) mod cmd {
    use super::b;
    /// dev-get.
    pub(crate) const DEV_GET: u8 = b::IPXLAT_CMD_DEV_GET as u8;
    /// eam-get.
    pub(crate) const EAM_GET: u8 = b::IPXLAT_CMD_EAM_GET as u8;
    /// stats-get.
    pub(crate) const STATS_GET: u8 = b::IPXLAT_CMD_STATS_GET as u8;
    /// query.
    pub(crate) const QUERY: u8 = b::IPXLAT_CMD_QUERY as u8;
    /// change-ntf.
    pub(crate) const CHANGE_NTF: u8 = b::IPXLAT_CMD_CHANGE_NTF as u8;
}

/// Enum `profile`.
pub(crate) mod profile {
    use super::b;
    /// generic.
    pub(crate) const GENERIC: u32 = b::ipxlat_profile_IPXLAT_PROFILE_GENERIC;
    /// clat.
    pub(crate) const CLAT: u32 = b::ipxlat_profile_IPXLAT_PROFILE_CLAT;
}

/// Enum `hairpin-mode`.
pub(crate) mod hairpin {
    use super::b;
    /// off.
    pub(crate) const OFF: u32 = b::ipxlat_hairpin_mode_IPXLAT_HAIRPIN_MODE_OFF;
    /// simple.
    pub(crate) const SIMPLE: u32 = b::ipxlat_hairpin_mode_IPXLAT_HAIRPIN_MODE_SIMPLE;
    /// intrinsic.
    pub(crate) const INTRINSIC: u32 = b::ipxlat_hairpin_mode_IPXLAT_HAIRPIN_MODE_INTRINSIC;
}

/// Enum `udp-zero-csum`.
pub(crate) mod udp_zero_csum {
    use super::b;
    /// compute.
    pub(crate) const COMPUTE: u32 = b::ipxlat_udp_zero_csum_IPXLAT_UDP_ZERO_CSUM_COMPUTE;
    /// drop.
    pub(crate) const DROP: u32 = b::ipxlat_udp_zero_csum_IPXLAT_UDP_ZERO_CSUM_DROP;
}

/// Enum `pool-mode`.
pub(crate) mod pool_mode {
    use super::b;
    /// random.
    pub(crate) const RANDOM: u32 = b::ipxlat_pool_mode_IPXLAT_POOL_MODE_RANDOM;
    /// hop-keyed.
    pub(crate) const HOP_KEYED: u32 = b::ipxlat_pool_mode_IPXLAT_POOL_MODE_HOP_KEYED;
}

/// Enum `query-rule`.
pub(crate) mod rule {
    use super::b;
    /// eam.
    pub(crate) const EAM: u32 = b::ipxlat_query_rule_IPXLAT_QUERY_RULE_EAM;
    /// prefix6.
    pub(crate) const PREFIX6: u32 = b::ipxlat_query_rule_IPXLAT_QUERY_RULE_PREFIX6;
    /// local-prefix6.
    pub(crate) const LOCAL_PREFIX6: u32 = b::ipxlat_query_rule_IPXLAT_QUERY_RULE_LOCAL_PREFIX6;
    /// none.
    pub(crate) const NONE: u32 = b::ipxlat_query_rule_IPXLAT_QUERY_RULE_NONE;
}

/// Enum `change`.
pub(crate) mod change {
    use super::b;
    /// dev-set.
    pub(crate) const DEV_SET: u32 = b::ipxlat_change_IPXLAT_CHANGE_DEV_SET;
    /// eam-add.
    pub(crate) const EAM_ADD: u32 = b::ipxlat_change_IPXLAT_CHANGE_EAM_ADD;
    /// eam-del.
    pub(crate) const EAM_DEL: u32 = b::ipxlat_change_IPXLAT_CHANGE_EAM_DEL;
    /// eam-flush.
    pub(crate) const EAM_FLUSH: u32 = b::ipxlat_change_IPXLAT_CHANGE_EAM_FLUSH;
}

/// Number of values of enum `drop-reason`.
pub(crate) const DROP_REASONS: usize = b::ipxlat_drop_reason_IPXLAT_DROP_REASON_MAX as usize + 1;

/// Multicast group `config`.
pub(crate) const GROUP_CONFIG: u32 = b::IPXLAT_NLGRP_CONFIG;
