// SPDX-License-Identifier: GPL-2.0

//! ICMP error translation vectors (SPEC 3.5, 5.2-5.10), inner packets,
//! RFC 4884 and size caps. Every emitted packet passes the oracle.

mod common;

use common::icmp_errors::*;
use common::*;
use ipxlat_engine::engine::packet::Verdict;
use ipxlat_engine::engine::verdict::DropReason;

#[test]
fn port_unreachable_46() {
    let inner = inner4(b"some payload");
    let o = run(&cfg_ref(), &err4(3, 3, [0; 4], &inner));
    let b = &o.bytes;
    assert_eq!(&b[8..24], &v6(NS4_6));
    assert_eq!(&b[24..40], &v6(TARGET_6));
    assert_eq!(b[6], 58);
    assert_eq!(b[7], 63);
    assert_eq!((b[40], b[41]), (1, 4));
    assert_eq!(&b[44..48], &[0, 0, 0, 0]);
    assert_eq!(&b[48..], &inner6(b"some payload")[..]);
}

#[test]
fn port_unreachable_64() {
    let inner = inner6(b"some payload");
    let o = run(&cfg_ref(), &err6(1, 4, [0; 4], &inner));
    let b = &o.bytes;
    assert_eq!(&b[12..16], &v4(TARGET));
    assert_eq!(&b[16..20], &v4(NS4));
    assert_eq!(b[9], 1);
    assert_eq!(b[6] & 0x40, 0, "DF=0 on translated ICMPv4 errors");
    assert_eq!((b[20], b[21]), (3, 3));
    // Inner: IPv4 with ID 0, DF=0 (short), checksum valid; UDP exact.
    let want = inner4(b"some payload");
    assert_eq!(&b[28 + 20..], &want[20..]);
    assert_eq!(&b[28 + 12..28 + 20], &want[12..20]);
    assert_eq!(b[28 + 9], 17);
    assert_eq!(b[28 + 8], 64, "inner TTL copied");
}

#[test]
fn type_code_maps_46() {
    let inner = inner4(b"x");
    for (t, c, t6, c6) in [
        (3, 0, 1, 0), (3, 1, 1, 0), (3, 5, 1, 0), (3, 6, 1, 0), (3, 7, 1, 0), (3, 8, 1, 0), (3, 11, 1, 0), (3, 12, 1, 0),
        (3, 9, 1, 1), (3, 10, 1, 1), (3, 13, 1, 1), (3, 15, 1, 1), (3, 3, 1, 4), (11, 0, 3, 0), (11, 1, 3, 1),
    ] {
        let o = run(&cfg_ref(), &err4(t, c, [0; 4], &inner));
        assert_eq!((o.bytes[40], o.bytes[41]), (t6, c6), "{t}/{c}");
    }
    // 3/2 ⇒ 4/1 pointer 6.
    let o = run(&cfg_ref(), &err4(3, 2, [0; 4], &inner));
    assert_eq!((o.bytes[40], o.bytes[41]), (4, 1));
    assert_eq!(&o.bytes[44..48], &[0, 0, 0, 6]);
    for (t, c) in [(3u8, 14u8), (3, 16), (12, 1), (5, 0), (4, 0)] {
        assert_eq!(run(&cfg_ref(), &err4(t, c, [0; 4], &inner)).verdict, Verdict::Drop(DropReason::IcmpUntranslatable), "{t}/{c}");
    }
}

#[test]
fn type_code_maps_64() {
    let inner = inner6(b"x");
    for (t, c, t4, c4) in [(1, 0, 3, 1), (1, 2, 3, 1), (1, 3, 3, 1), (1, 1, 3, 10), (1, 4, 3, 3), (3, 0, 11, 0), (3, 1, 11, 1), (4, 1, 3, 2)] {
        let o = run(&cfg_ref(), &err6(t, c, [0; 4], &inner));
        assert_eq!((o.bytes[20], o.bytes[21]), (t4, c4), "{t}/{c}");
    }
    for (t, c) in [(1u8, 5u8), (1, 6), (4, 2), (5, 0), (100, 0)] {
        assert_eq!(run(&cfg_ref(), &err6(t, c, [0; 4], &inner)).verdict, Verdict::Drop(DropReason::IcmpUntranslatable), "{t}/{c}");
    }
}

