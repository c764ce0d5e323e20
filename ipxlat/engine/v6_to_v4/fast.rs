// SPDX-License-Identifier: GPL-2.0

//! 64 fast path for the overwhelmingly common packet: IPv6 without
//! extension headers carrying TCP or UDP, generic profile, no GSO, every
//! check of SPEC 6 passing, no intrinsic hairpin.
//!
//! It reads the fixed header and the L4 minimum header once, works on
//! addresses as integers, checks with few branches and writes the IPv4
//! header and the checksum patch. Anything else — including every packet
//! that would be dropped, rejected (except Packet Too Big, decided here
//! exactly as the full path does) or asked to be linearised — gives
//! [`Fast::Fallback`] without touching the buffer, and the full path
//! decides. For a packet it accepts it produces exactly what the full path
//! produces: bytes, verdict and host calls.

use crate::engine::translate::Fast;
use crate::engine::addr::classes;
use crate::engine::addr::prefix6::{in_wkp_words, join_words};
use crate::engine::checksum::{finish, fold_u64, halves};
use crate::engine::config::{Config, HairpinMode, Profile};
use crate::engine::icmp::mtu::ptb_mtu_v6_to_v4;
use crate::engine::packet::{ChecksumState, Host, Meta, PacketBuf};
use crate::engine::wire::l4;

use super::DF_THRESHOLD;

/// Big-endian `u64` at `i` of a 40-byte header.
#[inline(always)]
fn word(h: &[u8; 40], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&h[i..i + 8]);
    u64::from_be_bytes(w)
}

/// Whether an address (two big-endian halves) passes the SPEC 6 IPv6
/// class checks of a non-error packet, source and destination alike: not
/// ::, ::1, ff00::/8, fe80::/10.
#[inline(always)]
fn class_ok(hi: u64, lo: u64) -> bool {
    let top = hi >> 54; // first 10 bits
    !(top >= 0x3fc || top == 0x3fa || (hi == 0 && lo <= 1))
}

