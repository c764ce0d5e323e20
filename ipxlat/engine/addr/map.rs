// SPDX-License-Identifier: GPL-2.0

//! The address decision procedure (SPEC 1.6): the one place that decides
//! how an address is mapped, for both profiles, both directions, outer and
//! inner packets, including fallbacks and post-mapping policy checks.
//!
//! The translator maps the destination before the source (SPEC 1.6) and
//! calls [`v4_to_v6`] / [`v6_to_v4`] once per address with a [`MapCtx`].
//! Rows (SPEC 1.6 tables), after the inner role swap:
//!
//! | Dir | Row | Generic | CLAT | No result (outer) |
//! |---|---|---|---|---|
//! | 46 | dst | EAM → prefix6 | prefix6; local ⇒ drop | reject 3/13 |
//! | 46 | src | EAM → prefix6 | local only, else drop | ICMPv4 error: src6 fallback or drop; else 3/13 |
//! | 64 | dst | EAM → prefix6 | local only, else drop | reject 1/1 |
//! | 64 | src | EAM → prefix6 | prefix6; local ⇒ drop | ICMPv6 error: src4 pool; else 1/5 |
//!
//! "Local" (CLAT) = the EAMT ∪ `local-prefix6` limited to `local-ipv4`.
//! Inner addresses have no fallback: no result ⇒ drop the error.

use crate::engine::addr::classes;
use crate::engine::addr::prefix6::{in_wkp, ExtractFail, Prefix6};
use crate::engine::config::{Config, HairpinMode, PoolMode, Profile, Src4Fallback};
use crate::engine::verdict::{DropReason, IcmpError};

/// Which mapping produced an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// An EAM table entry (RFC 7757).
    Eam,
    /// RFC 6052 with `prefix6`.
    Prefix6,
    /// RFC 6052 with the CLAT `local-prefix6`.
    LocalPrefix6,
    /// An ICMP source fallback address (SPEC 5.9).
    Fallback,
}

impl Rule {
    /// Whether the rule is an RFC 6052 embedding (WKP policy applies).
    pub const fn is_rfc6052(self) -> bool {
        matches!(self, Rule::Prefix6 | Rule::LocalPrefix6)
    }
}

/// Position of an address in the packet it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Source address.
    Source,
    /// Destination address.
    Destination,
}

impl Position {
    /// The other position.
    pub const fn swapped(self) -> Position {
        match self {
            Position::Source => Position::Destination,
            Position::Destination => Position::Source,
        }
    }
}

/// Everything the decision needs besides the configuration and address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapCtx {
    /// Position of the address in its own packet (outer or quoted).
    pub position: Position,
    /// The address belongs to the packet quoted in an ICMP error (roles
    /// swapped per SPEC 1.6, no fallback).
    pub inner: bool,
    /// The outer packet is an ICMP error (fallback, class exemptions).
    pub outer_icmp_error: bool,
    /// Hairpin second-leg rule "by RFC 6052 only" (SPEC 1.4): skip EAM.
    pub rfc6052_only: bool,
    /// Hop limit of the error, for hop-keyed fallback pools.
    pub hop_limit: u8,
    /// Random value, for random fallback pools.
    pub random: u32,
}

impl MapCtx {
    /// Context of an outer address of a non-error packet.
    pub const fn outer(position: Position) -> Self {
        MapCtx {
            position,
            inner: false,
            outer_icmp_error: false,
            rfc6052_only: false,
            hop_limit: 0,
            random: 0,
        }
    }

    /// The SPEC 1.6 table row that applies: inner addresses use the row of
    /// the opposite position.
    pub const fn row(&self) -> Position {
        if self.inner {
            self.position.swapped()
        } else {
            self.position
        }
    }

    /// Whether this is the outer source of an ICMP error (fallback and
    /// class-exemption cases).
    const fn is_outer_error_source(&self) -> bool {
        !self.inner && self.outer_icmp_error && matches!(self.position, Position::Source)
    }
}

/// Why an address could not be mapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddrFail {
    /// Drop silently, counting the reason.
    Drop(DropReason),
    /// Drop and send this ICMP error in the original family (SPEC 5.10);
    /// count it with [`AddrFail::reason`].
    Reject(IcmpError),
}

impl AddrFail {
    /// The counter for this failure of an address in `position` (outer):
    /// rejects count as [`DropReason::DstUnmapped`] / [`DropReason::SrcUnmapped`].
    pub const fn reason(&self, position: Position) -> DropReason {
        match (self, position) {
            (AddrFail::Drop(r), _) => *r,
            (AddrFail::Reject(_), Position::Destination) => DropReason::DstUnmapped,
            (AddrFail::Reject(_), Position::Source) => DropReason::SrcUnmapped,
        }
    }
}

