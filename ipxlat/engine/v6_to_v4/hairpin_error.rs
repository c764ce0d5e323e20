// SPDX-License-Identifier: GPL-2.0

//! Intrinsic EAM hairpinning of ICMPv6 errors (SPEC 1.4, condition B):
//! the inner source was mapped by RFC 6052 to an address inside an EAM
//! IPv4 prefix, so the ICMPv4 error the 64 leg would produce goes straight
//! back through 46 with the second-leg rules. Computed as one ICMPv6 →
//! ICMPv6 rebuild; the IPv4 intermediate exists only as values.

use super::inner::Inner6 as InnerIn;
use super::{tos, Outer6};
use crate::engine::addr::map::{self, AddrFail, MapCtx, Position};
use crate::engine::config::Config;
use crate::engine::icmp::action::{Mapping, Rest};
use crate::engine::icmp::ext4884::{self, Family as IcmpFamily, Input, Output};
use crate::engine::icmp::{mtu, pointer, types_v4_to_v6};
use crate::engine::packet::{Host, PacketBuf, Verdict};
use crate::engine::translate::relayout::{self, Sizes};
use crate::engine::translate::{addr_sum_v6, tcp_udp_fix, L4Fix, Step};
use crate::engine::v4_to_v6::icmp_error::Plan;
use crate::engine::v4_to_v6::inner::Inner6 as InnerOut;
use crate::engine::v4_to_v6::traffic_class;
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::{FragInfo, FRAG_HEADER_LEN};
use crate::engine::wire::icmp::{self, HEADER_LEN as ICMP_HEADER_LEN};
use crate::engine::wire::ipv6::{Ipv6Repr, HEADER_LEN, PROTO_ICMPV6};
use crate::engine::wire::{be16, be32, l4};
use crate::engine::checksum;

/// What the 64 leg of the error decided.
#[derive(Clone, Copy, Debug)]
pub struct Leg1<'a> {
    /// The received error.
    pub outer: &'a Outer6,
    /// Its type/code mapping to ICMPv4.
    pub mapping: &'a Mapping,
    /// The ICMPv6 message (header + body).
    pub msg: &'a [u8],
    /// RFC 4884 split of the body.
    pub input: Input,
    /// Quote length `n`.
    pub quote_len: usize,
    /// The quoted IPv6 packet.
    pub inner: &'a InnerIn,
    /// Outer IPv4 source and destination of the intermediate error.
    pub src4: [u8; 4],
    /// Outer IPv4 destination (inside an EAM prefix or not).
    pub dst4: [u8; 4],
    /// Inner IPv4 source (RFC 6052 image inside an EAM prefix).
    pub isrc4: [u8; 4],
    /// Inner IPv4 destination.
    pub idst4: [u8; 4],
}

/// A second-leg failure: no ICMPv4 error can be sent for an IPv6 packet.
fn fail(f: AddrFail, pos: Position) -> Verdict {
    Verdict::Drop(f.reason(pos))
}

/// Second-leg context of an address (SPEC 1.4).
fn ctx(position: Position, inner: bool, rfc6052_only: bool) -> MapCtx {
    MapCtx { position, inner, outer_icmp_error: true, rfc6052_only, hop_limit: 0, random: 0 }
}

