// SPDX-License-Identifier: GPL-2.0

//! 64 fast path for the overwhelmingly common packet: IPv6 without
//! extension headers carrying TCP or UDP (non-zero UDP checksum unless
//! `CHECKSUM_PARTIAL`), generic profile, no GSO, every
//! check of SPEC 6 passing, no intrinsic hairpin.
//!
//! It takes one fixed-size window of the buffer (the IPv6 header and the
//! L4 minimum header), so every later access is at a constant offset
//! without bounds checks; works on header words loaded in memory order
//! (`translate::fast`), extracts RFC 6052 addresses by a rotation and masks
//! of the prefix length; checks with few branches and writes the
//! IPv4 header and the checksum patch. Anything else — including every
//! packet that would be dropped, rejected (except Packet Too Big, decided
//! here exactly as the full path does) or asked to be linearised, and rare
//! address classes — gives [`Fast::Fallback`] without touching the buffer,
//! and the full path decides. For a packet it accepts it produces exactly
//! what the full path produces: bytes, verdict and host calls.
//!
//! With an empty EAM table (the common SIIT/NAT64 setup) the path is
//! compiled separately without any EAM code.

use crate::engine::addr::classes;
use crate::engine::checksum::{add64, finish64, fold64_to16};
use crate::engine::config::Compiled;
use crate::engine::icmp::mtu::ptb_mtu_v6_to_v4;
use crate::engine::packet::{ChecksumState, Family, Host, Meta, PacketBuf, Whole};
use crate::engine::translate::fast::{at, be16, in_wkp, le16, le64, put, wkp_drop, FastMode, FastView};
use crate::engine::translate::Fast;
use crate::engine::wire::l4;

use super::DF_THRESHOLD;

/// EAM / RFC 6052 mapping of one outer address (memory-order halves) of a
/// non-error packet (generic profile, SPEC 1.6) with the post-mapping
/// checks, `None` where the full path would not map it. The IPv4 address
/// in memory order; the flag tells an RFC 6052 result.
#[inline(always)]
fn map_eam(cfg: &Compiled<'_>, v6: (u64, u64)) -> Option<(u32, bool)> {
    let mut a = [0u8; 16];
    put(&mut a, 0, v6.0.to_le_bytes());
    put(&mut a, 8, v6.1.to_le_bytes());
    let (v4, rfc6052) = match cfg.eamt.v6_to_v4(&a) {
        Some(v4) => (u32::from_le_bytes(v4), false),
        None => (cfg.fast().rfc6052?.extract(v6.0, v6.1)?, true),
    };
    if rfc6052 && wkp_drop(cfg, v6, v4) {
        return None;
    }
    if !classes::is_plain_v4_first(v4 as u8) && classes::is_untranslatable_v4(v4.to_le_bytes()) {
        return None;
    }
    Some((v4, rfc6052))
}

/// [`map_eam`] of the destination, then of the source (SPEC 1.6 order),
/// and the intrinsic hairpin test (SPEC 1.4 A: an RFC 6052 destination
/// whose IPv4 address an EAM entry holds is the full path's): the IPv4
/// (source, destination). Out of line: only used with a non-empty EAM
/// table; one call and one register save for both lookups.
#[inline(never)]
fn map_eam_pair(cfg: &Compiled<'_>, dst6: (u64, u64), src6: (u64, u64)) -> Option<(u32, u32)> {
    let (dst4, dst_rfc6052) = map_eam(cfg, dst6)?;
    let (src4, _) = map_eam(cfg, src6)?;
    if dst_rfc6052 && cfg.fast().hairpin_intrinsic && cfg.eamt.contains_v4(dst4.to_le_bytes()) {
        return None;
    }
    Some((src4, dst4))
}