/// ICMPv4 3/13, communication administratively prohibited.
const REJECT_V4_ADMIN: IcmpError = IcmpError::V4 {
    icmp_type: 3,
    code: 13,
    info: 0,
};
/// ICMPv6 1/1, administratively prohibited.
const REJECT_V6_ADMIN: IcmpError = IcmpError::V6 {
    icmp_type: 1,
    code: 1,
    info: 0,
};
/// ICMPv6 1/5, source address failed ingress/egress policy.
const REJECT_V6_SRC_POLICY: IcmpError = IcmpError::V6 {
    icmp_type: 1,
    code: 5,
    info: 0,
};

/// Whether `a` is a CLAT local IPv4 address covered by `local-ipv4`.
fn local_lan_v4(cfg: &Config<'_>, a: [u8; 4]) -> Option<[u8; 16]> {
    let l = cfg.local.as_ref()?;
    l.ipv4.contains(a).then(|| l.prefix6.embed(a))
}

/// `local-prefix6` extraction limited to `local-ipv4`.
fn local_lan_v6(cfg: &Config<'_>, a: &[u8; 16]) -> Option<[u8; 4]> {
    let l = cfg.local.as_ref()?;
    l.prefix6.extract(a).filter(|&v4| l.ipv4.contains(v4))
}

/// The no-result outcome of a 46 row for an outer address.
fn v4_to_v6_unmapped(cfg: &Config<'_>, ctx: &MapCtx) -> Result<([u8; 16], Rule), AddrFail> {
    if ctx.inner {
        return Err(AddrFail::Drop(DropReason::IcmpInnerInvalid));
    }
    match ctx.position {
        Position::Destination => Err(AddrFail::Reject(REJECT_V4_ADMIN)),
        Position::Source if ctx.outer_icmp_error => match cfg.icmp_src6_fallback {
            Some(a) => Ok((a, Rule::Fallback)),
            None => Err(AddrFail::Drop(DropReason::SrcUnmapped)),
        },
        Position::Source => Err(AddrFail::Reject(REJECT_V4_ADMIN)),
    }
}

/// Maps an IPv4 address to IPv6 (46), SPEC 1.6.
///
/// Class checks of SPEC 6 on the input address are repeated here for outer
/// addresses (the outer source of an ICMPv4 error is exempt), so the result
/// never needs another check; the WKP rule applies to RFC 6052 results in
/// every position except that exempt one.
pub fn v4_to_v6(cfg: &Config<'_>, a: [u8; 4], ctx: &MapCtx) -> Result<([u8; 16], Rule), AddrFail> {
    let exempt = ctx.is_outer_error_source();
    if !ctx.inner {
        match ctx.position {
            Position::Source => classes::v4_source_class(a, exempt),
            Position::Destination => classes::v4_dest_class(a),
        }
        .map_err(AddrFail::Drop)?;
    }
    let found = v4_to_v6_lookup(cfg, a, ctx)?;
    let Some((v6, rule)) = found else {
        return v4_to_v6_unmapped(cfg, ctx);
    };
    if rule.is_rfc6052() && !exempt {
        wkp_check(cfg, &v6, a)?;
    }
    Ok((v6, rule))
}

/// The mapping proper of [`v4_to_v6`]: `Ok(None)` is "no result".
fn v4_to_v6_lookup(cfg: &Config<'_>, a: [u8; 4], ctx: &MapCtx) -> Result<Option<([u8; 16], Rule)>, AddrFail> {
    let prefix6 = || cfg.prefix6.as_ref().map(|p| (p.embed(a), Rule::Prefix6));
    if ctx.rfc6052_only {
        return Ok(prefix6());
    }
    let eam = || cfg.eamt.v4_to_v6(a).map(|v6| (v6, Rule::Eam));
    match (cfg.profile, ctx.row()) {
        (Profile::Generic, _) => Ok(eam().or_else(prefix6)),
        // CLAT source: local only, never prefix6; anything else is
        // spoofed (SPEC 1.5 source validation).
        (Profile::Clat, Position::Source) => {
            let local = eam().or_else(|| local_lan_v4(cfg, a).map(|v6| (v6, Rule::LocalPrefix6)));
            match local {
                Some(r) => Ok(Some(r)),
                None if ctx.inner => Ok(None),
                None => Err(AddrFail::Drop(DropReason::ClatPolicy)),
            }
        }
        // CLAT destination: remote only; a local address never leaves.
        (Profile::Clat, Position::Destination) => {
            if cfg.eamt.contains_v4(a) || local_lan_v4(cfg, a).is_some() {
                return Err(AddrFail::Drop(DropReason::ClatPolicy));
            }
            Ok(prefix6())
        }
    }
}