#[test]
fn parameter_problem_pointers() {
    let inner = inner4(b"x");
    for (p4, p6) in [(0u8, 0u32), (1, 1), (2, 4), (3, 4), (8, 7), (9, 6), (12, 8), (16, 24)] {
        let o = run(&cfg_ref(), &err4(12, 0, [p4, 0, 0, 0], &inner));
        assert_eq!((o.bytes[40], o.bytes[41]), (4, 0));
        assert_eq!(u32::from_be_bytes(o.bytes[44..48].try_into().unwrap()), p6, "v4 ptr {p4}");
    }
    for p4 in [4u8, 7, 10, 11, 20] {
        assert_eq!(run(&cfg_ref(), &err4(12, 0, [p4, 0, 0, 0], &inner)).verdict, Verdict::Drop(DropReason::IcmpPointerUnmapped));
    }
    let inner = inner6(b"x");
    for (p6, p4) in [(0u32, 0u8), (1, 1), (4, 2), (5, 2), (6, 9), (7, 8), (8, 12), (23, 12), (24, 16), (39, 16)] {
        let o = run(&cfg_ref(), &err6(4, 0, p6.to_be_bytes(), &inner));
        assert_eq!((o.bytes[20], o.bytes[21]), (12, 0));
        assert_eq!(o.bytes[24], p4, "v6 ptr {p6}");
    }
    for p6 in [2u32, 3, 40, 1000] {
        assert_eq!(run(&cfg_ref(), &err6(4, 0, p6.to_be_bytes(), &inner)).verdict, Verdict::Drop(DropReason::IcmpPointerUnmapped));
    }
}

/// SPEC 3.5 vectors with 1500 B links.
#[test]
fn mtu_vectors() {
    let inner = inner4(&[0u8; 100]);
    let frag_needed = |mtu: u16, inner: &[u8]| err4(3, 4, [0, 0, (mtu >> 8) as u8, mtu as u8], inner);
    for (fn_mtu, ptb) in [(1261u16, 1281u32), (1260, 1280), (1259, 1280)] {
        let o = run_with(&cfg_ref(), &frag_needed(fn_mtu, &inner), &meta(), &mut TestHost::mtus(1500, 1500));
        assert_eq!((o.bytes[40], o.bytes[41]), (2, 0));
        assert_eq!(u32::from_be_bytes(o.bytes[44..48].try_into().unwrap()), ptb, "FN {fn_mtu}");
    }
    // FN 0 quoting a 1500 B datagram ⇒ plateau 1492 ⇒ 1500 (only the
    // first bytes quoted; Total Length says 1500).
    let mut h = V4::new(TARGET, NS4, 17);
    h.total_len = Some(1500);
    let big = h.packet(&udp_v4(v4(TARGET), v4(NS4), 1, 2, &[0u8; 32]));
    let o = run_with(&cfg_ref(), &frag_needed(0, &big), &meta(), &mut TestHost::mtus(1500, 1500));
    assert_eq!(u32::from_be_bytes(o.bytes[44..48].try_into().unwrap()), 1500);
    // 64: PTB 1280 ⇒ 1260.
    let o = run_with(&cfg_ref(), &err6(2, 0, 1280u32.to_be_bytes(), &inner6(&[0u8; 100])), &meta(), &mut TestHost::mtus(1500, 1500));
    assert_eq!((o.bytes[20], o.bytes[21]), (3, 4));
    assert_eq!(&o.bytes[24..28], &[0, 0, (1260u16 >> 8) as u8, 1260u16 as u8]);
}