/// The 46 leg and its write plan.
pub fn decide(cfg: &Config<'_>, pkt: &PacketBuf<'_>, host: &mut impl Host, h: &Leg1<'_>) -> Step<Plan> {
    let o = h.outer;
    let m = h.mapping;
    let m2 = types_v4_to_v6::map(m.icmp_type, m.code).ok_or(Verdict::Drop(DropReason::IcmpUntranslatable))?;
    // Second-leg rules for an ICMPv4 error: destination normal; source by
    // RFC 6052 only if it is the inner destination; inner source normal,
    // inner destination by RFC 6052 only.
    let (dst6, _) = map::v4_to_v6(cfg, h.dst4, &ctx(Position::Destination, false, false)).map_err(|f| fail(f, Position::Destination))?;
    let (src6, _) = map::v4_to_v6(cfg, h.src4, &ctx(Position::Source, false, h.src4 == h.idst4)).map_err(|f| fail(f, Position::Source))?;
    let (isrc6, _) = map::v4_to_v6(cfg, h.isrc4, &ctx(Position::Source, true, false)).map_err(|f| fail(f, Position::Source))?;
    let (idst6, _) = map::v4_to_v6(cfg, h.idst4, &ctx(Position::Destination, true, true)).map_err(|f| fail(f, Position::Destination))?;
    let ir = &h.inner.repr;
    let upper = h.inner.upper_len();
    // Bytes 4-7 through both legs.
    let rest = match m2.rest {
        Rest::Pointer => {
            let p4 = pointer::v6_to_v4(be32(h.msg, 4)).ok_or(Verdict::Drop(DropReason::IcmpPointerUnmapped))?;
            pointer::v4_to_v6(p4).ok_or(Verdict::Drop(DropReason::IcmpPointerUnmapped))?
        }
        Rest::FixedPointer(p) => p,
        // Neither leg has an IPv4 route to clamp by: both the error and
        // the packet it quotes stay IPv6 (SPEC 1.4, 3.5).
        Rest::Mtu => {
            let mtu4 = mtu::ptb_to_frag_needed(be32(h.msg, 4), u32::MAX, host.mtu6_toward(&ir.dst));
            let total4 = u16::try_from(upper + 20).unwrap_or(u16::MAX);
            mtu::frag_needed_to_ptb(mtu4, total4, host.mtu6_toward(&dst6), u32::MAX)
        }
        _ => 0,
    };
    // Inner header: extension headers skipped by 64, Fragment header
    // restored by 46 for a real fragment.
    let frag = h.inner.chain.frag.filter(|f| !f.is_atomic()).map(|f| FragInfo { ident: f.ident & 0xffff, ..f });
    let inner_out = HEADER_LEN + if frag.is_some() { FRAG_HEADER_LEN } else { 0 };
    let inner_in = h.inner.chain.l4_offset;
    let quote = h.msg.get(ICMP_HEADER_LEN..ICMP_HEADER_LEN + h.quote_len).unwrap_or(&[]);
    let l4q = quote.get(inner_in..).unwrap_or(&[]);
    let proto = h.inner.chain.protocol;
    let mut fix = L4Fix::default();
    if h.inner.chain.frag.is_none_or(|f| f.offset == 0) {
        let removed = addr_sum_v6(&ir.src, &ir.dst);
        let added = addr_sum_v6(&isrc6, &idst6);
        match proto {
            l4::PROTO_TCP if l4q.len() >= l4::TCP_CHECKSUM + 2 => fix.csum = tcp_udp_fix(proto, l4q, 0, false, removed, added),
            l4::PROTO_UDP if l4q.len() >= l4::UDP_HEADER_LEN => fix.csum = tcp_udp_fix(proto, l4q, 0, false, removed, added),
            PROTO_ICMPV6 if l4q.len() >= icmp::CHECKSUM + 2 => {
                let t = l4q.first().copied().unwrap_or(0);
                if t == icmp::V6_ECHO_REQUEST || t == icmp::V6_ECHO_REPLY {
                    fix.csum = Some((icmp::CHECKSUM, checksum::update(be16(l4q, icmp::CHECKSUM), removed, added)));
                }
            }
            _ => {}
        }
    }
    let inner = InnerOut {
        ip6: Ipv6Repr {
            src: isrc6,
            dst: idst6,
            traffic_class: traffic_class(cfg, tos(cfg, ir.traffic_class)),
            flow_label: 0,
            payload_len: u16::try_from(upper + if frag.is_some() { FRAG_HEADER_LEN } else { 0 }).unwrap_or(u16::MAX),
            next_header: proto,
            hop_limit: ir.hop_limit,
        },
        frag,
        fix,
    };
    let n_prime = h.quote_len - inner_in + inner_out;
    let carry = m.carries_extension() && m2.carries_extension();
    let layout = ext4884::layout(&h.input, u32::try_from(n_prime).unwrap_or(u32::MAX), &Output::new(IcmpFamily::V6, carry));
    let l4_off = o.chain.l4_offset;
    let sizes = Sizes {
        start: pkt.start,
        len: o.len,
        body_off: l4_off + ICMP_HEADER_LEN,
        payload_off: l4_off + ICMP_HEADER_LEN + inner_in,
        payload_avail: h.quote_len - inner_in,
        outer_out: HEADER_LEN,
        inner_out,
    };
    let moves = relayout::plan(&sizes, &layout).map_err(|headroom| Verdict::NeedLinear { len: o.len, headroom })?;
    if !moves.in_bounds(pkt.buf.len()) {
        return Err(Verdict::Drop(DropReason::IcmpInnerInvalid));
    }
    let rest = if m2.length_out && matches!(m2.rest, Rest::Zero) { u32::from(layout.length_attr) << 24 } else { rest };
    let total = usize::try_from(layout.total_len).unwrap_or(0);
    Ok(Plan {
        moves,
        outer: Ipv6Repr {
            src: src6,
            dst: dst6,
            traffic_class: traffic_class(cfg, tos(cfg, o.repr.traffic_class)),
            flow_label: 0,
            payload_len: u16::try_from(total.saturating_sub(HEADER_LEN)).unwrap_or(u16::MAX),
            next_header: PROTO_ICMPV6,
            hop_limit: o.hop_limit,
        },
        icmp_type: m2.icmp_type,
        code: m2.code,
        rest,
        inner,
        hairpinned: true,
    })
}