/// WKP + non-global ⇒ drop when `wkp-strict` (SPEC 1.2).
fn wkp_check(cfg: &Config<'_>, v6: &[u8; 16], v4: [u8; 4]) -> Result<(), AddrFail> {
    if cfg.wkp_strict && in_wkp(v6) && classes::is_non_global_v4(v4) {
        return Err(AddrFail::Drop(DropReason::WkpNonGlobal));
    }
    Ok(())
}

/// Outcome of one 64 mapping attempt in [`v6_to_v4`].
enum Extracted<T> {
    /// Mapped.
    Some(T),
    /// No prefix, or outside it.
    None,
    /// Inside the prefix with a non-zero u-octet.
    UOctet,
}

impl<T> Extracted<T> {
    /// Maps the `Some` value.
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Extracted<U> {
        match self {
            Extracted::Some(t) => Extracted::Some(f(t)),
            Extracted::None => Extracted::None,
            Extracted::UOctet => Extracted::UOctet,
        }
    }
}

/// RFC 6052 extraction by `p`, keeping the u-octet case apart.
fn extract(p: Option<&Prefix6>, a: &[u8; 16]) -> Extracted<[u8; 4]> {
    match p.map(|p| p.try_extract(a)) {
        Some(Ok(v4)) => Extracted::Some(v4),
        Some(Err(ExtractFail::UOctetNonZero)) => Extracted::UOctet,
        Some(Err(ExtractFail::Outside)) | None => Extracted::None,
    }
}

/// Picks the ICMPv6-error source fallback from the pool (SPEC 5.9).
///
/// Pools of up to two addresses use every address; larger ones skip the
/// first and last (network/broadcast-like) addresses.
pub fn pick_src4_fallback(f: &Src4Fallback, hop_limit: u8, random: u32) -> [u8; 4] {
    let key = match f.mode {
        PoolMode::Random => random,
        PoolMode::HopKeyed => hop_limit as u32,
    };
    let host_bits = 32u32.saturating_sub(f.pool.len as u32);
    let offset = if host_bits <= 1 {
        key & !f.pool.mask()
    } else {
        // 2^host_bits − 2 usable addresses (2 ≤ host_bits ≤ 32); u32 math
        // keeps 64-bit division out of 32-bit kernels.
        let usable = (u32::MAX >> (32 - host_bits)) - 1;
        1 + key % usable
    };
    (f.pool.bits() | offset).to_be_bytes()
}

/// The no-result outcome of a 64 row.
fn v6_to_v4_unmapped(cfg: &Config<'_>, ctx: &MapCtx, uoctet: bool) -> Result<([u8; 4], Rule), AddrFail> {
    if ctx.inner {
        return Err(AddrFail::Drop(DropReason::IcmpInnerInvalid));
    }
    match ctx.position {
        // An ICMPv6 error from an unmappable source (incl. u-octet ≠ 0)
        // still gets through, from the fallback (SPEC 5.9).
        Position::Source if ctx.outer_icmp_error => {
            let fb = pick_src4_fallback(&cfg.icmp_src4_fallback, ctx.hop_limit, ctx.random);
            Ok((fb, Rule::Fallback))
        }
        _ if uoctet => Err(AddrFail::Drop(DropReason::UOctetNonZero)),
        Position::Source => Err(AddrFail::Reject(REJECT_V6_SRC_POLICY)),
        Position::Destination => Err(AddrFail::Reject(REJECT_V6_ADMIN)),
    }
}