#[test]
fn bad_checksum_is_not_laundered() {
    let mut p = err4(3, 3, [0; 4], &inner4(b"x"));
    let n = p.len();
    p[n - 1] ^= 0xff;
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::IcmpBadChecksum));
    let mut p = err6(1, 4, [0; 4], &inner6(b"x"));
    let n = p.len();
    p[n - 1] ^= 0xff;
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::IcmpBadChecksum));
}

#[test]
fn error_about_error_dropped() {
    let inner_err = V4::new(TARGET, NS4, 1).packet(&icmp4(3, 1, [0; 4], &inner4(b"x")));
    assert_eq!(run(&cfg_ref(), &err4(3, 3, [0; 4], &inner_err)).verdict, Verdict::Drop(DropReason::IcmpErrorAboutError));
    let h = V6::new(TARGET_6, NS4_6);
    let inner_err = h.packet(58, &icmp6(h.src, h.dst, 1, 4, [0; 4], &inner6(b"x")));
    assert_eq!(run(&cfg_ref(), &err6(1, 4, [0; 4], &inner_err)).verdict, Verdict::Drop(DropReason::IcmpErrorAboutError));
}

#[test]
fn short_inner_header_dropped() {
    let inner = inner4(b"x");
    assert_eq!(run(&cfg_ref(), &err4(3, 3, [0; 4], &inner[..16])).verdict, Verdict::Drop(DropReason::IcmpInnerInvalid));
    let inner = inner6(b"x");
    assert_eq!(run(&cfg_ref(), &err6(1, 4, [0; 4], &inner[..36])).verdict, Verdict::Drop(DropReason::IcmpInnerInvalid));
}

#[test]
fn errors_about_errors_never_generated() {
    // TTL 1 ICMP error: dropped, not answered.
    let mut h = V4::new(NS4, TARGET, 1);
    h.ttl = 1;
    let p = h.packet(&icmp4(3, 3, [0; 4], &inner4(b"x")));
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::HopLimitExceeded));
}

#[test]
fn inner_echo_translated() {
    let inner = V4::new(TARGET, NS4, 1).echo(8, b"echo!");
    let o = run(&cfg_ref(), &err4(11, 0, [0; 4], &inner));
    let want = V6::new(TARGET_6, NS4_6).echo(128, b"echo!");
    assert_eq!(&o.bytes[48..], &want[..]);
    let o = run(&cfg_ref(), &err6(3, 0, [0; 4], &want));
    assert_eq!(&o.bytes[28 + 20..], &inner[20..]);
}

#[test]
fn inner_tcp_truncated_quote() {
    // Only 8 L4 bytes quoted: checksum field not present, passed as is.
    let full = V4::new(TARGET, NS4, 6).tcp(&[1u8; 40]);
    let o = run(&cfg_ref(), &err4(3, 1, [0; 4], &full[..28]));
    assert_eq!(&o.bytes[88..96], &full[20..28]);
    assert_eq!(u16::from_be_bytes([o.bytes[48 + 4], o.bytes[48 + 5]]), 60, "inner payload length of the original");
    // 18+ bytes quoted: incremental.
    let o = run(&cfg_ref(), &err4(3, 1, [0; 4], &full[..48]));
    let want = V6::new(TARGET_6, NS4_6).tcp(&[1u8; 40]);
    assert_eq!(&o.bytes[88..88 + 28], &want[40..40 + 28]);
}

