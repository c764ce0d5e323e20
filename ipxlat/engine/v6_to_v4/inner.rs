// SPDX-License-Identifier: GPL-2.0

//! The IPv6 packet quoted in an ICMPv6 error, translated to IPv4
//! (SPEC 5.5): hop limit copied, extension headers skipped, Fragment
//! header ⇒ MF/offset/ID, lengths of the original datagram, L4 checksum
//! patches only where the field is quoted.

use crate::engine::checksum;
use crate::engine::config::Config;
use crate::engine::translate::{addr_sum_v4, addr_sum_v6, echo_fix, tcp_udp_fix, L4Fix};
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::{self, ExtChain};
use crate::engine::wire::icmp::{self, is_error_v6};
use crate::engine::wire::ipv4::Ipv4Repr;
use crate::engine::wire::ipv6::{Ipv6Header, Ipv6Repr, HEADER_LEN, PROTO_ICMPV6};
use crate::engine::wire::l4;

/// The quoted IPv6 packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inner6 {
    /// Fixed header fields.
    pub repr: Ipv6Repr,
    /// Extension headers (all quoted).
    pub chain: ExtChain,
}

impl Inner6 {
    /// Parses the quote: fixed header and every extension header must be
    /// quoted; a packet that could not have been translated (Segments
    /// Left ≠ 0, extension after FH) or an inner ICMPv6 error ⇒ drop.
    pub fn parse(quote: &[u8]) -> Result<Self, DropReason> {
        let h = Ipv6Header::new_checked(quote).ok_or(DropReason::IcmpInnerInvalid)?;
        let repr = Ipv6Repr::parse(&h);
        let chain = ext6::walk(quote, quote.len(), repr.next_header).map_err(|_| DropReason::IcmpInnerInvalid)?;
        if chain.segments_left_ptr.is_some() || chain.ext_after_frag {
            return Err(DropReason::IcmpInnerInvalid);
        }
        let first = chain.frag.is_none_or(|f| f.offset == 0);
        if chain.protocol == PROTO_ICMPV6 && first {
            if let Some(&t) = quote.get(chain.l4_offset) {
                if is_error_v6(t) {
                    return Err(DropReason::IcmpErrorAboutError);
                }
            }
        }
        Ok(Self { repr, chain })
    }

    /// Upper-layer length of the original datagram.
    pub fn upper_len(&self) -> usize {
        (HEADER_LEN + usize::from(self.repr.payload_len)).saturating_sub(self.chain.l4_offset)
    }
}

/// Translates the quoted header; `l4q` = quoted L4 bytes.
pub fn translate(cfg: &Config<'_>, inner: &Inner6, l4q: &[u8], src4: [u8; 4], dst4: [u8; 4]) -> (Ipv4Repr, L4Fix) {
    let r = &inner.repr;
    let proto = inner.chain.protocol;
    let upper = inner.upper_len();
    let total = upper + 20;
    let frag = inner.chain.frag;
    let mut fix = L4Fix::default();
    if frag.is_none_or(|f| f.offset == 0) {
        let removed = addr_sum_v6(&r.src, &r.dst);
        let added = addr_sum_v4(&src4, &dst4);
        match proto {
            l4::PROTO_TCP if l4q.len() >= l4::TCP_CHECKSUM + 2 => {
                fix.csum = tcp_udp_fix(proto, l4q, 0, false, removed, added);
            }
            l4::PROTO_UDP if l4q.len() >= l4::UDP_HEADER_LEN => {
                fix.csum = tcp_udp_fix(proto, l4q, 0, false, removed, added);
            }
            PROTO_ICMPV6 if l4q.len() >= icmp::CHECKSUM + 2 => {
                let new_type = match l4q[icmp::TYPE] {
                    icmp::V6_ECHO_REQUEST => Some(icmp::V4_ECHO_REQUEST),
                    icmp::V6_ECHO_REPLY => Some(icmp::V4_ECHO_REPLY),
                    _ => None,
                };
                if let Some(t) = new_type {
                    let len = u32::try_from(upper).unwrap_or(0);
                    let pseudo = checksum::pseudo_v6(&r.src, &r.dst, PROTO_ICMPV6, len);
                    fix = echo_fix(l4q, 0, t, false, pseudo, 0);
                }
            }
            _ => {}
        }
    }
    let repr = Ipv4Repr {
        src: src4,
        dst: dst4,
        tos: super::tos(cfg, r.traffic_class),
        total_len: u16::try_from(total).unwrap_or(u16::MAX),
        // Project decision: the original ID is not recoverable (SPEC 5.5);
        // 0 for unfragmented quotes.
        ident: frag.map_or(0, |f| f.ident as u16),
        df: frag.is_none() && total > super::DF_THRESHOLD,
        mf: frag.is_some_and(|f| f.more),
        frag_offset: frag.map_or(0, |f| f.offset),
        ttl: r.hop_limit,
        protocol: super::protocol_v6_to_v4(proto),
    };
    (repr, fix)
}