/// [`translate`] for a caller that has already tested the mode and the
/// IP version (`translate::translate`: version 6 is what chose this
/// path, so it is not tested again here): `EAM` = the mode is `Eam`,
/// else `Rfc6052`.
#[inline(always)]
pub fn translate_mode<const EAM: bool>(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Fast {
    run::<EAM>(cfg, pkt, meta, host).unwrap_or(Fast::Fallback)
}

/// Runs the fast path on `pkt` (see the module docs).
#[inline(always)]
pub fn translate(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Fast {
    // `translate_mode` expects version 6 (RFC 8200 section 3).
    if pkt.buf.get(pkt.start).map(|b| b >> 4) != Some(6) {
        return Fast::Fallback;
    }
    match cfg.fast().mode64 {
        FastMode::Rfc6052 => translate_mode::<false>(cfg, pkt, meta, host),
        FastMode::Eam => translate_mode::<true>(cfg, pkt, meta, host),
        FastMode::Off => Fast::Fallback,
    }
}

/// The values the write phase needs from the header checks, folded as
/// far as they can be: few values stay alive until the write phase (fewer
/// spills once inlined into the caller's loop).
#[derive(Clone, Copy)]
struct Out {
    /// One's-complement sum the checksum patch (SPEC 4) starts from:
    /// − IPv6 addresses, + the field's value (the seed with
    /// `CHECKSUM_PARTIAL`, else the inverted checksum), + `zero_fix`.
    l4: u64,
    /// 1 for a complete UDP checksum, else 0 (`checksum::finish64`).
    zero_fix: u16,
    /// IPv4 header words 0 (version, IHL, TOS, Total Length) and 2 (TTL,
    /// protocol, zero checksum), memory order (SPEC 2.3).
    w0: u32,
    /// See `w0`.
    w2: u32,
    /// Transport protocol.
    proto: u8,
    /// `CHECKSUM_PARTIAL` seed instead of a checksum.
    partial: bool,
    /// Total Length of the IPv4 packet.
    len4: usize,
}

/// The rest of the fast path once every check has passed and the
/// addresses are mapped (`addrs`: source | destination << 32, memory
/// order): the size / DF decision (SPEC 2.3, 3.3) with its host call,
/// the ID (host call), then the write phase. The IPv4 header goes to
/// `hdr[20..40]`, where the IPv6 header ended.
#[inline(always)]
fn finish(hdr: &mut [u8; 40], slot: &mut [u8; 2], o: Out, addrs: u64, host: &mut impl Host) -> Option<Fast> {
    let (src4, dst4) = (addrs as u32, (addrs >> 32) as u32);
    let len4 = o.len4;
    // MTU4_nh only matters with DF=1.
    let df = len4 > DF_THRESHOLD;
    if df {
        if len4 > 0xffff {
            return None;
        }
        let mtu4 = host.mtu4_toward(dst4.to_le_bytes());
        if len4 > mtu4 as usize {
            return Some(Fast::TooBig(ptb_mtu_v6_to_v4(mtu4)));
        }
    }
    let [s0, s1, s2, s3] = src4.to_le_bytes();
    let [d0, d1, d2, d3] = dst4.to_le_bytes();
    // The fast path never takes GSO packets: one segment.
    let ident = host.ipv4_id([s0, s1, s2, s3], [d0, d1, d2, d3], o.proto, 1);
    // The IPv4 header as the 64-bit words it is stored with: bytes 0-7,
    // 8-11 (checksum still 0) and the addresses, 12-19. Their 64-bit
    // one's-complement sums (`add64`) are those of their 16-bit words:
    // the stored words serve both checksums.
    let w1 = u32::from(u16::from_le_bytes(ident.to_be_bytes())) | if df { u32::from_le_bytes([0, 0, 0x40, 0]) } else { 0 };
    let w01 = u64::from(o.w0) | u64::from(w1) << 32;
    // Checksum patch (SPEC 4): + IPv4 addresses, in 64-bit one's
    // complement on memory-order words (the sum includes the IPv4
    // addresses, never both 0 here, so it folds exactly like
    // `checksum::update` / `update_partial` whatever the order of the
    // additions).
    let s = add64(o.l4, addrs);
    let c = if o.partial { fold64_to16(s) } else { finish64(s, o.zero_fix) };
    *slot = c.to_le_bytes();
    // The header checksum (never 0 before folding: version and IHL).
    // `w01 + w2` cannot carry out of 64 bits: byte 7 of `w01` (the
    // low byte of the fragment offset) is 0 and `w2` < 2^16.
    let w2 = o.w2 | u32::from(!fold64_to16(add64(w01 + u64::from(o.w2), addrs))) << 16;
    put(hdr, 20, w01.to_le_bytes());
    put(hdr, 28, w2.to_le_bytes());
    put(hdr, 32, addrs.to_le_bytes());
    Some(Fast::Translated(Whole { start: 0, len: len4 as u32, family: Family::V4, l4_proto: o.proto }))
}

/// The RFC 6052 mapping of both addresses (empty EAM table) with the
/// post-mapping checks (SPEC 1.6): the IPv4 addresses as bytes 12-19 of
/// the IPv4 header (source | destination << 32, memory order). The layout
/// of the prefix comes from the compiled configuration: one variable
/// rotation for both addresses ([`FastView::extract64_pair`]) measured
/// fewer instructions than dispatching to code per prefix length.
#[inline(always)]
fn map_rfc6052(v: &FastView, src6: (u64, u64), dst6: (u64, u64)) -> Option<u64> {
    // The WKP rule (SPEC 1.2) only where the addresses can be in
    // 64:ff9b::/96 (folded with `wkp-strict` into `wkp_check`). Tested
    // first, on the IPv6 addresses: the extraction is then the last use
    // of their halves (fewer values alive, no spills).
    if v.wkp_check && (wkp_hit(v, dst6) || wkp_hit(v, src6)) {
        return None;
    }
    // The embedded IPv4 addresses, if inside the prefix with a zero
    // u-octet (SPEC 1.1 #2). Inside the prefix, the IPv6 class tests of
    // `run` hold (`mode64`).
    let addrs = v.extract64_pair(src6, dst6)?;
    if !(classes::is_plain_v4_first(addrs as u8) & classes::is_plain_v4_first((addrs >> 32) as u8)) {
        return None;
    }
    Some(addrs)
}

/// The WKP rule (SPEC 1.2) for an address `v6` under `wkp-strict`, before
/// its extraction: true where the fast path must not translate. With the
/// WKP as `prefix6`, exactly where the full path drops (the IPv4 address
/// is the last four bytes, RFC 6052 section 2.2); with another prefix
/// that covers 64:ff9b::/96 (rare), any address of 64:ff9b::/96 is left
/// to the full path, which decides.
#[inline(always)]
fn wkp_hit(v: &FastView, (hi, lo): (u64, u64)) -> bool {
    in_wkp(hi, lo) && (!v.wkp_is_prefix || classes::is_non_global_v4(((lo >> 32) as u32).to_le_bytes()))
}

/// [`translate`] with `None` for [`Fast::Fallback`]; `EAM` = the table
/// has entries. The packet's version is 6 (see [`translate_mode`]).
#[inline(always)]
fn run<const EAM: bool>(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Option<Fast> {
    let v: &FastView = cfg.fast();
    if meta.gso.is_some() {
        return None;
    }
    let partial = meta.csum == ChecksumState::Partial;
    let dec = u8::from(!meta.hop_already_decremented);
    let start = pkt.start;
    // The IPv6 header, then the L4 header (TCP's other 12 bytes in `rest`).
    // One length test for the whole window (the two checks below are
    // then known to pass and vanish).
    if pkt.buf.len().checked_sub(start)? < 40 + 8 {
        return None;
    }
    let (win, rest) = pkt.buf.get_mut(start..)?.split_first_chunk_mut::<{ 40 + 8 }>()?;
    let (hdr, l4w) = win.split_first_chunk_mut::<40>()?;
    let l4w: &mut [u8; 8] = l4w.try_into().ok()?;
    // The addresses first: their mapping needs the most registers, so it
    // runs while nothing else is alive, and leaves two values (the IPv4
    // addresses as one word and the IPv6 address sum) instead of the
    // four IPv6 halves (fewer spills once inlined into the caller's
    // loop). The order of the checks does not matter: any failure is a
    // fallback, with nothing written and no host call.
    let src6 = (le64(hdr, 8), le64(hdr, 16));
    let dst6 = (le64(hdr, 24), le64(hdr, 32));
    let removed = add64(add64(add64(src6.0, src6.1), dst6.0), dst6.1);
    let addrs = if EAM {
        // Rare IPv6 classes (SPEC 6) are the full path's. With RFC 6052
        // only, both addresses lie in the prefix, which `mode64`
        // guarantees is of none of them: no test there.
        if !(classes::is_plain_v6_first(le16(hdr, 8)) & classes::is_plain_v6_first(le16(hdr, 24))) {
            return None;
        }
        // Destination first (SPEC 1.6); intrinsic hairpins (SPEC 1.4 A)
        // are the full path's.
        let (src4, dst4) = map_eam_pair(cfg, dst6, src6)?;
        u64::from(src4) | u64::from(dst4) << 32
    } else {
        // `mode64` Rfc6052 implies a prefix, so `layout` is a real one.
        map_rfc6052(v, src6, dst6)?
    };
    // Version, Traffic Class and Flow Label (RFC 8200 section 3).
    let v_tc = u32::from_be_bytes(at(hdr, 0));
    let data_len = usize::from(be16(hdr, 4));
    let [proto, hl] = at(hdr, 6);
    // Hop limit (SPEC 2.6): 1 or 0 expires, unless already decremented
    // (then 0 falls back too, harmlessly). The version is the caller's
    // (`translate_mode`).
    if data_len + 40 != pkt.len || hl <= dec {
        return None;
    }
    let h = Hdr { v_tc, data_len, removed, partial, dec };
    // One copy of the rest per protocol: the protocol, the checksum
    // offset and the UDP zero rule are then constants, not values kept
    // alive until the write phase.
    let r = if proto == l4::PROTO_UDP {
        let ulen = usize::from(be16(l4w, l4::UDP_LENGTH));
        let slot = l4w.last_chunk_mut::<2>()?;
        // A zero UDP checksum (left as is, SPEC 4; rare in IPv6, RFC 6935)
        // is the full path's: the write phase then always patches.
        if ulen < l4::UDP_HEADER_LEN || ulen > data_len || (*slot == [0, 0] && !partial) {
            return None;
        }
        plan::<{ l4::PROTO_UDP }>(v, hdr, slot, h, addrs, host)
    } else {
        // The window before the protocol: the UDP test is then the only
        // one on the UDP path (two equality tests become a switch that
        // tests TCP first).
        let t = rest.first_chunk_mut::<{ l4::TCP_MIN_HEADER_LEN - 8 }>()?;
        if proto != l4::PROTO_TCP {
            return None;
        }
        let doff = usize::from(at::<1, 12>(t, l4::TCP_DATA_OFFSET - 8)[0] >> 4) * 4;
        if doff < l4::TCP_MIN_HEADER_LEN || doff > data_len {
            return None;
        }
        let (_, c) = t.split_at_mut(l4::TCP_CHECKSUM - 8);
        plan::<{ l4::PROTO_TCP }>(v, hdr, c.first_chunk_mut::<2>()?, h, addrs, host)
    };
    match r? {
        Fast::Translated(w) => Some(Fast::Translated(Whole { start: start + 20, ..w })),
        f => Some(f),
    }
}

/// What [`run`] read from the IPv6 header for [`plan`].
#[derive(Clone, Copy)]
struct Hdr {
    /// Version, Traffic Class and Flow Label (first 32 bits,
    /// big-endian).
    v_tc: u32,
    /// Payload Length.
    data_len: usize,
    /// One's-complement sum of the IPv6 addresses (memory order).
    removed: u64,
    /// `CHECKSUM_PARTIAL` seed instead of a checksum.
    partial: bool,
    /// 1 if the hop limit is to be decremented here, else 0.
    dec: u8,
}

/// The header values of the IPv4 packet and the checksum patch's start
/// for a packet of protocol `PROTO` whose checks all passed, then
/// [`finish`]. `slot` is the L4 checksum field.
#[inline(always)]
fn plan<const PROTO: u8>(v: &FastView, hdr: &mut [u8; 40], slot: &mut [u8; 2], h: Hdr, addrs: u64, host: &mut impl Host) -> Option<Fast> {
    let old = u16::from_le_bytes(*slot);
    let zero_fix = u16::from(!h.partial && PROTO == l4::PROTO_UDP);
    let len4 = h.data_len + 20;
    let o = Out {
        l4: add64(!h.removed, u64::from(if h.partial { old } else { !old }) + u64::from(zero_fix)),
        zero_fix,
        // TOS: the Traffic Class or `override-tos` (SPEC 2.3). The Total
        // Length big-endian in bytes 2-3 is the byte-swapped 32-bit
        // length (a larger one, whose bits 16+ would land in the TOS, is
        // refused by `finish` before anything is written).
        w0: h.v_tc >> 12 & v.w0_keep | v.w0_set | (len4 as u32).swap_bytes(),
        // [TTL, protocol] in memory order: TTL = hop limit − `dec` (above
        // `dec`, checked by `run`), and the protocol is `PROTO` (the Next
        // Header `run` tested): the IPv6 header's big-endian [Next
        // Header, Hop Limit] less `dec`.
        w2: u32::from(be16(hdr, 6).wrapping_sub(u16::from(h.dec))),
        proto: PROTO,
        partial: h.partial,
        len4,
    };
    finish(hdr, slot, o, addrs, host)
}
