// SPDX-License-Identifier: GPL-2.0

//! Independent oracle: re-parses every packet the engine emits with the
//! `etherparse` crate and checks lengths, the IPv4 header checksum and the
//! TCP/UDP/ICMP/ICMPv6 checksums, computed with etherparse's functions.

use etherparse::{
    checksum::Sum16BitWords, Icmpv6Slice, IpNumber, Ipv4Header, Ipv6FragmentHeader, Ipv6Header, TcpHeader,
    UdpHeader,
};

/// Checks an emitted IPv4 packet; its transport checksum only with
/// `check_l4` (not for a payload the translator leaves untouched because
/// it was no transport of the input's family, SPEC 2.5).
pub fn check_v4(p: &[u8], check_l4: bool) {
    let (h, rest) = Ipv4Header::from_slice(p).expect("oracle: IPv4 header parses");
    assert_eq!(usize::from(h.total_len), p.len(), "oracle: IPv4 total length");
    assert_eq!(h.header_checksum, h.calc_header_checksum(), "oracle: IPv4 header checksum");
    assert_eq!(h.header_len(), 20, "oracle: translator emits IHL 5");
    let fragment = h.more_fragments || h.fragment_offset.value() != 0;
    if fragment || !check_l4 {
        return;
    }
    check_l4_v4(h.source, h.destination, h.protocol, rest);
}

/// Checks the transport checksum of an unfragmented IPv4 payload.
pub fn check_l4_v4(src: [u8; 4], dst: [u8; 4], proto: IpNumber, l4: &[u8]) {
    match proto {
        IpNumber::TCP => {
            let (t, payload) = TcpHeader::from_slice(l4).expect("oracle: TCP parses");
            assert_eq!(t.calc_checksum_ipv4_raw(src, dst, payload).unwrap(), t.checksum, "oracle: TCP/IPv4 checksum");
        }
        IpNumber::UDP => {
            let (u, payload) = UdpHeader::from_slice(l4).expect("oracle: UDP parses");
            assert_eq!(usize::from(u.length), l4.len(), "oracle: UDP length");
            if u.checksum != 0 {
                assert_eq!(u.calc_checksum_ipv4_raw(src, dst, payload).unwrap(), u.checksum, "oracle: UDP/IPv4 checksum");
            }
        }
        IpNumber::ICMP => {
            let s = Sum16BitWords::new().add_slice(l4).ones_complement();
            assert_eq!(s, 0, "oracle: ICMPv4 checksum");
        }
        _ => {}
    }
}

/// Structure of an emitted IPv6 packet or piece: length, FH, no
/// atomic fragment.
pub fn check_v6_structure(p: &[u8]) -> (Ipv6Header, Option<Ipv6FragmentHeader>, usize) {
    let (h, rest) = Ipv6Header::from_slice(p).expect("oracle: IPv6 header parses");
    assert_eq!(usize::from(h.payload_length) + 40, p.len(), "oracle: IPv6 payload length");
    if h.next_header == IpNumber::IPV6_FRAGMENTATION_HEADER {
        let (f, _) = Ipv6FragmentHeader::from_slice(rest).expect("oracle: FH parses");
        assert!(f.more_fragments || f.fragment_offset.value() != 0, "oracle: no atomic fragments (RFC 8021)");
        (h, Some(f), 48)
    } else {
        (h, None, 40)
    }
}

/// Checks an emitted (unfragmented or reassembled) IPv6 packet; its
/// transport checksum only with `check_l4` (as [`check_v4`]).
pub fn check_v6(p: &[u8], check_l4: bool) {
    let (h, f, off) = check_v6_structure(p);
    if f.is_some() || !check_l4 {
        return;
    }
    check_l4_v6(h.source, h.destination, h.next_header, &p[off..]);
}

/// Checks the transport checksum of an unfragmented IPv6 payload.
pub fn check_l4_v6(src: [u8; 16], dst: [u8; 16], proto: IpNumber, l4: &[u8]) {
    match proto {
        IpNumber::TCP => {
            let (t, payload) = TcpHeader::from_slice(l4).expect("oracle: TCP parses");
            assert_eq!(t.calc_checksum_ipv6_raw(src, dst, payload).unwrap(), t.checksum, "oracle: TCP/IPv6 checksum");
        }
        IpNumber::UDP => {
            let (u, payload) = UdpHeader::from_slice(l4).expect("oracle: UDP parses");
            assert_eq!(usize::from(u.length), l4.len(), "oracle: UDP length");
            assert_ne!(u.checksum, 0, "oracle: no zero UDP checksum in IPv6");
            assert_eq!(u.calc_checksum_ipv6_raw(src, dst, payload).unwrap(), u.checksum, "oracle: UDP/IPv6 checksum");
        }
        IpNumber::IPV6_ICMP => {
            let s = Icmpv6Slice::from_slice(l4).expect("oracle: ICMPv6 parses");
            assert!(s.is_checksum_valid(src, dst), "oracle: ICMPv6 checksum");
        }
        _ => {}
    }
}

/// Reassembles the pieces of a split (all with a FH) into one unfragmented
/// IPv6 packet when they form the whole datagram (offset 0 … M=0), else
/// returns the first piece.
pub fn reassemble_v6(pieces: &[Vec<u8>]) -> Vec<u8> {
    let mut data = Vec::new();
    let mut next = 0usize;
    let mut nh = 0u8;
    let mut complete = false;
    let mut first_hdr = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let (h, f, off) = check_v6_structure(p);
        let f = f.expect("oracle: every piece has a FH");
        if i == 0 {
            if f.fragment_offset.value() != 0 {
                return pieces[0].clone();
            }
            first_hdr = p[..40].to_vec();
            nh = f.next_header.0;
        }
        assert_eq!(usize::from(f.fragment_offset.value()) * 8, next, "oracle: contiguous pieces");
        if f.more_fragments {
            assert_eq!((p.len() - off) % 8, 0, "oracle: non-last piece multiple of 8");
        }
        assert!(p.len() <= 1500, "oracle: piece within threshold");
        data.extend_from_slice(&p[off..]);
        next += p.len() - off;
        complete = !f.more_fragments;
        let _ = h;
    }
    if !complete {
        return pieces[0].clone();
    }
    let mut out = first_hdr;
    out[4..6].copy_from_slice(&(data.len() as u16).to_be_bytes());
    out[6] = nh;
    out.extend_from_slice(&data);
    out
}
