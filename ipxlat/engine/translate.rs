// SPDX-License-Identifier: GPL-2.0

//! Entry point: dispatch by IP version, then run the direction's pipeline
//! in the processing order of SPEC 6 (structure → address classes →
//! TTL/hop limit → source route/Segments Left/ext after FH → ICMP filter →
//! ICMP error checksum → address mapping → zero UDP checksum → size/DF →
//! build). Every decision is taken before the first write.

use super::config::{Compiled, Config};
use super::packet::{Host, Meta, Outcome, PacketBuf, Verdict, Whole};
use super::verdict::{DropReason, IcmpError};
use fast::FastMode;

/// Translates the packet at `pkt.start` (SPEC 2-6): the engine's entry
/// point for every packet.
///
/// The common packet is translated by a fast path and reported as a
/// [`Whole`] in registers ([`Outcome::whole`]); anything else runs the
/// full path out of line, which writes its verdict to `detail` and gives
/// [`Outcome::DETAILED`]. The buffer is only modified for a translated
/// packet (a [`Whole`] or a [`Verdict::Translated`]).
///
/// Always inlined: the caller's loop (the kernel's `xmit`) then keeps the
/// fast path's values in its registers, with no call, prologue or spills
/// around it.
#[inline(always)]
pub fn translate(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host, detail: &mut Verdict) -> Outcome {
    // The version from the first 28 bytes (the IPv4 and UDP headers), the
    // least any fast path takes: the 46 path's window test then follows
    // from this one. Fewer bytes are the full path's (version 0 here).
    let version = pkt.buf.get(pkt.start..).and_then(|b| b.first_chunk::<28>()).map_or(0, |b| b[0] >> 4);
    let v = cfg.fast();
    // Each exit gives the outcome itself, so that only two integers merge
    // in the caller's loop. The common configuration (RFC 6052 only)
    // first: one compare of the version per direction, the mode folded
    // into `rfc6052_v4` / `rfc6052_v6`.
    if version == v.rfc6052_v4 {
        let f = super::v4_to_v6::fast::translate_mode::<false>(cfg, pkt, meta, host);
        after_fast(f, super::v4_to_v6::too_big, cfg, pkt, meta, host, detail)
    } else if version == v.rfc6052_v6 {
        let f = super::v6_to_v4::fast::translate_mode::<false>(cfg, pkt, meta, host);
        after_fast(f, super::v6_to_v4::too_big, cfg, pkt, meta, host, detail)
    } else if version == 4 && v.mode == FastMode::Eam {
        let f = super::v4_to_v6::fast::translate_mode::<true>(cfg, pkt, meta, host);
        after_fast(f, super::v4_to_v6::too_big, cfg, pkt, meta, host, detail)
    } else if version == 6 && v.mode64 == FastMode::Eam {
        let f = super::v6_to_v4::fast::translate_mode::<true>(cfg, pkt, meta, host);
        after_fast(f, super::v6_to_v4::too_big, cfg, pkt, meta, host, detail)
    } else {
        slow(cfg, pkt.reborrow(), meta, host, detail)
    }
}

/// The outcome of a fast path's result `f`: its translation, its Packet
/// Too Big (the direction's `too_big_of`) or the full path.
#[inline(always)]
fn after_fast(
    f: Fast,
    too_big_of: fn(&Config<'_>, u32) -> Verdict,
    cfg: &Compiled<'_>,
    pkt: &mut PacketBuf<'_>,
    meta: &Meta,
    host: &mut impl Host,
    detail: &mut Verdict,
) -> Outcome {
    match f {
        Fast::Translated(w) => Outcome::from_whole(w),
        Fast::TooBig(mtu) => too_big(detail, too_big_of(cfg, mtu)),
        Fast::Fallback => slow(cfg, pkt.reborrow(), meta, host, detail),
    }
}

/// The fast path's Packet Too Big (decided exactly as the full path
/// would): `v` to the caller's verdict.
#[cold]
#[inline(never)]
fn too_big(detail: &mut Verdict, v: Verdict) -> Outcome {
    *detail = v;
    Outcome::DETAILED
}

/// [`translate`] with one [`Verdict`] for every outcome (tests, tools).
pub fn translate_verdict(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Verdict {
    let mut detail = Verdict::Drop(DropReason::NoConfig);
    translate(cfg, pkt, meta, host, &mut detail).verdict(detail, meta)
}

/// The full path of the packet's version, its verdict to the caller's
/// `detail`. Out of line and cold, so that the fast paths keep the
/// registers to themselves. `pkt` is a copy of the caller's (same
/// buffer): the caller's [`PacketBuf`] then never needs an address, and
/// its fields stay in registers on the fast paths.
#[cold]
#[inline(never)]
fn slow(cfg: &Compiled<'_>, mut pkt: PacketBuf<'_>, meta: &Meta, host: &mut impl Host, detail: &mut Verdict) -> Outcome {
    let pkt = &mut pkt;
    let first = pkt.buf.get(pkt.start).copied();
    *detail = match first.map(|b| b >> 4) {
        Some(4) => super::v4_to_v6::translate_full(cfg, pkt, meta, host),
        Some(6) => super::v6_to_v4::translate_full(cfg, pkt, meta, host),
        Some(_) => Verdict::Drop(DropReason::MalformedIpv4),
        None if pkt.len > 0 => Verdict::NeedLinear { len: 1, headroom: 0 },
        None => Verdict::Drop(DropReason::MalformedIpv4),
    };
    Outcome::DETAILED
}

/// Whether the translator may answer a packet with an ICMP error
/// (SPEC 5.8): not about an ICMP error, a non-first fragment, or a packet
/// with a multicast/broadcast/unspecified source (those are already
/// dropped by the address class checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MayReject {
    /// The packet is an ICMP/ICMPv6 error (or its type is unknown).
    pub icmp_error: bool,
    /// The packet is a non-first fragment.
    pub non_first_fragment: bool,
}

impl MayReject {
    /// A translator-generated error (SPEC 5.10), or a drop when `icmp-errors`
    /// is off or SPEC 5.8 forbids an error about this packet.
    pub fn reject(&self, cfg: &Config<'_>, err: IcmpError, reason: DropReason) -> Verdict {
        if cfg.icmp_errors && !self.icmp_error && !self.non_first_fragment {
            Verdict::Reject(err, reason)
        } else {
            Verdict::Drop(reason)
        }
    }
}

/// ICMPv4 error of the translator (SPEC 5.10).
pub const fn icmp4(icmp_type: u8, code: u8, info: u32) -> IcmpError {
    IcmpError::V4 { icmp_type, code, info }
}

/// ICMPv6 error of the translator (SPEC 5.10).
pub const fn icmp6(icmp_type: u8, code: u8, info: u32) -> IcmpError {
    IcmpError::V6 { icmp_type, code, info }
}

/// Unfolded sum of an IPv4 address pair (pseudo-header address words).
pub fn addr_sum_v4(src: &[u8; 4], dst: &[u8; 4]) -> u32 {
    super::checksum::sum(dst, super::checksum::sum(src, 0))
}

/// Unfolded sum of an IPv6 address pair (pseudo-header address words).
pub fn addr_sum_v6(src: &[u8; 16], dst: &[u8; 16]) -> u32 {
    super::checksum::sum(dst, super::checksum::sum(src, 0))
}

/// The linear bytes of the packet from its network header.
pub fn linear<'b>(pkt: &'b PacketBuf<'_>) -> &'b [u8] {
    pkt.buf.get(pkt.start..).unwrap_or(&[])
}

/// The L4 bytes the write phase patches (values computed while reading).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct L4Fix {
    /// New checksum (or `CHECKSUM_PARTIAL` seed) and its offset from `start`.
    pub csum: Option<(usize, u16)>,
    /// New ICMP type byte and its offset from `start`.
    pub icmp_type: Option<(usize, u8)>,
}

