// SPDX-License-Identifier: GPL-2.0

//! Address classes that are never translated (SPEC 6) and the non-global
//! IPv4 list of the WKP rule (SPEC 1.2, RFC 6890 registry).

use crate::engine::addr::ipv4_prefix::Ipv4Prefix;
use crate::engine::verdict::DropReason;

/// `(network, length)` pairs of IPv4 space that is not globally reachable
/// (SPEC 1.2). 192.0.0.9 and 192.0.0.10 are carved out in code.
const NON_GLOBAL_V4: [([u8; 4], u8); 14] = [
    ([0, 0, 0, 0], 8),
    ([10, 0, 0, 0], 8),
    ([100, 64, 0, 0], 10),
    ([127, 0, 0, 0], 8),
    ([169, 254, 0, 0], 16),
    ([172, 16, 0, 0], 12),
    ([192, 0, 0, 0], 24),
    ([192, 0, 2, 0], 24),
    ([192, 168, 0, 0], 16),
    ([198, 18, 0, 0], 15),
    ([198, 51, 100, 0], 24),
    ([203, 0, 113, 0], 24),
    ([240, 0, 0, 0], 4),
    ([255, 255, 255, 255], 32),
];

/// Whether `a` lies in `net/len`.
const fn in_v4(a: [u8; 4], net: [u8; 4], len: u8) -> bool {
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len as u32) };
    (u32::from_be_bytes(a) ^ u32::from_be_bytes(net)) & mask == 0
}

/// Whether `a` is not globally reachable (SPEC 1.2); 192.0.0.9 and
/// 192.0.0.10 are global anycast (RFC 7723, RFC 8155) and so are global.
///
/// Always inlined: the fast paths test it under `wkp_check`, and a call
/// there (even on a branch the common packet never takes) made the
/// compiler keep the header values in stack slots across the whole fast
/// path, as a call clobbers every scratch register.
#[inline(always)]
pub fn is_non_global_v4(a: [u8; 4]) -> bool {
    if a == [192, 0, 0, 9] || a == [192, 0, 0, 10] {
        return false;
    }
    NON_GLOBAL_V4.iter().any(|&(net, len)| in_v4(a, net, len))
}

/// The IPv4 classes never translated in either position (SPEC 6): 0/8,
/// 127/8, 224/4 (multicast and class E), 255.255.255.255, 169.254/16.
#[inline(always)]
pub fn is_untranslatable_v4(a: [u8; 4]) -> bool {
    // Same set as UNTRANSLATABLE_V4, branch-free (hot path).
    let w = u32::from_be_bytes(a);
    let top = w >> 24;
    (top == 0) | (top == 127) | (top >> 4 == 0xe) | (w >> 16 == 0xa9fe) | (w == u32::MAX)
}

/// First octets of the IPv4 addresses the fast paths leave to the full
/// path's class checks (SPEC 6, 1.6): 0, 127, 169 (169.254/16), 224..=255
/// (224/4, 255.255.255.255; the rest of 240/4 is translatable but rare).
/// One table load per address instead of five comparisons.
const SLOW_TOP_V4: [bool; 256] = {
    let mut t = [false; 256];
    t[0] = true;
    t[127] = true;
    t[169] = true;
    let mut i = 224;
    while i < 256 {
        t[i] = true;
        i += 1;
    }
    t
};

/// Whether an IPv4 address whose first byte is `first` is certainly not in
/// a class of [`is_untranslatable_v4`]; `false` means "ask
/// [`is_untranslatable_v4`]" (the fast paths then fall back).
#[inline(always)]
pub fn is_plain_v4_first(first: u8) -> bool {
    !SLOW_TOP_V4.get(usize::from(first)).copied().unwrap_or(true)
}

/// Whether an IPv6 address whose first two bytes are `first` (in memory
/// order, as loaded by `u16::from_le_bytes`) is certainly not in a class
/// that SPEC 6 never translates (::, ::1, ff00::/8, fe80::/10); `false`
/// means "ask the full path" (also for the rest of ::/16 and fec0::/10,
/// which are legal but rare). 64:ff9b::/96 passes.
#[inline(always)]
pub const fn is_plain_v6_first(first: u16) -> bool {
    first != 0 && (first as u8) < 0xfe
}

