// SPDX-License-Identifier: GPL-2.0

//! 46 fast path for the overwhelmingly common packet: IPv4 IHL 5,
//! unfragmented TCP or UDP (non-zero UDP checksum), generic profile, no
//! GSO, every check of SPEC 6 passing, translated whole without a
//! Fragment header.
//!
//! It takes one fixed-size window of the buffer (20 bytes of headroom, the
//! IPv4 header, the L4 minimum header), so every later access is at a
//! constant offset without bounds checks; works on header words loaded in
//! memory order (`translate::fast`), embeds RFC 6052 addresses by a
//! rotation and masks specialised per prefix length; checks with few
//! branches and writes the IPv6 header and the checksum patch. Anything
//! else — including every packet that would be dropped, rejected (except
//! Fragmentation Needed, decided here exactly as the full path does), split
//! or asked to be linearised, and rare address classes — gives
//! [`Fast::Fallback`] without touching the buffer, and the full path
//! decides. For a packet it accepts it produces exactly what the full path
//! produces: bytes, verdict and host calls.
//!
//! With an empty EAM table (the common SIIT/NAT64 setup) the path is
//! compiled separately without any EAM code, so it makes no call at all
//! for packets up to 1280 bytes.

use crate::engine::addr::classes;
use crate::engine::addr::prefix6::le_halves;
use crate::engine::checksum::{add64, fold64_to16};
use crate::engine::config::Compiled;
use crate::engine::icmp::mtu::frag_needed_mtu_v4_to_v6;
use crate::engine::packet::{ChecksumState, Family, Host, Meta, PacketBuf, Whole};
use crate::engine::translate::fast::{at, be16, in_wkp, le16, le32, put, wkp_drop, FastMode, FastView};
use crate::engine::translate::Fast;
use crate::engine::wire::l4;

/// Largest translated packet that never needs `MTU6_nh` (IPv6 minimum MTU).
const IPV6_MIN_MTU: usize = 1280;

/// IPv6 header − IPv4 header: the headroom the window starts with.
const GROWTH: usize = 20;

/// Offset of the IPv4 header in the window.
const V4: usize = GROWTH;

/// EAM / RFC 6052 mapping of one outer address `a` (memory order) of a
/// non-error packet (generic profile, SPEC 1.6) as two memory-order
/// halves, `None` where the full path would not map it (reject or WKP
/// drop). `eam` = false for the simple-hairpin source (RFC 6052 only).
#[inline(always)]
fn map_eam(cfg: &Compiled<'_>, a: u32, eam: bool) -> Option<(u64, u64)> {
    if eam {
        if let Some(v6) = cfg.eamt.v4_to_v6(a.to_le_bytes()) {
            return Some(le_halves(&v6));
        }
    }
    let p = cfg.fast().rfc6052?;
    let v6 = p.embed(p.base(), a);
    if wkp_drop(cfg, v6, a) {
        return None;
    }
    Some(v6)
}

/// [`map_eam`] of the destination, then of the source (SPEC 1.6 order;
/// `src_eam` = false in simple hairpin mode, SPEC 1.4). Out of line: only
/// used with a non-empty EAM table; one call and one register save for
/// both lookups.
#[inline(never)]
fn map_eam_pair(cfg: &Compiled<'_>, dst: u32, src: u32, src_eam: bool) -> Option<Mapped> {
    let d = map_eam(cfg, dst, true)?;
    Some(Mapped { dst: d, src: map_eam(cfg, src, src_eam)? })
}

/// The WKP rule (SPEC 1.2) for an RFC 6052 image `v6` of `v4` under
/// `wkp-strict`: true where the full path drops.
#[inline(always)]
fn wkp_hit((hi, lo): (u64, u64), v4: u32) -> bool {
    in_wkp(hi, lo) && classes::is_non_global_v4(v4.to_le_bytes())
}

