// SPDX-License-Identifier: GPL-2.0

//! 46 fast path for the overwhelmingly common packet: IPv4 IHL 5,
//! unfragmented TCP or UDP (non-zero UDP checksum), generic profile, no
//! GSO, every check of SPEC 6 passing, translated whole without a
//! Fragment header.
//!
//! It reads the fixed header and the L4 minimum header once, works on
//! addresses as integers, checks with few branches and writes the IPv6
//! header and the checksum patch. Anything else — including every packet
//! that would be dropped, rejected (except Fragmentation Needed, decided
//! here exactly as the full path does), split or asked to be linearised —
//! gives [`Fast::Fallback`] without touching the buffer, and the full
//! path decides. For a packet it accepts it produces exactly what the full
//! path produces: bytes, verdict and host calls.

use crate::engine::translate::Fast;
use crate::engine::addr::classes;
use crate::engine::addr::prefix6::{in_wkp_words, split_words};
use crate::engine::checksum::{fold_u64, halves};
use crate::engine::config::{Config, HairpinMode, Profile};
use crate::engine::icmp::mtu::frag_needed_mtu_v4_to_v6;
use crate::engine::packet::{ChecksumState, Host, Meta, PacketBuf};
use crate::engine::wire::l4;

/// Largest translated packet that never needs `MTU6_nh` (IPv6 minimum MTU).
const IPV6_MIN_MTU: usize = 1280;

/// Big-endian `u32` at `i` of a 20-byte header.
#[inline(always)]
fn word(h: &[u8; 20], i: usize) -> u32 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&h[i..i + 4]);
    u32::from_be_bytes(w)
}

/// EAM / RFC 6052 mapping of one outer address of a non-error packet
/// (generic profile, SPEC 1.6) as two big-endian halves, `None` where the
/// full path would not map it (reject or WKP drop). `eam` = false for the
/// simple-hairpin source (RFC 6052 only).
#[inline(always)]
fn map(cfg: &Config<'_>, a: u32, eam: bool) -> Option<(u64, u64)> {
    if eam && !cfg.eamt.is_empty() {
        if let Some(v6) = cfg.eamt.v4_to_v6(a.to_be_bytes()) {
            return Some(split_words(&v6));
        }
    }
    let (hi, lo) = cfg.prefix6.as_ref()?.embed_words(a);
    if cfg.wkp_strict && in_wkp_words(hi, lo) && classes::is_non_global_v4(a.to_be_bytes()) {
        return None;
    }
    Some((hi, lo))
}

