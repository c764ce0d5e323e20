// SPDX-License-Identifier: GPL-2.0

//! The `cfg` attribute set: emitting a configuration (dev-get) and merging
//! a partial update into a copy of it (dev-set, SPEC 7.1).

use crate::engine::addr::{
    ipv4_prefix::Ipv4Prefix,
    prefix6::{is_rfc6052_len, Prefix6},
};
use crate::engine::config::{Config, ConfigError, HairpinMode, LocalLan, PoolMode, Profile, UdpZeroCsum};
use crate::glue::genl::{
    uapi::{attr, hairpin, pool_mode, profile, udp_zero_csum},
    Attr, ExtAck, Nested, Policy, Writer,
};
use kernel::prelude::*;

/// Writes the RFC v1 settings of `c` (SPEC 7.1): xlat-prefix6 (absent only
/// when an extension request removed it) and lowest-ipv6-mtu.
pub(super) fn put_v1(w: &mut Writer<'_>, c: &Config<'_>) -> Result {
    if let Some(p) = &c.prefix6 {
        put_pool(w, attr::CFG_XLAT_PREFIX6, &p.addr, p.len)?;
    }
    w.put_u32(attr::CFG_LOWEST_IPV6_MTU, c.lowest_ipv6_mtu)
}

/// Writes the extension settings of `c`: every `cfg` attribute after the
/// RFC v1 ones.
pub(super) fn put_extensions(w: &mut Writer<'_>, c: &Config<'_>) -> Result {
    w.put_u32(attr::CFG_PROFILE, profile_id(c.profile))?;
    if let Some(l) = &c.local {
        put_pool(w, attr::CFG_LOCAL_PREFIX6, &l.prefix6.addr, l.prefix6.len)?;
        put_pool(w, attr::CFG_LOCAL_IPV4, &l.ipv4.addr, l.ipv4.len)?;
    }
    w.put_u32(attr::CFG_EAM_HAIRPIN_MODE, hairpin_id(c.hairpin))?;
    w.put_u8(attr::CFG_WKP_STRICT, u8::from(c.wkp_strict))?;
    w.put_u32(attr::CFG_UDP_ZERO_CSUM, udp_id(c.udp_zero_csum))?;
    let f = &c.icmp_src4_fallback;
    put_pool(w, attr::CFG_ICMP_SRC4_FALLBACK, &f.pool.addr, f.pool.len)?;
    w.put_u32(attr::CFG_ICMP_SRC4_POOL_MODE, pool_mode_id(f.mode))?;
    w.put_bytes(attr::CFG_ICMP_SRC6_FALLBACK, &c.icmp_src6_fallback.unwrap_or([0; 16]))?;
    w.put_u8(attr::CFG_ICMP_ERRORS, u8::from(c.icmp_errors))?;
    w.put_u8(attr::CFG_ZERO_TRAFFIC_CLASS, u8::from(c.zero_traffic_class))?;
    w.put_u8(attr::CFG_OVERRIDE_TOS, u8::from(c.override_tos.is_some()))?;
    w.put_u8(attr::CFG_TOS, c.override_tos.unwrap_or(0))
}

/// Writes a `pool`/`pool4`/`pool6` nest.
pub(super) fn put_pool(w: &mut Writer<'_>, id: u16, addr: &[u8], len: u8) -> Result {
    w.nest(id, |w| {
        w.put_bytes(attr::POOL_PREFIX, addr)?;
        w.put_u8(attr::POOL_PREFIX_LEN, len)
    })
}

