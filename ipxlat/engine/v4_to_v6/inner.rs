// SPDX-License-Identifier: GPL-2.0

//! The IPv4 packet quoted in an ICMPv4 error, translated to IPv6
//! (SPEC 5.5): TTL copied, options removed, Fragment header for a
//! fragment, lengths of the original datagram, L4 checksum patches only
//! where the field is quoted.

use crate::engine::checksum;
use crate::engine::config::Config;
use crate::engine::translate::{addr_sum_v4, addr_sum_v6, echo_fix, tcp_udp_fix, L4Fix};
use crate::engine::verdict::DropReason;
use crate::engine::wire::ext6::{FragInfo, FRAG_HEADER_LEN};
use crate::engine::wire::icmp::{self, is_error_v4};
use crate::engine::wire::ipv4::{Ipv4Header, Ipv4Repr, PROTO_ICMP};
use crate::engine::wire::ipv6::{Ipv6Repr, HEADER_LEN, PROTO_ICMPV6};
use crate::engine::wire::l4;

/// The quoted IPv4 packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inner4 {
    /// Header fields.
    pub repr: Ipv4Repr,
    /// Header length (IHL·4), fully quoted.
    pub ihl: usize,
}

impl Inner4 {
    /// Parses the quote: the complete IPv4 header must be present; an
    /// inner ICMP error ⇒ drop (SPEC 5.5, 5.8).
    pub fn parse(quote: &[u8]) -> Result<Self, DropReason> {
        let h = Ipv4Header::new_checked(quote).ok_or(DropReason::IcmpInnerInvalid)?;
        let repr = Ipv4Repr::parse(&h);
        let ihl = h.header_len();
        if repr.protocol == PROTO_ICMP && repr.frag_offset == 0 {
            if let Some(&t) = quote.get(ihl) {
                if is_error_v4(t) {
                    return Err(DropReason::IcmpErrorAboutError);
                }
            }
        }
        Ok(Self { repr, ihl })
    }

    /// IPv6 header length of the translation (40, 48 with a FH).
    pub fn out_header_len(&self) -> usize {
        HEADER_LEN + if self.repr.is_fragment() { FRAG_HEADER_LEN } else { 0 }
    }
}

/// The translated inner header and L4 patch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inner6 {
    /// Fixed header (`next_header` = upper-layer protocol).
    pub ip6: Ipv6Repr,
    /// Fragment header, for a fragment.
    pub frag: Option<FragInfo>,
    /// Patch of the quoted L4 bytes (offsets from the L4 start).
    pub fix: L4Fix,
}

/// Translates the quoted header; `l4q` = quoted L4 bytes.
pub fn translate(cfg: &Config<'_>, inner: &Inner4, l4q: &[u8], src6: [u8; 16], dst6: [u8; 16]) -> Inner6 {
    let r = &inner.repr;
    let frag = r.is_fragment().then_some(FragInfo {
        offset: r.frag_offset,
        more: r.mf,
        ident: u32::from(r.ident),
    });
    // Length of the original datagram (SPEC 5.5).
    let data_len = usize::from(r.total_len).saturating_sub(inner.ihl);
    let payload = data_len + if frag.is_some() { FRAG_HEADER_LEN } else { 0 };
    let proto6 = if r.protocol == PROTO_ICMP { PROTO_ICMPV6 } else { r.protocol };
    let mut fix = L4Fix::default();
    if r.frag_offset == 0 {
        let removed = addr_sum_v4(&r.src, &r.dst);
        let added = addr_sum_v6(&src6, &dst6);
        match r.protocol {
            l4::PROTO_TCP if l4q.len() >= l4::TCP_CHECKSUM + 2 => {
                fix.csum = tcp_udp_fix(r.protocol, l4q, 0, false, removed, added);
            }
            l4::PROTO_UDP if l4q.len() >= l4::UDP_HEADER_LEN => {
                fix.csum = tcp_udp_fix(r.protocol, l4q, 0, false, removed, added);
            }
            PROTO_ICMP if l4q.len() >= icmp::CHECKSUM + 2 => {
                let new_type = match l4q[icmp::TYPE] {
                    icmp::V4_ECHO_REQUEST => Some(icmp::V6_ECHO_REQUEST),
                    icmp::V4_ECHO_REPLY => Some(icmp::V6_ECHO_REPLY),
                    _ => None,
                };
                if let Some(t) = new_type {
                    let len = u32::try_from(data_len).unwrap_or(0);
                    let pseudo = checksum::pseudo_v6(&src6, &dst6, PROTO_ICMPV6, len);
                    fix = echo_fix(l4q, 0, t, false, 0, pseudo);
                }
            }
            _ => {}
        }
    }
    Inner6 {
        ip6: Ipv6Repr {
            src: src6,
            dst: dst6,
            traffic_class: super::traffic_class(cfg, r.tos),
            flow_label: 0,
            payload_len: u16::try_from(payload).unwrap_or(u16::MAX),
            next_header: proto6,
            hop_limit: r.ttl,
        },
        frag,
        fix,
    }
}