#[test]
fn inner_fragment_gets_fragment_header() {
    let mut h = V4::new(TARGET, NS4, 17);
    h.mf = true;
    h.id = 0xbeef;
    let inner = h.packet(&udp_v4(v4(TARGET), v4(NS4), 1, 2, &[0u8; 32]));
    let o = run(&cfg_ref(), &err4(3, 1, [0; 4], &inner));
    assert_eq!(o.bytes[48 + 6], 44);
    assert_eq!(&o.bytes[88 + 4..96], &[0, 0, 0xbe, 0xef]);
    assert_eq!(o.bytes.len(), 48 + 48 + 40);
    // 64: inner FH ⇒ MF/offset/ID.
    let inner = V6::new(TARGET_6, NS4_6).with_ext(44, fh(0, true, 0x01020408)).packet(17, &udp_v6(v6(TARGET_6), v6(NS4_6), 1, 2, &[0u8; 32]));
    let o = run(&cfg_ref(), &err6(1, 0, [0; 4], &inner));
    let ih = &o.bytes[28..48];
    assert_eq!(&ih[4..6], &[0x04, 0x08]);
    assert_eq!(ih[6] & 0x20, 0x20, "MF");
    assert_eq!(o.bytes.len(), 28 + 20 + 40);
}

/// SPEC 5.7: ICMPv4 error 1500 B ⇒ ICMPv6 1280 B (quote 1232); ICMPv6
/// error 700 B ⇒ ICMPv4 576 B (quote 548).
#[test]
fn size_caps() {
    let inner = inner4(&vec![7u8; 1500 - 28 - 28]);
    let p = err4(3, 1, [0; 4], &inner);
    assert_eq!(p.len(), 1500);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 1280);
    let inner = inner6(&vec![7u8; 700 - 48 - 48]);
    let p = err6(1, 0, [0; 4], &inner);
    assert_eq!(p.len(), 700);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 576);
}

/// A quoted packet with padding and an extension (RFC 4884).
fn with_ext(quote: &[u8], field: usize, ext_len: usize) -> Vec<u8> {
    let mut b = quote.to_vec();
    b.resize(field, 0);
    let mut ext = vec![0u8; ext_len];
    ext[0] = 0x20; // version 2
    for (i, x) in ext.iter_mut().enumerate().skip(4) {
        *x = i as u8;
    }
    b.extend_from_slice(&ext);
    b
}

/// ICMPv6 1/4 length 19 (152 B quote, 20 B ext) ⇒ ICMPv4 3/3 length 33 (132 B).
#[test]
fn rfc4884_64_basic() {
    let inner = inner6(&vec![1u8; 152 - 48]);
    let body = with_ext(&inner, 152, 20);
    let o = run(&cfg_ref(), &err6(1, 4, [19, 0, 0, 0], &body));
    assert_eq!(o.bytes[25], 33);
    assert_eq!(o.bytes.len(), 20 + 8 + 132 + 20);
    assert_eq!(&o.bytes[160..], &body[152..]);
}

/// ICMPv4 len 32 with a 126 B quote ⇒ ICMPv6 len 18 (146 cut to 144).
#[test]
fn rfc4884_46_basic() {
    let inner = inner4(&vec![1u8; 126 - 28]);
    let body = with_ext(&inner, 128, 24);
    let o = run(&cfg_ref(), &err4(3, 1, [0, 32, 0, 0], &body));
    assert_eq!(o.bytes[44], 18);
    assert_eq!(o.bytes.len(), 40 + 8 + 144 + 24);
    assert_eq!(&o.bytes[40 + 8 + 144..], &body[128..]);
}

/// ICMPv4 len 7 (28 B) + 40 B ext ⇒ ICMPv6 len 16 (48 B + 80 pad): the
/// output is longer than the input (headroom, never tailroom).
#[test]
fn rfc4884_46_padding_grows() {
    let inner = inner4(b"");
    let body = with_ext(&inner, 28, 40);
    let o = run(&cfg_ref(), &err4(3, 1, [0, 7, 0, 0], &body));
    assert_eq!(o.bytes[44], 16);
    assert_eq!(o.bytes.len(), 40 + 8 + 128 + 40);
    assert!(o.bytes[48 + 48..48 + 128].iter().all(|&b| b == 0));
    assert_eq!(&o.bytes[48 + 128..], &body[28..]);
}

