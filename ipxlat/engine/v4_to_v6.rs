// SPDX-License-Identifier: GPL-2.0

//! IPv4 → IPv6 translation (SPEC 2.1, 2.2, 3.2, 4, 5, 6).
//!
//! Read phase: parse and check in the SPEC 6 order, map addresses, decide
//! the checksum patch and the size outcome. Write phase ([`emit`]): new
//! IPv6 header in front of the unmoved L4 header. ICMPv4 errors are
//! rebuilt by [`icmp_error`].

pub mod emit;
pub mod fast;
pub mod icmp_error;
pub mod inner;
pub mod options;
pub mod size;

use crate::engine::addr::classes;
use crate::engine::translate::Fast;
use crate::engine::addr::map::{self, AddrFail, MapCtx, Position};
use crate::engine::checksum;
use crate::engine::config::{Compiled, Config, UdpZeroCsum};
use crate::engine::icmp::types_v4_to_v6;
use crate::engine::packet::{ChecksumState, Family, GsoKind, Host, Meta, PacketBuf, Translated, Verdict};
use crate::engine::translate::{addr_sum_v4, addr_sum_v6, echo_fix, icmp4, linear, tcp_udp_fix, L4Fix, MayReject, Step};
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::FragInfo;
use crate::engine::wire::icmp::is_error_v4;
use crate::engine::wire::ipv4::{Ipv4Header, Ipv4Repr, PROTO_ICMP, PROTO_IGMP};
use crate::engine::wire::ipv6::{Ipv6Repr, PROTO_ICMPV6};
use crate::engine::wire::l4;
use crate::engine::wire::byte;
use emit::Emit6;
use size::{SizeIn, SizeOut};

/// The outer IPv4 packet after SPEC 6 steps 1-5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outer4 {
    /// Header fields.
    pub repr: Ipv4Repr,
    /// Header length (IHL·4).
    pub ihl: usize,
    /// Packet length (Total Length).
    pub len: usize,
    /// TTL for the output (decremented or copied, SPEC 2.6).
    pub hop_limit: u8,
    /// SPEC 5.8 error-generation constraints.
    pub may: MayReject,
}

/// Headroom requested with early linearisation requests: IPv6 header −
/// IPv4 header, + 8 when a Fragment header may be needed (a fragment, or
/// DF=0 which may be split).
fn early_headroom(ihl: usize, may_need_fh: bool) -> usize {
    (40usize + if may_need_fh { 8 } else { 0 }).saturating_sub(ihl)
}

/// Converts an address-mapping failure into a verdict (SPEC 1.6, 5.10).
pub fn map_fail(cfg: &Config<'_>, may: &MayReject, f: AddrFail, pos: Position) -> Verdict {
    match f {
        AddrFail::Drop(r) => Verdict::Drop(r),
        AddrFail::Reject(e) => may.reject(cfg, e, f.reason(pos)),
    }
}