/// Merges the `config` nest `cfg` into `c`, then validates the result.
/// Every failure sets the extack and leaves the caller's published
/// configuration untouched (the caller works on a copy).
pub(super) fn apply(cfg: &Nested<'_>, c: &mut Config<'static>, ext: &ExtAck<'_>) -> Result {
    if cfg.is_empty() {
        ext.message("config update is empty");
        return Err(EINVAL);
    }
    apply_prefix6(cfg, c, ext)?;
    if let Some(a) = cfg.get(attr::CFG_LOWEST_IPV6_MTU) {
        c.lowest_ipv6_mtu = a.get_u32()?;
    }
    if let Some(a) = cfg.get(attr::CFG_PROFILE) {
        c.profile = match a.get_u32()? {
            profile::GENERIC => Profile::Generic,
            profile::CLAT => Profile::Clat,
            _ => return Err(bad(ext, &a, "unknown profile")),
        };
    }
    apply_local(cfg, c, ext)?;
    if let Some(a) = cfg.get(attr::CFG_EAM_HAIRPIN_MODE) {
        c.hairpin = match a.get_u32()? {
            hairpin::OFF => HairpinMode::Off,
            hairpin::SIMPLE => HairpinMode::Simple,
            hairpin::INTRINSIC => HairpinMode::Intrinsic,
            _ => return Err(bad(ext, &a, "unknown eam-hairpin-mode")),
        };
    }
    if let Some(a) = cfg.get(attr::CFG_WKP_STRICT) {
        c.wkp_strict = a.get_u8()? != 0;
    }
    if let Some(a) = cfg.get(attr::CFG_UDP_ZERO_CSUM) {
        c.udp_zero_csum = match a.get_u32()? {
            udp_zero_csum::COMPUTE => UdpZeroCsum::Compute,
            udp_zero_csum::DROP => UdpZeroCsum::Drop,
            _ => return Err(bad(ext, &a, "unknown udp-zero-csum")),
        };
    }
    if let Some(a) = cfg.get(attr::CFG_ICMP_SRC4_FALLBACK) {
        c.icmp_src4_fallback.pool = merge_prefix4(a, Some(c.icmp_src4_fallback.pool), "icmp-src4-fallback", ext)?;
    }
    if let Some(a) = cfg.get(attr::CFG_ICMP_SRC4_POOL_MODE) {
        c.icmp_src4_fallback.mode = match a.get_u32()? {
            pool_mode::RANDOM => PoolMode::Random,
            pool_mode::HOP_KEYED => PoolMode::HopKeyed,
            _ => return Err(bad(ext, &a, "unknown icmp-src4-pool-mode")),
        };
    }
    if let Some(a) = cfg.get(attr::CFG_ICMP_SRC6_FALLBACK) {
        let v = a.get_array::<16>()?;
        c.icmp_src6_fallback = if v == [0; 16] { None } else { Some(v) };
    }
    if let Some(a) = cfg.get(attr::CFG_ICMP_ERRORS) {
        c.icmp_errors = a.get_u8()? != 0;
    }
    if let Some(a) = cfg.get(attr::CFG_ZERO_TRAFFIC_CLASS) {
        c.zero_traffic_class = a.get_u8()? != 0;
    }
    apply_tos(cfg, c, ext)?;
    c.validate().map_err(|e| config_error(cfg, e, ext))
}

/// xlat-prefix6 (merged field by field with the current prefix) and
/// xlat-prefix6-unset.
fn apply_prefix6(cfg: &Nested<'_>, c: &mut Config<'static>, ext: &ExtAck<'_>) -> Result {
    let unset = cfg.get(attr::CFG_XLAT_PREFIX6_UNSET);
    match (cfg.get(attr::CFG_XLAT_PREFIX6), unset) {
        (Some(_), Some(u)) => Err(bad(ext, &u, "xlat-prefix6-unset conflicts with xlat-prefix6")),
        (Some(a), None) => {
            c.prefix6 = Some(merge_prefix6(a, c.prefix6, "xlat-prefix6", ext)?);
            Ok(())
        }
        (None, Some(_)) => {
            c.prefix6 = None;
            Ok(())
        }
        (None, None) => Ok(()),
    }
}