/// EAM / RFC 6052 mapping of one outer address of a non-error packet
/// (generic profile, SPEC 1.6) with the post-mapping checks, `None` where
/// the full path would not map it. The flag tells an RFC 6052 result.
#[inline(always)]
fn map(cfg: &Config<'_>, hi: u64, lo: u64) -> Option<(u32, bool)> {
    let mut found = None;
    if !cfg.eamt.is_empty() {
        found = cfg.eamt.v6_to_v4(&join_words(hi, lo)).map(u32::from_be_bytes);
    }
    let (v4, rfc6052) = match found {
        Some(v4) => (v4, false),
        None => (cfg.prefix6.as_ref()?.try_extract_words(hi, lo).ok()?, true),
    };
    let b = v4.to_be_bytes();
    if rfc6052 && cfg.wkp_strict && in_wkp_words(hi, lo) && classes::is_non_global_v4(b) {
        return None;
    }
    if classes::is_untranslatable_v4(b) {
        return None;
    }
    Some((v4, rfc6052))
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
    let ip: &[u8; 40] = lin.first_chunk()?;
    let w0 = word(ip, 0);
    let (shi, slo) = (word(ip, 8), word(ip, 16));
    let (dhi, dlo) = (word(ip, 24), word(ip, 32));
    if w0 >> 60 != 6 {
        return None;
    }
    let proto = (w0 >> 8) as u8;
    let (min, csum_off) = match proto {
        l4::PROTO_TCP => (l4::TCP_MIN_HEADER_LEN, l4::TCP_CHECKSUM),
        l4::PROTO_UDP => (l4::UDP_HEADER_LEN, l4::UDP_CHECKSUM),
        _ => return None,
    };
    let data_len = ((w0 >> 16) & 0xffff) as usize;
    if data_len + 40 != pkt.len || data_len < min {
        return None;
    }
    let l4b = lin.get(40..40 + min)?;
    let rd16 = |o: usize| l4b.get(o..o + 2).map_or(0, |w| u16::from_be_bytes([w[0], w[1]]));
    let old = rd16(csum_off);
    if proto == l4::PROTO_TCP {
        let doff = usize::from(l4b.get(l4::TCP_DATA_OFFSET).copied().unwrap_or(0) >> 4) * 4;
        if doff < l4::TCP_MIN_HEADER_LEN || doff > data_len {
            return None;
        }
    } else {
        let ulen = usize::from(rd16(l4::UDP_LENGTH));
        if ulen < l4::UDP_HEADER_LEN || ulen > data_len {
            return None;
        }
    }
    if !class_ok(shi, slo) || !class_ok(dhi, dlo) {
        return None;
    }
    let hl = w0 as u8;
    let ttl = if meta.hop_already_decremented {
        hl
    } else if hl <= 1 {
        return None;
    } else {
        hl - 1
    };
    // Destination first (SPEC 1.6).
    let (dst4, dst_rfc6052) = map(cfg, dhi, dlo)?;
    let (src4, _) = map(cfg, shi, slo)?;
    // Intrinsic hairpin (SPEC 1.4 A) is the full path's.
    if dst_rfc6052
        && cfg.hairpin == HairpinMode::Intrinsic
        && !cfg.eamt.is_empty()
        && cfg.eamt.contains_v4(dst4.to_be_bytes())
    {
        return None;
    }
    let partial = meta.csum == ChecksumState::Partial;
    // Size / DF (SPEC 2.3, 3.3): MTU4_nh only matters with DF=1.
    let len4 = data_len + 20;
    if len4 > 0xffff {
        return None;
    }
    let df = len4 > DF_THRESHOLD;
    if df {
        let mtu4 = host.mtu4_toward(dst4.to_be_bytes());
        if len4 > mtu4 as usize {
            return Some(Fast::TooBig(ptb_mtu_v6_to_v4(mtu4)));
        }
    }
    let ident = host.ipv4_id(src4.to_be_bytes(), dst4.to_be_bytes());
    // Checksum patch (SPEC 4): − IPv6 addresses + IPv4 addresses. Any
    // accumulator congruent modulo 0xffff folds to the same non-zero sum as
    // `checksum::update` / `update_partial` (the IPv4 sum is never 0).
    let removed = halves(shi) + halves(slo) + halves(dhi) + halves(dlo);
    let delta = u64::from(src4) + u64::from(dst4) + (8 * 0xffff_ffff - removed);
    let csum = if partial {
        Some(fold_u64(u64::from(old) + delta))
    } else if proto == l4::PROTO_UDP && old == 0 {
        // A zero UDP checksum stays 0 (SPEC 4).
        None
    } else {
        match !fold_u64(u64::from(!old) + delta) {
            0 if proto == l4::PROTO_UDP => Some(0xffff),
            c => Some(c),
        }
    };
    let tos = cfg.override_tos.unwrap_or((w0 >> 52) as u8);
    let v0 = 0x4500_0000 | u32::from(tos) << 16 | len4 as u32;
    let v1 = u32::from(ident) << 16 | if df { 0x4000 } else { 0 };
    let v2 = u32::from(ttl) << 24 | u32::from(proto) << 16;
    let sum = u64::from(v0) + u64::from(v1) + u64::from(v2) + u64::from(src4) + u64::from(dst4);
    let v2 = v2 | u32::from(finish(u32::from(fold_u64(sum))));
    // Write phase: the IPv4 header ends where the IPv6 header ended.
    let out = pkt.buf.get_mut(start + 20..start + 40 + min)?;
    let (hdr, l4w) = out.split_first_chunk_mut::<20>()?;
    if let Some(c) = csum {
        l4w.get_mut(csum_off..csum_off + 2)?.copy_from_slice(&c.to_be_bytes());
    }
    hdr[..4].copy_from_slice(&v0.to_be_bytes());
    hdr[4..8].copy_from_slice(&v1.to_be_bytes());
    hdr[8..12].copy_from_slice(&v2.to_be_bytes());
    hdr[12..16].copy_from_slice(&src4.to_be_bytes());
    hdr[16..20].copy_from_slice(&dst4.to_be_bytes());
    Some(Fast::Translated { start: start + 20, len: len4, proto })
}