/// Translates an IPv4 packet: the fast path, else the full path. The
/// direction's half of `translate::translate` as one [`Verdict`], for
/// tests that compare it with [`translate_full`].
pub fn translate(cfg: &Compiled<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Verdict {
    match fast::translate(cfg, pkt, meta, host) {
        Fast::Translated(w) => Verdict::Translated(w.translated(meta)),
        Fast::TooBig(mtu) => too_big(cfg, mtu),
        Fast::Fallback => translate_full(cfg, pkt, meta, host),
    }
}

/// The fast path's Packet Too Big (3/4, SPEC 3.2) for an unfragmented
/// non-ICMP packet, which SPEC 5.8 allows answering.
pub fn too_big(cfg: &Config<'_>, mtu: u32) -> Verdict {
    let may = MayReject { icmp_error: false, non_first_fragment: false };
    may.reject(cfg, icmp4(3, 4, mtu), DropReason::PacketTooBig)
}

/// The full 46 path alone, without the [`fast`] path (for tests that
/// compare the two).
#[inline(never)]
pub fn translate_full(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Verdict {
    match decide(cfg, pkt, meta, host) {
        Ok(v) | Err(v) => v,
    }
}

/// SPEC 6 steps 1-4 on the outer header; ICMP type and L4 structure.
fn check_outer(cfg: &Config<'_>, pkt: &PacketBuf<'_>, meta: &Meta) -> Step<Outer4> {
    let lin = linear(pkt);
    let hl = Ipv4Header::<&[u8]>::needed_len(lin);
    if pkt.len < hl {
        return Err(Verdict::Drop(DropReason::MalformedIpv4));
    }
    if lin.len() < hl {
        return Err(Verdict::NeedLinear { len: hl, headroom: 0 });
    }
    let h = Ipv4Header::new_checked(lin).ok_or(Verdict::Drop(DropReason::MalformedIpv4))?;
    let repr = Ipv4Repr::parse(&h);
    let ihl = h.header_len();
    // SPEC 2.7: an IPv4 super-packet > 65535 (Total Length 0) is never
    // written into a 16-bit Payload Length.
    if meta.gso.is_some() && repr.total_len == 0 && pkt.len > 0xffff {
        return Err(Verdict::Drop(DropReason::Oversize));
    }
    let len = usize::from(repr.total_len);
    if len < ihl || len > pkt.len {
        return Err(Verdict::Drop(DropReason::MalformedIpv4));
    }
    // A fragment reaching past 65535 bytes cannot be expressed (RFC 791).
    if usize::from(repr.frag_offset) * 8 + (len - ihl) > 0xffff {
        return Err(Verdict::Drop(DropReason::MalformedIpv4));
    }
    let opts = options::check(h.options()).map_err(|_| Verdict::Drop(DropReason::MalformedOptions))?;
    let first = repr.frag_offset == 0;
    let proto = repr.protocol;
    let min = l4::min_header_len(proto, PROTO_ICMP);
    let mut icmp_error = false;
    if first && min > 0 {
        let data_len = len - ihl;
        if data_len < min {
            return Err(Verdict::Drop(DropReason::MalformedL4));
        }
        if lin.len() < ihl + min {
            return Err(Verdict::NeedLinear { len: ihl + min, headroom: early_headroom(ihl, repr.is_fragment() || !repr.df) });
        }
        let l4b = lin.get(ihl..).unwrap_or(&[]);
        if !l4::header_ok(proto, PROTO_ICMP, l4b, data_len, !repr.is_fragment()) {
            return Err(Verdict::Drop(DropReason::MalformedL4));
        }
        icmp_error = proto == PROTO_ICMP && l4b.first().is_some_and(|&t| is_error_v4(t));
    }
    let may = MayReject { icmp_error, non_first_fragment: !first };
    // 2. Address classes (the outer source of an ICMPv4 error is exempt).
    classes::v4_source_class(repr.src, icmp_error).map_err(Verdict::Drop)?;
    classes::v4_dest_class(repr.dst).map_err(Verdict::Drop)?;
    if proto == PROTO_IGMP {
        return Err(Verdict::Drop(DropReason::SingleHopProtocol));
    }
    // 3. TTL (SPEC 2.6).
    let hop_limit = if meta.hop_already_decremented {
        repr.ttl
    } else if repr.ttl <= 1 {
        return Err(may.reject(cfg, icmp4(11, 0, 0), DropReason::HopLimitExceeded));
    } else {
        repr.ttl - 1
    };
    // 4. Source route (SPEC 2.2).
    if opts == options::Options::UnexpiredSourceRoute {
        return Err(may.reject(cfg, icmp4(3, 5, 0), DropReason::SourceRoute));
    }
    Ok(Outer4 { repr, ihl, len, hop_limit, may })
}

/// Traffic Class for a TOS (SPEC 2.1).
pub fn traffic_class(cfg: &Config<'_>, tos: u8) -> u8 {
    if cfg.zero_traffic_class {
        0
    } else {
        tos
    }
}

/// The read phase of a non-error packet, then its write phase (ICMP errors
/// are handed to [`icmp_error`] after SPEC 6 step 5).
fn decide(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, meta: &Meta, host: &mut impl Host) -> Step<Verdict> {
    let o = check_outer(cfg, pkt, meta)?;
    let r = &o.repr;
    let first = r.frag_offset == 0;
    let fragment = r.is_fragment();
    let lin = linear(pkt);
    let l4b = lin.get(o.ihl..).unwrap_or(&[]);
    // 5. ICMP (SPEC 3.4, 5.1, 5.2).
    let mut echo_type = None;
    if r.protocol == PROTO_ICMP {
        if fragment {
            return Err(Verdict::Drop(DropReason::FragmentedIcmp));
        }
        let m = types_v4_to_v6::map(byte(l4b, 0), byte(l4b, 1)).ok_or(Verdict::Drop(DropReason::IcmpUntranslatable))?;
        if m.is_error() {
            return Ok(icmp_error::translate(cfg, pkt, meta, host, &o, &m));
        }
        echo_type = Some(m.icmp_type);
    }
    // 7. Addresses: destination first (SPEC 1.6).
    let dst_ctx = MapCtx::outer(Position::Destination);
    let (dst6, _) = map::v4_to_v6(cfg, r.dst, &dst_ctx).map_err(|f| map_fail(cfg, &o.may, f, Position::Destination))?;
    let mut src_ctx = MapCtx::outer(Position::Source);
    // SPEC 1.4 simple mode: every 46 source by RFC 6052 only.
    src_ctx.rfc6052_only = map::is_simple_hairpin(cfg);
    let (src6, _) = map::v4_to_v6(cfg, r.src, &src_ctx).map_err(|f| map_fail(cfg, &o.may, f, Position::Source))?;
    let partial = meta.csum == ChecksumState::Partial;
    let data_len = o.len - o.ihl;
    let mut fix = L4Fix::default();
    if first {
        let removed = addr_sum_v4(&r.src, &r.dst);
        let added = addr_sum_v6(&src6, &dst6);
        fix.csum = tcp_udp_fix(r.protocol, l4b, o.ihl, partial, removed, added);
        if let Some(t) = echo_type {
            let len = u32::try_from(data_len).unwrap_or(0);
            let pseudo = checksum::pseudo_v6(&src6, &dst6, PROTO_ICMPV6, len);
            fix = echo_fix(l4b, o.ihl, t, partial, 0, pseudo);
        }
        // 8. Zero UDP checksum (SPEC 4).
        if r.protocol == l4::PROTO_UDP && !partial && crate::engine::wire::be16(l4b, l4::UDP_CHECKSUM) == 0 {
            if fragment || cfg.udp_zero_csum == UdpZeroCsum::Drop {
                return Err(o.may.reject(cfg, icmp4(3, 13, 0), DropReason::UdpZeroChecksum));
            }
            let ulen = crate::engine::wire::be16(l4b, l4::UDP_LENGTH);
            let s = checksum::add(
                checksum::pseudo_v6(&src6, &dst6, l4::PROTO_UDP, u32::from(ulen)),
                host.payload_sum(o.ihl, usize::from(ulen)),
            );
            let c = match checksum::finish(s) {
                0 => 0xffff,
                c => c,
            };
            fix.csum = Some((o.ihl + l4::UDP_CHECKSUM, c));
        }
    }
    // GSO must match the protocol (SPEC 6 "unsupported GSO type").
    let l4_header_len = match (meta.gso.map(|g| g.kind), r.protocol) {
        (None, _) => 0,
        // GSO super-packets are never fragments.
        (Some(_), _) if fragment => return Err(Verdict::Drop(DropReason::UnsupportedOffload)),
        (Some(GsoKind::Tcp), l4::PROTO_TCP) => usize::from(l4b.get(l4::TCP_DATA_OFFSET).copied().unwrap_or(0) >> 4) * 4,
        (Some(GsoKind::Udp), l4::PROTO_UDP) => l4::UDP_HEADER_LEN,
        _ => return Err(Verdict::Drop(DropReason::UnsupportedOffload)),
    };
    // 9. Size / DF (SPEC 3.2, 3.6).
    // The route lookup only when the size can exceed an IPv6 path MTU.
    let mtu6 = if size::needs_mtu6(data_len, fragment, l4_header_len, meta.gso) {
        host.mtu6_toward(&dst6)
    } else {
        size::MTU6_UNNEEDED
    };
    let s = SizeIn {
        ihl: o.ihl,
        data_len,
        df: r.df,
        fragment,
        frag_offset: r.frag_offset,
        mf: r.mf,
        ident: r.ident,
        l4_header_len,
        mtu6,
        lim: cfg.lowest_ipv6_mtu,
    };
    let (frag, payload, plan, gso_size, gso_segments) = match size::decide(&s, meta.gso) {
        SizeOut::Whole { fragment_header, gso_size, gso_segments } => {
            let frag = fragment_header.then_some(FragInfo { offset: r.frag_offset, more: r.mf, ident: u32::from(r.ident) });
            (frag, data_len + if fragment_header { 8 } else { 0 }, None, gso_size, gso_segments)
        }
        SizeOut::Split(p) => {
            let frag = Some(FragInfo { offset: p.offset, more: true, ident: p.ident });
            (frag, p.piece_payload + 8, Some(p), None, None)
        }
        SizeOut::TooBig(mtu) => {
            return Err(o.may.reject(cfg, icmp4(3, 4, u32::from(mtu)), DropReason::PacketTooBig));
        }
        SizeOut::Drop(reason) => return Err(Verdict::Drop(reason)),
    };
    let proto6 = if r.protocol == PROTO_ICMP { PROTO_ICMPV6 } else { r.protocol };
    let emit = Emit6 {
        ip6: Ipv6Repr {
            src: src6,
            dst: dst6,
            traffic_class: traffic_class(cfg, r.tos),
            flow_label: 0,
            payload_len: u16::try_from(payload).unwrap_or(u16::MAX),
            next_header: proto6,
            hop_limit: o.hop_limit,
        },
        frag,
        hdr_end: o.ihl,
        fix,
    };
    let hlen = emit.header_len();
    if !emit.fits(pkt) {
        let need = if first { o.ihl + l4::min_header_len(r.protocol, PROTO_ICMP) } else { o.ihl };
        return Err(Verdict::NeedLinear { len: need.min(o.len), headroom: emit.headroom() });
    }
    let Some(start) = emit.write(pkt) else {
        return Err(Verdict::Drop(DropReason::NoMemory));
    };
    Ok(Verdict::Translated(Translated {
        family: Family::V6,
        start,
        len: data_len + hlen,
        l4_offset: hlen,
        l4_proto: proto6,
        gso_size,
        gso_segments,
        fragment: plan,
        csum_partial_valid: partial,
        hairpinned: false,
    }))
}
