// SPDX-License-Identifier: GPL-2.0

//! ICMPv4 error → ICMPv6 error (SPEC 5.2, 5.4-5.8, 3.5): the message is
//! verified, then rebuilt around the quoted payload, which stays in place.
//!
//! Read phase: pointer/MTU, inner header, error-about-error, checksum
//! (anti-laundering, SPEC 4), addresses (outer with fallback, inner with
//! swapped roles), RFC 4884 layout and caps. Write phase: moves
//! ([`crate::engine::translate::relayout`]), inner header and L4 patch,
//! ICMPv6 header, outer header, checksum over the whole output.

use super::emit::emit_headers;
use super::inner::{self, Inner4, Inner6};
use super::{map_fail, traffic_class, Outer4};
use crate::engine::addr::map::{self, MapCtx, Position};
use crate::engine::checksum;
use crate::engine::config::Config;
use crate::engine::icmp::action::{Mapping, Rest};
use crate::engine::icmp::ext4884::{self, Family as IcmpFamily, Input, Output};
use crate::engine::icmp::{mtu, pointer};
use crate::engine::packet::{Family, Host, Meta, PacketBuf, Translated, Verdict};
use crate::engine::translate::relayout::{self, Relayout, Sizes};
use crate::engine::translate::{linear, Step};
use crate::engine::verdict::DropReason;
use crate::engine::wire::icmp::HEADER_LEN as ICMP_HEADER_LEN;
use crate::engine::wire::ipv6::{Ipv6Repr, HEADER_LEN, PROTO_ICMPV6};
use crate::engine::wire::{be16, byte, put32};

/// Headroom asked for with the first linearisation request.
const FIRST_HEADROOM: usize = 64;

/// The write plan of a rebuilt ICMPv6 error (also used by the 64
/// intrinsic hairpin of errors, SPEC 1.4 condition B).
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// Buffer moves.
    pub moves: Relayout,
    /// Outer IPv6 header.
    pub outer: Ipv6Repr,
    /// ICMPv6 type.
    pub icmp_type: u8,
    /// ICMPv6 code.
    pub code: u8,
    /// Bytes 4-7 of the ICMPv6 header.
    pub rest: u32,
    /// Inner header and L4 patch.
    pub inner: Inner6,
    /// The packet went 64 then 46.
    pub hairpinned: bool,
}

/// Translates an ICMPv4 error whose outer header passed SPEC 6 steps 1-5.
pub fn translate(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, _meta: &Meta, host: &mut impl Host, o: &Outer4, m: &Mapping) -> Verdict {
    match decide(cfg, pkt, host, o, m) {
        Ok(p) => write(pkt, &p),
        Err(v) => v,
    }
}