/// [`translate`] for a caller that has already tested the mode
/// (`translate::translate`): `EAM` = the mode is `Eam`, else `Rfc6052`.
#[inline(always)]
pub fn translate_mode<const EAM: bool>(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Fast {
    run::<EAM>(cfg, pkt, meta, host).unwrap_or(Fast::Fallback)
}

/// Runs the fast path on `pkt` (see the module docs).
#[inline(always)]
pub fn translate(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Fast {
    match cfg.fast().mode {
        FastMode::Rfc6052 => translate_mode::<false>(cfg, pkt, meta, host),
        FastMode::Eam => translate_mode::<true>(cfg, pkt, meta, host),
        FastMode::Off => Fast::Fallback,
    }
}

/// Where the write phase gets the IPv6 addresses from.
trait Images: Copy {
    /// (destination, source) halves in memory order.
    fn get(&self) -> ((u64, u64), (u64, u64));
}

/// Addresses mapped by the EAM path (memory-order halves).
#[derive(Clone, Copy)]
struct Mapped {
    /// Destination.
    dst: (u64, u64),
    /// Source.
    src: (u64, u64),
}

impl Images for Mapped {
    #[inline(always)]
    fn get(&self) -> ((u64, u64), (u64, u64)) {
        (self.dst, self.src)
    }
}

/// RFC 6052 images under the configured prefix, computed while writing
/// (few values alive during the decisions). Layout and base are read from
/// the compiled configuration where the images are made, not carried
/// through the decisions (in the caller's loop they were spilled and
/// reloaded); one variable rotation per address measured fewer
/// instructions than dispatching to per-length constants.
#[derive(Clone, Copy)]
struct Embedded<'v> {
    /// The compiled view: layout and base, read where the images are made.
    v: &'v FastView,
    /// IPv4 destination, memory order.
    dst: u32,
    /// IPv4 source, memory order.
    src: u32,
}

impl Images for Embedded<'_> {
    #[inline(always)]
    fn get(&self) -> ((u64, u64), (u64, u64)) {
        let (l, base) = (self.v.layout, self.v.base);
        let (ls, bs) = self.v.src_embed;
        (l.embed(base, self.dst), ls.embed(bs, self.src))
    }
}

/// The header fields the write phase needs from the decisions.
#[derive(Clone, Copy)]
struct Out {
    /// Traffic Class (SPEC 2.1).
    tc: u8,
    /// Hop Limit (SPEC 2.6).
    hop_limit: u8,
    /// Transport protocol.
    proto: u8,
    /// `CHECKSUM_PARTIAL` seed instead of a checksum.
    partial: bool,
    /// IPv4 source and destination, memory order.
    src: u32,
    /// See `src`.
    dst: u32,
    /// Upper-layer bytes.
    data_len: usize,
}

/// The rest of the fast path once every check has passed and the
/// addresses are known to map: the DF=1 size check above 1280 bytes (SPEC
/// 3.2, the only host call), then the write phase.
#[inline(always)]
fn finish(hdr: &mut [u8; 40], slot: &mut [u8; 2], o: Out, img: impl Images, host: &mut impl Host) -> Option<Fast> {
    let len6 = o.data_len + 40;
    // The images and the checksum delta first: fewer values stay alive
    // across the size decision than the inputs of the images.
    // Checksum patch (SPEC 4): − IPv4 addresses + IPv6 addresses, on the
    // field (complete) or the seed (partial), in 64-bit one's complement.
    // The sum includes the IPv6 addresses, so it is never 0 and folds
    // exactly like `checksum::update` / `update_partial`.
    let ((dhi, dlo), (shi, slo)) = img.get();
    let delta = add64(add64(add64(shi, slo), add64(dhi, dlo)), !(u64::from(o.src) + u64::from(o.dst)));
    // Above 1280 bytes the packet is also above `df0_max_len6` (at most
    // 1280), so `run` saw DF=1: too big or whole.
    if len6 > IPV6_MIN_MTU {
        let mut dst6 = [0u8; 16];
        put(&mut dst6, 0, dhi.to_le_bytes());
        put(&mut dst6, 8, dlo.to_le_bytes());
        let mtu6 = host.mtu6_toward(&dst6);
        if len6 > mtu6 as usize {
            return Some(Fast::TooBig(u32::from(frag_needed_mtu_v4_to_v6(mtu6))));
        }
    }
    // Write phase: the IPv6 header ends where the IPv4 header ended.
    put(hdr, 0, (0x6000_0000 | u32::from(o.tc) << 20).to_be_bytes());
    put(hdr, 4, ((o.data_len as u32) << 16 | u32::from(o.proto) << 8 | u32::from(o.hop_limit)).to_be_bytes());
    put(hdr, 8, shi.to_le_bytes());
    put(hdr, 16, slo.to_le_bytes());
    put(hdr, 24, dhi.to_le_bytes());
    put(hdr, 32, dlo.to_le_bytes());
    let old = u16::from_le_bytes(*slot);
    let csum = if o.partial {
        fold64_to16(add64(delta, u64::from(old)))
    } else {
        match !fold64_to16(add64(delta, u64::from(!old))) {
            0 if o.proto == l4::PROTO_UDP => 0xffff,
            c => c,
        }
    };
    *slot = csum.to_le_bytes();
    Some(Fast::Translated(Whole { start: 0, len: len6 as u32, family: Family::V6, l4_proto: o.proto }))
}

