// SPDX-License-Identifier: GPL-2.0
//! Constants of the `ipxlat` generic netlink family.
//!
//! Mirrors `include/uapi/linux/ipxlat.h` (generated from
//! `Documentation/netlink/specs/ipxlat.yaml`); the `drift` test below parses
//! that header and fails if any value here differs.

// A table of the whole uapi: not every constant is used by the tool.
#![allow(dead_code)]

pub const FAMILY_NAME: &str = "ipxlat";
pub const FAMILY_VERSION: u8 = 1;
pub const MCGRP_CONFIG: &str = "config";
pub const XLAT_PREFIX6_MAX_PREFIX_LEN: u8 = 96;

/// Commands (`IPXLAT_CMD_*`).
pub mod cmd {
    pub const DEV_GET: u8 = 1;
    pub const DEV_SET: u8 = 2;
    pub const EAM_ADD: u8 = 3;
    pub const EAM_DEL: u8 = 4;
    pub const EAM_GET: u8 = 5;
    pub const EAM_FLUSH: u8 = 6;
    pub const STATS_GET: u8 = 7;
    pub const QUERY: u8 = 8;
    pub const CHANGE_NTF: u8 = 9;
}

/// `pool` set (`IPXLAT_A_POOL_*`): an RFC 6052 prefix.
pub mod pool {
    pub const PREFIX: u16 = 1;
    pub const PREFIX_LEN: u16 = 2;
}

/// `pool4` set (`IPXLAT_A_POOL4_*`).
pub mod pool4 {
    pub const PREFIX: u16 = 1;
    pub const PREFIX_LEN: u16 = 2;
}

/// `pool6` set (`IPXLAT_A_POOL6_*`).
pub mod pool6 {
    pub const PREFIX: u16 = 1;
    pub const PREFIX_LEN: u16 = 2;
}

/// `cfg` set (`IPXLAT_A_CFG_*`).
pub mod cfg {
    pub const XLAT_PREFIX6: u16 = 1;
    pub const LOWEST_IPV6_MTU: u16 = 2;
    pub const PROFILE: u16 = 3;
    pub const LOCAL_PREFIX6: u16 = 4;
    pub const LOCAL_IPV4: u16 = 5;
    pub const EAM_HAIRPIN_MODE: u16 = 6;
    pub const WKP_STRICT: u16 = 7;
    pub const UDP_ZERO_CSUM: u16 = 8;
    pub const ICMP_SRC4_FALLBACK: u16 = 9;
    pub const ICMP_SRC4_POOL_MODE: u16 = 10;
    pub const ICMP_SRC6_FALLBACK: u16 = 11;
    pub const ICMP_ERRORS: u16 = 12;
    pub const ZERO_TRAFFIC_CLASS: u16 = 13;
    pub const OVERRIDE_TOS: u16 = 14;
    pub const TOS: u16 = 15;
    pub const XLAT_PREFIX6_UNSET: u16 = 16;
    pub const LOCAL_UNSET: u16 = 17;
}

/// `dev` set (`IPXLAT_A_DEV_*`).
pub mod dev {
    pub const IFINDEX: u16 = 1;
    pub const NETNSID: u16 = 2;
    pub const CONFIG: u16 = 3;
    pub const EAM: u16 = 4;
    pub const STATS: u16 = 5;
    pub const QUERY: u16 = 6;
    pub const CHANGE: u16 = 7;
    pub const EXTENSIONS: u16 = 8;
}

/// `eam` set (`IPXLAT_A_EAM_*`).
pub mod eam {
    pub const IPV4: u16 = 1;
    pub const IPV6: u16 = 2;
    pub const ALLOW_OVERLAP: u16 = 3;
}

/// `drop-stat` set (`IPXLAT_A_DROP_STAT_*`).
pub mod drop_stat {
    pub const REASON: u16 = 1;
    pub const PACKETS: u16 = 2;
    pub const PAD: u16 = 3;
}

/// `stats` set (`IPXLAT_A_STATS_*`).
pub mod stats {
    pub const TX_46_PACKETS: u16 = 1;
    pub const TX_46_BYTES: u16 = 2;
    pub const TX_64_PACKETS: u16 = 3;
    pub const TX_64_BYTES: u16 = 4;
    pub const ICMP_ERRORS_SENT: u16 = 5;
    pub const DROPS: u16 = 6;
    pub const DROP: u16 = 7;
    pub const PAD: u16 = 8;
}