/// Runs the fast path on `pkt` (see the module docs).
#[inline]
pub fn translate(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Fast {
    match run(cfg, pkt, meta, host) {
        Some(f) => f,
        None => Fast::Fallback,
    }
}

/// [`translate`] with `None` for [`Fast::Fallback`].
#[inline(always)]
fn run(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Option<Fast> {
    if meta.gso.is_some() || cfg.profile != Profile::Generic {
        return None;
    }
    let start = pkt.start;
    let lin = pkt.buf.get(start..)?;
    let ip: &[u8; 20] = lin.first_chunk()?;
    let w0 = word(ip, 0);
    let w1 = word(ip, 4);
    let w2 = word(ip, 8);
    let src = word(ip, 12);
    let dst = word(ip, 16);
    // Version 4, IHL 5; no MF, offset 0 (DF either way).
    if w0 >> 24 != 0x45 || w1 & 0x3fff != 0 {
        return None;
    }
    let df = w1 & 0x4000 != 0;
    let proto = (w2 >> 16) as u8;
    let (min, csum_off) = match proto {
        l4::PROTO_TCP => (l4::TCP_MIN_HEADER_LEN, l4::TCP_CHECKSUM),
        l4::PROTO_UDP => (l4::UDP_HEADER_LEN, l4::UDP_CHECKSUM),
        _ => return None,
    };
    let len = (w0 & 0xffff) as usize;
    if len > pkt.len || len < 20 + min {
        return None;
    }
    let data_len = len - 20;
    let l4b = lin.get(20..20 + min)?;
    let rd16 = |o: usize| l4b.get(o..o + 2).map_or(0, |w| u16::from_be_bytes([w[0], w[1]]));
    let old = rd16(csum_off);
    let partial = meta.csum == ChecksumState::Partial;
    if proto == l4::PROTO_TCP {
        let doff = usize::from(l4b.get(l4::TCP_DATA_OFFSET).copied().unwrap_or(0) >> 4) * 4;
        if doff < l4::TCP_MIN_HEADER_LEN || doff > data_len {
            return None;
        }
    } else {
        let ulen = usize::from(rd16(l4::UDP_LENGTH));
        // A zero checksum (to compute or reject) is the full path's.
        if ulen < l4::UDP_HEADER_LEN || ulen > data_len || (old == 0 && !partial) {
            return None;
        }
    }
    if classes::is_untranslatable_v4(src.to_be_bytes()) || classes::is_untranslatable_v4(dst.to_be_bytes()) {
        return None;
    }
    let ttl = (w2 >> 24) as u8;
    let hop_limit = if meta.hop_already_decremented {
        ttl
    } else if ttl <= 1 {
        return None;
    } else {
        ttl - 1
    };
    // Destination first (SPEC 1.6); simple hairpin mode maps sources by
    // RFC 6052 only (SPEC 1.4).
    let (dhi, dlo) = map(cfg, dst, true)?;
    let (shi, slo) = map(cfg, src, cfg.hairpin != HairpinMode::Simple)?;
    // Size (SPEC 3.2): up to 1280 bytes nothing can be too big or split.
    let len6 = data_len + 40;
    if len6 > IPV6_MIN_MTU {
        // DF=0: maybe split (full path). DF=1: too big or whole.
        if !df {
            return None;
        }
        let mut dst6 = [0u8; 16];
        dst6[..8].copy_from_slice(&dhi.to_be_bytes());
        dst6[8..].copy_from_slice(&dlo.to_be_bytes());
        let mtu6 = host.mtu6_toward(&dst6);
        if len6 > mtu6 as usize {
            return Some(Fast::TooBig(u32::from(frag_needed_mtu_v4_to_v6(mtu6))));
        }
    } else if !df && len6 > cfg.lowest_ipv6_mtu as usize {
        // Only with a lowest-ipv6-mtu below 1280 (refused by validation).
        return None;
    }
    // Checksum patch (SPEC 4): − IPv4 addresses + IPv6 addresses. Any
    // accumulator congruent modulo 0xffff folds to the same non-zero sum as
    // `checksum::update` / `update_partial` (the IPv6 sum is never 0).
    let removed = u64::from(src) + u64::from(dst);
    let added = halves(shi) + halves(slo) + halves(dhi) + halves(dlo);
    let delta = added + (2 * 0xffff_ffff - removed);
    let csum = if partial {
        fold_u64(u64::from(old) + delta)
    } else {
        match !fold_u64(u64::from(!old) + delta) {
            0 if proto == l4::PROTO_UDP => 0xffff,
            c => c,
        }
    };
    let tc = if cfg.zero_traffic_class { 0 } else { (w0 >> 16) as u8 };
    // Write phase: the IPv6 header ends where the IPv4 header ended.
    let new_start = start.checked_sub(20)?;
    let out = pkt.buf.get_mut(new_start..start + 20 + min)?;
    let (hdr, l4w) = out.split_first_chunk_mut::<40>()?;
    l4w.get_mut(csum_off..csum_off + 2)?.copy_from_slice(&csum.to_be_bytes());
    let v0 = 0x6000_0000 | u32::from(tc) << 20;
    let v1 = (data_len as u32) << 16 | u32::from(proto) << 8 | u32::from(hop_limit);
    hdr[..4].copy_from_slice(&v0.to_be_bytes());
    hdr[4..8].copy_from_slice(&v1.to_be_bytes());
    hdr[8..16].copy_from_slice(&shi.to_be_bytes());
    hdr[16..24].copy_from_slice(&slo.to_be_bytes());
    hdr[24..32].copy_from_slice(&dhi.to_be_bytes());
    hdr[32..40].copy_from_slice(&dlo.to_be_bytes());
    Some(Fast::Translated { start: new_start, len: len6, proto })
}