/// The never-translated IPv4 ranges of [`is_untranslatable_v4`].
const UNTRANSLATABLE_V4: [Ipv4Prefix; 5] = [
    Ipv4Prefix { addr: [0, 0, 0, 0], len: 8 },
    Ipv4Prefix { addr: [127, 0, 0, 0], len: 8 },
    Ipv4Prefix { addr: [224, 0, 0, 0], len: 4 },
    Ipv4Prefix { addr: [255, 255, 255, 255], len: 32 },
    Ipv4Prefix { addr: [169, 254, 0, 0], len: 16 },
];

/// Whether any address of `p` is never translated (config checks of
/// address pools).
pub fn overlaps_untranslatable_v4(p: &Ipv4Prefix) -> bool {
    UNTRANSLATABLE_V4.iter().any(|u| u.overlaps(p))
}

/// IPv4 source check (SPEC 6); the outer source of an ICMPv4 error is exempt
/// (RFC 7915 translates such sources for troubleshooting, SPEC 1.6).
#[inline]
pub fn v4_source_class(a: [u8; 4], outer_icmp_error: bool) -> Result<(), DropReason> {
    if !outer_icmp_error && is_untranslatable_v4(a) {
        return Err(DropReason::SrcAddressClass);
    }
    Ok(())
}

/// IPv4 destination check (SPEC 6).
#[inline]
pub fn v4_dest_class(a: [u8; 4]) -> Result<(), DropReason> {
    if is_untranslatable_v4(a) {
        return Err(DropReason::DstAddressClass);
    }
    Ok(())
}

/// Whether `a` is `::` (unspecified).
#[inline]
pub fn is_unspecified_v6(a: &[u8; 16]) -> bool {
    u128::from_be_bytes(*a) == 0
}

/// Whether `a` is `::1` (loopback).
#[inline]
pub fn is_loopback_v6(a: &[u8; 16]) -> bool {
    u128::from_be_bytes(*a) == 1
}

/// Whether `a` is in ff00::/8 (multicast).
#[inline]
pub fn is_multicast_v6(a: &[u8; 16]) -> bool {
    a[0] == 0xff
}

/// Whether `a` is in fe80::/10 (link-local unicast).
#[inline]
pub fn is_link_local_v6(a: &[u8; 16]) -> bool {
    a[0] == 0xfe && a[1] & 0xc0 == 0x80
}

/// IPv6 source check (SPEC 6): `::`, `::1`, ff00::/8 and fe80::/10.
///
/// The outer source of an ICMPv6 error from fe80::/10 is translated with
/// the fallback address (SPEC 5.9): the translator checks such packets with
/// [`v6_error_source_class`] instead, and `map::v6_to_v4` sends them to the
/// fallback.
#[inline]
pub fn v6_source_class(a: &[u8; 16]) -> Result<(), DropReason> {
    if is_link_local_v6(a) {
        return Err(DropReason::SrcAddressClass);
    }
    v6_error_source_class(a)
}

/// IPv6 source check for the outer source of an ICMPv6 error (SPEC 6):
/// like [`v6_source_class`] but fe80::/10 is allowed.
#[inline]
pub fn v6_error_source_class(a: &[u8; 16]) -> Result<(), DropReason> {
    if is_unspecified_v6(a) || is_loopback_v6(a) || is_multicast_v6(a) {
        return Err(DropReason::SrcAddressClass);
    }
    Ok(())
}

/// IPv6 destination check (SPEC 6): `::`, `::1`, ff00::/8, fe80::/10.
#[inline]
pub fn v6_dest_class(a: &[u8; 16]) -> Result<(), DropReason> {
    if is_unspecified_v6(a) || is_loopback_v6(a) || is_multicast_v6(a) || is_link_local_v6(a) {
        return Err(DropReason::DstAddressClass);
    }
    Ok(())
}