/// 46: ICMPv4 len 255 + 1104 B ext ⇒ 1280 B ICMPv6, len 16.
#[test]
fn rfc4884_46_ext_priority() {
    let inner = inner4(&vec![3u8; 1020 - 28]);
    let body = with_ext(&inner, 1020, 1104);
    let p = err4(3, 1, [0, 255, 0, 0], &body);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 1280);
    assert_eq!(o.bytes[44], 16);
    assert_eq!(&o.bytes[48 + 128..], &body[1020..]);
}

/// 64: 128 B quote + 420 B ext ⇒ 576 B, len 32; + 421 B ⇒ removed, 136 B.
#[test]
fn rfc4884_64_cap() {
    let inner = inner6(&vec![3u8; 128 - 48]);
    let body = with_ext(&inner, 128, 420);
    let o = run(&cfg_ref(), &err6(1, 4, [16, 0, 0, 0], &body));
    assert_eq!(o.bytes.len(), 576);
    assert_eq!(o.bytes[25], 32, "108 B quote padded to 128");
    let body = with_ext(&inner, 128, 421);
    let o = run(&cfg_ref(), &err6(1, 4, [16, 0, 0, 0], &body));
    assert_eq!(o.bytes[25], 0);
    assert_eq!(o.bytes.len(), 28 + 108);
}

/// ICMPv6 len 16 = 122 B + 6 pad ⇒ ICMPv4 len 32 = 102 B + 26 pad.
#[test]
fn rfc4884_64_padding() {
    let inner = inner6(&vec![3u8; 122 - 48]);
    let body = with_ext(&inner, 128, 16);
    let o = run(&cfg_ref(), &err6(1, 4, [16, 0, 0, 0], &body));
    assert_eq!(o.bytes[25], 32);
    assert_eq!(o.bytes.len(), 28 + 128 + 16);
    assert!(o.bytes[28 + 102..28 + 128].iter().all(|&b| b == 0));
}

/// SPEC 5.9: ICMPv6 error from an unmappable source ⇒ 192.0.0.8.
#[test]
fn unmappable_error_source_uses_dummy() {
    let h = V6::new("2001:db8:1::1", NS4_6);
    let p = h.packet(58, &icmp6(h.src, h.dst, 3, 0, [0; 4], &inner6(b"x")));
    let o = run(&cfg_ref(), &p);
    assert_eq!(&o.bytes[12..16], &[192, 0, 0, 8]);
    // fe80:: source too.
    let h = V6::new("fe80::1", NS4_6);
    let p = h.packet(58, &icmp6(h.src, h.dst, 3, 0, [0; 4], &inner6(b"x")));
    assert_eq!(&run(&cfg_ref(), &p).bytes[12..16], &[192, 0, 0, 8]);
    // Echo from unmappable: no fallback (1/5 reject).
    let p = V6::new("2001:db8:1::1", NS4_6).echo(128, b"x");
    assert!(matches!(run(&cfg_ref(), &p).verdict, Verdict::Reject(_, DropReason::SrcUnmapped)));
}

/// 46: ICMPv4 errors from "illegal" sources are translated (RFC 7915).
#[test]
fn icmp4_error_from_loopback_source() {
    let p = V4::new("127.0.0.1", TARGET, 1).packet(&icmp4(3, 3, [0; 4], &inner4(b"x")));
    let o = run(&cfg_ref(), &p);
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:17f:0:1::"));
}

#[test]
fn fragmented_icmpv6_dropped_atomic_ok() {
    let p = V6::new(TARGET_6, NS4_6).with_ext(44, fh(0, true, 5)).echo(128, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::FragmentedIcmp));
    let p = V6::new(TARGET_6, NS4_6).with_ext(44, fh(0, false, 5)).echo(128, b"x");
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes[20], 8);
    assert_eq!(&o.bytes[4..6], &[0, 5]);
}
