// SPDX-License-Identifier: GPL-2.0

//! One immutable per-device configuration snapshot (SPEC Appendix A).
//!
//! The control plane validates a complete new [`Config`] and publishes it
//! as a whole; every packet sees exactly one snapshot (SPEC 0, 8.2 #1).

use crate::engine::addr::classes;
use crate::engine::addr::eam::EamTable;
use crate::engine::addr::ipv4_prefix::Ipv4Prefix;
use crate::engine::addr::prefix6::{Prefix6, WKP};
use crate::engine::translate::fast::FastView;
use core::ops::Deref;

/// Smallest `lowest-ipv6-mtu` (SPEC 3.1): the IPv6 minimum MTU.
pub const MIN_LOWEST_IPV6_MTU: u32 = 1280;

/// Translator role (SPEC 1.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Profile {
    /// SIIT / SIIT-DC border relay / NAT64 building block.
    #[default]
    Generic,
    /// 464XLAT customer-side translator (RFC 6877 6.3).
    Clat,
}

/// CLAT case (b): a LAN prefix embedded into a delegated prefix (SPEC 1.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalLan {
    /// `local-prefix6`: RFC 6052 prefix for the LAN's IPv4 addresses.
    pub prefix6: Prefix6,
    /// `local-ipv4`: the LAN prefix; only its addresses use `prefix6`.
    pub ipv4: Ipv4Prefix,
}

/// `eam-hairpin-mode` (SPEC 1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HairpinMode {
    /// No special case.
    Off,
    /// Every 46 translation uses the second-leg rules.
    Simple,
    /// Hairpins are detected in 64 and translated back at once.
    #[default]
    Intrinsic,
}

/// `udp-zero-csum` (SPEC 4): what 46 does with an unfragmented UDP packet
/// whose checksum is 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UdpZeroCsum {
    /// Compute the checksum.
    #[default]
    Compute,
    /// Reject with 3/13.
    Drop,
}

/// How an address is picked from an ICMP source fallback pool (SPEC 5.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PoolMode {
    /// Pseudo-random per error.
    #[default]
    Random,
    /// Keyed on the error's hop limit, so traceroute hops stay distinct.
    HopKeyed,
}

/// `icmp-src4-fallback`: IPv4 source for ICMPv6 errors from unmappable
/// sources (SPEC 5.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Src4Fallback {
    /// The pool; a /32 is a single address.
    pub pool: Ipv4Prefix,
    /// Pick mode for pools larger than one address.
    pub mode: PoolMode,
}

/// 192.0.0.8, the IPv4 dummy address (RFC 7600).
pub const IPV4_DUMMY: [u8; 4] = [192, 0, 0, 8];

/// Why a configuration (or a prefix in it) was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// prefix6 length not in {32, 40, 48, 56, 64, 96}.
    Prefix6Len,
    /// A /96 prefix6 with a non-zero u-octet (byte 8).
    Prefix6UOctet,
    /// IPv4 prefix length above 32.
    Ipv4PrefixLen,
    /// IPv4 prefix with bits set after its length.
    Ipv4HostBits,
    /// lowest-ipv6-mtu below 1280.
    LowestMtuTooSmall,
    /// Simple hairpin mode with the CLAT profile (SPEC 1.4).
    SimpleHairpinWithClat,
    /// ICMP source fallback pool in a never-translated IPv4 class.
    Src4FallbackClass,
    /// ICMP IPv6 source fallback is ::, ::1, multicast or link-local.
    Src6FallbackClass,
}

impl ConfigError {
    /// Human-readable text, used as the netlink extack message.
    pub const fn message(&self) -> &'static str {
        match self {
            Self::Prefix6Len => "unsupported RFC 6052 prefix length",
            Self::Prefix6UOctet => "RFC 6052 /96 prefix with non-zero u-octet (bits 64-71)",
            Self::Ipv4PrefixLen => "IPv4 prefix length above 32",
            Self::Ipv4HostBits => "IPv4 prefix has bits set after its length",
            Self::LowestMtuTooSmall => "lowest-ipv6-mtu below 1280",
            Self::SimpleHairpinWithClat => "simple EAM hairpin mode is not allowed with the clat profile",
            Self::Src4FallbackClass => "icmp-src4-fallback is in a never-translated IPv4 range",
            Self::Src6FallbackClass => "icmp-src6-fallback is not a unicast global-scope IPv6 address",
        }
    }
}

/// A device's configuration snapshot (SPEC Appendix A).
#[derive(Clone, Copy, Debug)]
pub struct Config<'t> {
    /// `xlat-prefix6`; `None` for EAM-only operation.
    pub prefix6: Option<Prefix6>,
    /// `lowest-ipv6-mtu` (SPEC 3.1), ≥ 1280.
    pub lowest_ipv6_mtu: u32,
    /// `profile` (SPEC 1.6).
    pub profile: Profile,
    /// `local-prefix6` + `local-ipv4` (CLAT case (b)); only used by the
    /// CLAT profile.
    pub local: Option<LocalLan>,
    /// The EAM table (SPEC 1.3).
    pub eamt: EamTable<'t>,
    /// `eam-hairpin-mode` (SPEC 1.4).
    pub hairpin: HairpinMode,
    /// `wkp-strict` (SPEC 1.2).
    pub wkp_strict: bool,
    /// `udp-zero-csum` (SPEC 4).
    pub udp_zero_csum: UdpZeroCsum,
    /// `icmp-src4-fallback` (SPEC 5.9).
    pub icmp_src4_fallback: Src4Fallback,
    /// `icmp-src6-fallback` (SPEC 5.9); `None` drops such errors.
    pub icmp_src6_fallback: Option<[u8; 16]>,
    /// `icmp-errors` (SPEC 5.10).
    pub icmp_errors: bool,
    /// `zero-traffic-class` (SPEC 2.1).
    pub zero_traffic_class: bool,
    /// `override-tos` (SPEC 2.3): `Some(tos)` replaces the traffic class.
    pub override_tos: Option<u8>,
}