/// The read phase.
fn decide(cfg: &Config<'_>, pkt: &PacketBuf<'_>, host: &mut impl Host, o: &Outer4, m: &Mapping) -> Step<Plan> {
    let lin = linear(pkt);
    // The whole message is rebuilt: it must be linear.
    if lin.len() < o.len {
        return Err(Verdict::NeedLinear { len: o.len, headroom: FIRST_HEADROOM });
    }
    let msg = lin.get(o.ihl..o.len).unwrap_or(&[]);
    let body = msg.get(ICMP_HEADER_LEN..).unwrap_or(&[]);
    // 5. Pointer (SPEC 5.4) and the quoted packet (SPEC 5.5, 5.8).
    let rest = match m.rest {
        Rest::Pointer => pointer::v4_to_v6(byte(msg, 4)).ok_or(Verdict::Drop(DropReason::IcmpPointerUnmapped))?,
        Rest::FixedPointer(p) => p,
        _ => 0,
    };
    let length_attr = if m.length_in { byte(msg, IcmpFamily::V4.length_offset()) } else { 0 };
    let inner_hdr = Inner4::parse(body).map_err(Verdict::Drop)?;
    let ir = inner_hdr.repr;
    let body_len = u32::try_from(body.len()).unwrap_or(u32::MAX);
    let input = Input::parse(length_attr, IcmpFamily::V4, body_len, u32::from(ir.total_len));
    let n = usize::try_from(input.quote_len).unwrap_or(0);
    if n < inner_hdr.ihl {
        return Err(Verdict::Drop(DropReason::IcmpInnerInvalid));
    }
    // 6. Checksum over the whole message (anti-laundering, SPEC 4).
    if checksum::fold(checksum::sum(msg, 0)) != 0xffff {
        return Err(Verdict::Drop(DropReason::IcmpBadChecksum));
    }
    // 7. Addresses. Outer: destination first, source with the error
    // exemptions and fallback. Inner: roles swapped, no fallback.
    let simple = map::is_simple_hairpin(cfg);
    let mut dctx = MapCtx::outer(Position::Destination);
    dctx.outer_icmp_error = true;
    let (dst6, _) = map::v4_to_v6(cfg, o.repr.dst, &dctx).map_err(|f| map_fail(cfg, &o.may, f, Position::Destination))?;
    let mut sctx = MapCtx::outer(Position::Source);
    sctx.outer_icmp_error = true;
    // SPEC 1.4 second leg: source by RFC 6052 only if it is the inner
    // destination.
    sctx.rfc6052_only = simple && o.repr.src == ir.dst;
    let (src6, _) = map::v4_to_v6(cfg, o.repr.src, &sctx).map_err(|f| map_fail(cfg, &o.may, f, Position::Source))?;
    let ictx = |position| MapCtx {
        position,
        inner: true,
        outer_icmp_error: true,
        rfc6052_only: simple && position == Position::Destination,
        hop_limit: o.repr.ttl,
        random: 0,
    };
    let (idst6, _) = map::v4_to_v6(cfg, ir.dst, &ictx(Position::Destination)).map_err(|f| Verdict::Drop(f.reason(Position::Destination)))?;
    let (isrc6, _) = map::v4_to_v6(cfg, ir.src, &ictx(Position::Source)).map_err(|f| Verdict::Drop(f.reason(Position::Source)))?;
    let l4q = body.get(inner_hdr.ihl..n).unwrap_or(&[]);
    let inner6 = inner::translate(cfg, &inner_hdr, l4q, isrc6, idst6);
    // MTU (SPEC 3.5).
    let rest = match m.rest {
        Rest::Mtu => mtu::frag_needed_to_ptb(be16(msg, 6), ir.total_len, host.mtu6_toward(&dst6), host.mtu4_toward(ir.dst)),
        _ => rest,
    };
    // SPEC 5.6 / 5.7 layout.
    let inner_out = inner_hdr.out_header_len();
    let n_prime = n - inner_hdr.ihl + inner_out;
    let layout = ext4884::layout(&input, u32::try_from(n_prime).unwrap_or(u32::MAX), &Output::new(IcmpFamily::V6, m.carries_extension()));
    let sizes = Sizes {
        start: pkt.start,
        len: o.len,
        body_off: o.ihl + ICMP_HEADER_LEN,
        payload_off: o.ihl + ICMP_HEADER_LEN + inner_hdr.ihl,
        payload_avail: n - inner_hdr.ihl,
        outer_out: HEADER_LEN,
        inner_out,
    };
    let moves = relayout::plan(&sizes, &layout).map_err(|headroom| Verdict::NeedLinear { len: o.len, headroom })?;
    if !moves.in_bounds(pkt.buf.len()) {
        return Err(Verdict::Drop(DropReason::IcmpInnerInvalid));
    }
    let rest = if m.length_out && matches!(m.rest, Rest::Zero) { u32::from(layout.length_attr) << 24 } else { rest };
    let total = usize::try_from(layout.total_len).unwrap_or(0);
    Ok(Plan {
        moves,
        outer: Ipv6Repr {
            src: src6,
            dst: dst6,
            traffic_class: traffic_class(cfg, o.repr.tos),
            flow_label: 0,
            payload_len: u16::try_from(total.saturating_sub(HEADER_LEN)).unwrap_or(u16::MAX),
            next_header: PROTO_ICMPV6,
            hop_limit: o.hop_limit,
        },
        icmp_type: m.icmp_type,
        code: m.code,
        rest,
        inner: inner6,
        hairpinned: false,
    })
}

/// The write phase (infallible once the plan's moves are in bounds).
pub fn write(pkt: &mut PacketBuf<'_>, p: &Plan) -> Verdict {
    let mv = &p.moves;
    if !mv.in_bounds(pkt.buf.len()) {
        return Verdict::Drop(DropReason::NoMemory);
    }
    mv.apply(pkt.buf);
    if let Some(l4) = pkt.buf.get_mut(mv.payload_dst..mv.payload_dst + mv.payload_len) {
        p.inner.fix.apply(l4);
    }
    let Some(out) = pkt.buf.get_mut(mv.new_start..mv.new_end) else {
        return Verdict::Drop(DropReason::NoMemory);
    };
    let icmp_off = HEADER_LEN;
    let inner_off = icmp_off + ICMP_HEADER_LEN;
    if let Some(i) = out.get_mut(inner_off..) {
        emit_headers(i, &p.inner.ip6, p.inner.frag.as_ref());
    }
    emit_headers(out, &p.outer, None);
    if let Some(h) = out.get_mut(icmp_off..inner_off) {
        h[0] = p.icmp_type;
        h[1] = p.code;
        h[2] = 0;
        h[3] = 0;
        put32(h, 4, p.rest);
    }
    let icmp = out.get(icmp_off..).unwrap_or(&[]);
    let len = u32::try_from(icmp.len()).unwrap_or(0);
    let s = checksum::pseudo_v6(&p.outer.src, &p.outer.dst, PROTO_ICMPV6, len);
    let c = checksum::finish(checksum::sum(icmp, s));
    crate::engine::wire::put16(out, icmp_off + 2, c);
    let total = mv.new_end - mv.new_start;
    Verdict::Translated(Translated {
        family: Family::V6,
        start: mv.new_start,
        len: total,
        l4_offset: HEADER_LEN,
        l4_proto: PROTO_ICMPV6,
        gso_size: None,
        gso_segments: None,
        fragment: None,
        csum_partial_valid: false,
        hairpinned: p.hairpinned,
    })
}
