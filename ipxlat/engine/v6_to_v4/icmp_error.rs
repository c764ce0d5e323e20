// SPDX-License-Identifier: GPL-2.0

//! ICMPv6 error → ICMPv4 error (SPEC 5.3-5.9, 3.5): the message is
//! verified, then rebuilt around the quoted payload, which stays in place.
//!
//! Read phase: pointer/MTU, inner header, error-about-error, checksum
//! (anti-laundering, SPEC 4), addresses (outer source with the SPEC 5.9
//! fallback, inner with swapped roles), RFC 4884 layout and the 576 B cap.
//! Write phase: moves ([`crate::engine::translate::relayout`]), inner
//! header and L4 patch, ICMPv4 header, outer header, checksum.

use super::inner::{self, Inner6};
use super::{hairpin_error, tos, Outer6};
use crate::engine::addr::map::{self, MapCtx, Position};
use crate::engine::checksum;
use crate::engine::config::Config;
use crate::engine::icmp::action::{Mapping, Rest};
use crate::engine::icmp::ext4884::{self, Family as IcmpFamily, Input, Output};
use crate::engine::icmp::{mtu, pointer};
use crate::engine::packet::{Family, Host, Meta, PacketBuf, Translated, Verdict};
use crate::engine::translate::relayout::{self, Relayout, Sizes};
use crate::engine::translate::{linear, L4Fix, Step};
use crate::engine::v4_to_v6::map_fail;
use crate::engine::verdict::DropReason;
use crate::engine::wire::icmp::HEADER_LEN as ICMP_HEADER_LEN;
use crate::engine::wire::ipv4::{Ipv4Repr, HEADER_LEN, PROTO_ICMP};
use crate::engine::wire::ipv6::PROTO_ICMPV6;
use crate::engine::wire::{be32, byte, put16, put32};

/// The write plan.
#[derive(Clone, Copy, Debug)]
struct Plan {
    moves: Relayout,
    outer: Ipv4Repr,
    icmp_type: u8,
    code: u8,
    rest: u32,
    inner: Ipv4Repr,
    inner_fix: L4Fix,
}

/// Outcome of the read phase.
#[derive(Clone, Copy, Debug)]
enum Decision {
    /// An ICMPv4 error.
    V4(Plan),
    /// An intrinsic hairpin (SPEC 1.4 B): an ICMPv6 error again.
    Hairpin(crate::engine::v4_to_v6::icmp_error::Plan),
}

/// Translates an ICMPv6 error whose outer header passed SPEC 6 steps 1-5.
pub fn translate(cfg: &Config<'_>, pkt: &mut PacketBuf<'_>, _meta: &Meta, host: &mut impl Host, o: &Outer6, m: &Mapping) -> Verdict {
    match decide(cfg, pkt, host, o, m) {
        Ok(Decision::V4(p)) => write(pkt, &p),
        Ok(Decision::Hairpin(p)) => crate::engine::v4_to_v6::icmp_error::write(pkt, &p),
        Err(v) => v,
    }
}