impl Config<'static> {
    /// The creation defaults of SPEC 7.1 / Appendix A.
    pub const DEFAULT: Config<'static> = Config {
        prefix6: Some(WKP),
        lowest_ipv6_mtu: MIN_LOWEST_IPV6_MTU,
        profile: Profile::Generic,
        local: None,
        eamt: EamTable::EMPTY,
        hairpin: HairpinMode::Intrinsic,
        wkp_strict: true,
        udp_zero_csum: UdpZeroCsum::Compute,
        icmp_src4_fallback: Src4Fallback {
            pool: Ipv4Prefix {
                addr: IPV4_DUMMY,
                len: 32,
            },
            mode: PoolMode::Random,
        },
        icmp_src6_fallback: None,
        icmp_errors: true,
        zero_traffic_class: false,
        override_tos: None,
    };

    /// The defaults with an empty EAM table.
    pub const fn default_with_empty_table() -> Self {
        Self::DEFAULT
    }

    /// Same as [`Config::default_with_empty_table`].
    pub const fn defaults() -> Self {
        Self::DEFAULT
    }
}

impl<'t> Config<'t> {
    /// The same configuration with another EAM table.
    pub const fn with_eamt<'u>(&self, eamt: EamTable<'u>) -> Config<'u> {
        Config {
            prefix6: self.prefix6,
            lowest_ipv6_mtu: self.lowest_ipv6_mtu,
            profile: self.profile,
            local: self.local,
            eamt,
            hairpin: self.hairpin,
            wkp_strict: self.wkp_strict,
            udp_zero_csum: self.udp_zero_csum,
            icmp_src4_fallback: self.icmp_src4_fallback,
            icmp_src6_fallback: self.icmp_src6_fallback,
            icmp_errors: self.icmp_errors,
            zero_traffic_class: self.zero_traffic_class,
            override_tos: self.override_tos,
        }
    }

    /// Checks the whole snapshot before it is published.
    ///
    /// The EAM table is validated when built ([`EamTable::build`]).
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(p) = &self.prefix6 {
            p.validate()?;
        }
        if self.lowest_ipv6_mtu < MIN_LOWEST_IPV6_MTU {
            return Err(ConfigError::LowestMtuTooSmall);
        }
        if let Some(l) = &self.local {
            l.prefix6.validate()?;
            l.ipv4.validate()?;
        }
        // Simple mode translates every 46 source by RFC 6052 only, which
        // breaks EAM-mapped CLAT sources (SPEC 1.4, 8.2 #16).
        if self.profile == Profile::Clat && self.hairpin == HairpinMode::Simple {
            return Err(ConfigError::SimpleHairpinWithClat);
        }
        let pool = &self.icmp_src4_fallback.pool;
        pool.validate()?;
        if classes::overlaps_untranslatable_v4(pool) {
            return Err(ConfigError::Src4FallbackClass);
        }
        if let Some(a) = &self.icmp_src6_fallback {
            if classes::v6_dest_class(a).is_err() {
                return Err(ConfigError::Src6FallbackClass);
            }
        }
        Ok(())
    }
}

/// A configuration ready for the datapath: the [`Config`] plus the values
/// the fast paths derive from it ([`FastView`]: prefix layout, masks,
/// folded flags), computed once here instead of for every packet.
///
/// The configuration is private and immutable, so the derived values can
/// never go stale; the engine's entry point takes this type. It
/// dereferences to the [`Config`].
#[derive(Clone, Copy, Debug)]
pub struct Compiled<'t> {
    /// The configuration.
    cfg: Config<'t>,
    /// What the fast paths need from it.
    fast: FastView,
}

impl<'t> Compiled<'t> {
    /// Compiles `cfg` (which should have passed [`Config::validate`]).
    pub fn new(cfg: Config<'t>) -> Self {
        Compiled { fast: FastView::new(&cfg), cfg }
    }

    /// The configuration.
    pub const fn config(&self) -> &Config<'t> {
        &self.cfg
    }

    /// The fast paths' view of the configuration.
    pub const fn fast(&self) -> &FastView {
        &self.fast
    }

    /// The same configuration with another EAM table (only the fast-path
    /// mode depends on the table, so the rest is not derived again).
    pub fn with_eamt<'u>(&self, eamt: EamTable<'u>) -> Compiled<'u> {
        let mut fast = self.fast;
        fast.set_eamt(self.cfg.profile, &eamt);
        Compiled { cfg: self.cfg.with_eamt(eamt), fast }
    }
}

impl<'t> Deref for Compiled<'t> {
    type Target = Config<'t>;

    fn deref(&self) -> &Config<'t> {
        &self.cfg
    }
}

impl<'t> From<Config<'t>> for Compiled<'t> {
    fn from(cfg: Config<'t>) -> Self {
        Self::new(cfg)
    }
}
