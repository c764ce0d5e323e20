// SPDX-License-Identifier: GPL-2.0

//! Intrinsic EAM hairpinning (SPEC 1.4, condition A): the 64 result goes
//! straight into 46 with the second-leg rules, unrouted. Computed as one
//! IPv6 → IPv6 rewrite: the IPv4 intermediate exists only as values.
//! The whole hairpin is one hop-limit decrement.

use super::{fresh_ipv4_id, Outer6, DF_THRESHOLD};
use crate::engine::addr::map::{self, AddrFail, MapCtx, Position};
use crate::engine::checksum;
use crate::engine::config::{Config, UdpZeroCsum};
use crate::engine::packet::{Family, Host, Meta, PacketBuf, Translated, Verdict};
use crate::engine::translate::{addr_sum_v6, icmp6, linear, tcp_udp_fix, L4Fix, Step};
use crate::engine::v4_to_v6::emit::Emit6;
use crate::engine::v4_to_v6::size::{self, SizeIn, SizeOut};
use crate::engine::v4_to_v6::traffic_class;
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::FragInfo;
use crate::engine::wire::ipv6::{Ipv6Repr, PROTO_ICMPV6};
use crate::engine::wire::{be16, icmp, l4};

/// The result of the 64 leg.
#[derive(Clone, Copy, Debug)]
pub struct Leg1<'o> {
    /// The received packet.
    pub outer: &'o Outer6,
    /// IPv4 source of the intermediate packet.
    pub src4: [u8; 4],
    /// IPv4 destination of the intermediate packet (inside an EAM prefix).
    pub dst4: [u8; 4],
    /// TOS of the intermediate packet.
    pub tos: u8,
    /// `CHECKSUM_PARTIAL` packet.
    pub partial: bool,
    /// L4 header length for GSO segment sizes.
    pub l4_header_len: usize,
}

/// A second-leg mapping failure: the packet arrived as IPv6, so no ICMPv4
/// error is possible; drop with the reason.
fn leg2_fail(f: AddrFail, pos: Position) -> Verdict {
    Verdict::Drop(f.reason(pos))
}