/// Maps an IPv6 address to IPv4 (64), SPEC 1.6.
///
/// For outer addresses the result passes the SPEC 1.6 post-mapping class
/// check (0/8, 127/8, 224/4, 255.255.255.255, 169.254/16), and RFC 6052
/// results the WKP rule. The outer source of an ICMPv6 error from
/// fe80::/10 goes straight to the fallback (SPEC 6, 5.9). IPv6 class checks
/// on the input (SPEC 6 step 2) are the translator's.
pub fn v6_to_v4(cfg: &Config<'_>, a: &[u8; 16], ctx: &MapCtx) -> Result<([u8; 4], Rule), AddrFail> {
    if ctx.is_outer_error_source() && classes::is_link_local_v6(a) {
        return v6_to_v4_unmapped(cfg, ctx, false);
    }
    let (v4, rule) = match v6_to_v4_lookup(cfg, a, ctx)? {
        Extracted::Some(r) => r,
        Extracted::None => return v6_to_v4_unmapped(cfg, ctx, false),
        Extracted::UOctet => return v6_to_v4_unmapped(cfg, ctx, true),
    };
    if rule.is_rfc6052() {
        wkp_check(cfg, a, v4)?;
    }
    if !ctx.inner && classes::is_untranslatable_v4(v4) {
        // No exemption for ICMPv6 errors: SPEC 1.6 exempts only the 46
        // outer source of an ICMPv4 error. An image such as 127.0.0.1 is
        // an IPv4 image, not a missing one, so the 192.0.0.8 fallback of
        // SPEC 5.9 does not apply either.
        return Err(AddrFail::Drop(match ctx.position {
            Position::Source => DropReason::SrcAddressClass,
            Position::Destination => DropReason::DstAddressClass,
        }));
    }
    Ok((v4, rule))
}

/// The mapping proper of [`v6_to_v4`].
fn v6_to_v4_lookup(cfg: &Config<'_>, a: &[u8; 16], ctx: &MapCtx) -> Result<Extracted<([u8; 4], Rule)>, AddrFail> {
    let prefix6 = || extract(cfg.prefix6.as_ref(), a).map(|v4| (v4, Rule::Prefix6));
    if ctx.rfc6052_only {
        return Ok(prefix6());
    }
    if let Some(v4) = (cfg.profile == Profile::Generic || ctx.row() == Position::Destination)
        .then(|| cfg.eamt.v6_to_v4(a))
        .flatten()
    {
        // Generic: EAM first in both rows. CLAT destination: EAM is local.
        return Ok(Extracted::Some((v4, Rule::Eam)));
    }
    match (cfg.profile, ctx.row()) {
        (Profile::Generic, _) => Ok(prefix6()),
        // CLAT destination: local only (EAM above, else local-prefix6).
        (Profile::Clat, Position::Destination) => match local_lan_v6(cfg, a) {
            Some(v4) => Ok(Extracted::Some((v4, Rule::LocalPrefix6))),
            None if ctx.inner => Ok(Extracted::None),
            None => Err(AddrFail::Drop(DropReason::ClatPolicy)),
        },
        // CLAT source: remote only. Project decision: a remote address
        // whose image is local (EAM or local-ipv4) is spoofed ⇒ drop, the
        // mirror of the 46 destination rule.
        (Profile::Clat, Position::Source) => {
            if cfg.eamt.lookup_v6(a).is_some() || local_lan_v6(cfg, a).is_some() {
                return Err(AddrFail::Drop(DropReason::ClatPolicy));
            }
            let r = prefix6();
            if let Extracted::Some((v4, _)) = r {
                if cfg.eamt.contains_v4(v4) || cfg.local.is_some_and(|l| l.ipv4.contains(v4)) {
                    return Err(AddrFail::Drop(DropReason::ClatPolicy));
                }
            }
            Ok(r)
        }
    }
}

/// SPEC 1.4 intrinsic hairpin test: `cfg` is in intrinsic mode and
/// `mapped_v4` (64 destination of a non-error packet — condition A — or the
/// inner source of an ICMPv6 error — condition B) was mapped by RFC 6052
/// (`rule`) to an address inside an EAM IPv4 prefix.
pub fn is_intrinsic_hairpin(cfg: &Config<'_>, mapped_v4: [u8; 4], rule: Rule) -> bool {
    cfg.hairpin == HairpinMode::Intrinsic && rule == Rule::Prefix6 && cfg.eamt.contains_v4(mapped_v4)
}

/// Whether every 46 translation uses the second-leg rules (simple mode).
pub fn is_simple_hairpin(cfg: &Config<'_>) -> bool {
    cfg.hairpin == HairpinMode::Simple
}

/// How an IPv4 address translates as an outer destination of a non-error
/// packet (netlink query); `None` if it does not.
pub fn query_v4(cfg: &Config<'_>, a: [u8; 4]) -> Option<([u8; 16], Rule)> {
    v4_to_v6(cfg, a, &MapCtx::outer(Position::Destination)).ok()
}

/// How an IPv6 address translates as an outer destination of a non-error
/// packet (netlink query); `None` if it does not.
pub fn query_v6(cfg: &Config<'_>, a: &[u8; 16]) -> Option<([u8; 4], Rule)> {
    v6_to_v4(cfg, a, &MapCtx::outer(Position::Destination)).ok()
}