/// `addr-query` set (`IPXLAT_A_ADDR_QUERY_*`).
pub mod addr_query {
    pub const ADDRESS: u16 = 1;
    pub const RESULT: u16 = 2;
    pub const RULE: u16 = 3;
}

/// Enum `profile`, in value order.
pub const PROFILE: &[&str] = &["generic", "clat"];
/// Enum `hairpin-mode`, in value order.
pub const HAIRPIN_MODE: &[&str] = &["off", "simple", "intrinsic"];
/// Enum `udp-zero-csum`, in value order.
pub const UDP_ZERO_CSUM: &[&str] = &["compute", "drop"];
/// Enum `pool-mode`, in value order.
pub const POOL_MODE: &[&str] = &["random", "hop-keyed"];
/// Enum `query-rule`, in value order.
pub const QUERY_RULE: &[&str] = &["eam", "prefix6", "local-prefix6", "none"];
/// Enum `change`, in value order.
pub const CHANGE: &[&str] = &["dev-set", "eam-add", "eam-del", "eam-flush"];
/// Enum `drop-reason`, in value order (mirrors ipxlat/engine/verdict.rs).
pub const DROP_REASON: &[&str] = &[
    "malformed-ipv4",
    "malformed-ipv6",
    "malformed-options",
    "malformed-l4",
    "src-address-class",
    "dst-address-class",
    "wkp-non-global",
    "u-octet-non-zero",
    "clat-policy",
    "hop-limit-exceeded",
    "source-route",
    "segments-left",
    "ext-after-fragment",
    "fragmented-icmp",
    "icmp-untranslatable",
    "icmp-error-about-error",
    "icmp-bad-checksum",
    "icmp-pointer-unmapped",
    "icmp-inner-invalid",
    "dst-unmapped",
    "src-unmapped",
    "udp-zero-checksum",
    "packet-too-big",
    "single-hop-protocol",
    "oversize",
    "unsupported-offload",
    "no-memory",
    "no-config",
];

/// Name of value `v` in enum table `names`, or the number if unknown.
pub fn enum_name(names: &[&str], v: u32) -> String {
    names
        .get(v as usize)
        .map(|s| s.to_string())
        .unwrap_or_else(|| v.to_string())
}

/// Value of `name` in enum table `names`.
pub fn enum_value(names: &[&str], name: &str) -> Option<u32> {
    names.iter().position(|n| *n == name).map(|v| v as u32)
}

#[cfg(test)]
mod drift {
    //! Parse the committed uapi header and compare every constant.
    use super::*;
    use std::collections::HashMap;

    const HEADER: &str = include_str!("../../include/uapi/linux/ipxlat.h");
    const VERDICT: &str = include_str!("../../ipxlat/engine/verdict.rs");

    /// Evaluate the header's enums and defines into NAME -> value.
    fn parse_header() -> HashMap<String, i64> {
        let mut map = HashMap::new();
        let mut in_enum = false;
        let mut next = 0i64;
        for raw in HEADER.lines() {
            let line = raw.trim();
            if let Some(def) = line.strip_prefix("#define ") {
                let mut it = def.split_whitespace();
                if let (Some(n), Some(v)) = (it.next(), it.next()) {
                    if let Ok(v) = v.parse() {
                        map.insert(n.to_string(), v);
                    }
                }
            } else if line.starts_with("enum") && line.ends_with('{') {
                in_enum = true;
                next = 0;
            } else if line.starts_with("};") {
                in_enum = false;
            } else if in_enum && (line.starts_with("IPXLAT_") || line.starts_with("__")) {
                let body = line.trim_end_matches(',');
                let (name, val) = match body.split_once('=') {
                    Some((n, v)) => {
                        let v = v.trim();
                        let val = if let Ok(x) = v.parse::<i64>() {
                            x
                        } else {
                            // "(__X_MAX - 1)"
                            let inner = v.trim_matches(|c| c == '(' || c == ')');
                            let (sym, _) = inner.split_once(" - ").expect("expr");
                            map[sym.trim()] - 1
                        };
                        (n.trim().to_string(), val)
                    }
                    None => (body.to_string(), next),
                };
                map.insert(name, val);
                next = val + 1;
            }
        }
        map
    }

    fn check(map: &HashMap<String, i64>, name: &str, v: i64) {
        assert_eq!(map.get(name).copied(), Some(v), "{name} drifted");
    }