/// local-prefix6 + local-ipv4 (set together, or merged with the current
/// pair) and local-unset.
fn apply_local(cfg: &Nested<'_>, c: &mut Config<'static>, ext: &ExtAck<'_>) -> Result {
    let p6 = cfg.get(attr::CFG_LOCAL_PREFIX6);
    let p4 = cfg.get(attr::CFG_LOCAL_IPV4);
    if let Some(u) = cfg.get(attr::CFG_LOCAL_UNSET) {
        if p6.is_some() || p4.is_some() {
            return Err(bad(ext, &u, "local-unset conflicts with local-prefix6/local-ipv4"));
        }
        c.local = None;
        return Ok(());
    }
    if p6.is_none() && p4.is_none() {
        return Ok(());
    }
    let cur = c.local;
    let prefix6 = match (p6, cur) {
        (Some(a), cur) => merge_prefix6(a, cur.map(|l| l.prefix6), "local-prefix6", ext)?,
        (None, Some(l)) => l.prefix6,
        (None, None) => return Err(missing_pair(cfg, attr::CFG_LOCAL_PREFIX6, ext)),
    };
    let ipv4 = match (p4, cur) {
        (Some(a), cur) => merge_prefix4(a, cur.map(|l| l.ipv4), "local-ipv4", ext)?,
        (None, Some(l)) => l.ipv4,
        (None, None) => return Err(missing_pair(cfg, attr::CFG_LOCAL_IPV4, ext)),
    };
    c.local = Some(LocalLan { prefix6, ipv4 });
    Ok(())
}

/// override-tos and tos.
fn apply_tos(cfg: &Nested<'_>, c: &mut Config<'static>, ext: &ExtAck<'_>) -> Result {
    let tos = cfg.get(attr::CFG_TOS).map(|a| a.get_u8()).transpose()?;
    match cfg.get(attr::CFG_OVERRIDE_TOS) {
        Some(o) if o.get_u8()? != 0 => c.override_tos = Some(tos.or(c.override_tos).unwrap_or(0)),
        Some(_) => c.override_tos = None,
        None => {
            if let Some(t) = tos {
                if c.override_tos.is_none() {
                    let a = cfg.get(attr::CFG_TOS).ok_or(EINVAL)?;
                    return Err(bad(ext, &a, "tos needs override-tos"));
                }
                c.override_tos = Some(t);
            }
        }
    }
    Ok(())
}

/// A prefix update nest (`policy`) merged over `cur`, as an address and a
/// length (SPEC 7.1: prefix only, length only, or both; with no current
/// prefix both are needed). `check_len` vets a new length before it is
/// taken, reporting on its attribute.
fn merge_prefix<const N: usize>(
    a: Attr<'_>,
    policy: Policy,
    cur: Option<([u8; N], u8)>,
    name: &str,
    ext: &ExtAck<'_>,
    check_len: impl Fn(u8, &Attr<'_>) -> Result,
) -> Result<([u8; N], u8)> {
    let n = a.parse(policy, ext)?;
    let prefix = n.get(attr::POOL_PREFIX);
    let len = n.get(attr::POOL_PREFIX_LEN);
    if prefix.is_none() && len.is_none() {
        ext.message_fmt(format_args!("{name} update is empty"));
        return Err(EINVAL);
    }
    let (mut addr, mut plen) = match cur {
        Some(c) => c,
        None => (
            n.require(attr::POOL_PREFIX, ext)?.get_array()?,
            n.require(attr::POOL_PREFIX_LEN, ext)?.get_u8()?,
        ),
    };
    if let Some(l) = len {
        plen = l.get_u8()?;
        check_len(plen, &l)?;
    }
    if let Some(x) = prefix {
        addr = x.get_array()?;
    }
    Ok((addr, plen))
}

/// An RFC 6052 prefix nest merged into `cur`.
fn merge_prefix6(a: Attr<'_>, cur: Option<Prefix6>, name: &str, ext: &ExtAck<'_>) -> Result<Prefix6> {
    let rfc6052_len = |v: u8, l: &Attr<'_>| {
        if is_rfc6052_len(v) {
            return Ok(());
        }
        ext.message_fmt(format_args!("unsupported RFC 6052 prefix length: {v}"));
        ext.bad_attr(l);
        Err(EINVAL)
    };
    let (addr, len) = merge_prefix(a, Policy::pool(), cur.map(|p| (p.addr, p.len)), name, ext, rfc6052_len)?;
    let p = Prefix6 { addr, len };
    p.validate().map_err(|e| named(ext, &a, name, e))?;
    Ok(p)
}

