// SPDX-License-Identifier: GPL-2.0

//! IPv6 → IPv4 translation (SPEC 2.3, 2.4, 3.3, 4, 5, 6).
//!
//! Read phase: parse the fixed header and walk the extension headers,
//! check in the SPEC 6 order, map addresses, decide checksum patch and
//! size. Write phase ([`emit`]): IPv4 header in front of the unmoved L4
//! header. ICMPv6 errors are rebuilt by [`icmp_error`]; intrinsic EAM
//! hairpins (SPEC 1.4) go straight back to IPv6 in [`hairpin`].

pub mod emit;
pub mod fast;
pub mod hairpin;
pub mod hairpin_error;
pub mod icmp_error;
pub mod inner;

use crate::engine::addr::classes;
use crate::engine::translate::Fast;
use crate::engine::addr::map::{self, MapCtx, Position};
use crate::engine::checksum;
use crate::engine::config::{Compiled, Config};
use crate::engine::icmp::mtu::ptb_mtu_v6_to_v4;
use crate::engine::icmp::types_v6_to_v4;
use crate::engine::packet::{ChecksumState, Family, GsoKind, Host, Meta, PacketBuf, Translated, Verdict};
use crate::engine::translate::{addr_sum_v4, addr_sum_v6, echo_fix, icmp6, linear, tcp_udp_fix, L4Fix, MayReject, Step};
use crate::engine::v4_to_v6::map_fail;
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::{self, ExtChain, FragInfo, WalkError};
use crate::engine::wire::icmp::is_error_v6;
use crate::engine::wire::ipv4::{Ipv4Repr, PROTO_ICMP};
use crate::engine::wire::ipv6::{Ipv6Header, Ipv6Repr, HEADER_LEN, PROTO_ICMPV6};
use crate::engine::wire::l4;
use crate::engine::wire::byte;
use emit::Emit4;

/// IPv4 packets above this Total Length get DF=1 (SPEC 2.3, 3.3).
pub const DF_THRESHOLD: usize = 1260;

/// The IPv4 Protocol for an IPv6 upper-layer protocol: ICMPv6 becomes
/// ICMP (RFC 7915 section 5.1), every other value is copied.
pub fn protocol_v6_to_v4(proto6: u8) -> u8 {
    if proto6 == PROTO_ICMPV6 {
        PROTO_ICMP
    } else {
        proto6
    }
}

/// The Identification of an IPv4 packet translated from an unfragmented
/// IPv6 one: taken from the host's own generator, as for the host's own
/// packets (SPEC 2.3), with one ID reserved per GSO segment so the
/// segments count up like locally sent ones.
pub fn fresh_ipv4_id(
    host: &mut impl Host,
    meta: &Meta,
    (src4, dst4): ([u8; 4], [u8; 4]),
    proto6: u8,
    l4_payload_len: usize,
) -> u16 {
    let segments = meta.gso.map_or(1, |g| g.segments(l4_payload_len));
    host.ipv4_id(src4, dst4, protocol_v6_to_v4(proto6), segments)
}

/// The outer IPv6 packet after SPEC 6 steps 1-4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outer6 {
    /// Fixed header fields.
    pub repr: Ipv6Repr,
    /// Extension header chain.
    pub chain: ExtChain,
    /// Packet length (40 + Payload Length).
    pub len: usize,
    /// Hop limit for the output (decremented or copied, SPEC 2.6).
    pub hop_limit: u8,
    /// SPEC 5.8 error-generation constraints.
    pub may: MayReject,
}

impl Outer6 {
    /// The Fragment header unless atomic (SPEC 3.4: atomic fragments are
    /// processed as unfragmented).
    pub fn real_fragment(&self) -> Option<FragInfo> {
        self.chain.frag.filter(|f| !f.is_atomic())
    }
    /// Offset 0 (unfragmented or first fragment).
    pub fn is_first(&self) -> bool {
        self.chain.frag.is_none_or(|f| f.offset == 0)
    }
    /// Upper-layer bytes in this packet.
    pub fn data_len(&self) -> usize {
        self.len.saturating_sub(self.chain.l4_offset)
    }
}