/// The 46 leg (second-leg rules: source by RFC 6052 only, destination
/// normal) and its write plan.
pub fn decide(
    cfg: &Config<'_>,
    pkt: &PacketBuf<'_>,
    meta: &Meta,
    host: &mut impl Host,
    h: &Leg1<'_>,
) -> Step<(Emit6, Translated)> {
    let o = h.outer;
    let r = &o.repr;
    let l4_off = o.chain.l4_offset;
    let proto = o.chain.protocol;
    let l4b = linear(pkt).get(l4_off..).unwrap_or(&[]);
    let (dst6, _) = map::v4_to_v6(cfg, h.dst4, &MapCtx::outer(Position::Destination))
        .map_err(|f| leg2_fail(f, Position::Destination))?;
    let mut sctx = MapCtx::outer(Position::Source);
    sctx.rfc6052_only = true;
    let (src6, _) = map::v4_to_v6(cfg, h.src4, &sctx).map_err(|f| leg2_fail(f, Position::Source))?;
    let data_len = o.data_len();
    // Checksums: the pseudo-header changes from the old to the new IPv6
    // addresses (the IPv4 words cancel out); echo keeps its type.
    let removed = addr_sum_v6(&r.src, &r.dst);
    let added = addr_sum_v6(&src6, &dst6);
    let mut fix = L4Fix::default();
    if o.is_first() {
        fix.csum = tcp_udp_fix(proto, l4b, l4_off, h.partial, removed, added);
        if proto == PROTO_ICMPV6 {
            let old = be16(l4b, icmp::CHECKSUM);
            let new = if h.partial {
                checksum::update_partial(old, removed, added)
            } else {
                checksum::update(old, removed, added)
            };
            fix.csum = Some((l4_off + icmp::CHECKSUM, new));
        }
        // Zero UDP checksum: kept by 64, computed by 46 (SPEC 4).
        if proto == l4::PROTO_UDP && !h.partial && be16(l4b, l4::UDP_CHECKSUM) == 0 {
            if o.real_fragment().is_some() || cfg.udp_zero_csum == UdpZeroCsum::Drop {
                return Err(Verdict::Drop(DropReason::UdpZeroChecksum));
            }
            let ulen = be16(l4b, l4::UDP_LENGTH);
            let s = checksum::add(
                checksum::pseudo_v6(&src6, &dst6, l4::PROTO_UDP, u32::from(ulen)),
                host.payload_sum(l4_off, usize::from(ulen)),
            );
            let c = match checksum::finish(s) {
                0 => 0xffff,
                c => c,
            };
            fix.csum = Some((l4_off + l4::UDP_CHECKSUM, c));
        }
    }
    // The intermediate IPv4 packet: fragment iff a real Fragment header;
    // DF per the 1260 rule otherwise (SPEC 2.3).
    let frag = o.real_fragment();
    let atomic = o.chain.frag.is_some() && frag.is_none();
    let df = !atomic && frag.is_none() && data_len + 20 > DF_THRESHOLD;
    let ident = match frag {
        Some(f) => f.ident as u16,
        None => fresh_ipv4_id(host, meta, (h.src4, h.dst4), proto, data_len.saturating_sub(h.l4_header_len)),
    };
    let mtu6 = if size::needs_mtu6(data_len, frag.is_some(), h.l4_header_len, meta.gso) {
        host.mtu6_toward(&dst6)
    } else {
        size::MTU6_UNNEEDED
    };
    let s = SizeIn {
        ihl: 20,
        data_len,
        df,
        fragment: frag.is_some(),
        frag_offset: frag.map_or(0, |f| f.offset),
        mf: frag.is_some_and(|f| f.more),
        ident,
        l4_header_len: h.l4_header_len,
        mtu6,
        lim: cfg.lowest_ipv6_mtu,
    };
    let (fh, payload, plan, gso_size, gso_segments) = match size::decide(&s, meta.gso) {
        SizeOut::Whole { fragment_header, gso_size, gso_segments } => {
            let fh = fragment_header.then_some(FragInfo { offset: s.frag_offset, more: s.mf, ident: u32::from(ident) });
            (fh, data_len + if fragment_header { 8 } else { 0 }, None, gso_size, gso_segments)
        }
        SizeOut::Split(p) => (Some(FragInfo { offset: p.offset, more: true, ident: p.ident }), p.piece_payload + 8, Some(p), None, None),
        // The hairpinned source is IPv6: answer in its family.
        SizeOut::TooBig(_) => return Err(o.may.reject(cfg, icmp6(2, 0, mtu6.max(1280)), DropReason::PacketTooBig)),
        SizeOut::Drop(reason) => return Err(Verdict::Drop(reason)),
    };
    let emit = Emit6 {
        ip6: Ipv6Repr {
            src: src6,
            dst: dst6,
            traffic_class: traffic_class(cfg, h.tos),
            flow_label: 0,
            payload_len: u16::try_from(payload).unwrap_or(u16::MAX),
            next_header: proto,
            hop_limit: o.hop_limit,
        },
        frag: fh,
        hdr_end: l4_off,
        fix,
    };
    if !emit.fits(pkt) {
        let need = if o.is_first() { l4_off + l4::min_header_len(proto, PROTO_ICMPV6) } else { l4_off };
        return Err(Verdict::NeedLinear { len: need.min(o.len), headroom: emit.headroom() });
    }
    let hlen = emit.header_len();
    let out = Translated {
        family: Family::V6,
        start: 0,
        len: data_len + hlen,
        l4_offset: hlen,
        l4_proto: proto,
        gso_size,
        gso_segments,
        fragment: plan,
        csum_partial_valid: h.partial,
        hairpinned: true,
    };
    Ok((emit, out))
}