/// An IPv4 prefix nest merged into `cur`.
fn merge_prefix4(a: Attr<'_>, cur: Option<Ipv4Prefix>, name: &str, ext: &ExtAck<'_>) -> Result<Ipv4Prefix> {
    let (addr, len) = merge_prefix(a, Policy::pool4(), cur.map(|p| (p.addr, p.len)), name, ext, |_, _| Ok(()))?;
    let p = Ipv4Prefix { addr, len };
    p.validate().map_err(|e| named(ext, &a, name, e))?;
    Ok(p)
}

/// One half of the local pair is missing and there is no current pair.
fn missing_pair(cfg: &Nested<'_>, id: u16, ext: &ExtAck<'_>) -> Error {
    ext.message("local-prefix6 and local-ipv4 must be set together");
    ext.missing(Some(&cfg.nest()), id);
    EINVAL
}

/// Reports `a` as bad with `msg`; `EINVAL`.
fn bad(ext: &ExtAck<'_>, a: &Attr<'_>, msg: &str) -> Error {
    ext.bad(a, msg);
    EINVAL
}

/// Reports a [`ConfigError`] on attribute `a` named `name`; `EINVAL`.
fn named(ext: &ExtAck<'_>, a: &Attr<'_>, name: &str, e: ConfigError) -> Error {
    let msg = e.message();
    if msg.contains(name) {
        ext.message(msg);
    } else {
        ext.message_fmt(format_args!("{name}: {msg}"));
    }
    ext.bad_attr(a);
    EINVAL
}

/// Reports a whole-configuration [`ConfigError`] on the attribute that
/// caused it (or the config nest).
fn config_error(cfg: &Nested<'_>, e: ConfigError, ext: &ExtAck<'_>) -> Error {
    let (ids, name): (&[u16], &str) = match e {
        ConfigError::Prefix6Len | ConfigError::Prefix6UOctet => {
            (&[attr::CFG_XLAT_PREFIX6, attr::CFG_LOCAL_PREFIX6], "prefix")
        }
        ConfigError::Ipv4PrefixLen | ConfigError::Ipv4HostBits => {
            (&[attr::CFG_LOCAL_IPV4, attr::CFG_ICMP_SRC4_FALLBACK], "prefix")
        }
        ConfigError::LowestMtuTooSmall => (&[attr::CFG_LOWEST_IPV6_MTU], "lowest-ipv6-mtu"),
        ConfigError::SimpleHairpinWithClat => {
            (&[attr::CFG_EAM_HAIRPIN_MODE, attr::CFG_PROFILE], "eam-hairpin-mode")
        }
        ConfigError::Src4FallbackClass => (&[attr::CFG_ICMP_SRC4_FALLBACK], "icmp-src4-fallback"),
        ConfigError::Src6FallbackClass => (&[attr::CFG_ICMP_SRC6_FALLBACK], "icmp-src6-fallback"),
    };
    let a = ids.iter().find_map(|&id| cfg.get(id)).unwrap_or(cfg.nest());
    named(ext, &a, name, e)
}

/// Enum `profile` value of a profile.
fn profile_id(p: Profile) -> u32 {
    match p {
        Profile::Generic => profile::GENERIC,
        Profile::Clat => profile::CLAT,
    }
}

/// Enum `hairpin-mode` value of a mode.
fn hairpin_id(h: HairpinMode) -> u32 {
    match h {
        HairpinMode::Off => hairpin::OFF,
        HairpinMode::Simple => hairpin::SIMPLE,
        HairpinMode::Intrinsic => hairpin::INTRINSIC,
    }
}

/// Enum `udp-zero-csum` value of a policy.
fn udp_id(u: UdpZeroCsum) -> u32 {
    match u {
        UdpZeroCsum::Compute => udp_zero_csum::COMPUTE,
        UdpZeroCsum::Drop => udp_zero_csum::DROP,
    }
}

/// Enum `pool-mode` value of a mode.
fn pool_mode_id(m: PoolMode) -> u32 {
    match m {
        PoolMode::Random => pool_mode::RANDOM,
        PoolMode::HopKeyed => pool_mode::HOP_KEYED,
    }
}
