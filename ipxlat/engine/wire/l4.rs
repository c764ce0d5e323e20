// SPDX-License-Identifier: GPL-2.0

//! TCP and UDP header fields the translator touches (RFC 9293, RFC 768).

use super::{ext6, ipv6};

/// Protocol number of TCP.
pub const PROTO_TCP: u8 = 6;
/// Protocol number of UDP.
pub const PROTO_UDP: u8 = 17;
/// Minimum TCP header length.
pub const TCP_MIN_HEADER_LEN: usize = 20;
/// Offset of the TCP checksum.
pub const TCP_CHECKSUM: usize = 16;
/// Offset of the TCP data offset byte.
pub const TCP_DATA_OFFSET: usize = 12;
/// UDP header length.
pub const UDP_HEADER_LEN: usize = 8;
/// Offset of the UDP length field.
pub const UDP_LENGTH: usize = 4;
/// Offset of the UDP checksum.
pub const UDP_CHECKSUM: usize = 6;

/// Offset of the checksum field for TCP and UDP, `None` for others.
pub fn checksum_offset(proto: u8) -> Option<usize> {
    match proto {
        PROTO_TCP => Some(TCP_CHECKSUM),
        PROTO_UDP => Some(UDP_CHECKSUM),
        _ => None,
    }
}

/// Whether a `CHECKSUM_PARTIAL` request on `pkt` (an IPv4 or IPv6 packet,
/// from its network header) is one translation keeps right: the sum starts
/// at the transport header right after the fixed IP header (`start`, from
/// the network header) and, for TCP and UDP, is stored in their checksum
/// field (`offset`, from `start`). A device offering `NETIF_F_HW_CSUM` can
/// be handed any other layout (IPv6 extension headers, offsets a sender
/// chose); the caller completes those in software before translating, as
/// the headers in front of them change size (SPEC 4).
pub fn partial_checksum_at_l4(pkt: &[u8], start: usize, offset: usize) -> bool {
    let (l4, proto) = match pkt.first().map(|b| b >> 4) {
        Some(4) => (usize::from(pkt[0] & 0x0f) * 4, pkt.get(9)),
        Some(6) => (ipv6::HEADER_LEN, pkt.get(6)),
        _ => return false,
    };
    let Some(&proto) = proto else {
        return false;
    };
    // Extension headers the translation removes: the transport header
    // moves to another place than `start` says.
    let removed = matches!(proto, ext6::NH_HOP_BY_HOP | ext6::NH_ROUTING | ext6::NH_FRAGMENT | ext6::NH_DEST_OPTS);
    start == l4 && !removed && checksum_offset(proto).is_none_or(|field| field == offset)
}

/// Number of leading L4 bytes that must be linear (and present in a first
/// fragment) to check and update the header: TCP 20, UDP 8, ICMP 8.
/// `icmp` is the ICMP protocol number of the packet's own family (1 or
/// 58): the other family's number is an unknown transport there, translated
/// with its payload untouched whatever its length (SPEC 2.5, 6).
pub fn min_header_len(proto: u8, icmp: u8) -> usize {
    match proto {
        PROTO_TCP => TCP_MIN_HEADER_LEN,
        PROTO_UDP => UDP_HEADER_LEN,
        p if p == icmp => super::icmp::HEADER_LEN,
        _ => 0,
    }
}

/// Structural L4 check for an unfragmented packet or first fragment
/// (SPEC 6 "L4"): `hdr` = linear L4 bytes (at least `min_header_len`),
/// `data_len` = L4 bytes in this packet, `whole` = not a fragment.
pub fn header_ok(proto: u8, icmp: u8, hdr: &[u8], data_len: usize, whole: bool) -> bool {
    let min = min_header_len(proto, icmp);
    if data_len < min || hdr.len() < min {
        return false;
    }
    match proto {
        PROTO_TCP => {
            let doff = usize::from(hdr[TCP_DATA_OFFSET] >> 4) * 4;
            doff >= TCP_MIN_HEADER_LEN && doff <= data_len
        }
        PROTO_UDP => {
            let ulen = usize::from(super::be16(hdr, UDP_LENGTH));
            ulen >= UDP_HEADER_LEN && (!whole || ulen <= data_len)
        }
        _ => true,
    }
}
