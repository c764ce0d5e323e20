// SPDX-License-Identifier: GPL-2.0

//! MTU arithmetic for Packet Too Big ⇄ Fragmentation Needed (SPEC 3.5) and
//! for the translator's own too-big errors (SPEC 3.2, 3.3, 5.10).
//!
//! All arithmetic is 32-bit and saturating; results are clamped before
//! narrowing (SPEC 8.2 #6).

/// RFC 1191 section 7 plateau table, descending (SPEC 3.5).
pub const PLATEAUS: [u32; 11] = [
    65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68,
];

/// Minimum IPv4 MTU (RFC 791).
pub const IPV4_MIN_MTU: u32 = 68;

/// Minimum IPv6 MTU (RFC 8200).
pub const IPV6_MIN_MTU: u32 = 1280;

/// Largest value of the 16-bit ICMPv4 next-hop MTU field.
const IPV4_MAX_MTU: u32 = 65535;

/// Growth of a translated packet: IPv6 header (40) − IPv4 header (20).
const HEADER_DELTA: u32 = 20;

/// Greatest RFC 1191 plateau strictly below `len`; none ⇒ 68 (SPEC 3.5).
pub fn plateau_below(len: u32) -> u32 {
    PLATEAUS
        .iter()
        .copied()
        .find(|&p| p < len)
        .unwrap_or(IPV4_MIN_MTU)
}

/// Clamp a 32-bit MTU to the ICMPv4 MTU field range [68, 65535].
fn clamp_v4(mtu: u32) -> u16 {
    let clamped = mtu.clamp(IPV4_MIN_MTU, IPV4_MAX_MTU);
    u16::try_from(clamped).unwrap_or(u16::MAX)
}

/// 46: MTU for the ICMPv6 Packet Too Big (bytes 4-7) translated from an
/// ICMPv4 Fragmentation Needed (SPEC 3.5).
///
/// * `mtu_field`: ICMPv4 bytes 6-7. Below 68 (0 = pre-RFC 1191 router)
///   it is replaced by [`plateau_below`] the quoted packet's total length.
/// * `inner_total_len`: Total Length of the quoted IPv4 header.
/// * `mtu6_toward_receiver`: MTU toward the IPv6 receiver of the PTB.
/// * `mtu4_toward_inner_dst`: MTU toward the inner (IPv4) destination.
///
/// Result: `max(1280, min(m + 20, mtu6_toward_receiver,
/// mtu4_toward_inner_dst + 20))`.
pub fn frag_needed_to_ptb(
    mtu_field: u16,
    inner_total_len: u16,
    mtu6_toward_receiver: u32,
    mtu4_toward_inner_dst: u32,
) -> u32 {
    let mut m = u32::from(mtu_field);
    if m < IPV4_MIN_MTU {
        m = plateau_below(u32::from(inner_total_len));
    }
    m.saturating_add(HEADER_DELTA)
        .min(mtu6_toward_receiver)
        .min(mtu4_toward_inner_dst.saturating_add(HEADER_DELTA))
        .max(IPV6_MIN_MTU)
}

/// 64: MTU for the ICMPv4 Fragmentation Needed (bytes 6-7; bytes 4-5 zero)
/// translated from an ICMPv6 Packet Too Big (SPEC 3.5).
///
/// * `ptb_mtu`: ICMPv6 bytes 4-7, raised to 1280 if lower.
/// * `mtu4_toward_receiver`: MTU toward the IPv4 receiver of the error.
/// * `mtu6_toward_inner_dst`: MTU toward the inner (IPv6) destination.
///
/// Result: `min(p − 20, mtu4_toward_receiver, mtu6_toward_inner_dst − 20)`
/// clamped to [68, 65535].
pub fn ptb_to_frag_needed(
    ptb_mtu: u32,
    mtu4_toward_receiver: u32,
    mtu6_toward_inner_dst: u32,
) -> u16 {
    let p = ptb_mtu.max(IPV6_MIN_MTU);
    let mtu = p
        .saturating_sub(HEADER_DELTA)
        .min(mtu4_toward_receiver)
        .min(mtu6_toward_inner_dst.saturating_sub(HEADER_DELTA));
    clamp_v4(mtu)
}

/// 46: MTU of the ICMPv4 3/4 the translator sends for a DF=1 packet too
/// big for `mtu6_nh` (SPEC 3.2, 5.10): `MTU6_nh − 20`, clamped to
/// [68, 65535] for the 16-bit field.
pub fn frag_needed_mtu_v4_to_v6(mtu6_nh: u32) -> u16 {
    clamp_v4(mtu6_nh.saturating_sub(HEADER_DELTA))
}

/// 64: MTU of the ICMPv6 2/0 the translator sends for a DF=1 (or first
/// fragment) packet too big for `mtu4_nh` (SPEC 3.3, 5.10):
/// `max(1280, MTU4_nh + 20)`.
pub fn ptb_mtu_v6_to_v4(mtu4_nh: u32) -> u32 {
    mtu4_nh.saturating_add(HEADER_DELTA).max(IPV6_MIN_MTU)
}
