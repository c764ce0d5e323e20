// SPDX-License-Identifier: GPL-2.0

//! 46 size decisions (SPEC 3.1, 3.2, 3.6): translate whole, split into
//! pieces of at most `T = min(LIM, MTU6_nh)`, or Fragmentation Needed.

use crate::engine::icmp::mtu::frag_needed_mtu_v4_to_v6;
use crate::engine::packet::{FragmentPlan, Gso, GsoKind};
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::FRAG_HEADER_LEN;
use crate::engine::wire::ipv6::HEADER_LEN;

/// Every IPv6 path MTU is at least this (RFC 8200): translated packets
/// (or GSO segments) no larger never need `MTU6_nh`.
pub const IPV6_MIN_MTU: usize = 1280;

/// `MTU6_nh` stand-in when [`needs_mtu6`] says the route lookup cannot
/// change the decision.
pub const MTU6_UNNEEDED: u32 = u32::MAX;

/// Whether [`decide`] can depend on `MTU6_nh` (SPEC 3.1: every IPv6 path
/// MTU is ≥ 1280): the translated packet (GSO: each segment) is larger
/// than 1280 bytes. Otherwise callers skip the host route lookup and pass
/// [`MTU6_UNNEEDED`], which gives the same decision.
pub fn needs_mtu6(data_len: usize, fragment: bool, l4_header_len: usize, gso: Option<Gso>) -> bool {
    let h6 = HEADER_LEN + if fragment { FRAG_HEADER_LEN } else { 0 };
    let size = match gso {
        Some(g) => h6 + l4_header_len + usize::from(g.size),
        None => h6 + data_len,
    };
    size > IPV6_MIN_MTU
}

/// The input facts the decision needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeIn {
    /// IPv4 header length.
    pub ihl: usize,
    /// IPv4 payload bytes (Total Length − IHL·4).
    pub data_len: usize,
    /// DF flag.
    pub df: bool,
    /// Input is a fragment (a Fragment header is written anyway).
    pub fragment: bool,
    /// Input fragment offset (8-byte units).
    pub frag_offset: u16,
    /// Input MF flag.
    pub mf: bool,
    /// Input IPv4 ID.
    pub ident: u16,
    /// L4 header length for GSO segment sizes (TCP data offset, UDP 8).
    pub l4_header_len: usize,
    /// `MTU6_nh`.
    pub mtu6: u32,
    /// `lowest-ipv6-mtu`.
    pub lim: u32,
}

/// The decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeOut {
    /// Translate as one packet; `true` = with a Fragment header.
    Whole {
        /// A Fragment header is written (the input is a fragment).
        fragment_header: bool,
        /// GSO size to report (adjusted for TCP, SPEC 3.6).
        gso_size: Option<u16>,
        /// Segment count once `gso_size` was lowered; `None` if unchanged.
        gso_segments: Option<u16>,
    },
    /// Split (SPEC 3.2).
    Split(FragmentPlan),
    /// reject(3/4) with this MTU.
    TooBig(u16),
    /// Drop (GSO that cannot be sent).
    Drop(DropReason),
}

/// Decides (SPEC 3.2 table, 3.6 GSO).
pub fn decide(s: &SizeIn, gso: Option<Gso>) -> SizeOut {
    let h6 = HEADER_LEN + if s.fragment { FRAG_HEADER_LEN } else { 0 };
    let mtu6 = usize::try_from(s.mtu6).unwrap_or(usize::MAX);
    if let Some(g) = gso {
        // SPEC 3.6: size checks per segment, never split. A DF=0 segment is
        // bounded like any DF=0 packet by T = min(LIM, MTU6_nh) (SPEC 3.2):
        // larger ones would have to be fragmented, which a GSO packet cannot
        // be (the kernel glue has the stack segment such packets first).
        let limit = if s.df { mtu6 } else { usize::try_from(s.lim.min(s.mtu6)).unwrap_or(usize::MAX) };
        let seg6 = h6 + s.l4_header_len + usize::from(g.size);
        if seg6 <= limit {
            return SizeOut::Whole { fragment_header: s.fragment, gso_size: Some(g.size), gso_segments: None };
        }
        let growth = h6.saturating_sub(s.ihl);
        if g.kind == GsoKind::Tcp && growth > 0 && seg6 - growth <= limit && usize::from(g.size) > growth {
            let size = g.size - u16::try_from(growth).unwrap_or(0);
            // Smaller segments make more of them: queueing and the egress
            // device's gso_max_segs count them.
            let segments = Gso { size, kind: g.kind }.segments(s.data_len.saturating_sub(s.l4_header_len));
            return SizeOut::Whole { fragment_header: s.fragment, gso_size: Some(size), gso_segments: Some(segments) };
        }
        return if s.df {
            SizeOut::TooBig(frag_needed_mtu_v4_to_v6(s.mtu6))
        } else {
            SizeOut::Drop(DropReason::UnsupportedOffload)
        };
    }
    let len6 = s.data_len + h6;
    if s.df {
        if len6 > mtu6 {
            return SizeOut::TooBig(frag_needed_mtu_v4_to_v6(s.mtu6));
        }
        return SizeOut::Whole { fragment_header: s.fragment, gso_size: None, gso_segments: None };
    }
    let t = usize::try_from(s.lim.min(s.mtu6)).unwrap_or(usize::MAX);
    if len6 <= t {
        return SizeOut::Whole { fragment_header: s.fragment, gso_size: None, gso_segments: None };
    }
    let header_len = HEADER_LEN + FRAG_HEADER_LEN;
    let piece_payload = (t.saturating_sub(header_len) / 8 * 8).max(8);
    SizeOut::Split(FragmentPlan {
        header_len,
        piece_payload,
        total_payload: s.data_len,
        offset: s.frag_offset,
        more: s.mf,
        ident: u32::from(s.ident),
    })
}