/// TOS for a Traffic Class (SPEC 2.3).
pub fn tos(cfg: &Config<'_>, traffic_class: u8) -> u8 {
    cfg.override_tos.unwrap_or(traffic_class)
}

/// Translates an IPv6 packet: the fast path, else the full path. The
/// direction's half of `translate::translate` as one [`Verdict`], for
/// tests that compare it with [`translate_full`].
pub fn translate(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Verdict {
    match fast::translate(cfg, pkt, meta, host) {
        Fast::Translated(w) => Verdict::Translated(w.translated(meta)),
        Fast::TooBig(mtu) => too_big(cfg, mtu),
        Fast::Fallback => translate_full(cfg, pkt, meta, host),
    }
}

/// The fast path's Packet Too Big (2/0, SPEC 3.3) for an unfragmented
/// non-ICMP packet, which SPEC 5.8 allows answering.
pub fn too_big(cfg: &Config<'_>, mtu: u32) -> Verdict {
    let may = MayReject { icmp_error: false, non_first_fragment: false };
    may.reject(cfg, icmp6(2, 0, mtu), DropReason::PacketTooBig)
}

/// The full 64 path alone, without the [`fast`] path (for tests that
/// compare the two).
#[inline(never)]
pub fn translate_full(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Verdict {
    match decide(cfg, pkt, meta, host) {
        Ok(v) | Err(v) => v,
    }
}

/// SPEC 6 steps 1-4 on the outer header and extension headers.
fn check_outer(cfg: &Config<'_>, pkt: &PacketBuf<'_>, meta: &Meta) -> Step<Outer6> {
    let lin = linear(pkt);
    if pkt.len < HEADER_LEN {
        return Err(Verdict::Drop(DropReason::MalformedIpv6));
    }
    if lin.len() < HEADER_LEN {
        return Err(Verdict::NeedLinear { len: HEADER_LEN, headroom: 0 });
    }
    let h = Ipv6Header::new_checked(lin).ok_or(Verdict::Drop(DropReason::MalformedIpv6))?;
    let repr = Ipv6Repr::parse(&h);
    // SPEC 2.7: jumbograms dropped; length must match the buffer.
    if repr.payload_len == 0 && repr.next_header == ext6::NH_HOP_BY_HOP && pkt.len > HEADER_LEN {
        return Err(Verdict::Drop(DropReason::Oversize));
    }
    let len = HEADER_LEN + usize::from(repr.payload_len);
    if len != pkt.len {
        return Err(Verdict::Drop(DropReason::MalformedIpv6));
    }
    let chain = match ext6::walk(lin, len, repr.next_header) {
        Ok(c) => c,
        Err(WalkError::Malformed) => return Err(Verdict::Drop(DropReason::MalformedIpv6)),
        Err(WalkError::NeedLinear(n)) => return Err(Verdict::NeedLinear { len: n, headroom: 0 }),
    };
    let first = chain.frag.is_none_or(|f| f.offset == 0);
    let real_frag = chain.frag.is_some_and(|f| !f.is_atomic());
    let proto = chain.protocol;
    let min = l4::min_header_len(proto, PROTO_ICMPV6);
    let mut icmp_error = false;
    if first && min > 0 && !chain.ext_after_frag {
        let data_len = len - chain.l4_offset;
        if data_len < min {
            return Err(Verdict::Drop(DropReason::MalformedL4));
        }
        let need = chain.l4_offset + min;
        if lin.len() < need {
            return Err(Verdict::NeedLinear { len: need, headroom: 0 });
        }
        let l4b = lin.get(chain.l4_offset..).unwrap_or(&[]);
        if !l4::header_ok(proto, PROTO_ICMPV6, l4b, data_len, !real_frag) {
            return Err(Verdict::Drop(DropReason::MalformedL4));
        }
        icmp_error = proto == PROTO_ICMPV6 && l4b.first().is_some_and(|&t| is_error_v6(t));
    }
    let may = MayReject { icmp_error, non_first_fragment: !first };
    // 2. Address classes (ICMPv6 errors from fe80::/10 use SPEC 5.9).
    if icmp_error {
        classes::v6_error_source_class(&repr.src).map_err(Verdict::Drop)?;
    } else {
        classes::v6_source_class(&repr.src).map_err(Verdict::Drop)?;
    }
    classes::v6_dest_class(&repr.dst).map_err(Verdict::Drop)?;
    // 3. Hop limit (SPEC 2.6).
    let hop_limit = if meta.hop_already_decremented {
        repr.hop_limit
    } else if repr.hop_limit <= 1 {
        return Err(may.reject(cfg, icmp6(3, 0, 0), DropReason::HopLimitExceeded));
    } else {
        repr.hop_limit - 1
    };
    // 4. Segments Left, extension header after the Fragment header.
    if let Some(ptr) = chain.segments_left_ptr {
        return Err(may.reject(cfg, icmp6(4, 0, ptr), DropReason::SegmentsLeft));
    }
    if chain.ext_after_frag {
        return Err(may.reject(cfg, icmp6(1, 1, 0), DropReason::ExtAfterFragment));
    }
    Ok(Outer6 { repr, chain, len, hop_limit, may })
}

/// MLD (130-132, 143) and Neighbor Discovery (133-137): single-hop.
fn is_single_hop_icmpv6(t: u8) -> bool {
    matches!(t, 130..=137 | 143)
}

/// The read phase of a non-error packet, then its write phase (ICMPv6
/// errors go to [`icmp_error`], intrinsic hairpins to [`hairpin`]).
fn decide(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Step<Verdict> {
    let o = check_outer(cfg, pkt, meta)?;
    let r = &o.repr;
    let l4_off = o.chain.l4_offset;
    let proto = o.chain.protocol;
    let first = o.is_first();
    let real_frag = o.real_fragment();
    let lin = linear(pkt);
    let l4b = lin.get(l4_off..).unwrap_or(&[]);
    // 5. ICMPv6 (SPEC 3.4, 5.1, 5.3).
    let mut echo_type = None;
    if proto == PROTO_ICMPV6 {
        if real_frag.is_some() {
            return Err(Verdict::Drop(DropReason::FragmentedIcmp));
        }
        if is_single_hop_icmpv6(byte(l4b, 0)) {
            return Err(Verdict::Drop(DropReason::SingleHopProtocol));
        }
        let m = types_v6_to_v4::map(byte(l4b, 0), byte(l4b, 1)).ok_or(Verdict::Drop(DropReason::IcmpUntranslatable))?;
        if m.is_error() {
            return Ok(icmp_error::translate(cfg, pkt, meta, host, &o, &m));
        }
        echo_type = Some(m.icmp_type);
    }
    // 7. Addresses: destination first (SPEC 1.6).
    let (dst4, drule) = map::v6_to_v4(cfg, &r.dst, &MapCtx::outer(Position::Destination))
        .map_err(|f| map_fail(cfg, &o.may, f, Position::Destination))?;
    let (src4, _) =
        map::v6_to_v4(cfg, &r.src, &MapCtx::outer(Position::Source)).map_err(|f| map_fail(cfg, &o.may, f, Position::Source))?;
    let data_len = o.data_len();
    let partial = meta.csum == ChecksumState::Partial;
    // GSO must match the protocol.
    let l4_header_len = match (meta.gso.map(|g| g.kind), proto) {
        (None, _) => 0,
        // GSO super-packets are never fragments.
        (Some(_), _) if o.chain.frag.is_some() => return Err(Verdict::Drop(DropReason::UnsupportedOffload)),
        (Some(GsoKind::Tcp), l4::PROTO_TCP) => usize::from(l4b.get(l4::TCP_DATA_OFFSET).copied().unwrap_or(0) >> 4) * 4,
        (Some(GsoKind::Udp), l4::PROTO_UDP) => l4::UDP_HEADER_LEN,
        _ => return Err(Verdict::Drop(DropReason::UnsupportedOffload)),
    };
    let tos = tos(cfg, r.traffic_class);
    if map::is_intrinsic_hairpin(cfg, dst4, drule) {
        let h = hairpin::Leg1 { outer: &o, src4, dst4, tos, partial, l4_header_len };
        let (emit, out) = hairpin::decide(cfg, pkt, meta, host, &h)?;
        let Some(start) = emit.write(pkt) else {
            return Err(Verdict::Drop(DropReason::NoMemory));
        };
        return Ok(Verdict::Translated(Translated { start, ..out }));
    }
    // 8. Zero UDP checksum: kept 0 (SPEC 4, project decision) — the
    // incremental patch leaves it alone.
    let mut fix = L4Fix::default();
    if first {
        let removed = addr_sum_v6(&r.src, &r.dst);
        let added = addr_sum_v4(&src4, &dst4);
        fix.csum = tcp_udp_fix(proto, l4b, l4_off, partial, removed, added);
        if let Some(t) = echo_type {
            let len = u32::try_from(data_len).unwrap_or(0);
            let pseudo = checksum::pseudo_v6(&r.src, &r.dst, PROTO_ICMPV6, len);
            fix = echo_fix(l4b, l4_off, t, partial, pseudo, 0);
        }
    }
    // 9. Size / DF (SPEC 2.3, 3.3, 3.6).
    let len4 = data_len + 20;
    if len4 > 0xffff {
        return Err(Verdict::Drop(DropReason::Oversize));
    }
    let seg4 = match meta.gso {
        Some(g) => 20 + l4_header_len + usize::from(g.size),
        None => len4,
    };
    let frag = o.chain.frag;
    let df = frag.is_none() && seg4 > DF_THRESHOLD;
    let first_fragment = real_frag.is_some_and(|f| f.offset == 0 && f.more);
    // MTU4_nh (a route lookup) only where SPEC 3.3 uses it: other DF=0
    // packets are fragmented by the host.
    if df || first_fragment {
        let mtu4 = host.mtu4_toward(dst4);
        if seg4 > usize::try_from(mtu4).unwrap_or(usize::MAX) {
            return Err(o.may.reject(cfg, icmp6(2, 0, ptb_mtu_v6_to_v4(mtu4)), DropReason::PacketTooBig));
        }
    }
    let proto4 = protocol_v6_to_v4(proto);
    let ident = match frag {
        Some(f) => f.ident as u16,
        None => fresh_ipv4_id(host, meta, (src4, dst4), proto, data_len.saturating_sub(l4_header_len)),
    };
    let emit = Emit4 {
        ip4: Ipv4Repr {
            src: src4,
            dst: dst4,
            tos,
            total_len: len4 as u16,
            ident,
            df,
            mf: frag.is_some_and(|f| f.more),
            frag_offset: frag.map_or(0, |f| f.offset),
            ttl: o.hop_limit,
            protocol: proto4,
        },
        hdr_end: l4_off,
        fix,
    };
    let Some(start) = emit.write(pkt) else {
        return Err(Verdict::Drop(DropReason::NoMemory));
    };
    Ok(Verdict::Translated(Translated {
        family: Family::V4,
        start,
        len: len4,
        l4_offset: 20,
        l4_proto: proto4,
        gso_size: meta.gso.map(|g| g.size),
        gso_segments: None,
        fragment: None,
        csum_partial_valid: partial,
        hairpinned: false,
    }))
}