/// [`translate`] with `None` for [`Fast::Fallback`]; `EAM` = the table
/// has entries.
#[inline(always)]
fn run<const EAM: bool>(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Option<Fast> {
    let v: &FastView = cfg.fast();
    if meta.gso.is_some() {
        return None;
    }
    let partial = meta.csum == ChecksumState::Partial;
    let dec = u8::from(!meta.hop_already_decremented);
    let start = pkt.start;
    let new_start = start.checked_sub(GROWTH)?;
    // [new_start, start): headroom for the IPv6 header, then the IPv4
    // header; then the L4 header (TCP's other 12 bytes are in `rest`).
    // One length test for the whole window (the two checks below are
    // then known to pass and vanish).
    if pkt.buf.len().checked_sub(new_start)? < V4 + 20 + 8 {
        return None;
    }
    let (win, rest) = pkt.buf.get_mut(new_start..)?.split_first_chunk_mut::<{ V4 + 20 + 8 }>()?;
    let (hdr, l4w) = win.split_first_chunk_mut::<{ V4 + 20 }>()?;
    let l4w: &mut [u8; 8] = l4w.try_into().ok()?;
    let [ver_ihl, tos] = at(hdr, V4);
    let frag = le16(hdr, V4 + 6);
    let [ttl, proto] = at(hdr, V4 + 8);
    // Version 4, IHL 5; no MF, offset 0 (DF either way).
    if ver_ihl != 0x45 || frag & u16::from_le_bytes([0x3f, 0xff]) != 0 {
        return None;
    }
    let len = usize::from(be16(hdr, V4 + 2));
    if len > pkt.len {
        return None;
    }
    let data_len = len.wrapping_sub(20);
    // The checksum field.
    let slot: &mut [u8; 2] = if proto == l4::PROTO_UDP {
        let ulen = usize::from(be16(l4w, l4::UDP_LENGTH));
        let slot = l4w.last_chunk_mut::<2>()?;
        // ulen ≥ 8 makes len ≥ 28. A zero checksum (to compute or reject)
        // is the full path's.
        if ulen < l4::UDP_HEADER_LEN || ulen + 20 > len || (*slot == [0, 0] && !partial) {
            return None;
        }
        slot
    } else {
        // The window before the protocol: the UDP test is then the only
        // one on the UDP path (two equality tests become a switch that
        // tests TCP first).
        let t = rest.first_chunk_mut::<{ l4::TCP_MIN_HEADER_LEN - 8 }>()?;
        if proto != l4::PROTO_TCP {
            return None;
        }
        let doff = usize::from(at::<1, 12>(t, l4::TCP_DATA_OFFSET - 8)[0] >> 4) * 4;
        // doff ≥ 20 makes len ≥ 40.
        if doff < l4::TCP_MIN_HEADER_LEN || doff + 20 > len {
            return None;
        }
        let (_, c) = t.split_at_mut(l4::TCP_CHECKSUM - 8);
        c.first_chunk_mut::<2>()?
    };
    let src = le32(hdr, V4 + 12);
    let dst = le32(hdr, V4 + 16);
    if !(classes::is_plain_v4_first(src as u8) & classes::is_plain_v4_first(dst as u8)) {
        return None;
    }
    // TTL (SPEC 2.6): 1 or 0 expires, unless already decremented (then a
    // TTL of 0 falls back too, harmlessly).
    if ttl <= dec {
        return None;
    }
    let hop_limit = ttl - dec;
    // Size (SPEC 3.2): up to 1280 bytes (`df0_max_len6`) nothing can be
    // too big or split, DF or not: one test for the common packet.
    let len6 = data_len + 40;
    let big = len6 > v.df0_max_len6 as usize;
    if big && frag & u16::from_le_bytes([0x40, 0]) == 0 {
        // DF=0 above 1280: maybe split (full path); below 1280 only with a
        // lowest-ipv6-mtu below 1280 (refused by validation).
        return None;
    }
    let o = Out {
        tc: tos & v.tc_mask,
        hop_limit,
        proto,
        partial,
        src,
        dst,
        data_len,
    };
    // Destination first (SPEC 1.6); simple hairpin mode maps sources by
    // RFC 6052 only (SPEC 1.4).
    let r = if EAM {
        let img = map_eam_pair(cfg, dst, src, !v.hairpin_simple)?;
        finish(hdr, slot, o, img, host)
    } else {
        // `mode` Rfc6052 implies a prefix, so `layout` is a real one.
        let img = Embedded { v, dst, src };
        // The WKP rule (SPEC 1.2) only where the images can be in
        // 64:ff9b::/96 (folded with `wkp-strict` into `wkp_check`).
        if v.wkp_check {
            let (d, s) = img.get();
            if wkp_hit(d, dst) || wkp_hit(s, src) {
                return None;
            }
        }
        finish(hdr, slot, o, img, host)
    };
    match r? {
        Fast::Translated(w) => Some(Fast::Translated(Whole { start: new_start, ..w })),
        f => Some(f),
    }
}