impl L4Fix {
    /// Applies the patch to the packet bytes (offsets from `start`).
    pub fn apply(&self, lin: &mut [u8]) {
        if let Some((off, v)) = self.csum {
            super::wire::put16(lin, off, v);
        }
        if let Some((off, t)) = self.icmp_type {
            if let Some(b) = lin.get_mut(off) {
                *b = t;
            }
        }
    }
}

/// Result of a read-phase step: go on, or stop with this verdict.
pub type Step<T> = Result<T, Verdict>;

/// TCP/UDP checksum patch for an address change (SPEC 4): incremental
/// `removed` → `added` on a complete checksum, or on the
/// `CHECKSUM_PARTIAL` seed. `l4` holds at least the L4 minimum header.
/// A zero UDP checksum is left alone (`None`): the caller decides.
pub fn tcp_udp_fix(proto: u8, l4: &[u8], l4_off: usize, partial: bool, removed: u32, added: u32) -> Option<(usize, u16)> {
    use super::checksum::{update, update_partial};
    use super::wire::l4::{checksum_offset, PROTO_UDP};
    let off = checksum_offset(proto)?;
    let old = super::wire::be16(l4, off);
    if partial {
        return Some((l4_off + off, update_partial(old, removed, added)));
    }
    if proto == PROTO_UDP && old == 0 {
        return None;
    }
    let mut new = update(old, removed, added);
    if proto == PROTO_UDP && new == 0 {
        new = 0xffff;
    }
    Some((l4_off + off, new))
}

/// ICMP echo patch (SPEC 4, 5.1): new type, checksum adjusted by the type
/// word change plus `removed`/`added` pseudo-header sums (46 adds the
/// ICMPv6 pseudo-header, 64 removes it). With `CHECKSUM_PARTIAL` only the
/// seed (pseudo-header part) changes.
pub fn echo_fix(l4: &[u8], l4_off: usize, new_type: u8, partial: bool, removed: u32, added: u32) -> L4Fix {
    use super::checksum::{add, update, update_partial};
    use super::wire::icmp::{CHECKSUM, CODE, TYPE};
    let old = super::wire::be16(l4, CHECKSUM);
    let old_type = l4.get(TYPE).copied().unwrap_or(0);
    let code = u32::from(l4.get(CODE).copied().unwrap_or(0));
    let csum = if partial {
        update_partial(old, removed, added)
    } else {
        let old_word = (u32::from(old_type) << 8) | code;
        let new_word = (u32::from(new_type) << 8) | code;
        update(old, add(removed, old_word), add(added, new_word))
    };
    L4Fix {
        csum: Some((l4_off + CHECKSUM, csum)),
        icmp_type: Some((l4_off + TYPE, new_type)),
    }
}

pub mod fast;
pub mod relayout;

/// Outcome of a direction's fast path (`v4_to_v6::fast`, `v6_to_v4::fast`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fast {
    /// Translated: the output's network header (40 bytes for 46, 20 for
    /// 64) is at `start`, followed by the untouched L4 header.
    Translated(Whole),
    /// DF=1 and too big: the direction's reject (3/4 for 46, 2/0 for 64,
    /// SPEC 3.2/3.3) with this MTU.
    TooBig(u32),
    /// Not a fast-path packet: nothing written, run the full path.
    Fallback,
}