/// The read phase.
fn decide(cfg: &Config<'_>, pkt: &PacketBuf<'_>, host: &mut impl Host, o: &Outer6, m: &Mapping) -> Step<Decision> {
    let lin = linear(pkt);
    if lin.len() < o.len {
        return Err(Verdict::NeedLinear { len: o.len, headroom: 0 });
    }
    let l4_off = o.chain.l4_offset;
    let msg = lin.get(l4_off..o.len).unwrap_or(&[]);
    let body = msg.get(ICMP_HEADER_LEN..).unwrap_or(&[]);
    // 5. Pointer (SPEC 5.4) and the quoted packet (SPEC 5.5, 5.8).
    let rest = match m.rest {
        Rest::Pointer => u32::from(pointer::v6_to_v4(be32(msg, 4)).ok_or(Verdict::Drop(DropReason::IcmpPointerUnmapped))?) << 24,
        Rest::FixedPointer(p) => p,
        _ => 0,
    };
    let length_attr = if m.length_in { byte(msg, IcmpFamily::V6.length_offset()) } else { 0 };
    // Parse only the quote: its length depends on the inner header.
    let declared = |b: &[u8]| 40 + u32::from(crate::engine::wire::be16(b, 4));
    let body_len = u32::try_from(body.len()).unwrap_or(u32::MAX);
    let input = Input::parse(length_attr, IcmpFamily::V6, body_len, declared(body));
    let n = usize::try_from(input.quote_len).unwrap_or(0).min(body.len());
    let quote = body.get(..n).unwrap_or(&[]);
    let inner_hdr = Inner6::parse(quote).map_err(Verdict::Drop)?;
    // 6. Checksum (anti-laundering, SPEC 4).
    let len = u32::try_from(msg.len()).unwrap_or(0);
    let pseudo = checksum::pseudo_v6(&o.repr.src, &o.repr.dst, PROTO_ICMPV6, len);
    if checksum::fold(checksum::sum(msg, pseudo)) != 0xffff {
        return Err(Verdict::Drop(DropReason::IcmpBadChecksum));
    }
    // 7. Addresses: outer destination, outer source (fallback), inner.
    let mut dctx = MapCtx::outer(Position::Destination);
    dctx.outer_icmp_error = true;
    let (dst4, _) = map::v6_to_v4(cfg, &o.repr.dst, &dctx).map_err(|f| map_fail(cfg, &o.may, f, Position::Destination))?;
    let mut sctx = MapCtx::outer(Position::Source);
    sctx.outer_icmp_error = true;
    sctx.hop_limit = o.repr.hop_limit;
    sctx.random = host.random_u32();
    let (src4, _) = map::v6_to_v4(cfg, &o.repr.src, &sctx).map_err(|f| map_fail(cfg, &o.may, f, Position::Source))?;
    let ictx = |position| MapCtx {
        position,
        inner: true,
        outer_icmp_error: true,
        rfc6052_only: false,
        hop_limit: o.repr.hop_limit,
        random: 0,
    };
    let ir = &inner_hdr.repr;
    let (idst4, _) = map::v6_to_v4(cfg, &ir.dst, &ictx(Position::Destination)).map_err(|f| Verdict::Drop(f.reason(Position::Destination)))?;
    let (isrc4, irule) = map::v6_to_v4(cfg, &ir.src, &ictx(Position::Source)).map_err(|f| Verdict::Drop(f.reason(Position::Source)))?;
    if map::is_intrinsic_hairpin(cfg, isrc4, irule) {
        let leg1 = hairpin_error::Leg1 {
            outer: o,
            mapping: m,
            msg,
            input,
            quote_len: n,
            inner: &inner_hdr,
            src4,
            dst4,
            isrc4,
            idst4,
        };
        return hairpin_error::decide(cfg, pkt, host, &leg1).map(Decision::Hairpin);
    }
    let inner_in = inner_hdr.chain.l4_offset;
    let l4q = quote.get(inner_in..).unwrap_or(&[]);
    let (inner4, inner_fix) = inner::translate(cfg, &inner_hdr, l4q, isrc4, idst4);
    // MTU (SPEC 3.5): bytes 6-7, bytes 4-5 zero.
    let rest = match m.rest {
        Rest::Mtu => u32::from(mtu::ptb_to_frag_needed(be32(msg, 4), host.mtu4_toward(dst4), host.mtu6_toward(&ir.dst))),
        _ => rest,
    };
    // SPEC 5.6 / 5.7 layout.
    let n_prime = n - inner_in + HEADER_LEN;
    let layout = ext4884::layout(&input, u32::try_from(n_prime).unwrap_or(u32::MAX), &Output::new(IcmpFamily::V4, m.carries_extension()));
    let sizes = Sizes {
        start: pkt.start,
        len: o.len,
        body_off: l4_off + ICMP_HEADER_LEN,
        payload_off: l4_off + ICMP_HEADER_LEN + inner_in,
        payload_avail: n - inner_in,
        outer_out: HEADER_LEN,
        inner_out: HEADER_LEN,
    };
    let moves = relayout::plan(&sizes, &layout).map_err(|headroom| Verdict::NeedLinear { len: o.len, headroom })?;
    if !moves.in_bounds(pkt.buf.len()) {
        return Err(Verdict::Drop(DropReason::IcmpInnerInvalid));
    }
    // ICMPv4 length attribute at byte 5 (SPEC 5.6).
    let rest = if m.length_out && matches!(m.rest, Rest::Zero) { u32::from(layout.length_attr) << 16 } else { rest };
    let total = usize::try_from(layout.total_len).unwrap_or(0);
    // An error reaching here is unfragmented or in an atomic fragment
    // (real fragments of ICMPv6 are dropped, SPEC 3.4); an atomic
    // fragment's ID is copied (SPEC 2.3, 2.4).
    let ident = match o.chain.frag {
        Some(f) => f.ident as u16,
        None => host.ipv4_id(src4, dst4, PROTO_ICMP, 1),
    };
    Ok(Decision::V4(Plan {
        moves,
        outer: Ipv4Repr {
            src: src4,
            dst: dst4,
            tos: tos(cfg, o.repr.traffic_class),
            total_len: u16::try_from(total).unwrap_or(u16::MAX),
            ident,
            // SPEC 5.7: translated ICMPv4 errors leave with DF=0.
            df: false,
            mf: false,
            frag_offset: 0,
            ttl: o.hop_limit,
            protocol: PROTO_ICMP,
        },
        icmp_type: m.icmp_type,
        code: m.code,
        rest,
        inner: inner4,
        inner_fix,
    }))
}

/// The write phase.
fn write(pkt: &mut PacketBuf<'_>, p: &Plan) -> Verdict {
    let mv = &p.moves;
    if !mv.in_bounds(pkt.buf.len()) {
        return Verdict::Drop(DropReason::NoMemory);
    }
    mv.apply(pkt.buf);
    if let Some(l4) = pkt.buf.get_mut(mv.payload_dst..mv.payload_dst + mv.payload_len) {
        p.inner_fix.apply(l4);
    }
    let Some(out) = pkt.buf.get_mut(mv.new_start..mv.new_end) else {
        return Verdict::Drop(DropReason::NoMemory);
    };
    let icmp_off = HEADER_LEN;
    let inner_off = icmp_off + ICMP_HEADER_LEN;
    if let Some(Ok(h)) = out.get_mut(inner_off..inner_off + HEADER_LEN).map(<&mut [u8; HEADER_LEN]>::try_from) {
        p.inner.emit(h);
    }
    if let Some(Ok(h)) = out.get_mut(..HEADER_LEN).map(<&mut [u8; HEADER_LEN]>::try_from) {
        p.outer.emit(h);
    }
    if let Some(h) = out.get_mut(icmp_off..inner_off) {
        h[0] = p.icmp_type;
        h[1] = p.code;
        h[2] = 0;
        h[3] = 0;
        put32(h, 4, p.rest);
    }
    let c = checksum::finish(checksum::sum(out.get(icmp_off..).unwrap_or(&[]), 0));
    put16(out, icmp_off + 2, c);
    Verdict::Translated(Translated {
        family: Family::V4,
        start: mv.new_start,
        len: mv.new_end - mv.new_start,
        l4_offset: HEADER_LEN,
        l4_proto: PROTO_ICMP,
        gso_size: None,
        gso_segments: None,
        fragment: None,
        csum_partial_valid: false,
        hairpinned: false,
    })
}