    fn check_enum(map: &HashMap<String, i64>, prefix: &str, names: &[&str]) {
        for (i, n) in names.iter().enumerate() {
            let c = format!("{prefix}{}", n.to_uppercase().replace('-', "_"));
            check(map, &c, i as i64);
        }
        // No value in the header that the table lacks.
        let count = map
            .keys()
            .filter(|k| k.starts_with(prefix) && !k.ends_with("_MAX"))
            .count();
        assert_eq!(count, names.len(), "{prefix}* count drifted");
    }

    #[test]
    fn header_family() {
        assert!(HEADER.contains(&format!("#define IPXLAT_FAMILY_NAME\t\"{FAMILY_NAME}\"")));
        assert!(HEADER.contains(&format!("#define IPXLAT_MCGRP_CONFIG\t\"{MCGRP_CONFIG}\"")));
        let m = parse_header();
        check(&m, "IPXLAT_FAMILY_VERSION", FAMILY_VERSION as i64);
        check(
            &m,
            "IPXLAT_XLAT_PREFIX6_MAX_PREFIX_LEN",
            XLAT_PREFIX6_MAX_PREFIX_LEN as i64,
        );
    }

    #[test]
    fn header_commands() {
        let m = parse_header();
        for (n, v) in [
            ("DEV_GET", cmd::DEV_GET),
            ("DEV_SET", cmd::DEV_SET),
            ("EAM_ADD", cmd::EAM_ADD),
            ("EAM_DEL", cmd::EAM_DEL),
            ("EAM_GET", cmd::EAM_GET),
            ("EAM_FLUSH", cmd::EAM_FLUSH),
            ("STATS_GET", cmd::STATS_GET),
            ("QUERY", cmd::QUERY),
            ("CHANGE_NTF", cmd::CHANGE_NTF),
        ] {
            check(&m, &format!("IPXLAT_CMD_{n}"), v as i64);
        }
        check(&m, "IPXLAT_CMD_MAX", cmd::CHANGE_NTF as i64);
    }

    #[test]
    fn header_attributes() {
        let m = parse_header();
        let sets: &[(&str, &[(&str, u16)])] = &[
            ("POOL", &[("PREFIX", pool::PREFIX), ("PREFIX_LEN", pool::PREFIX_LEN)]),
            ("POOL4", &[("PREFIX", pool4::PREFIX), ("PREFIX_LEN", pool4::PREFIX_LEN)]),
            ("POOL6", &[("PREFIX", pool6::PREFIX), ("PREFIX_LEN", pool6::PREFIX_LEN)]),
            (
                "CFG",
                &[
                    ("XLAT_PREFIX6", cfg::XLAT_PREFIX6),
                    ("LOWEST_IPV6_MTU", cfg::LOWEST_IPV6_MTU),
                    ("PROFILE", cfg::PROFILE),
                    ("LOCAL_PREFIX6", cfg::LOCAL_PREFIX6),
                    ("LOCAL_IPV4", cfg::LOCAL_IPV4),
                    ("EAM_HAIRPIN_MODE", cfg::EAM_HAIRPIN_MODE),
                    ("WKP_STRICT", cfg::WKP_STRICT),
                    ("UDP_ZERO_CSUM", cfg::UDP_ZERO_CSUM),
                    ("ICMP_SRC4_FALLBACK", cfg::ICMP_SRC4_FALLBACK),
                    ("ICMP_SRC4_POOL_MODE", cfg::ICMP_SRC4_POOL_MODE),
                    ("ICMP_SRC6_FALLBACK", cfg::ICMP_SRC6_FALLBACK),
                    ("ICMP_ERRORS", cfg::ICMP_ERRORS),
                    ("ZERO_TRAFFIC_CLASS", cfg::ZERO_TRAFFIC_CLASS),
                    ("OVERRIDE_TOS", cfg::OVERRIDE_TOS),
                    ("TOS", cfg::TOS),
                    ("XLAT_PREFIX6_UNSET", cfg::XLAT_PREFIX6_UNSET),
                    ("LOCAL_UNSET", cfg::LOCAL_UNSET),
                ],
            ),
            (
                "DEV",
                &[
                    ("IFINDEX", dev::IFINDEX),
                    ("NETNSID", dev::NETNSID),
                    ("CONFIG", dev::CONFIG),
                    ("EAM", dev::EAM),
                    ("STATS", dev::STATS),
                    ("QUERY", dev::QUERY),
                    ("CHANGE", dev::CHANGE),
                    ("EXTENSIONS", dev::EXTENSIONS),
                ],
            ),
            (
                "EAM",
                &[
                    ("IPV4", eam::IPV4),
                    ("IPV6", eam::IPV6),
                    ("ALLOW_OVERLAP", eam::ALLOW_OVERLAP),
                ],
            ),
            (
                "DROP_STAT",
                &[
                    ("REASON", drop_stat::REASON),
                    ("PACKETS", drop_stat::PACKETS),
                    ("PAD", drop_stat::PAD),
                ],
            ),
            (
                "STATS",
                &[
                    ("TX_46_PACKETS", stats::TX_46_PACKETS),
                    ("TX_46_BYTES", stats::TX_46_BYTES),
                    ("TX_64_PACKETS", stats::TX_64_PACKETS),
                    ("TX_64_BYTES", stats::TX_64_BYTES),
                    ("ICMP_ERRORS_SENT", stats::ICMP_ERRORS_SENT),
                    ("DROPS", stats::DROPS),
                    ("DROP", stats::DROP),
                    ("PAD", stats::PAD),
                ],
            ),
            (
                "ADDR_QUERY",
                &[
                    ("ADDRESS", addr_query::ADDRESS),
                    ("RESULT", addr_query::RESULT),
                    ("RULE", addr_query::RULE),
                ],
            ),
        ];
        for (set, attrs) in sets {
            for (n, v) in attrs.iter() {
                check(&m, &format!("IPXLAT_A_{set}_{n}"), *v as i64);
            }
            // Every attribute of the set is known here.
            check(&m, &format!("IPXLAT_A_{set}_MAX"), attrs.len() as i64);
        }
    }

    #[test]
    fn header_enums() {
        let m = parse_header();
        check_enum(&m, "IPXLAT_PROFILE_", PROFILE);
        check_enum(&m, "IPXLAT_HAIRPIN_MODE_", HAIRPIN_MODE);
        check_enum(&m, "IPXLAT_UDP_ZERO_CSUM_", UDP_ZERO_CSUM);
        check_enum(&m, "IPXLAT_POOL_MODE_", POOL_MODE);
        check_enum(&m, "IPXLAT_QUERY_RULE_", QUERY_RULE);
        check_enum(&m, "IPXLAT_CHANGE_", CHANGE);
        check_enum(&m, "IPXLAT_DROP_REASON_", DROP_REASON);
        check(&m, "IPXLAT_DROP_REASON_MAX", DROP_REASON.len() as i64 - 1);
    }

    /// The v1 part of the API (SPEC 7.1) must never move.
    #[test]
    fn header_v1_compat() {
        let m = parse_header();
        for (n, v) in [
            ("IPXLAT_A_POOL_PREFIX", 1),
            ("IPXLAT_A_POOL_PREFIX_LEN", 2),
            ("IPXLAT_A_CFG_XLAT_PREFIX6", 1),
            ("IPXLAT_A_CFG_LOWEST_IPV6_MTU", 2),
            ("IPXLAT_A_DEV_IFINDEX", 1),
            ("IPXLAT_A_DEV_NETNSID", 2),
            ("IPXLAT_A_DEV_CONFIG", 3),
            ("IPXLAT_CMD_DEV_GET", 1),
            ("IPXLAT_CMD_DEV_SET", 2),
            ("IPXLAT_XLAT_PREFIX6_MAX_PREFIX_LEN", 96),
        ] {
            check(&m, n, v);
        }
    }

    /// drop-reason mirrors the engine's DropReason enum.
    #[test]
    fn drop_reasons_match_engine() {
        let body = VERDICT
            .split("pub enum DropReason {")
            .nth(1)
            .expect("DropReason in verdict.rs")
            .split("\n}")
            .next()
            .unwrap();
        let mut engine = Vec::new();
        for line in body.lines() {
            let l = line.trim();
            if l.starts_with("///") || l.starts_with("#") || l.is_empty() {
                continue;
            }
            let (name, val) = l.trim_end_matches(',').split_once('=').expect("explicit value");
            engine.push((name.trim().to_string(), val.trim().parse::<usize>().unwrap()));
        }
        assert_eq!(engine.len(), DROP_REASON.len());
        for (name, val) in engine {
            // CamelCase -> kebab-case, digits stay attached (MalformedIpv4).
            let mut kebab = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() {
                    if i > 0 {
                        kebab.push('-');
                    }
                    kebab.push(c.to_ascii_lowercase());
                } else {
                    kebab.push(c);
                }
            }
            assert_eq!(DROP_REASON[val], kebab, "drop reason {val}");
        }
    }
}
